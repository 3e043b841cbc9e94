import type { SheetSnapshot } from "../../engine/types";
import { badgesBySheet, displayValue, marksBySheet, rowWindow, sheetBounds, valueAt } from "./gridModel";

const SHEET: SheetSnapshot = { name: "經費表", originRow: 3, originColumn: 2, values: [["科目", "金額"], ["人事費", 1200, { error: "#REF!" }], [true]] };

describe("gridModel", () => {
  it("reads values at their real addresses", () => {
    expect(valueAt(SHEET, 3, 2)).toBe("科目");
    expect(valueAt(SHEET, 4, 3)).toBe(1200);
    expect(valueAt(SHEET, 1, 1)).toBeUndefined();
    expect(sheetBounds(SHEET)).toEqual({ lastRow: 5, lastColumn: 4 });
    expect(sheetBounds({ name: "x", originRow: 1, originColumn: 1, values: [] })).toEqual({ lastRow: 1, lastColumn: 1 });
  });

  it.each([
    [null, ""],
    [undefined, ""],
    [1200, "1200"],
    [true, "TRUE"],
    [{ error: "#REF!" }, "#REF!"],
    ["文字", "文字"],
  ] as const)("shows %p as %p", (value, text) => {
    expect(displayValue(value)).toBe(text);
  });

  it("marks a cell with its worst unwaived severity and every message", () => {
    const marks = marksBySheet([
      { sheet: "經費表", cell: "G6", severity: "warning", message: "w", ruleId: "W" },
      { sheet: "經費表", cell: "G6", severity: "error", message: "e", ruleId: "E", waived: true },
      { sheet: "經費表", cell: "G6", severity: "info", message: "i", ruleId: "I" },
      { sheet: "會員名單", cell: "B3", severity: "error", message: "x", ruleId: "X", waived: true },
    ]);
    expect(marks.get("經費表")?.get("G6")).toEqual({ severity: "warning", waived: false, messages: ["w", "e", "i"] });
    expect(marks.get("會員名單")?.get("B3")?.waived).toBe(true);
  });

  it.each([
    [50, null, 400, { first: 1, last: 50 }],
    [5000, null, 400, { first: 1, last: 400 }],
    [5000, 300, 400, { first: 1, last: 400 }],
    [5000, 2000, 400, { first: 1800, last: 2199 }],
    [5000, 4990, 400, { first: 4601, last: 5000 }],
  ])("renders rows of a %i-row sheet around row %p", (lastRow, focus, cap, expected) => {
    expect(rowWindow(lastRow, focus, cap)).toEqual(expected);
  });

  it("badges a sheet tab with its findings (not its flagged cells), coloured by the worst severity; explained ones left out", () => {
    const flag = (sheet: string, cell: string, severity: "error" | "warning" | "info", waived = false) => ({ sheet, cell, severity, message: "m", ruleId: "R", waived });
    const badges = badgesBySheet([
      flag("經費表", "G5", "warning"),
      flag("經費表", "G5", "error"),
      flag("經費表", "H5", "warning"),
      flag("會員名單", "B3", "info"),
      flag("會員名單", "B4", "info"),
      flag("營運收入", "E2", "error", true),
    ]);
    expect(Object.fromEntries(badges)).toEqual({
      經費表: { count: 3, severity: "error" },
      會員名單: { count: 2, severity: "info" },
    });
  });
});
