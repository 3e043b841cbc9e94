/**
 * Look-alike sheet names in real files, through the command line: a tab that only resembles an
 * input sheet (經費表(舊), 會員名單 (2)) is not that sheet, the English alias is used when the
 * canonical name is absent, and full-width or upper-case names still match. The findings, the
 * annotated copy's findings sheet and its summary formulas all name the same sheets, whether
 * ExcelJS or LibreOffice wrote the file.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { describeInputSheets } from "../../src/layouts/inputs";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { findElements, XlsxPackage } from "../../src/workbook/xlsx/package";
import { decodeXmlText } from "../../src/workbook/xmlText";
import { convertWithLibreOffice } from "../libreoffice/soffice";
import { runMain } from "../hostile/cli";
import { describeWithTool } from "../helpers/tools";

type Row = (string | number | null)[];

const BUDGET_HEADERS = ["科目", "項目", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額"];
const CLEAN_BUDGET: Row[] = [
  ["人事費", "專任技術經理", "專任技術經理", "碩士", "陳一", 50_000, 1, 12, 600_000],
  ["業務費", "耗材", null, null, null, null, null, null, 200_000],
];
/** 單價 12,000 for a doctoral part-timer: BUD-PHD-PAY wherever it is read. */
const UNDERPAID: Row = ["人事費", "博士生兼任助理", "博士生兼任助理", null, "張三", 12_000, 1, 12, 144_000];

const MEMBER_HEADERS = ["廠商名稱", "統一編號", "企業規模", "年費", "入會年度"];
const MEMBERS: Row[] = [["甲科技股份有限公司", "12345678", "大型企業", 50_000, 114]]; // MEM-TAXID-INVALID if read

const INCOME_HEADERS = ["年度", "收入類別", "廠商名稱", "金額"];
const INCOME: Row[] = [[115, "技術服務", "甲科技股份有限公司", 500_000]];

async function lookAlikeWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const plan = workbook.addWorksheet("計畫資訊");
  for (const row of [["計畫年度", 115], ["計畫期別", 1], ["期別年次", 1], ["申請補助款", 944_000], ["主持人歷年執行年度", ""]]) plan.addRow(row);
  const sheet = (name: string, headers: string[], rows: Row[]) => {
    const worksheet = workbook.addWorksheet(name);
    worksheet.addRow(headers);
    for (const row of rows) worksheet.addRow(row);
  };
  // An old copy, first in tab order, underpaying on row 2: never read.
  sheet("經費表(舊)", BUDGET_HEADERS, [UNDERPAID, ...CLEAN_BUDGET]);
  // The English alias, underpaying on row 3: the budget sheet.
  sheet("Budget", BUDGET_HEADERS, [CLEAN_BUDGET[0]!, UNDERPAID, CLEAN_BUDGET[1]!]);
  // Only a look-alike of 會員名單: the members sheet is missing.
  sheet("會員名單 (2)", MEMBER_HEADERS, MEMBERS);
  // Full-width: NFKC makes it the income sheet.
  sheet("Ｉｎｃｏｍｅ", INCOME_HEADERS, INCOME);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The contract's findings for lookAlikeWorkbook(): none in 經費表(舊) or 會員名單 (2). */
const EXPECTED = [
  ["BUD-PHD-PAY", "error", "Budget", "F3"],
  ["OPS-SELF-SUFFICIENCY-TREND", "info", "Ｉｎｃｏｍｅ", "D1"],
  ["WB-SHEET-MISSING", "warning", "會員名單", "A1"],
];

const dir = mkdtempSync(path.join(tmpdir(), "alliance-sheet-names-"));

async function checkFile(data: Uint8Array, name: string): Promise<void> {
  const file = path.join(dir, `${name}.xlsx`);
  const copy = path.join(dir, `${name}-checked.xlsx`);
  writeFileSync(file, data);
  const { code, stdout } = await runMain(file, "--format", "json", "--annotate", copy, "--summary");
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as { findings: { ruleId: string; severity: string; sheet: string; cell: string }[] };
  const found = report.findings.map((finding) => [finding.ruleId, finding.severity, finding.sheet, finding.cell]).sort();
  expect(found).toEqual(EXPECTED);

  // The annotated copy: its 檢核結果 sheet lists the same sheets, and the summary's formulas read
  // Budget and the full-width income tab, never the look-alikes.
  const checked = new Uint8Array(readFileSync(copy));
  const snapshot = await readWorkbookSnapshot(checked);
  const findingsSheet = snapshot.sheets.find((sheet) => sheet.name === "檢核結果")!;
  const listed = findingsSheet.values.flat().filter((value): value is string => typeof value === "string");
  expect(listed).toEqual(expect.arrayContaining(["Budget", "Ｉｎｃｏｍｅ"]));
  expect(listed.some((text) => text.includes("經費表(舊)") || text.includes("會員名單 (2)"))).toBe(false);

  const inputs = describeInputSheets(snapshot);
  expect([inputs.plan?.sheet, inputs.budget?.sheet, inputs.members?.sheet ?? null, inputs.income?.sheet]).toEqual(["計畫資訊", "Budget", null, "Ｉｎｃｏｍｅ"]);
  const pkg = XlsxPackage.open(checked);
  const formulas = pkg
    .sheets()
    .flatMap((sheet) => findElements(pkg.text(sheet.part) ?? "", "f").map((element) => decodeXmlText(element.inner)))
    .join("\n");
  expect(formulas).toContain("'Budget'!");
  expect(formulas).toContain("'Ｉｎｃｏｍｅ'!");
  expect(formulas).not.toMatch(/經費表\(舊\)|會員名單 \(2\)/);
}

describe("look-alike sheet names", () => {
  it("in a workbook written by ExcelJS: exactly the contract's findings, in the report and the annotated copy", async () => {
    await checkFile(await lookAlikeWorkbook(), "exceljs");
  });
});

describeWithTool("soffice")("look-alike sheet names, the workbook saved again by LibreOffice", () => {
  it("the same findings, in the report and the annotated copy", async () => {
    await checkFile(convertWithLibreOffice(await lookAlikeWorkbook()), "libreoffice");
  });
});
