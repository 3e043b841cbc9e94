/**
 * 修正紀錄 / Fix log: one row per cell a quick fix changed (`alliance-check fix`), in the order
 * the fixes were applied: the sheet, the cell (a link to it), the rule, what the cell held and
 * what it holds now, and the fix's one-line description. Everything is written as a value: a
 * formula is shown as its text ("=SUM(J2:J9)"), never run.
 */
import { formatNumber } from "../engine/normalize";
import { isCellError, type CellContent, type Language } from "../engine/types";
import type { LayoutCell, LayoutValue, SheetLayout } from "./layout";
import { valueCell } from "./layout";
import { GENERATED_SHEET_NAMES, sameSheetName } from "./names";

/** One changed cell, as the log shows it. */
export interface FixLogEntry {
  sheet: string;
  cell: string;
  ruleId: string;
  before: CellContent;
  after: CellContent;
  /** The fix's description in the log's language. */
  description: string;
}

const HEADERS: Readonly<Record<Language, string[]>> = {
  "zh-TW": ["工作表", "儲存格", "規則", "原值", "新值", "說明"],
  en: ["Sheet", "Cell", "Rule", "Old", "New", "Description"],
};

const WIDTHS = [14, 10, 24, 22, 22, 70];

const EMPTY: Readonly<Record<Language, string>> = { "zh-TW": "（空白）", en: "(empty)" };

/** What a cell holds, as one line: a formula with its value, a number with thousands separators, text as it is. */
export function contentText(content: CellContent, language: Language): string {
  const value = content.value;
  let shown: string;
  if (value === null || value === "") shown = EMPTY[language];
  else if (typeof value === "number") shown = formatNumber(value);
  else if (typeof value === "boolean") shown = value ? "TRUE" : "FALSE";
  else if (isCellError(value)) shown = value.error;
  else shown = value;
  if (content.formula === undefined) return shown;
  return language === "zh-TW" ? `${content.formula}（${shown}）` : `${content.formula} (${shown})`;
}

export interface FixLogOptions {
  sheetName?: string;
  /** Sheets of the workbook: the cell column links only to these. Default: link every cell. */
  existingSheets?: readonly string[];
}

export function fixLogSheetLayout(entries: readonly FixLogEntry[], language: Language, options: FixLogOptions = {}): SheetLayout {
  const headers = HEADERS[language];
  const cells: LayoutCell[] = headers.map((header, index) => valueCell(1, index + 1, header, ["header"]));
  const canLink = (sheet: string): boolean => options.existingSheets === undefined || options.existingSheets.some((name) => sameSheetName(name, sheet));
  entries.forEach((entry, index) => {
    const row = index + 2;
    cells.push(valueCell(row, 1, entry.sheet, ["text"]));
    if (canLink(entry.sheet)) {
      cells.push({ row, column: 2, content: { kind: "link", text: entry.cell, sheet: entry.sheet, cell: entry.cell }, styles: ["link"] });
    } else {
      cells.push(valueCell(row, 2, entry.cell, ["text"]));
    }
    cells.push(valueCell(row, 3, entry.ruleId));
    cells.push(valueCell(row, 4, contentText(entry.before, language) as LayoutValue, ["text"]));
    cells.push(valueCell(row, 5, contentText(entry.after, language) as LayoutValue, ["text"]));
    cells.push(valueCell(row, 6, entry.description, ["wrap"]));
  });
  if (entries.length === 0) cells.push(valueCell(2, 1, language === "zh-TW" ? "沒有可自動修正的項目。" : "Nothing to fix automatically."));
  const lastRow = Math.max(entries.length + 1, 2);
  return {
    kind: "fixLog",
    name: options.sheetName ?? GENERATED_SHEET_NAMES.fixLog[language],
    cells,
    columns: WIDTHS.map((width, index) => ({ column: index + 1, width })),
    frozen: { rows: 1 },
    autoFilter: `A1:F${lastRow}`,
    tabColor: "#107C10",
  };
}
