/**
 * Applying fixes so that the workbook ends with no finding the fixes caused: each fix removes its
 * finding and adds none, on the workbook as the fixes before it left it. Fixes that are each safe
 * alone may not be together (two pay raises that together cross the cap); one that no longer
 * holds what it expects (another fix changed its cells) waits for a fresh proposal.
 *
 * The usual case costs one validation: all the fixes applied together, checked once. Only when
 * that shows a finding the fixes added, or one they were to remove, are they applied one by one.
 */
import type { Finding, Fix, ValidationResult, WorkbookSnapshot } from "../types";
import { createValidator, type ValidateOptions } from "../validate";
import { applyEdits, applyFixes, holds } from "./apply";

/** Identity of a finding across edits elsewhere (fingerprints count occurrences of a key). */
export function findingIdentity(finding: Finding): string {
  return `${finding.ruleId}|${finding.sheet}|${finding.cell}|${finding.variant ?? ""}`;
}

function counts(findings: readonly Finding[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const finding of findings) map.set(findingIdentity(finding), (map.get(findingIdentity(finding)) ?? 0) + 1);
  return map;
}

/** Whether going from `before` to `after` the fixes removed their findings and added none. */
function clean(before: ValidationResult, after: ValidationResult, fixes: readonly Fix[]): boolean {
  const was = counts(before.findings);
  const now = counts(after.findings);
  const removed = new Map<string, number>();
  for (const fix of fixes) {
    if (fix.tidy) continue;
    const target = before.findings.find((finding) => finding.fingerprint === fix.fingerprint);
    if (target) removed.set(findingIdentity(target), (removed.get(findingIdentity(target)) ?? 0) + 1);
  }
  for (const [key, count] of removed) if ((now.get(key) ?? 0) > (was.get(key) ?? 0) - count) return false;
  for (const [key, count] of now) if (count > (was.get(key) ?? 0)) return false;
  return true;
}

/** The fixes that, each applied alone to `snapshot`, remove their finding and add none. */
export function safeAlone(
  snapshot: WorkbookSnapshot,
  result: ValidationResult,
  fixes: readonly Fix[],
  options: ValidateOptions = {},
  validate: ReturnType<typeof createValidator> = createValidator(),
): Fix[] {
  return fixes.filter((fix) => clean(result, validate(applyEdits(snapshot, fix.edits), options), [fix]));
}

export interface SafeApplication {
  snapshot: WorkbookSnapshot;
  /** The check of `snapshot`. */
  result: ValidationResult;
  applied: Fix[];
  /** Fixes whose cells changed meanwhile, or that would add a finding or leave theirs. */
  skipped: Fix[];
}

/**
 * Applies `fixes` (proposed for `result`, the check of `snapshot` with `options`) so that none
 * adds a finding or leaves its own. Pass the validator of a session to reuse its row caches.
 */
export function applySafely(
  snapshot: WorkbookSnapshot,
  result: ValidationResult,
  fixes: readonly Fix[],
  options: ValidateOptions = {},
  validate: ReturnType<typeof createValidator> = createValidator(),
): SafeApplication {
  const together = applyFixes(snapshot, fixes);
  if (together.applied.length === 0) return { snapshot, result, applied: [], skipped: [...fixes] };
  const after = validate(together.snapshot, options);
  if (clean(result, after, together.applied)) return { snapshot: together.snapshot, result: after, applied: together.applied, skipped: together.skipped };

  let current = snapshot;
  let currentResult = result;
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    if (!fix.edits.every((edit) => holds(current, edit.sheet, edit.cell, edit.expected))) {
      skipped.push(fix);
      continue;
    }
    const candidate = applyEdits(current, fix.edits, { check: false });
    const checked = validate(candidate, options);
    // The finding's fingerprint may have changed with earlier fixes: find it in the first result.
    const target = result.findings.find((finding) => finding.fingerprint === fix.fingerprint);
    const targetNow = target ? currentResult.findings.find((finding) => findingIdentity(finding) === findingIdentity(target)) : undefined;
    const own = targetNow ? { ...fix, fingerprint: targetNow.fingerprint } : fix;
    if (!clean(currentResult, checked, [own])) {
      skipped.push(fix);
      continue;
    }
    current = candidate;
    currentResult = checked;
    applied.push(fix);
  }
  return { snapshot: current, result: currentResult, applied, skipped };
}
