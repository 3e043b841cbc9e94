/**
 * The printed sheets, rendered to PDF by LibreOffice and counted: 檢核結果 of a 30-finding
 * workbook on at most 2 landscape pages, the blank template on at most 8, 營運摘要's chart on
 * one page with its table. Set ALLIANCE_CHECK_PDF_DIR to keep the PDFs (to look at them).
 */
import { writeFileSync } from "fs";
import * as path from "path";
import { validateWorkbook } from "../../src/engine";
import type { Finding, ValidationResult } from "../../src/engine/types";
import { findingsSheetLayout } from "../../src/layouts/findings";
import { templateLayouts } from "../../src/layouts/template";
import { writeLayoutsToNewWorkbook } from "../../src/workbook/xlsx/writeLayout";
import { cleanBudget, cleanMembers, workbook } from "../helpers/workbook";
import type { Row } from "../helpers/workbook";
import { describeSummaryInputs } from "../../src/layouts/inputs";
import { summaryLayouts } from "../../src/layouts/summary";
import { writeAnnotatedCopy } from "../../src/workbook/xlsx/annotate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { untidyWorkbookFile } from "../layouts/fixtures";
import { describeWithLibreOffice, pdfFacts, pdfPageTexts, renderPdf } from "./soffice";

function keep(name: string, pdf: Uint8Array): void {
  const dir = process.env.ALLIANCE_CHECK_PDF_DIR;
  if (dir) writeFileSync(path.join(dir, name), pdf);
}

/** A submission with problems of many kinds: 30 findings of it, with two exception notes. */
export function thirtyFindings(): ValidationResult {
  const budget: Row[] = [
    ...cleanBudget.slice(0, 6),
    { 科目: "業務費", 項目: "國外差旅", 說明: "參加國際研討會", 單價: 60_000, 數量: 2, 金額: 100_000 },
    { 科目: "業務費", 項目: "印刷費", 單價: 1_000, 數量: 30, 金額: 31_000 },
    { 科目: "研究設備費", 項目: "工作站", 單價: 300_000, 數量: 2, 金額: 600_000 },
    { 科目: "人事費", 項目: "主持人費", 人員類別: "計畫主持人", 姓名: "王大明", 單價: 10_000, 數量: 1, 月數: 12, 金額: 120_000 },
    { 科目: "雜支", 項目: "其他", 金額: 12_000 },
    { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: "張三", 單價: 8_000, 數量: 1, 月數: 12, 金額: 96_000 },
    ...["場地租金", "講師費", "資料庫訂閱", "網站維護", "文宣設計", "郵電費", "茶點", "保險費", "交通費", "雜項耗材", "軟體授權", "翻譯費"].map(
      (item, index): Row => ({ 科目: "業務費", 項目: item, 說明: `第${index + 1}季推廣活動`, 單價: 2_000, 數量: index + 2, 金額: 2_000 * (index + 2) + 500 }),
    ),
    { 科目: "管理費", 項目: "管理費", 金額: 400_000 },
  ];
  const members: Row[] = [
    ...cleanMembers,
    { 廠商名稱: "某研究院", 組織類型: "研究法人", 年費: 0 },
    { 廠商名稱: "丁電子股份有限公司", 統一編號: "12345678", 年費: 20_000, 入會年度: 115 },
    { 廠商名稱: "戊工業有限公司", 統一編號: "1234567", 年費: 20_000 },
    { 廠商名稱: "甲科技股份有限公司", 統一編號: "04595257", 年費: 50_000 },
    { 廠商名稱: "己大學", 組織類型: "學校", 年費: 10_000 },
    { 廠商名稱: "庚顧問社", 統一編號: "ABCDEFGH", 年費: "兩萬" },
    { 廠商名稱: "辛工作室", 組織類型: "個人", 年費: 5_000 },
    { 廠商名稱: "壬科技股份有限公司", 統一編號: "87654321", 年費: 30_000, 入會年度: 120 },
  ];
  const result = validateWorkbook(workbook({ budget, members }));
  const findings: Finding[] = result.findings.slice(0, 30).map((finding, index) =>
    index === 3 || index === 7
      ? { ...finding, waiver: { fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: "經審查人員確認，依核定清單辦理。", by: "李小華", role: "finance", at: "2026-12-05T07:30:00+08:00" } }
      : finding,
  );
  return { ...result, findings };
}

describeWithLibreOffice("printing with LibreOffice", () => {
  it("prints 檢核結果 of a 30-finding workbook on at most 2 landscape pages", async () => {
    const result = thirtyFindings();
    expect(result.findings).toHaveLength(30);
    const layout = findingsSheetLayout(result, "zh-TW", { existingSheets: [], fileName: "智慧製造聯盟_115年度.xlsx", checkedOn: new Date("2026-12-05T01:00:00Z") });
    const file = await writeLayoutsToNewWorkbook([layout]);
    keep("findings.xlsx", file);
    const pdf = renderPdf(file);
    keep("findings.pdf", pdf);
    const facts = pdfFacts(pdf);
    expect(facts.pages).toBeLessThanOrEqual(2);
    expect(facts.width).toBeGreaterThan(facts.height);
  });

  it.each(["zh-TW", "en"] as const)("prints the blank template (%s) on at most 8 pages", async (language) => {
    const file = await writeLayoutsToNewWorkbook(templateLayouts(language));
    keep(`template-${language}.xlsx`, file);
    const pdf = renderPdf(file);
    keep(`template-${language}.pdf`, pdf);
    expect(pdfFacts(pdf).pages).toBeLessThanOrEqual(8);
  });

  it("prints 營運摘要 with its chart whole, on the page of the income table it charts", async () => {
    const data = await untidyWorkbookFile();
    const snapshot = await readWorkbookSnapshot(data);
    const result = validateWorkbook(snapshot);
    const [summary] = summaryLayouts(result, "zh-TW", describeSummaryInputs(snapshot, result));
    const chart = summary!.charts![0]!;
    const { bytes } = await writeAnnotatedCopy(data, result, { language: "zh-TW", summary: true });
    const pdf = renderPdf(bytes);
    keep("annotated.pdf", pdf);
    const pages = pdfPageTexts(pdf);
    if (pages === null) return; // pdftotext (poppler-utils) missing: the page count alone says nothing here.
    const squash = (text: string) => text.replace(/\s+/g, "");
    const withTitle = pages.filter((page) => squash(page).includes(squash(chart.title)));
    expect(withTitle).toHaveLength(1);
    const page = squash(withTitle[0]!);
    // The table it charts, the chart's axis titles and legend: all on that one page.
    expect(page).toContain(squash(chart.series[0]!.name.text));
    expect(page).toContain(squash(chart.axisTitles!.value!));
    expect(page).toContain("營運摘要");
    // The finance section is on the sheet too.
    expect(pages.some((text) => text.includes("計算基礎"))).toBe(true);
  });
});
