/**
 * Sheet names as the workbook contract says: the canonical zh-TW name or the English alias,
 * matched after trimming, NFKC and case-folding, and nothing else. The header rules (spaces, a
 * trailing unit in brackets) would make a look-alike tab an input sheet; they must not.
 */
import { BUDGET_SHEET, INCOME_SHEET, MEMBERS_SHEET, PLAN_SHEET, SUBSIDY_HISTORY_SHEET } from "../contract";
import { normalizeSheetName } from "../normalize";
import type { SheetSnapshot, WorkbookSnapshot } from "../types";
import { validateWorkbook } from "../validate";
import { findSheet } from "./tables";
import { BUDGET_HEADERS, budgetWith, cleanBudget, planSheet, cleanPlan, table, workbook } from "../../../tests/helpers/workbook";

const budgetTab = (name: string, rows = cleanBudget): SheetSnapshot => table(name, BUDGET_HEADERS, rows);
const withBudgetTabs = (...tabs: SheetSnapshot[]): WorkbookSnapshot => {
  const rest = workbook({ budget: null }).sheets;
  return { sheets: [rest[0]!, ...tabs, ...rest.slice(1)] };
};
const keys = (snapshot: WorkbookSnapshot) =>
  validateWorkbook(snapshot)
    .findings.map((finding) => `${finding.ruleId}@${finding.sheet}!${finding.cell}`)
    .sort();

/** An underpaid doctoral part-timer: BUD-PHD-PAY at 單價 (column G) of the row it is on. */
const UNDERPAID = { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: "李四", 單價: 12_000, 數量: 1, 月數: 12, 金額: 144_000 };

describe("normalizeSheetName: trim, NFKC, case-fold, nothing else", () => {
  it.each([
    ["Budget", "budget"],
    [" budget ", "budget"],
    ["BUDGET", "budget"],
    ["Ｂｕｄｇｅｔ", "budget"],
    ["\u3000經費表\u3000", "經費表"],
    ["Subsidy History", "subsidy history"],
    ["Straße", "strasse"],
    ["STRASSE", "strasse"],
  ])("%j → %j", (name, key) => {
    expect(normalizeSheetName(name)).toBe(key);
  });

  it.each([["經費表 (2)"], ["經費 表"], ["經費表(元)"], ["經費表（元）"], ["經費表："], ["Budget sheet"], ["Budget_"], ["經費"], ["預算表"]])(
    "%j is not the budget sheet's key",
    (name) => {
      expect(normalizeSheetName(name)).not.toBe(normalizeSheetName("經費表"));
      expect(normalizeSheetName(name)).not.toBe(normalizeSheetName("Budget"));
    },
  );
});

describe("findSheet", () => {
  const find = (...names: string[]) =>
    findSheet({ sheets: names.map((name) => budgetTab(name)) }, BUDGET_SHEET.name)?.name ?? null;

  it.each([["經費表"], ["Budget"], [" budget "], ["BUDGET"], ["Ｂｕｄｇｅｔ"], ["　經費表"]])("finds the budget sheet named %j", (name) => {
    expect(find(name)).toBe(name);
  });

  it.each([["經費表 (2)"], ["經費 表"], ["經費表(元)"], ["Budget sheet"], ["經費"], ["預算表"], ["經費預算表"], ["Budgets"]])(
    "a tab named %j is not the budget sheet",
    (name) => {
      expect(find(name)).toBeNull();
    },
  );

  it("uses the English alias when the canonical name is absent, even beside a tab resembling the Chinese one", () => {
    expect(find("經費表(舊)", "Budget")).toBe("Budget");
    expect(find("Budget", "經費表 (2)")).toBe("Budget");
    expect(find("經費 表", "ＢＵＤＧＥＴ")).toBe("ＢＵＤＧＥＴ");
  });

  it("prefers the canonical name to the English one, whatever the tab order", () => {
    expect(find("Budget", "經費表")).toBe("經費表");
    expect(find("經費表", "Budget")).toBe("經費表");
  });

  it.each([
    [PLAN_SHEET.name, ["計畫資料", "Plan info", "計畫資訊(1)"], " PLAN "],
    [MEMBERS_SHEET.name, ["會員", "聯盟會員", "Member list", "會員名單 (2)"], "ＭＥＭＢＥＲＳ"],
    [INCOME_SHEET.name, ["收入", "營運收入明細", "Operating income", "營運 收入"], "income"],
    [SUBSIDY_HISTORY_SHEET.name, ["補助款歷史", "歷年補助款(元)", "SubsidyHistory"], "Subsidy History"],
  ])("%j: only its two names, never a look-alike", (names, lookAlikes, match) => {
    for (const lookAlike of lookAlikes) expect(findSheet({ sheets: [budgetTab(lookAlike)] }, names)).toBeNull();
    expect(findSheet({ sheets: [...lookAlikes.map((name) => budgetTab(name)), budgetTab(match)] }, names)?.name).toBe(match);
  });
});

describe("findings of workbooks with look-alike tabs are exactly the contract's", () => {
  const clean = keys(workbook());

  it("the clean workbook has only the informational trend", () => {
    expect(clean).toEqual(["OPS-SELF-SUFFICIENCY-TREND@營運收入!E1"]);
  });

  it.each([["經費表 (2)"], ["經費 表"], ["經費表(元)"], ["Budget sheet"], ["經費"]])("a budget only in a tab named %j: the budget sheet is missing, nothing read from the tab", (name) => {
    // The tab holds an underpaid line that would be BUD-PHD-PAY (and a PLAN-SUBSIDY-MISMATCH) if it were read.
    expect(keys(withBudgetTabs(budgetTab(name, budgetWith(UNDERPAID))))).toEqual(["OPS-SELF-SUFFICIENCY-TREND@營運收入!E1", "WB-SHEET-MISSING@經費表!A1"]);
  });

  it("經費表(舊) beside Budget: Budget is checked, the old copy is not", () => {
    // Both underpay a PhD part-timer: the old copy on its row 2, Budget on row 8 (before the overhead line).
    const old = budgetTab("經費表(舊)", budgetWith(UNDERPAID, 0));
    const current = budgetTab("Budget", budgetWith(UNDERPAID));
    const expected = ["BUD-PHD-PAY@Budget!G8", "OPS-SELF-SUFFICIENCY-TREND@營運收入!E1", "PLAN-SUBSIDY-MISMATCH@計畫資訊!B7"];
    expect(keys(withBudgetTabs(old, current))).toEqual(expected);
    expect(keys(withBudgetTabs(current, old))).toEqual(expected);
  });

  it.each([["Ｂｕｄｇｅｔ"], [" budget "], ["BUDGET"], ["經費表　"]])("a budget tab named %j is the budget sheet", (name) => {
    const found = keys(withBudgetTabs(budgetTab(name)));
    expect(found).toEqual(clean);
  });

  it("a plan only in a tab named 計畫資料 is a missing plan sheet", () => {
    const snapshot = workbook();
    const renamed: WorkbookSnapshot = { sheets: snapshot.sheets.map((sheet) => (sheet.name === "計畫資訊" ? { ...planSheet(cleanPlan), name: "計畫資料" } : sheet)) };
    expect(keys(renamed)).toEqual(["WB-SHEET-MISSING@計畫資訊!A1"]);
  });
});
