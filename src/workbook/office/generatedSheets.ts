/**
 * The sheets the add-in writes into the open workbook: 檢核結果 and 營運摘要 (+ its calculation
 * sheet), replacing only sheets we marked and never a person's sheet of the same name; and the
 * template's input sheets, added only where the workbook lacks them. Excel keeps half of a batch
 * that fails, so after a failure the sheets this run added are removed again: the workbook ends
 * with all of them or none, and the error says which.
 */
import { findSheet } from "../../engine/read/tables";
import {
  BUDGET_SHEET,
  GENERATED_SHEETS,
  INCOME_SHEET,
  MEMBERS_SHEET,
  PLAN_SHEET,
  SUBSIDY_HISTORY_SHEET,
} from "../../engine/contract";
import type { Language, ValidationResult, WorkbookSnapshot } from "../../engine/types";
import {
  describeSummaryInputs,
  findingsSheetLayout,
  kindOfMarker,
  markerNotices,
  planGeneratedSheetNames,
  summaryLayouts,
  templateLayouts,
} from "../../layouts";
import type { SheetLayout } from "../../layouts";
import type { ProgressListener } from "../gateway";
import { readWorkbookNames, writeLayouts } from "./layoutWriter";
import type { WriteProgress } from "./session";

const LISTS_SHEET_NAMES = { "zh-TW": "選項清單", en: "Lists" };

/** Whether the workbook already has the template sheet `layout` (either language, or an alias). */
function templateSheetPresent(sheets: readonly string[], layout: SheetLayout): boolean {
  const snapshot: WorkbookSnapshot = {
    sheets: sheets.map((name) => ({ name, originRow: 1, originColumn: 1, values: [] })),
  };
  const contract: Partial<Record<SheetLayout["kind"], { name: { "zh-TW": string; en: string }; aliases?: string[] }>> =
    {
      plan: PLAN_SHEET,
      budget: BUDGET_SHEET,
      members: MEMBERS_SHEET,
      income: INCOME_SHEET,
      subsidyHistory: SUBSIDY_HISTORY_SHEET,
      instructions: { name: GENERATED_SHEETS.instructions },
      lists: { name: LISTS_SHEET_NAMES },
    };
  const entry = contract[layout.kind];
  const sameName = sheets.some((sheet) => sheet.toLowerCase() === layout.name.toLowerCase());
  if (!entry) return sameName;
  return findSheet(snapshot, entry.name, entry.aliases ?? []) !== null || sameName;
}

export interface SummaryWriteOptions {
  language: Language;
  notes: boolean;
  budget: number;
  onProgress?: ProgressListener | undefined;
  progress: WriteProgress;
  /** Sheets this run replaces or adds: all ours, whatever state a failure leaves them in. */
  ours: string[];
  /** The workbook's file name and who checked, for 檢核結果's title block (lines to fill in when absent). */
  fileName?: string;
  checkedBy?: string;
}

/** Syncs: one to read names and markers, then the writes (one per payload budget). */
export async function writeSummarySheets(
  context: Excel.RequestContext,
  result: ValidationResult,
  snapshot: WorkbookSnapshot,
  options: SummaryWriteOptions
): Promise<{ notices: string[]; sheets: string[] }> {
  const current = await readWorkbookNames(context);
  const plan = planGeneratedSheetNames(
    ["findings", "summary", "summaryCalc"],
    current.sheets,
    current.marked,
    options.language
  );
  const existing = current.sheets.filter(
    (sheet) => !plan.replace.some((name) => name.toLowerCase() === sheet.toLowerCase())
  );
  const layouts = [
    findingsSheetLayout(result, options.language, {
      sheetName: plan.names.findings,
      existingSheets: existing,
      ...(options.fileName !== undefined ? { fileName: options.fileName } : {}),
      ...(options.checkedBy !== undefined ? { checkedBy: options.checkedBy } : {}),
    }),
    ...summaryLayouts(result, options.language, describeSummaryInputs(snapshot, result), {
      sheetNames: { summary: plan.names.summary, summaryCalc: plan.names.summaryCalc },
    }),
  ];
  options.ours.push(...plan.replace, ...layouts.map((layout) => layout.name));
  await writeLayouts(context, layouts, {
    replace: plan.replace,
    markerNames: current.markerNames,
    taken: current.taken,
    notes: options.notes,
    maxPayloadBytes: options.budget,
    onProgress: options.onProgress,
    progress: options.progress,
  });
  const notices = [...plan.notices, ...markerNotices(current.problems, plan.names, options.language)];
  return { notices, sheets: layouts.map((layout) => layout.name) };
}

export interface TemplateWriteOptions {
  language: Language;
  notes: boolean;
  budget: number;
  onProgress?: ProgressListener | undefined;
  progress: WriteProgress;
  /** Told of each sheet as it is added. */
  added: string[];
}

/** Adds the template's sheets that the workbook lacks (matched as the engine finds them); never overwrites. */
export async function insertTemplateSheets(
  context: Excel.RequestContext,
  options: TemplateWriteOptions
): Promise<string[]> {
  const current = await readWorkbookNames(context);
  const layouts = templateLayouts(options.language).filter((layout) => !templateSheetPresent(current.sheets, layout));
  await writeLayouts(context, layouts, {
    taken: current.taken,
    notes: options.notes,
    maxPayloadBytes: options.budget,
    onProgress: options.onProgress,
    progress: options.progress,
    added: options.added,
  });
  return layouts.map((layout) => layout.name);
}

/**
 * Deletes the sheets named (this run's) and, with `markers`, every sheet of ours (marker and
 * name agreeing) and those markers. A marker that does not agree is left, and so is its sheet.
 */
export async function removeSheets(
  context: Excel.RequestContext,
  names: readonly string[],
  options: { markers: boolean }
): Promise<void> {
  const current = await readWorkbookNames(context);
  const doomed = new Set(
    [...names, ...(options.markers ? Object.values(current.marked) : [])].map((name) => name.toLowerCase())
  );
  const sheets = current.sheets.filter((sheet) => doomed.has(sheet.toLowerCase()));
  // Excel refuses to delete the last sheet; a workbook holding only our sheets keeps one.
  const deletable = sheets.length === current.sheets.length ? sheets.slice(1) : sheets;
  for (const sheet of deletable) context.workbook.worksheets.getItem(sheet).delete();
  if (options.markers)
    for (const marker of current.markerNames) {
      const kind = kindOfMarker(marker);
      if (kind !== null && current.marked[kind] !== undefined)
        context.workbook.names.getItemOrNullObject(marker).delete();
    }
  await context.sync();
}
