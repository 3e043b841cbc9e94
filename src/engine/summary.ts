/** Summary figures: subsidy against operating income, and member counts. */
import type { RulePack } from "../rules/schema";
import type { Analysis } from "./analysis";
import { isSelfSufficiencyRequired } from "./checks/income";
import type { WorkbookModel } from "./model";
import type { MemberCounts, Summary, YearFigures } from "./types";

export function roundRatio(income: number | null, subsidy: number | null): number | null {
  if (income === null || subsidy === null || subsidy === 0) return null;
  return Math.round((income / subsidy) * 100) / 100;
}

export function summarise(model: WorkbookModel, analysis: Analysis, pack: RulePack): Summary {
  const planYear = analysis.planYear;
  const counted = analysis.countedFor(planYear);
  const members: MemberCounts = {
    listed: analysis.members.length,
    counted: counted.length,
    excluded: analysis.members.filter((status) => !status.eligible).length,
    paying: counted.filter((status) => status.free === false).length,
    free: counted.filter((status) => status.free === true).length,
    international: counted.filter((status) => status.international).length,
    large: counted.filter((status) => status.large).length,
  };
  const excludedByReason: Record<string, number> = {};
  for (const status of analysis.members) {
    for (const rule of status.exclusions) excludedByReason[rule] = (excludedByReason[rule] ?? 0) + 1;
    if (status.duplicateOf) excludedByReason["MEM-DUPLICATE"] = (excludedByReason["MEM-DUPLICATE"] ?? 0) + 1;
  }

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
        incomeByType: { ...(analysis.incomeByYear.get(year) ?? {}) },
        operatingIncome,
        selfSufficiencyRatio: roundRatio(operatingIncome, subsidy),
        countedMembers: analysis.countedFor(year).length,
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
    operatingIncome,
    selfSufficiencyRatio: roundRatio(operatingIncome, subsidy),
    members,
    excludedByReason,
    incomeByType,
    years: figures,
  };
}
