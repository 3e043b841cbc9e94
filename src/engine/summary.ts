/** Summary figures: subsidy against operating income, and member counts. */
import type { RulePack } from "../rules/schema";
import type { Analysis } from "./analysis";
import { budgetFigures } from "./budgetFigures";
import { isSelfSufficiencyRequired } from "./checks/income";
import type { WorkbookModel } from "./model";
import type { MemberCounts, MemberFigures, Summary, YearFigures } from "./types";

export function roundRatio(income: number | null, subsidy: number | null): number | null {
  if (income === null || subsidy === null || subsidy === 0) return null;
  return Math.round((income / subsidy) * 100) / 100;
}

/**
 * Member counts as of a year: the members listed as joined in or before it (an empty 入會年度
 * means the plan's year; a null year means every row), counted or excluded, and among the
 * counted ones the paying, free, international and large ones.
 */
export function memberFigures(analysis: Analysis, year: number | null): MemberFigures {
  const listed = analysis.members.filter((status) => {
    if (year === null) return true;
    const joined = status.member.yearJoined.year ?? analysis.planYear;
    return joined === null || joined <= year;
  });
  const counted = listed.filter((status) => status.eligible);
  const byReason: Record<string, number> = {};
  for (const status of listed) {
    for (const rule of status.exclusions) byReason[rule] = (byReason[rule] ?? 0) + 1;
    if (status.duplicateOf) byReason["MEM-DUPLICATE"] = (byReason["MEM-DUPLICATE"] ?? 0) + 1;
  }
  return {
    listed: listed.length,
    counted: counted.length,
    excluded: listed.length - counted.length,
    paying: counted.filter((status) => status.free === false).length,
    free: counted.filter((status) => status.free === true).length,
    international: counted.filter((status) => status.international).length,
    large: counted.filter((status) => status.large).length,
    byReason,
  };
}

export function summarise(model: WorkbookModel, analysis: Analysis, pack: RulePack): Summary {
  const planYear = analysis.planYear;
  const { byReason: excludedByReason, ...members } = memberFigures(analysis, planYear);

  const years = new Set<number>(analysis.incomeByYear.keys());
  for (const row of model.subsidyHistory?.rows ?? []) if (row.year.year !== null) years.add(row.year.year);
  if (planYear !== null) years.add(planYear);

  const { phase, yearInPhase } = model.plan.info;
  const requiredFrom = pack.rules["OPS-SELF-SUFFICIENCY"].params.phase1RequiredFromYear;
  const yearsPerPhase = pack.rules["PLAN-ELIGIBILITY"].params.yearsPerPhase;
  const figures: YearFigures[] = [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const subsidy = analysis.subsidyFor(year);
      const operatingIncome = analysis.operatingIncomeFor(year);
      let required = false;
      if (planYear !== null && phase !== null && yearInPhase !== null) {
        // Position in the alliance's life: 0 = phase 1 year 1.
        const position = (Math.min(phase, 3) - 1) * yearsPerPhase + (yearInPhase - 1) + (year - planYear);
        required = position >= 0 && isSelfSufficiencyRequired(Math.floor(position / yearsPerPhase) + 1, (position % yearsPerPhase) + 1, requiredFrom);
      }
      return {
        year,
        subsidy,
        subsidySource: analysis.subsidySourceFor(year),
        incomeByType: { ...(analysis.incomeByYear.get(year) ?? {}) },
        operatingIncome,
        selfSufficiencyRatio: roundRatio(operatingIncome, subsidy),
        countedMembers: analysis.countedFor(year).length,
        members: memberFigures(analysis, year),
        required,
      };
    });

  let operatingIncome: number | null = null;
  if (model.income) {
    operatingIncome =
      planYear !== null
        ? analysis.operatingIncomeFor(planYear)
        : [...analysis.incomeByYear.keys()].reduce((sum, year) => sum + analysis.operatingIncomeFor(year), 0);
  }
  const subsidy = planYear !== null ? analysis.subsidyFor(planYear) : (model.plan.info.subsidyRequested ?? analysis.budgetSubsidyTotal);
  const incomeByType: Record<string, number> = planYear !== null ? { ...(analysis.incomeByYear.get(planYear) ?? {}) } : {};

  return {
    subsidy,
    budgetSubsidyTotal: analysis.budgetSubsidyTotal,
    operatingIncome,
    selfSufficiencyRatio: roundRatio(operatingIncome, subsidy),
    members: members as MemberCounts,
    excludedByReason,
    incomeByType,
    years: figures,
    budget: budgetFigures(model, analysis, pack),
  };
}
