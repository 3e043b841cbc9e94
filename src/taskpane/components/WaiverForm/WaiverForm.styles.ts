import { makeStyles, tokens } from "@fluentui/react-components";

export const useWaiverFormStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  actions: {
    display: "flex",
    justifyContent: "flex-end",
  },
  existing: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke1}`,
  },
  existingTitle: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  reason: {
    overflowWrap: "anywhere",
    whiteSpace: "pre-wrap",
  },
  meta: {
    color: tokens.colorNeutralForeground3,
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
  },
});
