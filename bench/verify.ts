/**
 * Checks that a measured run did the work: the findings of a generated workbook are the ones
 * planned (each planned row flagged by its rule, no data row flagged by surprise), and two ways
 * of validating the same workbook agree.
 */
import type { Finding, ValidationResult } from "../src/engine/types";
import type { GeneratedWorkbook } from "./generate";

export interface PlanCheck {
  planned: number;
  /** Planned rows that got a finding of the planned rule. */
  hit: number;
  missing: string[];
  /** Findings on data rows that no violation was planned for. */
  unexpected: string[];
  /** Findings on header cells or the plan sheet (workbook-level: cap, trend, …). */
  workbookLevel: number;
  /** Distinct (sheet, row) of data rows with a finding. */
  flaggedRows: number;
}

export function checkPlannedFindings(generated: GeneratedWorkbook, result: ValidationResult): PlanCheck {
  const byRow = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = `${finding.sheet}!${finding.row}`;
    const list = byRow.get(key) ?? [];
    list.push(finding);
    byRow.set(key, list);
  }
  const plannedRows = new Set<string>();
  const missing: string[] = [];
  let hit = 0;
  for (const violation of generated.violations) {
    const key = `${violation.sheet}!${violation.row}`;
    plannedRows.add(key);
    if ((byRow.get(key) ?? []).some((finding) => finding.ruleId === violation.kind)) hit += 1;
    else missing.push(`${key} ${violation.kind}`);
  }
  const headerRows = new Set(result.findings.filter(isWorkbookLevel).map((finding) => `${finding.sheet}!${finding.row}`));
  const unexpected: string[] = [];
  let workbookLevel = 0;
  let flaggedRows = 0;
  for (const [key, findings] of byRow) {
    if (headerRows.has(key)) {
      workbookLevel += findings.length;
      continue;
    }
    flaggedRows += 1;
    if (!plannedRows.has(key)) unexpected.push(`${key} ${findings.map((finding) => finding.ruleId).join(",")}`);
  }
  return { planned: generated.violations.length, hit, missing, unexpected, workbookLevel, flaggedRows };
}

/** Findings placed on a header row or the plan sheet: they concern the whole workbook. */
function isWorkbookLevel(finding: Finding): boolean {
  return (
    finding.sheet === "計畫資訊" ||
    finding.row === 1 ||
    (finding.sheet === "經費表" && finding.row === 3) ||
    ["BUD-CAP", "BUD-OVERHEAD", "OPS-SELF-SUFFICIENCY-TREND", "OPS-GROWTH", "MEM-FREE-RATIO"].includes(finding.ruleId)
  );
}

export function assertPlan(label: string, check: PlanCheck): void {
  if (check.missing.length > 0 || check.unexpected.length > 0) {
    throw new Error(
      `${label}: findings differ from the plan: missing ${check.missing.slice(0, 5).join("; ")}; unexpected ${check.unexpected.slice(0, 5).join("; ")}`,
    );
  }
}

/** Sorted fingerprints (rule + sheet + row key + occurrence): equal lists mean equal findings. */
export function fingerprints(findings: ReadonlyArray<Pick<Finding, "fingerprint">>): string[] {
  return findings.map((finding) => finding.fingerprint).sort();
}

export function assertSameFindings(label: string, expected: ReadonlyArray<Pick<Finding, "fingerprint">>, actual: ReadonlyArray<Pick<Finding, "fingerprint">>): void {
  const a = fingerprints(expected);
  const b = fingerprints(actual);
  if (a.length !== b.length || a.some((value, i) => value !== b[i])) {
    throw new Error(`${label}: ${b.length} findings where ${a.length} were expected (or different ones)`);
  }
}
