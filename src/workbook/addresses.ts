/** Range addresses as Office.js returns them, and address strings we send back. */
import { columnLetters, parseA1, toA1 } from "../engine/address";

/** A rectangle on one sheet, 1-based and inclusive. */
export interface RangeBounds {
  sheet: string | null;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Reads the sheet part of "Sheet1!A1", "'My Sheet'!A1" or "'O''Brien'!A1". */
function splitSheet(address: string): { sheet: string | null; local: string } {
  if (address.startsWith("'")) {
    const end = /^'((?:[^']|'')*)'!/.exec(address);
    if (!end) return { sheet: null, local: address };
    return { sheet: end[1]!.replace(/''/g, "'"), local: address.slice(end[0].length) };
  }
  const bang = address.lastIndexOf("!");
  return bang < 0 ? { sheet: null, local: address } : { sheet: address.slice(0, bang), local: address.slice(bang + 1) };
}

/**
 * Parses a single-area address such as "Sheet1!B3:K200" or "經費表!C5". Returns null for
 * anything else (whole rows/columns, several areas), which Office.js never returns for a used range.
 */
export function parseRangeAddress(address: string): RangeBounds | null {
  const { sheet, local } = splitSheet(address.trim());
  const [first, second, extra] = local.split(":");
  if (first === undefined || extra !== undefined) return null;
  const start = parseA1(first);
  const end = second === undefined ? start : parseA1(second);
  if (!start || !end) return null;
  return {
    sheet,
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

/** "b7" or "$B$7" → "B7"; null when it is not a single cell. */
export function normalizeCell(cell: string): string | null {
  const parsed = parseA1(cell);
  return parsed ? toA1(parsed.row, parsed.column) : null;
}

export function boundsAddress(bounds: Omit<RangeBounds, "sheet">): string {
  const start = toA1(bounds.top, bounds.left);
  if (bounds.top === bounds.bottom && bounds.left === bounds.right) return start;
  return `${start}:${columnLetters(bounds.right)}${bounds.bottom}`;
}

/** Cells as few areas: vertical runs in one column become "G7:G9". */
export function cellAreas(cells: ReadonlyArray<{ row: number; column: number }>): string[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const areas: string[] = [];
  let run: { column: number; top: number; bottom: number } | null = null;
  for (const cell of sorted) {
    if (run && run.column === cell.column && cell.row <= run.bottom + 1) {
      run.bottom = Math.max(run.bottom, cell.row);
      continue;
    }
    if (run) areas.push(boundsAddress({ top: run.top, left: run.column, bottom: run.bottom, right: run.column }));
    run = { column: cell.column, top: cell.row, bottom: cell.row };
  }
  if (run) areas.push(boundsAddress({ top: run.top, left: run.column, bottom: run.bottom, right: run.column }));
  return areas;
}

/** Excel rejects a range address string of 8,192 characters or more. */
export const MAX_ADDRESS_LENGTH = 8192;

/** Joins areas with commas into strings each shorter than `maxLength`. */
export function joinAreas(areas: readonly string[], maxLength = MAX_ADDRESS_LENGTH - 1): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const area of areas) {
    if (current !== "" && current.length + 1 + area.length > maxLength) {
      chunks.push(current);
      current = "";
    }
    current = current === "" ? area : `${current},${area}`;
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
