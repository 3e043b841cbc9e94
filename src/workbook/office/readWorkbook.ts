/**
 * Reading the workbook open in Excel: sheets, each sheet's used range, and its values in
 * payload-sized row chunks (readPlan.ts), with the waivers and — when flags will be written
 * next — the grid scan (gridScan.ts) carried in the same syncs:
 *
 *   sync 1  sheets · waiver setting and XML parts · grid scan phase 1
 *   sync 2  used ranges · waiver XML · grid scan phase 2
 *   sync 3+ values, value types, number formats and formulas, as many syncs as the bytes need
 *
 * Dates arrive from `values` as serial numbers; a number whose number format shows a date is
 * passed on as its ISO date ("2026-01-01"), as the file reader does, so messages agree between
 * Excel and the command line. (The 1904 date system is not visible through Office.js: dates are
 * read in the 1900 system.) Formulas come in the same loads as the values (`Range.formulas` answers a
 * formula for a cell holding one and the value otherwise): only the cells holding a formula are
 * kept, sparsely, by A1 address, so the engine knows which cells hold one.
 */
import { toA1 } from "../../engine/address";
import type { CellValue, SheetSnapshot, Waiver, WorkbookSnapshot } from "../../engine/types";
import { boundsAddress, parseRangeAddress, type RangeBounds } from "../addresses";
import { type ProgressListener, WorkbookError } from "../gateway";
import { isDateFormatCode, serialToIsoDate } from "../xlsx/readDates";
import { GridScan, type GridState, SCAN_SHEET_FIELDS, type ScanOptions } from "./gridScan";
import { isPayloadLimitError } from "./officeErrors";
import { afterBatch, INITIAL_BYTES_PER_CELL, MEASURED_SIZE_MARGIN, nextBatch, type PendingBlock } from "./readPlan";
import { utf8Bytes } from "./session";
import { WaiverReader } from "./waivers";

/** The command line's limit too: cells held (each sheet's used range). */
export const MAX_READ_CELLS = 5_000_000;

/** Fewer cells than this are too small a sample to lower a sheet's size estimate on. */
const MIN_CELLS_TO_LOWER_ESTIMATE = 1000;
/** Halving the chunk size this many times without success means one row cannot be read. */
const MAX_READ_RETRIES = 6;

export interface ReadOptions {
  budget: number;
  maxCells?: number;
  onProgress?: ProgressListener | undefined;
  /** Read the stored waivers in the same syncs. */
  waivers?: boolean;
  /** Scan the grid for flag writing in the same syncs. */
  scan?: ScanOptions;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  waivers: Waiver[] | null;
  grid: GridState | null;
}

/** The formula `Range.formulas` answered for a cell, or undefined when the cell holds none (its value came back). */
export function formulaOf(formula: unknown, value: unknown): string | undefined {
  return typeof formula === "string" && formula.length > 1 && formula.startsWith("=") && formula !== value
    ? formula
    : undefined;
}

export function toCellValue(value: unknown, type: string | undefined, format: string | undefined): CellValue {
  if (type === "Error") return { error: String(value) };
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (format !== undefined && format !== "General" && isDateFormatCode(format))
      return serialToIsoDate(value, false) ?? value;
    return value;
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions): Promise<ReadResult> {
  const maxCells = options.maxCells ?? MAX_READ_CELLS;
  const worksheets = context.workbook.worksheets.load(
    options.scan ? `items/visibility,${SCAN_SHEET_FIELDS}` : "items/name,items/visibility"
  );
  const waivers = options.waivers ? new WaiverReader(context) : null;
  waivers?.queuePhase1();
  const scan = options.scan ? new GridScan(context, options.scan) : null;
  scan?.queuePhase1(worksheets);
  await context.sync();

  const sheets = worksheets.items;
  const used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject(true).load("address"));
  waivers?.queuePhase2();
  scan?.queuePhase2();
  await context.sync();
  const grid = scan ? await scan.finish() : null;

  const extents = used.map((range): RangeBounds | null => {
    if (range.isNullObject) return null;
    const bounds = parseRangeAddress(range.address);
    if (!bounds) throw new WorkbookError("corrupt", `Unexpected used-range address ${range.address}`);
    return bounds;
  });
  // A formula filled down a whole column makes a used range of a million rows: refuse before reading.
  const cells = extents.reduce((sum, e) => sum + (e ? (e.bottom - e.top + 1) * (e.right - e.left + 1) : 0), 0);
  if (cells > maxCells) {
    const largest = extents
      .map((extent, index) => ({
        name: sheets[index]!.name,
        cells: extent ? (extent.bottom - extent.top + 1) * (extent.right - extent.left + 1) : 0,
      }))
      .sort((a, b) => b.cells - a.cells)[0]!;
    throw new WorkbookError(
      "too-large",
      `The sheets' used ranges hold ${cells.toLocaleString("en-US")} cells (${largest.name}: ${largest.cells.toLocaleString("en-US")}); the add-in reads at most ${maxCells.toLocaleString("en-US")}.`,
      `used-range cells ${cells}`
    );
  }

  const { grids, formulas } = await readValues(context, sheets, extents, options.budget, options.onProgress);
  const snapshots = sheets.map((sheet, index): SheetSnapshot => {
    const extent = extents[index] ?? null;
    const sheetFormulas = formulas[index]!;
    return {
      name: sheet.name,
      originRow: extent?.top ?? 1,
      originColumn: extent?.left ?? 1,
      values: grids[index] ?? [],
      ...(sheet.visibility === "Visible" ? {} : { hidden: true }),
      ...(Object.keys(sheetFormulas).length > 0 ? { formulas: sheetFormulas } : {}),
    };
  });
  return { snapshot: { sheets: snapshots }, waivers: waivers ? waivers.result() : null, grid };
}

/**
 * Values of every used range, in syncs sized by payload (see readPlan.ts): the number of syncs
 * grows with the bytes read, never with the number of rows or sheets.
 */
async function readValues(
  context: Excel.RequestContext,
  sheets: Excel.Worksheet[],
  extents: Array<RangeBounds | null>,
  budget: number,
  onProgress?: ProgressListener
): Promise<{ grids: CellValue[][][]; formulas: Array<Record<string, string>> }> {
  const grids: CellValue[][][] = sheets.map(() => []);
  const formulas: Array<Record<string, string>> = sheets.map(() => ({}));
  let pending: PendingBlock[] = extents.flatMap((extent, sheetIndex) =>
    extent ? [{ sheetIndex, top: extent.top, bottom: extent.bottom, left: extent.left, right: extent.right }] : []
  );
  const totalRows = pending.reduce((sum, block) => sum + block.bottom - block.top + 1, 0);
  let rowsRead = 0;
  // Per sheet: measured on what was read of it, with a small margin; doubled after an overshoot.
  const bytesPerCell = new Map<number, number>();
  const estimateOf = (sheetIndex: number): number => bytesPerCell.get(sheetIndex) ?? INITIAL_BYTES_PER_CELL;
  let retries = 0;
  onProgress?.({ fraction: 0, stage: "read" });
  while (pending.length > 0) {
    const batch = nextBatch(pending, estimateOf, budget);
    const ranges = batch.map((chunk) =>
      sheets[chunk.sheetIndex]!.getRange(boundsAddress(chunk)).load("values,valueTypes,numberFormat,formulas")
    );
    let tooLarge = false;
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per payload-sized batch of rows, not per row
      await context.sync();
    } catch (error) {
      if (!isPayloadLimitError(error)) throw error;
      tooLarge = true;
    }
    // Excel on the web may answer an oversized read with empty or null values instead of an error.
    tooLarge ||= ranges.some((range, i) => {
      const values = range.values as unknown[][] | null;
      return !Array.isArray(values) || values.length !== batch[i]!.bottom - batch[i]!.top + 1;
    });
    if (tooLarge) {
      const oneRow = batch.length === 1 && batch[0]!.top === batch[0]!.bottom;
      retries += 1;
      if (oneRow || retries > MAX_READ_RETRIES) {
        throw new WorkbookError(
          "too-large",
          "A row of the workbook is too large to read",
          "RequestPayloadSizeLimitExceeded"
        );
      }
      for (const chunk of batch) bytesPerCell.set(chunk.sheetIndex, estimateOf(chunk.sheetIndex) * 2);
      continue;
    }
    retries = 0;
    ranges.forEach((range, i) => {
      const { values, valueTypes, numberFormat } = range;
      const cellFormulas = range.formulas as unknown[][] | undefined;
      const bytes = utf8Bytes(values) + utf8Bytes(valueTypes) + utf8Bytes(numberFormat) + utf8Bytes(cellFormulas);
      const chunk = batch[i]!;
      const sheetIndex = chunk.sheetIndex;
      const grid = grids[sheetIndex]!;
      const sheetFormulas = formulas[sheetIndex]!;
      let cells = 0;
      values.forEach((row, r) => {
        cells += row.length;
        const types = valueTypes[r];
        const formats = numberFormat?.[r] as unknown[] | undefined;
        const rowFormulas = cellFormulas?.[r];
        grid.push(row.map((value, c) => toCellValue(value, types?.[c], formats?.[c] as string | undefined)));
        rowFormulas?.forEach((formula, c) => {
          const text = formulaOf(formula, row[c]);
          if (text !== undefined) sheetFormulas[toA1(chunk.top + r, chunk.left + c)] = text;
        });
      });
      // A large sample sets the sheet's estimate, down as well as up; a few rows only raise it.
      if (cells > 0) {
        const measured = Math.ceil((bytes / cells) * MEASURED_SIZE_MARGIN);
        bytesPerCell.set(
          sheetIndex,
          cells >= MIN_CELLS_TO_LOWER_ESTIMATE ? measured : Math.max(measured, estimateOf(sheetIndex))
        );
      }
    });
    pending = afterBatch(pending, batch);
    rowsRead += batch.reduce((sum, chunk) => sum + chunk.bottom - chunk.top + 1, 0);
    onProgress?.({ fraction: totalRows === 0 ? 1 : rowsRead / totalRows, stage: "read" });
  }
  return { grids, formulas };
}
