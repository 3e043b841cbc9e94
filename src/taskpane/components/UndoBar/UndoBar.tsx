/**
 * What the last fix batch did, under the pane's commands: how many cells were fixed (and that
 * the workbook was checked again), which were skipped because the person changed them after the
 * preview (what they typed is kept) or because their sheet is protected, and 「復原」, which puts
 * back exactly what the batch replaced. After 復原: how many cells were restored and which were
 * left because they changed again.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ArrowUndo16Regular, Dismiss20Regular } from "@fluentui/react-icons";
import type { SkippedEdit } from "../../../workbook/gateway";
import { toPaneError } from "../../errors";
import type { Strings } from "../../i18n";
import { useStrings } from "../../language";
import { cellLabel, useFixContext } from "../FixControls/FixControls";

/** Up to five cells, then "…": 「經費表!G7、經費表!J7」 / "經費表!G7, 經費表!J7". */
export function cellList(skipped: readonly SkippedEdit[], separator: string): string {
  const cells = [...new Set(skipped.map((skip) => cellLabel(skip.edit)))];
  return cells.length > 5 ? `${cells.slice(0, 5).join(separator)}${separator}…` : cells.join(separator);
}

function lines(strings: Strings, separator: string, kind: "fix" | "undo", skipped: readonly SkippedEdit[]): string[] {
  const changed = skipped.filter((skip) => skip.reason === "changed");
  const locked = skipped.filter((skip) => skip.reason === "protected");
  const out: string[] = [];
  if (changed.length > 0) out.push(kind === "fix" ? strings.fixes.skippedChanged(cellList(changed, separator)) : strings.fixes.undoSkipped(cellList(changed, separator)));
  if (locked.length > 0) out.push(strings.fixes.skippedProtected(cellList(locked, separator)));
  return out;
}

export function UndoBar() {
  const fixes = useFixContext();
  const { language, strings } = useStrings();
  if (!fixes) return null;
  const separator = language === "zh-TW" ? "、" : ", ";
  if (fixes.error !== undefined) {
    const { key, detail } = toPaneError(fixes.error, "write-failed");
    const text = strings.errors[key];
    return (
      <MessageBar intent="error" layout="multiline" data-testid="fix-error" politeness="assertive">
        <MessageBarBody>
          <MessageBarTitle>{text.title}</MessageBarTitle>
          {text.action}
          {detail && ` (${detail})`}
        </MessageBarBody>
        <MessageBarActions containerAction={<Button appearance="transparent" aria-label={strings.dismiss} icon={<Dismiss20Regular />} onClick={fixes.dismiss} />} />
      </MessageBar>
    );
  }
  const batch = fixes.last;
  if (!batch) return null;
  const { outcome, kind } = batch;
  const title =
    kind === "undo" ? strings.fixes.undone(batch.cells) : outcome.applied.length > 0 ? strings.fixes.applied(batch.cells) : strings.fixes.nothingApplied;
  const details = lines(strings, separator, kind, outcome.skipped);
  if (batch.held > 0) details.push(strings.fixes.held(batch.held));
  const intent = outcome.skipped.length > 0 || batch.held > 0 ? "warning" : "success";
  return (
    <MessageBar intent={intent} layout="multiline" data-testid="undo-bar" data-kind={kind}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {details.map((line) => (
          <span key={line} style={{ display: "block" }} data-testid="fix-skipped">
            {line}
          </span>
        ))}
      </MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" aria-label={strings.dismiss} icon={<Dismiss20Regular />} onClick={fixes.dismiss} />}>
        {kind === "fix" && fixes.canUndo && (
          <Button size="small" icon={<ArrowUndo16Regular />} disabled={fixes.busy} onClick={() => void fixes.undo()} data-testid="undo-button">
            {strings.fixes.undo}
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
