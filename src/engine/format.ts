/**
 * Turns findings into sentences in zh-TW or English. Messages live in the rule pack; the
 * formatter fills in the parameters and appends the rule's sources, e.g.
 * 「博士生兼任助理月支 12,000 元，低於下限 16,000 元（115年度徵求說明、國科會博士生兼任助理支給規定）」.
 */
import { catalogueRulePack, hasRulePack, loadRulePack } from "../rules";
import type { RuleId, RulePack } from "../rules/schema";
import type { Finding, Language, MessageParams, ValidationResult } from "./types";

export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function sourceLabels(pack: RulePack, sources: string[], language: Language): string {
  return sources.map((tag) => pack.sources[tag]?.label[language] ?? tag).join(language === "zh-TW" ? "、" : "; ");
}

export function formatFinding(finding: Finding, language: Language, pack: RulePack = catalogueRulePack()): string {
  const rule = pack.rules[finding.ruleId as RuleId];
  if (!rule) return `${finding.ruleId}`;
  const template = (finding.variant !== undefined ? rule.messages[finding.variant] : undefined) ?? rule.messages.default!;
  const text = fillTemplate(template[language], finding.params);
  const sources = sourceLabels(pack, finding.sources, language);
  return language === "zh-TW" ? `${text}（${sources}）` : `${text} (${sources})`;
}

export function ruleTitle(ruleId: string, language: Language, pack: RulePack = catalogueRulePack()): string {
  return pack.rules[ruleId as RuleId]?.title[language] ?? ruleId;
}

/** The pack whose messages describe a result (its own pack, or the catalogue when none applied). */
export function packOf(result: Pick<ValidationResult, "rulePack">): RulePack {
  return result.rulePack !== null && hasRulePack(result.rulePack) ? loadRulePack(result.rulePack) : catalogueRulePack();
}

export function createFormatter(result: Pick<ValidationResult, "rulePack">): (finding: Finding, language: Language) => string {
  const pack = packOf(result);
  return (finding, language) => formatFinding(finding, language, pack);
}
