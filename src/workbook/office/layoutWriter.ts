/**
 * Applies sheet layouts (src/layouts) to the open workbook through Office.js, with the file
 * writer's semantics (writeLayout.ts): string values stay text, formulas are only our branded
 * ones, generated sheets are marked with the workbook-level name `AllianceCheck_Generated_<kind>`
 * referring to the sheet's A1, and a sheet we did not mark is never replaced.
 *
 * What Excel requires, and how it is met:
 * - Text written through `values` is parsed as typed ("1,234" becomes a number, "#N/A" an error,
 *   a leading apostrophe disappears): every text cell is formatted as Text ("@") first and a
 *   leading apostrophe is doubled, so the cell holds exactly the text.
 * - Cell-level properties cannot be set on unbounded ranges ("Read or write to an unbounded
 *   range"): a column's number format goes on its rows in use (the template's data rows).
 * - Table names share one namespace with defined names in a workbook: a taken name gets a suffix.
 * - A list validation's source must exist when the rule is set: validations go after every
 *   sheet and defined name of the batch.
 * - Notes need ExcelApi 1.18: where they are missing, the layout's notes are left out (the
 *   template's 填寫說明 sheet has the same help).
 *
 * Syncs: the writes, split only when they exceed the payload budget (one sync for a workbook of
 * ordinary size, whatever its row count).
 * - Page setup (orientation, A4, fit to pages, print titles and area) is Worksheet.pageLayout's:
 *   one write per sheet, in the same batch as its cells. Row heights are left to Excel, which
 *   fits rows of wrapped text as the values arrive (the file writer writes estimates instead).
 *
 * Requirement sets: names [1.4], freezePanes [1.7], dataValidation [1.8], autoFilter [1.9],
 * pageLayout [1.9], tables, charts [1.1], hyperlink [1.7], notes [1.18].
 */
import { columnLetters, sheetReference } from "../../engine/address";
import type { GeneratedSheetKind, LayoutCell, LayoutValue, ListValidation, SheetLayout } from "../../layouts/layout";
import { isGeneratedKind } from "../../layouts/layout";
import { kindOfMarker, markerName } from "../../layouts/names";
import { generatedSheetsOf, type MarkerProblem } from "../../layouts/ownership";
import { resolveStyle, type CellStyle } from "../../layouts/styles";
import { fitCellText } from "../../layouts/cellText";
import type { ProgressListener } from "../gateway";
import { BudgetedWriter, type WriteProgress } from "./session";

/** What the workbook holds before writing: sheet names, names in use and which sheets are ours. */
export interface WorkbookNames {
  sheets: string[];
  /** Our sheets, by kind: only those whose marker and name agree (layouts/ownership.ts). */
  marked: Partial<Record<GeneratedSheetKind, string>>;
  /** Markers that do not agree with their sheet (nothing they point at is ours). */
  problems: MarkerProblem[];
  /** Workbook-level names spelled like our markers (to delete before adding ours: names are unique). */
  markerNames: string[];
  /** Defined names and table names (one namespace in Excel). */
  taken: string[];
}

/** One sync: the sheet names, defined names, table names and which sheets are ours. */
export async function readWorkbookNames(context: Excel.RequestContext): Promise<WorkbookNames> {
  const worksheets = context.workbook.worksheets.load("items/name");
  // The workbook's collection holds the workbook-level names only: the scope our markers have.
  const names = context.workbook.names.load("items/name,items/formula");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  const sheets = worksheets.items.map((sheet) => sheet.name);
  const { marked, problems } = generatedSheetsOf(
    sheets.map((name) => ({ name, worksheet: true })),
    names.items.map((item) => ({ name: item.name, scope: null, formula: String(item.formula ?? "") }))
  );
  const markerNames = names.items.filter((item) => kindOfMarker(item.name) !== null).map((item) => item.name);
  const taken = [...names.items.map((item) => item.name), ...tables.items.map((table) => table.name)];
  return { sheets, marked, problems, markerNames, taken };
}

/** Excel's text for `value`: a leading apostrophe is a prefix character, so it is doubled to be kept. */
export function excelText(value: string): string {
  const fitted = fitCellText(value);
  return fitted.startsWith("'") ? `'${fitted}` : fitted;
}

function cellValue(cell: LayoutCell): LayoutValue {
  const content = cell.content;
  if (content.kind === "value") return typeof content.value === "string" ? excelText(content.value) : content.value;
  if (content.kind === "link") return excelText(content.text);
  return null;
}

/** Points for a width in characters (Excel's default font: 7 px per character plus 5 px padding). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

function applyStyle(range: Excel.Range, style: CellStyle): void {
  if (style.bold !== undefined) range.format.font.bold = style.bold;
  if (style.italic !== undefined) range.format.font.italic = style.italic;
  if (style.underline !== undefined) range.format.font.underline = style.underline ? "Single" : "None";
  if (style.strikethrough !== undefined) range.format.font.strikethrough = style.strikethrough;
  if (style.size !== undefined) range.format.font.size = style.size;
  if (style.fontColor !== undefined) range.format.font.color = style.fontColor;
  if (style.fill !== undefined) range.format.fill.color = style.fill;
  if (style.horizontal !== undefined) range.format.horizontalAlignment = HORIZONTAL[style.horizontal];
  if (style.vertical !== undefined) range.format.verticalAlignment = VERTICAL[style.vertical];
  if (style.wrap !== undefined) range.format.wrapText = style.wrap;
  if (style.bottomBorder !== undefined) {
    const edge = range.format.borders.getItem("EdgeBottom");
    edge.style = "Continuous";
    edge.color = style.bottomBorder;
  }
}

/** Contiguous runs of cells in one column sharing a style, as A1 ranges. */
function styleRuns(cells: readonly LayoutCell[]): { address: string; style: CellStyle }[] {
  const sorted = cells
    .filter((cell) => (cell.styles?.length ?? 0) > 0)
    .sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: { column: number; top: number; bottom: number; key: string }[] = [];
  for (const cell of sorted) {
    const key = cell.styles!.join(",");
    const last = runs[runs.length - 1];
    if (last && last.column === cell.column && last.bottom === cell.row - 1 && last.key === key) last.bottom = cell.row;
    else runs.push({ column: cell.column, top: cell.row, bottom: cell.row, key });
  }
  return runs.map((run) => {
    const letter = columnLetters(run.column);
    return {
      address: `${letter}${run.top}:${letter}${run.bottom}`,
      style: resolveStyle(run.key.split(",") as LayoutCell["styles"]),
    };
  });
}

/** The rows a layout occupies (cells, tables, validations), where column formats apply. */
function usedRows(layout: SheetLayout): number {
  let bottom = 1;
  for (const cell of layout.cells) if (cell.row > bottom) bottom = cell.row;
  for (const table of layout.tables ?? []) {
    const top = Number(/\d+$/.exec(table.ref)?.[0] ?? 1);
    bottom = Math.max(bottom, top + table.rows.length);
  }
  for (const validation of layout.validations ?? []) {
    const last = Number(/(\d+)$/.exec(validation.range)?.[1] ?? 1);
    bottom = Math.max(bottom, last);
  }
  return bottom;
}

export interface WriteLayoutsOptions {
  /** Our marked sheets to delete first (from planGeneratedSheetNames). */
  replace?: readonly string[];
  /** Our marker names currently in the workbook (deleted before re-adding). */
  markerNames?: readonly string[];
  /** Defined names and table names already in the workbook. */
  taken?: readonly string[];
  /** Notes [ExcelApi 1.18]: without them the layouts' notes are left out. */
  notes: boolean;
  maxPayloadBytes: number;
  onProgress?: ProgressListener | undefined;
  /** Told of every sync that carries writes (so a failure can tell "nothing sent" from "partly written"). */
  progress?: WriteProgress | undefined;
  /** Told of each sheet as it is added (so a failure can remove what this run added). */
  added?: string[];
}

/** A table name not among `taken` (case-insensitively): Budget, Budget_2, … */
function freeName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${name}_${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Deletes `replace`, adds every layout as a new sheet (names must be free) and writes it, then
 * the list validations. Returns the number of syncs made.
 */
export async function writeLayouts(
  context: Excel.RequestContext,
  layouts: readonly SheetLayout[],
  options: WriteLayoutsOptions
): Promise<number> {
  const { workbook } = context;
  const writer = new BudgetedWriter(context, options.maxPayloadBytes, options.progress);
  const kinds = new Set(layouts.map((layout) => layout.kind));
  const taken = new Set((options.taken ?? []).map((name) => name.toLowerCase()));
  for (const name of options.markerNames ?? []) {
    const kind = kindOfMarker(name);
    if (kind !== null && kinds.has(kind)) {
      taken.delete(name.toLowerCase());
      await writer.add(1, name, () => workbook.names.getItemOrNullObject(name).delete());
    }
  }
  for (const name of options.replace ?? []) await writer.add(1, name, () => workbook.worksheets.getItem(name).delete());

  const validations: { sheet: Excel.Worksheet; validation: ListValidation }[] = [];
  const total = layouts.length;
  for (const [index, layout] of layouts.entries()) {
    options.onProgress?.({ fraction: index / Math.max(total, 1), stage: "write" });
    // Marked as ours right after it is added, before its content: a sheet left half-written by
    // a failed batch is then still ours, replaced by the next run instead of kept as a person's.
    let sheet: Excel.Worksheet | undefined;
    await writer.add(isGeneratedKind(layout.kind) ? 2 : 1, layout.name, () => {
      sheet = workbook.worksheets.add(layout.name);
      options.added?.push(layout.name);
      if (isGeneratedKind(layout.kind)) {
        workbook.names.add(markerName(layout.kind), `=${sheetReference(layout.name, "$A$1")}`);
        taken.add(markerName(layout.kind).toLowerCase());
      }
    });
    await writeSheet(sheet!, layout, writer, { notes: options.notes, taken });
    for (const defined of layout.definedNames ?? []) {
      taken.add(defined.name.toLowerCase());
      await writer.add(2, defined, () => {
        const item = workbook.names.add(defined.name, `=${sheetReference(layout.name, defined.range)}`);
        if (defined.hidden) item.visible = false;
      });
    }
    for (const validation of layout.validations ?? []) validations.push({ sheet: sheet!, validation });
  }
  // Last: a list validation's source (a defined name on the lists sheet) must exist when it is set.
  for (const { sheet, validation } of validations) await addValidation(sheet, validation, writer);
  await writer.flush();
  options.onProgress?.({ fraction: 1, stage: "write" });
  return writer.syncs;
}

async function addValidation(
  sheet: Excel.Worksheet,
  validation: ListValidation,
  writer: BudgetedWriter
): Promise<void> {
  const source = validation.source.kind === "inline" ? validation.values.join(",") : `=${validation.source.name}`;
  await writer.add(3, [validation.range, source, validation.error, validation.prompt], () => {
    const rule = sheet.getRange(validation.range).dataValidation;
    rule.rule = { list: { inCellDropDown: true, source } };
    if (validation.error) {
      rule.errorAlert = {
        showAlert: true,
        style: "Warning",
        title: validation.error.title,
        message: validation.error.text,
      };
    }
    if (validation.prompt)
      rule.prompt = { showPrompt: true, title: validation.prompt.title, message: validation.prompt.text };
  });
}

async function writeSheet(
  sheet: Excel.Worksheet,
  layout: SheetLayout,
  writer: BudgetedWriter,
  options: { notes: boolean; taken: Set<string> }
): Promise<void> {
  if (layout.tabColor) await writer.add(1, layout.tabColor, () => (sheet.tabColor = layout.tabColor!));
  const rows = usedRows(layout);
  const columnFormats = new Map<number, string>();
  for (const column of layout.columns ?? []) {
    const letter = columnLetters(column.column);
    if (column.width !== undefined) {
      const width = columnWidthPoints(column.width);
      await writer.add(1, width, () => (sheet.getRange(`${letter}:${letter}`).format.columnWidth = width));
    }
    if (column.hidden) await writer.add(1, "", () => (sheet.getRange(`${letter}:${letter}`).columnHidden = true));
    const format = resolveStyle(column.styles).numberFormat;
    if (format !== undefined) {
      columnFormats.set(column.column, format);
      // Not on the whole column (Excel refuses cell properties on unbounded ranges): on its rows in use.
      const grid = Array.from({ length: rows }, () => [format]);
      await writer.add(1, grid, () => (sheet.getRange(`${letter}1:${letter}${rows}`).numberFormat = grid));
    }
  }
  // Tables first (as the file writer): their header and data rows, then the cells over them.
  for (const table of layout.tables ?? []) {
    const start = /^([A-Z]+)(\d+)$/.exec(table.ref);
    if (!start) throw new Error(`table ${table.name}: not a cell ${table.ref}`);
    const top = Number(start[2]);
    const firstColumn = start[1]!;
    const width = table.headers.length;
    const lastColumn = columnLetters(columnIndex(firstColumn) + width - 1);
    const address = `${firstColumn}${top}:${lastColumn}${top + table.rows.length}`;
    const grid = [table.headers, ...table.rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""))].map(
      (row) => row.map((value) => (typeof value === "string" ? excelText(value) : value))
    );
    const formats = grid.map((row, r) =>
      row.map((value, c) =>
        typeof value === "string" && value !== ""
          ? "@"
          : r === 0
            ? "@"
            : (columnFormats.get(columnIndex(firstColumn) + c) ?? "General")
      )
    );
    const name = freeName(table.name, options.taken);
    await writer.add(4, [grid, formats], () => {
      const range = sheet.getRange(address);
      range.numberFormat = formats;
      range.values = grid as unknown[][];
      const added = sheet.tables.add(address, true);
      added.name = name;
      added.style = table.style;
    });
  }

  const cells = layout.cells;
  if (cells.length > 0) await writeCells(sheet, cells, columnFormats, writer, options.notes);
  for (const merge of layout.merges ?? []) await writer.add(1, merge, () => sheet.getRange(merge).merge(false));
  if (layout.autoFilter) {
    const filter = layout.autoFilter;
    await writer.add(1, filter, () => sheet.autoFilter.apply(sheet.getRange(filter)));
  }
  for (const chart of layout.charts ?? []) {
    let top = Infinity;
    for (const series of chart.series) top = Math.min(top, Number(/\d+/.exec(series.name.cell)![0]));
    const lastSeries = chart.series[chart.series.length - 1]!;
    const categoryColumn = /^\$?([A-Z]+)/.exec(chart.categories.range)![1]!;
    const bottom = Number(/(\d+)$/.exec(lastSeries.values.range)![1]);
    const lastColumn = /^\$?([A-Z]+)/.exec(lastSeries.name.cell)![1]!;
    const source = `${categoryColumn}${top}:${lastColumn}${bottom}`;
    await writer.add(6, [source, chart.title, chart.axisTitles], () => {
      const added = sheet.charts.add("ColumnClustered", sheet.getRange(source), "Columns");
      added.title.text = chart.title;
      if (chart.axisTitles?.category) added.axes.categoryAxis.title.text = chart.axisTitles.category;
      if (chart.axisTitles?.value) added.axes.valueAxis.title.text = chart.axisTitles.value;
      added.setPosition(
        `${columnLetters(chart.from.column)}${chart.from.row}`,
        `${columnLetters(chart.to.column)}${chart.to.row}`
      );
    });
  }
  if (layout.frozen && layout.frozen.rows + (layout.frozen.columns ?? 0) > 0) {
    const frozen = layout.frozen;
    await writer.add(1, frozen, () => {
      if (frozen.columns && frozen.rows > 0)
        sheet.freezePanes.freezeAt(sheet.getRange(`A1:${columnLetters(frozen.columns)}${frozen.rows}`));
      else if (frozen.columns) sheet.freezePanes.freezeColumns(frozen.columns);
      else sheet.freezePanes.freezeRows(frozen.rows);
    });
  }
  if (layout.print) {
    const print = layout.print;
    await writer.add(4, print, () => {
      const page = sheet.pageLayout;
      page.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
      page.paperSize = "A4";
      page.zoom = print.fit
        ? { horizontalFitToPages: print.fit.width, verticalFitToPages: print.fit.height }
        : { scale: 100 };
      if (print.titleRows) page.setPrintTitleRows(`$${print.titleRows.first}:$${print.titleRows.last}`);
      if (print.area) page.setPrintArea(print.area);
    });
  }
  if (layout.hidden) await writer.add(1, "", () => (sheet.visibility = "Hidden"));
}

/**
 * The layout's cells in row runs: number formats first (Text for every text cell, so Excel keeps
 * it as written), then values, then our formulas, links and notes; styles last, in column runs.
 */
async function writeCells(
  sheet: Excel.Worksheet,
  cells: readonly LayoutCell[],
  columnFormats: ReadonlyMap<number, string>,
  writer: BudgetedWriter,
  notes: boolean
): Promise<void> {
  const byRow = new Map<number, LayoutCell[]>();
  for (const cell of cells) {
    const list = byRow.get(cell.row);
    if (list) list.push(cell);
    else byRow.set(cell.row, [cell]);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  for (const row of rows) {
    const line = byRow.get(row)!.sort((a, b) => a.column - b.column);
    // Contiguous runs of the cells the layout writes, so that other cells keep their format.
    const runs: LayoutCell[][] = [];
    for (const cell of line) {
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1]!.column === cell.column - 1) run.push(cell);
      else runs.push([cell]);
    }
    for (const run of runs) {
      // One write of formats, one of values and one of our formulas for the whole run; a null
      // leaves its cell as it is, so formulas and values do not overwrite each other.
      const values = [run.map((cell) => (cell.content.kind === "formula" ? null : (cellValue(cell) ?? "")))];
      const formats = [
        run.map((cell) => {
          const value = cellValue(cell);
          if (typeof value === "string" && value !== "") return "@";
          const own = resolveStyle(cell.styles).numberFormat;
          if (cell.content.kind === "formula") return own === undefined || own === "@" ? "General" : own;
          return own ?? columnFormats.get(cell.column) ?? "General";
        }),
      ];
      const formulas = run.some((cell) => cell.content.kind === "formula")
        ? [run.map((cell) => (cell.content.kind === "formula" ? `=${cell.content.formula.text}` : null))]
        : null;
      const address = `${columnLetters(run[0]!.column)}${row}:${columnLetters(run[run.length - 1]!.column)}${row}`;
      await writer.add(formulas ? 3 : 2, [values, formats, formulas], () => {
        const range = sheet.getRange(address);
        range.numberFormat = formats;
        range.values = values;
        if (formulas) range.formulas = formulas;
      });
    }
    for (const cell of line) {
      const content = cell.content;
      const address = `${columnLetters(cell.column)}${cell.row}`;
      if (content.kind === "link") {
        const link: Excel.RangeHyperlink = {
          documentReference: sheetReference(content.sheet, content.cell),
          textToDisplay: excelText(content.text),
        };
        await writer.add(1, link, () => (sheet.getRange(address).hyperlink = link));
      }
      if (cell.note !== undefined && notes) {
        const note = fitCellText(cell.note);
        await writer.add(1, note, () => sheet.notes.add(address, note));
      }
    }
  }
  for (const run of styleRuns(cells)) {
    const range = sheet.getRange(run.address);
    await writer.add(10, run.address, () => applyStyle(range, run.style));
  }
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const char of letters) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}
