/**
 * Quick fixes as data: proposeFixes computes them from a snapshot and its validation result;
 * applyEdits / applyFixes apply them to a snapshot (tests, the CLI); the task pane applies the
 * same edits through its gateway.
 */
export { proposeFixes } from "./propose";
export type { ProposeFixesOptions, ProposedFixes } from "./propose";
export { applyEdits, applyFixes, cellContent, holds, isNoOp, sameValue, EditConflictError } from "./apply";
export { closestTerms } from "./suggest";
export { applySafely, findingIdentity } from "./safe";
export type { SafeApplication } from "./safe";
