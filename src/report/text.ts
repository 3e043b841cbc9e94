/**
 * Human-readable report: findings grouped by sheet and severity, errors with an exception note
 * apart (with the reason, who wrote it and when), then the summary figures and the counts.
 */
import { createFormatter, packOf } from "../engine/format";
import { isWaivedError } from "../engine/exceptionNotes";
import { formatNumber } from "../engine/normalize";
import type { Finding, Language, Severity, ValidationResult } from "../engine/types";
import { displayDate, displayPercent, ROLE_LABELS } from "./display";
import { terminalSafe } from "./terminal";

const SEVERITIES: Severity[] = ["error", "warning", "info"];

const WORDS = {
  "zh-TW": {
    severity: { error: "錯誤", warning: "警告", info: "提示" },
    rulePack: "規則版本",
    pack: (year: number | string) => `${year}年度規則`,
    none: "無（僅格式與資料檢核）",
    fiscalYear: "計畫年度",
    noFindings: "沒有發現問題。",
    summary: "摘要",
    subsidy: "補助款",
    income: "營運收入",
    ratio: "自主營運比率",
    members: "會員",
    memberParts: ["列出", "列計", "不列計", "付費", "免費", "國際", "大型"],
    waived: "例外說明",
    group: (severity: string, n: number) => `${severity}（${n}）`,
    explainedErrors: (n: number) => `已有例外說明的錯誤（${n}）`,
    explainedDetail: (reason: string, by: string, when: string) => `理由：${reason}；說明者：${by}；日期：${when}`,
    unknown: "（未記錄）",
    total: (e: number, w: number, i: number) => `共 ${e} 個錯誤、${w} 個警告、${i} 個提示`,
    totalExplained: (n: number) => `；另有 ${n} 個已有例外說明的錯誤`,
    strict: (n: number) => `（--strict：已有例外說明的錯誤仍計為錯誤，共 ${n} 個錯誤）`,
    passed: "檢核通過，可送出",
    colon: "：",
    unit: " 元",
    separator: "，",
  },
  en: {
    severity: { error: "Errors", warning: "Warnings", info: "Info" },
    rulePack: "Rules",
    pack: (year: number | string) => `FY${year} rules`,
    none: "none (workbook-shape and data checks only)",
    fiscalYear: "fiscal year",
    noFindings: "No problems found.",
    summary: "Summary",
    subsidy: "Subsidy",
    income: "Operating income",
    ratio: "Self-sufficiency ratio",
    members: "Members",
    memberParts: ["listed", "counted", "not counted", "paying", "free", "international", "large"],
    waived: "exception note",
    group: (severity: string, n: number) => `${severity} (${n})`,
    explainedErrors: (n: number) => `Errors with an exception note (${n})`,
    explainedDetail: (reason: string, by: string, when: string) => `Reason: ${reason}; by: ${by}; on: ${when}`,
    unknown: "(not recorded)",
    total: (e: number, w: number, i: number) => `${e} error(s), ${w} warning(s), ${i} info`,
    totalExplained: (n: number) => `; ${n} more error(s) with an exception note`,
    strict: (n: number) => ` (--strict: errors with an exception note still count: ${n} error(s))`,
    passed: "Passed, ready to submit",
    colon: ": ",
    unit: "",
    separator: ", ",
  },
} as const;

export interface TextOptions {
  color?: boolean;
  /** --strict: errors with an exception note count as errors. */
  strict?: boolean;
}

/**
 * The report as text for a terminal: every text that comes from the workbook (sheet names,
 * messages quoting cells, waiver reasons) or the command line passes through terminalSafe.
 */
export function toText(file: string, result: ValidationResult, language: Language, options: TextOptions = {}): string {
  const words = WORDS[language];
  const format = createFormatter(result);
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const colour: Record<Severity, string> = { error: "31", warning: "33", info: "36" };
  const lines: string[] = [];
  // The rule pack as people name it (「115年度規則」 / "FY115 rules"), not its id.
  const packText = result.rulePack === null ? words.none : words.pack(packOf(result).fiscalYears[0] ?? result.rulePack);
  const yearText = result.fiscalYear !== null ? `${words.separator}${words.fiscalYear} ${result.fiscalYear}` : "";
  lines.push(paint("1", terminalSafe(file)), `${words.rulePack}${words.colon}${packText}${yearText}`, "");

  // Explained errors are listed apart, with who explained them and when; the rest by sheet.
  const explained = result.findings.filter(isWaivedError);
  const listed = result.findings.filter((finding) => !isWaivedError(finding));
  if (result.findings.length === 0) lines.push(words.noFindings, "");
  const bySheet = new Map<string, Finding[]>();
  for (const finding of listed) {
    const list = bySheet.get(finding.sheet) ?? [];
    list.push(finding);
    bySheet.set(finding.sheet, list);
  }
  const line = (finding: Finding, tag = "") => terminalSafe(`    ${finding.cell.padEnd(6)} ${finding.ruleId.padEnd(27)} ${format(finding, language)}${tag}`);
  for (const [sheet, findings] of bySheet) {
    lines.push(paint("1", terminalSafe(sheet)));
    for (const severity of SEVERITIES) {
      const group = findings.filter((finding) => finding.severity === severity);
      if (group.length === 0) continue;
      lines.push(`  ${paint(colour[severity], words.group(words.severity[severity], group.length))}`);
      for (const finding of group) lines.push(line(finding, finding.waiver ? ` [${words.waived}${words.colon}${finding.waiver.reason}]` : ""));
    }
    lines.push("");
  }
  if (explained.length > 0) {
    lines.push(paint("1", words.explainedErrors(explained.length)));
    for (const finding of explained) {
      const waiver = finding.waiver;
      const by = [waiver.by, waiver.role ? ROLE_LABELS[language][waiver.role] : undefined].filter((part): part is string => Boolean(part && part.trim()));
      const who = by.length === 0 ? words.unknown : by.length === 1 ? by[0]! : language === "zh-TW" ? `${by[0]}（${by[1]}）` : `${by[0]} (${by[1]})`;
      const when = waiver.at ? displayDate(waiver.at, language) : words.unknown;
      lines.push(terminalSafe(`    ${finding.sheet}!${finding.cell} ${finding.ruleId} ${format(finding, language)}`));
      lines.push(terminalSafe(`        ${words.explainedDetail(waiver.reason, who, when)}`));
    }
    lines.push("");
  }

  const s = result.summary;
  const money = (value: number | null) => (value === null ? "—" : `${formatNumber(value)}${words.unit}`);
  const m = s.members;
  const counts = [m.listed, m.counted, m.excluded, m.paying, m.free, m.international, m.large];
  // From the figures themselves: the summary's ratio is rounded to two decimals for JSON.
  const exactRatio = s.subsidy !== null && s.subsidy > 0 && s.operatingIncome !== null ? s.operatingIncome / s.subsidy : s.selfSufficiencyRatio;
  const ratio = exactRatio === null ? "—" : displayPercent(exactRatio);
  lines.push(paint("1", words.summary));
  lines.push(`  ${words.subsidy}${words.colon}${money(s.subsidy)}${words.separator}${words.income}${words.colon}${money(s.operatingIncome)}${words.separator}${words.ratio}${words.colon}${ratio}`);
  lines.push(`  ${words.members}${words.colon}${words.memberParts.map((part, i) => `${part} ${counts[i]}`).join(words.separator)}`);
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity && !f.waiver).length;
  const errors = count("error");
  let total = words.total(errors, count("warning"), count("info"));
  if (explained.length > 0) total += words.totalExplained(explained.length);
  if (explained.length > 0 && options.strict) total += words.strict(errors + explained.length);
  lines.push("", total);
  const passed = errors === 0 && count("warning") === 0 && (!options.strict || explained.length === 0);
  if (passed) lines.push(paint("32", words.passed));
  return `${lines.join("\n")}\n`;
}
