/**
 * The overview of a round and the year-over-year view as text for a terminal. Every text from a
 * workbook (titles, file names, company names) passes through terminalSafe.
 */
import { formatNumber } from "../engine/normalize";
import type { Language } from "../engine/types";
import { incomeTypeLabel, ruleDescription, type Overview, type YearOverYear } from "../review";
import type { SkippedFile } from "../report/overview";
import { terminalSafe } from "../report/terminal";
import { ROUND_TEXT } from "./messages";
import { displayPercent } from "../report/display";

function amount(value: number | null): string {
  return value === null ? "—" : formatNumber(value);
}

function percent(value: number | null): string {
  if (value === null) return "";
  const sign = value > 0 ? "+" : "";
  return ` (${sign}${(value * 100).toFixed(1)}%)`;
}

/** One alliance's comparison, indented by `indent`. */
export function comparisonText(view: YearOverYear, language: Language, indent = ""): string[] {
  const words = ROUND_TEXT[language];
  const name = [view.later.title ?? view.later.file, view.later.projectNumber].filter((part) => part !== null).join(" · ");
  const names = (members: YearOverYear["members"]["joined"]) =>
    members.length === 0 ? words.none : members.map((member) => (member.taxId ? `${member.name || member.taxId} (${member.taxId})` : member.name)).join(words.separator);
  const lines = [
    words.pair(name, words.fiscalYear(view.earlier.fiscalYear), words.fiscalYear(view.later.fiscalYear), words.matchedBy[view.matchedBy ?? "given"]),
    `  ${words.files(view.earlier.file, view.later.file)}`,
    `  ${words.members(view.members.earlier, view.members.later, view.members.stayed)}`,
    `    ${words.joined(names(view.members.joined))}`,
    `    ${words.left(names(view.members.left))}`,
    `  ${words.incomeLine(words.income, amount(view.incomeTotal.earlier), amount(view.incomeTotal.later), percent(view.incomeTotal.growth))}`,
    ...view.income.map((entry) => `    ${words.incomeLine(incomeTypeLabel(entry.type, language), amount(entry.earlier), amount(entry.later), percent(entry.growth))}`),
    ...view.subsidy.map((entry) => `  ${words.subsidy(entry.year, amount(entry.earlier), amount(entry.later))}`),
  ];
  if (view.disagreements.length === 0) lines.push(`  ${words.agree}`);
  else {
    lines.push(`  ${words.disagreements}`);
    for (const entry of view.disagreements) {
      const item = entry.item === "subsidy" ? words.subsidyItem : incomeTypeLabel(entry.type ?? "", language);
      lines.push(`    ${words.disagreement(entry.year, item, amount(entry.earlier), entry.later === null ? words.missing : amount(entry.later))}`);
    }
  }
  return lines.map((line) => terminalSafe(`${indent}${line}`));
}

export function overviewText(overview: Overview, skipped: readonly SkippedFile[], language: Language, options: { color?: boolean } = {}): string {
  const words = ROUND_TEXT[language];
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const { totals } = overview;
  const lines = [words.heading(totals.files, totals.checked, totals.unreadable, totals.withErrors)];
  for (const entry of skipped) lines.push(terminalSafe(words.skippedFile(entry.file, entry.reason)));
  lines.push("");
  const [errors, warnings, ratio, year] = words.columns;
  lines.push(`${errors.padStart(6)} ${warnings.padStart(6)} ${ratio.padStart(6)} ${year.padStart(5)}`);
  for (const row of overview.rows) {
    if (row.kind === "unreadable") {
      lines.push(`${paint("31", "     ✗")} ${"".padStart(6)} ${"".padStart(6)} ${"".padStart(5)}  ${terminalSafe(`${row.failure.file} — ${words.unreadable(row.failure.message)}`)}`);
      continue;
    }
    const f = row.facts;
    const errorText = String(f.findings.error).padStart(6);
    const name = f.title !== null ? `${f.title} (${f.file})` : f.file;
    lines.push(
      `${f.findings.error > 0 ? paint("31", errorText) : errorText} ${String(f.findings.warning).padStart(6)} ${(f.selfSufficiencyRatio === null ? "—" : displayPercent(f.subsidy !== null && f.subsidy > 0 && f.operatingIncome !== null ? f.operatingIncome / f.subsidy : f.selfSufficiencyRatio)).padStart(6)} ${String(f.fiscalYear ?? "—").padStart(5)}  ${terminalSafe(name)}`,
    );
  }
  if (overview.ruleFrequency.length > 0) {
    lines.push("", words.rulesHeading);
    for (const entry of overview.ruleFrequency.slice(0, 10)) {
      lines.push(`  ${words.ruleLine(entry.submissions, entry.findings, entry.ruleId, ruleDescription(entry.ruleId, entry.rulePack, language).title)}`);
    }
  }
  lines.push("", words.yoyHeading);
  if (overview.yearOverYear.length === 0) lines.push(`  ${words.noPairs}`);
  for (const view of overview.yearOverYear) lines.push(...comparisonText(view, language, "  "));
  return `${lines.join("\n")}\n`;
}
