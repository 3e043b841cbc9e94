import { makeStyles, tokens } from "@fluentui/react-components";

export const useFindingsListStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    display: "flex",
    alignItems: "baseline",
    gap: tokens.spacingHorizontalS,
  },
  total: {
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  navigation: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXXS,
  },
  position: {
    color: tokens.colorNeutralForeground3,
    fontVariantNumeric: "tabular-nums",
    minWidth: "4em",
    textAlign: "center",
    whiteSpace: "nowrap",
  },
  filters: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  sheetSelect: {
    flexGrow: 1,
    minWidth: "120px",
  },
  shortcuts: {
    color: tokens.colorNeutralForeground3,
  },
  items: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  more: {
    alignSelf: "center",
  },
  empty: {
    color: tokens.colorNeutralForeground3,
    padding: `${tokens.spacingVerticalM} 0`,
    textAlign: "center",
  },
});
