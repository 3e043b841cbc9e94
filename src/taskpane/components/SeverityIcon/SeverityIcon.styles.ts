import { makeStyles, tokens } from "@fluentui/react-components";

export const useSeverityIconStyles = makeStyles({
  root: { flexShrink: 0, display: "inline-flex" },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  waived: { color: tokens.colorNeutralForeground3 },
});
