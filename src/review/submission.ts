/**
 * One submission of a round, as the overview needs it: the plan's identity, the summary figures,
 * finding counts by severity and by rule, the member roster and the figures of each year. Built
 * from a snapshot and its validation, after which the snapshot can be let go: a round of
 * thousands of workbooks holds only these. Pure: no I/O.
 */
import { analyse } from "../engine/analysis";
import { packOf } from "../engine/format";
import { buildModel, readPlan } from "../engine/model";
import type { MemberCounts, ValidationResult, WorkbookSnapshot, YearFigures } from "../engine/types";
import { validateWorkbook, type ValidateOptions } from "../engine/validate";

/** One row of a members sheet, as year-over-year compares them. */
export interface RosterEntry {
  /** 廠商名稱 as written (may be empty when only a tax ID is given). */
  name: string;
  /** 統一編號, normalised as the engine reads it (a number left-padded to 8 digits); null when empty. */
  taxId: string | null;
  /** The engine's company-name key (NFKC, no spaces, (股) expanded). */
  nameKey: string;
  yearJoined: number | null;
  /** Counted for the plan's fiscal year (not excluded, not a later duplicate, joined by then). */
  counted: boolean;
}

/** What one year of a submission reports. */
export interface SubmissionYear {
  year: number;
  subsidy: number | null;
  subsidySource: YearFigures["subsidySource"];
  /** Operating income by canonical income type. */
  incomeByType: Record<string, number>;
  operatingIncome: number;
  /** Whether the income sheet has any row for this year (an empty year is not a reported 0). */
  incomeReported: boolean;
}

export interface SeverityCounts {
  /** Findings not waived, by severity. */
  error: number;
  warning: number;
  info: number;
  /** Waived findings, whatever their severity. */
  waived: number;
}

export interface RuleCount {
  ruleId: string;
  severity: "error" | "warning" | "info";
  /** Findings of the rule, waived ones included. */
  findings: number;
  waived: number;
}

export interface SubmissionFacts {
  /** The file as the round shows it (a path relative to where the round was read from). */
  file: string;
  title: string | null;
  projectNumber: string | null;
  institution: string | null;
  pi: string | null;
  fiscalYear: number | null;
  phase: number | null;
  yearInPhase: number | null;
  rulePack: string | null;
  /** The plan year's figures, as the single-file JSON's summary has them. */
  subsidy: number | null;
  operatingIncome: number | null;
  selfSufficiencyRatio: number | null;
  /** Whether the phase requires income above the subsidy in the plan's year. */
  incomeRequired: boolean;
  members: MemberCounts;
  findings: SeverityCounts;
  /** Findings by rule ID, most frequent first (then by ID). */
  rules: RuleCount[];
  roster: RosterEntry[];
  years: SubmissionYear[];
}

/** What identifies a submission, and its plan year's figures: the same in the overview's sheet, CSV and JSON. */
export type SubmissionHead = Pick<
  SubmissionFacts,
  "file" | "title" | "projectNumber" | "institution" | "pi" | "fiscalYear" | "phase" | "yearInPhase" | "rulePack" | "subsidy" | "operatingIncome"
>;

export function submissionHead(f: SubmissionFacts): SubmissionHead {
  const { file, title, projectNumber, institution, pi, fiscalYear, phase, yearInPhase, rulePack, subsidy, operatingIncome } = f;
  return { file, title, projectNumber, institution, pi, fiscalYear, phase, yearInPhase, rulePack, subsidy, operatingIncome };
}

export function severityCounts(result: Pick<ValidationResult, "findings">): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const finding of result.findings) {
    if (finding.waiver) counts.waived += 1;
    else counts[finding.severity] += 1;
  }
  return counts;
}

function ruleCounts(result: ValidationResult): RuleCount[] {
  const byRule = new Map<string, RuleCount>();
  for (const finding of result.findings) {
    let entry = byRule.get(finding.ruleId);
    if (!entry) {
      entry = { ruleId: finding.ruleId, severity: finding.severity, findings: 0, waived: 0 };
      byRule.set(finding.ruleId, entry);
    }
    entry.findings += 1;
    if (finding.waiver) entry.waived += 1;
    // A rule whose variants differ in severity is shown at its most severe.
    if (finding.severity === "error" || (finding.severity === "warning" && entry.severity === "info")) entry.severity = finding.severity;
  }
  return [...byRule.values()].sort((a, b) => b.findings - a.findings || compareText(a.ruleId, b.ruleId));
}

/** Code-point order: the same in every runtime (the command line, the pane, the tests). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The roster and the years: read with the engine's own model, so names and tax IDs match as its rules match them. */
function rosterOf(snapshot: WorkbookSnapshot, result: ValidationResult): RosterEntry[] {
  const pack = packOf(result);
  const model = buildModel(snapshot, pack, readPlan(snapshot));
  if (!model.members) return [];
  const analysis = analyse(model, pack);
  const counted = new Set(analysis.countedFor(result.fiscalYear).map((status) => status.member));
  return model.members.rows
    .filter((member) => member.company.length > 0 || member.taxId !== null)
    .map((member) => ({
      name: member.company,
      taxId: member.taxId,
      nameKey: member.companyKey,
      yearJoined: member.yearJoined.year,
      counted: counted.has(member),
    }));
}

/** The facts of one submission from its validation (and the snapshot it came from, for the roster). */
export function submissionFacts(file: string, snapshot: WorkbookSnapshot, result: ValidationResult): SubmissionFacts {
  const { summary, plan } = result;
  const planYear = summary.years.find((year) => year.year === result.fiscalYear);
  return {
    file,
    title: plan.title,
    projectNumber: plan.projectNumber,
    institution: plan.institution,
    pi: plan.pi,
    fiscalYear: result.fiscalYear,
    phase: plan.phase,
    yearInPhase: plan.yearInPhase,
    rulePack: result.rulePack,
    subsidy: summary.subsidy,
    operatingIncome: summary.operatingIncome,
    selfSufficiencyRatio: summary.selfSufficiencyRatio,
    incomeRequired: planYear?.required ?? false,
    members: { ...summary.members },
    findings: severityCounts(result),
    rules: ruleCounts(result),
    roster: rosterOf(snapshot, result),
    years: summary.years.map((year) => ({
      year: year.year,
      subsidy: year.subsidy,
      subsidySource: year.subsidySource,
      incomeByType: { ...year.incomeByType },
      operatingIncome: year.operatingIncome,
      incomeReported: Object.keys(year.incomeByType).length > 0,
    })),
  };
}

/** Validates a snapshot and returns the result with the submission's facts. */
export function checkSubmission(file: string, snapshot: WorkbookSnapshot, options: ValidateOptions = {}): { result: ValidationResult; facts: SubmissionFacts } {
  const result = validateWorkbook(snapshot, options);
  return { result, facts: submissionFacts(file, snapshot, result) };
}
