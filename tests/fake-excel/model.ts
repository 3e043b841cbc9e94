/**
 * The data behind the fake Excel: sheets, cells with values and formats, conditional formats,
 * notes, threaded comments, settings, custom XML parts and event handlers. Tests set a workbook
 * up and inspect it here directly; code under test only reaches it through the proxies in
 * objects.ts, which enforce Office.js's load/sync rules.
 */
import { type CellRect, contains, formatAddress, formatRect, intersects, parseArea, parseAreaList } from "./address";
import { type FakeErrorCode, FakeOfficeError } from "./errors";

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
  format?: ModelCellFormat;
  /** Formula text with its leading "="; the fake does not calculate (value stays null). */
  formula?: string;
  /** Number format code; absent means the column's, else "General". */
  numberFormat?: string;
  /** An in-workbook hyperlink (Range.hyperlink). */
  hyperlink?: { documentReference?: string; textToDisplay?: string };
}

/** Sheet-level features written by the layout writer (Office.js names). */
export interface ModelSheetFeatures {
  frozen?: { rows: number; columns: number };
  tabColor?: string;
  /** Whole-column number formats and widths (points), by 1-based column. */
  columnFormats: Map<number, string>;
  columnWidths: Map<number, number>;
  autoFilter?: string;
  tables: { name: string; address: string; style: string }[];
  validations: { address: string; source: string; errorTitle?: string; promptTitle?: string }[];
  charts: { type: string; source: string; title: string | null; position?: string }[];
}

/** A workbook-level defined name: `formula` as Excel reports it ("=Sheet1!$A$1"). */
export interface ModelName {
  name: string;
  formula: string;
  visible: boolean;
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
}

export interface ModelXmlPart {
  id: string;
  namespaceUri: string;
  xml: string;
}

/** The part of Excel.WorksheetChangedEventArgs the fake produces (triggerSource from ExcelApi 1.14). */
export type FakeChangedEvent = Pick<
  Excel.WorksheetChangedEventArgs,
  "type" | "worksheetId" | "address" | "changeType" | "source"
> &
  Partial<Pick<Excel.WorksheetChangedEventArgs, "triggerSource">>;

export type ChangedHandler = (event: FakeChangedEvent) => Promise<unknown>;

export interface HandlerRegistration {
  /** "*" for worksheets.onChanged, else the worksheet id. */
  scope: string;
  handler: ChangedHandler;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  failed?: string;
}

/**
 * A sync made to fail, for tests of what a failure half-way through a write leaves behind.
 * Excel runs a batch's actions in order and stops at the first failure without undoing the
 * ones before it: `afterActions` of the sync's actions take effect, then it fails with `code`.
 */
export interface InjectedSyncFailure {
  /** Which sync fails, counted from when it was injected: 1 = the next one. */
  nth: number;
  /** Default "GeneralException" (what Excel says when a connection drops or the host gives up). */
  code?: FakeErrorCode;
  /** Actions of that sync that run before it fails; default 0. */
  afterActions?: number;
}

export interface FakeExcelOptions {
  /** Minor version of the highest supported ExcelApi set (18 → ExcelApi 1.18). */
  apiVersion?: number;
  /** Request and response cap of one sync, in bytes (Excel on the web: 5 MB). */
  payloadLimitBytes?: number;
  /** What an oversized response does: throw (desktop, usually) or come back with empty values (seen on the web). */
  oversizedResponse?: "throw" | "empty";
  /** Which API writes fire onChanged: cell values only (default) or also notes, comments and conditional formats. */
  changedEventsFor?: "values" | "all";
  userName?: string;
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

export class FakeWorkbookModel {
  readonly sheets: ModelSheet[] = [];
  readonly comments: ModelComment[] = [];
  readonly settings = new Map<string, unknown>();
  readonly names: ModelName[] = [];
  readonly xmlParts: ModelXmlPart[] = [];
  readonly handlers: HandlerRegistration[] = [];
  readonly syncs: SyncRecord[] = [];
  readonly runOptions: unknown[] = [];
  readonly handlerErrors: unknown[] = [];
  /** Mutable: a test may reopen the same workbook on a newer or older host. */
  apiVersion: number;
  payloadLimitBytes: number;
  readonly oversizedResponse: "throw" | "empty";
  readonly changedEventsFor: "values" | "all";
  readonly userName: string;
  enableEvents = true;
  apiCalls = 0;
  runs = 0;
  activeSheetId: string | null = null;
  selection: string | null = null;
  private nextId = 1;
  private pendingHandlers: Promise<unknown>[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? 18;
    this.payloadLimitBytes = options.payloadLimitBytes ?? 5 * 1024 * 1024;
    this.oversizedResponse = options.oversizedResponse ?? "throw";
    this.changedEventsFor = options.changedEventsFor ?? "values";
    this.userName = options.userName ?? "Add-in user";
  }

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

  get syncCount(): number {
    return this.syncs.length;
  }

  /** Syncs ever made (never reset), for injected failures. */
  private syncSerial = 0;
  private readonly injectedFailures: { at: number; code: FakeErrorCode; afterActions: number }[] = [];

  /** Makes a later sync fail (see InjectedSyncFailure); several may be pending. */
  injectSyncFailure(failure: InjectedSyncFailure): void {
    if (!Number.isInteger(failure.nth) || failure.nth < 1) throw new Error("nth counts syncs from 1");
    this.injectedFailures.push({
      at: this.syncSerial + failure.nth,
      code: failure.code ?? "GeneralException",
      afterActions: failure.afterActions ?? 0,
    });
  }

  /** Called by every sync: the failure injected for it, if any. */
  nextSyncFailure(): { code: FakeErrorCode; afterActions: number } | undefined {
    this.syncSerial += 1;
    const index = this.injectedFailures.findIndex((failure) => failure.at === this.syncSerial);
    return index < 0 ? undefined : this.injectedFailures.splice(index, 1)[0];
  }

  /** Forgets sync and API-call counts (not the workbook). */
  resetCounters(): void {
    this.syncs.length = 0;
    this.runOptions.length = 0;
    this.apiCalls = 0;
    this.runs = 0;
  }

  isSetSupported(name: string, version?: string): boolean {
    if (name !== "ExcelApi") return false;
    const match = /^1\.(\d+)$/.exec(version ?? "1.1");
    return match !== null && Number(match[1]) <= this.apiVersion;
  }

  // ----- sheets and cells -----

  addSheet(name: string, visibility: SheetVisibility = "Visible"): ModelSheet {
    if (this.findSheet(name)) throw new Error(`Sheet ${name} exists`);
    const sheet: ModelSheet = {
      id: `{${this.newId("SHEET-")}}`,
      name,
      visibility,
      cells: new Map(),
      conditionalFormats: [],
      notes: [],
      features: { columnFormats: new Map(), columnWidths: new Map(), tables: [], validations: [], charts: [] },
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

  /** Deletes a sheet: names referring to it now refer to #REF!, as in Excel. */
  deleteSheet(sheet: ModelSheet): void {
    if (this.sheets.filter((other) => other.visibility === "Visible" && other !== sheet).length === 0) {
      throw new FakeOfficeError("InvalidOperation", "A workbook must keep at least one visible sheet");
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    const quoted = `='${sheet.name.replace(/'/g, "''")}'!`.toLowerCase();
    const bare = `=${sheet.name}!`.toLowerCase();
    for (const name of this.names) {
      const lower = name.formula.toLowerCase();
      const prefix = lower.startsWith(quoted) ? quoted : lower.startsWith(bare) ? bare : null;
      if (prefix !== null) name.formula = `=#REF!${name.formula.slice(prefix.length)}`;
    }
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((other) => other.visibility === "Visible")?.id ?? null;
  }

  /** What a cell's number format is (its own, else its column's, else "General"). */
  numberFormatAt(sheet: ModelSheet, row: number, column: number): string {
    return this.getCell(sheet, row, column)?.numberFormat ?? sheet.features.columnFormats.get(column) ?? "General";
  }

  /**
   * A string entered through Range.values, as Excel takes it: text in a text-formatted ("@")
   * cell; otherwise "=…" becomes a formula, "+…", "-…", "@…" a number or a formula, and a
   * numeric or TRUE/FALSE string a number or a boolean.
   */
  enterText(sheet: ModelSheet, row: number, column: number, text: string): void {
    const cell = this.ensureCell(sheet, row, column);
    delete cell.formula;
    if (this.numberFormatAt(sheet, row, column) === "@" || text === "") {
      cell.value = text === "" ? null : text;
      return;
    }
    const numeric = text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : null;
    if (numeric !== null) cell.value = numeric;
    else if (/^(true|false)$/i.test(text)) cell.value = text.toLowerCase() === "true";
    else if (text.length > 1 && /^[=+\-@]/.test(text)) {
      cell.value = null;
      cell.formula = text.startsWith("=") ? text : text.startsWith("@") ? `=${text.slice(1)}` : `=${text}`;
    } else cell.value = text;
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

  sheetById(id: string): ModelSheet | undefined {
    return this.sheets.find((sheet) => sheet.id === id);
  }

  getCell(sheet: ModelSheet, row: number, column: number): ModelCell | undefined {
    return sheet.cells.get(cellKey(row, column));
  }

  /** Writes values starting at a top-left cell. */
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

  setFormat(sheetName: string, address: string, format: Partial<ModelCellFormat>): void {
    const sheet = this.sheet(sheetName);
    const { rect } = parseArea(address);
    this.forEachCell(rect, (row, column) => this.updateFormat(sheet, row, column, (f) => Object.assign(f, format)));
  }

  updateFormat(sheet: ModelSheet, row: number, column: number, update: (format: ModelCellFormat) => void): void {
    const key = cellKey(row, column);
    let cell = sheet.cells.get(key);
    if (!cell) {
      cell = { value: null };
      sheet.cells.set(key, cell);
    }
    const format = cloneFormat(cell.format ?? DEFAULT_FORMAT);
    update(format);
    cell.format = format;
  }

  formatAt(sheet: ModelSheet, row: number, column: number): ModelCellFormat {
    return this.getCell(sheet, row, column)?.format ?? DEFAULT_FORMAT;
  }

  forEachCell(rect: CellRect, visit: (row: number, column: number) => void): void {
    for (let row = rect.top; row <= rect.bottom; row += 1) {
      for (let column = rect.left; column <= rect.right; column += 1) visit(row, column);
    }
  }

  /** Bounding box of cells with values (valuesOnly) or with values or formats; null when none. */
  usedRect(sheet: ModelSheet, valuesOnly: boolean): CellRect | null {
    let rect: CellRect | null = null;
    for (const [key, cell] of sheet.cells) {
      if (cell.value === null && cell.formula === undefined && (valuesOnly || cell.format === undefined)) continue;
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
      throw new FakeOfficeError(
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
      id: this.newId("COMMENT-"),
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

  /** Adds a conditional format the way a person would (at the top priority). */
  addConditionalFormat(
    sheetName: string,
    address: string,
    rule: Partial<Omit<ModelConditionalFormat, "id" | "areas">>
  ): ModelConditionalFormat {
    const sheet = this.sheet(sheetName);
    const format: ModelConditionalFormat = {
      id: this.newId("CF-"),
      type: "Custom",
      areas: parseAreaList(address).map((area) => area.rect),
      formula: null,
      fill: null,
      fontColor: null,
      bold: null,
      italic: null,
      strikethrough: null,
      stopIfTrue: false,
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

  // ----- events -----

  /** A person (or a co-author) edits cells: values change and onChanged fires. */
  simulateEdit(
    sheetName: string,
    topLeft: string,
    rows: ModelValue[][],
    options: { source?: "Local" | "Remote"; triggerSource?: "Unknown" | "ThisLocalAddin" } = {}
  ): void {
    const sheet = this.sheet(sheetName);
    this.setValues(sheetName, topLeft, rows);
    const { rect } = parseArea(topLeft);
    const width = Math.max(1, ...rows.map((row) => row.length));
    const edited = { ...rect, bottom: rect.top + Math.max(rows.length, 1) - 1, right: rect.left + width - 1 };
    this.fireChanged(sheet, formatRect(edited), options.source ?? "Local", options.triggerSource ?? "Unknown");
  }

  fireChanged(
    sheet: ModelSheet,
    address: string,
    source: "Local" | "Remote",
    triggerSource: "Unknown" | "ThisLocalAddin"
  ): void {
    if (!this.enableEvents) return;
    const event: FakeChangedEvent = {
      type: "WorksheetChanged",
      worksheetId: sheet.id,
      address,
      changeType: "RangeEdited",
      source,
      ...(this.apiVersion >= 14 ? { triggerSource } : {}),
    };
    for (const registration of [...this.handlers]) {
      if (registration.scope !== "*" && registration.scope !== sheet.id) continue;
      const pending = Promise.resolve()
        .then(() => registration.handler({ ...event }))
        .catch((error: unknown) => {
          this.handlerErrors.push(error);
        });
      this.pendingHandlers.push(pending);
    }
  }

  /** Waits until every event handler invoked so far has settled. */
  async flushEvents(): Promise<void> {
    while (this.pendingHandlers.length > 0) {
      const pending = this.pendingHandlers.splice(0);
      await Promise.all(pending);
    }
  }

  // ----- comparison -----

  /**
   * Every cell's value and format, every note, comment and conditional format, as plain data:
   * two snapshots are deep-equal exactly when nothing a person can see changed.
   */
  snapshotCells(): WorkbookCellSnapshot {
    return {
      sheets: this.sheets.map((sheet) => {
        const cells: Record<string, { value: ModelValue; format: ModelCellFormat }> = {};
        const keys = [...sheet.cells.keys()].sort();
        for (const key of keys) {
          const cell = sheet.cells.get(key)!;
          const [row, column] = key.split(":").map(Number) as [number, number];
          const format = cell.format ?? DEFAULT_FORMAT;
          if (cell.value === null && format === DEFAULT_FORMAT) continue;
          const address = formatRect({ top: row, left: column, bottom: row, right: column });
          cells[address] = { value: jsonClone(cell.value), format: cloneFormat(format) };
        }
        return {
          name: sheet.name,
          visibility: sheet.visibility,
          cells,
          notes: sheet.notes.map((note) => ({ ...note })),
          conditionalFormats: sheet.conditionalFormats.map((cf) => jsonClone(cf)),
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
    cells: Record<string, { value: ModelValue; format: ModelCellFormat }>;
    notes: ModelNote[];
    conditionalFormats: ModelConditionalFormat[];
  }>;
  comments: ModelComment[];
}
