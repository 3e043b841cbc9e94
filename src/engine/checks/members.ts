/** Members (會員名單) rules: who counts, tax IDs, duplicates, the member mix. */
import type { RuleId } from "../../rules/schema";
import { formatNumber } from "../normalize";
import { numberOf } from "../model";
import type { MemberStatus } from "../analysis";
import { defineCheck, headerTarget, rowTarget } from "./check";
import type { CheckContext } from "./check";

function memberKey(status: MemberStatus): string {
  return status.member.taxId ?? status.member.company;
}

function reportExclusion(context: CheckContext, rule: RuleId, column: "orgType" | "country"): void {
  const { model, vocabulary, report } = context;
  if (!model.members) return;
  for (const status of context.analysis.members) {
    if (!status.exclusions.includes(rule)) continue;
    const member = status.member;
    const orgType = member.orgTypeValue ?? member.orgType.raw;
    report(
      rowTarget(model.members.table, member.source.cells, column, "company"),
      {
        company: member.company,
        value: column === "country" ? member.country.raw || (member.countryCode ?? "") : member.orgType.raw,
        orgType,
        orgTypeEn: vocabulary.label("organizationType", orgType, "en"),
      },
      { key: memberKey(status) },
    );
  }
}

export const excludedInstitute = defineCheck("MEM-EXCLUDED-INSTITUTE", (context) => reportExclusion(context as CheckContext, "MEM-EXCLUDED-INSTITUTE", "orgType"));
export const excludedIndividual = defineCheck("MEM-EXCLUDED-INDIVIDUAL", (context) => reportExclusion(context as CheckContext, "MEM-EXCLUDED-INDIVIDUAL", "orgType"));
export const excludedNonEnterprise = defineCheck("MEM-EXCLUDED-NONENTERPRISE", (context) => reportExclusion(context as CheckContext, "MEM-EXCLUDED-NONENTERPRISE", "orgType"));
export const excludedPrc = defineCheck("MEM-EXCLUDED-PRC", (context) => reportExclusion(context as CheckContext, "MEM-EXCLUDED-PRC", "country"));

export const reviewHongKongMacau = defineCheck("MEM-REVIEW-HKMO", ({ model, analysis, params, vocabulary, report }) => {
  if (!model.members) return;
  for (const status of analysis.members) {
    const code = status.member.countryCode;
    if (code === null || !params.countries.includes(code)) continue;
    report(
      rowTarget(model.members.table, status.member.source.cells, "country", "company"),
      { company: status.member.company, country: vocabulary.label("country", code, "zh-TW"), countryEn: vocabulary.label("country", code, "en") },
      { key: memberKey(status) },
    );
  }
});

/** Ministry of Finance checksum: weighted digit sums divisible by the divisor; 7th digit 7 may add 1. */
export function isValidTaxId(taxId: string, weights: number[] = [1, 2, 1, 2, 1, 2, 4, 1], divisor = 5): boolean {
  if (!/^\d{8}$/.test(taxId) || taxId === "00000000") return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const product = Number(taxId[i]) * weights[i]!;
    sum += Math.floor(product / 10) + (product % 10);
  }
  if (sum % divisor === 0) return true;
  return taxId[6] === "7" && (sum + 1) % divisor === 0;
}

export const taxIdInvalid = defineCheck("MEM-TAXID-INVALID", ({ model, pack, params, report }) => {
  if (!model.members) return;
  for (const member of model.members.rows) {
    if (member.taxId === null || member.countryCode !== pack.defaults.country) continue;
    if (member.orgTypeValue !== null && params.notChecksummedTypes.includes(member.orgTypeValue)) continue;
    const wellFormed = /^\d{8}$/.test(member.taxId);
    if (wellFormed && isValidTaxId(member.taxId, params.weights, params.divisor)) continue;
    report(
      rowTarget(model.members.table, member.source.cells, "taxId"),
      { company: member.company, value: member.taxId },
      { variant: wellFormed ? undefined : "format", key: member.taxId },
    );
  }
});

export const taxIdMissing = defineCheck("MEM-TAXID-MISSING", ({ model, pack, params, vocabulary, report }) => {
  if (!model.members) return;
  for (const member of model.members.rows) {
    if (member.taxId !== null || !member.source.cells.taxId) continue;
    if (member.countryCode !== pack.defaults.country) continue;
    if (member.orgTypeValue === null || !params.organizationTypes.includes(member.orgTypeValue)) continue;
    report(
      rowTarget(model.members.table, member.source.cells, "taxId"),
      { company: member.company, orgType: member.orgTypeValue, orgTypeEn: vocabulary.label("organizationType", member.orgTypeValue, "en") },
      { key: member.company },
    );
  }
});

export const duplicateMember = defineCheck("MEM-DUPLICATE", ({ model, analysis, report }) => {
  if (!model.members) return;
  for (const status of analysis.members) {
    if (!status.duplicateOf) continue;
    const byTaxId = status.duplicateBy === "taxId";
    report(
      rowTarget(model.members.table, status.member.source.cells, byTaxId ? "taxId" : "company"),
      { company: status.member.company, firstRow: status.duplicateOf.source.row },
      { variant: byTaxId ? undefined : "name", key: memberKey(status) },
    );
  }
});

export const freeRatio = defineCheck("MEM-FREE-RATIO", ({ model, analysis, params, report }) => {
  if (!model.members) return;
  const counted = analysis.countedFor(analysis.planYear);
  if (counted.length === 0) return;
  const free = counted.filter((status) => status.free === true).length;
  const ratio = free / counted.length;
  if (ratio <= params.maxRatio) return;
  report(headerTarget(model.members.table, "fee"), {
    free,
    counted: counted.length,
    ratio: `${formatNumber(ratio * 100)}%`,
    max: `${formatNumber(params.maxRatio * 100)}%`,
  });
});

export const phase2Anchor = defineCheck("MEM-PHASE2-ANCHOR", ({ model, analysis, params, report }) => {
  const phase = model.plan.info.phase;
  if (!model.members || phase === null || phase < params.fromPhase) return;
  const anchored = analysis.countedFor(analysis.planYear).some((status) => status.large || status.international);
  if (!anchored) report(headerTarget(model.members.table, "orgType"), { phase });
});

export const sizeDerived = defineCheck("MEM-SIZE-DERIVED", ({ model, analysis, vocabulary, report }) => {
  if (!model.members) return;
  for (const status of analysis.members) {
    if (status.derivedSize === null) continue;
    const member = status.member;
    const capital = numberOf(member.capital);
    const employees = numberOf(member.employees);
    report(
      rowTarget(model.members.table, member.source.cells, "size", "capital", "employees"),
      {
        company: member.company,
        capital: capital === null ? "—" : formatNumber(capital),
        employees: employees === null ? "—" : formatNumber(employees),
        size: status.derivedSize,
        sizeEn: vocabulary.label("companySize", status.derivedSize, "en"),
      },
      { key: memberKey(status) },
    );
  }
});
