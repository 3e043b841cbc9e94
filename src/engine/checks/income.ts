/** Operating income (營運收入) rules and the self-sufficiency rules (OPS-*). */
import { formatNumber } from "../normalize";
import { defineCheck, opsTarget, rowTarget } from "./check";

/** The self-sufficiency ratio as people read it everywhere: a percent with one decimal, 75.6%. */
function ratioText(ratio: number): string {
  return `${formatNumber(Math.round(ratio * 1000) / 10)}%`.replace(/^([\d,]+)%$/, "$1.0%");
}

export const incomeTypeUnknown = defineCheck("INC-TYPE-UNKNOWN", ({ model, vocabulary, report }) => {
  if (!model.income) return;
  for (const row of model.income.rows) {
    if (!row.type.unknown) continue;
    report(
      rowTarget(model.income.table, row.source.cells, "type"),
      { value: row.type.raw, allowed: vocabulary.list("incomeType", "zh-TW"), allowedEn: vocabulary.list("incomeType", "en") },
      { key: `${row.year.year}|${row.type.raw}|${row.company}` },
    );
  }
});

export const feeFromNonMember = defineCheck("INC-FEE-NONMEMBER", ({ model, params, report }) => {
  if (!model.income || !model.members) return;
  // Tax IDs match when both sides have one; otherwise names match (members without a tax ID for
  // a row with one, and any member for a row without one).
  const taxIds = new Set<string>();
  const allNames = new Set<string>();
  const namesWithoutTaxId = new Set<string>();
  for (const member of model.members.rows) {
    const name = member.companyKey;
    if (member.taxId !== null) taxIds.add(member.taxId);
    if (name.length === 0) continue;
    allNames.add(name);
    if (member.taxId === null) namesWithoutTaxId.add(name);
  }
  for (const row of model.income.rows) {
    if (row.type.value === null || !params.incomeTypes.includes(row.type.value)) continue;
    const name = row.companyKey;
    if (row.taxId === null && name.length === 0) continue;
    const isMember =
      row.taxId !== null ? taxIds.has(row.taxId) || (name.length > 0 && namesWithoutTaxId.has(name)) : allNames.has(name);
    if (isMember) continue;
    report(rowTarget(model.income.table, row.source.cells, "company", "taxId"), { company: row.company || row.taxId || "" }, { key: row.taxId ?? name });
  }
});

/** Phase 1 year 3 and every year of later phases must show income above the subsidy. */
export function isSelfSufficiencyRequired(phase: number | null, yearInPhase: number | null, phase1RequiredFromYear: number): boolean {
  if (phase === null || yearInPhase === null) return false;
  return phase >= 2 || yearInPhase >= phase1RequiredFromYear;
}

export const selfSufficiency = defineCheck("OPS-SELF-SUFFICIENCY", ({ model, analysis, params, report }) => {
  const { phase, yearInPhase } = model.plan.info;
  const year = analysis.planYear;
  if (year === null || !isSelfSufficiencyRequired(phase, yearInPhase, params.phase1RequiredFromYear)) return;
  const subsidy = analysis.subsidyFor(year);
  if (subsidy === null) return;
  const income = analysis.operatingIncomeFor(year);
  if (income > subsidy) return;
  report(opsTarget(model), {
    year,
    income: formatNumber(income),
    subsidy: formatNumber(subsidy),
    ratio: subsidy > 0 ? ratioText(income / subsidy) : "—",
  });
});

export const selfSufficiencyTrend = defineCheck("OPS-SELF-SUFFICIENCY-TREND", ({ model, analysis, pack, report }) => {
  const { phase, yearInPhase } = model.plan.info;
  const year = analysis.planYear;
  const requiredFrom = pack.rules["OPS-SELF-SUFFICIENCY"].params.phase1RequiredFromYear;
  if (year === null || phase !== 1 || yearInPhase === null || yearInPhase >= requiredFrom) return;
  const subsidy = analysis.subsidyFor(year);
  if (subsidy === null || subsidy <= 0) return;
  const income = analysis.operatingIncomeFor(year);
  const gap = subsidy - income;
  report(
    opsTarget(model),
    { year, income: formatNumber(income), subsidy: formatNumber(subsidy), ratio: ratioText(income / subsidy), gap: formatNumber(Math.max(gap, 0)) },
    { variant: gap < 0 ? "met" : undefined },
  );
});

export const growth = defineCheck("OPS-GROWTH", ({ model, analysis, report }) => {
  const year = analysis.planYear;
  if (year === null) return;
  const previousYear = year - 1;
  if (model.members) {
    const previous = analysis.countedFor(previousYear).length;
    const current = analysis.countedFor(year).length;
    if (previous > 0 && current <= previous) {
      report(opsTarget(model), { year, previousYear, value: current, previous }, { variant: "members" });
    }
  }
  if (model.income && analysis.incomeByYear.has(previousYear)) {
    const previous = analysis.operatingIncomeFor(previousYear);
    const current = analysis.operatingIncomeFor(year);
    if (current <= previous) {
      report(opsTarget(model), { year, previousYear, value: formatNumber(current), previous: formatNumber(previous) }, { key: "income" });
    }
  }
});
