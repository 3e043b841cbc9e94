/**
 * The findings list as plain data: counts, filters, and groups by sheet and rule, with a flat
 * order that "next/previous finding" walks. Pure, so thousands of findings are cheap to test.
 */
import type { Finding, Severity } from "../engine/types";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export interface FindingCounts {
  /** Findings that are not waived, by severity. */
  error: number;
  warning: number;
  info: number;
  waived: number;
  total: number;
}

export interface FindingFilter {
  severities: ReadonlySet<Severity>;
  /** Only this sheet, or every sheet when null. */
  sheet: string | null;
  showWaived: boolean;
}

export const DEFAULT_FILTER: FindingFilter = {
  severities: new Set(SEVERITIES),
  sheet: null,
  showWaived: true,
};

/** A finding and its position in the result (a stable identity while the result lives). */
export interface FindingEntry {
  index: number;
  finding: Finding;
}

export interface RuleGroup {
  ruleId: string;
  /** Matching findings of the rule (entries may be fewer once limited). */
  count: number;
  entries: FindingEntry[];
}

export interface SheetGroup {
  sheet: string;
  count: number;
  rules: RuleGroup[];
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, waived: 0, total: findings.length };
  for (const finding of findings) {
    if (finding.waiver) counts.waived += 1;
    else counts[finding.severity] += 1;
  }
  return counts;
}

export function isFiltered(filter: FindingFilter): boolean {
  return filter.sheet !== null || !filter.showWaived || SEVERITIES.some((severity) => !filter.severities.has(severity));
}

export function matchesFilter(finding: Finding, filter: FindingFilter): boolean {
  if (finding.waiver) {
    if (!filter.showWaived) return false;
  } else if (!filter.severities.has(finding.severity)) {
    return false;
  }
  return filter.sheet === null || finding.sheet === filter.sheet;
}

/** Sheet names in the order findings first mention them (the workbook's order). */
export function sheetsOf(findings: readonly Finding[]): string[] {
  const seen = new Set<string>();
  for (const finding of findings) seen.add(finding.sheet);
  return [...seen];
}

/** Groups the matching findings by sheet, then by rule, each in order of first appearance. */
export function groupFindings(findings: readonly Finding[], filter: FindingFilter): SheetGroup[] {
  const sheets = new Map<string, Map<string, FindingEntry[]>>();
  findings.forEach((finding, index) => {
    if (!matchesFilter(finding, filter)) return;
    let rules = sheets.get(finding.sheet);
    if (!rules) {
      rules = new Map();
      sheets.set(finding.sheet, rules);
    }
    let entries = rules.get(finding.ruleId);
    if (!entries) {
      entries = [];
      rules.set(finding.ruleId, entries);
    }
    entries.push({ index, finding });
  });
  return [...sheets].map(([sheet, rules]) => {
    const ruleGroups = [...rules].map(([ruleId, entries]) => ({ ruleId, count: entries.length, entries }));
    return { sheet, rules: ruleGroups, count: ruleGroups.reduce((sum, group) => sum + group.entries.length, 0) };
  });
}

/** The entries in display order: what next/previous walks. */
export function flattenGroups(groups: readonly SheetGroup[]): FindingEntry[] {
  return groups.flatMap((group) => group.rules.flatMap((rule) => rule.entries));
}

/**
 * The groups holding only the entries in [start, end) of the display order (rendering thousands
 * of findings at once is slow); a group keeps its full count.
 */
export function sliceGroups(groups: readonly SheetGroup[], start: number, end: number): SheetGroup[] {
  const sliced: SheetGroup[] = [];
  let position = 0;
  for (const group of groups) {
    if (position >= end) break;
    const rules: RuleGroup[] = [];
    for (const rule of group.rules) {
      const from = Math.max(0, start - position);
      const to = Math.min(rule.entries.length, end - position);
      position += rule.entries.length;
      if (from < to) rules.push({ ruleId: rule.ruleId, count: rule.count, entries: rule.entries.slice(from, to) });
      if (position >= end) break;
    }
    if (rules.length > 0) sliced.push({ sheet: group.sheet, count: group.count, rules });
  }
  return sliced;
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
