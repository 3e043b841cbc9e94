/**
 * Quick fixes in the task pane: the engine's fixes and suggestions for the last check, applying
 * a batch of edits through the gateway (which skips cells changed since the preview), checking
 * again, and 復原 — the pane keeps what the last batch replaced (the gateway's undo edits) and
 * puts it back; Excel's own undo does not cover add-in writes on every host.
 */
import { useCallback, useMemo, useState } from "react";
import { applyEdits, applyFixes, applySafely, proposeFixes } from "../../engine/fixes";
import type { CellEdit, Finding, Fix, FixSuggestion, ValidationResult, WorkbookSnapshot } from "../../engine/types";
import { createValidator } from "../../engine/validate";
import type { EditOutcome, WorkbookGateway } from "../../workbook/gateway";

/** What the last batch did, for the message under the commands and its 復原 button. */
export interface FixBatch {
  kind: "fix" | "undo";
  outcome: EditOutcome;
  /** Distinct cells written. */
  cells: number;
  /** Fixes applied whole. */
  fixes: number;
  /** Fixes left out because, with the others, they would add a finding or their cells were changed by another (they come back after the check). */
  held: number;
}

export interface FixesState {
  fixFor: (fingerprint: string) => Fix | undefined;
  suggestionFor: (fingerprint: string) => FixSuggestion | undefined;
  /** Fixes of one rule among the findings given (fix all of this kind). */
  fixesOf: (fingerprints: readonly string[]) => Fix[];
  /**
   * The fixes that, applied alone, remove their finding and add none (checked when a preview
   * opens, not for every fix after every check: a budget of hundreds of rows would wait seconds).
   */
  safe: (fixes: readonly Fix[]) => Fix[];
  /**
   * Applies fixes (one, all of a kind, a picked suggestion as a fix), then checks again. A fix is
   * applied whole or not at all: when the person changed one of its cells, its other cells are
   * put back too. Fixes that touch the same cells as an earlier one wait for the next check.
   */
  apply: (fixes: Fix[], options?: { verify?: boolean }) => Promise<FixBatch | null>;
  /** Puts back what the last batch replaced, then checks again. */
  undo: () => Promise<FixBatch | null>;
  /** The last batch (null before any, or once dismissed). */
  last: FixBatch | null;
  /** Whether the last fix batch can be undone. */
  canUndo: boolean;
  busy: boolean;
  error: unknown;
  dismiss: () => void;
}

function identity(finding: Finding): string {
  return `${finding.ruleId}|${finding.sheet}|${finding.cell}|${finding.variant ?? ""}`;
}

function countIdentities(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(identity(finding), (counts.get(identity(finding)) ?? 0) + 1);
  return counts;
}

function distinctCells(edits: readonly CellEdit[]): number {
  return new Set(edits.map((edit) => `${edit.sheet}!${edit.cell}`)).size;
}

export interface UseFixesOptions {
  gateway: WorkbookGateway;
  snapshot: WorkbookSnapshot | null;
  result: ValidationResult | null;
  /** Checks again after a batch (the pane's validate, which also updates flags). */
  revalidate: () => Promise<void>;
  /** Reviewers never write: no fixes at all. */
  enabled: boolean;
}

export function useFixes({ gateway, snapshot, result, revalidate, enabled }: UseFixesOptions): FixesState {
  const [last, setLast] = useState<FixBatch | null>(null);
  const [undoEdits, setUndoEdits] = useState<CellEdit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const proposed = useMemo(() => {
    if (!enabled || !snapshot || !result) return { fixes: [], suggestions: [] };
    try {
      // Verified when shown (safe()), not here: this runs after every check, live ones included.
      return proposeFixes(snapshot, result, { verify: false });
    } catch {
      // A fixer that fails must not take the findings list with it: no fixes then.
      return { fixes: [], suggestions: [] };
    }
  }, [enabled, snapshot, result]);

  // Verification results for this snapshot and result, by fingerprint.
  const verifier = useMemo(() => {
    if (!snapshot || !result) return null;
    const validate = createValidator();
    const options = result.rulePack !== null ? { rulePack: result.rulePack } : {};
    const before = countIdentities(result.findings);
    const known = new Map<Fix, boolean>();
    return (fix: Fix): boolean => {
      const cached = known.get(fix);
      if (cached !== undefined) return cached;
      let ok = true;
      try {
        const after = countIdentities(validate(applyEdits(snapshot, fix.edits), options).findings);
        const target = result.findings.find((finding) => finding.fingerprint === fix.fingerprint);
        if (!fix.tidy && target && (after.get(identity(target)) ?? 0) >= (before.get(identity(target)) ?? 0)) ok = false;
        for (const [key, count] of after) if (count > (before.get(key) ?? 0)) ok = false;
      } catch {
        ok = false;
      }
      known.set(fix, ok);
      return ok;
    };
  }, [snapshot, result]);
  const safe = useCallback((fixes: readonly Fix[]) => (verifier ? fixes.filter((fix) => verifier(fix)) : []), [verifier]);

  const byFingerprint = useMemo(() => new Map(proposed.fixes.map((fix) => [fix.fingerprint, fix] as const)), [proposed]);
  const suggestions = useMemo(() => new Map(proposed.suggestions.map((item) => [item.fingerprint, item] as const)), [proposed]);

  const finish = useCallback(
    async (batch: FixBatch, undoNext: CellEdit[] | null): Promise<FixBatch> => {
      setLast(batch);
      setUndoEdits(undoNext);
      if (batch.outcome.applied.length > 0) await revalidate();
      return batch;
    },
    [revalidate],
  );

  const guarded = useCallback(async (work: () => Promise<FixBatch>): Promise<FixBatch | null> => {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (failure) {
      setError(failure ?? "failed");
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const apply = useCallback(
    (fixes: Fix[], options: { verify?: boolean } = {}) =>
      guarded(async () => {
        // Fixes computed from the same snapshot may touch the same cell (two pay floors move one
        // total), and fixes safe alone may not be together (two raises crossing the cap): take
        // those that apply one after another and add no finding together; the others come back
        // after the check. A term the person picked is applied as picked (verify: false).
        const rulePack = result?.rulePack ?? null;
        const compatible = !snapshot
          ? fixes
          : options.verify === false || !result
            ? applyFixes(snapshot, fixes).applied
            : applySafely(snapshot, result, fixes, rulePack !== null ? { rulePack } : {}).applied;
        const outcome = await gateway.applyEdits(compatible.flatMap((fix) => fix.edits));
        const skippedEdits = new Set(outcome.skipped.map((skip) => skip.edit));
        const partial = compatible.filter((fix) => fix.edits.some((edit) => skippedEdits.has(edit)));
        const partialCells = new Set(partial.flatMap((fix) => fix.edits.map((edit) => `${edit.sheet}!${edit.cell}`)));
        let undoEdits = outcome.undo;
        let applied = outcome.applied;
        if (partialCells.size > 0) {
          // Never half a fix: put back the cells of fixes that could not be applied whole.
          const rollback = outcome.undo.filter((edit) => partialCells.has(`${edit.sheet}!${edit.cell}`));
          if (rollback.length > 0) await gateway.applyEdits(rollback);
          undoEdits = outcome.undo.filter((edit) => !partialCells.has(`${edit.sheet}!${edit.cell}`));
          applied = outcome.applied.filter((edit) => !partialCells.has(`${edit.sheet}!${edit.cell}`));
        }
        const combined: EditOutcome = { applied, skipped: outcome.skipped, undo: undoEdits };
        return finish(
          { kind: "fix", outcome: combined, cells: distinctCells(applied), fixes: compatible.length - partial.length, held: fixes.length - compatible.length },
          applied.length > 0 ? undoEdits : null,
        );
      }),
    [finish, gateway, guarded, snapshot, result],
  );

  const undo = useCallback(
    async () =>
      undoEdits
        ? guarded(async () => {
            const outcome = await gateway.applyEdits(undoEdits);
            return finish({ kind: "undo", outcome, cells: distinctCells(outcome.applied), fixes: 0, held: 0 }, null);
          })
        : null,
    [finish, gateway, guarded, undoEdits],
  );

  const fixFor = useCallback((fingerprint: string) => byFingerprint.get(fingerprint), [byFingerprint]);
  const suggestionFor = useCallback((fingerprint: string) => suggestions.get(fingerprint), [suggestions]);
  const fixesOf = useCallback(
    (fingerprints: readonly string[]) => [...new Set(fingerprints)].flatMap((fingerprint) => byFingerprint.get(fingerprint) ?? []),
    [byFingerprint],
  );
  const dismiss = useCallback(() => {
    setLast(null);
    setError(undefined);
  }, []);

  return { fixFor, suggestionFor, fixesOf, safe, apply, undo, last, canUndo: undoEdits !== null, busy, error, dismiss };
}
