import { kindOfMarker, markerName, planGeneratedSheetNames } from "../../src/layouts/names";

describe("generated sheet names", () => {
  it("marks sheets with a defined name per kind", () => {
    expect(markerName("findings")).toBe("AllianceCheck_Generated_findings");
    expect(kindOfMarker("AllianceCheck_Generated_summaryCalc")).toBe("summaryCalc");
    expect(kindOfMarker("AllianceCheck_Generated_other")).toBeNull();
    expect(kindOfMarker("Print_Area")).toBeNull();
  });

  it("takes the usual names in a workbook without them", () => {
    const plan = planGeneratedSheetNames(["findings", "summary"], ["計畫資訊", "經費表"], {}, "zh-TW");
    expect(plan.names).toEqual({ findings: "檢核結果", summary: "營運摘要" });
    expect(plan.replace).toEqual([]);
    expect(plan.notices).toEqual([]);
  });

  it("replaces the sheet it is told is ours (ownership.ts decides which)", () => {
    const plan = planGeneratedSheetNames(["findings"], ["計畫資訊", "上次結果"], { findings: "上次結果" }, "zh-TW");
    expect(plan.names.findings).toBe("檢核結果");
    expect(plan.replace).toEqual(["上次結果"]);
  });

  it("never takes the name of a person's own sheet (in any case) and says where the results went", () => {
    const plan = planGeneratedSheetNames(["findings"], ["檢核結果", "檢核結果 (2)"], {}, "zh-TW");
    expect(plan.names.findings).toBe("檢核結果 (3)");
    expect(plan.replace).toEqual([]);
    expect(plan.notices).toHaveLength(1);
    expect(plan.notices[0]).toContain("檢核結果 (3)");
    const english = planGeneratedSheetNames(["findings"], ["FINDINGS"], {}, "en");
    expect(english.names.findings).toBe("Findings (2)");
    expect(english.notices[0]).toContain('"Findings (2)"');
  });

  it("replaces its own sheet while keeping a person's sheet of another kind's name", () => {
    const plan = planGeneratedSheetNames(["findings", "summary"], ["檢核結果", "營運摘要"], { findings: "檢核結果" }, "zh-TW");
    expect(plan.names).toEqual({ findings: "檢核結果", summary: "營運摘要 (2)" });
    expect(plan.replace).toEqual(["檢核結果"]);
  });
});
