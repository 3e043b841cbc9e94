import { budgetWith, check, cleanBudget, cleanPlan, hits, Row, ruleIds } from "../../../tests/helpers/workbook";
import { formatFinding } from "../format";
import { minimumWageFor } from "./budget";

// Budget columns: A 科目 B 項目 C 說明 D 人員類別 E 學歷 F 姓名 G 單價 H 數量 I 月數 J 金額 K 經費來源.
// budgetWith(line) inserts the line at row 8 (before the overhead line).

describe("the clean workbook", () => {
  it("has no error or warning", () => {
    const result = check();
    expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(result.rulePack).toBe("nstc-alliance-115");
  });
});

describe("BUD-CAP", () => {
  it("fires when the subsidy lines total more than 3,000,000, at the 金額 header", () => {
    const result = check({ budget: budgetWith({ 科目: "業務費", 項目: "推廣活動", 金額: 1_000_001 }) });
    expect(hits(result, "BUD-CAP")).toEqual(["經費表!J1"]);
  });
  it("is silent at exactly 3,000,000", () => {
    expect(hits(check({ budget: budgetWith({ 科目: "業務費", 項目: "推廣活動", 金額: 1_000_000 }) }), "BUD-CAP")).toEqual([]);
  });
  it("does not count a total row or self-funded lines toward the cap", () => {
    const budget = [
      ...cleanBudget,
      { 科目: "業務費", 項目: "自籌推廣", 金額: 2_000_000, 經費來源: "自籌" },
      { 科目: "合計", 金額: 4_000_000 },
    ];
    const result = check({ budget });
    expect(hits(result, "BUD-CAP")).toEqual([]);
    expect(hits(result, "BUD-TOTAL-MISMATCH")).toEqual([]);
  });
});

describe("BUD-CATEGORY-UNKNOWN", () => {
  it.each([["雜支"], ["Travel"]])("fires on %s", (category) => {
    expect(hits(check({ budget: budgetWith({ 科目: category, 項目: "x", 金額: 1 }) }), "BUD-CATEGORY-UNKNOWN")).toEqual(["經費表!A8"]);
  });
  it.each([["業務費"], ["Operating"], ["業務費 (Operating)"], ["ＯＰＥＲＡＴＩＮＧ"]])("accepts %s", (category) => {
    expect(hits(check({ budget: budgetWith({ 科目: category, 項目: "x", 金額: 1 }) }), "BUD-CATEGORY-UNKNOWN")).toEqual([]);
  });
});

describe("BUD-FOREIGN-TRAVEL", () => {
  it("warns on a foreign-travel line, at its category", () => {
    const result = check({ budget: budgetWith({ 科目: "國外差旅費", 項目: "參加國際研討會", 金額: 100_000 }) });
    expect(hits(result, "BUD-FOREIGN-TRAVEL")).toEqual(["經費表!A8"]);
    expect(result.findings.find((f) => f.ruleId === "BUD-FOREIGN-TRAVEL")?.severity).toBe("warning");
  });
  it("is silent on domestic travel", () => {
    expect(hits(check({ budget: budgetWith({ 科目: "業務費", 項目: "國內差旅費", 金額: 10_000 }) }), "BUD-FOREIGN-TRAVEL")).toEqual([]);
  });
});

describe("BUD-PI-STIPEND", () => {
  it("FY115: any PI stipend line is an error (by category or by item)", () => {
    const result = check({
      budget: [...cleanBudget, { 科目: "研究主持費", 項目: "主持人費用", 金額: 120_000 }, { 科目: "人事費", 項目: "主持費", 人員類別: "專任助理", 單價: 50_000, 數量: 1, 金額: 50_000 }],
    });
    expect(hits(result, "BUD-PI-STIPEND")).toEqual(["經費表!A9", "經費表!B10"]);
  });
  it("FY116: allowed in phase 1", () => {
    const result = check({ plan: { ...cleanPlan, 計畫年度: 116, 主持人歷年執行年度: "115" }, budget: budgetWith({ 科目: "研究主持費", 項目: "研究主持費", 金額: 120_000 }) });
    expect(result.rulePack).toBe("nstc-alliance-116");
    expect(hits(result, "BUD-PI-STIPEND")).toEqual([]);
  });
  it("FY116: an error in phase 2", () => {
    const plan = { ...cleanPlan, 計畫年度: 116, 計畫期別: 2, 期別年次: 1, 主持人歷年執行年度: "113,114,115" };
    const result = check({ plan, budget: budgetWith({ 科目: "研究主持費", 項目: "研究主持費", 金額: 120_000 }) });
    expect(hits(result, "BUD-PI-STIPEND")).toEqual(["經費表!A8"]);
    expect(result.findings.find((f) => f.ruleId === "BUD-PI-STIPEND")?.variant).toBe("laterPhase");
  });
});

describe("BUD-RESEARCH-ITEM", () => {
  it.each([
    ["專利申請費", ""],
    ["專利年費", "兩件發明專利"],
    ["服務費", "委請事務所辦理專利代理"],
    ["光譜儀", ""],
    ["Patent application fees", ""],
    ["Lab supplies", "for the laboratory instrument"],
    ["Spectrometers", ""],
  ])("fires on %s / %s, at the item", (item, description) => {
    const result = check({ budget: budgetWith({ 科目: "業務費", 項目: item, 說明: description, 金額: 50_000 }) });
    expect(hits(result, "BUD-RESEARCH-ITEM")).toEqual(["經費表!B8"]);
  });
  it.each([
    ["專利技術推廣說明會", ""],
    ["技術推廣", "專利技術推廣說明會場地"],
    ["檢測儀器校正", ""],
    ["Patent promotion seminar", ""],
    ["Microscopy workshop catering", ""],
  ])("does not fire on %s / %s", (item, description) => {
    expect(hits(check({ budget: budgetWith({ 科目: "業務費", 項目: item, 說明: description, 金額: 50_000 }) }), "BUD-RESEARCH-ITEM")).toEqual([]);
  });
});

describe("BUD-EQUIPMENT-PURPOSE", () => {
  it("warns on equipment that matches no service keyword", () => {
    const result = check({ budget: budgetWith({ 科目: "研究設備費", 項目: "恆溫箱", 單價: 60_000, 數量: 1, 金額: 60_000 }) });
    expect(hits(result, "BUD-EQUIPMENT-PURPOSE")).toEqual(["經費表!B8"]);
  });
  it.each([["網站伺服器"], ["NAS storage"], ["Web servers"], ["投影機"]])("accepts service equipment %s", (item) => {
    expect(hits(check({ budget: budgetWith({ 科目: "研究設備費", 項目: item, 單價: 60_000, 數量: 1, 金額: 60_000 }) }), "BUD-EQUIPMENT-PURPOSE")).toEqual([]);
  });
  it("does not fire where BUD-RESEARCH-ITEM already does", () => {
    const result = check({ budget: budgetWith({ 科目: "研究設備費", 項目: "顯微鏡", 單價: 600_000, 數量: 1, 金額: 600_000 }) });
    expect(hits(result, "BUD-RESEARCH-ITEM")).toEqual(["經費表!B8"]);
    expect(hits(result, "BUD-EQUIPMENT-PURPOSE")).toEqual([]);
  });
  it("leaves test and inspection instruments to the reviewer (no research hit)", () => {
    const result = check({ budget: budgetWith({ 科目: "研究設備費", 項目: "檢測儀器", 單價: 60_000, 數量: 1, 金額: 60_000 }) });
    expect(hits(result, "BUD-RESEARCH-ITEM")).toEqual([]);
  });
});

describe("BUD-EQUIPMENT-UNIT", () => {
  it("warns on equipment under 10,000 a unit, at 單價", () => {
    expect(hits(check({ budget: budgetWith({ 科目: "研究設備費", 項目: "網路交換器", 單價: 9_999, 數量: 2, 金額: 19_998 }) }), "BUD-EQUIPMENT-UNIT")).toEqual(["經費表!G8"]);
  });
  it("is silent at exactly 10,000", () => {
    expect(hits(check({ budget: budgetWith({ 科目: "研究設備費", 項目: "網路交換器", 單價: 10_000, 數量: 2, 金額: 20_000 }) }), "BUD-EQUIPMENT-UNIT")).toEqual([]);
  });
});

describe("BUD-AMOUNT-MISMATCH", () => {
  it("fires when amount ≠ unit × quantity × months beyond NT$1, at 金額", () => {
    expect(hits(check({ budget: budgetWith({ 科目: "業務費", 項目: "印刷", 單價: 1_000, 數量: 3, 月數: 2, 金額: 6_002 }) }), "BUD-AMOUNT-MISMATCH")).toEqual(["經費表!J8"]);
  });
  it.each([[6_001], [5_999], [6_000]])("tolerates NT$1 (%d)", (amount) => {
    expect(hits(check({ budget: budgetWith({ 科目: "業務費", 項目: "印刷", 單價: 1_000, 數量: 3, 月數: 2, 金額: amount }) }), "BUD-AMOUNT-MISMATCH")).toEqual([]);
  });
  it("takes empty months as 1", () => {
    expect(hits(check({ budget: budgetWith({ 科目: "業務費", 項目: "印刷", 單價: 1_000, 數量: 3, 金額: 3_000 }) }), "BUD-AMOUNT-MISMATCH")).toEqual([]);
  });
});

describe("BUD-TOTAL-MISMATCH", () => {
  it("checks each total row against the lines since the previous total row", () => {
    const budget: Row[] = [
      { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 單價: 50_000, 數量: 1, 月數: 12, 金額: 600_000 },
      { 科目: "小計", 金額: 600_000 },
      { 科目: "業務費", 項目: "耗材", 金額: 100_000 },
      { 科目: "業務費", 項目: "印刷", 金額: 50_000, 經費來源: "自籌" },
      { 項目: "Subtotal", 金額: 140_000 },
    ];
    const result = check({ budget });
    expect(hits(result, "BUD-TOTAL-MISMATCH")).toEqual(["經費表!J6"]);
  });
  it("checks a grand total after subtotals against every line of the block", () => {
    const budget: Row[] = [
      { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 單價: 50_000, 數量: 1, 月數: 12, 金額: 600_000 },
      { 科目: "小計", 金額: 600_000 },
      { 科目: "業務費", 項目: "耗材", 金額: 100_000 },
      { 科目: "小計", 金額: 100_000 },
      { 科目: "總計", 金額: 700_000 },
    ];
    expect(hits(check({ budget }), "BUD-TOTAL-MISMATCH")).toEqual([]);
    budget[4] = { 科目: "總計", 金額: 600_000 };
    expect(hits(check({ budget }), "BUD-TOTAL-MISMATCH")).toEqual(["經費表!J6"]);
  });
  it("names the lines left out of the sum because their amount is not a number", () => {
    const budget: Row[] = [
      { 科目: "業務費", 項目: "耗材", 金額: 100_000 },
      { 科目: "業務費", 項目: "印刷", 金額: "12萬" },
      { 科目: "合計", 金額: 220_000 },
    ];
    const finding = check({ budget }).findings.find((f) => f.ruleId === "BUD-TOTAL-MISMATCH")!;
    expect(formatFinding(finding, "zh-TW")).toBe(
      "「合計」列為 220,000 元，與其上各項合計 100,000 元不符（相差 120,000 元）；第 3 列「12萬」的金額不是數字，未加入合計。請先將金額改為數字（例如 120000），再核對合計（金額驗算）",
    );
    expect(formatFinding(finding, "en")).toContain("the amount of row 3 ('12萬') is not a number and was left out of the sum");
    const plain = check({ budget: [budget[0]!, { 科目: "合計", 金額: 90_000 }] }).findings.find((f) => f.ruleId === "BUD-TOTAL-MISMATCH")!;
    expect(formatFinding(plain, "zh-TW")).toBe("「合計」列為 90,000 元，與其上各項合計 100,000 元不符（相差 10,000 元）。請核對各項金額，或更正合計（金額驗算）");
  });
  it("takes a subtotal right after another total row as an empty section's (the template's unused 科目), and 合計 as the whole", () => {
    const budget: Row[] = [
      { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 單價: 50_000, 數量: 1, 月數: 12, 金額: 600_000 },
      { 科目: "人事費小計", 金額: 600_000 },
      { 科目: "國外差旅費小計", 金額: 0 },
      { 科目: "業務費", 項目: "耗材", 金額: 100_000 },
      { 科目: "業務費小計", 金額: 100_000 },
      { 科目: "Subtotal (PI stipend)", 金額: 0 },
      { 科目: "合計", 金額: 700_000 },
    ];
    expect(hits(check({ budget }), "BUD-TOTAL-MISMATCH")).toEqual([]);
    budget[2] = { 科目: "國外差旅費小計", 金額: 600_000 };
    expect(hits(check({ budget }), "BUD-TOTAL-MISMATCH")).toEqual(["經費表!J4"]);
  });
  it.each([["合計"], ["總計"], ["TOTAL"], ["總 計"]])("recognises %s as a total row, not a line item", (label) => {
    const result = check({ budget: [...cleanBudget, { 科目: label, 金額: 2_000_000 }] });
    expect(hits(result, "BUD-TOTAL-MISMATCH")).toEqual([]);
    expect(hits(result, "BUD-CATEGORY-UNKNOWN")).toEqual([]);
    expect(hits(result, "BUD-MISSING")).toEqual([]);
    expect(result.summary.subsidy).toBe(2_000_000);
  });
});

describe("BUD-NOT-NUMBER", () => {
  it.each([["12k"], ["一萬"], [{ error: "#REF!" }], ["1.2.3"], [true]])("fires on %p, at the cell", (amount) => {
    expect(hits(check({ budget: budgetWith({ 科目: "業務費", 項目: "印刷", 金額: amount as never }) }), "BUD-NOT-NUMBER")).toEqual(["經費表!J8"]);
  });
  it.each([["1,234"], ["NT$1,234"], ["＄1,234"], ["1,234元"], ["１２３４"], [" 1 234 "]])("accepts %p", (amount) => {
    const result = check({ budget: budgetWith({ 科目: "業務費", 項目: "印刷", 金額: amount }) });
    expect(hits(result, "BUD-NOT-NUMBER")).toEqual([]);
    expect(result.summary.subsidy).toBe(2_000_000);
  });
});

describe("BUD-MISSING", () => {
  it("fires on empty category, item and amount, and on a personnel line without a staff type", () => {
    const result = check({ budget: budgetWith({ 科目: "人事費", 單價: 40_000, 數量: 1, 月數: 1 }) });
    expect(hits(result, "BUD-MISSING")).toEqual(["經費表!B8", "經費表!D8", "經費表!J8"]);
    const noCategory = check({ budget: budgetWith({ 項目: "耗材", 金額: 10 }) });
    expect(hits(noCategory, "BUD-MISSING")).toEqual(["經費表!A8"]);
  });
});

describe("pay floors", () => {
  const personnel = (staff: string, pay: number, degree?: string) => ({
    科目: "人事費", 項目: staff, 人員類別: staff, 學歷: degree ?? null, 姓名: "測試者", 單價: pay, 數量: 1, 月數: 12, 金額: pay * 12,
  });
  it.each([
    ["BUD-PHD-PAY", "博士生兼任助理", 15_999, 16_000, undefined],
    ["BUD-STUDENT-PAY", "碩士生兼任助理", 5_999, 6_000, undefined],
    ["BUD-STUDENT-PAY", "大專生兼任助理", 5_000, 6_000, undefined],
    ["BUD-FULLTIME-PAY", "專任助理", 36_299, 36_300, "學士"],
    ["BUD-FULLTIME-PAY", "專任助理", 30_399, 30_400, "專科"],
    ["BUD-FULLTIME-PAY", "專任技術經理", 41_499, 41_500, "碩士"],
    ["BUD-FULLTIME-PAY", "專任行銷經理", 41_499, 41_500, "博士"],
    ["BUD-FULLTIME-PAY", "專任助理", 36_299, 36_300, undefined],
  ])("%s: %s paid %d fires at 單價, %d passes", (rule, staff, below, floor, degree) => {
    expect(hits(check({ budget: budgetWith(personnel(staff, below, degree)) }), rule)).toEqual(["經費表!G8"]);
    expect(hits(check({ budget: budgetWith(personnel(staff, floor, degree)) }), rule)).toEqual([]);
  });
  it("says which degree it assumed when the degree is empty", () => {
    const result = check({ budget: budgetWith(personnel("專任助理", 30_000)) });
    const finding = result.findings.find((f) => f.ruleId === "BUD-FULLTIME-PAY")!;
    expect(finding.variant).toBe("assumedDegree");
    expect(formatFinding(finding, "zh-TW")).toContain("以學士計");
  });
  it("does not apply full-time floors to postdocs", () => {
    expect(hits(check({ budget: budgetWith(personnel("博士後研究人員", 30_000, "博士")) }), "BUD-FULLTIME-PAY")).toEqual([]);
  });
  it("derives monthly pay from 金額 ÷ (數量 × 月數) when 單價 is empty", () => {
    const line = { 科目: "人事費", 項目: "博士生", 人員類別: "博士生兼任助理", 數量: 2, 月數: 10, 金額: 300_000 };
    expect(hits(check({ budget: budgetWith(line) }), "BUD-PHD-PAY")).toEqual(["經費表!G8"]);
    expect(hits(check({ budget: budgetWith({ ...line, 金額: 320_000 }) }), "BUD-PHD-PAY")).toEqual([]);
  });
  it("states the value, the limit and the source in both languages", () => {
    const result = check({ budget: budgetWith(personnel("博士生兼任助理", 12_000)) });
    const finding = result.findings.find((f) => f.ruleId === "BUD-PHD-PAY")!;
    expect(formatFinding(finding, "zh-TW")).toBe("博士生兼任助理月支 12,000 元，低於下限 16,000 元。請將月支調高至 16,000 元以上（115年度徵求說明、國科會博士生兼任助理支給規定）");
    expect(formatFinding(finding, "en")).toContain("NT$12,000");
    expect(formatFinding(finding, "en")).toContain("NT$16,000");
  });
});

describe("BUD-TEMP-WAGE", () => {
  const temp = (hourly: number) => ({ 科目: "人事費", 項目: "臨時工", 人員類別: "臨時工", 單價: hourly, 數量: 100, 金額: hourly * 100 });
  it("uses the wage in force on the fiscal year's first day: 196 for FY115", () => {
    expect(hits(check({ budget: budgetWith(temp(195)) }), "BUD-TEMP-WAGE")).toEqual(["經費表!G8"]);
    expect(hits(check({ budget: budgetWith(temp(196)) }), "BUD-TEMP-WAGE")).toEqual([]);
  });
  it("picks the schedule entry by date", () => {
    const schedule = [{ from: "2025-01-01", hourly: 190 }, { from: "2026-01-01", hourly: 196 }];
    expect(minimumWageFor(schedule, 114, "02-01").hourly).toBe(190);
    expect(minimumWageFor(schedule, 115, "02-01").hourly).toBe(196);
  });
});

describe("BUD-NO-MANAGER", () => {
  it("warns at the 人員類別 header when no manager is budgeted", () => {
    const budget = cleanBudget.filter((line) => !String(line["人員類別"] ?? "").includes("經理"));
    expect(hits(check({ budget }), "BUD-NO-MANAGER")).toEqual(["經費表!D1"]);
  });
  it("is silent with one manager", () => {
    const budget = cleanBudget.filter((line) => line["人員類別"] !== "專任行銷經理");
    expect(hits(check({ budget }), "BUD-NO-MANAGER")).toEqual([]);
  });
});

describe("BUD-DUPLICATE-PERSON", () => {
  it("fires on the later row of a person with a different staff type, at 姓名", () => {
    const line = { 科目: "人事費", 項目: "兼任助理", 人員類別: "碩士生兼任助理", 姓名: "張 三", 單價: 8_000, 數量: 1, 月數: 12, 金額: 96_000 };
    expect(hits(check({ budget: budgetWith(line) }), "BUD-DUPLICATE-PERSON")).toEqual(["經費表!F8"]);
  });
  it("is silent for the same person twice in the same staff type", () => {
    const line = { 科目: "人事費", 項目: "博士生兼任助理(下半年)", 人員類別: "博士生兼任助理", 姓名: "張三", 單價: 16_000, 數量: 1, 月數: 6, 金額: 96_000 };
    expect(hits(check({ budget: budgetWith(line) }), "BUD-DUPLICATE-PERSON")).toEqual([]);
  });
});

describe("BUD-OVERHEAD", () => {
  // Clean base: 1,678,000 + equipment 80,000 = 1,758,000; 15% → 263,700.
  const withOverhead = (amount: number) => budgetWith({ 科目: "管理費", 項目: "管理費", 金額: amount }, 6);
  it("fires above 15% of the base, at the 金額 header, saying the rate is the product default", () => {
    const result = check({ budget: withOverhead(263_701) });
    expect(hits(result, "BUD-OVERHEAD")).toEqual(["經費表!J1"]);
    expect(formatFinding(result.findings.find((f) => f.ruleId === "BUD-OVERHEAD")!, "en")).toContain("product default");
  });
  it("allows exactly the rounded-down allowance", () => {
    expect(hits(check({ budget: withOverhead(263_700) }), "BUD-OVERHEAD")).toEqual([]);
  });
  it("uses the Plan sheet's rate (8%)", () => {
    const plan = { ...cleanPlan, 管理費比率: "8%" };
    expect(hits(check({ plan, budget: withOverhead(140_641) }), "BUD-OVERHEAD")).toEqual(["經費表!J1"]);
    expect(hits(check({ plan, budget: withOverhead(140_640) }), "BUD-OVERHEAD")).toEqual([]);
  });
  it("counts equipment at most 100,000 in the base and leaves out foreign travel and PI stipend", () => {
    const budget: Row[] = [
      { 科目: "業務費", 項目: "耗材", 金額: 1_000_000 },
      { 科目: "研究設備費", 項目: "伺服器", 單價: 500_000, 數量: 1, 金額: 500_000 },
      { 科目: "國外差旅費", 項目: "出國", 金額: 200_000 },
      { 科目: "研究主持費", 項目: "研究主持費", 金額: 100_000 },
      { 科目: "管理費", 項目: "管理費", 金額: 165_000 },
    ];
    expect(hits(check({ budget }), "BUD-OVERHEAD")).toEqual([]);
    budget[4] = { 科目: "管理費", 項目: "管理費", 金額: 165_001 };
    expect(hits(check({ budget }), "BUD-OVERHEAD")).toEqual(["經費表!J1"]);
  });
  it("gives the base as its parts, the allowance and the next step, in both languages", () => {
    const budget: Row[] = [
      { 科目: "業務費", 項目: "耗材", 金額: 1_200_000 },
      { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 單價: 50_000, 數量: 1, 月數: 7, 金額: 350_000 },
      { 科目: "研究設備費", 項目: "伺服器", 單價: 500_000, 數量: 1, 金額: 500_000 },
      { 科目: "管理費", 項目: "管理費", 金額: 300_000 },
    ];
    const plan = { ...cleanPlan, 管理費比率: "15%" };
    const finding = check({ plan, budget }).findings.find((f) => f.ruleId === "BUD-OVERHEAD")!;
    // 15% × (1,200,000 + 350,000 + 100,000 of the equipment) = 247,500.
    expect(formatFinding(finding, "zh-TW")).toBe(
      "管理費 300,000 元，超過上限 247,500 元（15% × 計算基礎 1,650,000 元；計算基礎＝業務費 1,200,000 元 ＋ 人事費 350,000 元 ＋ 研究設備費 100,000 元（實列 500,000 元，以 100,000 元為限）），超出 52,500 元。請將管理費調降至 247,500 元以下（經費處理原則問答 Q66）",
    );
    expect(formatFinding(finding, "en")).toMatch(
      /^Overhead NT\$300,000 is over the allowance of NT\$247,500 \(15% × base NT\$1,650,000; base = Operating NT\$1,200,000 \+ Personnel NT\$350,000 \+ Equipment NT\$100,000 \(of NT\$500,000, capped at NT\$100,000\)\), NT\$52,500 too much\. Lower the overhead to NT\$247,500 or less/,
    );
  });
});

describe("vocabulary misses (WB-VALUE-UNKNOWN)", () => {
  it("is an error at the cell for staff type, degree and funding source", () => {
    const line = { 科目: "人事費", 項目: "助理", 人員類別: "工讀生", 學歷: "高中", 姓名: "李四", 單價: 30_000, 數量: 1, 金額: 30_000, 經費來源: "企業贊助" };
    const result = check({ budget: budgetWith(line) });
    expect(hits(result, "WB-VALUE-UNKNOWN")).toEqual(["經費表!D8", "經費表!E8", "經費表!K8"]);
    expect(result.findings.filter((f) => f.ruleId === "WB-VALUE-UNKNOWN").every((f) => f.severity === "error")).toBe(true);
  });
  it("accepts English aliases", () => {
    const line = { 科目: "Personnel", 項目: "assistant", 人員類別: "PhD part-time", 學歷: "Master", 姓名: "Lee", 單價: 16_000, 數量: 1, 金額: 16_000, 經費來源: "Self-funded" };
    expect(ruleIds(check({ budget: budgetWith(line) }))).not.toContain("WB-VALUE-UNKNOWN");
  });
});
