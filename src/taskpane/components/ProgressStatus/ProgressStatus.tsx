import { Caption1, ProgressBar, Spinner } from "@fluentui/react-components";
import type { Progress } from "../../../workbook/gateway";
import { stageLabel } from "../../i18n";
import { useStrings } from "../../language";
import { useProgressStatusStyles } from "./ProgressStatus.styles";

export interface ProgressStatusProps {
  progress: Progress | null;
}

/** A spinner with the current stage, and a bar when the stage reports how far it is. */
export function ProgressStatus({ progress }: ProgressStatusProps) {
  const styles = useProgressStatusStyles();
  const { strings } = useStrings();
  const label = progress ? stageLabel(strings, progress.stage) : strings.working;
  const fraction = progress && progress.fraction > 0 ? Math.min(1, progress.fraction) : undefined;
  return (
    <div className={styles.root} role="status" aria-live="polite" data-testid="progress">
      <div className={styles.label}>
        <Spinner size="extra-tiny" aria-hidden="true" />
        <Caption1>{`${label}…`}</Caption1>
      </div>
      <ProgressBar thickness="medium" value={fraction} aria-label={label} />
    </div>
  );
}
