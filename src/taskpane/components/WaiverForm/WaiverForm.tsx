import { Button, Caption1, Field, Input, Link, Spinner, Text, Textarea } from "@fluentui/react-components";
import { ArrowUndo16Regular, LockClosed16Regular, ShieldCheckmark16Filled } from "@fluentui/react-icons";
import { type FormEvent, useRef, useState } from "react";
import { exceptionNoteRefusal, type ExceptionNoteRefusal, mayExplainErrors } from "../../../engine/exceptionNotes";
import type { Role, Severity, Waiver } from "../../../engine/types";
import type { RulePack } from "../../../rules/schema";
import { useAsyncTask } from "../../hooks/useAsyncTask";
import { useStrings } from "../../language";
import { isRole } from "../../settings";
import { useWaiverFormStyles } from "./WaiverForm.styles";

/** Who is writing, under which rule pack's policy: what every exception note form needs. */
export interface NoteAuthor {
  /** The rule pack's exceptionNotes: the roles that may explain errors, the shortest reason. */
  policy: Pick<RulePack, "exceptionNotes">;
  role: Role;
  /** The remembered name ("" until typed once). */
  name: string;
  onNameChange: (name: string) => void;
}

export interface WaiverFormProps {
  severity: Severity;
  author: NoteAuthor;
  /** Saves the note under `name`; resolves true when stored. */
  onWaive: (reason: string, name: string) => Promise<boolean>;
}

/** The characters of a reason as the engine counts them (code points, trimmed). */
function reasonLength(reason: string): number {
  return [...reason.trim()].length;
}

/**
 * An exception note (例外說明): why a finding is acceptable, by whom. Warnings and info may be
 * explained by anyone; an error only in the roles the rule pack names (elsewhere the form is
 * replaced by who can explain it) and with a reason of the pack's minimum length.
 */
export function WaiverForm({ severity, author, onWaive }: WaiverFormProps) {
  const styles = useWaiverFormStyles();
  const { strings } = useStrings();
  const [reason, setReason] = useState("");
  const [typedName, setTypedName] = useState(author.name);
  const [editingName, setEditingName] = useState(author.name === "");
  const [refusal, setRefusal] = useState<ExceptionNoteRefusal | null>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const save = useAsyncTask(async (_report, text: string, name: string) => onWaive(text, name));
  const { policy, role } = author;
  const min = policy.exceptionNotes.minReasonLength;
  const isError = severity === "error";

  if (isError && !mayExplainErrors(policy, role)) {
    const roles = policy.exceptionNotes.errorRoles.filter(isRole).map((allowed) => strings.roles[allowed]);
    return (
      <p className={styles.refused} data-testid="waiver-refused">
        <LockClosed16Regular aria-hidden="true" className={styles.refusedIcon} />
        <span>{strings.waiver.refused(roles)}</span>
      </p>
    );
  }

  const name = editingName ? typedName : author.name;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const why = exceptionNoteRefusal(policy, { finding: { severity }, role, reason, name });
    setRefusal(why);
    if (why === "no-name") {
      nameInput.current?.focus();
      return;
    }
    if (why !== null) {
      reasonInput.current?.focus();
      return;
    }
    if (editingName) {
      author.onNameChange(name);
      setEditingName(false);
    }
    void save.run(reason.trim(), name.trim());
  };

  // A refusal shows until what caused it is corrected.
  const nameMissing = refusal === "no-name" && name.trim() === "";
  const reasonMessage =
    refusal === "empty" && reason.trim() === ""
      ? strings.waiver.reasonRequired
      : refusal === "too-short" && reasonLength(reason) < min
        ? strings.waiver.reasonTooShort(min)
        : undefined;
  const saving = save.status === "running";
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label={strings.waiver.heading}>
      {isError && <Caption1 className={styles.errorNote}>{strings.waiver.errorNote}</Caption1>}
      {editingName ? (
        <Field
          label={strings.waiver.name}
          required
          hint={strings.waiver.nameHint}
          validationState={nameMissing ? "error" : "none"}
          validationMessage={nameMissing ? strings.waiver.nameRequired : undefined}
        >
          <Input ref={nameInput} value={typedName} autoComplete="name" onChange={(_event, data) => setTypedName(data.value)} data-testid="waiver-name" />
        </Field>
      ) : (
        <Caption1 className={styles.author} data-testid="waiver-author">
          <span>{strings.waiver.writingAs(author.name, strings.roles[role])}</span>
          <Link
            as="button"
            type="button"
            onClick={() => {
              setTypedName(author.name);
              setEditingName(true);
            }}
          >
            {strings.waiver.changeName}
          </Link>
        </Caption1>
      )}
      <Field
        label={strings.waiver.reason}
        required
        hint={isError ? undefined : strings.waiver.reasonHint}
        validationState={reasonMessage ? "error" : "none"}
        validationMessage={reasonMessage}
      >
        <Textarea
          ref={reasonInput}
          value={reason}
          resize="vertical"
          rows={2}
          onChange={(_event, data) => setReason(data.value)}
          data-testid="waiver-reason"
        />
      </Field>
      <div className={styles.actions}>
        {isError && (
          <Caption1
            className={reasonLength(reason) >= min ? styles.countMet : styles.count}
            aria-live="polite"
            data-testid="waiver-count"
          >
            {strings.waiver.reasonCount(reasonLength(reason), min)}
          </Caption1>
        )}
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

/** An exception note already stored: its reason, who wrote it in which role and when, and a way to withdraw it. */
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
      {(waiver.by || waiver.role || waiver.at) && (
        <Caption1 className={styles.meta} data-testid="waiver-meta">
          {waiver.by && <span>{strings.waiver.by(waiver.by)}</span>}
          {waiver.role && <span>{strings.waiver.role(strings.roles[waiver.role])}</span>}
          {waiver.at && <span>{strings.waiver.at(strings.waiver.date(waiver.at))}</span>}
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
