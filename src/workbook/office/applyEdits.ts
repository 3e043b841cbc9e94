/**
 * Cell edits (quick fixes and their undo) in the workbook open in Excel. A bounded number of
 * syncs whatever the number of edits:
 *
 *   sync 1  the sheets (names, protection) and every target cell's values, value types, number
 *           formats and formulas (more than one only past the payload budget)
 *   sync 2  the writes (more than one only past the payload budget)
 *
 * An edit applies only when its cell still holds what the edit expects (cellEdits.ts): a cell
 * the person changed since the fix was computed is skipped and reported, so nothing they typed
 * is lost. A protected sheet's cells are skipped and reported too. Text is written so that it
 * stays text (an apostrophe before text Excel would read as a formula, a number, a date, …), and
 * a number format is written only where the edit changes it.
 */
import { type CellContent, type CellEdit, type CellValue, isCellError } from "../../engine/types";
import { cellKey, planEdits } from "../cellEdits";
import type { EditOutcome, ProgressListener } from "../gateway";
import { officeErrorCode } from "./officeErrors";
import { formulaOf, toCellValue } from "./readWorkbook";
import { BudgetedWriter, type WriteProgress } from "./session";

/** Request bytes one cell's load adds (object path, actions and the four properties' answer), rounded up. */
const READ_BYTES_PER_CELL = 1_200;

interface LoadedCell {
  sheet: string;
  cell: string;
  range: Excel.Range;
}

/**
 * Whether Excel would take `text` typed into a cell as something other than that text: a
 * formula (= + - @), a number, a date or time, a boolean, an error, or an apostrophe prefix.
 */
export function needsTextPrefix(text: string): boolean {
  if (text === "") return false;
  if (/^[=+\-@'#]/.test(text)) return true;
  const trimmed = text.trim();
  if (/^[($]?\s*[\d.,]/.test(trimmed)) return true;
  if (/^(true|false)$/i.test(trimmed)) return true;
  return /^\d{1,4}[/:-]\d/.test(trimmed);
}

/** The value to put in `Range.values` so the cell holds `value` (text stays text). */
export function writableValue(value: CellValue, numberFormat: string | undefined): string | number | boolean {
  if (value === null) return "";
  if (isCellError(value)) return value.error;
  if (typeof value !== "string") return value;
  if (numberFormat === "@" && !value.startsWith("'")) return value;
  return needsTextPrefix(value) ? `'${value}` : value;
}

function contentOfRange(range: Excel.Range): { content: CellContent; stored: CellValue } {
  const value = (range.values as unknown[][])[0]?.[0];
  const type = (range.valueTypes as string[][])[0]?.[0];
  const numberFormat = (range.numberFormat as unknown[][])[0]?.[0];
  const format = typeof numberFormat === "string" ? numberFormat : undefined;
  const formula = formulaOf((range.formulas as unknown[][] | undefined)?.[0]?.[0], value);
  const stored = toCellValue(value, type, undefined);
  return {
    content: {
      value: toCellValue(value, type, format),
      ...(formula !== undefined ? { formula } : {}),
      ...(format !== undefined ? { numberFormat: format } : {}),
    },
    stored,
  };
}

export interface ApplyOptions {
  budget: number;
  onProgress?: ProgressListener | undefined;
  progress?: WriteProgress;
  /** Told what will be written (and its undo) before the first write goes out. */
  onPlanned?: (outcome: EditOutcome) => void;
}

/** Loads the sheets and the target cells; syncs once per payload budget of cells. */
async function loadCells(
  context: Excel.RequestContext,
  edits: readonly CellEdit[],
  budget: number,
  existing: Set<string> | null
): Promise<{ sheets: Excel.WorksheetCollection; cells: LoadedCell[] }> {
  const sheets = context.workbook.worksheets.load("items/name,items/protection/protected");
  const seen = new Set<string>();
  const targets: Array<{ sheet: string; cell: string }> = [];
  for (const edit of edits) {
    const key = cellKey(edit.sheet, edit.cell);
    if (seen.has(key) || (existing !== null && !existing.has(edit.sheet.toLowerCase()))) continue;
    seen.add(key);
    targets.push({ sheet: edit.sheet, cell: edit.cell.toUpperCase() });
  }
  const perSync = Math.max(1, Math.floor(budget / READ_BYTES_PER_CELL));
  const cells: LoadedCell[] = [];
  for (let start = 0; start === 0 || start < targets.length; start += perSync) {
    for (const target of targets.slice(start, start + perSync)) {
      const range = context.workbook.worksheets
        .getItem(target.sheet)
        .getRange(target.cell)
        .load("values,valueTypes,numberFormat,formulas");
      cells.push({ ...target, range });
    }
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per payload budget of cells, not per cell
    await context.sync();
  }
  return { sheets, cells };
}

/** Applies `edits` in one Excel.run's context (see the module comment for the syncs). */
export async function applyCellEdits(
  context: Excel.RequestContext,
  edits: readonly CellEdit[],
  options: ApplyOptions
): Promise<EditOutcome> {
  options.onProgress?.({ stage: "fix", fraction: 0 });
  let loaded;
  try {
    loaded = await loadCells(context, edits, options.budget, null);
  } catch (error) {
    // A sheet an edit names is gone (deleted or renamed since): read the names, then the rest.
    if (officeErrorCode(error) !== "ItemNotFound") throw error;
    const names = context.workbook.worksheets.load("items/name");
    await context.sync();
    const existing = new Set(names.items.map((sheet) => sheet.name.toLowerCase()));
    loaded = await loadCells(context, edits, options.budget, existing);
  }
  const protectedSheets = new Set(
    loaded.sheets.items.filter((sheet) => sheet.protection.protected).map((sheet) => sheet.name.toLowerCase())
  );
  const sheetNames = new Set(loaded.sheets.items.map((sheet) => sheet.name.toLowerCase()));
  const byKey = new Map(loaded.cells.map((cell) => [cellKey(cell.sheet, cell.cell), contentOfRange(cell.range)]));
  const plan = planEdits(
    edits,
    (sheet, cell) => (sheetNames.has(sheet.toLowerCase()) ? (byKey.get(cellKey(sheet, cell))?.content ?? null) : null),
    (sheet) => protectedSheets.has(sheet.toLowerCase()),
    (sheet, cell) => byKey.get(cellKey(sheet, cell))?.stored
  );
  options.onProgress?.({ stage: "fix", fraction: 0.5 });
  options.onPlanned?.({ applied: plan.applied, skipped: plan.skipped, undo: plan.undo });

  const writer = new BudgetedWriter(context, options.budget, options.progress);
  for (const { sheet, cell, content } of plan.final.values()) {
    const before = byKey.get(cellKey(sheet, cell))!.content;
    const range = () => context.workbook.worksheets.getItem(sheet).getRange(cell);
    const numberFormat = content.numberFormat ?? before.numberFormat;
    if (content.numberFormat !== undefined && content.numberFormat !== before.numberFormat) {
      await writer.add(1, content.numberFormat, () => {
        range().numberFormat = [[content.numberFormat]];
      });
    }
    if (content.formula !== undefined) {
      const formula = content.formula;
      await writer.add(1, formula, () => {
        range().formulas = [[formula]];
      });
    } else {
      const value = writableValue(content.value, numberFormat);
      await writer.add(1, value, () => {
        range().values = [[value]];
      });
    }
  }
  await writer.flush();
  options.onProgress?.({ stage: "fix", fraction: 1 });
  return { applied: plan.applied, skipped: plan.skipped, undo: plan.undo };
}
