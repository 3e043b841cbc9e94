import { makeStaticStyles, makeStyles, tokens } from "@fluentui/react-components";

/** The page itself: the pane fills it edge to edge. */
export const usePageStyles = makeStaticStyles({
  body: { margin: 0 },
});

export const useAppRootStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});
