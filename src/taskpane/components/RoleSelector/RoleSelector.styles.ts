import { makeStyles, tokens } from "@fluentui/react-components";

export const useRoleSelectorStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  row: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  label: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    flexShrink: 0,
    color: tokens.colorNeutralForeground2,
  },
  select: {
    flexGrow: 1,
    minWidth: 0,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
});
