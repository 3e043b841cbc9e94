/** Workbook shape: missing sheets and columns, and values outside a column's vocabulary. */
import { ColumnDefinition, INCOME_SHEET, MEMBERS_SHEET, BUDGET_SHEET, PLAN_SHEET } from "../contract";
import type { LocatedTable } from "../read/tables";
import type { VocabularyName } from "../../rules/schema";
import { cellTarget, defineCheck, firstHeaderAddressTarget, missingSheetTarget } from "./check";
import type { BudgetLine, MemberRow, VocabularyCell } from "../model";

const SHEETS_BY_KEY = { budget: BUDGET_SHEET, members: MEMBERS_SHEET, income: INCOME_SHEET };

export const sheetMissing = defineCheck("WB-SHEET-MISSING", ({ model, report }) => {
  if (model.planSheetMissing) {
    report(missingSheetTarget(PLAN_SHEET), { sheet: PLAN_SHEET.name["zh-TW"], sheetEn: PLAN_SHEET.name.en });
  }
  for (const key of model.missingSheets) {
    const definition = SHEETS_BY_KEY[key as keyof typeof SHEETS_BY_KEY];
    if (!definition || definition.missingSeverity === null) continue;
    report(
      missingSheetTarget(definition),
      { sheet: definition.name["zh-TW"], sheetEn: definition.name.en },
      { variant: definition.missingSeverity === "warning" ? "optional" : undefined },
    );
  }
});

export const columnMissing = defineCheck("WB-COLUMN-MISSING", ({ model, report }) => {
  const tables = [model.budget?.table, model.members?.table, model.income?.table, model.subsidyHistory?.table];
  for (const table of tables) {
    if (!table) continue;
    for (const column of table.missingRequired) {
      report(
        firstHeaderAddressTarget(table),
        { sheet: table.sheet.name, column: column.label["zh-TW"], columnEn: column.label.en },
        { variant: table.headerRow === null ? "noHeader" : undefined, key: column.key },
      );
    }
  }
});

/** Columns whose vocabulary misses have no rule of their own (科目 and 收入類別 do). */
// `cellOf` reads the parsed cell with a plain property access: a computed `row[column]` over
// every line was most of this check's time on large budgets.
const VOCABULARY_COLUMNS: { sheet: "budget" | "members"; column: string; vocabulary: VocabularyName; cellOf: (row: never) => VocabularyCell }[] = [
  { sheet: "budget", column: "staffType", vocabulary: "staffType", cellOf: (line: BudgetLine) => line.staffType },
  { sheet: "budget", column: "degree", vocabulary: "degree", cellOf: (line: BudgetLine) => line.degree },
  { sheet: "budget", column: "fundingSource", vocabulary: "fundingSource", cellOf: (line: BudgetLine) => line.fundingSource },
  { sheet: "members", column: "orgType", vocabulary: "organizationType", cellOf: (member: MemberRow) => member.orgType },
  { sheet: "members", column: "size", vocabulary: "companySize", cellOf: (member: MemberRow) => member.size },
  { sheet: "members", column: "country", vocabulary: "country", cellOf: (member: MemberRow) => member.country },
];

export const valueUnknown = defineCheck("WB-VALUE-UNKNOWN", ({ model, report, vocabulary }) => {
  for (const spec of VOCABULARY_COLUMNS) {
    const sheet = spec.sheet === "budget" ? model.budget : model.members;
    if (!sheet) continue;
    const definition = sheet.table.definition.columns.find((c) => c.key === spec.column) as ColumnDefinition;
    const cellOf = spec.cellOf as (row: BudgetLine | MemberRow) => VocabularyCell | undefined;
    for (const row of sheet.rows as (BudgetLine | MemberRow)[]) {
      const cell = cellOf(row);
      if (!cell?.unknown || !cell.cell) continue;
      report(
        cellTarget(sheet.table as LocatedTable, cell.cell),
        {
          column: definition.label["zh-TW"],
          columnEn: definition.label.en,
          value: cell.raw,
          allowed: vocabulary.list(spec.vocabulary, "zh-TW"),
          allowedEn: vocabulary.list(spec.vocabulary, "en"),
        },
        { variant: spec.vocabulary === "country" ? "country" : undefined, key: `${spec.column}|${cell.raw}` },
      );
    }
  }
});
