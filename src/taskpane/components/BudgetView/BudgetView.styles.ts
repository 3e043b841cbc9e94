import { makeStyles, tokens } from "@fluentui/react-components";

export const useBudgetViewStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  table: {
    width: "100%",
    borderCollapse: "collapse",
    tableLayout: "fixed",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontVariantNumeric: "tabular-nums",
  },
  categoryColumn: {
    width: "28%",
  },
  headerCell: {
    textAlign: "end",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    padding: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  rowHeader: {
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXXS} 0`,
    overflowWrap: "anywhere",
  },
  amount: {
    textAlign: "end",
    padding: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    overflowWrap: "anywhere",
  },
  totalRow: {
    fontWeight: tokens.fontWeightSemibold,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  unit: {
    color: tokens.colorNeutralForeground3,
  },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  block: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  parts: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  term: {
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  value: {
    margin: 0,
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
  },
  strong: {
    fontWeight: tokens.fontWeightSemibold,
  },
  over: {
    color: tokens.colorStatusDangerForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});
