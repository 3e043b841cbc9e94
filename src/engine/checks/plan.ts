/** Plan (計畫資訊) rules: required fields, eligibility by past years, subsidy against the budget. */
import { PLAN_SHEET, PlanFieldDefinition } from "../contract";
import { formatNumber } from "../normalize";
import type { PlanFieldKey } from "../read/plan";
import { defineCheck, planTarget } from "./check";

const FIELDS = PLAN_SHEET.fields as PlanFieldDefinition[];

export const planMissing = defineCheck("PLAN-MISSING", ({ model, report }) => {
  if (!model.plan.sheet) return; // WB-SHEET-MISSING says it
  for (const field of FIELDS) {
    const unreadable = model.plan.unreadable[field.key as PlanFieldKey];
    const labels = { field: field.label["zh-TW"], fieldEn: field.label.en };
    if (unreadable !== undefined) {
      report(planTarget(model, field.key), { ...labels, value: unreadable }, { variant: "unreadable", key: field.key });
      continue;
    }
    const present = model.plan.info[field.key] !== null;
    if (field.required && !present) report(planTarget(model, field.key), labels, { key: field.key });
  }
});

/** The phase and year a PI may apply for after `pastCount` distinct past years. */
export function expectedPhaseYear(
  pastCount: number,
  params: { yearsPerPhase: number; phases: number; continuationPhase: number | null },
): { phase: number; year: number; continuation: boolean } | null {
  const regularYears = params.yearsPerPhase * params.phases;
  if (pastCount < regularYears) {
    return { phase: Math.floor(pastCount / params.yearsPerPhase) + 1, year: (pastCount % params.yearsPerPhase) + 1, continuation: false };
  }
  if (params.continuationPhase === null) return null;
  return { phase: params.continuationPhase, year: pastCount - regularYears + 1, continuation: true };
}

export const eligibility = defineCheck("PLAN-ELIGIBILITY", ({ model, params, report }) => {
  const { fiscalYear, phase, yearInPhase } = model.plan.info;
  if (!model.plan.sheet) return;
  if (model.plan.pastYearsUnreadable) {
    const raw = model.plan.cells?.fields.pastYears?.value;
    report(planTarget(model, "pastYears"), { value: raw === undefined || raw === null ? "" : String(raw) }, { variant: "unreadable" });
    return;
  }
  if (fiscalYear === null || phase === null || yearInPhase === null) return;
  const past = model.plan.info.pastYears.filter((year) => year < fiscalYear);
  const pastYears = past.length > 0 ? past.join("、") : "—";
  const expected = expectedPhaseYear(past.length, params);
  if (expected === null) {
    report(planTarget(model, "phase"), { pastCount: past.length, pastYears }, { variant: "notEligible" });
    return;
  }
  if (expected.phase === phase && expected.year === yearInPhase) return;
  report(
    planTarget(model, expected.phase !== phase ? "phase" : "yearInPhase"),
    { pastCount: past.length, pastYears, expectedPhase: expected.phase, expectedYear: expected.year, phase, year: yearInPhase },
    { variant: expected.continuation ? "continuation" : undefined },
  );
});

export const subsidyMismatch = defineCheck("PLAN-SUBSIDY-MISMATCH", ({ model, analysis, params, report }) => {
  const requested = model.plan.info.subsidyRequested;
  const budget = analysis.budgetSubsidyTotal;
  if (requested === null || budget === null) return;
  if (Math.abs(requested - budget) <= params.tolerance) return;
  report(planTarget(model, "subsidyRequested"), { requested: formatNumber(requested), budget: formatNumber(budget) });
});
