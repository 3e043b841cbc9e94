/**
 * What a finance officer checks in a budget: amounts by 科目 (category) and by 經費來源 (補助款
 * or 自籌款), the overhead (管理費) against its base and the allowance the rule pack gives, and how
 * much of the subsidy cap the budget uses. BUD-OVERHEAD reports from the same computation, so the
 * figures shown and the finding never disagree.
 */
import type { RulePack } from "../rules/schema";
import type { Analysis } from "./analysis";
import { numberOf, type WorkbookModel } from "./model";
import type { BudgetFigures, OverheadFigures } from "./types";

type OverheadParams = RulePack["rules"]["BUD-OVERHEAD"]["params"];

/** The overhead lines against the base they may be charged on; null when the budget has no overhead. */
export function overheadFigures(model: WorkbookModel, analysis: Analysis, params: OverheadParams): OverheadFigures | null {
  if (!model.budget) return null;
  let amount = 0;
  let equipment = 0;
  const baseByCategory = new Map<string, number>();
  for (const line of model.budget.rows) {
    const value = numberOf(line.amount);
    if (!line.isSubsidy || value === null) continue;
    const category = line.category.value;
    if (category !== null && params.categories.includes(category)) amount += value;
    else if (analysis.isPiStipend(line)) continue;
    else if (category !== null && params.excludedCategories.includes(category)) continue;
    else if (category !== null && params.equipmentCategories.includes(category)) equipment += value;
    else baseByCategory.set(category ?? "", (baseByCategory.get(category ?? "") ?? 0) + value);
  }
  if (amount <= 0) return null;
  const equipmentInBase = Math.min(equipment, params.equipmentBaseCap);
  const baseParts = [...baseByCategory].map(([category, value]) => ({ category: category === "" ? null : category, amount: value }));
  const base = baseParts.reduce((sum, part) => sum + part.amount, 0) + equipmentInBase;
  const planRate = model.plan.info.overheadRate;
  const rate = planRate ?? params.defaultRate;
  return {
    amount,
    baseParts,
    equipment,
    equipmentInBase,
    equipmentBaseCap: params.equipmentBaseCap,
    base,
    rate,
    rateFromPlan: planRate !== null,
    allowed: Math.floor(rate * base + 1e-9),
  };
}

/** Null without a budget sheet. */
export function budgetFigures(model: WorkbookModel, analysis: Analysis, pack: RulePack): BudgetFigures | null {
  if (!model.budget) return null;
  const byCategory = new Map<string, { subsidy: number; matching: number }>();
  let subsidyTotal = 0;
  let matchingTotal = 0;
  for (const line of model.budget.rows) {
    const value = numberOf(line.amount);
    if (value === null) continue;
    const key = line.category.value ?? "";
    const entry = byCategory.get(key) ?? { subsidy: 0, matching: 0 };
    if (line.isSubsidy) {
      entry.subsidy += value;
      subsidyTotal += value;
    } else {
      entry.matching += value;
      matchingTotal += value;
    }
    byCategory.set(key, entry);
  }
  const order = pack.vocabularies.budgetCategory.map((term) => term.value);
  const rank = (category: string): number => (category === "" ? Number.MAX_SAFE_INTEGER : order.indexOf(category) < 0 ? order.length : order.indexOf(category));
  const categories = [...byCategory]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([category, entry]) => ({ category: category === "" ? null : category, subsidy: entry.subsidy, matching: entry.matching, total: entry.subsidy + entry.matching }));
  const cap = pack.rules["BUD-CAP"].params.cap;
  const used = analysis.budgetSubsidyTotal ?? subsidyTotal;
  return {
    byCategory: categories,
    subsidyTotal,
    matchingTotal,
    total: subsidyTotal + matchingTotal,
    overhead: overheadFigures(model, analysis, pack.rules["BUD-OVERHEAD"].params),
    cap: { limit: cap, used, share: cap > 0 ? used / cap : null },
  };
}
