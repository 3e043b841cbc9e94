/**
 * Figures derived from the model that several checks and the summary share: the budget's
 * subsidy total, which members count (and why not), operating income by year and type, and the
 * subsidy of each year. Computed once per validation.
 */
import type { RuleId, RulePack } from "../rules/schema";
import { normalizeText } from "./normalize";
import { BudgetLine, MemberRow, numberOf, WorkbookModel } from "./model";
export { companyKey } from "./model";

export interface MemberStatus {
  member: MemberRow;
  /** MEM-EXCLUDED-* rules that exclude this member. */
  exclusions: RuleId[];
  /** The earlier row this one duplicates. */
  duplicateOf: MemberRow | null;
  duplicateBy: "taxId" | "name" | null;
  /** Not excluded and not a later duplicate (the year joined is applied separately). */
  eligible: boolean;
  large: boolean;
  /** Size derived from capital/employees because the size cell is empty. */
  derivedSize: string | null;
  international: boolean;
  /** null when the fee is not a number. */
  free: boolean | null;
}

export interface Analysis {
  planYear: number | null;
  /** Sum of the numeric 補助款 line items (total rows excluded). */
  budgetSubsidyTotal: number | null;
  members: MemberStatus[];
  /** Members that count for a year: eligible and joined in or before it (empty = the plan's year). */
  countedFor(year: number | null): MemberStatus[];
  /** Operating income by year, then by canonical income type. */
  incomeByYear: Map<number, Record<string, number>>;
  operatingIncomeFor(year: number): number;
  /** Subsidy of a year: 歷年補助款 wins; else (for the plan's year) 申請補助款, else the budget's total. */
  subsidyFor(year: number): number | null;
  subsidySourceFor(year: number): "history" | "plan" | "budget" | null;
  isPiStipend(line: BudgetLine): boolean;
}

export function analyse(model: WorkbookModel, pack: RulePack): Analysis {
  const planYear = model.plan.info.fiscalYear;
  const rules = pack.rules;

  const piStipend = rules["BUD-PI-STIPEND"].params;
  const piItemKeys = new Set(piStipend.itemNames.map((name) => normalizeText(name).replace(/\s/g, "")));
  const isPiStipend = (line: BudgetLine): boolean =>
    (line.category.value !== null && piStipend.categories.includes(line.category.value)) ||
    piItemKeys.has(line.itemKey);

  let budgetSubsidyTotal: number | null = null;
  if (model.budget) {
    budgetSubsidyTotal = 0;
    for (const line of model.budget.rows) {
      const amount = numberOf(line.amount);
      if (line.isSubsidy && amount !== null) budgetSubsidyTotal += amount;
    }
  }

  const members = model.members ? analyseMembers(model.members.rows, pack) : [];
  const countedCache = new Map<number | null, MemberStatus[]>();
  const countedFor = (year: number | null): MemberStatus[] => {
    let counted = countedCache.get(year);
    if (!counted) {
      counted = members.filter((status) => {
        if (!status.eligible) return false;
        if (year === null) return true;
        const joined = status.member.yearJoined.year ?? planYear;
        return joined === null || joined <= year;
      });
      countedCache.set(year, counted);
    }
    return counted;
  };

  const incomeByYear = new Map<number, Record<string, number>>();
  for (const row of model.income?.rows ?? []) {
    const amount = numberOf(row.amount);
    if (row.year.year === null || row.type.value === null || amount === null) continue;
    const byType = incomeByYear.get(row.year.year) ?? {};
    byType[row.type.value] = (byType[row.type.value] ?? 0) + amount;
    incomeByYear.set(row.year.year, byType);
  }
  const operatingIncomeFor = (year: number): number =>
    Object.values(incomeByYear.get(year) ?? {}).reduce((sum, value) => sum + value, 0);

  const history = new Map<number, number>();
  for (const row of model.subsidyHistory?.rows ?? []) {
    const subsidy = numberOf(row.subsidy);
    if (row.year.year !== null && subsidy !== null && !history.has(row.year.year)) history.set(row.year.year, subsidy);
  }
  const subsidyFor = (year: number): number | null => {
    const fromHistory = history.get(year);
    if (fromHistory !== undefined) return fromHistory;
    if (year !== planYear) return null;
    return model.plan.info.subsidyRequested ?? budgetSubsidyTotal;
  };

  const subsidySourceFor = (year: number): "history" | "plan" | "budget" | null => {
    if (history.has(year)) return "history";
    if (year !== planYear) return null;
    if (model.plan.info.subsidyRequested !== null) return "plan";
    return budgetSubsidyTotal !== null ? "budget" : null;
  };

  return { planYear, budgetSubsidyTotal, members, countedFor, incomeByYear, operatingIncomeFor, subsidyFor, subsidySourceFor, isPiStipend };
}

function analyseMembers(rows: MemberRow[], pack: RulePack): MemberStatus[] {
  const rules = pack.rules;
  const exclusionRules: { id: RuleId; applies: (member: MemberRow) => boolean }[] = [
    { id: "MEM-EXCLUDED-INSTITUTE", applies: (m) => includes(rules["MEM-EXCLUDED-INSTITUTE"].params.organizationTypes, m.orgTypeValue) },
    { id: "MEM-EXCLUDED-INDIVIDUAL", applies: (m) => includes(rules["MEM-EXCLUDED-INDIVIDUAL"].params.organizationTypes, m.orgTypeValue) },
    { id: "MEM-EXCLUDED-NONENTERPRISE", applies: (m) => includes(rules["MEM-EXCLUDED-NONENTERPRISE"].params.organizationTypes, m.orgTypeValue) },
    { id: "MEM-EXCLUDED-PRC", applies: (m) => includes(rules["MEM-EXCLUDED-PRC"].params.countries, m.countryCode) },
  ];
  const sizeRule = rules["MEM-SIZE-DERIVED"].params;
  const byTaxId = new Map<string, MemberRow>();
  const byName = new Map<string, MemberRow>();

  return rows.map((member) => {
    const exclusions = exclusionRules.filter((rule) => rules[rule.id].enabled && rule.applies(member)).map((rule) => rule.id);

    let duplicateOf: MemberRow | null = null;
    let duplicateBy: MemberStatus["duplicateBy"] = null;
    if (member.taxId !== null) {
      const earlier = byTaxId.get(member.taxId);
      if (earlier) {
        duplicateOf = earlier;
        duplicateBy = "taxId";
      } else byTaxId.set(member.taxId, member);
    }
    const name = member.companyKey;
    if (name.length > 0) {
      const key = `${name}|${member.countryCode ?? "?"}`;
      const earlier = byName.get(key);
      if (earlier && !duplicateOf) {
        duplicateOf = earlier;
        duplicateBy = "name";
      } else if (!earlier) byName.set(key, member);
    }

    let large = member.size.value === pack.defaults.largeSize;
    let derivedSize: string | null = null;
    if (member.size.raw.length === 0) {
      const capital = numberOf(member.capital);
      const employees = numberOf(member.employees);
      if (capital !== null || employees !== null) {
        large =
          capital !== null &&
          employees !== null &&
          capital > sizeRule.largeCapitalAbove &&
          employees >= sizeRule.largeEmployeesAtLeast;
        derivedSize = large ? pack.defaults.largeSize : pack.defaults.smeSize;
      }
    }

    const fee = member.fee.parse;
    const free = fee.kind === "empty" ? true : fee.kind === "number" ? fee.value <= 0 : null;
    return {
      member,
      exclusions,
      duplicateOf,
      duplicateBy,
      eligible: exclusions.length === 0 && duplicateOf === null,
      large,
      derivedSize,
      international: member.countryCode !== pack.defaults.country,
      free,
    };
  });
}

function includes(list: string[], value: string | null): boolean {
  return value !== null && list.includes(value);
}
