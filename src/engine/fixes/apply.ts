/**
 * Cell edits on a snapshot, without Office.js: what a cell holds now, whether it still holds
 * what an edit expects, and a snapshot with edits applied (pure; edited rows get new arrays, so an
 * incremental validator re-reads only those rows). The task pane applies edits through its
 * gateway; the CLI and the tests apply them here.
 */
import { parseA1 } from "../address";
import { patchSnapshot } from "../patch";
import { isCellError, type CellContent, type CellEdit, type CellValue, type Fix, type SheetSnapshot, type WorkbookSnapshot } from "../types";

export function sheetNamed(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return snapshot.sheets.find((sheet) => sheet.name === name);
}

/** The value at an A1 address (null outside the snapshot's rectangle). */
export function valueAt(sheet: SheetSnapshot, address: string): CellValue {
  const at = parseA1(address);
  if (!at) return null;
  return sheet.values[at.row - sheet.originRow]?.[at.column - sheet.originColumn] ?? null;
}

/** What a cell holds: its value, and its formula when the snapshot knows one. */
export function cellContent(sheet: SheetSnapshot, address: string): CellContent {
  const value = valueAt(sheet, address);
  const formula = sheet.formulas?.[address];
  return formula !== undefined ? { value, formula } : { value };
}

export function sameValue(a: CellValue, b: CellValue): boolean {
  if (isCellError(a) || isCellError(b)) return isCellError(a) && isCellError(b) && a.error === b.error;
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Whether the cell holds what `expected` says: the same value, and the same formula (or none)
 * when the snapshot knows the sheet's formulas. Number formats are not in snapshots.
 */
export function holds(snapshot: WorkbookSnapshot, sheetName: string, address: string, expected: CellContent): boolean {
  const sheet = sheetNamed(snapshot, sheetName);
  if (!sheet) return false;
  if (!sameValue(valueAt(sheet, address), expected.value)) return false;
  if (sheet.formulas === undefined) return true;
  return sheet.formulas[address] === expected.formula;
}

/** The edits would change nothing in the cell (same value and formula). */
export function isNoOp(edit: Pick<CellEdit, "expected" | "next">): boolean {
  return (
    sameValue(edit.expected.value, edit.next.value) &&
    edit.expected.formula === edit.next.formula &&
    (edit.next.numberFormat === undefined || edit.next.numberFormat === edit.expected.numberFormat)
  );
}

export class EditConflictError extends Error {
  constructor(readonly edit: CellEdit) {
    super(`${edit.sheet}!${edit.cell} no longer holds what the edit expects`);
    this.name = "EditConflictError";
  }
}

/**
 * The snapshot with the edits applied, in order. Throws EditConflictError when a cell does not
 * hold what its edit expects (check: false applies regardless).
 */
export function applyEdits(snapshot: WorkbookSnapshot, edits: readonly CellEdit[], options: { check?: boolean } = {}): WorkbookSnapshot {
  let current = snapshot;
  for (const edit of edits) {
    if (options.check !== false && !holds(current, edit.sheet, edit.cell, edit.expected)) throw new EditConflictError(edit);
    current = patchSnapshot(current, { sheet: edit.sheet, address: edit.cell, values: [[edit.next.value]] });
    const index = current.sheets.findIndex((sheet) => sheet.name === edit.sheet);
    const sheet = current.sheets[index];
    if (!sheet) continue;
    const hadFormula = sheet.formulas?.[edit.cell] !== undefined;
    if (edit.next.formula === undefined && !hadFormula) continue;
    const formulas = { ...(sheet.formulas ?? {}) };
    if (edit.next.formula !== undefined) formulas[edit.cell] = edit.next.formula;
    else delete formulas[edit.cell];
    const sheets = current.sheets.slice();
    sheets[index] = { ...sheet, formulas };
    current = { ...current, sheets };
  }
  return current;
}

/**
 * Applies fixes one after another, each only when every cell it names still holds what it
 * expects (a fix computed before another one changed its cells is skipped, never half-applied).
 */
export function applyFixes(snapshot: WorkbookSnapshot, fixes: readonly Fix[]): { snapshot: WorkbookSnapshot; applied: Fix[]; skipped: Fix[] } {
  let current = snapshot;
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    if (!fix.edits.every((edit) => holds(current, edit.sheet, edit.cell, edit.expected))) {
      skipped.push(fix);
      continue;
    }
    current = applyEdits(current, fix.edits, { check: false });
    applied.push(fix);
  }
  return { snapshot: current, applied, skipped };
}
