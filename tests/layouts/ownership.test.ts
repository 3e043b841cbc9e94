/**
 * Which sheets are ours (src/layouts/ownership.ts), decided alone: the marker, its scope and the
 * sheet's name must agree, or nothing the marker points at is ours.
 */
import { generatedSheetsOf, isOurSheetName, markerNotices, sheetOfA1Reference, type NameFacts, type SheetFacts } from "../../src/layouts/ownership";

const SHEETS: SheetFacts[] = ["計畫資訊", "經費表", "會員名單", "檢核結果", "營運摘要", "營運摘要計算", "Findings (2)", "圖表"].map((name) => ({
  name,
  worksheet: name !== "圖表",
}));

const marker = (kind: string, formula: string, scope: string | null = null): NameFacts => ({ name: `AllianceCheck_Generated_${kind}`, scope, formula });

describe("generatedSheetsOf", () => {
  it("takes a sheet as ours when the workbook-level marker points at its $A$1 and its name is ours", () => {
    const { marked, problems } = generatedSheetsOf(SHEETS, [
      marker("findings", "'檢核結果'!$A$1"),
      marker("summary", "=營運摘要!$A$1"),
      marker("summaryCalc", "'營運摘要計算'!$A$1"),
    ]);
    expect(marked).toEqual({ findings: "檢核結果", summary: "營運摘要", summaryCalc: "營運摘要計算" });
    expect(problems).toEqual([]);
  });

  it.each<[string, NameFacts[], string]>([
    ["a marker on an input sheet", [marker("findings", "'經費表'!$A$1")], "not-our-name"],
    ["a marker on the members sheet, unquoted", [marker("summary", "會員名單!$A$1")], "not-our-name"],
    ["a marker of another kind's name", [marker("summary", "'檢核結果'!$A$1")], "not-our-name"],
    ["a sheet-level marker", [marker("findings", "'檢核結果'!$A$1", "經費表")], "scope"],
    ["two workbook-level markers", [marker("findings", "'檢核結果'!$A$1"), { name: "alliancecheck_generated_FINDINGS", scope: null, formula: "'經費表'!$A$1" }], "duplicate"],
    ["a range", [marker("findings", "'檢核結果'!$A$1:$F$9")], "reference"],
    ["another cell", [marker("findings", "'檢核結果'!$B$2")], "reference"],
    ["a relative A1", [marker("findings", "'檢核結果'!A1")], "reference"],
    ["#REF!", [marker("findings", "#REF!$A$1")], "reference"],
    ["a formula", [marker("findings", "INDIRECT(\"'經費表'!$A$1\")")], "reference"],
    ["a missing sheet", [marker("findings", "'檢核結果 (9)'!$A$1")], "missing-sheet"],
    ["a chart sheet", [marker("findings", "'圖表'!$A$1")], "not-a-worksheet"],
  ])("trusts nothing for %s", (_, names, reason) => {
    const { marked, problems } = generatedSheetsOf(SHEETS, names);
    expect(marked).toEqual({});
    expect(problems.map((problem) => problem.reason)).toContain(reason);
  });

  it("refuses a chart sheet even under our name", () => {
    const sheets = [...SHEETS.filter((sheet) => sheet.name !== "檢核結果"), { name: "檢核結果", worksheet: false }];
    expect(generatedSheetsOf(sheets, [marker("findings", "'檢核結果'!$A$1")]).problems[0]!.reason).toBe("not-a-worksheet");
  });

  it("takes our names with a number after them, in either language and any case, and markers in any case", () => {
    expect(generatedSheetsOf(SHEETS, [{ name: "ALLIANCECHECK_GENERATED_FINDINGS", scope: null, formula: "'Findings (2)'!$A$1" }]).marked).toEqual({ findings: "Findings (2)" });
    expect(isOurSheetName("findings", "檢核結果 (12)")).toBe(true);
    expect(isOurSheetName("findings", "FINDINGS")).toBe(true);
    for (const name of ["檢核結果 (1)", "檢核結果 (02)", "檢核結果(2)", "檢核結果 2", "檢核結果（2）", "我的檢核結果", "營運摘要"]) expect(isOurSheetName("findings", name)).toBe(false);
  });
});

describe("sheetOfA1Reference", () => {
  it.each([
    ["'My ''quoted'' sheet'!$A$1", "My 'quoted' sheet"],
    ["=Sheet1!$A$1", "Sheet1"],
    ["'a'b'!$A$1", null],
    ["My sheet!$A$1", null],
    ["!$A$1", null],
  ])("%s → %s", (formula, sheet) => {
    expect(sheetOfA1Reference(formula)).toBe(sheet);
  });
});

describe("markerNotices", () => {
  it("says which sheet a forged marker pointed at and where ours went, for kinds being written", () => {
    const { problems } = generatedSheetsOf(SHEETS, [marker("findings", "'經費表'!$A$1"), marker("summary", "'會員名單'!$A$1"), marker("summaryCalc", "#REF!")]);
    expect(markerNotices(problems, { findings: "檢核結果 (2)" }, "en")).toEqual([
      'The name AllianceCheck_Generated_findings pointed at "經費表", which is not a sheet this product made: "經費表" was left as is, and the name now points at "檢核結果 (2)".',
    ]);
    expect(markerNotices(problems, { findings: "檢核結果 (2)", summary: "營運摘要 (2)", summaryCalc: "營運摘要計算 (2)" }, "zh-TW")).toHaveLength(2);
  });
});
