/** The command line's JSON report (workbook contract, "Command line"). */
import { createFormatter } from "../engine/format";
import type { Language, Role, Severity, Summary, ValidationResult } from "../engine/types";

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  sheet: string;
  cell: string;
  message: string;
  row: number;
  column: number;
  fingerprint: string;
  sources: string[];
  /** The exception note (例外說明), when the finding has one. */
  waived?: { reason: string; by?: string; role?: Role; at?: string };
}

/** Findings by severity without an exception note, and those with one apart. */
export interface JsonCounts {
  error: number;
  warning: number;
  info: number;
  explained: { error: number; warning: number; info: number };
}

export interface JsonReport {
  file: string;
  rulePack: string | null;
  fiscalYear: number | null;
  findings: JsonFinding[];
  counts: JsonCounts;
  summary: Summary;
}

export function countFindings(findings: readonly { severity: Severity; waiver?: unknown }[]): JsonCounts {
  const counts: JsonCounts = { error: 0, warning: 0, info: 0, explained: { error: 0, warning: 0, info: 0 } };
  for (const finding of findings) {
    if (finding.waiver) counts.explained[finding.severity] += 1;
    else counts[finding.severity] += 1;
  }
  return counts;
}

export function toJsonReport(file: string, result: ValidationResult, language: Language): JsonReport {
  const format = createFormatter(result);
  return {
    file,
    rulePack: result.rulePack,
    fiscalYear: result.fiscalYear,
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      sheet: finding.sheet,
      cell: finding.cell,
      message: format(finding, language),
      row: finding.row,
      column: finding.column,
      fingerprint: finding.fingerprint,
      sources: finding.sources,
      ...(finding.waiver
        ? {
            waived: {
              reason: finding.waiver.reason,
              ...(finding.waiver.by ? { by: finding.waiver.by } : {}),
              ...(finding.waiver.role ? { role: finding.waiver.role } : {}),
              ...(finding.waiver.at ? { at: finding.waiver.at } : {}),
            },
          }
        : {}),
    })),
    counts: countFindings(result.findings),
    summary: result.summary,
  };
}
