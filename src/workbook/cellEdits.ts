/**
 * Cell edits (quick fixes and their undo) as both gateways apply them: whether a cell still
 * holds what an edit expects, and, for workbooks held as snapshots (the browser preview, tests),
 * the edits applied to a snapshot. Pure: no Office.js, no file I/O.
 *
 * A batch applies in order: each edit is compared with the cell as the edits before it in the
 * batch left it, and the undo of a batch is the undo of each applied edit, last first, so
 * applying it in order walks a cell edited twice back to what it held.
 */
import { parseA1 } from "../engine/address";
import { type CellContent, type CellEdit, type CellValue, isCellError, type SheetSnapshot, type WorkbookSnapshot } from "../engine/types";
import type { EditOutcome, SkippedEdit } from "./gateway";

/** Two cell values the same: empty is null or "", numbers equal to rounding, errors by code. */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const left = a === "" || a === undefined ? null : a;
  const right = b === "" || b === undefined ? null : b;
  if (left === null || right === null) return left === right;
  if (typeof left === "number" && typeof right === "number") {
    return left === right || Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
  }
  if (isCellError(left) || isCellError(right)) return isCellError(left) && isCellError(right) && left.error === right.error;
  return left === right;
}

/** A formula compared without regard to case and spaces outside its string literals. */
export function normalizeFormula(formula: string): string {
  return formula
    .split('"')
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/\s+/g, "").toUpperCase()))
    .join('"');
}

/**
 * Whether a cell holding `found` still holds what an edit `expected`: the same formula when the
 * edit expects one (its cached result may differ), else no formula and the same value; the same
 * number format when the edit names one. `alsoValue`: the value as stored, when `found.value` is
 * what a reader made of it (a date's serial number read as an ISO date).
 */
export function holdsExpected(expected: CellContent, found: CellContent, alsoValue?: CellValue): boolean {
  if (expected.formula !== undefined) {
    if (found.formula === undefined || normalizeFormula(found.formula) !== normalizeFormula(expected.formula)) return false;
  } else {
    if (found.formula !== undefined) return false;
    if (!sameValue(expected.value, found.value) && (alsoValue === undefined || !sameValue(expected.value, alsoValue))) return false;
  }
  return expected.numberFormat === undefined || found.numberFormat === undefined || expected.numberFormat === found.numberFormat;
}

/** A cell's key in maps: sheet and A1 address (upper case). */
export function cellKey(sheet: string, cell: string): string {
  return `${sheet}!${cell.toUpperCase()}`;
}

/** What an edit leaves in a cell that held `before`: its value and formula, its number format or the one there was. */
export function afterEdit(before: CellContent, next: CellContent): CellContent {
  const numberFormat = next.numberFormat ?? before.numberFormat;
  return {
    value: next.value,
    ...(next.formula !== undefined ? { formula: next.formula } : {}),
    ...(numberFormat !== undefined ? { numberFormat } : {}),
  };
}

/**
 * Decides a batch against the cells' contents: which edits apply, which are skipped and why,
 * and the undo. `contentOf` answers what a cell holds before the batch (null: the sheet does not
 * exist); `isProtected` whether its sheet refuses edits.
 */
export function planEdits(
  edits: readonly CellEdit[],
  contentOf: (sheet: string, cell: string) => CellContent | null,
  isProtected: (sheet: string) => boolean = () => false,
  storedValueOf?: (sheet: string, cell: string) => CellValue | undefined,
): EditOutcome & { final: Map<string, { sheet: string; cell: string; content: CellContent }> } {
  const current = new Map<string, CellContent | null>();
  const edited = new Set<string>();
  const final = new Map<string, { sheet: string; cell: string; content: CellContent }>();
  const applied: CellEdit[] = [];
  const skipped: SkippedEdit[] = [];
  const undo: CellEdit[] = [];
  for (const edit of edits) {
    const key = cellKey(edit.sheet, edit.cell);
    if (!current.has(key)) current.set(key, contentOf(edit.sheet, edit.cell));
    const found = current.get(key) ?? null;
    if (found === null) {
      skipped.push({ edit, found: { value: null }, reason: "changed" });
      continue;
    }
    if (isProtected(edit.sheet)) {
      skipped.push({ edit, found, reason: "protected" });
      continue;
    }
    const stored = edited.has(key) ? undefined : storedValueOf?.(edit.sheet, edit.cell);
    if (!holdsExpected(edit.expected, found, stored)) {
      skipped.push({ edit, found, reason: "changed" });
      continue;
    }
    const written = afterEdit(found, edit.next);
    const restore: CellContent = {
      value: stored !== undefined && !sameValue(found.value, stored) ? stored : found.value,
      ...(found.formula !== undefined ? { formula: found.formula } : {}),
      ...(found.numberFormat !== undefined ? { numberFormat: found.numberFormat } : {}),
    };
    applied.push(edit);
    undo.unshift({ sheet: edit.sheet, cell: edit.cell, expected: written, next: restore });
    current.set(key, written);
    edited.add(key);
    final.set(key, { sheet: edit.sheet, cell: edit.cell, content: written });
  }
  return { applied, skipped, undo, final };
}

// ---------------------------------------------------------------------------------------------
// Snapshots

function findSheet(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return snapshot.sheets.find((sheet) => sheet.name === name) ?? snapshot.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
}

/** What a snapshot says a cell holds (its number format from `formats` when known); null when the sheet is missing. */
export function snapshotContent(snapshot: WorkbookSnapshot, sheetName: string, cell: string, formats?: ReadonlyMap<string, string>): CellContent | null {
  const sheet = findSheet(snapshot, sheetName);
  const position = parseA1(cell);
  if (!sheet || !position) return null;
  const value = sheet.values[position.row - sheet.originRow]?.[position.column - sheet.originColumn] ?? null;
  const formula = sheet.formulas?.[cell.toUpperCase()];
  const numberFormat = formats?.get(cellKey(sheet.name, cell));
  return { value, ...(formula !== undefined ? { formula } : {}), ...(numberFormat !== undefined ? { numberFormat } : {}) };
}

/** A snapshot with cells set (new objects for the sheets that changed; the grid grows to hold new cells). */
export function withCells(snapshot: WorkbookSnapshot, cells: Iterable<{ sheet: string; cell: string; content: CellContent }>): WorkbookSnapshot {
  const changed = new Map<SheetSnapshot, SheetSnapshot>();
  for (const { sheet: name, cell, content } of cells) {
    const original = findSheet(snapshot, name);
    const position = parseA1(cell);
    if (!original || !position) continue;
    let sheet = changed.get(original);
    if (!sheet) {
      sheet = { ...original, values: original.values.map((row) => [...row]), ...(original.formulas ? { formulas: { ...original.formulas } } : {}) };
      changed.set(original, sheet);
    }
    // Cells above or left of the snapshot's origin: move the origin.
    if (sheet.values.length === 0) {
      sheet.originRow = position.row;
      sheet.originColumn = position.column;
    }
    if (position.row < sheet.originRow) {
      sheet.values = [...Array.from({ length: sheet.originRow - position.row }, () => [] as CellValue[]), ...sheet.values];
      sheet.originRow = position.row;
    }
    if (position.column < sheet.originColumn) {
      const shift = sheet.originColumn - position.column;
      sheet.values = sheet.values.map((row) => [...Array.from({ length: shift }, () => null), ...row]);
      sheet.originColumn = position.column;
    }
    const r = position.row - sheet.originRow;
    const c = position.column - sheet.originColumn;
    while (sheet.values.length <= r) sheet.values.push([]);
    const row = sheet.values[r]!;
    while (row.length < c) row.push(null);
    row[c] = content.value;
    const key = cell.toUpperCase();
    if (content.formula !== undefined) sheet.formulas = { ...(sheet.formulas ?? {}), [key]: content.formula };
    else if (sheet.formulas && key in sheet.formulas) {
      const { [key]: _removed, ...rest } = sheet.formulas;
      sheet.formulas = rest;
    }
  }
  for (const sheet of changed.values()) if (sheet.formulas && Object.keys(sheet.formulas).length === 0) delete sheet.formulas;
  if (changed.size === 0) return snapshot;
  return { ...snapshot, sheets: snapshot.sheets.map((sheet) => changed.get(sheet) ?? sheet) };
}

/**
 * Applies edits to a workbook held as a snapshot: the outcome, the snapshot after, and the
 * number formats after (`formats` by cellKey; a snapshot carries none).
 */
export function editSnapshot(
  snapshot: WorkbookSnapshot,
  edits: readonly CellEdit[],
  formats: ReadonlyMap<string, string> = new Map(),
): { outcome: EditOutcome; snapshot: WorkbookSnapshot; formats: Map<string, string> } {
  const plan = planEdits(edits, (sheet, cell) => snapshotContent(snapshot, sheet, cell, formats));
  const nextFormats = new Map(formats);
  for (const { sheet, cell, content } of plan.final.values()) {
    const name = findSheet(snapshot, sheet)?.name ?? sheet;
    if (content.numberFormat !== undefined) nextFormats.set(cellKey(name, cell), content.numberFormat);
  }
  return {
    outcome: { applied: plan.applied, skipped: plan.skipped, undo: plan.undo },
    snapshot: withCells(snapshot, plan.final.values()),
    formats: nextFormats,
  };
}
