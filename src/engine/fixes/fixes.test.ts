import { budgetWith, cleanBudget, cleanMembers, cleanPlan, hits, Row, workbook, type WorkbookParts } from "../../../tests/helpers/workbook";
import { validateWorkbook } from "../validate";
import type { Fix, WorkbookSnapshot } from "../types";
import { applyEdits, applyFixes, applySafely, EditConflictError, proposeFixes } from "./index";
import { createValidator } from "../validate";
import { closestTerms } from "./suggest";
import { loadRulePack } from "../../rules";

// Budget columns: A 科目 B 項目 C 說明 D 人員類別 E 學歷 F 姓名 G 單價 H 數量 I 月數 J 金額 K 經費來源.
// budgetWith(line) inserts the line at row 8 (the overhead line moves to row 9).

function propose(parts: WorkbookParts, snapshot: WorkbookSnapshot = workbook(parts)) {
  const result = validateWorkbook(snapshot);
  return { snapshot, result, ...proposeFixes(snapshot, result) };
}

function only(fixes: Fix[], ruleId: string): Fix {
  const found = fixes.filter((fix) => fix.ruleId === ruleId);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function cells(fix: Fix): Record<string, unknown> {
  return Object.fromEntries(fix.edits.map((edit) => [`${edit.sheet}!${edit.cell}`, edit.next.formula ?? edit.next.value]));
}

/** The budget with a 合計 row under the lines, and the plan's 申請補助款 matching. */
function withTotal(line: Row): WorkbookParts {
  const budget = budgetWith(line);
  const total = budget.reduce((sum, row) => sum + (typeof row["金額"] === "number" ? row["金額"] : 0), 0);
  return { plan: { ...cleanPlan, 申請補助款: total }, budget: [...budget, { 科目: "合計", 金額: total }] };
}

describe("pay floors", () => {
  const phd = { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: "李四", 單價: 12_000, 數量: 1, 月數: 10, 金額: 120_000 };

  it("raise 單價 to the floor and keep the amount, the total and 申請補助款 consistent", () => {
    const { fixes, snapshot } = propose(withTotal(phd));
    const fix = only(fixes, "BUD-PHD-PAY");
    // 2,000,000 + 120,000 = 2,120,000 before; +40,000 after.
    expect(cells(fix)).toEqual({ "經費表!G8": 16_000, "經費表!J8": 160_000, "經費表!J10": 2_160_000, "計畫資訊!B7": 2_160_000 });
    expect(fix.description["zh-TW"]).toBe("月支由 12,000 元調為下限 16,000 元，金額改為 160,000 元");
    expect(fix.description.en).toBe("Monthly pay raised from NT$12,000 to the floor of NT$16,000; amount set to NT$160,000");
    expect(fix.edits.find((edit) => edit.cell === "G8")?.expected).toEqual({ value: 12_000 });
    const after = validateWorkbook(applyEdits(snapshot, fix.edits));
    expect(hits(after, "BUD-PHD-PAY")).toEqual([]);
    expect(after.findings.filter((f) => f.severity !== "info").map((f) => f.ruleId)).toEqual([]);
  });

  it("uses the degree's floor, and the minimum wage for temporary workers", () => {
    const fulltime = { 科目: "人事費", 項目: "專任助理", 人員類別: "專任助理", 學歷: "碩士", 姓名: "王五", 單價: 40_000, 數量: 1, 月數: 2, 金額: 80_000 };
    expect(cells(only(propose({ budget: budgetWith(fulltime) }).fixes, "BUD-FULLTIME-PAY"))["經費表!G8"]).toBe(41_500);
    const temp = { 科目: "人事費", 項目: "臨時工", 人員類別: "臨時工", 單價: 180, 數量: 100, 金額: 18_000 };
    const fix = only(propose({ budget: budgetWith(temp) }).fixes, "BUD-TEMP-WAGE");
    expect(cells(fix)).toMatchObject({ "經費表!G8": 196, "經費表!J8": 19_600 });
    expect(fix.description["zh-TW"]).toContain("基本工資 196 元");
  });

  it("leaves an amount that did not agree with 單價 × 數量 × 月數 to BUD-AMOUNT-MISMATCH", () => {
    const fix = only(propose({ budget: budgetWith({ ...phd, 金額: 125_000 }) }).fixes, "BUD-PHD-PAY");
    expect(cells(fix)).toEqual({ "經費表!G8": 16_000 });
    expect(fix.description["zh-TW"]).toBe("月支由 12,000 元調為下限 16,000 元");
  });

  it("offers nothing for an amount on a personnel line without 月數 (it may be for a year)", () => {
    const yearly = { 科目: "人事費", 項目: "專任助理", 人員類別: "專任助理", 學歷: "碩士", 姓名: "孫七", 單價: 38_000, 數量: 1, 金額: 456_000 };
    const { result, fixes } = propose({ budget: budgetWith(yearly) });
    expect(hits(result, "BUD-AMOUNT-MISMATCH")).toEqual(["經費表!J8"]);
    expect(fixes.filter((fix) => fix.ruleId === "BUD-AMOUNT-MISMATCH")).toEqual([]);
    // The floor still applies to 單價; the amount stays the person's.
    expect(cells(only(fixes, "BUD-FULLTIME-PAY"))).toEqual({ "經費表!G8": 41_500 });
  });

  it("without 單價 sets the amount to floor × 數量 × 月數", () => {
    const line = { 科目: "人事費", 項目: "博士生", 人員類別: "博士生兼任助理", 數量: 2, 月數: 10, 金額: 300_000 };
    const fix = only(propose({ budget: budgetWith(line) }).fixes, "BUD-PHD-PAY");
    expect(cells(fix)).toMatchObject({ "經費表!J8": 320_000 });
    expect(Object.keys(cells(fix))).not.toContain("經費表!G8");
  });

  it("keeps the amount a formula where it was one", () => {
    const snapshot = workbook(withTotal(phd));
    const budget = snapshot.sheets.find((sheet) => sheet.name === "經費表")!;
    budget.formulas = { J8: "=G8*H8*I8", J10: "=SUM(J2:J9)" };
    const fix = only(propose({}, snapshot).fixes, "BUD-PHD-PAY");
    const amount = fix.edits.find((edit) => edit.cell === "J8")!;
    expect(amount.expected).toEqual({ value: 120_000, formula: "=G8*H8*I8" });
    expect(amount.next).toEqual({ value: 160_000, formula: "=G8*H8*I8" });
    expect(fix.edits.find((edit) => edit.cell === "J10")!.next).toEqual({ value: 2_160_000, formula: "=SUM(J2:J9)" });
  });
});

describe("BUD-AMOUNT-MISMATCH", () => {
  const line = { 科目: "業務費", 項目: "印刷", 單價: 1_000, 數量: 3, 月數: 2, 金額: 6_500 };
  it("writes 單價 × 數量 × 月數 as a value where the cell held a value", () => {
    const fix = only(propose({ plan: { ...cleanPlan, 申請補助款: 2_006_500 }, budget: budgetWith(line) }).fixes, "BUD-AMOUNT-MISMATCH");
    expect(cells(fix)).toEqual({ "經費表!J8": 6_000, "計畫資訊!B7": 2_006_000 });
    expect(fix.description["zh-TW"]).toBe("金額由 6,500 元改為 6,000 元（單價 × 數量 × 月數）");
  });
  it("writes the product formula where the cell held a formula (an empty 月數 left out)", () => {
    const snapshot = workbook({ budget: budgetWith({ ...line, 月數: null, 金額: 3_500 }) });
    snapshot.sheets.find((sheet) => sheet.name === "經費表")!.formulas = { J8: "=G8*2" };
    const fix = only(propose({}, snapshot).fixes, "BUD-AMOUNT-MISMATCH");
    expect(fix.edits[0]!.next).toEqual({ value: 3_000, formula: "=G8*H8" });
    expect(fix.description.en).toContain("=G8*H8");
  });
});

describe("BUD-TOTAL-MISMATCH", () => {
  it("makes each total a SUM of exactly the lines it totals", () => {
    const budget: Row[] = [
      { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 單價: 50_000, 數量: 1, 月數: 12, 金額: 600_000 },
      { 科目: "小計", 金額: 600_000 },
      { 科目: "業務費", 項目: "耗材", 金額: 100_000 },
      { 科目: "業務費", 項目: "印刷", 金額: 50_000 },
      { 科目: "小計", 金額: 140_000 },
      { 科目: "總計", 金額: 700_000 },
    ];
    const { fixes, snapshot } = propose({ plan: { ...cleanPlan, 申請補助款: 750_000 }, budget });
    const totals = fixes.filter((fix) => fix.ruleId === "BUD-TOTAL-MISMATCH");
    expect(totals.map(cells)).toEqual([{ "經費表!J6": "=SUM(J4:J5)" }, { "經費表!J7": "=SUM(J2,J4:J5)" }]);
    const after = validateWorkbook(applyFixes(snapshot, totals).snapshot);
    expect(hits(after, "BUD-TOTAL-MISMATCH")).toEqual([]);
  });
  it("turns an amount typed as text into the number the check reads, so that SUM counts it", () => {
    const budget: Row[] = [{ 科目: "業務費", 項目: "耗材", 金額: "NT$1,000" }, { 科目: "業務費", 項目: "印刷", 金額: "送審中" }, { 科目: "合計", 金額: 900 }];
    const fix = only(propose({ budget }).fixes, "BUD-TOTAL-MISMATCH");
    expect(cells(fix)).toEqual({ "經費表!J2": 1_000, "經費表!J4": "=SUM(J2:J3)" });
  });
  it("writes a value when a line's amount is an error (SUM would be one too), and leaves a total formula alone then", () => {
    const budget: Row[] = [{ 科目: "業務費", 項目: "耗材", 金額: 1_000 }, { 科目: "業務費", 項目: "印刷", 金額: { error: "#REF!" } }, { 科目: "合計", 金額: 900 }];
    expect(cells(only(propose({ budget }).fixes, "BUD-TOTAL-MISMATCH"))).toEqual({ "經費表!J4": 1_000 });
    const snapshot = workbook({ budget });
    snapshot.sheets.find((sheet) => sheet.name === "經費表")!.formulas = { J4: "=J2+100" };
    expect(propose({}, snapshot).fixes.filter((fix) => fix.ruleId === "BUD-TOTAL-MISMATCH")).toEqual([]);
  });
});

describe("BUD-OVERHEAD", () => {
  const withOverhead = (amount: number) => budgetWith({ 科目: "管理費", 項目: "管理費", 金額: amount }, 6);
  it("sets the one overhead line to the allowance", () => {
    const fix = only(propose({ plan: { ...cleanPlan, 申請補助款: 2_058_000 }, budget: withOverhead(300_000) }).fixes, "BUD-OVERHEAD");
    expect(cells(fix)).toEqual({ "經費表!J8": 263_700, "計畫資訊!B7": 2_021_700 });
    expect(fix.description["zh-TW"]).toBe("管理費由 300,000 元調為上限 263,700 元（15% × 計算基礎 1,758,000 元）");
  });
  it("offers nothing with two overhead lines", () => {
    const budget = [...withOverhead(200_000), { 科目: "管理費", 項目: "管理費(二)", 金額: 100_000 }];
    expect(propose({ budget }).fixes.filter((fix) => fix.ruleId === "BUD-OVERHEAD")).toEqual([]);
  });
});

describe("other fixes", () => {
  it("BUD-EQUIPMENT-UNIT moves the line to the pack's category", () => {
    const fix = only(propose({ budget: budgetWith({ 科目: "研究設備費", 項目: "網路交換器", 單價: 9_999, 數量: 2, 金額: 19_998 }) }).fixes, "BUD-EQUIPMENT-UNIT");
    expect(cells(fix)).toEqual({ "經費表!A8": "業務費" });
    expect(fix.description).toEqual({ "zh-TW": "「網路交換器」的科目由研究設備費改為業務費", en: "Category of '網路交換器' changed from Equipment to Operating" });
  });
  it("PLAN-SUBSIDY-MISMATCH sets 申請補助款 to the budget's 補助款 total", () => {
    const fix = only(propose({ plan: { ...cleanPlan, 申請補助款: 1_900_000 } }).fixes, "PLAN-SUBSIDY-MISMATCH");
    expect(cells(fix)).toEqual({ "計畫資訊!B7": 2_000_000 });
  });
  it("restores a 統一編號 stored as a number as 8-digit text", () => {
    const members = [{ ...cleanMembers[0]!, 統一編號: 4_595_257 }, ...cleanMembers.slice(1)];
    const fix = only(propose({ members }).fixes, "MEM-TAXID-INVALID");
    expect(fix.tidy).toBe(true);
    expect(fix.edits).toEqual([{ sheet: "會員名單", cell: "B2", expected: { value: 4_595_257 }, next: { value: "04595257", numberFormat: "@" } }]);
  });
  it("offers nothing for the cap, research items, exclusions, duplicates or eligibility", () => {
    const budget = budgetWith({ 科目: "業務費", 項目: "專利申請費", 金額: 1_200_000 });
    const members = [...cleanMembers, { 廠商名稱: "工研院", 組織類型: "研究法人" }, cleanMembers[0]!];
    const { result, fixes } = propose({ plan: { ...cleanPlan, 申請補助款: 3_200_000, 主持人歷年執行年度: "110,111,112,113,114,115,116" }, budget, members });
    expect(new Set(result.findings.map((f) => f.ruleId))).toEqual(expect.objectContaining({}));
    for (const rule of ["BUD-CAP", "BUD-RESEARCH-ITEM", "MEM-EXCLUDED-INSTITUTE", "MEM-DUPLICATE", "PLAN-ELIGIBILITY"]) {
      expect(hits(result, rule).length).toBeGreaterThan(0);
      expect(fixes.filter((fix) => fix.ruleId === rule)).toEqual([]);
    }
  });
  it("drops a fix that would add a finding (a pay floor pushing the budget over the cap)", () => {
    const phd = { 科目: "人事費", 項目: "博士生", 人員類別: "博士生兼任助理", 姓名: "趙六", 單價: 10_000, 數量: 10, 月數: 10, 金額: 1_000_000 };
    const parts = { plan: { ...cleanPlan, 申請補助款: 3_000_000 }, budget: budgetWith(phd) };
    expect(propose(parts).fixes.filter((fix) => fix.ruleId === "BUD-PHD-PAY")).toEqual([]);
    const snapshot = workbook(parts);
    const unverified = proposeFixes(snapshot, validateWorkbook(snapshot), { verify: false });
    expect(unverified.fixes.filter((fix) => fix.ruleId === "BUD-PHD-PAY")).toHaveLength(1);
  });
  it("only the rules asked for", () => {
    const { snapshot, result } = propose({ plan: { ...cleanPlan, 申請補助款: 1_900_000 }, budget: budgetWith({ 科目: "研究設備費", 項目: "交換器", 單價: 9_000, 數量: 1, 金額: 9_000 }) });
    expect(proposeFixes(snapshot, result, { rules: ["BUD-EQUIPMENT-UNIT"] }).fixes.map((fix) => fix.ruleId)).toEqual(["BUD-EQUIPMENT-UNIT"]);
  });
});

describe("suggestions for vocabulary misses", () => {
  it("offers the closest terms, never a fix", () => {
    const budget = budgetWith({ 科目: "業務", 項目: "印刷", 人員類別: "博士生助理", 金額: 1_000 });
    const { fixes, suggestions } = propose({ budget, income: [{ 年度: 115, 收入類別: "技術服務收入", 金額: 2_000_000 }] });
    expect(fixes.filter((fix) => fix.ruleId.endsWith("UNKNOWN"))).toEqual([]);
    const at = (cell: string) => suggestions.find((s) => `${s.sheet}!${s.cell}` === cell)!;
    expect(at("經費表!A8").choices[0]).toBe("業務費");
    expect(at("經費表!A8").expected).toEqual({ value: "業務" });
    expect(at("經費表!D8").ruleId).toBe("WB-VALUE-UNKNOWN");
    expect(at("經費表!D8").choices[0]).toBe("博士生兼任助理");
    expect(at("營運收入!B2").choices[0]).toBe("技術服務");
  });
  it("ranks by aliases after normalisation", () => {
    expect(closestTerms(loadRulePack("nstc-alliance-115"), "budgetCategory", "ＯＰＥＲＡＴＩＮＧ cost")[0]).toBe("業務費");
  });
});

describe("applyEdits", () => {
  it("refuses a cell that no longer holds what the edit expects", () => {
    const snapshot = workbook({});
    expect(() => applyEdits(snapshot, [{ sheet: "經費表", cell: "J2", expected: { value: 1 }, next: { value: 2 } }])).toThrow(EditConflictError);
  });
  it("applyFixes skips a fix whose cells changed and applies the rest", () => {
    const snapshot = workbook({ budget: cleanBudget });
    const fix = (value: number): Fix => ({ ruleId: "X", fingerprint: "f", edits: [{ sheet: "經費表", cell: "J6", expected: { value: 206_000 }, next: { value } }], description: { "zh-TW": "x", en: "x" } });
    const { applied, skipped } = applyFixes(snapshot, [fix(1), fix(2)]);
    expect(applied).toHaveLength(1);
    expect(skipped).toHaveLength(1);
  });
});

describe("applySafely", () => {
  const phd = (name: string) => ({ 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: name, 單價: 10_000, 數量: 1, 月數: 12, 金額: 120_000 });
  const counted = () => {
    const validate = createValidator();
    const calls = { count: 0 };
    return { calls, validate: ((snapshot, options) => (calls.count++, validate(snapshot, options))) as ReturnType<typeof createValidator> };
  };

  it("applies fixes that are safe together after one validation", () => {
    const { snapshot, result, fixes } = propose({ budget: [...budgetWith(phd("甲生")), { 科目: "研究設備費", 項目: "交換器", 單價: 9_000, 數量: 1, 金額: 9_000 }], plan: { ...cleanPlan, 申請補助款: 2_129_000 } });
    const { calls, validate } = counted();
    const outcome = applySafely(snapshot, result, fixes, {}, validate);
    expect(outcome.applied.map((fix) => fix.ruleId).sort()).toEqual(["BUD-EQUIPMENT-UNIT", "BUD-PHD-PAY"]);
    expect(calls.count).toBe(1);
    expect(outcome.result.findings.map((f) => f.ruleId)).toEqual(expect.not.arrayContaining(["BUD-PHD-PAY", "BUD-EQUIPMENT-UNIT"]));
  });

  it("skips a fix computed before another one changed what it relies on (it is proposed again on the new values)", () => {
    // 申請補助款 is fixed first; the pay raise, computed while it disagreed, does not move it.
    const { snapshot, result, fixes } = propose({ budget: budgetWith(phd("甲生")), plan: { ...cleanPlan, 申請補助款: 2_000_000 } });
    const outcome = applySafely(snapshot, result, fixes);
    expect(outcome.applied.map((fix) => fix.ruleId)).toEqual(["PLAN-SUBSIDY-MISMATCH"]);
    const again = proposeFixes(outcome.snapshot, outcome.result);
    expect(applySafely(outcome.snapshot, outcome.result, again.fixes).applied.map((fix) => fix.ruleId)).toEqual(["BUD-PHD-PAY"]);
  });

  it("applies them one by one when together they add a finding: two pay raises that cross the cap", () => {
    const budget = [...budgetWith(phd("甲生")), phd("乙生"), { 科目: "業務費", 項目: "推廣", 金額: 660_000 }];
    const snapshot = workbook({ plan: { ...cleanPlan, 申請補助款: 2_000_000 }, budget });
    const result = validateWorkbook(snapshot);
    const fixes = proposeFixes(snapshot, result, { rules: ["BUD-PHD-PAY"] }).fixes;
    expect(fixes).toHaveLength(2); // each is safe alone
    const outcome = applySafely(snapshot, result, fixes);
    expect(outcome.applied).toHaveLength(1);
    expect(outcome.skipped).toHaveLength(1);
    expect(outcome.result.findings.map((f) => f.ruleId)).not.toContain("BUD-CAP");
  });
});
