/**
 * validateWorkbook: snapshot in, findings and summary out. Pure: no Office.js, no DOM, no I/O.
 */
import { catalogueRulePack, hasRulePack, listRulePackIds, loadRulePack, rulePackForFiscalYear, RulePackError } from "../rules";
import type { RuleId, RulePack } from "../rules/schema";
import { analyse } from "./analysis";
import { CHECKS } from "./checks";
import type { PackSelection, Report, Target } from "./checks/check";
import { buildModel, ModelCaches, readPlan } from "./model";
import { summarise } from "./summary";
import type { Finding, PlanInfo, ValidationResult, Waiver, WorkbookSnapshot } from "./types";
import { vocabularyFor } from "./vocabulary";

export interface ValidateOptions {
  /** An explicit rule pack id; overrides the Plan sheet and the fiscal year. Unknown → RulePackError. */
  rulePack?: string;
  /** Waivers stored with the workbook; matching findings are marked as waived. */
  waivers?: Waiver[];
}

/** 32-bit FNV-1a, as 8 hex digits: short, stable fingerprints. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function selectPack(plan: PlanInfo, explicit: string | undefined): { pack: RulePack | null; selection: PackSelection } {
  const available = listRulePackIds();
  const selection: PackSelection = { packId: null, unknownPlanPack: null, fiscalYearWithoutPack: null, available };
  if (explicit !== undefined) {
    if (!hasRulePack(explicit)) throw new RulePackError(`unknown rule pack '${explicit}' (available: ${available.join(", ")})`);
    selection.packId = explicit;
    return { pack: loadRulePack(explicit), selection };
  }
  if (plan.rulePack !== null) {
    const named = plan.rulePack.trim().toLowerCase();
    if (hasRulePack(named)) {
      selection.packId = named;
      return { pack: loadRulePack(named), selection };
    }
    selection.unknownPlanPack = plan.rulePack;
  }
  if (plan.fiscalYear !== null) {
    const pack = rulePackForFiscalYear(plan.fiscalYear);
    if (pack) {
      selection.packId = pack.id;
      return { pack, selection };
    }
    selection.fiscalYearWithoutPack = plan.fiscalYear;
  }
  return { pack: null, selection };
}

export function validateWorkbook(snapshot: WorkbookSnapshot, options: ValidateOptions = {}): ValidationResult {
  return validate(snapshot, options, undefined);
}

/**
 * A validator that remembers how each row read and parsed, keyed by the identity of the row's
 * values array: re-validating a snapshot in which only a few rows were replaced (patchSnapshot)
 * re-reads only those rows. Results are identical to validateWorkbook's.
 */
export function createValidator(): (snapshot: WorkbookSnapshot, options?: ValidateOptions) => ValidationResult {
  const caches: ModelCaches = { rows: new WeakMap(), parsed: new WeakMap() };
  return (snapshot, options = {}) => validate(snapshot, options, caches);
}

function validate(snapshot: WorkbookSnapshot, options: ValidateOptions, caches: ModelCaches | undefined): ValidationResult {
  const plan = readPlan(snapshot);
  const { pack: chosen, selection } = selectPack(plan.info, options.rulePack);
  const pack = chosen ?? catalogueRulePack();
  const model = buildModel(snapshot, pack, plan, caches);
  const analysis = analyse(model, pack);
  const vocabulary = vocabularyFor(pack);
  const findings: Finding[] = [];
  const occurrences = new Map<string, number>();

  for (const check of CHECKS) {
    const rule = pack.rules[check.rule];
    if (!rule.enabled) continue;
    if (chosen === null && !rule.dataRule) continue;
    const report: Report = (target: Target, params, reportOptions = {}) => {
      const variant = reportOptions.variant;
      const base = `${check.rule}|${target.sheetKey}|${reportOptions.key ?? target.address}|${variant ?? ""}`;
      const occurrence = occurrences.get(base) ?? 0;
      occurrences.set(base, occurrence + 1);
      findings.push({
        ruleId: check.rule,
        severity: (variant !== undefined ? rule.variantSeverity?.[variant] : undefined) ?? rule.severity,
        sheet: target.sheet,
        cell: target.address,
        row: target.row,
        column: target.column,
        ...(variant !== undefined ? { variant } : {}),
        params,
        fingerprint: fnv1a(`${base}|${occurrence}`),
        sources: rule.sources,
      });
    };
    check.run({ model, selection, pack, analysis, vocabulary, params: rule.params as never, report });
  }

  const sheetOrder = new Map(snapshot.sheets.map((sheet, index) => [sheet.name, index] as const));
  findings.sort(
    (a, b) =>
      (sheetOrder.get(a.sheet) ?? -1) - (sheetOrder.get(b.sheet) ?? -1) ||
      a.row - b.row ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );

  if (options.waivers && options.waivers.length > 0) {
    const waivers = new Map(options.waivers.map((waiver) => [waiver.fingerprint, waiver] as const));
    for (const finding of findings) {
      const waiver = waivers.get(finding.fingerprint);
      if (waiver && waiver.ruleId === finding.ruleId) finding.waiver = waiver;
    }
  }

  return {
    rulePack: chosen?.id ?? null,
    fiscalYear: model.plan.info.fiscalYear,
    plan: model.plan.info,
    findings,
    summary: summarise(model, analysis, pack),
  };
}

export type { RuleId };
