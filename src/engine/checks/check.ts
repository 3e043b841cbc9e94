/**
 * What a check is: a definition in a registry (the rule it reports, and the function that emits
 * its findings). The engine walks the registry; it never switches on rule IDs. A check reads the
 * model and the shared analysis, and reports through `report`, which fills in the severity,
 * sources and fingerprint from the rule pack.
 */
import type { RuleId, RulePack } from "../../rules/schema";
import type { Analysis } from "../analysis";
import { toA1 } from "../address";
import { PLAN_SHEET } from "../contract";
import type { WorkbookModel } from "../model";
import type { PlanFieldKey } from "../read/plan";
import { firstHeaderAddress, headerAddress, LocatedCell, LocatedTable } from "../read/tables";
import type { MessageParams } from "../types";
import type { VocabularyResolver } from "../vocabulary";

/** Where a finding points. */
export interface Target {
  sheet: string;
  row: number;
  column: number;
  address: string;
  /** Canonical sheet key, for fingerprints that survive renaming the sheet to its English alias. */
  sheetKey: string;
}

export interface ReportOptions {
  variant?: string;
  /** The row's identity for the fingerprint (e.g. tax ID, item text); defaults to the address. */
  key?: string;
}

export type Report = (target: Target, params: MessageParams, options?: ReportOptions) => void;

/** How the rule pack was chosen, for PLAN-NO-RULE-PACK. */
export interface PackSelection {
  /** The pack in force, or null (only data rules run). */
  packId: string | null;
  /** A pack named on the Plan sheet that does not exist. */
  unknownPlanPack: string | null;
  /** The fiscal year that has no pack, when that is why no pack is in force. */
  fiscalYearWithoutPack: number | null;
  available: string[];
}

export interface CheckContext<R extends RuleId = RuleId> {
  model: WorkbookModel;
  selection: PackSelection;
  pack: RulePack;
  analysis: Analysis;
  vocabulary: VocabularyResolver;
  params: RulePack["rules"][R]["params"];
  report: Report;
}

export interface Check<R extends RuleId = RuleId> {
  rule: R;
  run(context: CheckContext<R>): void;
}

export function defineCheck<R extends RuleId>(rule: R, run: (context: CheckContext<R>) => void): Check<R> {
  return { rule, run };
}

export function cellTarget(table: LocatedTable, cell: LocatedCell): Target {
  return { sheet: table.sheet.name, row: cell.row, column: cell.column, address: cell.address, sheetKey: table.definition.key };
}

/** A row's cell for a column, or the row's first known cell when that column is absent. */
export function rowTarget(table: LocatedTable, cells: Record<string, LocatedCell | undefined>, ...columnKeys: string[]): Target {
  for (const key of columnKeys) {
    const cell = cells[key];
    if (cell) return cellTarget(table, cell);
  }
  const first = Object.values(cells).find((cell): cell is LocatedCell => cell !== undefined);
  if (first) return cellTarget(table, first);
  const header = firstHeaderAddress(table);
  return { sheet: table.sheet.name, ...header, sheetKey: table.definition.key };
}

export function headerTarget(table: LocatedTable, columnKey: string): Target {
  return { sheet: table.sheet.name, ...headerAddress(table, columnKey), sheetKey: table.definition.key };
}

export function firstHeaderAddressTarget(table: LocatedTable): Target {
  return { sheet: table.sheet.name, ...firstHeaderAddress(table), sheetKey: table.definition.key };
}

export function missingSheetTarget(definition: { name: { "zh-TW": string; en: string }; key: string }): Target {
  return { sheet: definition.name["zh-TW"], row: 1, column: 1, address: "A1", sheetKey: definition.key };
}

/** PLAN-* findings: the label's value cell on 計畫資訊, or A1 when the label is absent. */
export function planTarget(model: WorkbookModel, field: PlanFieldKey): Target {
  const sheet = model.plan.sheet?.name ?? PLAN_SHEET.name["zh-TW"];
  const cell = model.plan.cells?.fields[field];
  if (cell) return { sheet, row: cell.row, column: cell.column, address: cell.address, sheetKey: "plan" };
  return { sheet, row: 1, column: 1, address: toA1(1, 1), sheetKey: "plan" };
}

/** OPS-* findings: the 營運收入 sheet's 金額 header, or A1 of 計畫資訊 without an income sheet. */
export function opsTarget(model: WorkbookModel): Target {
  if (model.income) return headerTarget(model.income.table, "amount");
  return { sheet: model.plan.sheet?.name ?? PLAN_SHEET.name["zh-TW"], row: 1, column: 1, address: "A1", sheetKey: "plan" };
}
