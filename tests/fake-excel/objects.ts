/**
 * Proxies for the part of the Excel object model the add-in uses. Each class names the members
 * of the real @types/office-js class it mirrors (`Mirror<Excel.X, …>`), so a member missing from
 * Excel, or a method that cannot take the real arguments, fails to compile.
 */
import { type CellRect, formatAddress, MAX_COLUMNS, MAX_ROWS, parseArea, parseAreaList } from "./address";
import {
  type ActionResult,
  type ChangedRange,
  FakeClientObject,
  type Loadable,
  FakeClientResult,
  FakeCollectionObject,
  FakeRequestContextCore,
  jsonBytes,
} from "./context";
import { FakeOfficeError } from "./errors";
import {
  FakeAutoFilter,
  FakeChartCollection,
  FakeDataValidation,
  FakeNamedItemCollection,
  FakeTableCollection,
  FakeWorksheetFreezePanes,
} from "./layoutObjects";
import {
  type BorderEdge,
  type ChangedHandler,
  type ConditionalFormatKind,
  type FakeWorkbookModel,
  type HandlerRegistration,
  jsonClone,
  type ModelCellFormat,
  type ModelComment,
  type ModelConditionalFormat,
  type ModelNote,
  type ModelSheet,
  type ModelValue,
  type ModelXmlPart,
} from "./model";

type Member<T> = T extends (...args: infer A) => unknown
  ? (...args: A) => unknown
  : T extends string | number | boolean | null | undefined
    ? T
    : unknown;

/** The listed members of a real Office.js class: scalars with their real types, methods taking the real arguments. */
export type Mirror<Real, K extends keyof Real> = { [P in K]: Member<Real[P]> };

/** Excel's limit on the length of a range address string. */
export const MAX_ADDRESS_LENGTH = 8192;

interface RangeTarget {
  sheet: ModelSheet;
  rect: CellRect;
}

interface AreasTarget {
  sheet: ModelSheet;
  rects: CellRect[];
}

function checkAddressLength(address: string): void {
  if (address.length > MAX_ADDRESS_LENGTH) {
    throw new FakeOfficeError(
      "InvalidArgument",
      `The address is ${address.length} characters long (limit ${MAX_ADDRESS_LENGTH})`
    );
  }
}

function sameSheet(sheet: ModelSheet, name: string | null): boolean {
  return name === null || name.toLowerCase() === sheet.name.toLowerCase();
}

function outputValue(value: ModelValue): string | number | boolean {
  if (value === null) return "";
  if (typeof value === "object") return value.error;
  return value;
}

function valueType(value: ModelValue): string {
  if (value === null) return "Empty";
  if (typeof value === "object") return "Error";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return "String";
}

function uniform<T>(values: T[]): T | null {
  const first = values[0];
  if (first === undefined) return null;
  return values.every((value) => value === first) ? first : null;
}

export class FakeRequestContext extends FakeRequestContextCore {
  readonly workbook: FakeWorkbook;
  readonly runtime: FakeRuntime;

  constructor(model: FakeWorkbookModel) {
    super(model);
    this.workbook = new FakeWorkbook(this);
    this.runtime = new FakeRuntime(this);
  }
}

export class FakeRuntime
  extends FakeClientObject<FakeWorkbookModel>
  implements Mirror<Excel.Runtime, "enableEvents" | "load">
{
  constructor(context: FakeRequestContextCore) {
    super(context, () => context.model, { label: "runtime", minApi: 8 });
  }

  protected scalarReaders(): Record<string, (m: FakeWorkbookModel) => unknown> {
    return { enableEvents: (m) => m.enableEvents };
  }

  get enableEvents(): boolean {
    return this.read("enableEvents") as boolean;
  }

  set enableEvents(value: boolean) {
    this.enqueueWrite("enableEvents", value, (m) => {
      m.enableEvents = value;
    });
  }
}

export class FakeWorkbook
  extends FakeClientObject<FakeWorkbookModel>
  implements Mirror<Excel.Workbook, "worksheets" | "settings" | "customXmlParts" | "comments" | "notes" | "names">
{
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly settings: FakeSettingCollection;
  readonly customXmlParts: FakeCustomXmlPartCollection;
  readonly comments: FakeCommentCollection;
  readonly notes: FakeNoteCollection;

  constructor(context: FakeRequestContextCore) {
    super(context, () => context.model, { label: "workbook" });
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context);
    this.settings = new FakeSettingCollection(context);
    this.customXmlParts = new FakeCustomXmlPartCollection(context, null);
    this.comments = new FakeCommentCollection(context, () => null, "workbook.comments");
    this.notes = new FakeNoteCollection(context, () => context.model.sheets, "workbook.notes", false);
  }

  protected scalarReaders(): Record<string, (m: FakeWorkbookModel) => unknown> {
    return {};
  }
}

// ----- worksheets -----

export class FakeWorksheetCollection
  extends FakeCollectionObject<ModelSheet[], FakeWorksheet>
  implements
    Mirror<Excel.WorksheetCollection, "add" | "getItem" | "getItemOrNullObject" | "getActiveWorksheet" | "onChanged" | "load">
{
  readonly onChanged: FakeEventHandlers;

  constructor(context: FakeRequestContextCore) {
    super(context, () => context.model.sheets, { label: "worksheets" });
    this.onChanged = new FakeEventHandlers(this, () => "*", 9);
  }

  protected itemProxies(sheets: ModelSheet[]): FakeWorksheet[] {
    return sheets.map((sheet) => FakeWorksheet.byId(this.context, sheet.id, false));
  }

  getItem(key: string): FakeWorksheet {
    return FakeWorksheet.byName(this.context, key, false);
  }

  /** Adds a sheet at the end. Excel refuses a taken name (case-insensitively) or an invalid one. */
  add(name?: string): FakeWorksheet {
    if (name === undefined) throw new Error("The fake needs a name for worksheets.add");
    this.enqueueWrite("add", [name], () => {
      if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name)) {
        throw new FakeOfficeError("InvalidArgument", `Invalid sheet name ${JSON.stringify(name)}`);
      }
      if (this.context.model.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `Sheet ${name} exists`);
      this.context.model.addSheet(name);
    });
    return FakeWorksheet.byName(this.context, name, false);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return FakeWorksheet.byName(this.context, key, true);
  }

  getActiveWorksheet(): FakeWorksheet {
    const model = this.context.model;
    return new FakeWorksheet(
      this.context,
      () => (model.activeSheetId ? (model.sheetById(model.activeSheetId) ?? null) : null),
      {
        label: "activeWorksheet",
      }
    );
  }
}

export class FakeWorksheet
  extends FakeClientObject<ModelSheet>
  implements
    Mirror<
      Excel.Worksheet,
      | "name"
      | "id"
      | "visibility"
      | "position"
      | "getRange"
      | "getRanges"
      | "getUsedRange"
      | "getUsedRangeOrNullObject"
      | "activate"
      | "delete"
      | "tabColor"
      | "freezePanes"
      | "tables"
      | "charts"
      | "autoFilter"
      | "notes"
      | "comments"
      | "onChanged"
      | "load"
      | "isNullObject"
    >
{
  readonly notes: FakeNoteCollection;
  readonly comments: FakeCommentCollection;
  readonly onChanged: FakeEventHandlers;
  readonly freezePanes: FakeWorksheetFreezePanes;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly autoFilter: FakeAutoFilter;

  constructor(
    context: FakeRequestContextCore,
    locate: () => ModelSheet | null,
    options: { label: string; nullable?: boolean }
  ) {
    super(context, locate, options);
    const existing = (): ModelSheet => this.resolveExisting();
    this.freezePanes = new FakeWorksheetFreezePanes(context, existing, `${this.label}.freezePanes`);
    this.tables = new FakeTableCollection(context, existing, `${this.label}.tables`);
    this.charts = new FakeChartCollection(context, existing, `${this.label}.charts`);
    this.autoFilter = new FakeAutoFilter(context, existing, `${this.label}.autoFilter`);
    this.notes = new FakeNoteCollection(context, () => [this.resolveExisting()], `${this.label}.notes`, true);
    this.comments = new FakeCommentCollection(context, () => this.resolveExisting().id, `${this.label}.comments`);
    this.onChanged = new FakeEventHandlers(this, () => this.resolveExisting().id, 7);
  }

  static byName(context: FakeRequestContextCore, name: string, nullable: boolean): FakeWorksheet {
    return new FakeWorksheet(context, () => context.model.findSheet(name) ?? null, {
      label: `worksheets[${JSON.stringify(name)}]`,
      nullable,
    });
  }

  static byId(context: FakeRequestContextCore, id: string, nullable: boolean): FakeWorksheet {
    return new FakeWorksheet(context, () => context.model.sheetById(id) ?? null, {
      label: `worksheets[${id}]`,
      nullable,
    });
  }

  protected scalarReaders(): Record<string, (sheet: ModelSheet) => unknown> {
    return {
      name: (sheet) => sheet.name,
      id: (sheet) => sheet.id,
      visibility: (sheet) => sheet.visibility,
      position: (sheet) => this.context.model.sheets.indexOf(sheet),
      tabColor: (sheet) => sheet.features.tabColor ?? "",
    };
  }

  get name(): string {
    return this.read("name") as string;
  }
  get id(): string {
    return this.read("id") as string;
  }
  get visibility(): "Visible" | "Hidden" | "VeryHidden" {
    return this.read("visibility") as "Visible" | "Hidden" | "VeryHidden";
  }
  set visibility(visibility: "Visible" | "Hidden" | "VeryHidden") {
    this.enqueueWrite("visibility", visibility, (sheet) => {
      if (visibility !== "Visible" && !this.context.model.sheets.some((other) => other !== sheet && other.visibility === "Visible")) {
        throw new FakeOfficeError("InvalidOperation", "A workbook must keep at least one visible sheet");
      }
      sheet.visibility = visibility;
    });
  }
  get tabColor(): string {
    return this.read("tabColor") as string;
  }
  set tabColor(color: string) {
    this.enqueueWrite("tabColor", color, (sheet) => {
      sheet.features.tabColor = color;
    });
  }

  delete(): void {
    this.enqueueWrite("delete", [], (sheet) => this.context.model.deleteSheet(sheet));
  }
  get position(): number {
    return this.read("position") as number;
  }

  getRange(address?: string): FakeRange {
    this.context.addPathBytes(jsonBytes(address ?? ""));
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolve();
        if (sheet === null) return null;
        if (address === undefined) return { sheet, rect: { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS } };
        checkAddressLength(address);
        const area = parseArea(address);
        if (!sameSheet(sheet, area.sheet))
          throw new FakeOfficeError("InvalidArgument", `${address} is not on ${sheet.name}`);
        return { sheet, rect: area.rect };
      },
      this.childOptions(`getRange(${JSON.stringify(address ?? "")})`)
    );
  }

  getRanges(address?: string): FakeRangeAreas {
    this.context.addPathBytes(jsonBytes(address ?? ""));
    return new FakeRangeAreas(
      this.context,
      () => {
        const sheet = this.resolve();
        if (sheet === null) return null;
        if (address === undefined) return { sheet, rects: [{ top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS }] };
        checkAddressLength(address);
        const areas = parseAreaList(address);
        for (const area of areas) {
          if (!sameSheet(sheet, area.sheet))
            throw new FakeOfficeError("InvalidArgument", `${address} is not on ${sheet.name}`);
        }
        return { sheet, rects: areas.map((area) => area.rect) };
      },
      this.childOptions("getRanges(…)", 9)
    );
  }

  /** An empty sheet's used range is A1, as in Excel. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolve();
        if (sheet === null) return null;
        const rect = this.context.model.usedRect(sheet, valuesOnly ?? false) ?? {
          top: 1,
          left: 1,
          bottom: 1,
          right: 1,
        };
        return { sheet, rect };
      },
      this.childOptions("getUsedRange()")
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolve();
        if (sheet === null) return null;
        const rect = this.context.model.usedRect(sheet, valuesOnly ?? false);
        return rect === null ? null : { sheet, rect };
      },
      { ...this.childOptions("getUsedRangeOrNullObject()", 4), nullable: true }
    );
  }

  activate(): void {
    this.enqueueWrite("activate", [], (sheet) => {
      if (sheet.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", `${sheet.name} is hidden`);
      this.context.model.activeSheetId = sheet.id;
    });
  }
}

// ----- ranges -----

export class FakeRange
  extends FakeClientObject<RangeTarget>
  implements
    Mirror<
      Excel.Range,
      | "address"
      | "rowCount"
      | "columnCount"
      | "rowIndex"
      | "columnIndex"
      | "values"
      | "valueTypes"
      | "formulas"
      | "numberFormat"
      | "hyperlink"
      | "dataValidation"
      | "format"
      | "conditionalFormats"
      | "select"
      | "load"
      | "isNullObject"
    >
{
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidation;

  constructor(
    context: FakeRequestContextCore,
    locate: () => RangeTarget | null,
    options: { label: string; nullable?: boolean; minApi?: number }
  ) {
    super(context, locate, options);
    this.format = new FakeRangeFormat(context, locate, this.childOptions("format"));
    this.conditionalFormats = new FakeConditionalFormatCollection(
      context,
      () => {
        const target = this.resolve();
        return target === null ? null : { sheet: target.sheet, rects: [target.rect] };
      },
      this.childOptions("conditionalFormats", 6)
    );
    this.dataValidation = new FakeDataValidation(context, locate, `${this.label}.dataValidation`);
  }

  /** A 2-D argument of the range's size, or one value for every cell (as Excel accepts). */
  private eachCell(t: RangeTarget, input: unknown, name: string, visit: (row: number, column: number, value: unknown) => void): void {
    const height = t.rect.bottom - t.rect.top + 1;
    const width = t.rect.right - t.rect.left + 1;
    if (!Array.isArray(input)) {
      if (height * width > 1_000_000) throw new Error(`The fake does not broadcast ${name} over more than a million cells`);
      this.context.model.forEachCell(t.rect, (row, column) => visit(row, column, input));
      return;
    }
    const rows = input as unknown[][];
    if (rows.length !== height || rows.some((row) => !Array.isArray(row) || row.length !== width)) {
      throw new FakeOfficeError("InvalidArgument", `${name} must be ${height}×${width}`);
    }
    rows.forEach((row, r) => row.forEach((value, c) => visit(t.rect.top + r, t.rect.left + c, value)));
  }

  private isWholeColumns(t: RangeTarget): boolean {
    return t.rect.top === 1 && t.rect.bottom === MAX_ROWS;
  }

  protected scalarReaders(): Record<string, (t: RangeTarget) => unknown> {
    const model = this.context.model;
    const cellGrid = <V>(t: RangeTarget, cell: (row: number, column: number) => V): V[][] => {
      const rows: V[][] = [];
      for (let row = t.rect.top; row <= t.rect.bottom; row += 1) {
        const line: V[] = [];
        for (let column = t.rect.left; column <= t.rect.right; column += 1) line.push(cell(row, column));
        rows.push(line);
      }
      return rows;
    };
    const grid = <V>(t: RangeTarget, cell: (value: ModelValue) => V): V[][] => {
      const rows: V[][] = [];
      for (let row = t.rect.top; row <= t.rect.bottom; row += 1) {
        const line: V[] = [];
        for (let column = t.rect.left; column <= t.rect.right; column += 1) {
          line.push(cell(model.getCell(t.sheet, row, column)?.value ?? null));
        }
        rows.push(line);
      }
      return rows;
    };
    return {
      address: (t) => formatAddress(t.sheet.name, t.rect),
      rowCount: (t) => t.rect.bottom - t.rect.top + 1,
      columnCount: (t) => t.rect.right - t.rect.left + 1,
      rowIndex: (t) => t.rect.top - 1,
      columnIndex: (t) => t.rect.left - 1,
      values: (t) => grid(t, outputValue),
      valueTypes: (t) => grid(t, valueType),
      formulas: (t) =>
        cellGrid(t, (row, column) => {
          const cell = model.getCell(t.sheet, row, column);
          return cell?.formula ?? outputValue(cell?.value ?? null);
        }),
      numberFormat: (t) => cellGrid(t, (row, column) => model.numberFormatAt(t.sheet, row, column)),
      hyperlink: (t) => model.getCell(t.sheet, t.rect.top, t.rect.left)?.hyperlink ?? null,
    };
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === "format") return this.format;
    if (name === "conditionalFormats") return this.conditionalFormats;
    return undefined;
  }

  get address(): string {
    return this.read("address") as string;
  }
  get rowCount(): number {
    return this.read("rowCount") as number;
  }
  get columnCount(): number {
    return this.read("columnCount") as number;
  }
  get rowIndex(): number {
    return this.read("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.read("columnIndex") as number;
  }
  get values(): unknown[][] {
    return this.read("values") as unknown[][];
  }
  /**
   * A string is entered as Excel enters typed text (see FakeWorkbookModel.enterText): "=…"
   * becomes a formula unless the cell is formatted as text ("@"). The fake does not calculate.
   */
  set values(rows: unknown[][]) {
    this.enqueueWrite("values", rows, (t): ChangedRange => {
      const model = this.context.model;
      this.eachCell(t, rows, "values", (row, column, value) => {
        if (typeof value === "string") model.enterText(t.sheet, row, column, value);
        else {
          const stored: ModelValue = typeof value === "number" || typeof value === "boolean" ? value : null;
          model.writeValue(t.sheet, row, column, stored);
        }
      });
      return { sheet: t.sheet, rect: t.rect, kind: "values" };
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas") as unknown[][];
  }
  /** "=…" texts become formulas whatever the number format; anything else is entered as a value. */
  set formulas(rows: unknown[][]) {
    this.enqueueWrite("formulas", rows, (t): ChangedRange => {
      const model = this.context.model;
      this.eachCell(t, rows, "formulas", (row, column, value) => {
        if (typeof value === "string" && value.startsWith("=") && value.length > 1) {
          const cell = model.ensureCell(t.sheet, row, column);
          cell.value = null;
          cell.formula = value;
        } else if (typeof value === "string") model.enterText(t.sheet, row, column, value);
        else model.writeValue(t.sheet, row, column, typeof value === "number" || typeof value === "boolean" ? value : null);
      });
      return { sheet: t.sheet, rect: t.rect, kind: "values" };
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat") as unknown[][];
  }
  /** Whole columns keep their format as the column's (the fake does not touch a million cells). */
  set numberFormat(formats: unknown[][]) {
    this.enqueueWrite("numberFormat", formats, (t) => {
      const model = this.context.model;
      if (this.isWholeColumns(t) && !Array.isArray(formats)) {
        for (let column = t.rect.left; column <= t.rect.right; column += 1) t.sheet.features.columnFormats.set(column, String(formats));
        return;
      }
      this.eachCell(t, formats, "numberFormat", (row, column, value) => {
        model.ensureCell(t.sheet, row, column).numberFormat = String(value);
      });
    });
  }
  get hyperlink(): Excel.RangeHyperlink {
    return this.read("hyperlink") as Excel.RangeHyperlink;
  }
  set hyperlink(link: Excel.RangeHyperlink) {
    this.enqueueWrite("hyperlink", link, (t) => {
      if (this.context.model.apiVersion < 7) throw new FakeOfficeError("ApiNotFound", "Range.hyperlink needs ExcelApi 1.7");
      if (t.rect.top !== t.rect.bottom || t.rect.left !== t.rect.right) throw new FakeOfficeError("InvalidArgument", "A hyperlink goes on one cell");
      const cell = this.context.model.ensureCell(t.sheet, t.rect.top, t.rect.left);
      cell.hyperlink = {
        ...(link.documentReference !== undefined ? { documentReference: link.documentReference } : {}),
        ...(link.textToDisplay !== undefined ? { textToDisplay: link.textToDisplay } : {}),
      };
      if (link.textToDisplay !== undefined) this.context.model.writeValue(t.sheet, t.rect.top, t.rect.left, link.textToDisplay);
    });
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes") as string[][];
  }

  select(): void {
    this.enqueueWrite("select", [], (t) => {
      const model = this.context.model;
      if (t.sheet.id !== model.activeSheetId) {
        throw new FakeOfficeError("InvalidOperation", "Cannot select a range on a sheet that is not active");
      }
      model.selection = formatAddress(t.sheet.name, t.rect);
    });
  }
}

export class FakeRangeAreas
  extends FakeClientObject<AreasTarget>
  implements Mirror<Excel.RangeAreas, "address" | "areaCount" | "conditionalFormats" | "load">
{
  readonly conditionalFormats: FakeConditionalFormatCollection;

  constructor(
    context: FakeRequestContextCore,
    locate: () => AreasTarget | null,
    options: { label: string; nullable?: boolean; minApi?: number }
  ) {
    super(context, locate, options);
    this.conditionalFormats = new FakeConditionalFormatCollection(
      context,
      () => this.resolve(),
      this.childOptions("conditionalFormats", 9)
    );
  }

  protected scalarReaders(): Record<string, (t: AreasTarget) => unknown> {
    return {
      address: (t) => t.rects.map((rect) => formatAddress(t.sheet.name, rect)).join(","),
      areaCount: (t) => t.rects.length,
    };
  }

  get address(): string {
    return this.read("address") as string;
  }
  get areaCount(): number {
    return this.read("areaCount") as number;
  }
}

export class FakeRangeFormat
  extends FakeClientObject<RangeTarget>
  implements
    Mirror<Excel.RangeFormat, "fill" | "font" | "borders" | "columnWidth" | "wrapText" | "horizontalAlignment" | "verticalAlignment">
{
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;
  readonly borders: FakeRangeBorderCollection;

  constructor(
    context: FakeRequestContextCore,
    locate: () => RangeTarget | null,
    options: { label: string; nullable: boolean; minApi: number }
  ) {
    super(context, locate, options);
    this.fill = new FakeRangeFill(context, locate, this.childOptions("fill"));
    this.font = new FakeRangeFont(context, locate, this.childOptions("font"));
    this.borders = new FakeRangeBorderCollection(context, locate, this.childOptions("borders"));
  }

  protected scalarReaders(): Record<string, (t: RangeTarget) => unknown> {
    return {};
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return undefined;
  }

  private setEach(name: string, value: unknown, update: (f: ModelCellFormat) => void): void {
    this.enqueueWrite(name, value, (t) => {
      this.context.model.forEachCell(t.rect, (r, c) => this.context.model.updateFormat(t.sheet, r, c, update));
    });
  }

  get columnWidth(): number {
    throw new FakeOfficeError("PropertyNotLoaded", "The fake does not read columnWidth");
  }
  /** Points; kept per column (the fake does not model row heights). */
  set columnWidth(width: number) {
    this.enqueueWrite("columnWidth", width, (t) => {
      for (let column = t.rect.left; column <= t.rect.right; column += 1) t.sheet.features.columnWidths.set(column, width);
    });
  }
  get wrapText(): boolean {
    throw new FakeOfficeError("PropertyNotLoaded", "The fake does not read wrapText");
  }
  set wrapText(wrap: boolean) {
    this.setEach("wrapText", wrap, (f) => (f.wrapText = wrap));
  }
  get horizontalAlignment(): Excel.RangeFormat["horizontalAlignment"] {
    throw new FakeOfficeError("PropertyNotLoaded", "The fake does not read horizontalAlignment");
  }
  set horizontalAlignment(value: Excel.RangeFormat["horizontalAlignment"]) {
    this.setEach("horizontalAlignment", value, (f) => (f.horizontalAlignment = value));
  }
  get verticalAlignment(): Excel.RangeFormat["verticalAlignment"] {
    throw new FakeOfficeError("PropertyNotLoaded", "The fake does not read verticalAlignment");
  }
  set verticalAlignment(value: Excel.RangeFormat["verticalAlignment"]) {
    this.setEach("verticalAlignment", value, (f) => (f.verticalAlignment = value));
  }
}

abstract class FakeRangePart extends FakeClientObject<RangeTarget> {
  protected cellsOf(t: RangeTarget): Array<[number, number]> {
    const cells: Array<[number, number]> = [];
    this.context.model.forEachCell(t.rect, (row, column) => cells.push([row, column]));
    return cells;
  }
}

export class FakeRangeFill extends FakeRangePart implements Mirror<Excel.RangeFill, "color" | "clear" | "load"> {
  protected scalarReaders(): Record<string, (t: RangeTarget) => unknown> {
    const model = this.context.model;
    return { color: (t) => uniform(this.cellsOf(t).map(([r, c]) => model.formatAt(t.sheet, r, c).fill ?? "#FFFFFF")) };
  }

  get color(): string {
    return this.read("color") as string;
  }
  set color(color: string) {
    this.enqueueWrite("color", color, (t) => {
      for (const [r, c] of this.cellsOf(t)) this.context.model.updateFormat(t.sheet, r, c, (f) => (f.fill = color));
    });
  }

  clear(): void {
    this.enqueueWrite("clear", [], (t) => {
      for (const [r, c] of this.cellsOf(t)) this.context.model.updateFormat(t.sheet, r, c, (f) => (f.fill = null));
    });
  }
}

export class FakeRangeFont
  extends FakeRangePart
  implements Mirror<Excel.RangeFont, "color" | "bold" | "italic" | "size" | "underline" | "load">
{
  protected scalarReaders(): Record<string, (t: RangeTarget) => unknown> {
    const model = this.context.model;
    return {
      color: (t) => uniform(this.cellsOf(t).map(([r, c]) => model.formatAt(t.sheet, r, c).fontColor)),
      bold: (t) => uniform(this.cellsOf(t).map(([r, c]) => model.formatAt(t.sheet, r, c).bold)),
      italic: (t) => uniform(this.cellsOf(t).map(([r, c]) => model.formatAt(t.sheet, r, c).italic ?? false)),
      size: (t) => uniform(this.cellsOf(t).map(([r, c]) => model.formatAt(t.sheet, r, c).size ?? 11)),
      underline: (t) => uniform(this.cellsOf(t).map(([r, c]) => model.formatAt(t.sheet, r, c).underline ?? "None")),
    };
  }

  get color(): string {
    return this.read("color") as string;
  }
  set color(color: string) {
    this.enqueueWrite("color", color, (t) => {
      for (const [r, c] of this.cellsOf(t))
        this.context.model.updateFormat(t.sheet, r, c, (f) => (f.fontColor = color));
    });
  }
  get bold(): boolean {
    return this.read("bold") as boolean;
  }
  set bold(bold: boolean) {
    this.enqueueWrite("bold", bold, (t) => {
      for (const [r, c] of this.cellsOf(t)) this.context.model.updateFormat(t.sheet, r, c, (f) => (f.bold = bold));
    });
  }
  get italic(): boolean {
    return this.read("italic") as boolean;
  }
  set italic(italic: boolean) {
    this.enqueueWrite("italic", italic, (t) => {
      for (const [r, c] of this.cellsOf(t)) this.context.model.updateFormat(t.sheet, r, c, (f) => (f.italic = italic));
    });
  }
  get size(): number {
    return this.read("size") as number;
  }
  set size(size: number) {
    this.enqueueWrite("size", size, (t) => {
      for (const [r, c] of this.cellsOf(t)) this.context.model.updateFormat(t.sheet, r, c, (f) => (f.size = size));
    });
  }
  get underline(): Excel.RangeFont["underline"] {
    return this.read("underline") as Excel.RangeFont["underline"];
  }
  set underline(underline: Excel.RangeFont["underline"]) {
    this.enqueueWrite("underline", underline, (t) => {
      for (const [r, c] of this.cellsOf(t)) this.context.model.updateFormat(t.sheet, r, c, (f) => (f.underline = underline));
    });
  }
}

export class FakeRangeBorderCollection
  extends FakeClientObject<RangeTarget>
  implements Mirror<Excel.RangeBorderCollection, "getItem">
{
  protected scalarReaders(): Record<string, (t: RangeTarget) => unknown> {
    return {};
  }

  getItem(
    index:
      | "EdgeTop"
      | "EdgeBottom"
      | "EdgeLeft"
      | "EdgeRight"
      | "InsideVertical"
      | "InsideHorizontal"
      | "DiagonalDown"
      | "DiagonalUp"
  ): FakeRangeBorder {
    if (index !== "EdgeTop" && index !== "EdgeBottom" && index !== "EdgeLeft" && index !== "EdgeRight") {
      throw new Error(`The fake supports outer edges only, not ${index}`);
    }
    return new FakeRangeBorder(this.context, this.locate, this.childOptions(index), index);
  }
}

/** An outer edge of a range: the cells along that edge carry it. */
export class FakeRangeBorder extends FakeRangePart implements Mirror<Excel.RangeBorder, "style" | "color" | "load"> {
  private readonly edge: BorderEdge;

  constructor(
    context: FakeRequestContextCore,
    locate: () => RangeTarget | null,
    options: { label: string; nullable: boolean; minApi: number },
    edge: BorderEdge
  ) {
    super(context, locate, options);
    this.edge = edge;
  }

  private edgeCells(t: RangeTarget): Array<[number, number]> {
    const { top, bottom, left, right } = t.rect;
    return this.cellsOf(t).filter(([r, c]) =>
      this.edge === "EdgeTop"
        ? r === top
        : this.edge === "EdgeBottom"
          ? r === bottom
          : this.edge === "EdgeLeft"
            ? c === left
            : c === right
    );
  }

  protected scalarReaders(): Record<string, (t: RangeTarget) => unknown> {
    const model = this.context.model;
    const border = (t: RangeTarget, r: number, c: number) => model.formatAt(t.sheet, r, c).borders[this.edge];
    return {
      style: (t) => uniform(this.edgeCells(t).map(([r, c]) => border(t, r, c)?.style ?? "None")),
      color: (t) => uniform(this.edgeCells(t).map(([r, c]) => border(t, r, c)?.color ?? "#000000")),
    };
  }

  get style(): Excel.RangeBorder["style"] {
    return this.read("style") as Excel.RangeBorder["style"];
  }
  set style(style: Excel.RangeBorder["style"]) {
    this.enqueueWrite("style", style, (t) => {
      for (const [r, c] of this.edgeCells(t)) {
        this.context.model.updateFormat(t.sheet, r, c, (f) => {
          f.borders[this.edge] = { color: f.borders[this.edge]?.color ?? "#000000", style };
        });
      }
    });
  }
  get color(): string {
    return this.read("color") as string;
  }
  set color(color: string) {
    this.enqueueWrite("color", color, (t) => {
      for (const [r, c] of this.edgeCells(t)) {
        this.context.model.updateFormat(t.sheet, r, c, (f) => {
          f.borders[this.edge] = { style: f.borders[this.edge]?.style ?? "Continuous", color };
        });
      }
    });
  }
}

// ----- conditional formats -----

export class FakeConditionalFormatCollection
  extends FakeCollectionObject<AreasTarget, FakeConditionalFormat>
  implements Mirror<Excel.ConditionalFormatCollection, "add" | "getItem" | "getItemOrNullObject" | "load">
{
  protected itemProxies(t: AreasTarget): FakeConditionalFormat[] {
    return this.context.model
      .conditionalFormatsIntersecting(t.sheet, t.rects)
      .map((cf) => FakeConditionalFormat.byId(this.context, cf.id, false));
  }

  /** Excel adds a new conditional format at the top priority. */
  add(
    type:
      "Custom" | "DataBar" | "ColorScale" | "IconSet" | "TopBottom" | "PresetCriteria" | "ContainsText" | "CellValue"
  ): FakeConditionalFormat {
    const handle: { id: string | null } = { id: null };
    this.enqueueWrite("add", type, (t): ChangedRange => {
      if (
        type !== "Custom" &&
        type !== "CellValue" &&
        type !== "DataBar" &&
        type !== "ColorScale" &&
        type !== "IconSet"
      ) {
        throw new Error(`The fake does not model ${type} conditional formats`);
      }
      const cf: ModelConditionalFormat = {
        id: this.context.model.newId("CF-"),
        type: type as ConditionalFormatKind,
        areas: t.rects.map((rect) => ({ ...rect })),
        formula: null,
        fill: null,
        fontColor: null,
        bold: null,
        italic: null,
        strikethrough: null,
        stopIfTrue: false,
      };
      t.sheet.conditionalFormats.unshift(cf);
      handle.id = cf.id;
      return { sheet: t.sheet, rect: t.rects[0]!, kind: "other" };
    });
    return new FakeConditionalFormat(
      this.context,
      () => (handle.id === null ? null : findConditionalFormat(this.context.model, handle.id)),
      this.childOptions("add()")
    );
  }

  getItem(id: string): FakeConditionalFormat {
    return FakeConditionalFormat.byId(this.context, id, false);
  }

  getItemOrNullObject(id: string): FakeConditionalFormat {
    return FakeConditionalFormat.byId(this.context, id, true);
  }
}

function findConditionalFormat(model: FakeWorkbookModel, id: string): ModelConditionalFormat | null {
  for (const sheet of model.sheets) {
    const found = sheet.conditionalFormats.find((cf) => cf.id === id);
    if (found) return found;
  }
  return null;
}

function sheetOfConditionalFormat(model: FakeWorkbookModel, cf: ModelConditionalFormat): ModelSheet {
  const sheet = model.sheets.find((s) => s.conditionalFormats.includes(cf));
  if (!sheet) throw new FakeOfficeError("ItemNotFound", `Conditional format ${cf.id} was deleted`);
  return sheet;
}

export class FakeConditionalFormat
  extends FakeClientObject<ModelConditionalFormat>
  implements
    Mirror<
      Excel.ConditionalFormat,
      | "id"
      | "type"
      | "priority"
      | "stopIfTrue"
      | "custom"
      | "customOrNullObject"
      | "delete"
      | "getRanges"
      | "load"
      | "isNullObject"
    >
{
  readonly custom: FakeCustomConditionalFormat;
  readonly customOrNullObject: FakeCustomConditionalFormat;

  constructor(
    context: FakeRequestContextCore,
    locate: () => ModelConditionalFormat | null,
    options: { label: string; nullable?: boolean; minApi?: number }
  ) {
    super(context, locate, { ...options, minApi: Math.max(options.minApi ?? 1, 6) });
    const custom = (orNull: boolean) => () => {
      const cf = this.resolve();
      if (cf === null || cf.type === "Custom") return cf;
      if (orNull) return null;
      throw new FakeOfficeError("InvalidOperation", `Conditional format ${cf.id} is ${cf.type}, not Custom`);
    };
    this.custom = new FakeCustomConditionalFormat(context, custom(false), this.childOptions("custom"));
    this.customOrNullObject = new FakeCustomConditionalFormat(context, custom(true), {
      ...this.childOptions("customOrNullObject"),
      nullable: true,
    });
  }

  static byId(context: FakeRequestContextCore, id: string, nullable: boolean): FakeConditionalFormat {
    return new FakeConditionalFormat(context, () => findConditionalFormat(context.model, id), {
      label: `conditionalFormats[${id}]`,
      nullable,
    });
  }

  protected scalarReaders(): Record<string, (cf: ModelConditionalFormat) => unknown> {
    const model = this.context.model;
    return {
      id: (cf) => cf.id,
      type: (cf) => cf.type,
      priority: (cf) => sheetOfConditionalFormat(model, cf).conditionalFormats.indexOf(cf),
      stopIfTrue: (cf) => cf.stopIfTrue,
    };
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === "custom") return this.custom;
    if (name === "customOrNullObject") return this.customOrNullObject;
    return undefined;
  }

  get id(): string {
    return this.read("id") as string;
  }
  get type(): ConditionalFormatKind {
    return this.read("type") as ConditionalFormatKind;
  }
  get priority(): number {
    return this.read("priority") as number;
  }
  get stopIfTrue(): boolean {
    return this.read("stopIfTrue") as boolean;
  }
  set stopIfTrue(value: boolean) {
    this.enqueueWrite("stopIfTrue", value, (cf) => {
      cf.stopIfTrue = value;
    });
  }

  delete(): void {
    this.enqueueWrite("delete", [], (cf): ChangedRange => {
      const sheet = sheetOfConditionalFormat(this.context.model, cf);
      sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(cf), 1);
      return { sheet, rect: cf.areas[0]!, kind: "other" };
    });
  }

  getRanges(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.context,
      () => {
        const cf = this.resolve();
        return cf === null ? null : { sheet: sheetOfConditionalFormat(this.context.model, cf), rects: cf.areas };
      },
      this.childOptions("getRanges()", 9)
    );
  }
}

type CfOptions = { label: string; nullable: boolean; minApi: number };

export class FakeCustomConditionalFormat
  extends FakeClientObject<ModelConditionalFormat>
  implements Mirror<Excel.CustomConditionalFormat, "rule" | "format" | "load" | "isNullObject">
{
  readonly rule: FakeConditionalFormatRule;
  readonly format: FakeConditionalRangeFormat;

  constructor(context: FakeRequestContextCore, locate: () => ModelConditionalFormat | null, options: CfOptions) {
    super(context, locate, options);
    this.rule = new FakeConditionalFormatRule(context, () => this.resolve(), this.childOptions("rule"));
    this.format = new FakeConditionalRangeFormat(context, () => this.resolve(), this.childOptions("format"));
  }

  protected scalarReaders(): Record<string, (cf: ModelConditionalFormat) => unknown> {
    return {};
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === "rule") return this.rule;
    if (name === "format") return this.format;
    return undefined;
  }
}

export class FakeConditionalFormatRule
  extends FakeClientObject<ModelConditionalFormat>
  implements Mirror<Excel.ConditionalFormatRule, "formula" | "load">
{
  protected scalarReaders(): Record<string, (cf: ModelConditionalFormat) => unknown> {
    return { formula: (cf) => cf.formula ?? "" };
  }

  get formula(): string {
    return this.read("formula") as string;
  }
  set formula(formula: string) {
    this.enqueueWrite("formula", formula, (cf) => {
      if (!formula.startsWith("="))
        throw new FakeOfficeError("InvalidArgument", "A custom rule's formula starts with =");
      cf.formula = formula;
    });
  }
}

export class FakeConditionalRangeFormat
  extends FakeClientObject<ModelConditionalFormat>
  implements Mirror<Excel.ConditionalRangeFormat, "fill" | "font">
{
  readonly fill: FakeConditionalRangeFill;
  readonly font: FakeConditionalRangeFont;

  constructor(context: FakeRequestContextCore, locate: () => ModelConditionalFormat | null, options: CfOptions) {
    super(context, locate, options);
    this.fill = new FakeConditionalRangeFill(context, locate, this.childOptions("fill"));
    this.font = new FakeConditionalRangeFont(context, locate, this.childOptions("font"));
  }

  protected scalarReaders(): Record<string, (cf: ModelConditionalFormat) => unknown> {
    return {};
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return undefined;
  }
}

export class FakeConditionalRangeFill
  extends FakeClientObject<ModelConditionalFormat>
  implements Mirror<Excel.ConditionalRangeFill, "color" | "load">
{
  protected scalarReaders(): Record<string, (cf: ModelConditionalFormat) => unknown> {
    return { color: (cf) => cf.fill };
  }

  get color(): string {
    return this.read("color") as string;
  }
  set color(color: string) {
    this.enqueueWrite("color", color, (cf) => {
      cf.fill = color;
    });
  }
}

export class FakeConditionalRangeFont
  extends FakeClientObject<ModelConditionalFormat>
  implements Mirror<Excel.ConditionalRangeFont, "color" | "bold" | "italic" | "strikethrough" | "load">
{
  protected scalarReaders(): Record<string, (cf: ModelConditionalFormat) => unknown> {
    return {
      color: (cf) => cf.fontColor,
      bold: (cf) => cf.bold,
      italic: (cf) => cf.italic,
      strikethrough: (cf) => cf.strikethrough,
    };
  }

  private set<K extends "fontColor" | "bold" | "italic" | "strikethrough">(
    key: K,
    value: ModelConditionalFormat[K]
  ): void {
    this.enqueueWrite(key, value, (cf) => {
      cf[key] = value;
    });
  }

  get color(): string {
    return this.read("color") as string;
  }
  set color(color: string) {
    this.set("fontColor", color);
  }
  get bold(): boolean {
    return this.read("bold") as boolean;
  }
  set bold(value: boolean) {
    this.set("bold", value);
  }
  get italic(): boolean {
    return this.read("italic") as boolean;
  }
  set italic(value: boolean) {
    this.set("italic", value);
  }
  get strikethrough(): boolean {
    return this.read("strikethrough") as boolean;
  }
  set strikethrough(value: boolean) {
    this.set("strikethrough", value);
  }
}

// ----- notes and comments -----

interface CellTarget {
  sheet: ModelSheet;
  row: number;
  column: number;
}

/** A cell given as an address string (with or without sheet) or as a range proxy. */
function cellArgument(model: FakeWorkbookModel, cell: unknown, defaultSheet: ModelSheet | null): CellTarget {
  let target: RangeTarget;
  if (cell instanceof FakeRange) target = cell.resolveExisting();
  else if (typeof cell === "string") {
    const area = parseArea(cell);
    const sheet = area.sheet === null ? defaultSheet : (model.findSheet(area.sheet) ?? null);
    if (!sheet) throw new FakeOfficeError("InvalidArgument", `${cell} does not name a sheet`);
    if (defaultSheet && sheet !== defaultSheet)
      throw new FakeOfficeError("InvalidArgument", `${cell} is not on ${defaultSheet.name}`);
    target = { sheet, rect: area.rect };
  } else throw new FakeOfficeError("InvalidArgument", "Expected a cell address or a Range");
  const { rect } = target;
  if (rect.top !== rect.bottom || rect.left !== rect.right) {
    throw new FakeOfficeError("InvalidArgument", "A note or comment belongs to a single cell");
  }
  return { sheet: target.sheet, row: rect.top, column: rect.left };
}

function cellRange(
  context: FakeRequestContextCore,
  label: string,
  locate: () => CellTarget | null,
  options: CfOptions
): FakeRange {
  return new FakeRange(
    context,
    () => {
      const cell = locate();
      return cell === null
        ? null
        : { sheet: cell.sheet, rect: { top: cell.row, left: cell.column, bottom: cell.row, right: cell.column } };
    },
    { ...options, label }
  );
}

export class FakeNoteCollection
  extends FakeCollectionObject<ModelSheet[], FakeNote>
  implements Mirror<Excel.NoteCollection, "add" | "getItem" | "getItemOrNullObject" | "getCount" | "load">
{
  private readonly sheetScope: () => ModelSheet[];
  private readonly perSheet: boolean;

  constructor(context: FakeRequestContextCore, sheets: () => ModelSheet[], label: string, perSheet: boolean) {
    super(context, sheets, { label, minApi: 18 });
    this.sheetScope = sheets;
    this.perSheet = perSheet;
  }

  /** worksheet.notes takes "A1"; workbook.notes needs the sheet in the address. */
  private single(): ModelSheet | null {
    return this.perSheet ? (this.sheetScope()[0] ?? null) : null;
  }

  protected itemProxies(sheets: ModelSheet[]): FakeNote[] {
    return sheets.flatMap((sheet) =>
      [...sheet.notes]
        .sort((a, b) => a.row - b.row || a.column - b.column)
        .map((note) => FakeNote.bySerial(this.context, note.serial, false))
    );
  }

  add(cellAddress: unknown, content: unknown): FakeNote {
    const handle: { serial: number | null } = { serial: null };
    const address = cellAddress instanceof FakeRange ? "[Range]" : cellAddress;
    this.enqueueWrite("add", [address, content], (): ChangedRange => {
      const model = this.context.model;
      const cell = cellArgument(model, cellAddress, this.single());
      if (typeof content !== "string") throw new FakeOfficeError("InvalidArgument", "Note content must be text");
      model.assertCellFree(cell.sheet, cell.row, cell.column);
      const note: ModelNote = {
        serial: model.newSerial(),
        row: cell.row,
        column: cell.column,
        content,
        authorName: model.userName,
      };
      cell.sheet.notes.push(note);
      handle.serial = note.serial;
      return {
        sheet: cell.sheet,
        rect: { top: cell.row, left: cell.column, bottom: cell.row, right: cell.column },
        kind: "other",
      };
    });
    return new FakeNote(
      this.context,
      () => (handle.serial === null ? null : findNote(this.context.model, handle.serial)),
      this.childOptions("add()")
    );
  }

  private byKey(key: string, nullable: boolean): FakeNote {
    return new FakeNote(
      this.context,
      () => {
        const cell = cellArgument(this.context.model, key, this.single());
        const note = this.context.model.noteAt(cell.sheet, cell.row, cell.column);
        return note ? { sheet: cell.sheet, note } : null;
      },
      { ...this.childOptions(`[${JSON.stringify(key)}]`), nullable }
    );
  }

  getItem(key: string): FakeNote {
    return this.byKey(key, false);
  }

  getItemOrNullObject(key: string): FakeNote {
    return this.byKey(key, true);
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue({
      label: `${this.label}.getCount`,
      requestBytes: 32,
      execute: (): ActionResult => ({
        response: result.stage(this.resolveExisting().reduce((n, s) => n + s.notes.length, 0)),
      }),
    });
    return result;
  }
}

function findNote(model: FakeWorkbookModel, serial: number): { sheet: ModelSheet; note: ModelNote } | null {
  for (const sheet of model.sheets) {
    const note = sheet.notes.find((n) => n.serial === serial);
    if (note) return { sheet, note };
  }
  return null;
}

export class FakeNote
  extends FakeClientObject<{ sheet: ModelSheet; note: ModelNote }>
  implements Mirror<Excel.Note, "content" | "authorName" | "delete" | "getLocation" | "load" | "isNullObject">
{
  constructor(
    context: FakeRequestContextCore,
    locate: () => { sheet: ModelSheet; note: ModelNote } | null,
    options: { label: string; nullable?: boolean; minApi?: number }
  ) {
    super(context, locate, { ...options, minApi: 18 });
  }

  static bySerial(context: FakeRequestContextCore, serial: number, nullable: boolean): FakeNote {
    return new FakeNote(context, () => findNote(context.model, serial), { label: `notes[${serial}]`, nullable });
  }

  protected scalarReaders(): Record<string, (t: { sheet: ModelSheet; note: ModelNote }) => unknown> {
    return { content: (t) => t.note.content, authorName: (t) => t.note.authorName };
  }

  get content(): string {
    return this.read("content") as string;
  }
  set content(content: string) {
    this.enqueueWrite("content", content, (t) => {
      t.note.content = content;
    });
  }
  get authorName(): string {
    return this.read("authorName") as string;
  }

  delete(): void {
    this.enqueueWrite("delete", [], (t): ChangedRange => {
      t.sheet.notes.splice(t.sheet.notes.indexOf(t.note), 1);
      return {
        sheet: t.sheet,
        rect: { top: t.note.row, left: t.note.column, bottom: t.note.row, right: t.note.column },
        kind: "other",
      };
    });
  }

  getLocation(): FakeRange {
    return cellRange(
      this.context,
      `${this.label}.getLocation()`,
      () => {
        const t = this.resolve();
        return t === null ? null : { sheet: t.sheet, row: t.note.row, column: t.note.column };
      },
      this.childOptions("getLocation()")
    );
  }
}

export class FakeCommentCollection
  extends FakeCollectionObject<ModelComment[], FakeComment>
  implements
    Mirror<Excel.CommentCollection, "add" | "getItem" | "getItemOrNullObject" | "getItemByCell" | "getCount" | "load">
{
  private readonly sheetId: () => string | null;

  constructor(context: FakeRequestContextCore, sheetId: () => string | null, label: string) {
    super(
      context,
      () => {
        const id = sheetId();
        return context.model.comments.filter((comment) => id === null || comment.sheetId === id);
      },
      { label, minApi: 10 }
    );
    this.sheetId = sheetId;
  }

  protected itemProxies(comments: ModelComment[]): FakeComment[] {
    return comments.map((comment) => FakeComment.byId(this.context, comment.id, false));
  }

  /** Excel wants the full address, sheet name included, when the cell is given as text. */
  add(cellAddress: unknown, content: unknown, contentType?: "Plain" | "Mention"): FakeComment {
    const handle: { id: string | null } = { id: null };
    const address = cellAddress instanceof FakeRange ? "[Range]" : cellAddress;
    this.enqueueWrite("add", [address, content, contentType ?? "Plain"], (): ChangedRange => {
      const model = this.context.model;
      if (typeof cellAddress === "string" && parseArea(cellAddress).sheet === null) {
        throw new FakeOfficeError("InvalidArgument", `${cellAddress} must include the sheet name`);
      }
      const scopeId = this.sheetId();
      const cell = cellArgument(model, cellAddress, scopeId === null ? null : (model.sheetById(scopeId) ?? null));
      if (typeof content !== "string")
        throw new FakeOfficeError("InvalidArgument", "The fake models plain-text comments only");
      model.assertCellFree(cell.sheet, cell.row, cell.column);
      const comment: ModelComment = {
        id: model.newId("COMMENT-"),
        sheetId: cell.sheet.id,
        row: cell.row,
        column: cell.column,
        content,
        authorName: model.userName,
        resolved: false,
      };
      model.comments.push(comment);
      handle.id = comment.id;
      return {
        sheet: cell.sheet,
        rect: { top: cell.row, left: cell.column, bottom: cell.row, right: cell.column },
        kind: "other",
      };
    });
    return new FakeComment(
      this.context,
      () => (handle.id === null ? null : findComment(this.context.model, handle.id)),
      this.childOptions("add()")
    );
  }

  getItem(commentId: string): FakeComment {
    return FakeComment.byId(this.context, commentId, false);
  }

  getItemOrNullObject(commentId: string): FakeComment {
    return FakeComment.byId(this.context, commentId, true);
  }

  /** Throws ItemNotFound at sync when the cell has no comment (there is no OrNullObject variant). */
  getItemByCell(cellAddress: unknown): FakeComment {
    return new FakeComment(
      this.context,
      () => {
        const model = this.context.model;
        const cell = cellArgument(model, cellAddress, null);
        return model.commentAt(cell.sheet, cell.row, cell.column) ?? null;
      },
      this.childOptions("getItemByCell()")
    );
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue({
      label: `${this.label}.getCount`,
      requestBytes: 32,
      execute: (): ActionResult => ({ response: result.stage(this.resolveExisting().length) }),
    });
    return result;
  }
}

function findComment(model: FakeWorkbookModel, id: string): ModelComment | null {
  return model.comments.find((comment) => comment.id === id) ?? null;
}

export class FakeComment
  extends FakeClientObject<ModelComment>
  implements
    Mirror<
      Excel.Comment,
      "id" | "content" | "authorName" | "resolved" | "delete" | "getLocation" | "load" | "isNullObject"
    >
{
  constructor(
    context: FakeRequestContextCore,
    locate: () => ModelComment | null,
    options: { label: string; nullable?: boolean; minApi?: number }
  ) {
    super(context, locate, { ...options, minApi: 10 });
  }

  static byId(context: FakeRequestContextCore, id: string, nullable: boolean): FakeComment {
    return new FakeComment(context, () => findComment(context.model, id), { label: `comments[${id}]`, nullable });
  }

  protected scalarReaders(): Record<string, (comment: ModelComment) => unknown> {
    return {
      id: (c) => c.id,
      content: (c) => c.content,
      authorName: (c) => c.authorName,
      resolved: (c) => c.resolved,
    };
  }

  get id(): string {
    return this.read("id") as string;
  }
  get content(): string {
    return this.read("content") as string;
  }
  set content(content: string) {
    this.enqueueWrite("content", content, (c) => {
      c.content = content;
    });
  }
  get authorName(): string {
    return this.read("authorName") as string;
  }
  get resolved(): boolean {
    return this.read("resolved") as boolean;
  }

  delete(): void {
    this.enqueueWrite("delete", [], (c): ChangedRange | void => {
      const model = this.context.model;
      model.comments.splice(model.comments.indexOf(c), 1);
      const sheet = model.sheetById(c.sheetId);
      if (sheet) return { sheet, rect: { top: c.row, left: c.column, bottom: c.row, right: c.column }, kind: "other" };
    });
  }

  getLocation(): FakeRange {
    return cellRange(
      this.context,
      `${this.label}.getLocation()`,
      () => {
        const c = this.resolve();
        const sheet = c === null ? undefined : this.context.model.sheetById(c.sheetId);
        return c === null || !sheet ? null : { sheet, row: c.row, column: c.column };
      },
      this.childOptions("getLocation()")
    );
  }
}

// ----- settings and custom XML parts -----

interface SettingTarget {
  key: string;
}

export class FakeSettingCollection
  extends FakeCollectionObject<Map<string, unknown>, FakeSetting>
  implements Mirror<Excel.SettingCollection, "add" | "getItem" | "getItemOrNullObject" | "load">
{
  constructor(context: FakeRequestContextCore) {
    super(context, () => context.model.settings, { label: "settings", minApi: 4 });
  }

  protected itemProxies(settings: Map<string, unknown>): FakeSetting[] {
    return [...settings.keys()].map((key) => FakeSetting.byKey(this.context, key, false));
  }

  /** Creates or replaces. Values travel as JSON. */
  add(key: string, value: string | number | boolean | Date | unknown[] | unknown): FakeSetting {
    this.enqueueWrite("add", [key, value], (settings) => {
      settings.set(key, jsonClone(value));
    });
    return FakeSetting.byKey(this.context, key, false);
  }

  getItem(key: string): FakeSetting {
    return FakeSetting.byKey(this.context, key, false);
  }

  getItemOrNullObject(key: string): FakeSetting {
    return FakeSetting.byKey(this.context, key, true);
  }
}

export class FakeSetting
  extends FakeClientObject<SettingTarget>
  implements Mirror<Excel.Setting, "key" | "value" | "delete" | "load" | "isNullObject">
{
  static byKey(context: FakeRequestContextCore, key: string, nullable: boolean): FakeSetting {
    return new FakeSetting(context, () => (context.model.settings.has(key) ? { key } : null), {
      label: `settings[${JSON.stringify(key)}]`,
      nullable,
      minApi: 4,
    });
  }

  protected scalarReaders(): Record<string, (t: SettingTarget) => unknown> {
    return { key: (t) => t.key, value: (t) => this.context.model.settings.get(t.key) };
  }

  get key(): string {
    return this.read("key") as string;
  }
  get value(): unknown {
    return this.read("value");
  }
  set value(value: unknown) {
    this.enqueueWrite("value", value, (t) => {
      this.context.model.settings.set(t.key, jsonClone(value));
    });
  }

  delete(): void {
    this.enqueueWrite("delete", [], (t) => {
      this.context.model.settings.delete(t.key);
    });
  }
}

/** The default namespace of the root element, or "" — enough XML for our own parts. */
function rootNamespace(xml: string): string {
  const body = xml
    .replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?/, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .trim();
  const root = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?(\s[^>]*)?\/?>/.exec(body);
  if (!root) throw new FakeOfficeError("InvalidArgument", "The custom XML part is not well-formed XML");
  const prefix = root[2] === undefined ? null : root[1]!;
  const name = root[2] ?? root[1]!;
  const selfClosing = /\/>$/.test(root[0]);
  const qualified = prefix === null ? name : `${prefix}:${name}`;
  if (!selfClosing && !new RegExp(`</${qualified.replace(/[.]/g, "\\.")}\\s*>$`).test(body)) {
    throw new FakeOfficeError("InvalidArgument", "The custom XML part is not well-formed XML");
  }
  const attributes = root[3] ?? "";
  const declaration = prefix === null ? /\sxmlns="([^"]*)"/ : new RegExp(`\\sxmlns:${prefix}="([^"]*)"`);
  return declaration.exec(attributes)?.[1] ?? "";
}

export class FakeCustomXmlPartCollection
  extends FakeCollectionObject<ModelXmlPart[], FakeCustomXmlPart>
  implements
    Mirror<Excel.CustomXmlPartCollection, "add" | "getByNamespace" | "getItem" | "getItemOrNullObject" | "load">
{
  constructor(context: FakeRequestContextCore, namespaceUri: string | null) {
    super(
      context,
      () => context.model.xmlParts.filter((part) => namespaceUri === null || part.namespaceUri === namespaceUri),
      {
        label: namespaceUri === null ? "customXmlParts" : `customXmlParts.getByNamespace(${namespaceUri})`,
        minApi: 5,
      }
    );
  }

  protected itemProxies(parts: ModelXmlPart[]): FakeCustomXmlPart[] {
    return parts.map((part) => FakeCustomXmlPart.byId(this.context, part.id, false));
  }

  add(xml: string): FakeCustomXmlPart {
    const handle: { id: string | null } = { id: null };
    this.enqueueWrite("add", xml, () => {
      const part: ModelXmlPart = { id: `{${this.context.model.newId("XML-")}}`, namespaceUri: rootNamespace(xml), xml };
      this.context.model.xmlParts.push(part);
      handle.id = part.id;
    });
    return new FakeCustomXmlPart(
      this.context,
      () => (handle.id === null ? null : findPart(this.context.model, handle.id)),
      this.childOptions("add()")
    );
  }

  getByNamespace(namespaceUri: string): FakeCustomXmlPartScopedCollection {
    return new FakeCustomXmlPartScopedCollection(this.context, namespaceUri);
  }

  getItem(id: string): FakeCustomXmlPart {
    return FakeCustomXmlPart.byId(this.context, id, false);
  }

  getItemOrNullObject(id: string): FakeCustomXmlPart {
    return FakeCustomXmlPart.byId(this.context, id, true);
  }
}

export class FakeCustomXmlPartScopedCollection
  extends FakeCollectionObject<ModelXmlPart[], FakeCustomXmlPart>
  implements Mirror<Excel.CustomXmlPartScopedCollection, "getCount" | "getOnlyItemOrNullObject" | "getItem" | "load">
{
  private readonly namespaceUri: string;

  constructor(context: FakeRequestContextCore, namespaceUri: string) {
    super(context, () => context.model.xmlParts.filter((part) => part.namespaceUri === namespaceUri), {
      label: `customXmlParts.getByNamespace(${namespaceUri})`,
      minApi: 5,
    });
    this.namespaceUri = namespaceUri;
  }

  protected itemProxies(parts: ModelXmlPart[]): FakeCustomXmlPart[] {
    return parts.map((part) => FakeCustomXmlPart.byId(this.context, part.id, false));
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue({
      label: `${this.label}.getCount`,
      requestBytes: 32,
      execute: (): ActionResult => ({ response: result.stage(this.resolveExisting().length) }),
    });
    return result;
  }

  getItem(id: string): FakeCustomXmlPart {
    return FakeCustomXmlPart.byId(this.context, id, false);
  }

  /** Null object when there is no such part; InvalidOperation at sync when there are several. */
  getOnlyItemOrNullObject(): FakeCustomXmlPart {
    return new FakeCustomXmlPart(
      this.context,
      () => {
        const parts = this.context.model.xmlParts.filter((part) => part.namespaceUri === this.namespaceUri);
        if (parts.length > 1)
          throw new FakeOfficeError("InvalidOperation", `${parts.length} parts have namespace ${this.namespaceUri}`);
        return parts[0] ?? null;
      },
      { ...this.childOptions("getOnlyItemOrNullObject()"), nullable: true }
    );
  }
}

function findPart(model: FakeWorkbookModel, id: string): ModelXmlPart | null {
  return model.xmlParts.find((part) => part.id === id) ?? null;
}

export class FakeCustomXmlPart
  extends FakeClientObject<ModelXmlPart>
  implements
    Mirror<Excel.CustomXmlPart, "id" | "namespaceUri" | "getXml" | "setXml" | "delete" | "load" | "isNullObject">
{
  constructor(
    context: FakeRequestContextCore,
    locate: () => ModelXmlPart | null,
    options: { label: string; nullable?: boolean; minApi?: number }
  ) {
    super(context, locate, { ...options, minApi: 5 });
  }

  static byId(context: FakeRequestContextCore, id: string, nullable: boolean): FakeCustomXmlPart {
    return new FakeCustomXmlPart(context, () => findPart(context.model, id), {
      label: `customXmlParts[${id}]`,
      nullable,
    });
  }

  protected scalarReaders(): Record<string, (part: ModelXmlPart) => unknown> {
    return { id: (p) => p.id, namespaceUri: (p) => p.namespaceUri };
  }

  get id(): string {
    return this.read("id") as string;
  }
  get namespaceUri(): string {
    return this.read("namespaceUri") as string;
  }

  getXml(): FakeClientResult<string> {
    const result = new FakeClientResult<string>();
    this.context.enqueue({
      label: `${this.label}.getXml`,
      requestBytes: 32,
      execute: (): ActionResult => ({ response: result.stage(this.resolveExisting().xml) }),
    });
    return result;
  }

  setXml(xml: string): void {
    this.enqueueWrite("setXml", xml, (part) => {
      part.namespaceUri = rootNamespace(xml);
      part.xml = xml;
    });
  }

  delete(): void {
    this.enqueueWrite("delete", [], (part) => {
      const parts = this.context.model.xmlParts;
      parts.splice(parts.indexOf(part), 1);
    });
  }
}

// ----- events -----

/** onChanged: handlers are registered and removed at sync, like the real EventHandlers. */
export class FakeEventHandlers {
  private readonly owner: { readonly context: FakeRequestContextCore };
  private readonly scope: () => string;
  private readonly minApi: number;

  constructor(owner: { readonly context: FakeRequestContextCore }, scope: () => string, minApi: number) {
    this.owner = owner;
    this.scope = scope;
    this.minApi = minApi;
  }

  add(handler: ChangedHandler): FakeEventHandlerResult {
    const context = this.owner.context;
    const registration: HandlerRegistration = { scope: "", handler };
    context.enqueue({
      label: "onChanged.add",
      requestBytes: jsonBytes({ call: "onChanged.add" }),
      execute: () => {
        if (context.model.apiVersion < this.minApi) {
          throw new FakeOfficeError("ApiNotFound", `onChanged needs ExcelApi 1.${this.minApi}`);
        }
        registration.scope = this.scope();
        context.model.handlers.push(registration);
        return {};
      },
    });
    return new FakeEventHandlerResult(context, registration);
  }
}

export class FakeEventHandlerResult {
  readonly context: FakeRequestContextCore;
  private readonly registration: HandlerRegistration;

  constructor(context: FakeRequestContextCore, registration: HandlerRegistration) {
    this.context = context;
    this.registration = registration;
  }

  remove(): void {
    this.context.enqueue({
      label: "onChanged.remove",
      requestBytes: jsonBytes({ call: "onChanged.remove" }),
      execute: () => {
        const handlers = this.context.model.handlers;
        const index = handlers.indexOf(this.registration);
        if (index < 0) throw new FakeOfficeError("ItemNotFound", "The event handler is not registered");
        handlers.splice(index, 1);
        return {};
      },
    });
  }
}
