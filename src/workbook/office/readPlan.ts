/**
 * Planning the reads of cell values into syncs that stay under the payload limit. Pure.
 *
 * Office.js answers a read as JSON; Excel on the web rejects a request or a response over 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), and very large answers
 * may come back empty. We aim at 4 MB per sync and split the rows of all sheets into chunks
 * whose estimated size fits, packing the chunks of several sheets into the same sync.
 */

/** Our ceiling for one request or one response: 1 MB under Excel on the web's 5 MB. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/**
 * First estimate of one cell in a `values` + `valueTypes` + `numberFormat` + `formulas` answer,
 * as UTF-8 JSON: a number or a short text (up to about 20 bytes, e.g. six CJK characters with
 * quotes and comma), its type name ("Double", with quotes and comma: 9 bytes), its number format
 * ("General": 10 bytes) and its formula (the value again for a cell without one: about 20 bytes). Sheets differ (a member list of long names, a budget of numbers): after
 * each sync a sheet's estimate becomes what was measured on it, plus a small margin, and a sync
 * that still exceeds the limit is retried with smaller chunks.
 */
export const INITIAL_BYTES_PER_CELL = 60;

/**
 * Margin over a sheet's measured bytes per cell. Small, because the ceiling is already 1 MB under
 * Excel on the web's limit and rows of one sheet are alike; a batch that overshoots is retried.
 */
export const MEASURED_SIZE_MARGIN = 1.05;

/** Brackets and commas of one row in each of the four arrays. */
const ROW_OVERHEAD_BYTES = 16;

/** Rows still to read on one sheet (1-based, inclusive). */
export interface PendingBlock {
  sheetIndex: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function rowBytes(block: Pick<PendingBlock, "left" | "right">, bytesPerCell: number): number {
  return (block.right - block.left + 1) * bytesPerCell + ROW_OVERHEAD_BYTES;
}

export function estimatedBytes(block: PendingBlock, bytesPerCell: number): number {
  return (block.bottom - block.top + 1) * rowBytes(block, bytesPerCell);
}

/** Estimated bytes a cell of a sheet: one figure for all, or one per sheet index. */
export type CellSizeEstimate = number | ((sheetIndex: number) => number);

/**
 * The chunks of the next sync: rows from the pending blocks, in order, as many as fit in
 * `budget`. A single row that alone exceeds the budget is still returned (one row per sync).
 */
export function nextBatch(
  pending: readonly PendingBlock[],
  bytesPerCell: CellSizeEstimate,
  budget: number
): PendingBlock[] {
  const batch: PendingBlock[] = [];
  let remaining = budget;
  for (const block of pending) {
    const perRow = rowBytes(block, typeof bytesPerCell === "number" ? bytesPerCell : bytesPerCell(block.sheetIndex));
    const rows = block.bottom - block.top + 1;
    let take = Math.min(rows, Math.floor(remaining / perRow));
    if (take === 0 && batch.length === 0) take = 1;
    if (take === 0) break;
    batch.push({ ...block, bottom: block.top + take - 1 });
    remaining -= take * perRow;
    if (take < rows) break;
  }
  return batch;
}

/** What is left of `pending` once `batch` has been read. */
export function afterBatch(pending: readonly PendingBlock[], batch: readonly PendingBlock[]): PendingBlock[] {
  const readUpTo = new Map(batch.map((chunk) => [chunk.sheetIndex, chunk.bottom]));
  return pending.flatMap((block) => {
    const bottomRead = readUpTo.get(block.sheetIndex);
    if (bottomRead === undefined) return [block];
    return bottomRead >= block.bottom ? [] : [{ ...block, top: bottomRead + 1 }];
  });
}
