/**
 * Finds the contract's sheets and columns in a snapshot, the way a person lays them out:
 * Chinese or English names, header rows below title rows, columns in any order among unknown
 * ones, blank rows in between, total rows. Every cell keeps its real A1 address.
 */
import { toA1 } from "../address";
import {
  ColumnDefinition,
  HEADER_MIN_MATCHES,
  HEADER_SEARCH_ROWS,
  PLAN_SHEET,
  TableSheetDefinition,
  TOTAL_ROW_LABELS,
} from "../contract";
import { cellText, isEmptyCell, mayBeNumberText, normalizeHeader, normalizeSheetName, normalizeText, parseNumberCell, parseYear } from "../normalize";
import { CellValue, SheetSnapshot, WorkbookSnapshot } from "../types";

export interface LocatedCell {
  readonly value: CellValue;
  readonly row: number;
  readonly column: number;
  readonly address: string;
}

/** A cell with its real position; the A1 text is built only when a finding needs it. */
class SheetCell implements LocatedCell {
  constructor(
    readonly value: CellValue,
    readonly row: number,
    readonly column: number,
  ) {}
  get address(): string {
    return toA1(this.row, this.column);
  }
}

export interface TableRow {
  /** 1-based sheet row. */
  row: number;
  isTotal: boolean;
  /** Keys of numeric (and year) columns holding something that is not a readable number. */
  unreadable: string[];
  /** Text of the first non-empty cell (the total label on total rows). */
  firstText: string;
  /** Cells by column key; undefined when the column is absent from the sheet. */
  cells: Record<string, LocatedCell | undefined>;
}

export interface LocatedTable {
  definition: TableSheetDefinition;
  sheet: SheetSnapshot;
  /** 1-based header row, or null when no header row was found. */
  headerRow: number | null;
  /** Column positions (1-based) of the known columns found. */
  columns: Record<string, number>;
  missingRequired: ColumnDefinition[];
  rows: TableRow[];
}

const TOTAL_LABELS = new Set(TOTAL_ROW_LABELS.map(normalizeHeader));
/** Also "人事費小計", "業務費合計" and "Total personnel", "Grand total (NT$)". */
const CJK_TOTAL = /^.{1,12}(?:合計|總計|小計)$/;
const ENGLISH_TOTAL = /^(?:sub-?|grand\s*)?total(?![a-z])/;

export function isTotalLabel(text: string): boolean {
  let answer = totalLabelAnswers.get(text);
  if (answer === undefined) {
    const key = normalizeHeader(text);
    answer = TOTAL_LABELS.has(key) || CJK_TOTAL.test(key) || ENGLISH_TOTAL.test(normalizeText(text));
    if (totalLabelAnswers.size >= 50_000) totalLabelAnswers.clear();
    totalLabelAnswers.set(text, answer);
  }
  return answer;
}

/** isTotalLabel runs on every row's first text, and first texts (categories) repeat. */
const totalLabelAnswers = new Map<string, boolean>();

function namesOf(names: { "zh-TW": string; en: string }, aliases: readonly string[] = []): string[] {
  return [names["zh-TW"], names.en, ...aliases];
}

/**
 * The sheet named `names` — the canonical zh-TW name if a tab has it, else the English alias, else
 * (for callers with more names, such as the sheets the product writes) each further name in turn —
 * whatever the tab order. Names match after normalizeSheetName only: a tab whose name merely
 * resembles one (經費表 (2), Budget sheet) is another sheet.
 */
export function findSheet(
  snapshot: WorkbookSnapshot,
  names: { "zh-TW": string; en: string },
  aliases: readonly string[] = [],
): SheetSnapshot | null {
  const byKey = new Map<string, SheetSnapshot>();
  for (const sheet of snapshot.sheets) {
    const key = normalizeSheetName(sheet.name);
    if (!byKey.has(key)) byKey.set(key, sheet);
  }
  for (const name of namesOf(names, aliases)) {
    const found = byKey.get(normalizeSheetName(name));
    if (found) return found;
  }
  return null;
}

export function findPlanSheet(snapshot: WorkbookSnapshot): SheetSnapshot | null {
  return findSheet(snapshot, PLAN_SHEET.name);
}

function headerKeyMap(columns: ColumnDefinition[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const column of columns) {
    for (const name of namesOf(column.label, column.aliases)) {
      const key = normalizeHeader(name);
      if (!map.has(key)) map.set(key, column.key);
    }
  }
  return map;
}

const headerMaps = new WeakMap<TableSheetDefinition, Map<string, string>>();

function headerMapFor(definition: TableSheetDefinition): Map<string, string> {
  let map = headerMaps.get(definition);
  if (!map) {
    map = headerKeyMap(definition.columns);
    headerMaps.set(definition, map);
  }
  return map;
}

/** Column key → 1-based column for the known headers in one row (first occurrence wins). */
function matchHeaderRow(sheet: SheetSnapshot, rowIndex: number, map: Map<string, string>): Record<string, number> {
  const found: Record<string, number> = {};
  const values = sheet.values[rowIndex] ?? [];
  for (let c = 0; c < values.length; c += 1) {
    const value = values[c];
    if (typeof value !== "string") continue;
    const key = map.get(normalizeHeader(value));
    if (key !== undefined && found[key] === undefined) found[key] = sheet.originColumn + c;
  }
  return found;
}

/**
 * Whether a row repeats the header row (a second page's header): at least `minimum` of its text
 * cells equal the header row's own texts. Raw comparison keeps this cheap on every data row.
 */
function repeatsHeader(values: CellValue[], headerTexts: Set<string>, minimum: number): boolean {
  let found = 0;
  for (const value of values) {
    if (typeof value === "string" && headerTexts.has(value.trim())) {
      found += 1;
      if (found >= minimum) return true;
    }
  }
  return false;
}

/**
 * Remembers each row's reading by the identity of its values array, so an unchanged row of an
 * edited snapshot is not read again (live validation). Snapshots are treated as immutable:
 * an edit replaces the changed rows' arrays (see patchSnapshot).
 */
export type RowCache = WeakMap<CellValue[], { signature: number; row: TableRow | null }>;

export function locateTable(sheet: SheetSnapshot, definition: TableSheetDefinition, cache?: RowCache): LocatedTable {
  const map = headerMapFor(definition);
  // Sheets with fewer known columns than the threshold (歷年補助款) need all of them.
  const minimum = Math.min(HEADER_MIN_MATCHES, definition.columns.length);
  let headerIndex = -1;
  let columns: Record<string, number> = {};
  const lastSearchIndex = HEADER_SEARCH_ROWS - sheet.originRow; // rows 1..20 of the sheet
  for (let r = 0; r < sheet.values.length && r <= lastSearchIndex; r += 1) {
    const found = matchHeaderRow(sheet, r, map);
    if (Object.keys(found).length >= minimum) {
      headerIndex = r;
      columns = found;
      break;
    }
  }
  const missingRequired = definition.columns.filter((c) => c.required && columns[c.key] === undefined);
  if (headerIndex < 0) {
    return { definition, sheet, headerRow: null, columns, missingRequired, rows: [] };
  }

  const rows: TableRow[] = [];
  const columnEntries = Object.entries(columns);
  // Every row's cells object starts as a copy of this one (same keys, same order): filling
  // existing properties is much cheaper than growing a fresh object key by key, row after row.
  const cellsTemplate: Record<string, LocatedCell | undefined> = {};
  for (const [key] of columnEntries) cellsTemplate[key] = undefined;
  const headerTexts = new Set<string>();
  for (const column of Object.values(columns)) {
    const text = sheet.values[headerIndex]?.[column - sheet.originColumn];
    if (typeof text === "string") headerTexts.add(text.trim());
  }
  const numericKeys = definition.columns.filter((c) => (c.kind === "number" || c.kind === "year") && columns[c.key] !== undefined).map((c) => ({ key: c.key, year: c.kind === "year" }));
  const signature = cache ? hashText(`${definition.key}|${sheet.originColumn}|${JSON.stringify(columns)}|${[...headerTexts].join("\u0001")}`) : 0;
  for (let r = headerIndex + 1; r < sheet.values.length; r += 1) {
    const values = sheet.values[r] ?? [];
    const rowNumber = sheet.originRow + r;
    if (cache) {
      const cached = cache.get(values);
      if (cached && cached.signature === signature && (cached.row === null || cached.row.row === rowNumber)) {
        if (cached.row) rows.push(cached.row);
        continue;
      }
      const row = readRow(values, rowNumber, columnEntries, cellsTemplate, headerTexts, minimum, sheet.originColumn, numericKeys);
      cache.set(values, { signature, row });
      if (row) rows.push(row);
      continue;
    }
    const row = readRow(values, rowNumber, columnEntries, cellsTemplate, headerTexts, minimum, sheet.originColumn, numericKeys);
    if (row) rows.push(row);
  }
  return { definition, sheet, headerRow: sheet.originRow + headerIndex, columns, missingRequired, rows };
}

/** 32-bit FNV-1a of a text: a short signature for cache entries. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One data row, or null for a blank row or a repeated header row. */
function readRow(
  values: CellValue[],
  rowNumber: number,
  columnEntries: [string, number][],
  cellsTemplate: Record<string, LocatedCell | undefined>,
  headerTexts: Set<string>,
  minimum: number,
  originColumn: number,
  numericKeys: { key: string; year: boolean }[],
): TableRow | null {
  const cells: Record<string, LocatedCell | undefined> = { ...cellsTemplate };
  let anyKnown = false;
  for (const [key, column] of columnEntries) {
    const value = values[column - originColumn] ?? null;
    if (!isEmptyCell(value)) anyKnown = true;
    cells[key] = new SheetCell(value, rowNumber, column);
  }
  if (!anyKnown) return null; // a blank row: every known column empty
  // The header row repeated further down (a second page's header) is not data.
  if (repeatsHeader(values, headerTexts, minimum)) return null;
  // "First text cell": the first non-empty cell holding text that is not a number, so an
  // amount column placed first, or a row number, does not hide the 合計 label.
  let firstText = "";
  for (const value of values) {
    if (typeof value === "string" && !isEmptyCell(value) && (!mayBeNumberText(value) || parseNumberCell(value).kind !== "number")) {
      firstText = cellText(value);
      break;
    }
  }
  const isTotal = firstText.length > 0 && isTotalLabel(firstText);
  const unreadable: string[] = [];
  for (const { key, year } of numericKeys) {
    const value = cells[key]?.value;
    if (typeof value === "number" && Number.isFinite(value) && (!year || parseYear(value) !== null)) continue;
    if (isEmptyCell(value)) continue;
    const readable = year ? parseYear(value) !== null : parseNumberCell(value).kind === "number";
    if (!readable) unreadable.push(key);
  }
  return { row: rowNumber, isTotal, firstText, cells, unreadable };
}

/** Address of a column's header cell, or the sheet's first cell when the column is absent. */
export function headerAddress(table: LocatedTable, columnKey: string): { row: number; column: number; address: string } {
  const column = table.columns[columnKey];
  if (table.headerRow !== null && column !== undefined) {
    return { row: table.headerRow, column, address: toA1(table.headerRow, column) };
  }
  return firstHeaderAddress(table);
}

/** The first header cell (leftmost known column), or the sheet's top-left cell. */
export function firstHeaderAddress(table: LocatedTable): { row: number; column: number; address: string } {
  const columns = Object.values(table.columns);
  if (table.headerRow !== null && columns.length > 0) {
    const column = Math.min(...columns);
    return { row: table.headerRow, column, address: toA1(table.headerRow, column) };
  }
  return { row: 1, column: 1, address: "A1" };
}
