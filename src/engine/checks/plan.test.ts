import { check, cleanPlan, hits, planSheet, ruleIds, workbook } from "../../../tests/helpers/workbook";
import { validateWorkbook } from "../validate";
import { expectedPhaseYear } from "./plan";
import { parsePastYears } from "../model";

// Plan sheet rows (labels in A, values in B): 1 計畫名稱, 2 計畫主持人, 3 執行機構, 4 計畫年度, 5 計畫期別,
// 6 期別年次, 7 申請補助款, 8 主持人歷年執行年度.

describe("PLAN-MISSING", () => {
  it("flags each required field at its value cell, or A1 when the label is absent", () => {
    const { 計畫期別: _phase, ...withoutPhase } = cleanPlan;
    const result = check({ plan: { ...withoutPhase, 申請補助款: null } });
    expect(hits(result, "PLAN-MISSING")).toEqual(["計畫資訊!A1", "計畫資訊!B6"]);
  });
  it("says when a value cannot be read", () => {
    const result = check({ plan: { ...cleanPlan, 期別年次: "第幾年" } });
    expect(result.findings.find((f) => f.ruleId === "PLAN-MISSING")).toMatchObject({ cell: "B6", variant: "unreadable" });
  });
  it.each([["115年度", 115], ["民國115年", 115], [2026, 115], ["2027", 116], ["FY115", 115]])("reads the fiscal year %p", (value, year) => {
    expect(check({ plan: { ...cleanPlan, 計畫年度: value } }).fiscalYear).toBe(year);
  });
  it.each([["第一期", 1], ["第二期", 2], ["逐年", 3], ["Phase 2", 2]])("reads the phase %p", (value, phase) => {
    expect(check({ plan: { ...cleanPlan, 計畫期別: value } }).plan.phase).toBe(phase);
  });
  it.each([["計畫編號"], ["Project number"], ["計畫編號（NSTC）"]])("reads the optional project number under %p, and no rule asks for it", (label) => {
    const withNumber = check({ plan: { ...cleanPlan, [label]: " NSTC 115-2622-E-006-001 " } });
    expect(withNumber.plan.projectNumber).toBe("NSTC 115-2622-E-006-001");
    const without = check({ plan: cleanPlan });
    expect(without.plan.projectNumber).toBeNull();
    expect(withNumber.findings.map((f) => f.fingerprint)).toEqual(without.findings.map((f) => f.fingerprint));
  });
});

describe("PLAN-NO-RULE-PACK", () => {
  it("is an error for a fiscal year without a pack; only data rules run, and the summary is still computed", () => {
    const result = check({ plan: { ...cleanPlan, 計畫年度: 118 }, budget: [{ 科目: "研究主持費", 項目: "研究主持費", 金額: "abc" }] });
    expect(result.rulePack).toBeNull();
    expect(hits(result, "PLAN-NO-RULE-PACK")).toEqual(["計畫資訊!B4"]);
    expect(ruleIds(result)).toEqual(["BUD-NOT-NUMBER", "PLAN-NO-RULE-PACK"]);
    expect(result.summary.operatingIncome).toBe(0);
  });
  it("is an error for a pack named on the Plan sheet that does not exist", () => {
    const result = check({ plan: { ...cleanPlan, 規則版本: "nstc-alliance-999" } });
    expect(hits(result, "PLAN-NO-RULE-PACK")).toEqual(["計畫資訊!B9"]);
    expect(result.rulePack).toBe("nstc-alliance-115");
  });
  it("lets an explicit choice override the fiscal year", () => {
    expect(check({}, { rulePack: "nstc-alliance-116" }).rulePack).toBe("nstc-alliance-116");
    expect(check({ plan: { ...cleanPlan, 規則版本: "nstc-alliance-116" } }).rulePack).toBe("nstc-alliance-116");
  });
  it("rejects an unknown explicit pack", () => {
    expect(() => check({}, { rulePack: "nope" })).toThrow(/unknown rule pack 'nope'/);
  });
});

describe("PLAN-ELIGIBILITY", () => {
  it.each([
    [0, 1, 1],
    [1, 1, 2],
    [2, 1, 3],
    [3, 2, 1],
    [4, 2, 2],
    [5, 2, 3],
  ])("%d past years → phase %d year %d", (n, phase, year) => {
    expect(expectedPhaseYear(n, { yearsPerPhase: 3, phases: 2, continuationPhase: null })).toMatchObject({ phase, year });
  });

  it("seed case A: a PI who ran FY111–113 may only apply for phase 2 year 1", () => {
    const plan = { ...cleanPlan, 計畫期別: 1, 期別年次: 1, 主持人歷年執行年度: "111-113" };
    expect(hits(check({ plan }), "PLAN-ELIGIBILITY")).toEqual(["計畫資訊!B5"]);
    expect(hits(check({ plan: { ...plan, 計畫期別: 2, 期別年次: 1 } }), "PLAN-ELIGIBILITY")).toEqual([]);
  });
  it("seed case B: a PI who ran FY110 and FY113 may only apply for phase 1 year 3", () => {
    const plan = { ...cleanPlan, 計畫期別: 1, 期別年次: 2, 主持人歷年執行年度: "110、113" };
    expect(hits(check({ plan }), "PLAN-ELIGIBILITY")).toEqual(["計畫資訊!B6"]);
    expect(hits(check({ plan: { ...plan, 期別年次: 3 } }), "PLAN-ELIGIBILITY")).toEqual([]);
  });
  it("ignores past years at or after the plan's year", () => {
    expect(hits(check({ plan: { ...cleanPlan, 主持人歷年執行年度: "114, 115, 116" } }), "PLAN-ELIGIBILITY")).toEqual([]);
  });
  it("FY115: six past years are not eligible", () => {
    const result = check({ plan: { ...cleanPlan, 計畫期別: 2, 期別年次: 3, 主持人歷年執行年度: "109-114" } });
    expect(result.findings.find((f) => f.ruleId === "PLAN-ELIGIBILITY")).toMatchObject({ cell: "B5", variant: "notEligible" });
  });
  it("FY116: six past years → annual continuation, phase 3 year 1", () => {
    const plan = { ...cleanPlan, 計畫年度: 116, 計畫期別: "逐年", 期別年次: 1, 主持人歷年執行年度: "110-115" };
    expect(hits(check({ plan }), "PLAN-ELIGIBILITY")).toEqual([]);
    expect(hits(check({ plan: { ...plan, 計畫期別: 2, 期別年次: 3 } }), "PLAN-ELIGIBILITY")).toEqual(["計畫資訊!B5"]);
  });
  it("an unreadable past-years value is an error saying so", () => {
    const result = check({ plan: { ...cleanPlan, 主持人歷年執行年度: "前年與去年" } });
    expect(result.findings.find((f) => f.ruleId === "PLAN-ELIGIBILITY")).toMatchObject({ cell: "B8", variant: "unreadable" });
  });
  it.each([
    ["111,112,113", [111, 112, 113]],
    ["111、113", [111, 113]],
    ["111 113", [111, 113]],
    ["111-113", [111, 112, 113]],
    ["2022~2024", [111, 112, 113]],
    ["111年度、112年度", [111, 112]],
    ["", []],
  ])("parses past years %p", (text, years) => {
    expect(parsePastYears(text)).toEqual({ years, unreadable: false });
  });
});

describe("PLAN-SUBSIDY-MISMATCH", () => {
  it("warns when 申請補助款 differs from the budget's subsidy total by more than NT$1", () => {
    expect(hits(check({ plan: { ...cleanPlan, 申請補助款: 2_000_002 } }), "PLAN-SUBSIDY-MISMATCH")).toEqual(["計畫資訊!B7"]);
    expect(hits(check({ plan: { ...cleanPlan, 申請補助款: 2_000_001 } }), "PLAN-SUBSIDY-MISMATCH")).toEqual([]);
  });
});

describe("workbook shape", () => {
  it("WB-SHEET-MISSING: error for 計畫資訊 and 經費表, warning for 會員名單 and 營運收入", () => {
    const result = validateWorkbook({ sheets: [] });
    expect(result.findings.map((f) => [f.ruleId, f.sheet, f.cell, f.severity])).toEqual([
      ["WB-SHEET-MISSING", "計畫資訊", "A1", "error"],
      ["WB-SHEET-MISSING", "經費表", "A1", "error"],
      ["WB-SHEET-MISSING", "會員名單", "A1", "warning"],
      ["WB-SHEET-MISSING", "營運收入", "A1", "warning"],
    ]);
  });
  it("WB-COLUMN-MISSING points at the header row", () => {
    const snapshot = workbook();
    const members = snapshot.sheets.find((s) => s.name === "會員名單")!;
    members.values = members.values.map((row) => row.filter((_, c) => c !== 1)); // drop 統一編號
    expect(hits(validateWorkbook(snapshot), "WB-COLUMN-MISSING")).toEqual(["會員名單!A1"]);
  });
  it("finds sheets by English name, after NFKC and case folding", () => {
    const snapshot = workbook();
    const names: Record<string, string> = { 計畫資訊: "PLAN", 經費表: "Budget", 會員名單: " members ", 營運收入: "Ｉｎｃｏｍｅ" };
    for (const sheet of snapshot.sheets) sheet.name = names[sheet.name] ?? sheet.name;
    const result = validateWorkbook(snapshot);
    expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(result.summary.members.listed).toBe(4);
  });
  it("reads the plan sheet from a snapshot that starts below a title", () => {
    const sheet = planSheet(cleanPlan);
    sheet.values = [["計畫資訊 Plan"], [], ...sheet.values];
    const result = validateWorkbook({ sheets: [sheet, ...workbook({ plan: null }).sheets] });
    expect(result.fiscalYear).toBe(115);
    expect(hits(result, "PLAN-MISSING")).toEqual([]);
  });
});
