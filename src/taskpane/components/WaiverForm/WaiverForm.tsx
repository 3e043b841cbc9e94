import { Button, Caption1, Field, Spinner, Text, Textarea } from "@fluentui/react-components";
import { ArrowUndo16Regular, ShieldCheckmark16Filled } from "@fluentui/react-icons";
import { type FormEvent, useRef, useState } from "react";
import type { Waiver } from "../../../engine/types";
import { useAsyncTask } from "../../hooks/useAsyncTask";
import { useStrings } from "../../language";
import { useWaiverFormStyles } from "./WaiverForm.styles";

export interface WaiverFormProps {
  /** Saves the waiver; resolves true when stored. */
  onWaive: (reason: string) => Promise<boolean>;
}

/** The reason a person accepts a finding; a waiver without a reason is refused. */
export function WaiverForm({ onWaive }: WaiverFormProps) {
  const styles = useWaiverFormStyles();
  const { strings } = useStrings();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const save = useAsyncTask(async (_report, text: string) => onWaive(text));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (text === "") {
      setMissing(true);
      input.current?.focus();
      return;
    }
    void save.run(text);
  };

  const saving = save.status === "running";
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label={strings.waiver.heading}>
      <Field
        label={strings.waiver.reason}
        required
        hint={strings.waiver.reasonHint}
        validationState={missing && reason.trim() === "" ? "error" : "none"}
        validationMessage={missing && reason.trim() === "" ? strings.waiver.reasonRequired : undefined}
      >
        <Textarea
          ref={input}
          value={reason}
          resize="vertical"
          rows={2}
          onChange={(_event, data) => setReason(data.value)}
          data-testid="waiver-reason"
        />
      </Field>
      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          size="small"
          disabledFocusable={saving}
          icon={saving ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ShieldCheckmark16Filled />}
          data-testid="waiver-submit"
        >
          {saving ? strings.waiver.saving : strings.waiver.submit}
        </Button>
      </div>
    </form>
  );
}

export interface ExistingWaiverProps {
  waiver: Waiver;
  onRemove: () => void;
  removing: boolean;
}

/** A waiver already stored: its reason, who and when, and a way to take it back. */
export function ExistingWaiver({ waiver, onRemove, removing }: ExistingWaiverProps) {
  const styles = useWaiverFormStyles();
  const { strings } = useStrings();
  return (
    <div className={styles.existing} data-testid="existing-waiver">
      <Text className={styles.existingTitle}>
        <ShieldCheckmark16Filled aria-hidden="true" />
        {strings.waiver.existing}
      </Text>
      <Text className={styles.reason}>{waiver.reason}</Text>
      {(waiver.by || waiver.at) && (
        <Caption1 className={styles.meta}>
          {waiver.by && <span>{strings.waiver.by(waiver.by)}</span>}
          {waiver.at && <span>{strings.waiver.at(waiver.at)}</span>}
        </Caption1>
      )}
      <div>
        <Button size="small" appearance="secondary" icon={<ArrowUndo16Regular />} onClick={onRemove} disabledFocusable={removing}>
          {strings.waiver.remove}
        </Button>
      </div>
    </div>
  );
}
