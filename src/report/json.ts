/** The command line's JSON report (workbook contract, "Command line"). */
import { createFormatter } from "../engine/format";
import type { Language, Severity, Summary, ValidationResult } from "../engine/types";

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
  waived?: { reason: string; by?: string; at?: string };
}

export interface JsonReport {
  file: string;
  rulePack: string | null;
  fiscalYear: number | null;
  findings: JsonFinding[];
  summary: Summary;
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
      ...(finding.waiver ? { waived: { reason: finding.waiver.reason, ...(finding.waiver.by ? { by: finding.waiver.by } : {}), ...(finding.waiver.at ? { at: finding.waiver.at } : {}) } } : {}),
    })),
    summary: result.summary,
  };
}
