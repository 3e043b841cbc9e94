/**
 * 檢核結果 / Findings, ready to print: a title block (plan, project number, file, date checked,
 * rule version, who checked: a line to sign when unknown), one row per finding (severity in the
 * sheet's language only, the rule's title, the linked cell, the message wrapped, the exception
 * note with who wrote it and when, the rule ID last), and 承辦人／單位主管 lines below the table.
 * It prints landscape on A4, one page wide, with the header row repeated on every page.
 *
 * Everything is written as a value: a company called `=HYPERLINK(…)` stays text. The cell column
 * links to the flagged cell.
 */
import { parseA1 } from "../engine/address";
import { createFormatter, packOf, ruleTitle } from "../engine/format";
import type { Finding, Language, Severity, ValidationResult } from "../engine/types";
import { displayDate, displayStamp, packLabel } from "./dates";
import type { LayoutCell, SheetLayout, StyleKey } from "./layout";
import { fittedRowHeights, valueCell } from "./layout";
import { GENERATED_SHEET_NAMES, sameSheetName } from "./names";

/** Severity words, one language per sheet (never 「錯誤 Error」). */
export const SEVERITY_WORDS: Readonly<Record<Language, Readonly<Record<Severity, string>>>> = {
  "zh-TW": { error: "錯誤", warning: "警告", info: "提示" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

const TEXT = {
  "zh-TW": {
    title: "產學技術聯盟合作計畫　檢核結果",
    headers: ["序號", "嚴重度", "規則", "工作表", "儲存格", "說明", "例外說明", "規則代碼"],
    planTitle: "計畫名稱",
    projectNumber: "計畫編號",
    file: "檔案",
    checkedOn: "檢核日期",
    rules: "規則版本",
    checkedBy: "檢核人",
    counts: "檢核結果",
    separator: "：",
    count: (n: number, word: string) => `${word} ${n} 項`,
    join: "、",
    explained: (n: number) => `（其中 ${n} 項已有例外說明）`,
    none: "沒有發現問題。",
    note: (reason: string, by: string | undefined, at: string | undefined) => {
      const who = [by?.trim(), at].filter((part): part is string => part !== undefined && part !== "");
      return who.length > 0 ? `${reason}（${who.join("，")}）` : reason;
    },
    officer: "承辦人",
    head: "單位主管",
  },
  en: {
    title: "Industry-Academia Technology Alliance: findings",
    headers: ["No.", "Severity", "Rule", "Sheet", "Cell", "Message", "Exception note", "Rule ID"],
    planTitle: "Project title",
    projectNumber: "Project number",
    file: "File",
    checkedOn: "Date checked",
    rules: "Rules",
    checkedBy: "Checked by",
    counts: "Result",
    separator: ": ",
    count: (n: number, word: string) => `${n} ${word.toLowerCase()}${n === 1 ? "" : "s"}`,
    join: ", ",
    explained: (n: number) => ` (${n} with an exception note)`,
    none: "No findings.",
    note: (reason: string, by: string | undefined, at: string | undefined) => {
      const who = [by?.trim(), at].filter((part): part is string => part !== undefined && part !== "");
      return who.length > 0 ? `${reason} (${who.join(", ")})` : reason;
    },
    officer: "Officer in charge",
    head: "Head of unit",
  },
} as const;

/** Column widths (characters): the message column is the widest, the sheet prints one page wide. */
const WIDTHS = [5, 8, 24, 10, 8, 72, 30, 28];
/** A line to write on (the title block's blanks and the sign-off lines). */
const BLANK = "＿＿＿＿＿＿＿＿＿＿＿＿";
/** Rows above the table: title, plan, three rows of facts, a blank row. */
export const FINDINGS_HEADER_ROW = 7;
/** Where the right-hand half of the title block and the second signature start. */
const RIGHT_COLUMN = 6;

export interface FindingsLayoutOptions {
  /** The name the sheet gets (default 檢核結果 / Findings). */
  sheetName?: string;
  /** Sheets of the workbook: the cell column links only to these. Default: link every finding. */
  existingSheets?: readonly string[];
  /** The checked file's name, as shown in the title block (a line to fill in when unknown). */
  fileName?: string;
  /** Who checked (a line to sign when unknown). */
  checkedBy?: string;
  /** When (default now), shown as a day in Taiwan. */
  checkedOn?: Date;
}

function severityStyle(severity: Severity, waived: boolean): StyleKey {
  return waived ? "waived" : `severity-${severity}`;
}

function countsText(findings: readonly Finding[], language: Language): string {
  const text = TEXT[language];
  const words = SEVERITY_WORDS[language];
  const parts = (["error", "warning", "info"] as const).map((severity) =>
    text.count(findings.filter((finding) => finding.severity === severity).length, words[severity]),
  );
  const explained = findings.filter((finding) => finding.waiver !== undefined).length;
  return `${parts.join(text.join)}${explained > 0 ? text.explained(explained) : ""}`;
}

export function findingsSheetLayout(result: ValidationResult, language: Language, options: FindingsLayoutOptions = {}): SheetLayout {
  const format = createFormatter(result);
  const pack = packOf(result);
  const text = TEXT[language];
  const fact = (label: string, value: string | null | undefined) =>
    `${label}${text.separator}${value !== null && value !== undefined && value.trim() !== "" ? value.trim() : BLANK}`;
  const cells: LayoutCell[] = [];
  const canLink = (sheet: string): boolean =>
    options.existingSheets === undefined || options.existingSheets.some((name) => sameSheetName(name, sheet));

  // Title block.
  cells.push(valueCell(1, 1, text.title, ["title"]));
  cells.push(valueCell(2, 1, fact(text.planTitle, result.plan.title), ["label"]));
  cells.push(valueCell(3, 1, fact(text.projectNumber, result.plan.projectNumber)));
  cells.push(valueCell(3, RIGHT_COLUMN, fact(text.file, options.fileName)));
  cells.push(valueCell(4, 1, fact(text.checkedOn, displayDate(options.checkedOn ?? new Date(), language))));
  cells.push(valueCell(4, RIGHT_COLUMN, fact(text.rules, result.rulePack === null ? null : packLabel(pack, language))));
  cells.push(valueCell(5, 1, fact(text.checkedBy, options.checkedBy)));
  cells.push(valueCell(5, RIGHT_COLUMN, fact(text.counts, countsText(result.findings, language)), ["label"]));

  const header = FINDINGS_HEADER_ROW;
  text.headers.forEach((title, index) => cells.push(valueCell(header, index + 1, title, ["header"])));
  result.findings.forEach((finding, index) => {
    const row = header + 1 + index;
    const waiver = finding.waiver;
    cells.push(valueCell(row, 1, index + 1, ["integer", "top"]));
    cells.push(valueCell(row, 2, SEVERITY_WORDS[language][finding.severity], [severityStyle(finding.severity, waiver !== undefined), "top"]));
    cells.push(valueCell(row, 3, ruleTitle(finding.ruleId, language, pack), ["wrap"]));
    cells.push(valueCell(row, 4, finding.sheet, ["text", "wrap"]));
    const target = parseA1(finding.cell);
    if (target && canLink(finding.sheet)) {
      cells.push({ row, column: 5, content: { kind: "link", text: finding.cell, sheet: finding.sheet, cell: finding.cell }, styles: ["link", "top"] });
    } else {
      cells.push(valueCell(row, 5, finding.cell, ["text", "wrap"]));
    }
    cells.push(valueCell(row, 6, format(finding, language), ["wrap"]));
    const note = waiver ? text.note(waiver.reason, waiver.by, waiver.at === undefined ? undefined : displayStamp(waiver.at, language)) : null;
    cells.push(valueCell(row, 7, note, ["wrap"]));
    cells.push(valueCell(row, 8, finding.ruleId, ["text", "top"]));
  });

  if (result.findings.length === 0) cells.push(valueCell(header + 1, 6, text.none));
  const lastRow = header + Math.max(result.findings.length, 1);
  const signRow = lastRow + 3;
  cells.push(valueCell(signRow, 1, fact(text.officer, null)));
  cells.push(valueCell(signRow, RIGHT_COLUMN, fact(text.head, null)));
  const lastColumn = String.fromCharCode(64 + WIDTHS.length);
  return {
    kind: "findings",
    name: options.sheetName ?? GENERATED_SHEET_NAMES.findings[language],
    cells,
    columns: WIDTHS.map((width, index) => ({ column: index + 1, width })),
    rowHeights: fittedRowHeights(cells, new Map(WIDTHS.map((width, index) => [index + 1, width]))),
    frozen: { rows: header },
    autoFilter: `A${header}:${lastColumn}${lastRow}`,
    tabColor: "#A4262C",
    print: {
      orientation: "landscape",
      fit: { width: 1, height: 0 },
      titleRows: { first: header, last: header },
      area: `A1:${lastColumn}${signRow}`,
    },
  };
}
