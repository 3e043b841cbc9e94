import { makeStyles, tokens } from "@fluentui/react-components";

export const useExportTextDialogStyles = makeStyles({
  text: {
    width: "100%",
    minHeight: "160px",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  status: {
    color: tokens.colorNeutralForeground3,
  },
});
