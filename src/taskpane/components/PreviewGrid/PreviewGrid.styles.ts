import { makeStyles, shorthands, tokens } from "@fluentui/react-components";
import { FLAG_FORMATS } from "../../../workbook/flagMarks";

/** A flagged cell looks as the flag's conditional format makes it look in Excel, plus an edge. */
function flagLook(style: keyof typeof FLAG_FORMATS) {
  const format = FLAG_FORMATS[style];
  return {
    backgroundColor: format.fill,
    color: format.fontColor,
    boxShadow: `inset 3px 0 0 ${format.fontColor}`,
    ...(format.strikethrough ? { textDecorationLine: "line-through" } : {}),
  };
}

export const usePreviewGridStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    minHeight: 0,
    height: "100%",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  tabs: {
    flexShrink: 0,
    overflowX: "auto",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: `0 ${tokens.spacingHorizontalS}`,
  },
  tabCount: {
    marginLeft: tokens.spacingHorizontalXS,
  },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflow: "auto",
    position: "relative",
  },
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontVariantNumeric: "tabular-nums",
  },
  corner: {
    position: "sticky",
    top: 0,
    left: 0,
    zIndex: 3,
    backgroundColor: tokens.colorNeutralBackground3,
    ...shorthands.borderRight(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1),
    ...shorthands.borderBottom(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1),
    minWidth: "40px",
  },
  columnHeader: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    ...shorthands.borderRight(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    ...shorthands.borderBottom(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1),
    textAlign: "center",
    minWidth: "72px",
  },
  rowHeader: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    padding: `0 ${tokens.spacingHorizontalS}`,
    ...shorthands.borderRight(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1),
    ...shorthands.borderBottom(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    textAlign: "end",
  },
  headerActive: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  cell: {
    position: "relative",
    // Room for the sticky headers when a selected cell is scrolled into view.
    scrollMarginTop: "32px",
    scrollMarginLeft: "48px",
    height: "24px",
    maxWidth: "240px",
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    ...shorthands.borderRight(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    ...shorthands.borderBottom(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    color: tokens.colorNeutralForeground1,
  },
  number: {
    textAlign: "end",
  },
  error: flagLook("error"),
  warning: flagLook("warning"),
  info: flagLook("info"),
  waived: flagLook("waived"),
  selected: {
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-2px",
    zIndex: 0,
    animationName: {
      from: { backgroundColor: tokens.colorBrandBackground2Hover },
    },
    animationDuration: "900ms",
    animationTimingFunction: "ease-out",
    "@media (prefers-reduced-motion: reduce)": {
      animationName: "none",
    },
  },
  note: {
    flexShrink: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground3,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  empty: {
    padding: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground3,
  },
});
