import { check, Row } from "../../tests/helpers/workbook";

describe("the budget as a finance officer reads it (summary.budget)", () => {
  const budget: Row[] = [
    { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 姓名: "陳一", 單價: 50_000, 數量: 1, 月數: 12, 金額: 600_000 },
    { 科目: "業務費", 項目: "耗材", 金額: 1_000_000 },
    { 科目: "業務費", 項目: "推廣", 金額: 300_000, 經費來源: "自籌" },
    { 科目: "研究設備費", 項目: "伺服器", 單價: 500_000, 數量: 1, 金額: 500_000 },
    { 科目: "國外差旅費", 項目: "出國", 金額: 200_000 },
    { 科目: "研究主持費", 項目: "研究主持費", 金額: 100_000 },
    { 科目: "管理費", 項目: "管理費", 金額: 300_000 },
  ];

  it("adds the lines up by 科目 and by 經費來源, in the pack's order of categories", () => {
    const figures = check({ budget }).summary.budget!;
    expect(figures.byCategory.find((entry) => entry.category === "業務費")).toEqual({ category: "業務費", subsidy: 1_000_000, matching: 300_000, total: 1_300_000 });
    expect([figures.subsidyTotal, figures.matchingTotal, figures.total]).toEqual([2_700_000, 300_000, 3_000_000]);
    expect(figures.byCategory.reduce((sum, entry) => sum + entry.total, 0)).toBe(figures.total);
    expect(figures.cap).toEqual({ limit: 3_000_000, used: 2_700_000, share: 0.9 });
  });

  it("gives the overhead's base as its parts, which BUD-OVERHEAD's message quotes", () => {
    const result = check({ budget });
    const overhead = result.summary.budget!.overhead!;
    // Equipment counts 100,000 at most; foreign travel, the PI stipend and overhead itself are left out.
    expect(overhead).toMatchObject({ amount: 300_000, equipment: 500_000, equipmentInBase: 100_000, base: 1_700_000, rate: 0.15, rateFromPlan: false, allowed: 255_000 });
    expect(overhead.baseParts).toEqual([
      { category: "人事費", amount: 600_000 },
      { category: "業務費", amount: 1_000_000 },
    ]);
    const finding = result.findings.find((entry) => entry.ruleId === "BUD-OVERHEAD")!;
    expect(finding.params).toMatchObject({ overhead: "300,000", allowed: "255,000", base: "1,700,000" });
  });

  it("has no overhead figures without an overhead line, and no budget figures without a budget sheet", () => {
    expect(check({ budget: budget.slice(0, 3) }).summary.budget!.overhead).toBeNull();
    expect(check({ budget: null }).summary.budget).toBeNull();
  });
});
