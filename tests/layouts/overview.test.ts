/**
 * The overview workbook's layouts: a row per submission with the values it reported, formulas
 * (with the engine's figures cached) only where the sheet derives a figure, text from a
 * submission always text, the annotated copy's link as a quoted literal, rule frequency, year over
 * year and the chart; written by the file writer into a workbook whose only formulas are ours.
 */
import type { Language } from "../../src/engine/types";
import type { LayoutCell, SheetLayout } from "../../src/layouts/layout";
import { overviewLayouts } from "../../src/layouts/overview";
import { buildOverview, checkSubmission, OVERVIEW_COLUMNS, overviewValues, type Overview, type RoundEntry } from "../../src/review";
import { writeLayoutsToNewWorkbook } from "../../src/workbook/xlsx/writeLayout";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { cleanPlan, workbook, type Row } from "../helpers/workbook";
import { A_114, A_115, B_115 } from "../review/round";
import { partNames, partText, sheetPart } from "./fixtures";

const INJECTIONS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2", "@SUM(1)", "\tTab", "=1+2\";=3"];

function entry(file: string, parts: Parameters<typeof workbook>[0], annotated?: string): RoundEntry {
  return { kind: "checked", facts: checkSubmission(file, workbook(parts)).facts, ...(annotated ? { annotated } : {}) };
}

function round(): Overview {
  return buildOverview([
    entry("a/A-114.xlsx", A_114, "copies/A-114-annotated.xlsx"),
    entry("a/A-115.xlsx", A_115, 'copies/A "115"-annotated.xlsx'),
    entry("B-115.xlsx", B_115),
    ...INJECTIONS.map((text, index) => entry(`${text}-${index}.xlsx`, { plan: { ...cleanPlan, 計畫名稱: text, 計畫主持人: text, 執行機構: `${text} 大學` } as Row })),
    { kind: "unreadable", failure: { file: "=broken.xlsx", code: "corrupt", message: "=the file is damaged" } },
  ]);
}

function cellAt(layout: SheetLayout, row: number, column: number): LayoutCell | undefined {
  return layout.cells.find((cell) => cell.row === row && cell.column === column);
}

const COLUMN = Object.fromEntries(OVERVIEW_COLUMNS.map((column, index) => [column.key, index + 1]));
const FORMULA_COLUMNS = new Set(["ratio", "excluded", "incomeAboveSubsidy", "annotated"]);

describe.each<Language>(["zh-TW", "en"])("overviewLayouts (%s)", (language) => {
  const overview = round();
  const [sheet, rules, yoy, chart] = overviewLayouts(overview, language, { annotatedLink: (file) => `../${file}` });

  it("has a row per submission, in the overview's order, with the values the submission reported", () => {
    expect(sheet!.name).toBe(language === "zh-TW" ? "審查總表" : "Overview");
    expect(OVERVIEW_COLUMNS.map((_, index) => (cellAt(sheet!, 1, index + 1)?.content as { value: string }).value)).toEqual(OVERVIEW_COLUMNS.map((column) => column.header[language]));
    overview.rows.forEach((row, index) => {
      const values = overviewValues(row, language);
      for (const column of OVERVIEW_COLUMNS) {
        const cell = cellAt(sheet!, index + 2, COLUMN[column.key]!);
        if (row.kind === "checked" && FORMULA_COLUMNS.has(column.key)) continue;
        expect({ column: column.key, content: cell?.content ?? null }).toEqual({ column: column.key, content: values[column.key] === null ? null : { kind: "value", value: values[column.key] } });
      }
    });
    expect(sheet!.frozen).toEqual({ rows: 1, columns: 1 });
    expect(sheet!.autoFilter).toBe(`A1:AB${overview.rows.length + 1}`);
  });

  it("derives the ratio, members not counted and income above the subsidy by formula, with the engine's figures cached", () => {
    overview.rows.forEach((row, index) => {
      if (row.kind !== "checked") return;
      const r = index + 2;
      const formula = (key: string) => cellAt(sheet!, r, COLUMN[key]!)!.content as { kind: "formula"; formula: { text: string }; result: unknown };
      expect(formula("ratio").formula.text).toBe(`IF(AND(AND(ISNUMBER(K${r}),ISNUMBER(L${r})),(K${r}<>0)),(L${r}/K${r}),"")`);
      const { subsidy, operatingIncome, selfSufficiencyRatio } = row.facts;
      if (selfSufficiencyRatio === null) expect(formula("ratio").result).toBe("");
      else expect(Math.round((formula("ratio").result as number) * 100) / 100).toBe(selfSufficiencyRatio);
      expect(operatingIncome === null || subsidy === null || Math.abs((formula("ratio").result as number) - operatingIncome / subsidy) < 1e-12).toBe(true);
      expect(formula("excluded")).toMatchObject({ kind: "formula", formula: { text: `IF(AND(ISNUMBER(P${r}),ISNUMBER(Q${r})),(P${r}-Q${r}),"")` }, result: row.facts.members.excluded });
      expect(formula("incomeAboveSubsidy").result).toBe(overviewValues(row, language).incomeAboveSubsidy);
    });
  });

  it("links the annotated copy with HYPERLINK, the path only as a quoted literal", () => {
    const index = overview.rows.findIndex((row) => row.kind === "checked" && row.facts.file === "a/A-115.xlsx");
    expect(cellAt(sheet!, index + 2, COLUMN.annotated!)!.content).toEqual({
      kind: "formula",
      formula: { text: 'HYPERLINK("../copies/A ""115""-annotated.xlsx","A ""115""-annotated.xlsx")' },
      result: 'A "115"-annotated.xlsx',
    });
    // A path too long for a formula's string literal is shown as text.
    const long = overviewLayouts(overview, language, { annotatedLink: () => "x/".repeat(200) })[0]!;
    expect(cellAt(long, index + 2, COLUMN.annotated!)!.content).toEqual({ kind: "value", value: 'copies/A "115"-annotated.xlsx' });
  });

  it("counts rules across the round: submissions, share of the checked ones (a formula over the overview), findings", () => {
    const checkedCell = cellAt(rules!, 2, 2)!.content as { kind: string; formula: { text: string }; result: number };
    const status = language === "zh-TW" ? "已檢核" : "Checked";
    expect(checkedCell.formula.text).toBe(`COUNTIF('${sheet!.name}'!$B$2:$B$${overview.rows.length + 1},"${status}")`);
    expect(checkedCell.result).toBe(overview.totals.checked);
    overview.ruleFrequency.forEach((rule, index) => {
      const r = index + 5;
      expect((cellAt(rules!, r, 1)!.content as { value: string }).value).toBe(rule.ruleId);
      expect((cellAt(rules!, r, 4)!.content as { value: number }).value).toBe(rule.submissions);
      expect(cellAt(rules!, r, 5)!.content).toMatchObject({ kind: "formula", result: rule.submissions / overview.totals.checked });
      expect((cellAt(rules!, r, 6)!.content as { value: number }).value).toBe(rule.findings);
    });
  });

  it("lists the members who joined and left, and the income with its growth by formula", () => {
    const texts = yoy!.cells.flatMap((cell) => (cell.content.kind === "value" ? [cell.content.value] : []));
    for (const name of ["丁電子有限公司", "Nippon Devices", "甲科技股份有限公司"]) expect(texts).toContain(name);
    const growth = yoy!.cells.filter((cell) => cell.content.kind === "formula" && cell.content.formula.text.startsWith("IF(AND(AND(ISNUMBER(B"));
    expect(growth.map((cell) => (cell.content as { result: unknown }).result)).toContain(0.8);
  });

  it("charts income against subsidy from formulas over the overview's cells", () => {
    const formulas = chart!.cells.filter((cell) => cell.content.kind === "formula").map((cell) => (cell.content as { formula: { text: string } }).formula.text);
    expect(formulas[0]).toMatch(new RegExp(`^\\('${sheet!.name}'!C(\\d+)&\\(" "&'${sheet!.name}'!G\\1\\)\\)$`));
    const [series] = chart!.charts!;
    expect(series!.series.map((entry) => entry.values.range)).toEqual([`$B$2:$B$${series!.categories.cache.length + 1}`, `$C$2:$C$${series!.categories.cache.length + 1}`]);
  });
});

describe("the overview workbook as a file", () => {
  it("keeps every text from a submission as text: the only formulas are the overview's own", async () => {
    const overview = round();
    const bytes = await writeLayoutsToNewWorkbook(overviewLayouts(overview, "zh-TW"));
    const names = partNames(bytes);
    expect(names.some((name) => /^xl\/charts\/chart\d+\.xml$/.test(name))).toBe(true);
    const xml = partText(bytes, sheetPart(bytes, "審查總表"))!;
    const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((match) => match[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
    expect(formulas.length).toBeGreaterThan(0);
    for (const formula of formulas) expect(formula).toMatch(/^(IF\(|HYPERLINK\("copies\/)/);
    expect(formulas.join("\n")).not.toMatch(/evil|SUM\(1\)/);
    // Read back: file names exactly, titles as the engine read them (trimmed).
    const values = (await readWorkbookSnapshot(bytes)).sheets[0]!.values.flat();
    INJECTIONS.forEach((text, index) => {
      expect(values).toContain(`${text}-${index}.xlsx`);
      expect(values).toContain(text.trim());
    });
    expect(values).toContain("=broken.xlsx");
    expect(values).toContain("=the file is damaged");
  });
});
