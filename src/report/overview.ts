/**
 * The overview of a round and the year-over-year view as JSON and CSV (workbook contract,
 * "Reviewing a round"). A row of the JSON agrees with `alliance-check FILE --format json` for the
 * same file: rulePack, fiscalYear, the summary's subsidy, operating income, ratio and member
 * counts, and the findings counted by severity.
 */
import type { Language, MemberCounts } from "../engine/types";
import type { Disagreement, IncomeChange, MatchedBy, MemberChange, Overview, OverviewRow, SubmissionRef, SubsidyYear, YearOverYear } from "../review";
import { incomeAboveSubsidy, incomeTypeLabel, OVERVIEW_COLUMNS, overviewValues, ruleDescription, submissionHead, type SubmissionHead } from "../review";
import { csvDocument } from "./csv";

/** A file the round passed over (not a workbook, a lock file, our own output), and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export type JsonSubmission =
  | (SubmissionHead & {
      status: "checked";
      selfSufficiencyRatio: number | null;
      /** Whether the phase requires operating income above the subsidy in the plan's year. */
      incomeRequired: boolean;
      /** Income above the subsidy where required: true / false; null where not required or a figure is missing. */
      incomeAboveSubsidy: boolean | null;
      members: MemberCounts;
      findings: { error: number; warning: number; info: number; waived: number };
      topRules: string[];
      annotated: string | null;
    })
  | { file: string; status: "unreadable"; error: { code: string; message: string } };

export interface JsonRuleFrequency {
  ruleId: string;
  severity: "error" | "warning" | "info";
  title: string;
  sources: string;
  submissions: number;
  findings: number;
  waived: number;
}

export interface JsonYearOverYear {
  earlier: SubmissionRef;
  later: SubmissionRef;
  matchedBy: MatchedBy | null;
  members: { earlier: number; later: number; stayed: number; joined: MemberChange[]; left: MemberChange[] };
  income: (IncomeChange & { label: string })[];
  incomeTotal: YearOverYear["incomeTotal"];
  subsidy: SubsidyYear[];
  disagreements: (Disagreement & { label: string | null })[];
}

export interface JsonOverview {
  round: { files: number; checked: number; unreadable: number; withErrors: number; skipped: SkippedFile[] };
  submissions: JsonSubmission[];
  ruleFrequency: JsonRuleFrequency[];
  yearOverYear: JsonYearOverYear[];
}

function submissionJson(row: OverviewRow, language: Language, describeFailure?: (failure: { code: string; message: string }) => string): JsonSubmission {
  if (row.kind === "unreadable") {
    const { file, code, message } = row.failure;
    return { status: "unreadable", file, error: { code, message: describeFailure ? describeFailure(row.failure) : message } };
  }
  const f = row.facts;
  const above = incomeAboveSubsidy(row, language);
  return {
    status: "checked",
    ...submissionHead(f),
    selfSufficiencyRatio: f.selfSufficiencyRatio,
    incomeRequired: f.incomeRequired,
    incomeAboveSubsidy: above === "—" ? null : f.operatingIncome! > f.subsidy!,
    members: { ...f.members },
    findings: { ...f.findings },
    topRules: row.topRules,
    annotated: row.annotated,
  };
}

export function yearOverYearJson(view: YearOverYear, language: Language): JsonYearOverYear {
  return {
    earlier: view.earlier,
    later: view.later,
    matchedBy: view.matchedBy,
    members: { earlier: view.members.earlier, later: view.members.later, stayed: view.members.stayed, joined: view.members.joined, left: view.members.left },
    income: view.income.map((entry) => ({ ...entry, label: incomeTypeLabel(entry.type, language) })),
    incomeTotal: view.incomeTotal,
    subsidy: view.subsidy,
    disagreements: view.disagreements.map((entry) => ({ ...entry, label: entry.type === null ? null : incomeTypeLabel(entry.type, language) })),
  };
}

export interface OverviewReportOptions {
  skipped?: readonly SkippedFile[];
  /** The line shown for an unreadable file (the command line's one line, in the chosen language). */
  describeFailure?: (failure: { code: string; message: string }) => string;
}

export function toOverviewJson(overview: Overview, language: Language, options: OverviewReportOptions = {}): JsonOverview {
  return {
    round: { ...overview.totals, skipped: [...(options.skipped ?? [])] },
    submissions: overview.rows.map((row) => submissionJson(row, language, options.describeFailure)),
    ruleFrequency: overview.ruleFrequency.map((entry) => ({
      ruleId: entry.ruleId,
      severity: entry.severity,
      ...ruleDescription(entry.ruleId, entry.rulePack, language),
      submissions: entry.submissions,
      findings: entry.findings,
      waived: entry.waived,
    })),
    yearOverYear: overview.yearOverYear.map((view) => yearOverYearJson(view, language)),
  };
}

/** One line per submission, the Overview sheet's columns (formula-safe, as every CSV of the product). */
export function toOverviewCsv(overview: Overview, language: Language, options: OverviewReportOptions = {}): string {
  return csvDocument([
    OVERVIEW_COLUMNS.map((column) => column.header[language]),
    ...overview.rows.map((row) => {
      const values = overviewValues(row, language, options.describeFailure);
      return OVERVIEW_COLUMNS.map((column) => values[column.key]);
    }),
  ]);
}
