import { makeStyles, tokens } from "@fluentui/react-components";

export const useCommandPanelStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  validate: {
    width: "100%",
  },
  switches: {
    display: "flex",
    flexDirection: "column",
  },
  switch: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  live: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    paddingLeft: tokens.spacingHorizontalXXL,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
    paddingLeft: tokens.spacingHorizontalXXL,
  },
});
