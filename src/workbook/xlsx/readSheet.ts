/**
 * One worksheet part: `<sheetData>` cells and `<mergeCells>`, scanned as UTF-8 bytes in a
 * stream by the namespace-aware XmlScanner (readXmlStream.ts): only SpreadsheetML elements count,
 * whatever their prefix. Each row's values go straight into that row's array, which grows only as
 * far as its last value: a `<dimension>` never sizes anything, and every position allocated
 * counts against the cell budget, so a stray far-away cell cannot exhaust memory.
 *
 * The usual cell, `<c …>[<f…>…</f>]<v>…</v></c>` in the default namespace, is read in one step
 * without the general scan; anything else (prefixes, inline strings, comments, Markup
 * Compatibility) takes the general path. A cell reference that is not a cell of the grid and a
 * shared-string index past the table refuse the sheet as damaged (see README, Decisions).
 */
import type { CellValue, SheetSnapshot } from "../../engine/types";
import { toA1 } from "../../engine/address";
import { WorkbookError } from "../gateway";
import { decodeXmlText } from "../xmlText";
import { bytesEqual, bytesToText, GT, isSpaceByte, LT, scanAttributeBytes, SLASH } from "./readBytes";
import { serialToIsoDate } from "./readDates";
import { decodeOoxmlEscapes } from "./readXml";
import { GO_ON, NS_SML, SKIP, XmlHandler, XmlScanner } from "./readXmlStream";

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
/** Merged ranges per sheet, and steps spent clearing them: only a crafted file comes near. */
const MAX_MERGES = 1_000_000;
const MERGE_WORK_LIMIT = 50_000_000;

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
  /** Also collect each formula cell's formula (SheetSnapshot.formulas). */
  formulas?: boolean;
}

/** A formula as written in a cell's `<f>`: its text, and for a shared formula its group. */
interface FormulaCell {
  row: number;
  column: number;
  text: string;
  /** The shared-formula group (si) of a `t="shared"` formula; -1 for others. */
  shared: number;
}

/** Its `<f>` element as text (`<f t="shared" si="0"/>`, `<f>SUM(A1:A3)</f>`) → the formula cell, or null. */
function formulaFromElement(element: string, row: number, column: number): FormulaCell | null {
  const match = /^<f\b([^>]*?)(?:\/>|>([\s\S]*)<\/f>)$/.exec(element);
  if (!match) return null;
  const attributes = match[1]!;
  const shared = /\bt\s*=\s*["']shared["']/.test(attributes) ? Number(/\bsi\s*=\s*["'](\d+)["']/.exec(attributes)?.[1] ?? "-1") : -1;
  return { row, column, text: decodeXmlText(match[2] ?? ""), shared };
}

/**
 * A formula moved by (rows, columns), as Excel fills a shared formula: relative references move,
 * absolute ($) parts, text in quotes and sheet names stay.
 */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  return formula.replace(
    /("(?:[^"]|"")*")|('(?:[^']|'')*')|(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(!])/g,
    (whole: string, text: string | undefined, quoted: string | undefined, absoluteColumn: string, letters: string, absoluteRow: string, digits: string, offset: number, all: string) => {
      if (text !== undefined || quoted !== undefined) return whole;
      const before = all[offset - 1];
      if (before !== undefined && /[A-Za-z0-9_.]/.test(before)) return whole;
      let column = 0;
      for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
      const newColumn = absoluteColumn ? column : column + columns;
      const newRow = absoluteRow ? Number(digits) : Number(digits) + rows;
      if (newColumn < 1 || newColumn > MAX_COLUMN || newRow < 1 || newRow > MAX_ROW) return "#REF!";
      return `${absoluteColumn}${toA1(newRow, newColumn).replace(/\d+$/, "")}${absoluteRow}${newRow}`;
    },
  );
}

const enum Phase {
  BeforeData,
  InData,
  AfterData,
}

function tooManyCells(budget: CellBudget): WorkbookError {
  return new WorkbookError("too-large", `The workbook has more than ${budget.maxCells.toLocaleString("en")} cells to read.`);
}

/**
 * Parses a cell reference as Excel writes it ("B7": one to three capital letters, then a row
 * number without leading zeros, inside the 16,384 × 1,048,576 grid) in bytes[start, end);
 * false for anything else (G0, XFE40, A1048577, b7, $B$7, junk).
 */
function parseCellReference(bytes: Uint8Array, start: number, end: number, out: { row: number; column: number }): boolean {
  let column = 0;
  let row = 0;
  let i = start;
  for (; i < end && i < start + 3; i++) {
    const code = bytes[i]!;
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else break;
  }
  if (column === 0 || column > MAX_COLUMN || i === end || bytes[i] === 48 /* 0 */ || end - i > 7) return false;
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return false;
    row = row * 10 + code - 48;
  }
  if (row === 0 || row > MAX_ROW) return false;
  out.row = row;
  out.column = column;
  return true;
}

/**
 * A whole row ("12", column left 0) or a whole column ("AB", row left 0), as the ends of a
 * reference like "1:1048576" or "A:XFD"; false when it is neither or off the grid.
 */
function parseLine(bytes: Uint8Array, start: number, end: number, out: { row: number; column: number }): boolean {
  if (start >= end || end - start > 7) return false;
  let column = 0;
  let row = 0;
  for (let i = start; i < end; i++) {
    const code = bytes[i]!;
    if (code >= 65 && code <= 90 && row === 0 && i < start + 3) column = column * 26 + code - 64;
    else if (code >= 48 && code <= 57 && column === 0 && !(row === 0 && code === 48)) row = row * 10 + code - 48;
    else return false;
  }
  if (column > MAX_COLUMN || row > MAX_ROW) return false;
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

function badReference(bytes: Uint8Array, start: number, end: number, what: string): WorkbookError {
  const text = bytesToText(bytes, start, Math.min(end, start + 40));
  return new WorkbookError("corrupt", `The workbook file is damaged: the ${what} "${text}" is not a cell of the worksheet grid (A1 to XFD1048576).`);
}

/** What the general path is collecting. */
const CAPTURE_NONE = 0;
const CAPTURE_VALUE = 1;
const CAPTURE_INLINE = 2;
const CAPTURE_FORMULA = 3;

/** Collects one worksheet's cells from streamed bytes; the XmlScanner's handler for the part. */
export class SheetReader implements XmlHandler {
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
  private readonly reference = { row: 0, column: 0 };
  private readonly scanner: XmlScanner;
  /** Depth of <sheetData> and of the open <row> (0 when none). */
  private dataDepth = 0;
  private rowDepth = 0;
  private mergeDepth = 0;
  /** The cell read by the general path: its depth (0 when none), place, type and what it holds. */
  private cellDepth = 0;
  private cellRow = 0;
  private cellColumn = 0;
  private cellType = CellType.Number;
  private cellStyle = 0;
  private capture = CAPTURE_NONE;
  private captured = "";
  private raw: string | undefined;
  private inline: string | undefined;
  private inlineDepth = 0;
  /** Formula cells, when the context asks for them; the general path's `<f>` being read. */
  private readonly formulaCells: FormulaCell[] = [];
  private formulaShared = -1;

  constructor(
    private readonly context: SheetContext,
    partName = "worksheet",
  ) {
    this.scanner = new XmlScanner(partName, this, NS_SML, "worksheet");
  }

  /** Whether the sheet's XML ended where it may (a final chunk that leaves it open is a damaged part). */
  get complete(): boolean {
    return this.scanner.depth === 0;
  }

  /** Reads every complete construct in `bytes`; returns how many bytes were used. */
  consume(bytes: Uint8Array, final = false): number {
    return this.scanner.consume(bytes, final);
  }

  /** After the last bytes: refuses a part cut short, saying so with `cutShort`. */
  finish(cutShort?: string): void {
    this.scanner.finish(cutShort);
  }

  start(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number, gt: number, selfClosing: boolean): number {
    if (ns !== NS_SML) return GO_ON;
    const depth = scanner.depth;
    if (this.cellDepth !== 0) return this.startInCell(depth, bytes, local, nameEnd, selfClosing);
    const length = nameEnd - local;
    if (depth === this.rowDepth && this.rowDepth !== 0) {
      if (length === 1 && bytes[local] === 99 /* c */) return this.startCell(scanner, bytes, local, gt, selfClosing);
      return SKIP;
    }
    if (depth === this.dataDepth && this.dataDepth !== 0) {
      if (length === 3 && bytesEqual(bytes, local, nameEnd, "row")) {
        this.startRow(scanner, bytes);
        if (!selfClosing) this.rowDepth = depth + 1;
        return GO_ON;
      }
      return SKIP;
    }
    if (depth === this.mergeDepth && this.mergeDepth !== 0) {
      if (bytesEqual(bytes, local, nameEnd, "mergeCell")) this.addMerge(scanner, bytes);
      return SKIP;
    }
    if (depth !== 1) return depth === 0 ? GO_ON : SKIP;
    if (bytesEqual(bytes, local, nameEnd, "sheetData")) {
      if (this.phase !== Phase.BeforeData) throw new WorkbookError("corrupt", "The workbook file is damaged: a worksheet has two <sheetData> elements.");
      this.phase = selfClosing ? Phase.AfterData : Phase.InData;
      if (!selfClosing) this.dataDepth = depth + 1;
      return GO_ON;
    }
    if (!bytesEqual(bytes, local, nameEnd, "mergeCells")) return SKIP;
    if (!selfClosing) this.mergeDepth = depth + 1;
    return GO_ON;
  }

  end(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number): void {
    if (ns !== NS_SML) return;
    const depth = scanner.depth;
    if (this.cellDepth !== 0) {
      if (depth === this.cellDepth) this.finishCell();
      else if (this.capture !== CAPTURE_NONE && (depth === this.cellDepth + 1 || bytesEqual(bytes, local, nameEnd, "t"))) this.endCapture();
      else if (depth === this.inlineDepth) this.inlineDepth = 0;
      return;
    }
    if (depth === this.rowDepth) this.rowDepth = 0;
    else if (depth === this.dataDepth) {
      this.dataDepth = 0;
      this.phase = Phase.AfterData;
    } else if (depth === this.mergeDepth) this.mergeDepth = 0;
  }

  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void {
    const piece = bytesToText(bytes, start, end);
    this.captured += cdata ? piece : decodeXmlText(piece);
  }

  /** An element inside a cell the general path reads: <v>, <is> and the <t> of its runs. */
  private startInCell(depth: number, bytes: Uint8Array, local: number, nameEnd: number, selfClosing: boolean): number {
    const length = nameEnd - local;
    if (depth === this.cellDepth) {
      if (length === 1 && bytes[local] === 118 /* v */) {
        if (selfClosing) this.raw = "";
        else this.beginCapture(CAPTURE_VALUE);
        return GO_ON;
      }
      if (length === 1 && bytes[local] === 102 /* f */ && this.context.formulas) {
        this.formulaShared = this.sharedGroup(bytes);
        if (selfClosing) this.formulaCells.push({ row: this.cellRow, column: this.cellColumn, text: "", shared: this.formulaShared });
        else this.beginCapture(CAPTURE_FORMULA);
        return GO_ON;
      }
      if (length === 2 && bytes[local] === 105 /* i */ && bytes[local + 1] === 115 /* s */) {
        this.inline = "";
        if (!selfClosing) this.inlineDepth = depth + 1;
        return GO_ON;
      }
      return SKIP;
    }
    if (this.inlineDepth === 0) return SKIP;
    // In <is>: <t> directly, or <r><t>; phonetic runs (<rPh>, furigana/zhuyin shown above the
    // text) and run properties are not the cell's value.
    if (length === 1 && bytes[local] === 116 /* t */ && (depth === this.inlineDepth || depth === this.inlineDepth + 1)) {
      if (!selfClosing) this.beginCapture(CAPTURE_INLINE);
      return GO_ON;
    }
    if (length === 1 && bytes[local] === 114 /* r */ && depth === this.inlineDepth) return GO_ON;
    return SKIP;
  }

  private beginCapture(what: number): void {
    this.capture = what;
    this.captured = "";
    this.scanner.captureText = true;
  }

  private endCapture(): void {
    if (this.capture === CAPTURE_VALUE) this.raw = this.captured;
    else if (this.capture === CAPTURE_INLINE) this.inline = (this.inline ?? "") + this.captured;
    else if (this.capture === CAPTURE_FORMULA) this.formulaCells.push({ row: this.cellRow, column: this.cellColumn, text: this.captured, shared: this.formulaShared });
    this.capture = CAPTURE_NONE;
    this.captured = "";
    this.scanner.captureText = false;
  }

  /** The si of the `<f>` start tag being read when it is t="shared", else -1. */
  private sharedGroup(bytes: Uint8Array): number {
    const ranges = this.scanner.attributes;
    let shared = false;
    let group = -1;
    for (let k = 0; k < ranges.count; k++) {
      const nameStart = ranges.at[4 * k]!;
      const nameEnd = ranges.at[4 * k + 1]!;
      const value = bytesToText(bytes, ranges.at[4 * k + 2]!, ranges.at[4 * k + 3]!);
      if (bytesEqual(bytes, nameStart, nameEnd, "t")) shared = value === "shared";
      else if (bytesEqual(bytes, nameStart, nameEnd, "si")) group = /^\d+$/.test(value) ? Number(value) : -1;
    }
    return shared ? group : -1;
  }

  private startRow(scanner: XmlScanner, bytes: Uint8Array): void {
    const ranges = scanner.attributes;
    let row = this.row + 1;
    for (let k = 0; k < ranges.count; k++) {
      if (!bytesEqual(bytes, ranges.at[4 * k]!, ranges.at[4 * k + 1]!, "r")) continue;
      const start = ranges.at[4 * k + 2]!;
      const end = ranges.at[4 * k + 3]!;
      row = parseIndex(bytes, start, end);
      if (row < 1 || row > MAX_ROW) throw outOfRange(`row ${bytesToText(bytes, start, Math.min(end, start + 20))}`);
    }
    if (row > MAX_ROW) throw outOfRange(`row ${row}`);
    this.row = row;
    this.column = 0;
  }

  private addMerge(scanner: XmlScanner, bytes: Uint8Array): void {
    const ranges = scanner.attributes;
    let k = 0;
    while (k < ranges.count && !bytesEqual(bytes, ranges.at[4 * k]!, ranges.at[4 * k + 1]!, "ref")) k++;
    if (k === ranges.count) return;
    const start = ranges.at[4 * k + 2]!;
    const end = ranges.at[4 * k + 3]!;
    let split = start;
    while (split < end && bytes[split] !== 58 /* : */) split++;
    const a = { row: 0, column: 0 };
    const b = { row: 0, column: 0 };
    if (!parseCellReference(bytes, start, split, a) || (split < end && !parseCellReference(bytes, split + 1, end, b))) {
      // LibreOffice writes a merge across whole rows or columns as "1:1048576" or "A:XFD".
      if (split === end || !parseLine(bytes, start, split, a) || !parseLine(bytes, split + 1, end, b) || (a.row === 0) !== (b.row === 0)) {
        throw badReference(bytes, start, end, "merged range");
      }
      if (a.row === 0) [a.row, b.row] = [1, MAX_ROW];
      else [a.column, b.column] = [1, MAX_COLUMN];
    }
    if (split === end) {
      b.row = a.row;
      b.column = a.column;
    }
    if (this.merges.length >= MAX_MERGES * 4) {
      throw new WorkbookError("too-large", `The worksheet has more than ${MAX_MERGES.toLocaleString("en")} merged ranges.`);
    }
    this.merges.push(Math.min(a.row, b.row), Math.min(a.column, b.column), Math.max(a.row, b.row), Math.max(a.column, b.column));
  }

  /**
   * A `<c>` whose start tag ends at `gt`: read whole here when it is the usual
   * `<c …>[<f…>…</f>]<v>…</v></c>` in the default namespace (returns the index after it), else
   * the general path collects it element by element (GO_ON).
   */
  private startCell(scanner: XmlScanner, bytes: Uint8Array, local: number, gt: number, selfClosing: boolean): number {
    const ranges = scanner.attributes;
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
      if (name === 114 /* r */) {
        hasReference = parseCellReference(bytes, valueStart, valueEnd, this.reference);
        if (!hasReference) throw badReference(bytes, valueStart, valueEnd, "cell reference");
      } else if (name === 115 /* s */) style = parseIndex(bytes, valueStart, valueEnd);
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
    this.column = column;
    if (selfClosing) return GO_ON;

    // Only nearby '<' are searched for, so a malformed cell never scans far ahead.
    if (bytes[local - 1] === LT && !scanner.tagDeclares) {
      let p = gt + 1;
      const formulaStart = p;
      if (bytes[p] === LT && bytes[p + 1] === 102 /* f */) p = skipFormula(bytes, p + 2);
      if (p >= 0 && bytes[p] === LT && bytes[p + 1] === 118 /* v */ && bytes[p + 2] === GT) {
        const valueStart = p + 3;
        let valueEnd = valueStart;
        while (valueEnd < bytes.length && bytes[valueEnd] !== LT) valueEnd++;
        if (isValueEnd(bytes, valueEnd)) {
          const value = this.valueOf(type, style, bytes, valueStart, valueEnd, row, column);
          if (value !== null) this.store(row, column, value);
          if (p > formulaStart && this.context.formulas) {
            const formula = formulaFromElement(bytesToText(bytes, formulaStart, p), row, column);
            if (formula) this.formulaCells.push(formula);
          }
          return valueEnd + 8;
        }
      }
    }
    this.cellDepth = scanner.depth + 1;
    this.cellRow = row;
    this.cellColumn = column;
    this.cellType = type;
    this.cellStyle = style;
    this.raw = undefined;
    this.inline = undefined;
    return GO_ON;
  }

  private finishCell(): void {
    if (this.capture !== CAPTURE_NONE) this.endCapture();
    this.cellDepth = 0;
    this.inlineDepth = 0;
    const inline = this.inline === undefined ? undefined : decodeOoxmlEscapes(this.inline);
    const value = this.cellValue(this.cellType, this.cellStyle, this.raw, inline, this.cellRow, this.cellColumn);
    if (value !== null) this.store(this.cellRow, this.cellColumn, value);
  }

  /** The value of a cell whose `<v>` text is bytes[start, end), reading indexes and integers in place. */
  private valueOf(type: CellType, style: number, bytes: Uint8Array, start: number, end: number, row: number, column: number): CellValue {
    if (type === CellType.Shared) {
      const index = parseIndex(bytes, start, end);
      if (index >= 0) return this.sharedString(index, row, column);
    } else if (type === CellType.Number) {
      const integer = parsePlainInteger(bytes, start, end);
      if (!Number.isNaN(integer)) return this.numberValue(integer, style);
    }
    return this.cellValue(type, style, decodeXmlText(bytesToText(bytes, start, end)), undefined, row, column);
  }

  /** Shared string `index` for the cell at (row, column); an index past the table refuses the sheet. */
  private sharedString(index: number, row: number, column: number): CellValue {
    const strings = this.context.sharedStrings;
    if (!(index >= 0 && index < strings.length)) {
      throw new WorkbookError(
        "corrupt",
        `The workbook file is damaged: cell ${toA1(row, column)} refers to shared string ${index}, but the table has ${strings.length === 0 ? "none" : `only ${strings.length}`}.`,
      );
    }
    const text = strings[index]!;
    return text === "" ? null : text;
  }

  private numberValue(number: number, style: number): CellValue {
    if (style >= 0 && this.context.dateStyles[style] === true) {
      return serialToIsoDate(number, this.context.date1904) ?? number;
    }
    return number;
  }

  private cellValue(type: CellType, style: number, raw: string | undefined, inline: string | undefined, row: number, column: number): CellValue {
    switch (type) {
      case CellType.Shared: {
        if (raw === undefined || raw.trim() === "") return null;
        const index = Number(raw);
        return this.sharedString(Number.isInteger(index) ? index : Number.NaN, row, column);
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

  /** The formulas by A1 address ("=" first); a shared formula's other cells get the first one's, moved. */
  private formulas(): Record<string, string> {
    const masters = new Map<number, FormulaCell>();
    for (const cell of this.formulaCells) if (cell.shared >= 0 && cell.text !== "" && !masters.has(cell.shared)) masters.set(cell.shared, cell);
    const formulas: Record<string, string> = {};
    for (const cell of this.formulaCells) {
      let text = cell.text;
      if (text === "" && cell.shared >= 0) {
        const master = masters.get(cell.shared);
        if (!master) continue;
        text = shiftFormula(master.text, cell.row - master.row, cell.column - master.column);
      }
      if (text !== "") formulas[toA1(cell.row, cell.column)] = `=${text}`;
    }
    return formulas;
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
    if (this.formulaCells.length > 0) sheet.formulas = this.formulas();
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
