import { makeStyles, tokens } from "@fluentui/react-components";

export const useActionBarStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(136px, 1fr))",
    gap: tokens.spacingVerticalXXS,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    marginRight: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  button: {
    justifyContent: "flex-start",
    textAlign: "start",
    minWidth: 0,
    fontWeight: tokens.fontWeightRegular,
  },
});
