import { makeStyles, tokens } from "@fluentui/react-components";

export const useActionBarStyles = makeStyles({
  root: {
    // Compact: buttons as wide as their labels, wrapping, so the findings start high in a narrow pane.
    display: "flex",
    flexWrap: "wrap",
    columnGap: 0,
    rowGap: tokens.spacingVerticalXXS,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    marginRight: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  button: {
    justifyContent: "flex-start",
    textAlign: "start",
    minWidth: 0,
    fontWeight: tokens.fontWeightRegular,
  },
  reviewer: {
    flexBasis: "100%",
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXXS,
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS}`,
  },
  reviewerHint: {
    color: tokens.colorNeutralForeground2,
  },
});
