import { Button, Caption1, Spinner, Switch, Tooltip } from "@fluentui/react-components";
import { CheckmarkCircle16Regular, Play20Filled } from "@fluentui/react-icons";
import type { Progress } from "../../../workbook/gateway";
import type { LiveState } from "../../hooks/useLiveValidation";
import { useStrings } from "../../language";
import { ProgressStatus } from "../ProgressStatus/ProgressStatus";
import { useCommandPanelStyles } from "./CommandPanel.styles";

export interface CommandPanelProps {
  running: boolean;
  progress: Progress | null;
  hasResult: boolean;
  onValidate: () => void;
  /** Offered only where the host supports it (inside Excel). */
  liveAvailable: boolean;
  live: boolean;
  liveState: LiveState;
  /** Live validation keeps the findings current but leaves the flags to the person (hosts without API undo). */
  liveListOnly?: boolean;
  onLiveChange: (on: boolean) => void;
  flagOnValidate: boolean;
  /** False where flags always show (the browser preview's grid): the option is not offered. */
  flagOptionShown?: boolean;
  onFlagOnValidateChange: (on: boolean) => void;
}

/** The main action (validate), its options and its progress. */
export function CommandPanel(props: CommandPanelProps) {
  const styles = useCommandPanelStyles();
  const { strings } = useStrings();
  const { running, progress, hasResult, liveAvailable, live, liveState } = props;
  const liveText =
    liveState === "pending" || liveState === "running" || liveState === "idle" ? strings.liveStatus[liveState] : undefined;

  return (
    <div className={styles.root}>
      <Button
        className={styles.validate}
        appearance="primary"
        icon={running ? <Spinner size="tiny" appearance="inverted" aria-hidden="true" /> : <Play20Filled />}
        disabledFocusable={running}
        onClick={props.onValidate}
        data-testid="validate"
      >
        {running ? strings.validating : hasResult ? strings.revalidate : strings.validate}
      </Button>
      <div className={styles.switches}>
        {liveAvailable && (
          <Tooltip content={strings.liveValidationHint} relationship="description">
            <Switch
              className={styles.switch}
              checked={live}
              label={strings.liveValidation}
              onChange={(_event, data) => props.onLiveChange(data.checked)}
            />
          </Tooltip>
        )}
        {liveAvailable && live && liveText && (
          <Caption1 className={styles.live} role="status">
            {liveState === "idle" ? <CheckmarkCircle16Regular aria-hidden="true" /> : <Spinner size="extra-tiny" aria-hidden="true" />}
            {liveText}
          </Caption1>
        )}
        {liveAvailable && live && props.liveListOnly && (
          <Caption1 className={styles.hint} data-testid="live-list-only">
            {strings.liveListOnly}
          </Caption1>
        )}
        {props.flagOptionShown !== false && (
          <Tooltip content={strings.flagOnValidateHint} relationship="description">
            <Switch
              className={styles.switch}
              checked={props.flagOnValidate}
              label={strings.flagOnValidate}
              onChange={(_event, data) => props.onFlagOnValidateChange(data.checked)}
            />
          </Tooltip>
        )}
      </div>
      {running && <ProgressStatus progress={progress} />}
    </div>
  );
}
