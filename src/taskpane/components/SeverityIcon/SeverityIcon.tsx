import { mergeClasses } from "@fluentui/react-components";
import {
  ErrorCircle16Filled,
  ErrorCircle20Filled,
  Info16Filled,
  Info20Filled,
  ShieldCheckmark16Filled,
  ShieldCheckmark20Filled,
  Warning16Filled,
  Warning20Filled,
} from "@fluentui/react-icons";
import type { Severity } from "../../../engine/types";
import { useSeverityIconStyles } from "./SeverityIcon.styles";

export type SeverityTone = Severity | "waived";

const ICONS = {
  16: { error: ErrorCircle16Filled, warning: Warning16Filled, info: Info16Filled, waived: ShieldCheckmark16Filled },
  20: { error: ErrorCircle20Filled, warning: Warning20Filled, info: Info20Filled, waived: ShieldCheckmark20Filled },
} as const;

export interface SeverityIconProps {
  tone: SeverityTone;
  size?: 16 | 20;
  className?: string;
}

/** The severity's icon in its colour; decorative (the text beside it names the severity). */
export function SeverityIcon({ tone, size = 16, className }: SeverityIconProps) {
  const styles = useSeverityIconStyles();
  const Icon = ICONS[size][tone];
  return (
    <span className={mergeClasses(styles.root, styles[tone], className)} aria-hidden="true">
      <Icon />
    </span>
  );
}
