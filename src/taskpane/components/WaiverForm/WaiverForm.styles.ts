import { makeStyles, tokens } from "@fluentui/react-components";

export const useWaiverFormStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  actions: {
    display: "flex",
    alignItems: "center",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalS,
  },
  count: {
    marginRight: "auto",
    color: tokens.colorNeutralForeground3,
  },
  countMet: {
    marginRight: "auto",
    color: tokens.colorPaletteGreenForeground1,
  },
  errorNote: {
    color: tokens.colorNeutralForeground2,
  },
  author: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  refused: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  refusedIcon: {
    flexShrink: 0,
    marginTop: "1px",
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
