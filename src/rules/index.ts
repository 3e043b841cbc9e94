/**
 * Rule packs: loading (with `extends`), validation and choice by fiscal year.
 * A pack that extends another is a deep patch: objects merge, arrays and scalars replace.
 */
import { describeIssues, RulePack, rulePackFileSchema, rulePackSchema } from "./schema";
import pack115 from "./packs/nstc-alliance-115.json";
import pack116 from "./packs/nstc-alliance-116.json";

export * from "./schema";

/** The pack files bundled with the product, by id. */
const BUNDLED_PACK_FILES: Record<string, unknown> = {
  "nstc-alliance-115": pack115,
  "nstc-alliance-116": pack116,
};

export class RulePackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulePackError";
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return merged;
}

/** Resolves `extends` chains and validates; throws RulePackError naming the bad field. */
export function resolveRulePack(id: string, files: Record<string, unknown> = BUNDLED_PACK_FILES, seen: string[] = []): RulePack {
  const file = files[id];
  if (file === undefined) throw new RulePackError(`unknown rule pack '${id}'`);
  if (seen.includes(id)) throw new RulePackError(`rule pack '${id}' extends itself (${[...seen, id].join(" → ")})`);
  const header = rulePackFileSchema.safeParse(file);
  if (!header.success) throw new RulePackError(`rule pack '${id}': ${describeIssues(header.error)}`);
  let document: unknown = file;
  if (header.data.extends !== undefined) {
    const parent = resolveRulePack(header.data.extends, files, [...seen, id]);
    const { extends: _ignored, ...patch } = header.data;
    document = deepMerge(parent, patch);
  }
  return validateRulePack(document, id);
}

export function validateRulePack(document: unknown, id = "(pack)"): RulePack {
  const parsed = rulePackSchema.safeParse(document);
  if (!parsed.success) throw new RulePackError(`rule pack '${id}' is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

const cache = new Map<string, RulePack>();

export function loadRulePack(id: string): RulePack {
  let pack = cache.get(id);
  if (!pack) {
    pack = resolveRulePack(id);
    cache.set(id, pack);
  }
  return pack;
}

export function listRulePackIds(): string[] {
  return Object.keys(BUNDLED_PACK_FILES);
}

export function hasRulePack(id: string): boolean {
  return id in BUNDLED_PACK_FILES;
}

/** The pack whose fiscalYears include the year, or null (never a silent default). */
export function rulePackForFiscalYear(fiscalYear: number): RulePack | null {
  for (const id of listRulePackIds()) {
    const pack = loadRulePack(id);
    if (pack.fiscalYears.includes(fiscalYear)) return pack;
  }
  return null;
}

/** The newest pack: its vocabularies and messages serve workbooks that no pack fits. */
export function catalogueRulePack(): RulePack {
  const ids = listRulePackIds();
  return loadRulePack(ids[ids.length - 1]!);
}
