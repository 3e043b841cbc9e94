/**
 * 檢核結果 / Findings: one row per finding. Everything is written as a value: a company called
 * `=HYPERLINK(…)` stays text. The cell column links to the flagged cell.
 */
import { parseA1 } from "../engine/address";
import { createFormatter } from "../engine/format";
import type { Language, Severity, ValidationResult } from "../engine/types";
import type { LayoutCell, SheetLayout, StyleKey } from "./layout";
import { valueCell } from "./layout";
import { GENERATED_SHEET_NAMES, sameSheetName } from "./names";

export const SEVERITY_WORDS: Readonly<Record<Severity, string>> = {
  error: "錯誤",
  warning: "警告",
  info: "提示",
};

const HEADERS: Readonly<Record<Language, string[]>> = {
  "zh-TW": ["嚴重度", "規則", "工作表", "儲存格", "說明", "例外說明"],
  en: ["Severity", "Rule", "Sheet", "Cell", "Message", "Exception note"],
};

const WIDTHS = [14, 28, 14, 10, 90, 36];

export interface FindingsLayoutOptions {
  /** The name the sheet gets (default 檢核結果 / Findings). */
  sheetName?: string;
  /** Sheets of the workbook: the cell column links only to these. Default: link every finding. */
  existingSheets?: readonly string[];
}

function severityStyle(severity: Severity, waived: boolean): StyleKey {
  return waived ? "waived" : `severity-${severity}`;
}

export function findingsSheetLayout(result: ValidationResult, language: Language, options: FindingsLayoutOptions = {}): SheetLayout {
  const format = createFormatter(result);
  const headers = HEADERS[language];
  const cells: LayoutCell[] = headers.map((header, index) => valueCell(1, index + 1, header, ["header"]));
  const canLink = (sheet: string): boolean =>
    options.existingSheets === undefined || options.existingSheets.some((name) => sameSheetName(name, sheet));

  result.findings.forEach((finding, index) => {
    const row = index + 2;
    const waived = finding.waiver !== undefined;
    cells.push(valueCell(row, 1, SEVERITY_WORDS[finding.severity], [severityStyle(finding.severity, waived)]));
    cells.push(valueCell(row, 2, finding.ruleId));
    cells.push(valueCell(row, 3, finding.sheet, ["text"]));
    const target = parseA1(finding.cell);
    if (target && canLink(finding.sheet)) {
      cells.push({ row, column: 4, content: { kind: "link", text: finding.cell, sheet: finding.sheet, cell: finding.cell }, styles: ["link"] });
    } else {
      cells.push(valueCell(row, 4, finding.cell, ["text"]));
    }
    cells.push(valueCell(row, 5, format(finding, language), ["wrap"]));
    cells.push(valueCell(row, 6, finding.waiver?.reason ?? null, ["wrap"]));
  });

  const lastRow = Math.max(result.findings.length + 1, 2);
  if (result.findings.length === 0) {
    cells.push(valueCell(2, 5, language === "zh-TW" ? "沒有發現問題。" : "No findings."));
  }
  return {
    kind: "findings",
    name: options.sheetName ?? GENERATED_SHEET_NAMES.findings[language],
    cells,
    columns: WIDTHS.map((width, index) => ({ column: index + 1, width })),
    frozen: { rows: 1 },
    autoFilter: `A1:F${lastRow}`,
    tabColor: "#A4262C",
  };
}
