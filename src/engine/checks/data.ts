/**
 * Data checks that run with or without a rule pack: required cells left empty and numeric cells
 * that hold text or an Excel error. Total rows' amounts are numeric cells too.
 */
import type { RuleId } from "../../rules/schema";
import { isEmptyCell } from "../normalize";
import type { SheetModel } from "../model";
import type { LocatedTable, TableRow } from "../read/tables";
import { cellText, parseNumberCell } from "../normalize";
import { cellTarget, Check, defineCheck, Report } from "./check";

function columnLabel(table: LocatedTable, key: string): { column: string; columnEn: string } {
  const definition = table.definition.columns.find((c) => c.key === key);
  return { column: definition?.label["zh-TW"] ?? key, columnEn: definition?.label.en ?? key };
}

/** Reports cells of numeric (and year) columns that are neither empty nor readable. */
function reportNotNumbers(report: Report, table: LocatedTable, rows: TableRow[]): void {
  for (const row of rows) {
    for (const key of row.unreadable) {
      const cell = row.cells[key];
      if (!cell) continue;
      // An amount in another currency is not an NT$ amount: the message says so and to convert it.
      const parsed = typeof cell.value === "string" ? parseNumberCell(cell.value) : null;
      const foreign = parsed?.kind === "invalid" && parsed.currency !== undefined;
      report(cellTarget(table, cell), { ...columnLabel(table, key), value: cellText(cell.value) }, { key: `${key}@${row.row}`, variant: foreign ? "foreignCurrency" : undefined });
    }
  }
}

function reportMissing(report: Report, table: LocatedTable, rows: TableRow[], columns: string[]): void {
  for (const row of rows) {
    for (const key of columns) {
      const cell = row.cells[key];
      if (!cell || !isEmptyCell(cell.value)) continue;
      report(cellTarget(table, cell), columnLabel(table, key), { key: `${key}@${row.row}` });
    }
  }
}

function lineRows<Row extends { source: TableRow }>(sheet: SheetModel<Row>): TableRow[] {
  return sheet.rows.map((row) => row.source);
}

export const budgetNotNumber = defineCheck("BUD-NOT-NUMBER", ({ model, report }) => {
  // Total rows included: their amount must be a number too.
  if (model.budget) reportNotNumbers(report, model.budget.table, model.budget.table.rows);
});

export const budgetMissing = defineCheck("BUD-MISSING", ({ model, report, params }) => {
  const budget = model.budget;
  if (!budget) return;
  reportMissing(report, budget.table, lineRows(budget), ["category", "item", "amount"]);
  for (const line of budget.rows) {
    const cell = line.source.cells.staffType;
    if (!cell || !isEmptyCell(cell.value)) continue;
    if (line.category.value !== null && params.personnelCategories.includes(line.category.value)) {
      report(cellTarget(budget.table, cell), columnLabel(budget.table, "staffType"), { variant: "staffType", key: `staffType@${line.source.row}` });
    }
  }
});

export const membersNotNumber = defineCheck("MEM-NOT-NUMBER", ({ model, report }) => {
  if (model.members) reportNotNumbers(report, model.members.table, lineRows(model.members));
});

export const membersMissing = defineCheck("MEM-MISSING", ({ model, report }) => {
  if (model.members) reportMissing(report, model.members.table, lineRows(model.members), ["company"]);
});

export const incomeNotNumber = defineCheck("INC-NOT-NUMBER", ({ model, report }) => {
  if (model.income) reportNotNumbers(report, model.income.table, lineRows(model.income));
  if (model.subsidyHistory) reportNotNumbers(report, model.subsidyHistory.table, lineRows(model.subsidyHistory));
});

export const incomeMissing = defineCheck("INC-MISSING", ({ model, report }) => {
  if (model.income) reportMissing(report, model.income.table, lineRows(model.income), ["year", "type", "amount"]);
});

export const DATA_CHECKS: Check<RuleId>[] = [
  budgetNotNumber,
  budgetMissing,
  membersNotNumber,
  membersMissing,
  incomeNotNumber,
  incomeMissing,
] as Check<RuleId>[];
