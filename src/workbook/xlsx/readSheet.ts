/**
 * One worksheet part: `<sheetData>` cells and `<mergeCells>`, scanned as UTF-8 bytes in a
 * stream of complete elements. Each row's values go straight into that row's array, which
 * grows only as far as its last value: a `<dimension>` never sizes anything, and every position
 * allocated counts against the cell budget, so a stray far-away cell cannot exhaust memory.
 */
import type { CellValue, SheetSnapshot } from "../../engine/types";
import { WorkbookError } from "../gateway";
import {
  byteLocalStart,
  byteNameEnd,
  bytesEqual,
  bytesToText,
  findAttributeBytes,
  findEndTagBytes,
  GT,
  hasLocalNameBytes,
  isSpaceByte,
  isSpecialBytes,
  LT,
  scanAttributeBytes,
  skipSpecialBytes,
  SLASH,
} from "./readBytes";
import { decodeXmlText } from "../xmlText";
import { serialToIsoDate } from "./readDates";
import {
  AttributeRanges,
  decodeContent,
  decodeOoxmlEscapes,
  findEndTag,
  isSpecial,
  localStart,
  nameEnd,
  richTextContent,
  scanAttributes,
  skipSpecial,
} from "./readXml";

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
/** Merged ranges per sheet, and steps spent clearing them: only a crafted file comes near. */
const MAX_MERGES = 1_000_000;
const MERGE_WORK_LIMIT = 50_000_000;
const utf8 = new TextDecoder("utf-8");

/** Counts shared by all sheets of one read. */
export interface CellBudget {
  maxCells: number;
  /** Cells with a value read so far. */
  cells: number;
  /** Positions allocated in snapshots so far (each row counted from column A). */
  slots: number;
}

export interface SheetContext {
  sharedStrings: readonly string[];
  /** By cellXfs index: does the cell's number format show a date? */
  dateStyles: readonly boolean[];
  date1904: boolean;
  budget: CellBudget;
}

const enum Phase {
  BeforeData,
  InData,
  AfterData,
}

function tooManyCells(budget: CellBudget): WorkbookError {
  return new WorkbookError("too-large", `The workbook has more than ${budget.maxCells.toLocaleString("en")} cells to read.`);
}

/** Parses a cell reference such as "B7" in bytes[start, end); false when it is not a valid one. */
function parseCellReference(bytes: Uint8Array, start: number, end: number, out: { row: number; column: number }): boolean {
  let column = 0;
  let row = 0;
  let i = start;
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else if (code === 36 && column === 0) continue;
    else break;
    if (column > MAX_COLUMN) return false;
  }
  if (column === 0 || i === end) return false;
  if (bytes[i] === 36) i++;
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return false;
    row = row * 10 + code - 48;
    if (row > MAX_ROW) return false;
  }
  if (row === 0) return false;
  out.row = row;
  out.column = column;
  return true;
}

/** The non-negative integer in bytes[start, end), or -1. */
function parseIndex(bytes: Uint8Array, start: number, end: number): number {
  if (start >= end || end - start > 9) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

/** The integer in bytes[start, end) when it is plain digits (optionally negative), else NaN. */
function parsePlainInteger(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative) i++;
  if (i >= end || end - i > 15) return Number.NaN;
  let value = 0;
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return Number.NaN;
    value = value * 10 + code - 48;
  }
  return negative ? -value : value;
}

/** Whether `</v></c>` starts at `pos`. */
function isValueEnd(bytes: Uint8Array, pos: number): boolean {
  return (
    bytes[pos] === LT &&
    bytes[pos + 1] === SLASH &&
    bytes[pos + 2] === 118 /* v */ &&
    bytes[pos + 3] === GT &&
    bytes[pos + 4] === LT &&
    bytes[pos + 5] === SLASH &&
    bytes[pos + 6] === 99 /* c */ &&
    bytes[pos + 7] === GT
  );
}

/**
 * Index just past an unprefixed `<f …>…</f>` or `<f …/>` whose name ends at `pos`, or -1 when
 * it is not one (or not complete): the caller then takes the general path.
 */
function skipFormula(bytes: Uint8Array, pos: number): number {
  const code = bytes[pos];
  let contentStart: number;
  if (code === GT) contentStart = pos + 1;
  else if (isSpaceByte(code) || code === SLASH) {
    const gt = scanAttributeBytes(bytes, pos, null);
    if (gt < 0) return -1;
    if (bytes[gt - 1] === SLASH) return gt + 1;
    contentStart = gt + 1;
  } else return -1;
  // A formula's text holds no '<', so the next one must start </f>.
  let close = contentStart;
  while (close < bytes.length && bytes[close] !== LT) close++;
  return bytes[close + 1] === SLASH && bytes[close + 2] === 102 /* f */ && bytes[close + 3] === GT ? close + 4 : -1;
}

const enum CellType {
  Number,
  Shared,
  Formula,
  Inline,
  Boolean,
  Error,
  IsoDate,
}

function cellTypeAt(bytes: Uint8Array, start: number, end: number): CellType {
  const length = end - start;
  const first = bytes[start];
  if (length === 1) {
    if (first === 115 /* s */) return CellType.Shared;
    if (first === 98 /* b */) return CellType.Boolean;
    if (first === 101 /* e */) return CellType.Error;
    if (first === 100 /* d */) return CellType.IsoDate;
    return CellType.Number;
  }
  if (bytesEqual(bytes, start, end, "str")) return CellType.Formula;
  if (bytesEqual(bytes, start, end, "inlineStr")) return CellType.Inline;
  return CellType.Number;
}

function outOfRange(what: string): WorkbookError {
  return new WorkbookError("corrupt", `The workbook file is damaged: ${what} is outside the worksheet grid.`);
}

/** The `<v>` text and inline string of a cell's content (the general, rarely taken path). */
function readCellContent(text: string): { raw: string | undefined; inline: string | undefined } {
  let raw: string | undefined;
  let inline: string | undefined;
  const close = text.length;
  let p = 0;
  while (p < close) {
    const l = text.indexOf("<", p);
    if (l < 0) break;
    if (text.charCodeAt(l + 1) === SLASH) {
      const gt = text.indexOf(">", l);
      if (gt < 0) break;
      p = gt + 1;
      continue;
    }
    if (isSpecial(text, l)) {
      p = skipSpecial(text, l);
      if (p < 0) break;
      continue;
    }
    const innerStop = nameEnd(text, l + 1);
    const g = scanAttributes(text, innerStop, null);
    if (g < 0) break;
    p = g + 1;
    if (text.charCodeAt(g - 1) === SLASH) continue;
    const innerLocal = localStart(text, l + 1, innerStop);
    const innerLength = innerStop - innerLocal;
    if (innerLength === 1 && text.charCodeAt(innerLocal) === 118 /* v */) {
      const vClose = findEndTag(text, text.slice(l + 1, innerStop), p);
      const stop = vClose < 0 ? close : vClose;
      raw = decodeContent(text, p, stop);
      p = stop;
    } else if (innerLength === 2 && text.startsWith("is", innerLocal)) {
      const isClose = findEndTag(text, text.slice(l + 1, innerStop), p);
      const stop = isClose < 0 ? close : isClose;
      inline = richTextContent(text, p, stop);
      p = stop;
    }
  }
  return { raw, inline };
}

/** Collects one worksheet's cells from streamed bytes. */
export class SheetReader {
  private phase = Phase.BeforeData;
  private row = 0;
  private column = 0;
  /** Rows in order of first appearance: their numbers, and values from column A to the last value. */
  private readonly rowNumbers: number[] = [];
  private readonly rowLines: CellValue[][] = [];
  /** Row number → index in rowNumbers; built only if rows come out of order (no writer does that). */
  private rowIndex: Map<number, number> | null = null;
  private line: CellValue[] | null = null;
  private lineRow = -1;
  /** r1, c1, r2, c2 per merged range. */
  private readonly merges: number[] = [];
  /** Attributes of the current tag. */
  private readonly ranges = new AttributeRanges();
  private readonly reference = { row: 0, column: 0 };

  constructor(private readonly context: SheetContext) {}

  /** Whether the sheet's data ended (a final chunk that leaves data open is a damaged part). */
  get complete(): boolean {
    return this.phase !== Phase.InData;
  }

  /** Reads every complete construct in `bytes`; returns how many bytes were used. */
  consume(bytes: Uint8Array): number {
    const length = bytes.length;
    let pos = 0;
    for (;;) {
      let lt = pos;
      while (lt < length && bytes[lt] !== LT) lt++;
      if (lt >= length) return length;
      if (lt + 1 >= length) return lt;
      if (bytes[lt + 1] === SLASH) {
        let gt = lt + 2;
        while (gt < length && bytes[gt] !== GT) gt++;
        if (gt >= length) return lt;
        if (this.phase === Phase.InData && hasLocalNameBytes(bytes, lt + 2, byteNameEnd(bytes, lt + 2), "sheetData")) {
          this.phase = Phase.AfterData;
        }
        pos = gt + 1;
        continue;
      }
      if (isSpecialBytes(bytes, lt)) {
        const end = skipSpecialBytes(bytes, lt);
        if (end < 0) return lt;
        pos = end;
        continue;
      }
      const nameStop = byteNameEnd(bytes, lt + 1);
      if (nameStop >= length) return lt;
      const local = byteLocalStart(bytes, lt + 1, nameStop);
      const localLength = nameStop - local;
      if (this.phase === Phase.InData && localLength === 1 && bytes[local] === 99 /* c */) {
        const end = this.readCell(bytes, lt, nameStop, local);
        if (end < 0) return lt;
        pos = end;
        continue;
      }
      const gt = scanAttributeBytes(bytes, nameStop, this.ranges);
      if (gt < 0) return lt;
      const selfClosing = bytes[gt - 1] === SLASH;
      if (this.phase === Phase.InData) {
        if (localLength === 3 && bytes[local] === 114 && bytes[local + 1] === 111 && bytes[local + 2] === 119) this.startRow(bytes);
      } else if (this.phase === Phase.BeforeData) {
        if (hasLocalNameBytes(bytes, lt + 1, nameStop, "sheetData")) this.phase = selfClosing ? Phase.AfterData : Phase.InData;
      } else if (hasLocalNameBytes(bytes, lt + 1, nameStop, "mergeCell")) {
        this.addMerge(bytes);
      }
      pos = gt + 1;
    }
  }

  private startRow(bytes: Uint8Array): void {
    const k = findAttributeBytes(bytes, this.ranges, "r");
    let row = this.row + 1;
    if (k >= 0) {
      const start = this.ranges.at[4 * k + 2]!;
      const end = this.ranges.at[4 * k + 3]!;
      row = parseIndex(bytes, start, end);
      if (row < 1 || row > MAX_ROW) throw outOfRange(`row ${bytesToText(bytes, start, Math.min(end, start + 20))}`);
    }
    if (row > MAX_ROW) throw outOfRange(`row ${row}`);
    this.row = row;
    this.column = 0;
  }

  private addMerge(bytes: Uint8Array): void {
    const k = findAttributeBytes(bytes, this.ranges, "ref");
    if (k < 0) return;
    const start = this.ranges.at[4 * k + 2]!;
    const end = this.ranges.at[4 * k + 3]!;
    let split = start;
    while (split < end && bytes[split] !== 58 /* : */) split++;
    const a = { row: 0, column: 0 };
    const b = { row: 0, column: 0 };
    if (!parseCellReference(bytes, start, split, a)) return;
    if (split === end) {
      b.row = a.row;
      b.column = a.column;
    } else if (!parseCellReference(bytes, split + 1, end, b)) return;
    if (this.merges.length >= MAX_MERGES * 4) {
      throw new WorkbookError("too-large", `The worksheet has more than ${MAX_MERGES.toLocaleString("en")} merged ranges.`);
    }
    this.merges.push(Math.min(a.row, b.row), Math.min(a.column, b.column), Math.max(a.row, b.row), Math.max(a.column, b.column));
  }

  /** Reads one `<c>` starting at `lt`; returns the index after it, or -1 when incomplete. */
  private readCell(bytes: Uint8Array, lt: number, nameStop: number, local: number): number {
    const ranges = this.ranges;
    const gt = scanAttributeBytes(bytes, nameStop, ranges);
    if (gt < 0) return -1;
    let hasReference = false;
    let style = 0;
    let type = CellType.Number;
    const at = ranges.at;
    for (let k = 0; k < ranges.count; k++) {
      const nameStart = at[4 * k]!;
      if (at[4 * k + 1]! - nameStart !== 1) continue;
      const name = bytes[nameStart];
      const valueStart = at[4 * k + 2]!;
      const valueEnd = at[4 * k + 3]!;
      if (name === 114 /* r */) hasReference = parseCellReference(bytes, valueStart, valueEnd, this.reference);
      else if (name === 115 /* s */) style = parseIndex(bytes, valueStart, valueEnd);
      else if (name === 116 /* t */) type = cellTypeAt(bytes, valueStart, valueEnd);
    }
    let row: number;
    let column: number;
    if (hasReference) {
      row = this.reference.row;
      column = this.reference.column;
    } else {
      // The r attribute is optional: a cell without one follows the previous cell in its row.
      row = Math.max(this.row, 1);
      column = this.column + 1;
      if (column > MAX_COLUMN) throw outOfRange(`a cell after column XFD in row ${row}`);
    }
    if (bytes[gt - 1] === SLASH) {
      this.column = column;
      return gt + 1;
    }

    // Most cells are exactly <c …>[<f…>…</f>]<v>…</v></c>: read those without a general scan.
    // Only nearby '<' are searched for, so a malformed cell never scans far ahead.
    if (local === lt + 1) {
      let p = gt + 1;
      if (bytes[p] === LT && bytes[p + 1] === 102 /* f */) p = skipFormula(bytes, p + 2);
      if (p >= 0 && bytes[p] === LT && bytes[p + 1] === 118 /* v */ && bytes[p + 2] === GT) {
        const valueStart = p + 3;
        let valueEnd = valueStart;
        while (valueEnd < bytes.length && bytes[valueEnd] !== LT) valueEnd++;
        if (isValueEnd(bytes, valueEnd)) {
          this.column = column;
          const value = this.valueOf(type, style, bytes, valueStart, valueEnd);
          if (value !== null) this.store(row, column, value);
          return valueEnd + 8;
        }
      }
    }

    const close = findEndTagBytes(bytes, lt + 1, nameStop, gt + 1);
    const closeEnd = close < 0 ? -1 : bytes.indexOf(GT, close);
    // Incomplete: leave every state untouched, the cell is read again with more bytes.
    if (closeEnd < 0) return -1;
    this.column = column;
    const { raw, inline } = readCellContent(utf8.decode(bytes.subarray(gt + 1, close)));
    const value = this.cellValue(type, style, raw, inline);
    if (value !== null) this.store(row, column, value);
    return closeEnd + 1;
  }

  /** The value of a cell whose `<v>` text is bytes[start, end), reading indexes and integers in place. */
  private valueOf(type: CellType, style: number, bytes: Uint8Array, start: number, end: number): CellValue {
    if (type === CellType.Shared) {
      const index = parseIndex(bytes, start, end);
      if (index >= 0) {
        const shared = this.context.sharedStrings[index];
        return shared === undefined || shared === "" ? null : shared;
      }
    } else if (type === CellType.Number) {
      const integer = parsePlainInteger(bytes, start, end);
      if (!Number.isNaN(integer)) return this.numberValue(integer, style);
    }
    return this.cellValue(type, style, decodeXmlText(bytesToText(bytes, start, end)), undefined);
  }

  private numberValue(number: number, style: number): CellValue {
    if (style >= 0 && this.context.dateStyles[style] === true) {
      return serialToIsoDate(number, this.context.date1904) ?? number;
    }
    return number;
  }

  private cellValue(type: CellType, style: number, raw: string | undefined, inline: string | undefined): CellValue {
    switch (type) {
      case CellType.Shared: {
        if (raw === undefined) return null;
        const index = raw.trim() === "" ? Number.NaN : Number(raw);
        const text = Number.isInteger(index) ? this.context.sharedStrings[index] : undefined;
        return text === undefined || text === "" ? null : text;
      }
      case CellType.Inline: {
        const text = inline ?? (raw === undefined ? "" : decodeOoxmlEscapes(raw));
        return text === "" ? null : text;
      }
      case CellType.Formula: {
        if (raw === undefined || raw === "") return inline === undefined || inline === "" ? null : inline;
        return decodeOoxmlEscapes(raw);
      }
      case CellType.Boolean:
        if (raw === "1" || raw === "true") return true;
        if (raw === "0" || raw === "false") return false;
        return null;
      case CellType.Error: {
        const error = raw?.trim();
        return error ? { error } : null;
      }
      case CellType.IsoDate: {
        if (raw === undefined || raw.trim() === "") return null;
        const iso = /^\s*(\d{4}-\d{2}-\d{2})/.exec(raw);
        return iso ? iso[1]! : raw;
      }
      default: {
        if (raw === undefined) return inline === undefined || inline === "" ? null : inline;
        const trimmed = raw.trim();
        if (trimmed === "") return null;
        const number = Number(trimmed);
        // Not a number after all (some writers put text here): keep what the file says.
        return Number.isFinite(number) ? this.numberValue(number, style) : raw;
      }
    }
  }

  private store(row: number, column: number, value: CellValue): void {
    let line = this.line;
    if (row !== this.lineRow || line === null) {
      line = this.lineFor(row);
      this.line = line;
      this.lineRow = row;
    }
    const budget = this.context.budget;
    budget.cells++;
    if (column > line.length) {
      // Positions up to this column are allocated now (as null), and paid for.
      budget.slots += column - line.length;
      if (budget.cells > budget.maxCells || budget.slots > budget.maxCells) throw tooManyCells(budget);
      while (line.length < column - 1) line.push(null);
      line.push(value);
    } else {
      if (budget.cells > budget.maxCells) throw tooManyCells(budget);
      line[column - 1] = value;
    }
  }

  private lineFor(row: number): CellValue[] {
    const rowNumbers = this.rowNumbers;
    const last = rowNumbers[rowNumbers.length - 1];
    if (last === undefined || row > last) {
      rowNumbers.push(row);
      const line: CellValue[] = [];
      this.rowLines.push(line);
      this.rowIndex?.set(row, rowNumbers.length - 1);
      return line;
    }
    if (this.rowIndex === null) this.rowIndex = new Map(rowNumbers.map((number, index) => [number, index]));
    const index = this.rowIndex.get(row);
    if (index !== undefined) return this.rowLines[index]!;
    rowNumbers.push(row);
    const line: CellValue[] = [];
    this.rowLines.push(line);
    this.rowIndex.set(row, rowNumbers.length - 1);
    return line;
  }

  /**
   * Merged ranges keep their value in the top-left cell only, as Excel shows them.
   * `rowNumbers` ascending, `lines` the matching rows.
   */
  private clearMergedCells(rowNumbers: readonly number[], lines: readonly CellValue[][]): void {
    let work = 0;
    const merges = this.merges;
    for (let m = 0; m + 3 < merges.length; m += 4) {
      const r1 = merges[m]!;
      const c1 = merges[m + 1]!;
      const r2 = merges[m + 2]!;
      const c2 = merges[m + 3]!;
      let lo = 0;
      let hi = rowNumbers.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rowNumbers[mid]! < r1) lo = mid + 1;
        else hi = mid;
      }
      let i = lo;
      for (; i < rowNumbers.length && rowNumbers[i]! <= r2; i++) {
        const line = lines[i]!;
        const stop = c2 < line.length ? c2 : line.length;
        for (let column = rowNumbers[i] === r1 ? c1 + 1 : c1; column <= stop; column++) line[column - 1] = null;
        if (stop > c1) work += stop - c1;
      }
      work += i - lo + 1;
      if (work > MERGE_WORK_LIMIT) {
        throw new WorkbookError("too-large", "The worksheet has too many overlapping merged ranges to read.");
      }
    }
  }

  /** The sheet's values, from the top-left value to the last row with a value. */
  snapshot(name: string, hidden: boolean): SheetSnapshot {
    let rowNumbers = this.rowNumbers;
    let lines = this.rowLines;
    if (this.rowIndex !== null) {
      const order = rowNumbers.map((_, index) => index).sort((a, b) => rowNumbers[a]! - rowNumbers[b]!);
      lines = order.map((index) => this.rowLines[index]!);
      rowNumbers = order.map((index) => this.rowNumbers[index]!);
    }
    if (this.merges.length > 0) this.clearMergedCells(rowNumbers, lines);

    let firstRow = 0;
    let lastRow = 0;
    let firstColumn = MAX_COLUMN + 1;
    for (let i = 0; i < rowNumbers.length; i++) {
      const rowNumber = rowNumbers[i]!;
      const line = lines[i]!;
      // Merges may have emptied the end of a row.
      while (line.length > 0 && line[line.length - 1] === null) line.pop();
      if (line.length === 0) continue;
      let first = 0;
      while (line[first] === null) first++;
      if (first + 1 < firstColumn) firstColumn = first + 1;
      if (firstRow === 0) firstRow = rowNumber;
      lastRow = rowNumber;
    }
    const sheet: SheetSnapshot = { name, originRow: 1, originColumn: 1, values: [] };
    if (hidden) sheet.hidden = true;
    if (firstRow === 0) return sheet;

    const budget = this.context.budget;
    budget.slots += lastRow - firstRow + 1;
    if (budget.slots > budget.maxCells) throw tooManyCells(budget);
    const grid: CellValue[][] = new Array<CellValue[]>(lastRow - firstRow + 1);
    for (let r = 0; r < grid.length; r++) grid[r] = [];
    for (let i = 0; i < rowNumbers.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      grid[rowNumbers[i]! - firstRow] = firstColumn === 1 ? line : line.slice(firstColumn - 1);
    }
    sheet.originRow = firstRow;
    sheet.originColumn = firstColumn;
    sheet.values = grid;
    return sheet;
  }
}
