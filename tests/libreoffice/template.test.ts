/**
 * The template, filled in and saved by another spreadsheet program (LibreOffice), passes the
 * check when filled in correctly; its dropdowns offer exactly the contract's vocabularies.
 */
import ExcelJS from "exceljs";
import { validateWorkbook } from "../../src/engine";
import { BUDGET_SHEET, INCOME_SHEET, MEMBERS_SHEET, PLAN_SHEET } from "../../src/engine/contract";
import type { Language } from "../../src/engine/types";
import { TEMPLATE_HEADER_ROWS, templateLayouts, templatePlanFields } from "../../src/layouts/template";
import { catalogueRulePack } from "../../src/rules";
import type { VocabularyName } from "../../src/rules/schema";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { writeLayoutsToNewWorkbook } from "../../src/workbook/xlsx/writeLayout";
import { findElements } from "../../src/workbook/xlsx/package";
import { decodeXmlText } from "../../src/workbook/xmlText";
import { bytesOf, loadWorkbook, partText, sheetPart } from "../layouts/fixtures";
import { cleanBudget, cleanIncome, cleanMembers, cleanPlan } from "../helpers/workbook";
import type { Row } from "../helpers/workbook";
import { convertWithLibreOffice, describeWithLibreOffice } from "./soffice";

/**
 * Types the clean contract data into the template as a person would: plan values beside their
 * labels; budget lines into the blank lines of their 科目's section, leaving 金額 to the
 * template's formula where 單價 and 數量 are given; other tables below their header row.
 */
async function fillTemplate(data: Uint8Array, language: Language): Promise<Uint8Array> {
  const workbook = await loadWorkbook(data);
  const plan = workbook.getWorksheet(PLAN_SHEET.name[language])!;
  plan.eachRow((row) => {
    const field = templatePlanFields().find((candidate) => candidate.label[language] === row.getCell(1).value);
    const value = field ? cleanPlan[field.label["zh-TW"]] : undefined;
    if (value !== undefined) row.getCell(2).value = value as ExcelJS.CellValue;
  });
  const fill = (definition: typeof BUDGET_SHEET, rows: Row[]) => {
    const sheet = workbook.getWorksheet(definition.name[language])!;
    const header = TEMPLATE_HEADER_ROWS[definition.key];
    rows.forEach((row, r) => {
      definition.columns.forEach((column, c) => {
        const value = row[column.label["zh-TW"]];
        if (value !== undefined && value !== null) sheet.getCell(header + 1 + r, c + 1).value = value as ExcelJS.CellValue;
      });
    });
  };
  const budget = workbook.getWorksheet(BUDGET_SHEET.name[language])!;
  const categories = catalogueRulePack().vocabularies.budgetCategory;
  // Each 科目's section: the rows from the previous subtotal (or the header) to its own subtotal.
  const subtotalRows = categories.map((category) => {
    const label = language === "zh-TW" ? `${category.label[language]}小計` : `Subtotal (${category.label[language]})`;
    let found = 0;
    budget.eachRow((row, number) => {
      if (row.getCell(1).value === label) found = number;
    });
    return found;
  });
  const next = categories.map((_, index) => (index === 0 ? TEMPLATE_HEADER_ROWS.budget + 1 : subtotalRows[index - 1]! + 1));
  for (const line of cleanBudget) {
    const index = categories.findIndex((category) => category.value === line["科目"]);
    const target = next[index]!;
    next[index] = target + 1;
    expect(target).toBeLessThan(subtotalRows[index]!);
    const computed = typeof line["單價"] === "number" && typeof line["數量"] === "number";
    BUDGET_SHEET.columns.forEach((column, c) => {
      const value = line[column.label["zh-TW"]];
      if (column.key === "amount" && computed) return;
      if (value !== undefined && value !== null) budget.getCell(target, c + 1).value = value as ExcelJS.CellValue;
    });
  }
  fill(MEMBERS_SHEET, cleanMembers);
  fill(INCOME_SHEET, cleanIncome);
  return bytesOf(workbook);
}

/** The values each list rule of a sheet offers, by range. */
function dropdowns(data: Uint8Array, sheet: string): Map<string, string[]> {
  const xml = partText(data, sheetPart(data, sheet))!;
  const lists = new Map<string, string[]>();
  for (const rule of findElements(xml, "dataValidation")) {
    const range = /sqref="([^"]+)"/.exec(rule.start)?.[1] ?? "";
    const formula = decodeXmlText(/<(?:\w+:)?formula1>([\s\S]*?)<\/(?:\w+:)?formula1>/.exec(rule.inner)?.[1] ?? "");
    lists.set(range, formula.replace(/^"|"$/g, "").split(","));
  }
  return lists;
}

describeWithLibreOffice("the template through LibreOffice", () => {
  it.each<Language>(["zh-TW", "en"])("passes the check when filled in correctly (%s)", async (language) => {
    const template = await writeLayoutsToNewWorkbook(templateLayouts(language));
    const saved = convertWithLibreOffice(await fillTemplate(template, language));
    const result = validateWorkbook(await readWorkbookSnapshot(saved));
    expect(result.rulePack).toBe("nstc-alliance-115");
    expect(result.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    // The amount formulas and the 小計／合計 rows add up: no false mismatch.
    expect(result.findings.filter((finding) => finding.ruleId.startsWith("BUD-") && finding.ruleId.endsWith("MISMATCH"))).toEqual([]);
    expect(result.summary.budget?.total).toBe(cleanBudget.reduce((sum, line) => sum + Number(line["金額"]), 0));
    expect(result.summary.members.counted).toBe(cleanMembers.length);
  });

  it("keeps dropdowns that offer exactly the contract's vocabularies", async () => {
    const template = await writeLayoutsToNewWorkbook(templateLayouts("zh-TW"));
    const saved = convertWithLibreOffice(template);
    const pack = catalogueRulePack();
    const expected: [string, string, VocabularyName][] = [
      ["經費表", "A5:A1004", "budgetCategory"],
      ["經費表", "D5:D1004", "staffType"],
      ["經費表", "E5:E1004", "degree"],
      ["經費表", "K5:K1004", "fundingSource"],
      ["會員名單", "C4:C1003", "country"],
      ["會員名單", "D4:D1003", "organizationType"],
      ["會員名單", "E4:E1003", "companySize"],
      ["營運收入", "B4:B1003", "incomeType"],
    ];
    for (const file of [template, saved]) {
      for (const [sheet, range, vocabulary] of expected) {
        expect({ sheet, range, values: dropdowns(file, sheet).get(range) }).toEqual({
          sheet,
          range,
          values: pack.vocabularies[vocabulary].map((entry) => entry.label["zh-TW"]),
        });
      }
    }
  });
});
