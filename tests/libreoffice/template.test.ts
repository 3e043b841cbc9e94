/**
 * The template, filled in and saved by another spreadsheet program (LibreOffice), passes the
 * check when filled in correctly; its dropdowns offer exactly the contract's vocabularies.
 */
import ExcelJS from "exceljs";
import { validateWorkbook } from "../../src/engine";
import { BUDGET_SHEET, INCOME_SHEET, MEMBERS_SHEET, PLAN_SHEET } from "../../src/engine/contract";
import type { Language } from "../../src/engine/types";
import { templateLayouts } from "../../src/layouts/template";
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

/** Types the clean contract data into the template, by its own header row. */
async function fillTemplate(data: Uint8Array, language: Language): Promise<Uint8Array> {
  const workbook = await loadWorkbook(data);
  const plan = workbook.getWorksheet(PLAN_SHEET.name[language])!;
  PLAN_SHEET.fields.forEach((field, index) => {
    const value = cleanPlan[field.label["zh-TW"]];
    if (value !== undefined) plan.getCell(index + 2, 2).value = value as ExcelJS.CellValue;
  });
  const fill = (definition: typeof BUDGET_SHEET, rows: Row[]) => {
    const sheet = workbook.getWorksheet(definition.name[language])!;
    rows.forEach((row, r) => {
      definition.columns.forEach((column, c) => {
        const value = row[column.label["zh-TW"]];
        if (value !== undefined && value !== null) sheet.getCell(r + 2, c + 1).value = value as ExcelJS.CellValue;
      });
    });
  };
  fill(BUDGET_SHEET, cleanBudget);
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
    expect(result.summary.members.counted).toBe(cleanMembers.length);
  });

  it("keeps dropdowns that offer exactly the contract's vocabularies", async () => {
    const template = await writeLayoutsToNewWorkbook(templateLayouts("zh-TW"));
    const saved = convertWithLibreOffice(template);
    const pack = catalogueRulePack();
    const expected: [string, string, VocabularyName][] = [
      ["經費表", "A2:A1001", "budgetCategory"],
      ["經費表", "D2:D1001", "staffType"],
      ["經費表", "E2:E1001", "degree"],
      ["經費表", "K2:K1001", "fundingSource"],
      ["會員名單", "C2:C1001", "country"],
      ["會員名單", "D2:D1001", "organizationType"],
      ["會員名單", "E2:E1001", "companySize"],
      ["營運收入", "B2:B1001", "incomeType"],
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
