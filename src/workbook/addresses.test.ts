import { cellAreas, joinAreas, normalizeCell, parseRangeAddress } from "./addresses";

describe("parseRangeAddress", () => {
  it.each([
    ["Sheet1!B3:K200", { sheet: "Sheet1", top: 3, left: 2, bottom: 200, right: 11 }],
    ["經費表!C5", { sheet: "經費表", top: 5, left: 3, bottom: 5, right: 3 }],
    ["'My Sheet'!$A$1:$B$2", { sheet: "My Sheet", top: 1, left: 1, bottom: 2, right: 2 }],
    ["'O''Brien''s'!AA10", { sheet: "O'Brien's", top: 10, left: 27, bottom: 10, right: 27 }],
    ["D4:B2", { sheet: null, top: 2, left: 2, bottom: 4, right: 4 }],
  ])("reads %s", (address, expected) => {
    expect(parseRangeAddress(address)).toEqual(expected);
  });

  it.each(["Sheet1!A:C", "Sheet1!3:5", "A1,B2", "A1:B2:C3", ""])("returns null for %j", (address) => {
    expect(parseRangeAddress(address)).toBeNull();
  });
});

describe("normalizeCell", () => {
  it.each([
    ["b7", "B7"],
    ["$B$7", "B7"],
    ["A1:B2", null],
    ["Total", null],
  ])("%s → %s", (cell, expected) => {
    expect(normalizeCell(cell)).toBe(expected);
  });
});

describe("cellAreas and joinAreas", () => {
  it("merges vertical runs in a column and keeps gaps apart", () => {
    const cells = [9, 7, 8, 11].map((row) => ({ row, column: 7 })).concat([{ row: 7, column: 2 }]);
    expect(cellAreas(cells)).toEqual(["B7", "G7:G9", "G11"]);
  });

  it("keeps every joined address under the limit without losing areas", () => {
    const areas = Array.from({ length: 500 }, (_, i) => `K${2 * i + 1}`);
    const chunks = joinAreas(areas, 100);
    expect(chunks.every((chunk) => chunk.length <= 100)).toBe(true);
    expect(chunks.join(",").split(",")).toEqual(areas);
  });
});
