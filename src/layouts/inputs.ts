/**
 * Where the input sheets' data is, for formulas that reach into them: sheet names, header rows and
 * the column letters of the headers found, located exactly as the engine locates them. Also the
 * member figures per year that the engine's Summary does not carry (derived with the engine's own
 * model and analysis, so they agree with it by construction).
 */
import { analyse } from "../engine/analysis";
import { memberFigures } from "../engine/summary";
import { columnLetters } from "../engine/address";
import { BUDGET_SHEET, INCOME_SHEET, MEMBERS_SHEET, PLAN_SHEET, SUBSIDY_HISTORY_SHEET, TableSheetDefinition } from "../engine/contract";
import { packOf } from "../engine/format";
import { buildModel } from "../engine/model";
import { cellText, isEmptyCell } from "../engine/normalize";
import { PlanFieldKey, readPlanCells } from "../engine/read/plan";
import { findSheet, locateTable } from "../engine/read/tables";
import type { ValidationResult, WorkbookSnapshot } from "../engine/types";
import type { RuleId, RulePack } from "../rules/schema";

export interface InputTable {
  sheet: string;
  /** 1-based header row. */
  headerRow: number;
  /** Column letter of each known header found, by the contract's column key. */
  columns: Record<string, string>;
  /** Leftmost column holding data below the header. */
  firstColumn: string;
  /**
   * Columns where total-row labels (合計, 人事費小計, Total…) are looked for: those where the
   * engine found them, else the leftmost data column.
   */
  totalColumns: string[];
  /** Each known header's text as typed (a repeated header row is not data). */
  headerTexts: Record<string, string>;
  /** Last row of the sheet's data. */
  lastRow: number;
}

export interface InputPlan {
  sheet: string;
  /** A1 address of each field's value cell found on the plan sheet. */
  cells: Partial<Record<PlanFieldKey, string>>;
}

export interface InputSheets {
  plan: InputPlan | null;
  budget: InputTable | null;
  members: InputTable | null;
  income: InputTable | null;
  subsidyHistory: InputTable | null;
}

export type { MemberFigures } from "../engine/types";
import type { MemberFigures } from "../engine/types";

export interface SummaryInputs {
  sheets: InputSheets;
  /** null when there is no members sheet. */
  members: {
    /** Every row, whatever the year joined (counted = eligible members). */
    all: MemberFigures;
    /** Members joined in or before each year of the summary. */
    byYear: Record<number, MemberFigures>;
  } | null;
}

function describeTable(snapshot: WorkbookSnapshot, definition: TableSheetDefinition): InputTable | null {
  const sheet = findSheet(snapshot, definition.name);
  if (!sheet) return null;
  const table = locateTable(sheet, definition);
  if (table.headerRow === null) return null;
  const columns: Record<string, string> = {};
  for (const [key, column] of Object.entries(table.columns)) columns[key] = columnLetters(column);
  let first = Math.min(...Object.values(table.columns));
  for (let r = table.headerRow - sheet.originRow + 1; r < sheet.values.length; r += 1) {
    const values = sheet.values[r] ?? [];
    const c = values.findIndex((value) => !isEmptyCell(value));
    if (c >= 0) first = Math.min(first, sheet.originColumn + c);
  }
  const totalColumns = new Set<string>();
  for (const row of table.rows) {
    if (!row.isTotal) continue;
    const values = sheet.values[row.row - sheet.originRow] ?? [];
    const c = values.findIndex((value) => typeof value === "string" && cellText(value) === row.firstText);
    if (c >= 0) totalColumns.add(columnLetters(sheet.originColumn + c));
  }
  const headerTexts: Record<string, string> = {};
  const headerValues = sheet.values[table.headerRow - sheet.originRow] ?? [];
  for (const [key, column] of Object.entries(table.columns)) {
    const text = headerValues[column - sheet.originColumn];
    if (typeof text === "string") headerTexts[key] = text.trim();
  }
  return {
    sheet: sheet.name,
    headerRow: table.headerRow,
    columns,
    firstColumn: columnLetters(first),
    totalColumns: totalColumns.size > 0 ? [...totalColumns] : [columnLetters(first)],
    headerTexts,
    lastRow: Math.max(table.headerRow, sheet.originRow + sheet.values.length - 1),
  };
}

export function describeInputSheets(snapshot: WorkbookSnapshot): InputSheets {
  const planSheet = findSheet(snapshot, PLAN_SHEET.name);
  let plan: InputPlan | null = null;
  if (planSheet) {
    const found = readPlanCells(planSheet);
    const cells: Partial<Record<PlanFieldKey, string>> = {};
    for (const [key, cell] of Object.entries(found.fields) as [PlanFieldKey, { address: string } | undefined][]) {
      if (cell) cells[key] = cell.address;
    }
    plan = { sheet: planSheet.name, cells };
  }
  return {
    plan,
    budget: describeTable(snapshot, BUDGET_SHEET),
    members: describeTable(snapshot, MEMBERS_SHEET),
    income: describeTable(snapshot, INCOME_SHEET),
    subsidyHistory: describeTable(snapshot, SUBSIDY_HISTORY_SHEET),
  };
}

/** The MEM-EXCLUDED-* rules of a pack that are switched on, in pack order. */
export function exclusionRules(pack: RulePack): RuleId[] {
  return (Object.keys(pack.rules) as RuleId[]).filter((id) => id.startsWith("MEM-EXCLUDED-") && pack.rules[id].enabled);
}

export const DUPLICATE_RULE: RuleId = "MEM-DUPLICATE";

/** Inputs of the summary sheet: input positions plus the engine's member figures per year. */
export function describeSummaryInputs(snapshot: WorkbookSnapshot, result: ValidationResult): SummaryInputs {
  const sheets = describeInputSheets(snapshot);
  const pack = packOf(result);
  const model = buildModel(snapshot, pack);
  if (!model.members) return { sheets, members: null };
  const analysis = analyse(model, pack);

  const reasons = [...exclusionRules(pack), DUPLICATE_RULE];
  // The engine's figures, with every reason present (zero where none) for the sheet's columns.
  const figures = (year: number | null): MemberFigures => {
    const engine = memberFigures(analysis, year);
    return { ...engine, byReason: { ...Object.fromEntries(reasons.map((id) => [id, 0])), ...engine.byReason } };
  };
  const byYear: Record<number, MemberFigures> = {};
  for (const { year } of result.summary.years) byYear[year] = figures(year);
  return { sheets, members: { all: figures(null), byYear } };
}
