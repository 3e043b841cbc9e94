/**
 * Applies an edit to a snapshot without mutating it: the edited rows get new arrays, every other
 * row keeps its array, so an incremental validator (createValidator) re-reads only those rows.
 */
import { parseA1 } from "./address";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "./types";

export interface CellEdit {
  sheet: string;
  /** Top-left cell of the edited block, e.g. "G7". */
  address: string;
  /** New values, row-major. */
  values: CellValue[][];
}

export function patchSnapshot(snapshot: WorkbookSnapshot, edit: CellEdit): WorkbookSnapshot {
  const start = parseA1(edit.address);
  const index = snapshot.sheets.findIndex((sheet) => sheet.name === edit.sheet);
  if (!start || index < 0) return snapshot;
  const sheet = snapshot.sheets[index]!;
  const patched = patchSheet(sheet, start.row, start.column, edit.values);
  const sheets = snapshot.sheets.slice();
  sheets[index] = patched;
  return { ...snapshot, sheets };
}

function patchSheet(sheet: SheetSnapshot, row: number, column: number, block: CellValue[][]): SheetSnapshot {
  const height = block.length;
  const width = Math.max(0, ...block.map((r) => r.length));
  if (height === 0 || width === 0) return sheet;
  // Grow the snapshot's rectangle when the edit falls outside it (above/left shifts the origin).
  const originRow = Math.min(sheet.originRow, row);
  const originColumn = Math.min(sheet.originColumn, column);
  const shiftRows = sheet.originRow - originRow;
  const shiftColumns = sheet.originColumn - originColumn;
  let values: CellValue[][] = sheet.values;
  if (shiftRows > 0 || shiftColumns > 0) {
    const padding: CellValue[] = new Array<CellValue>(shiftColumns).fill(null);
    values = [...Array.from({ length: shiftRows }, () => [] as CellValue[]), ...values.map((r) => (shiftColumns > 0 ? [...padding, ...r] : r))];
  } else {
    values = values.slice();
  }
  for (let r = 0; r < height; r += 1) {
    const target = row - originRow + r;
    while (values.length <= target) values.push([]);
    const copy = (values[target] ?? []).slice();
    for (let c = 0; c < width; c += 1) {
      const at = column - originColumn + c;
      while (copy.length < at) copy.push(null);
      copy[at] = block[r]?.[c] ?? null;
    }
    values[target] = copy;
  }
  return { ...sheet, originRow, originColumn, values };
}
