/**
 * The engine's public API: a pure function from a workbook snapshot (and a rule pack) to
 * findings and summary figures, and the formatter that turns a finding into a sentence.
 */
export * from "./types";
export { validateWorkbook, fnv1a } from "./validate";
export type { ValidateOptions } from "./validate";
export { formatFinding, createFormatter, ruleTitle, sourceLabels, packOf } from "./format";
export { toA1, parseA1, columnLetters, sheetReference } from "./address";
export { createValidator } from "./validate";
export { patchSnapshot } from "./patch";
export type { CellEdit } from "./patch";
export { proposeFixes, applyEdits, applyFixes, applySafely, EditConflictError } from "./fixes";
export type { ProposeFixesOptions, ProposedFixes, SafeApplication } from "./fixes";
