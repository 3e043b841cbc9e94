import { makeStyles, tokens } from "@fluentui/react-components";

export const useStatusMessageStyles = makeStyles({
  body: {
    overflowWrap: "anywhere",
  },
  detail: {
    display: "block",
    marginTop: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});
