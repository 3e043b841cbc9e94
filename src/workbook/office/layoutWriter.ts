/**
 * Applies sheet layouts (src/layouts) to the open workbook through Office.js, with the file
 * writer's semantics (writeLayout.ts): string values stay text, formulas are only our branded
 * ones, generated sheets are marked with the workbook-level name `AllianceCheck_Generated_<kind>`
 * referring to the sheet's A1, and a sheet we did not mark is never replaced.
 *
 * Syncs: one to read sheet names and our markers, then the writes, split only when they exceed
 * the payload budget (one sync for a workbook of ordinary size, whatever its row count).
 * Requirement sets: names [1.4], freezePanes [1.7], dataValidation [1.8], autoFilter [1.9],
 * tables, charts [1.1], hyperlink [1.7].
 */
import { columnLetters, sheetReference } from "../../engine/address";
import type { Language } from "../../engine/types";
import type { GeneratedSheetKind, LayoutCell, LayoutValue, SheetLayout } from "../../layouts/layout";
import { isGeneratedKind } from "../../layouts/layout";
import { kindOfMarker, markerName } from "../../layouts/names";
import { resolveStyle, type CellStyle } from "../../layouts/styles";
import type { ProgressListener } from "../gateway";
import { fitCellText } from "../../layouts/cellText";

/** Per queued action, on top of the text it carries (as in OfficeGateway). */
const ACTION_OVERHEAD_BYTES = 256;
const encoder = new TextEncoder();
const bytesOf = (value: unknown): number => encoder.encode(JSON.stringify(value) ?? "").length;

/** What the workbook holds before writing: sheet names and where our markers point. */
export interface WorkbookNames {
  sheets: string[];
  marked: Partial<Record<GeneratedSheetKind, string>>;
  /** Our marker names present (to delete before re-adding). */
  markerNames: string[];
}

/** Sheet name out of a name's formula ("='營運摘要'!$A$1"); null for #REF! or anything else. */
export function sheetOfReference(formula: string): string | null {
  const match = /^=(?:'((?:[^']|'')+)'|([^'!#][^!]*))!\$?[A-Z]+\$?\d+$/.exec(formula);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] ?? null);
}

/** One sync: the sheet names and our markers. */
export async function readWorkbookNames(context: Excel.RequestContext): Promise<WorkbookNames> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const names = context.workbook.names.load("items/name,items/formula");
  await context.sync();
  const sheets = worksheets.items.map((sheet) => sheet.name);
  const marked: Partial<Record<GeneratedSheetKind, string>> = {};
  const markerNames: string[] = [];
  for (const item of names.items) {
    const kind = kindOfMarker(item.name);
    if (kind === null) continue;
    markerNames.push(item.name);
    const sheet = sheetOfReference(item.formula);
    if (sheet !== null && sheets.some((name) => name.toLowerCase() === sheet.toLowerCase())) marked[kind] = sheet;
  }
  return { sheets, marked, markerNames };
}

/** Queues writes; syncs early only when the next one would take the request over the budget. */
class Budget {
  private queued = 0;
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
    private readonly progress?: { writeSyncs: number }
  ) {}
  async add(actions: number, payload: unknown, write: () => void): Promise<void> {
    const bytes = actions * ACTION_OVERHEAD_BYTES + bytesOf(payload);
    if (this.queued > 0 && this.queued + bytes > this.limit) await this.flush();
    write();
    this.queued += bytes;
  }
  async flush(): Promise<void> {
    if (this.queued === 0) return;
    if (this.progress) this.progress.writeSyncs += 1;
    await this.context.sync();
    this.syncs += 1;
    this.queued = 0;
  }
}

/** Text Excel would not keep as text when entered through `values` (formula, number, boolean, date). */
export function needsTextFormat(text: string): boolean {
  return (
    /^[=+\-@]/.test(text) ||
    (text.trim() !== "" && Number.isFinite(Number(text))) ||
    /^(true|false)$/i.test(text) ||
    /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/.test(text.trim())
  );
}

function cellValue(cell: LayoutCell): LayoutValue {
  const content = cell.content;
  if (content.kind === "value") return typeof content.value === "string" ? fitCellText(content.value) : content.value;
  if (content.kind === "link") return fitCellText(content.text);
  return null;
}

/** Points for a width in characters (Excel's default font: 7 px per character plus 5 px padding). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

function applyStyle(range: Excel.Range, style: CellStyle): number {
  let actions = 0;
  const set = (write: () => void): void => {
    write();
    actions += 1;
  };
  if (style.bold !== undefined) set(() => (range.format.font.bold = style.bold!));
  if (style.italic !== undefined) set(() => (range.format.font.italic = style.italic!));
  if (style.underline !== undefined) set(() => (range.format.font.underline = style.underline ? "Single" : "None"));
  if (style.strikethrough !== undefined) set(() => (range.format.font.strikethrough = style.strikethrough!));
  if (style.size !== undefined) set(() => (range.format.font.size = style.size!));
  if (style.fontColor !== undefined) set(() => (range.format.font.color = style.fontColor!));
  if (style.fill !== undefined) set(() => (range.format.fill.color = style.fill!));
  if (style.horizontal !== undefined) set(() => (range.format.horizontalAlignment = HORIZONTAL[style.horizontal!]));
  if (style.vertical !== undefined) set(() => (range.format.verticalAlignment = VERTICAL[style.vertical!]));
  if (style.wrap !== undefined) set(() => (range.format.wrapText = style.wrap!));
  if (style.bottomBorder !== undefined) {
    const edge = range.format.borders.getItem("EdgeBottom");
    set(() => (edge.style = "Continuous"));
    set(() => (edge.color = style.bottomBorder!));
  }
  return actions;
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

export interface WriteLayoutsOptions {
  /** Our marked sheets to delete first (from planGeneratedSheetNames). */
  replace?: readonly string[];
  /** Our marker names currently in the workbook (deleted before re-adding). */
  markerNames?: readonly string[];
  maxPayloadBytes: number;
  onProgress?: ProgressListener | undefined;
  /** Told of every sync that carries writes (so a failure can tell "nothing sent" from "partly written"). */
  progress?: { writeSyncs: number } | undefined;
}

/**
 * Deletes `replace`, adds every layout as a new sheet (names must be free) and writes it.
 * Returns the number of syncs made.
 */
export async function writeLayouts(
  context: Excel.RequestContext,
  layouts: readonly SheetLayout[],
  options: WriteLayoutsOptions
): Promise<number> {
  const { workbook } = context;
  const budget = new Budget(context, options.maxPayloadBytes, options.progress);
  const kinds = new Set(layouts.map((layout) => layout.kind));
  for (const name of options.markerNames ?? []) {
    const kind = kindOfMarker(name);
    if (kind !== null && kinds.has(kind))
      await budget.add(1, name, () => workbook.names.getItemOrNullObject(name).delete());
  }
  for (const name of options.replace ?? []) await budget.add(1, name, () => workbook.worksheets.getItem(name).delete());

  const total = layouts.length;
  for (const [index, layout] of layouts.entries()) {
    options.onProgress?.({ fraction: index / Math.max(total, 1), stage: "write" });
    // Marked as ours right after it is added, before its content: a sheet left half-written by
    // a failed batch is then still ours, replaced by the next run instead of kept as a person's.
    let sheet: Excel.Worksheet | undefined;
    await budget.add(isGeneratedKind(layout.kind) ? 2 : 1, layout.name, () => {
      sheet = workbook.worksheets.add(layout.name);
      if (isGeneratedKind(layout.kind))
        workbook.names.add(markerName(layout.kind), `=${sheetReference(layout.name, "$A$1")}`);
    });
    await writeSheet(sheet!, layout, budget);
    for (const defined of layout.definedNames ?? []) {
      await budget.add(2, defined, () => {
        const item = workbook.names.add(defined.name, `=${sheetReference(layout.name, defined.range)}`);
        if (defined.hidden) item.visible = false;
      });
    }
  }
  await budget.flush();
  options.onProgress?.({ fraction: 1, stage: "write" });
  return budget.syncs;
}

async function writeSheet(sheet: Excel.Worksheet, layout: SheetLayout, budget: Budget): Promise<void> {
  if (layout.tabColor) await budget.add(1, layout.tabColor, () => (sheet.tabColor = layout.tabColor!));
  for (const column of layout.columns ?? []) {
    const letter = columnLetters(column.column);
    const whole = sheet.getRange(`${letter}:${letter}`);
    if (column.width !== undefined)
      await budget.add(1, column.width, () => (whole.format.columnWidth = columnWidthPoints(column.width!)));
    if (column.hidden) await budget.add(1, "", () => (whole.columnHidden = true));
    const format = resolveStyle(column.styles).numberFormat;
    if (format !== undefined) await budget.add(1, format, () => (whole.numberFormat = format as unknown as string[][]));
  }
  // Tables first (as the file writer): their header and data rows, then the cells over them.
  for (const table of layout.tables ?? []) {
    const start = /^([A-Z]+)(\d+)$/.exec(table.ref);
    if (!start) throw new Error(`table ${table.name}: not a cell ${table.ref}`);
    const top = Number(start[2]);
    const left = table.ref.length - start[2]!.length;
    const firstColumn = start[1]!;
    const width = table.headers.length;
    const lastColumn = columnLetters(columnIndex(firstColumn) + width - 1);
    const address = `${firstColumn}${top}:${lastColumn}${top + table.rows.length}`;
    void left;
    const grid = [table.headers, ...table.rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""))];
    await budget.add(3, grid, () => {
      sheet.getRange(address).values = grid as unknown[][];
      const added = sheet.tables.add(address, true);
      added.name = table.name;
      added.style = table.style;
    });
  }

  const cells = layout.cells;
  if (cells.length > 0) {
    // Row chunks of the bounding box: number formats, then values (text cells at risk of being
    // read as something else are formatted "@" first), then our formulas one cell at a time.
    // A loop, not Math.min(...cells): spreading 100,000 cells overflows the call stack.
    let left = Infinity;
    let right = -Infinity;
    const byRow = new Map<number, LayoutCell[]>();
    for (const cell of cells) {
      if (cell.column < left) left = cell.column;
      if (cell.column > right) right = cell.column;
      const list = byRow.get(cell.row);
      if (list) list.push(cell);
      else byRow.set(cell.row, [cell]);
    }
    const rows = [...byRow.keys()].sort((a, b) => a - b);
    for (const row of rows) {
      const line = byRow.get(row)!;
      const values: LayoutValue[] = Array.from({ length: right - left + 1 }, () => null);
      const formats: (string | null)[] = Array.from({ length: right - left + 1 }, () => null);
      for (const cell of line) {
        const value = cellValue(cell);
        values[cell.column - left] = value;
        let format = resolveStyle(cell.styles).numberFormat ?? null;
        if (cell.content.kind === "formula" && format === "@") format = "General";
        if (typeof value === "string" && needsTextFormat(value)) format = "@";
        formats[cell.column - left] = format;
      }
      // Only the cells the layout writes: contiguous runs so that a column's own format stays.
      let start = 0;
      while (start < values.length) {
        if (!line.some((cell) => cell.column - left === start)) {
          start += 1;
          continue;
        }
        let end = start;
        while (end + 1 < values.length && line.some((cell) => cell.column - left === end + 1)) end += 1;
        const address = `${columnLetters(left + start)}${row}:${columnLetters(left + end)}${row}`;
        const runValues = [values.slice(start, end + 1).map((value) => value ?? "")];
        const runFormats = formats.slice(start, end + 1);
        const range = sheet.getRange(address);
        if (runFormats.some((format) => format !== null)) {
          const column0 = left + start;
          const formatRow = runFormats.map((format, i) => format ?? columnFormatOf(layout, column0 + i) ?? "General");
          await budget.add(1, formatRow, () => (range.numberFormat = [formatRow]));
        }
        await budget.add(1, runValues, () => (range.values = runValues));
        start = end + 1;
      }
      for (const cell of line) {
        const content = cell.content;
        const address = `${columnLetters(cell.column)}${cell.row}`;
        if (content.kind === "formula") {
          const formula = `=${content.formula.text}`;
          await budget.add(1, formula, () => (sheet.getRange(address).formulas = [[formula]]));
        } else if (content.kind === "link") {
          const link: Excel.RangeHyperlink = {
            documentReference: sheetReference(content.sheet, content.cell),
            textToDisplay: fitCellText(content.text),
          };
          await budget.add(1, link, () => (sheet.getRange(address).hyperlink = link));
        }
        if (cell.note !== undefined) {
          const note = fitCellText(cell.note);
          // Notes [ExcelApi 1.18]; on older hosts the note is left out (reported by the caller's docs).
          await budget.add(1, note, () => sheet.notes.add(address, note));
        }
      }
    }
    for (const run of styleRuns(cells)) {
      const range = sheet.getRange(run.address);
      let actions = 0;
      await budget.add(10, run.address, () => {
        actions = applyStyle(range, run.style);
      });
      void actions;
    }
  }
  for (const merge of layout.merges ?? []) await budget.add(1, merge, () => sheet.getRange(merge).merge(false));
  if (layout.autoFilter)
    await budget.add(1, layout.autoFilter, () => sheet.autoFilter.apply(sheet.getRange(layout.autoFilter)));
  for (const validation of layout.validations ?? []) {
    const source = validation.source.kind === "inline" ? validation.values.join(",") : `=${validation.source.name}`;
    await budget.add(3, [validation.range, source, validation.error, validation.prompt], () => {
      const rule = sheet.getRange(validation.range).dataValidation;
      rule.rule = { list: { inCellDropDown: true, source } };
      if (validation.error)
        rule.errorAlert = {
          showAlert: true,
          style: "Warning",
          title: validation.error.title,
          message: validation.error.text,
        };
      if (validation.prompt)
        rule.prompt = { showPrompt: true, title: validation.prompt.title, message: validation.prompt.text };
    });
  }
  for (const chart of layout.charts ?? []) {
    const top = Math.min(...chart.series.map((series) => Number(/\d+/.exec(series.name.cell)![0])));
    const lastSeries = chart.series[chart.series.length - 1]!;
    const categoryColumn = /^\$?([A-Z]+)/.exec(chart.categories.range)![1]!;
    const bottom = Number(/(\d+)$/.exec(lastSeries.values.range)![1]);
    const lastColumn = /^\$?([A-Z]+)/.exec(lastSeries.name.cell)![1]!;
    const source = `${categoryColumn}${top}:${lastColumn}${bottom}`;
    await budget.add(4, [source, chart.title], () => {
      const added = sheet.charts.add("ColumnClustered", sheet.getRange(source), "Columns");
      added.title.text = chart.title;
      added.setPosition(
        `${columnLetters(chart.from.column)}${chart.from.row}`,
        `${columnLetters(chart.to.column)}${chart.to.row}`
      );
    });
  }
  if (layout.frozen && layout.frozen.rows + (layout.frozen.columns ?? 0) > 0) {
    const frozen = layout.frozen;
    await budget.add(1, frozen, () => {
      if (frozen.columns)
        sheet.freezePanes.freezeAt(sheet.getRange(`A1:${columnLetters(frozen.columns)}${Math.max(frozen.rows, 1)}`));
      else sheet.freezePanes.freezeRows(frozen.rows);
    });
  }
  if (layout.hidden) await budget.add(1, "", () => (sheet.visibility = "Hidden"));
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const char of letters) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}

function columnFormatOf(layout: SheetLayout, column: number): string | undefined {
  return resolveStyle(layout.columns?.find((entry) => entry.column === column)?.styles).numberFormat;
}

export type { Language };
