import { makeStyles, tokens } from "@fluentui/react-components";

/** Below this width the grid sits above the pane instead of beside it. */
export const STACKED_BELOW = "760px";

export const usePreviewShellStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    height: "100vh",
    minWidth: 0,
    overflow: "hidden",
    [`@media (max-width: ${STACKED_BELOW})`]: {
      height: "auto",
      minHeight: "100vh",
      overflow: "visible",
    },
  },
  notices: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`,
  },
  main: {
    display: "flex",
    flexGrow: 1,
    minHeight: 0,
    minWidth: 0,
    [`@media (max-width: ${STACKED_BELOW})`]: {
      flexDirection: "column",
    },
  },
  workbook: {
    flexGrow: 1,
    minWidth: 0,
    minHeight: 0,
    display: "flex",
    flexDirection: "column",
    [`@media (max-width: ${STACKED_BELOW})`]: {
      height: "42vh",
      flexGrow: 0,
      flexShrink: 0,
    },
  },
  pane: {
    flexShrink: 0,
    width: "clamp(320px, 30vw, 400px)",
    overflowY: "auto",
    overflowX: "hidden",
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    boxShadow: tokens.shadow4,
    [`@media (max-width: ${STACKED_BELOW})`]: {
      width: "100%",
      overflowY: "visible",
      borderLeft: "none",
      boxShadow: "none",
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  loading: {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    padding: tokens.spacingVerticalXXXL,
    flexGrow: 1,
  },
});
