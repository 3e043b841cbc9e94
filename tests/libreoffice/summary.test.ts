/**
 * The summary's live formulas, recalculated by another spreadsheet program (LibreOffice), give
 * the engine's figures; and after the income sheet is edited without this product, they give
 * the figures the engine finds on the edited file.
 */
import { readFileSync } from "fs";
import { validateWorkbook } from "../../src/engine";
import type { CellValue, SheetSnapshot, ValidationResult } from "../../src/engine/types";
import { describeSummaryInputs } from "../../src/layouts/inputs";
import type { MemberFigures } from "../../src/layouts/inputs";
import { writeAnnotatedCopy } from "../../src/workbook/xlsx/annotate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { editCell, partNames, untidyWorkbookFile } from "../layouts/fixtures";
import { convertWithLibreOffice, describeWithLibreOffice } from "./soffice";

interface Table {
  headers: string[];
  rows: Map<string, CellValue[]>;
}

/** The two tables of the summary sheet (income, members), keyed by their first column. */
function summaryTables(sheet: SheetSnapshot): Table[] {
  const tables: Table[] = [];
  let current: Table | null = null;
  for (const values of sheet.values) {
    const first = values[0] ?? null;
    if (first === "年度" || first === "Year") {
      current = { headers: values.map((value) => (typeof value === "string" ? value : "")), rows: new Map() };
      tables.push(current);
    } else if (current && first !== null && first !== "") {
      current.rows.set(String(first), values);
    } else {
      current = null;
    }
  }
  return tables;
}

/** A figure; a formula that gives "" reads as empty (null). */
function figure(table: Table, row: string, header: string): CellValue {
  const column = table.headers.indexOf(header);
  if (column < 0) throw new Error(`no column ${header}`);
  const values = table.rows.get(row);
  if (!values) throw new Error(`no row ${row}`);
  const value = values[column] ?? null;
  return value === "" ? null : value;
}

const num = (value: CellValue): number => (typeof value === "number" ? value : value === null || value === "" ? 0 : Number.NaN);

function expectIncomeMatches(income: Table, result: ValidationResult, agree: boolean): void {
  for (const year of result.summary.years) {
    const row = String(year.year);
    expect({ year: row, subsidy: figure(income, row, "補助款") }).toEqual({ year: row, subsidy: year.subsidy });
    expect({ year: row, total: num(figure(income, row, "營運收入合計")) }).toEqual({ year: row, total: year.operatingIncome });
    for (const [type, amount] of Object.entries(year.incomeByType)) expect(num(figure(income, row, type))).toBe(amount);
    const ratio = figure(income, row, "自主營運比率");
    if (year.selfSufficiencyRatio === null) expect(ratio).toBeNull();
    else expect(Math.round(num(ratio) * 100) / 100).toBe(year.selfSufficiencyRatio);
    expect(figure(income, row, "收入大於補助款")).toBe(year.subsidy === null ? null : year.operatingIncome > year.subsidy ? "達成" : "未達成");
    if (agree) expect(figure(income, row, "與檢核值")).toBe("✔ 一致");
  }
  const plan = String(result.fiscalYear);
  expect(num(figure(income, plan, "營運收入合計"))).toBe(result.summary.operatingIncome);
  expect(figure(income, plan, "補助款")).toBe(result.summary.subsidy);
}

function expectMembersMatch(members: Table, result: ValidationResult, all: MemberFigures): void {
  // 全部名單 is every member row whatever its year joined; the years are as of each year.
  const whole = "全部名單";
  expect(num(figure(members, whole, "名單列數"))).toBe(all.listed);
  expect(num(figure(members, whole, "不列計"))).toBe(all.excluded);
  const reasonColumns: Record<string, string> = {
    "MEM-EXCLUDED-INSTITUTE": "研究法人不列入會員",
    "MEM-EXCLUDED-INDIVIDUAL": "個人不列入會員",
    "MEM-EXCLUDED-PRC": "中國大陸廠商不列入會員",
    "MEM-EXCLUDED-NONENTERPRISE": "學校、政府機關非企業會員",
    "MEM-DUPLICATE": "重複列出",
  };
  for (const [rule, header] of Object.entries(reasonColumns)) {
    expect({ rule, count: num(figure(members, whole, header)) }).toEqual({ rule, count: all.byReason[rule] ?? 0 });
  }
  const plan = String(result.fiscalYear);
  const { listed, excluded, counted, paying, free, international, large } = result.summary.members;
  expect({
    listed: num(figure(members, plan, "名單列數")),
    excluded: num(figure(members, plan, "不列計")),
    counted: num(figure(members, plan, "列計家數")),
    paying: num(figure(members, plan, "付費會員")),
    free: num(figure(members, plan, "免費會員")),
    international: num(figure(members, plan, "國際會員")),
    large: num(figure(members, plan, "大型企業")),
  }).toEqual({ listed, excluded, counted, paying, free, international, large });
  for (const year of result.summary.years) {
    const row = String(year.year);
    expect({ row, counted: num(figure(members, row, "列計家數")) }).toEqual({ row, counted: year.countedMembers });
    const expected = year.members;
    expect({ row, listed: num(figure(members, row, "名單列數")), excluded: num(figure(members, row, "不列計")) }).toEqual({
      row,
      listed: expected.listed,
      excluded: expected.excluded,
    });
    expect(figure(members, row, "與檢核值")).toBe("✔ 一致");
  }
}

async function recalculatedSummary(data: Uint8Array): Promise<{ income: Table; members: Table }> {
  const snapshot = await readWorkbookSnapshot(convertWithLibreOffice(data));
  const sheet = snapshot.sheets.find((candidate) => candidate.name === "營運摘要");
  if (!sheet) throw new Error("no summary sheet");
  const [income, members] = summaryTables(sheet);
  return { income: income!, members: members! };
}

describeWithLibreOffice("the summary recalculated by LibreOffice", () => {
  const files: [string, () => Promise<Uint8Array>][] = [
    ["sample-clean", async () => new Uint8Array(readFileSync("samples/sample-clean.xlsx"))],
    ["sample-mistakes", async () => new Uint8Array(readFileSync("samples/sample-mistakes.xlsx"))],
    ["an untidy workbook (title rows, shuffled columns, English spellings, Gregorian years, totals)", () => untidyWorkbookFile()],
    ["the untidy workbook without 申請補助款 (subsidy from the budget, subtotals left out)", () => untidyWorkbookFile({ planSubsidy: false })],
  ];

  it.each(files)("equals the engine's figures: %s", async (_, file) => {
    const data = await file();
    const snapshot = await readWorkbookSnapshot(data);
    const result = validateWorkbook(snapshot);
    const { bytes } = await writeAnnotatedCopy(data, result, { language: "zh-TW", summary: true });
    expect(partNames(bytes)).toContain("xl/charts/chart1.xml");
    const recalculated = convertWithLibreOffice(bytes);
    expect(partNames(recalculated).some((name) => /^xl\/charts\/chart\d+\.xml$/.test(name))).toBe(true);
    const { income, members } = await recalculatedSummary(bytes);
    expectIncomeMatches(income, result, true);
    expectMembersMatch(members, result, describeSummaryInputs(snapshot, result).members!.all);
  });

  it("follows an edit of the income sheet made without the product", async () => {
    const data = await untidyWorkbookFile();
    const result = validateWorkbook(await readWorkbookSnapshot(data));
    const { bytes } = await writeAnnotatedCopy(data, result, { language: "zh-TW", summary: true });
    // 營運收入!E6 is the 技術服務 line of 115 (900,000); 2,900,000 makes the year self-sufficient.
    const edited = await editCell(bytes, "營運收入", "E6", 2_900_000);
    const editedResult = validateWorkbook(await readWorkbookSnapshot(edited));
    expect(editedResult.summary.operatingIncome).toBe((result.summary.operatingIncome ?? 0) + 2_000_000);
    const { income } = await recalculatedSummary(edited);
    expectIncomeMatches(income, editedResult, false);
    expect(figure(income, "115", "收入大於補助款")).toBe("達成");
    expect(figure(income, "115", "與檢核值")).toBe("≠ 不一致，請重新檢核");
    expect(figure(income, "114", "與檢核值")).toBe("✔ 一致");
  });

  it("says when an amount typed as text is beyond the formulas", async () => {
    const data = await editCell(await untidyWorkbookFile(), "營運收入", "E8", "NT$400,000");
    const result = validateWorkbook(await readWorkbookSnapshot(data));
    const { bytes } = await writeAnnotatedCopy(data, result, { language: "zh-TW", summary: true });
    const { income } = await recalculatedSummary(bytes);
    expect(num(figure(income, "115", "技術移轉"))).toBe(0);
    expect(figure(income, "115", "與檢核值")).toBe("≠ 不一致，請重新檢核");
  });
});
