/**
 * Contract tolerance on real .xlsx files: the same findings whether a workbook is laid out the
 * canonical way or the way people actually lay them out (English names, units in headers, title
 * rows, columns reordered among unknown ones, an Excel table, numbers typed as text, full-width
 * digits, error values, dates), and whether ExcelJS or LibreOffice wrote the file.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { validateWorkbook } from "../../src/engine/validate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { convertWithLibreOffice } from "../helpers/libreoffice";
import { itWithTool } from "../helpers/tools";

type Cell = string | number | Date | null | { formula: string; result: unknown };

interface Layout {
  sheetNames: { plan: string; budget: string; members: string; income: string };
  titleRows: number;
  firstColumn: number;
  budgetHeaders: string[];
  memberHeaders: string[];
  incomeHeaders: string[];
  asTable: boolean;
  textNumbers: boolean;
}

const CANONICAL: Layout = {
  sheetNames: { plan: "計畫資訊", budget: "經費表", members: "會員名單", income: "營運收入" },
  titleRows: 0,
  firstColumn: 1,
  budgetHeaders: ["科目", "項目", "說明", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額", "經費來源"],
  memberHeaders: ["廠商名稱", "統一編號", "國別", "組織類型", "企業規模", "年費", "入會年度"],
  incomeHeaders: ["年度", "收入類別", "廠商名稱", "統一編號", "金額", "收款日期"],
  asTable: false,
  textNumbers: false,
};

/** English names, units in brackets, two title rows, data from column B, columns shuffled with unknown ones, an Excel table. */
const PEOPLE: Layout = {
  sheetNames: { plan: "Plan", budget: "BUDGET", members: "Members", income: "Ｉｎｃｏｍｅ" },
  titleRows: 2,
  firstColumn: 2,
  budgetHeaders: ["No.", "Amount (NT$)", "Category", "Item", "Remarks", "Description", "Staff type", "Degree", "Name", "Unit cost（新臺幣元）", "Quantity", "Months", "Funding source"],
  memberHeaders: ["Tax ID", "Company", "Contact person", "Country", "Organization type", "Size", "Annual fee (NT$)", "Year joined"],
  incomeHeaders: ["Income type", "Year", "Company", "Tax ID", "Date received", "Amount (NT$)"],
  asTable: true,
  textNumbers: true,
};

const CANONICAL_KEY: Record<string, string> = {
  "Amount (NT$)": "金額", Category: "科目", Item: "項目", Description: "說明", "Staff type": "人員類別", Degree: "學歷", Name: "姓名",
  "Unit cost（新臺幣元）": "單價", Quantity: "數量", Months: "月數", "Funding source": "經費來源", "Tax ID": "統一編號", Company: "廠商名稱",
  Country: "國別", "Organization type": "組織類型", Size: "企業規模", "Annual fee (NT$)": "年費", "Year joined": "入會年度",
  "Income type": "收入類別", Year: "年度", "Date received": "收款日期",
};

const BUDGET: Record<string, Cell>[] = [
  { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 姓名: "陳一", 單價: 50_000, 數量: 1, 月數: 12, 金額: 600_000 },
  { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: "張三", 單價: 12_000, 數量: 1, 月數: 12, 金額: 144_000 }, // BUD-PHD-PAY
  {},
  { 科目: "業務費", 項目: "專利技術推廣說明會", 說明: "場地", 單價: 50_000, 數量: 2, 金額: 100_000 }, // not a patent fee
  { 科目: "業務費", 項目: "專利申請費", 金額: 80_000 }, // BUD-RESEARCH-ITEM
  { 科目: "業務費", 項目: "耗材", 金額: { formula: "1/0", result: { error: "#DIV/0!" } } }, // BUD-NOT-NUMBER
  { 科目: "管理費", 項目: "管理費", 金額: 100_000 },
  { 科目: "合計", 金額: 1_024_000 }, // correct: a total row is not a line item
];

const MEMBERS: Record<string, Cell>[] = [
  { 廠商名稱: "甲科技股份有限公司", 統一編號: "04595257", 企業規模: "大型企業", 年費: 50_000, 入會年度: 114 },
  { 廠商名稱: "陳農友", 組織類型: "農漁民", 年費: 10_000 }, // counts
  { 廠商名稱: "王小明", 組織類型: "個人", 年費: 10_000 }, // MEM-EXCLUDED-INDIVIDUAL
  { 廠商名稱: "乙公司", 統一編號: "12345678", 年費: 10_000 }, // MEM-TAXID-INVALID
  { 廠商名稱: "深圳某公司", 國別: "中國", 組織類型: "外國公司", 年費: 10_000 }, // MEM-EXCLUDED-PRC
];

const INCOME: Record<string, Cell>[] = [
  { 年度: "115年度", 收入類別: "技術服務", 廠商名稱: "甲科技股份有限公司", 金額: 900_000, 收款日期: new Date(Date.UTC(2026, 4, 15)) },
  { 年度: 115, 收入類別: "會員費", 廠商名稱: "甲科技股份有限公司", 統一編號: "04595257", 金額: 50_000 },
];

const EXPECTED = (layout: Layout) => {
  const b = (canonical: string, row: number) => `${layout.sheetNames.budget}!${columnOf(layout, layout.budgetHeaders, canonical)}${row + layout.titleRows + 1}`;
  const m = (canonical: string, row: number) => `${layout.sheetNames.members}!${columnOf(layout, layout.memberHeaders, canonical)}${row + layout.titleRows + 1}`;
  return [
    ["BUD-NOT-NUMBER", b("金額", 6)],
    ["BUD-PHD-PAY", b("單價", 2)],
    ["BUD-RESEARCH-ITEM", b("項目", 5)],
    ["MEM-EXCLUDED-INDIVIDUAL", m("組織類型", 3)],
    ["MEM-EXCLUDED-PRC", m("國別", 5)],
    ["MEM-TAXID-INVALID", m("統一編號", 4)],
  ].sort();
};

function columnOf(layout: Layout, headers: string[], canonical: string): string {
  const index = headers.findIndex((h) => (CANONICAL_KEY[h] ?? h) === canonical);
  return String.fromCharCode(64 + layout.firstColumn + index);
}

function toTextNumber(value: Cell, header: string): Cell {
  if (typeof value !== "number" || /年度|Year/.test(header)) return value;
  if (header.startsWith("Amount")) return `NT$${value.toLocaleString("en-US")}`;
  return String(value).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))); // full-width digits
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: Record<string, Cell>[], layout: Layout, tableName: string) {
  const sheet = workbook.addWorksheet(name);
  for (let i = 0; i < layout.titleRows; i += 1) sheet.getCell(i + 1, layout.firstColumn).value = i === 0 ? `${name} — 115年度` : "單位：新臺幣元";
  const values = rows.map((row) =>
    headers.map((header) => {
      const value = row[CANONICAL_KEY[header] ?? header] ?? null;
      return layout.textNumbers ? toTextNumber(value, header) : value;
    }),
  );
  const headerRow = layout.titleRows + 1;
  if (layout.asTable && name === layout.sheetNames.budget) {
    sheet.addTable({
      name: tableName,
      ref: `${String.fromCharCode(64 + layout.firstColumn)}${headerRow}`,
      headerRow: true,
      columns: headers.map((h) => ({ name: h })),
      rows: values.map((row) => row.map((v) => (v === null ? "" : v))) as unknown[][],
    });
  } else {
    headers.forEach((h, c) => (sheet.getCell(headerRow, layout.firstColumn + c).value = h));
    values.forEach((row, r) => row.forEach((v, c) => (sheet.getCell(headerRow + 1 + r, layout.firstColumn + c).value = v as ExcelJS.CellValue)));
  }
}

async function writeWorkbook(layout: Layout, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const plan = workbook.addWorksheet(layout.sheetNames.plan);
  const planRows: [string, Cell][] = layout === CANONICAL
    ? [["計畫年度", 115], ["計畫期別", 1], ["期別年次", 1], ["申請補助款", 1_024_000], ["主持人歷年執行年度", ""]]
    : [["Fiscal year", "2026"], ["Phase", "第一期"], ["Year in phase", "１"], ["Subsidy requested", "NT$1,024,000"], ["PI past alliance years", null]];
  planRows.forEach(([label, value], i) => {
    plan.getCell(i + 1, 1).value = label;
    plan.getCell(i + 1, 2).value = value as ExcelJS.CellValue;
  });
  addTableSheet(workbook, layout.sheetNames.budget, layout.budgetHeaders, BUDGET, layout, "BudgetTable");
  addTableSheet(workbook, layout.sheetNames.members, layout.memberHeaders, MEMBERS, layout, "MembersTable");
  addTableSheet(workbook, layout.sheetNames.income, layout.incomeHeaders, INCOME, layout, "IncomeTable");
  await workbook.xlsx.writeFile(file);
}

async function findingsOf(file: string) {
  const result = validateWorkbook(await readWorkbookSnapshot(new Uint8Array(readFileSync(file))));
  return {
    hits: result.findings.filter((f) => f.severity !== "info" && f.ruleId !== "BUD-NO-MANAGER").map((f) => [f.ruleId, `${f.sheet}!${f.cell}`]).sort(),
    result,
  };
}

const dir = mkdtempSync(path.join(tmpdir(), "alliance-contract-"));

describe.each([
  ["canonical", CANONICAL],
  ["as people lay it out", PEOPLE],
])("a %s workbook", (_label, layout) => {
  const file = path.join(dir, `${layout === CANONICAL ? "canonical" : "people"}.xlsx`);
  beforeAll(() => writeWorkbook(layout, file));

  it("written by ExcelJS: exactly the expected findings, at real addresses", async () => {
    const { hits, result } = await findingsOf(file);
    expect(hits).toEqual(EXPECTED(layout));
    expect(result.summary.members).toMatchObject({ listed: 5, counted: 3, excluded: 2 });
    expect(result.summary.operatingIncome).toBe(950_000);
    expect(result.summary.subsidy).toBe(1_024_000);
  });

  itWithTool("soffice")("rewritten by LibreOffice: the same findings", async () => {
    const converted = convertWithLibreOffice(file, path.join(dir, "lo"), "xlsx");
    const { hits } = await findingsOf(converted);
    expect(hits).toEqual(EXPECTED(layout));
  });
});

itWithTool("soffice")("a workbook saved as .ods by LibreOffice and back to .xlsx keeps its findings", async () => {
  const file = path.join(dir, "roundtrip.xlsx");
  await writeWorkbook(PEOPLE, file);
  const ods = convertWithLibreOffice(file, path.join(dir, "ods"), "ods");
  const back = convertWithLibreOffice(ods, path.join(dir, "ods-back"), "xlsx");
  expect((await findingsOf(back)).hits).toEqual(EXPECTED(PEOPLE));
});
