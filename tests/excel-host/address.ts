/**
 * A1 addresses as Excel accepts them: optional sheet prefix (quoted or bare), `$` anchors,
 * cells, rectangles, whole columns (A:C) and whole rows (3:5), and area lists separated by
 * commas or semicolons. Written independently of src/ so the host does not share the product's bugs.
 */
import { HostError } from "./errors";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** 1-based, inclusive. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ParsedArea {
  sheet: string | null;
  rect: CellRect;
}

export function columnLetters(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const remainder = (n - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function invalid(address: string): HostError {
  return new HostError("InvalidArgument", `Invalid range address: ${JSON.stringify(address)}`);
}

/** Splits on commas/semicolons that are not inside a quoted sheet name. */
export function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && (ch === "," || ch === ";")) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

function splitSheet(address: string): { sheet: string | null; local: string } {
  const text = address.trim();
  if (text.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i += 1;
    }
    if (text[i] !== "'" || text[i + 1] !== "!") throw invalid(address);
    return { sheet: name, local: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: text };
  const sheet = text.slice(0, bang);
  if (sheet === "" || /[\s'![\]*?/\\:]/.test(sheet)) throw invalid(address);
  return { sheet, local: text.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function checkBounds(rect: CellRect, address: string): CellRect {
  const { top, left, bottom, right } = rect;
  const ok = top >= 1 && left >= 1 && bottom <= MAX_ROWS && right <= MAX_COLUMNS && top <= bottom && left <= right;
  if (!ok) throw invalid(address);
  return rect;
}

/** Parses one area ("Sheet1!$B$3:K200", "C5", "A:C", "3:5"). */
export function parseArea(address: string): ParsedArea {
  const { sheet, local } = splitSheet(address);
  const [first, second, extra] = local.split(":");
  if (first === undefined || extra !== undefined) throw invalid(address);
  const a = CELL.exec(first);
  if (second === undefined) {
    if (!a) throw invalid(address);
    const row = Number(a[2]);
    const column = columnNumber(a[1]!);
    return { sheet, rect: checkBounds({ top: row, left: column, bottom: row, right: column }, address) };
  }
  const b = CELL.exec(second);
  if (a && b) {
    const r1 = Number(a[2]);
    const r2 = Number(b[2]);
    const c1 = columnNumber(a[1]!);
    const c2 = columnNumber(b[1]!);
    const rect = { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
    return { sheet, rect: checkBounds(rect, address) };
  }
  const ca = COLUMN.exec(first);
  const cb = COLUMN.exec(second);
  if (ca && cb) {
    const c1 = columnNumber(ca[1]!);
    const c2 = columnNumber(cb[1]!);
    const rect = { top: 1, left: Math.min(c1, c2), bottom: MAX_ROWS, right: Math.max(c1, c2) };
    return { sheet, rect: checkBounds(rect, address) };
  }
  const ra = ROW.exec(first);
  const rb = ROW.exec(second);
  if (ra && rb) {
    const r1 = Number(ra[1]);
    const r2 = Number(rb[1]);
    const rect = { top: Math.min(r1, r2), left: 1, bottom: Math.max(r1, r2), right: MAX_COLUMNS };
    return { sheet, rect: checkBounds(rect, address) };
  }
  throw invalid(address);
}

export function parseAreaList(address: string): ParsedArea[] {
  const parts = splitAreas(address);
  if (parts.some((part) => part === "")) throw invalid(address);
  return parts.map(parseArea);
}

/** "A1" or "A1:C3" (no sheet). */
export function formatRect(rect: CellRect): string {
  const start = `${columnLetters(rect.left)}${rect.top}`;
  if (rect.top === rect.bottom && rect.left === rect.right) return start;
  return `${start}:${columnLetters(rect.right)}${rect.bottom}`;
}

/** Excel quotes a sheet name unless it is letters, digits and underscores not starting with a digit. */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, rect: CellRect): string {
  return `${quoteSheetName(sheetName)}!${formatRect(rect)}`;
}

export function intersects(a: CellRect, b: CellRect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function contains(rect: CellRect, row: number, column: number): boolean {
  return row >= rect.top && row <= rect.bottom && column >= rect.left && column <= rect.right;
}

/** "$A$1" or "$A$1:$C$3", as Excel writes a defined name's reference. */
export function absoluteRect(rect: CellRect): string {
  const start = `$${columnLetters(rect.left)}$${rect.top}`;
  if (rect.top === rect.bottom && rect.left === rect.right) return start;
  return `${start}:$${columnLetters(rect.right)}$${rect.bottom}`;
}
