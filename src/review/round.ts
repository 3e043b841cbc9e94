/**
 * A round of submissions as one overview: a row per submission (an unreadable file is a row that
 * says why), how often each rule fired across the round, and year over year for every alliance
 * that submitted in two fiscal years. Pure: the command line and the task pane read the files
 * and hand over each submission's facts (or its failure).
 */
import type { MatchedBy, YearOverYear } from "./compare";
import { compareSubmissions, projectKey, titleKey } from "./compare";
import type { RuleCount, SubmissionFacts } from "./submission";
import { compareText } from "./submission";

/** A file of the round that could not be read, and why (the reader's error code and message). */
export interface UnreadableSubmission {
  file: string;
  code: string;
  message: string;
}

export type RoundEntry =
  | { kind: "checked"; facts: SubmissionFacts; /** Where its annotated copy was written (as the overview shows it). */ annotated?: string }
  | { kind: "unreadable"; failure: UnreadableSubmission };

export type OverviewRow =
  | { kind: "checked"; facts: SubmissionFacts; topRules: string[]; annotated: string | null }
  | { kind: "unreadable"; failure: UnreadableSubmission };

export interface RuleFrequency {
  ruleId: string;
  severity: RuleCount["severity"];
  /** Submissions with at least one finding of the rule. */
  submissions: number;
  findings: number;
  waived: number;
  /** The rule pack of the first submission it fired in (for its title and sources). */
  rulePack: string | null;
}

export interface Overview {
  rows: OverviewRow[];
  ruleFrequency: RuleFrequency[];
  yearOverYear: YearOverYear[];
  totals: {
    files: number;
    checked: number;
    unreadable: number;
    /** Checked submissions with at least one error not waived. */
    withErrors: number;
  };
}

/** How many rule IDs a row names. */
export const TOP_RULES = 3;

export function rowName(row: OverviewRow): string {
  return row.kind === "checked" ? (row.facts.title ?? row.facts.file) : row.failure.file;
}

/** Names in the order a Taiwanese reader expects (stroke count), numbers by value. */
const NAME_ORDER = new Intl.Collator("zh-Hant-TW", { numeric: true });

/** Unreadable files first (nothing could be checked), then by errors (most first), then by name and file. */
function compareRows(a: OverviewRow, b: OverviewRow): number {
  if (a.kind !== b.kind) return a.kind === "unreadable" ? -1 : 1;
  if (a.kind === "checked" && b.kind === "checked") {
    const errors = b.facts.findings.error - a.facts.findings.error;
    if (errors !== 0) return errors;
  }
  const file = (row: OverviewRow) => (row.kind === "checked" ? row.facts.file : row.failure.file);
  return NAME_ORDER.compare(rowName(a), rowName(b)) || compareText(file(a), file(b));
}

function ruleFrequency(checked: readonly SubmissionFacts[]): RuleFrequency[] {
  const byRule = new Map<string, RuleFrequency>();
  for (const facts of checked) {
    for (const rule of facts.rules) {
      let entry = byRule.get(rule.ruleId);
      if (!entry) {
        entry = { ruleId: rule.ruleId, severity: rule.severity, submissions: 0, findings: 0, waived: 0, rulePack: facts.rulePack };
        byRule.set(rule.ruleId, entry);
      }
      entry.submissions += 1;
      entry.findings += rule.findings;
      entry.waived += rule.waived;
      if (rule.severity === "error" || (rule.severity === "warning" && entry.severity === "info")) entry.severity = rule.severity;
    }
  }
  return [...byRule.values()].sort((a, b) => b.submissions - a.submissions || b.findings - a.findings || compareText(a.ruleId, b.ruleId));
}

/**
 * Submissions of one alliance: the same 計畫編號 when both have one; otherwise the same 計畫名稱 +
 * 執行機構. Two submissions with different project numbers are never one alliance.
 */
function allianceGroups(checked: readonly SubmissionFacts[]): SubmissionFacts[][] {
  const parent = checked.map((_, index) => index);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const keys = checked.map((facts) => ({ project: projectKey(facts.projectNumber), title: titleKey(facts.title, facts.institution) }));
  const byProject = new Map<string, number>();
  const byTitle = new Map<string, number[]>();
  keys.forEach((key, index) => {
    if (key.project !== null) {
      const first = byProject.get(key.project);
      if (first === undefined) byProject.set(key.project, index);
      else parent[find(index)] = find(first);
    }
    if (key.title !== null) byTitle.set(key.title, [...(byTitle.get(key.title) ?? []), index]);
  });
  for (const members of byTitle.values()) {
    for (let i = 1; i < members.length; i += 1) {
      for (let j = 0; j < i; j += 1) {
        const a = keys[members[i]!]!.project;
        const b = keys[members[j]!]!.project;
        if (a === null || b === null) parent[find(members[i]!)] = find(members[j]!);
      }
    }
  }
  const groups = new Map<number, SubmissionFacts[]>();
  checked.forEach((facts, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), facts]);
  });
  return [...groups.values()];
}

export function matchedBy(a: SubmissionFacts, b: SubmissionFacts): MatchedBy {
  const project = projectKey(a.projectNumber);
  return project !== null && project === projectKey(b.projectNumber) ? "projectNumber" : "titleAndInstitution";
}

/** Each submission against the alliance's latest submission of an earlier fiscal year in the round. */
function yearOverYear(checked: readonly SubmissionFacts[]): YearOverYear[] {
  const comparisons: YearOverYear[] = [];
  for (const group of allianceGroups(checked)) {
    const dated = group
      .filter((facts) => facts.fiscalYear !== null)
      .sort((a, b) => a.fiscalYear! - b.fiscalYear! || compareText(a.file, b.file));
    for (const later of dated) {
      const project = projectKey(later.projectNumber);
      const earlier = dated
        .filter((facts) => facts.fiscalYear! < later.fiscalYear!)
        // A group joined through a submission without a number may hold two numbers: never compare those.
        .filter((facts) => project === null || projectKey(facts.projectNumber) === null || projectKey(facts.projectNumber) === project)
        .pop();
      if (earlier) comparisons.push(compareSubmissions(earlier, later, matchedBy(earlier, later)));
    }
  }
  return comparisons.sort(
    (a, b) =>
      NAME_ORDER.compare(a.later.title ?? a.later.file, b.later.title ?? b.later.file) || (a.later.fiscalYear ?? 0) - (b.later.fiscalYear ?? 0) || compareText(a.later.file, b.later.file),
  );
}

export function buildOverview(entries: readonly RoundEntry[]): Overview {
  const rows: OverviewRow[] = entries.map((entry) =>
    entry.kind === "unreadable"
      ? { kind: "unreadable", failure: entry.failure }
      : { kind: "checked", facts: entry.facts, topRules: entry.facts.rules.slice(0, TOP_RULES).map((rule) => rule.ruleId), annotated: entry.annotated ?? null },
  );
  rows.sort(compareRows);
  const checked = entries.flatMap((entry) => (entry.kind === "checked" ? [entry.facts] : []));
  return {
    rows,
    ruleFrequency: ruleFrequency(checked),
    yearOverYear: yearOverYear(checked),
    totals: {
      files: entries.length,
      checked: checked.length,
      unreadable: entries.length - checked.length,
      withErrors: checked.filter((facts) => facts.findings.error > 0).length,
    },
  };
}
