/**
 * The findings list as plain data: counts, filters, and one flat list sorted by severity, then
 * by sheet (the workbook's order), row and column; "next/previous finding" walks it. Pure, so
 * thousands of findings are cheap to test.
 */
import type { Finding, Severity } from "../engine/types";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** A severity, or the findings that carry an exception note. */
export type FindingTone = Severity | "waived";

export interface FindingCounts {
  /** Findings without an exception note, by severity. */
  error: number;
  warning: number;
  info: number;
  /** Findings with an exception note (of any severity). */
  waived: number;
  total: number;
}

export interface FindingFilter {
  /** Only findings of this tone, or every finding when null. */
  only: FindingTone | null;
  /** Only this sheet, or every sheet when null. */
  sheet: string | null;
}

export const DEFAULT_FILTER: FindingFilter = { only: null, sheet: null };

/** A finding and its position in the result (a stable identity while the result lives). */
export interface FindingEntry {
  index: number;
  finding: Finding;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, waived: 0, total: findings.length };
  for (const finding of findings) {
    if (finding.waiver) counts.waived += 1;
    else counts[finding.severity] += 1;
  }
  return counts;
}

/** Ready to submit: nothing left to correct or explain (no error or warning without a note). */
export function isPassed(counts: FindingCounts): boolean {
  return counts.error === 0 && counts.warning === 0;
}

export function isFiltered(filter: FindingFilter): boolean {
  return filter.sheet !== null || filter.only !== null;
}

/** A count selected: only its findings; the same count again: every finding. */
export function toggleTone(filter: FindingFilter, tone: FindingTone): FindingFilter {
  return { ...filter, only: filter.only === tone ? null : tone };
}

export function toneOf(finding: Finding): FindingTone {
  return finding.waiver ? "waived" : finding.severity;
}

export function matchesFilter(finding: Finding, filter: FindingFilter): boolean {
  if (filter.only !== null && toneOf(finding) !== filter.only) return false;
  return filter.sheet === null || finding.sheet === filter.sheet;
}

/** Sheet names in the order findings first mention them. */
export function sheetsOf(findings: readonly Finding[]): string[] {
  const seen = new Set<string>();
  for (const finding of findings) seen.add(finding.sheet);
  return [...seen];
}

const TONE_RANK: Record<FindingTone, number> = { error: 0, warning: 1, info: 2, waived: 3 };

/**
 * The matching findings as one list: errors first, then warnings, then info, then the explained
 * ones; within each, by sheet in `sheetOrder` (the workbook's order; sheets it does not have,
 * such as a missing sheet, come first, as the finding that names them matters most), row, column.
 */
export function sortFindings(findings: readonly Finding[], filter: FindingFilter, sheetOrder: readonly string[] = []): FindingEntry[] {
  const position = new Map(sheetOrder.map((sheet, index) => [sheet, index] as const));
  const entries: FindingEntry[] = [];
  findings.forEach((finding, index) => {
    if (matchesFilter(finding, filter)) entries.push({ index, finding });
  });
  const sheetRank = (sheet: string) => position.get(sheet) ?? -1;
  return entries.sort(
    (a, b) =>
      TONE_RANK[toneOf(a.finding)] - TONE_RANK[toneOf(b.finding)] ||
      sheetRank(a.finding.sheet) - sheetRank(b.finding.sheet) ||
      a.finding.row - b.finding.row ||
      a.finding.column - b.finding.column ||
      a.index - b.index,
  );
}

/** The rendered window after making sure `position` is inside it: a page-aligned jump when it is not. */
export function windowAround(window: { start: number; end: number }, position: number, pageSize: number): { start: number; end: number } {
  if (position < 0 || (position >= window.start && position < window.end)) return window;
  const start = Math.floor(position / pageSize) * pageSize;
  return { start, end: start + pageSize };
}

/** The position after moving `step` from `current` (no position yet: first or last), clamped. */
export function stepPosition(current: number | null, step: 1 | -1, length: number): number | null {
  if (length === 0) return null;
  if (current === null) return step === 1 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + step));
}

/** Findings with waivers applied or removed by fingerprint, as new objects (results are immutable). */
export function applyWaivers<T extends Finding>(findings: readonly T[], waivers: ReadonlyMap<string, Finding["waiver"]>): T[] {
  return findings.map((finding) => {
    const waiver = waivers.get(finding.fingerprint);
    if (waiver && waiver.ruleId === finding.ruleId) return finding.waiver === waiver ? finding : { ...finding, waiver };
    if (finding.waiver === undefined) return finding;
    const { waiver: _removed, ...rest } = finding;
    return rest as T;
  });
}
