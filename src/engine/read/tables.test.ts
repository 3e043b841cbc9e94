import { BUDGET_SHEET, SUBSIDY_HISTORY_SHEET } from "../contract";
import { normalizeHeader, parseNumberCell } from "../normalize";
import { validateWorkbook } from "../validate";
import { isTotalLabel, locateTable } from "./tables";
import { check, cleanPlan, hits, planSheet, sheet, workbook } from "../../../tests/helpers/workbook";

describe("header normalisation", () => {
  it.each([
    ["金額(元)", "金額"],
    ["金額（新臺幣元）", "金額"],
    ["Amount (NT$)", "amount"],
    ["  單 價 ", "單價"],
    ["Ｕｎｉｔ　Ｃｏｓｔ", "unitcost"],
    ["統一編號：", "統一編號"],
  ])("%s → %s", (header, key) => {
    expect(normalizeHeader(header)).toBe(key);
  });
});

describe("numbers typed as text", () => {
  it.each([
    ["1,234", 1234],
    ["NT$1,234", 1234],
    ["NT$ 1,234", 1234],
    ["＄1,234", 1234],
    ["1,234元", 1234],
    ["１，２３４", 1234],
    ["-1,234.5", -1234.5],
    ["(1,234)", -1234],
    [1234, 1234],
  ])("%p → %d", (text, value) => {
    expect(parseNumberCell(text)).toEqual({ kind: "number", value });
  });
  it.each([["12k"], ["1萬"], ["1,23"], ["abc"], ["1.2.3"], ["--1"]])("rejects %p", (text) => {
    expect(parseNumberCell(text).kind).toBe("invalid");
  });
});

describe("total-row labels", () => {
  it.each([["合計"], ["總 計"], ["小計："], ["人事費小計"], ["業務費 合計"], ["Total"], ["Subtotal"], ["Grand total"], ["Total personnel"], ["TOTAL (NT$)"]])("%s is a total row", (label) => {
    expect(isTotalLabel(label)).toBe(true);
  });
  it.each([["人事費"], ["總計畫管理費"], ["Totalizer calibration"], ["會員總數統計"], ["合計畫"]])("%s is not", (label) => {
    expect(isTotalLabel(label)).toBe(false);
  });
});

describe("locating a table", () => {
  const english = ["Amount (NT$)", "Notes", "Category", "Item", "Staff type", "Unit cost", "Quantity", "Funding source"];
  const rows = [
    ["經費預算表 Budget", null],
    ["單位：新臺幣元", null],
    english,
    [600_000, "x", "人事費", "專任技術經理", "專任技術經理", 50_000, 12, "補助款"],
    [null, null, null, null, null, null, null, null],
    [10_000, null, "業務費", "耗材", null, null, null, null],
    english,
    [5_000, null, "業務費", "印刷", null, null, null, null],
  ];

  it("finds the header row below title rows, with reordered and unknown columns, and keeps real addresses", () => {
    const table = locateTable(sheet("Budget", rows, 3, 2), BUDGET_SHEET);
    expect(table.headerRow).toBe(5);
    expect(table.columns).toMatchObject({ amount: 2, category: 4, item: 5, staffType: 6, unitCost: 7, quantity: 8, fundingSource: 9 });
    // the blank row and the repeated header row are skipped
    expect(table.rows.map((row) => row.row)).toEqual([6, 8, 10]);
    expect(table.rows[0]!.cells.amount?.address).toBe("B6");
  });

  it("reports findings at real A1 addresses (header offsets included)", () => {
    const snapshot = workbook({ budget: null });
    snapshot.sheets.push(sheet("Budget", [...rows, [12, null, "業務費", "印刷", null, 1, 1, null]], 3, 2));
    const result = validateWorkbook(snapshot);
    expect(hits(result, "BUD-AMOUNT-MISMATCH")).toEqual(["Budget!B11"]);
  });

  it("a sheet with fewer than three known headers needs all of them in one row", () => {
    expect(locateTable(sheet("歷年補助款", [["年度"], ["核定補助款"]]), SUBSIDY_HISTORY_SHEET).headerRow).toBeNull();
    expect(locateTable(sheet("歷年補助款", [["年度", "核定補助款"], [114, 1]]), SUBSIDY_HISTORY_SHEET).headerRow).toBe(1);
  });

  it("only searches the first 20 rows for the header", () => {
    const late = sheet("經費表", [...Array.from({ length: 20 }, () => ["title"]), ["科目", "項目", "金額"]]);
    const result = validateWorkbook({ sheets: [planSheet(cleanPlan), late] });
    expect(hits(result, "WB-COLUMN-MISSING")).toEqual(["經費表!A1", "經費表!A1", "經費表!A1"]);
  });

  it("a total row is recognised by its first non-empty cell in any column", () => {
    const result = check({ budget: [{ 科目: "業務費", 項目: "耗材", 金額: 100 }, { 說明: "合計", 金額: 999 }] });
    expect(hits(result, "BUD-TOTAL-MISMATCH")).toEqual(["經費表!J3"]);
  });
});
