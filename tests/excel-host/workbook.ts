/**
 * The workbook inside the in-memory Excel: sheets, cells (values, formulas, number formats,
 * formats), conditional formats, notes, threaded comments, settings, names, tables, custom XML
 * parts, data validations, charts and sheet protection. Tests set a workbook up and inspect it
 * here directly; the add-in only reaches it through Microsoft's client library and the host's
 * request executor (executor.ts), which applies Excel's rules.
 */
import { type CellRect, contains, formatAddress, formatRect, intersects, parseArea, parseAreaList } from "./address";
import { HostError } from "./errors";
import { enterText } from "./valueParsing";

export type ModelValue = string | number | boolean | { error: string } | null;

export type BorderEdge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight";

export interface ModelBorder {
  style: string;
  color: string;
}

export interface ModelCellFormat {
  fill: string | null;
  fontColor: string;
  bold: boolean;
  borders: Partial<Record<BorderEdge, ModelBorder>>;
  italic?: boolean;
  underline?: string;
  strikethrough?: boolean;
  size?: number;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

export const DEFAULT_FORMAT: Readonly<ModelCellFormat> = Object.freeze({
  fill: null,
  fontColor: "#000000",
  bold: false,
  borders: Object.freeze({}),
});

export interface ModelCell {
  value: ModelValue;
  /** Formula text with its leading "="; the host does not calculate (value stays as written before). */
  formula?: string;
  /** Number format code; absent means the column's, else "General". */
  numberFormat?: string;
  format?: ModelCellFormat;
  hyperlink?: { documentReference?: string; address?: string; textToDisplay?: string; screenTip?: string };
}

export interface ModelValidation {
  address: string;
  rect: CellRect;
  source: string;
  errorTitle?: string;
  errorMessage?: string;
  promptTitle?: string;
}

export interface ModelChart {
  id: string;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string | null;
  axisTitles: { category: string | null; value: string | null };
  position?: string;
}

/** Sheet-level features written by the layout writer (Office.js names). */
export interface ModelSheetFeatures {
  frozen?: { rows: number; columns: number };
  tabColor?: string;
  /** Whole-column number formats, widths (points) and hidden flags, by 1-based column. */
  columnFormats: Map<number, string>;
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  autoFilter?: string;
  merges: string[];
  validations: ModelValidation[];
  charts: ModelChart[];
  /** Worksheet.pageLayout [ExcelApi 1.9]; absent until first used (Excel's defaults). */
  pageLayout?: ModelPageLayout;
}

/** The page setup of a sheet (PageLayout, as Office.js names it). */
export interface ModelPageLayout {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  zoom: { scale: number } | { horizontalFitToPages: number; verticalFitToPages: number };
  /** Rows repeated at the top of every page (1-based, inclusive). */
  printTitleRows?: { top: number; bottom: number };
  printArea?: CellRect[];
}

/** Worksheet protection (WorksheetProtectionOptions, ExcelApi 1.2). */
export interface ModelProtection {
  protected: boolean;
  allowFormatCells: boolean;
  allowEditObjects: boolean;
  allowAutoFilter: boolean;
}

/** A workbook-level defined name: `formula` as Excel reports it ("=Sheet1!$A$1"). */
export interface ModelName {
  name: string;
  formula: string;
  visible: boolean;
}

export interface ModelTable {
  id: string;
  name: string;
  sheetId: string;
  rect: CellRect;
  style: string;
}

export type ConditionalFormatKind = "Custom" | "CellValue" | "DataBar" | "ColorScale" | "IconSet";

export interface ModelConditionalFormat {
  id: string;
  type: ConditionalFormatKind;
  areas: CellRect[];
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  stopIfTrue: boolean;
}

export interface ModelNote {
  /** Creation serial number: tells a re-created note from an untouched one. */
  serial: number;
  row: number;
  column: number;
  content: string;
  authorName: string;
}

export interface ModelComment {
  id: string;
  sheetId: string;
  row: number;
  column: number;
  content: string;
  authorName: string;
  resolved: boolean;
}

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface ModelSheet {
  id: string;
  name: string;
  visibility: SheetVisibility;
  cells: Map<string, ModelCell>;
  conditionalFormats: ModelConditionalFormat[];
  notes: ModelNote[];
  features: ModelSheetFeatures;
  protection: ModelProtection;
}

export interface ModelXmlPart {
  id: string;
  namespaceUri: string;
  xml: string;
}

/** Excel's sheet-name rules (the UI and Worksheet.name): 1–31 characters, none of : \ / ? * [ ], no leading or trailing apostrophe. */
export function isValidSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name);
}

function cellKey(row: number, column: number): string {
  return `${row}:${column}`;
}

function cloneFormat(format: ModelCellFormat): ModelCellFormat {
  return { ...format, borders: { ...format.borders } };
}

/** JSON clone: what crosses the process boundary in Office is JSON. */
export function jsonClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const UNPROTECTED: Readonly<ModelProtection> = Object.freeze({
  protected: false,
  allowFormatCells: false,
  allowEditObjects: false,
  allowAutoFilter: false,
});

export class ExcelWorkbook {
  readonly sheets: ModelSheet[] = [];
  readonly comments: ModelComment[] = [];
  readonly settings = new Map<string, unknown>();
  readonly names: ModelName[] = [];
  readonly tables: ModelTable[] = [];
  readonly xmlParts: ModelXmlPart[] = [];
  activeSheetId: string | null = null;
  selection: string | null = null;
  enableEvents = true;
  /** Who the host says the user is (comment and note authors). */
  userName = "Add-in user";
  private nextId = 1;

  newId(prefix: string): string {
    const id = `${prefix}${this.nextId}`;
    this.nextId += 1;
    return id;
  }

  newSerial(): number {
    const serial = this.nextId;
    this.nextId += 1;
    return serial;
  }

  // ----- sheets and cells -----

  addSheet(name: string, visibility: SheetVisibility = "Visible"): ModelSheet {
    if (this.findSheet(name)) throw new HostError("ItemAlreadyExists", `A sheet named ${name} already exists`);
    const serial = String(this.newSerial()).padStart(4, "0");
    const sheet: ModelSheet = {
      id: `{00000000-${serial}-0000-0000-000000000000}`,
      name,
      visibility,
      cells: new Map(),
      conditionalFormats: [],
      notes: [],
      features: {
        columnFormats: new Map(),
        columnWidths: new Map(),
        hiddenColumns: new Set(),
        merges: [],
        validations: [],
        charts: [],
      },
      protection: { ...UNPROTECTED },
    };
    this.sheets.push(sheet);
    this.activeSheetId ??= sheet.id;
    return sheet;
  }

  /** Sheet names are case-insensitive in Excel. */
  findSheet(name: string): ModelSheet | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
  }

  sheet(name: string): ModelSheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`No sheet ${name}`);
    return sheet;
  }

  sheetById(id: string): ModelSheet | undefined {
    return this.sheets.find((sheet) => sheet.id === id);
  }

  /** Deletes a sheet: names referring to it now refer to #REF!, as in Excel; its tables and comments go with it. */
  deleteSheet(sheet: ModelSheet): void {
    if (this.sheets.filter((other) => other.visibility === "Visible" && other !== sheet).length === 0) {
      throw new HostError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    const quoted = `='${sheet.name.replace(/'/g, "''")}'!`.toLowerCase();
    const bare = `=${sheet.name}!`.toLowerCase();
    for (const name of this.names) {
      const lower = name.formula.toLowerCase();
      const prefix = lower.startsWith(quoted) ? quoted : lower.startsWith(bare) ? bare : null;
      if (prefix !== null) name.formula = `=#REF!${name.formula.slice(prefix.length)}`;
    }
    for (let i = this.tables.length - 1; i >= 0; i -= 1)
      if (this.tables[i]!.sheetId === sheet.id) this.tables.splice(i, 1);
    for (let i = this.comments.length - 1; i >= 0; i -= 1)
      if (this.comments[i]!.sheetId === sheet.id) this.comments.splice(i, 1);
    if (this.activeSheetId === sheet.id) {
      this.activeSheetId = this.sheets.find((other) => other.visibility === "Visible")?.id ?? null;
    }
  }

  /** A name or table name in use (they share one namespace, case-insensitively). */
  nameInUse(name: string): boolean {
    const wanted = name.toLowerCase();
    return (
      this.names.some((item) => item.name.toLowerCase() === wanted) ||
      this.tables.some((table) => table.name.toLowerCase() === wanted)
    );
  }

  protect(sheetName: string, options: Partial<Omit<ModelProtection, "protected">> = {}): void {
    this.sheet(sheetName).protection = { ...UNPROTECTED, ...options, protected: true };
  }

  /** What a cell's number format is (its own, else its column's, else "General"). */
  numberFormatAt(sheet: ModelSheet, row: number, column: number): string {
    return this.cellAt(sheet, row, column)?.numberFormat ?? sheet.features.columnFormats.get(column) ?? "General";
  }

  /** A string entered through Range.values, as Excel takes typed text (valueParsing.ts). */
  enterText(sheet: ModelSheet, row: number, column: number, text: string): void {
    const entered = enterText(text, this.numberFormatAt(sheet, row, column));
    if (entered.kind === "empty") {
      this.writeValue(sheet, row, column, null);
      return;
    }
    const cell = this.ensureCell(sheet, row, column);
    delete cell.formula;
    switch (entered.kind) {
      case "formula":
        cell.value = null;
        cell.formula = entered.formula;
        break;
      case "number":
        cell.value = entered.value;
        if (entered.numberFormat && this.numberFormatAt(sheet, row, column) === "General") {
          cell.numberFormat = entered.numberFormat;
        }
        break;
      case "error":
        cell.value = { error: entered.value };
        break;
      default:
        cell.value = entered.value;
    }
  }

  ensureCell(sheet: ModelSheet, row: number, column: number): ModelCell {
    const key = cellKey(row, column);
    let cell = sheet.cells.get(key);
    if (!cell) {
      cell = { value: null };
      sheet.cells.set(key, cell);
    }
    return cell;
  }

  cellAt(sheet: ModelSheet, row: number, column: number): ModelCell | undefined {
    return sheet.cells.get(cellKey(row, column));
  }

  /** Writes values starting at a top-left cell, as stored values (no parsing): a test's setup. */
  setValues(sheetName: string, topLeft: string, rows: ModelValue[][]): void {
    const sheet = this.sheet(sheetName);
    const { rect } = parseArea(topLeft);
    rows.forEach((row, r) => row.forEach((value, c) => this.writeValue(sheet, rect.top + r, rect.left + c, value)));
  }

  writeValue(sheet: ModelSheet, row: number, column: number, value: ModelValue): void {
    const key = cellKey(row, column);
    const cell = sheet.cells.get(key);
    const stored = value === "" ? null : value;
    if (cell) {
      cell.value = stored;
      delete cell.formula;
    } else if (stored !== null) sheet.cells.set(key, { value: stored });
  }

  setFormula(sheetName: string, cell: string, formula: string): void {
    const sheet = this.sheet(sheetName);
    const { rect } = parseArea(cell);
    const target = this.ensureCell(sheet, rect.top, rect.left);
    target.formula = formula;
  }

  setNumberFormat(sheetName: string, address: string, format: string): void {
    const sheet = this.sheet(sheetName);
    this.forEachCell(parseArea(address).rect, (row, column) => {
      this.ensureCell(sheet, row, column).numberFormat = format;
    });
  }

  setFormat(sheetName: string, address: string, format: Partial<ModelCellFormat>): void {
    const sheet = this.sheet(sheetName);
    const { rect } = parseArea(address);
    this.forEachCell(rect, (row, column) => this.updateFormat(sheet, row, column, (f) => Object.assign(f, format)));
  }

  updateFormat(sheet: ModelSheet, row: number, column: number, update: (format: ModelCellFormat) => void): void {
    const cell = this.ensureCell(sheet, row, column);
    const format = cloneFormat(cell.format ?? DEFAULT_FORMAT);
    update(format);
    cell.format = format;
  }

  formatAt(sheet: ModelSheet, row: number, column: number): ModelCellFormat {
    return this.cellAt(sheet, row, column)?.format ?? DEFAULT_FORMAT;
  }

  forEachCell(rect: CellRect, visit: (row: number, column: number) => void): void {
    for (let row = rect.top; row <= rect.bottom; row += 1) {
      for (let column = rect.left; column <= rect.right; column += 1) visit(row, column);
    }
  }

  /** Bounding box of cells with values or formulas (valuesOnly) or with anything; null when none. */
  usedRect(sheet: ModelSheet, valuesOnly: boolean): CellRect | null {
    let rect: CellRect | null = null;
    for (const [key, cell] of sheet.cells) {
      const hasValue = cell.value !== null || cell.formula !== undefined;
      if (!hasValue && (valuesOnly || (cell.format === undefined && cell.numberFormat === undefined))) continue;
      const [row, column] = key.split(":").map(Number) as [number, number];
      if (!rect) rect = { top: row, left: column, bottom: row, right: column };
      else {
        rect.top = Math.min(rect.top, row);
        rect.bottom = Math.max(rect.bottom, row);
        rect.left = Math.min(rect.left, column);
        rect.right = Math.max(rect.right, column);
      }
    }
    return rect;
  }

  // ----- annotations and conditional formats -----

  noteAt(sheet: ModelSheet, row: number, column: number): ModelNote | undefined {
    return sheet.notes.find((note) => note.row === row && note.column === column);
  }

  commentAt(sheet: ModelSheet, row: number, column: number): ModelComment | undefined {
    return this.comments.find((c) => c.sheetId === sheet.id && c.row === row && c.column === column);
  }

  /** A cell holds a note or a comment thread, not both, and at most one of each. */
  assertCellFree(sheet: ModelSheet, row: number, column: number): void {
    if (this.noteAt(sheet, row, column) || this.commentAt(sheet, row, column)) {
      throw new HostError(
        "InvalidArgument",
        `${formatAddress(sheet.name, { top: row, left: column, bottom: row, right: column })} already has a note or comment`
      );
    }
  }

  addNote(sheetName: string, cell: string, content: string, authorName = "Someone"): ModelNote {
    const sheet = this.sheet(sheetName);
    const { rect } = parseArea(cell);
    this.assertCellFree(sheet, rect.top, rect.left);
    const note: ModelNote = { serial: this.newSerial(), row: rect.top, column: rect.left, content, authorName };
    sheet.notes.push(note);
    return note;
  }

  addComment(sheetName: string, cell: string, content: string, authorName = "Someone"): ModelComment {
    const sheet = this.sheet(sheetName);
    const { rect } = parseArea(cell);
    this.assertCellFree(sheet, rect.top, rect.left);
    const comment: ModelComment = {
      id: `{${this.newId("COMMENT-")}}`,
      sheetId: sheet.id,
      row: rect.top,
      column: rect.left,
      content,
      authorName,
      resolved: false,
    };
    this.comments.push(comment);
    return comment;
  }

  newConditionalFormat(type: ConditionalFormatKind, areas: CellRect[]): ModelConditionalFormat {
    return {
      id: `{${this.newId("CF-")}}`,
      type,
      areas: areas.map((area) => ({ ...area })),
      formula: null,
      fill: null,
      fontColor: null,
      bold: null,
      italic: null,
      strikethrough: null,
      stopIfTrue: false,
    };
  }

  /** Adds a conditional format the way a person would (at the top priority). */
  addConditionalFormat(
    sheetName: string,
    address: string,
    rule: Partial<Omit<ModelConditionalFormat, "id" | "areas">>
  ): ModelConditionalFormat {
    const sheet = this.sheet(sheetName);
    const format = {
      ...this.newConditionalFormat(
        "Custom",
        parseAreaList(address).map((area) => area.rect)
      ),
      ...rule,
    };
    sheet.conditionalFormats.unshift(format);
    return format;
  }

  /** Conditional formats covering one cell, highest priority first. */
  conditionalFormatsAt(sheetName: string, cell: string): ModelConditionalFormat[] {
    const sheet = this.sheet(sheetName);
    const { rect } = parseArea(cell);
    return sheet.conditionalFormats.filter((cf) => cf.areas.some((area) => contains(area, rect.top, rect.left)));
  }

  conditionalFormatsIntersecting(sheet: ModelSheet, rects: CellRect[]): ModelConditionalFormat[] {
    return sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => rects.some((r) => intersects(a, r))));
  }

  findConditionalFormat(id: string): { sheet: ModelSheet; cf: ModelConditionalFormat } | null {
    for (const sheet of this.sheets) {
      const cf = sheet.conditionalFormats.find((candidate) => candidate.id === id);
      if (cf) return { sheet, cf };
    }
    return null;
  }

  // ----- comparison -----

  /**
   * Every cell's value, formula, number format and format, every note, comment, conditional
   * format and validation, as plain data: two snapshots are deep-equal exactly when nothing a
   * person can see in the cells changed.
   */
  snapshotCells(): WorkbookCellSnapshot {
    return {
      sheets: this.sheets.map((sheet) => {
        const cells: WorkbookCellSnapshot["sheets"][number]["cells"] = {};
        const keys = [...sheet.cells.keys()].sort();
        for (const key of keys) {
          const cell = sheet.cells.get(key)!;
          const [row, column] = key.split(":").map(Number) as [number, number];
          const format = cell.format ?? DEFAULT_FORMAT;
          if (
            cell.value === null &&
            cell.formula === undefined &&
            format === DEFAULT_FORMAT &&
            cell.numberFormat === undefined
          ) {
            continue;
          }
          const address = formatRect({ top: row, left: column, bottom: row, right: column });
          cells[address] = {
            value: jsonClone(cell.value),
            format: cloneFormat(format),
            ...(cell.formula !== undefined ? { formula: cell.formula } : {}),
            ...(cell.numberFormat !== undefined ? { numberFormat: cell.numberFormat } : {}),
          };
        }
        return {
          name: sheet.name,
          visibility: sheet.visibility,
          cells,
          notes: sheet.notes.map((note) => ({ ...note })),
          conditionalFormats: sheet.conditionalFormats.map((cf) => jsonClone(cf)),
          validations: sheet.features.validations.map((validation) => jsonClone(validation)),
        };
      }),
      comments: this.comments.map((comment) => ({ ...comment })),
    };
  }
}

export interface WorkbookCellSnapshot {
  sheets: Array<{
    name: string;
    visibility: SheetVisibility;
    cells: Record<string, { value: ModelValue; format: ModelCellFormat; formula?: string; numberFormat?: string }>;
    notes: ModelNote[];
    conditionalFormats: ModelConditionalFormat[];
    validations: ModelValidation[];
  }>;
  comments: ModelComment[];
}
