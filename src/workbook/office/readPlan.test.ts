import { afterBatch, estimatedBytes, nextBatch, type PendingBlock, rowBytes } from "./readPlan";

const block = (sheetIndex: number, rows: number, columns: number): PendingBlock => ({
  sheetIndex,
  top: 1,
  bottom: rows,
  left: 1,
  right: columns,
});

describe("nextBatch", () => {
  it("packs whole sheets into one batch while they fit", () => {
    const pending = [block(0, 100, 10), block(1, 50, 4)];
    expect(nextBatch(pending, 10, 1_000_000)).toEqual(pending);
  });

  it("cuts the sheet that does not fit at a row boundary and leaves the rest for later", () => {
    const pending = [block(0, 100, 10), block(1, 1_000, 10)];
    const batch = nextBatch(pending, 10, estimatedBytes(block(0, 100, 10), 10) + 5 * rowBytes(block(1, 1, 10), 10));
    expect(batch).toEqual([block(0, 100, 10), { ...block(1, 5, 10) }]);
    expect(afterBatch(pending, batch)).toEqual([{ sheetIndex: 1, top: 6, bottom: 1_000, left: 1, right: 10 }]);
  });

  it("returns a single row even when it alone exceeds the budget", () => {
    expect(nextBatch([block(0, 3, 1_000)], 30, 100)).toEqual([block(0, 1, 1_000)]);
  });

  it("reads everything in a number of batches proportional to the bytes", () => {
    let pending = [block(0, 10_000, 11), block(1, 2_000, 10)];
    const total = pending.reduce((sum, b) => sum + estimatedBytes(b, 30), 0);
    let batches = 0;
    while (pending.length > 0) {
      pending = afterBatch(pending, nextBatch(pending, 30, 100_000));
      batches += 1;
    }
    // Each batch ends on a row boundary, so it may leave up to one row's bytes unused.
    expect(batches).toBeGreaterThanOrEqual(Math.ceil(total / 100_000));
    expect(batches).toBeLessThanOrEqual(Math.ceil(total / (100_000 - rowBytes(block(0, 1, 11), 30))));
  });

  it("sizes each sheet's rows by that sheet's own estimate", () => {
    const pending = [block(0, 100, 10), block(1, 1_000, 10)];
    // Sheet 0 at 10 bytes a cell, sheet 1 (long texts) at 100: sheet 1 gets a tenth of the rows
    // a single estimate would give it.
    const perSheet = (sheetIndex: number) => (sheetIndex === 0 ? 10 : 100);
    const budget = estimatedBytes(block(0, 100, 10), 10) + 20 * rowBytes(block(1, 1, 10), 100);
    expect(nextBatch(pending, perSheet, budget)).toEqual([block(0, 100, 10), block(1, 20, 10)]);
    expect(nextBatch(pending, 10, budget)[1]!.bottom).toBeGreaterThan(20);
  });
});
