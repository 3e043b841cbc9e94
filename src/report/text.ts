/** Human-readable report: findings grouped by sheet and severity, then the summary figures. */
import { createFormatter } from "../engine/format";
import { formatNumber } from "../engine/normalize";
import type { Finding, Language, Severity, ValidationResult } from "../engine/types";
import { terminalSafe } from "./terminal";

const SEVERITIES: Severity[] = ["error", "warning", "info"];

const WORDS = {
  "zh-TW": {
    severity: { error: "錯誤", warning: "警告", info: "提示" },
    rulePack: "規則版本",
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
    total: (e: number, w: number, i: number) => `共 ${e} 個錯誤、${w} 個警告、${i} 個提示`,
    unit: " 元",
    separator: "，",
  },
  en: {
    severity: { error: "Errors", warning: "Warnings", info: "Notes" },
    rulePack: "Rule pack",
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
    total: (e: number, w: number, i: number) => `${e} error(s), ${w} warning(s), ${i} note(s)`,
    unit: "",
    separator: ", ",
  },
} as const;

export interface TextOptions {
  color?: boolean;
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
  const packText = result.rulePack ?? words.none;
  const yearText = result.fiscalYear !== null ? `${words.separator}${words.fiscalYear} ${result.fiscalYear}` : "";
  lines.push(paint("1", terminalSafe(file)), `${words.rulePack}: ${packText}${yearText}`, "");

  if (result.findings.length === 0) lines.push(words.noFindings, "");
  const bySheet = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = bySheet.get(finding.sheet) ?? [];
    list.push(finding);
    bySheet.set(finding.sheet, list);
  }
  for (const [sheet, findings] of bySheet) {
    lines.push(paint("1", terminalSafe(sheet)));
    for (const severity of SEVERITIES) {
      const group = findings.filter((finding) => finding.severity === severity);
      if (group.length === 0) continue;
      lines.push(`  ${paint(colour[severity], `${words.severity[severity]} (${group.length})`)}`);
      for (const finding of group) {
        const waived = finding.waiver ? ` [${words.waived}: ${finding.waiver.reason}]` : "";
        lines.push(terminalSafe(`    ${finding.cell.padEnd(6)} ${finding.ruleId.padEnd(27)} ${format(finding, language)}${waived}`));
      }
    }
    lines.push("");
  }

  const s = result.summary;
  const money = (value: number | null) => (value === null ? "—" : `${formatNumber(value)}${words.unit}`);
  const m = s.members;
  const counts = [m.listed, m.counted, m.excluded, m.paying, m.free, m.international, m.large];
  lines.push(paint("1", words.summary));
  lines.push(`  ${words.subsidy}: ${money(s.subsidy)}${words.separator}${words.income}: ${money(s.operatingIncome)}${words.separator}${words.ratio}: ${s.selfSufficiencyRatio ?? "—"}`);
  lines.push(`  ${words.members}: ${words.memberParts.map((part, i) => `${part} ${counts[i]}`).join(words.separator)}`);
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity && !f.waiver).length;
  lines.push("", words.total(count("error"), count("warning"), count("info")));
  return `${lines.join("\n")}\n`;
}
