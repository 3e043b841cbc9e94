/**
 * The rule pack schema. A pack is data (JSON): every number, keyword list, vocabulary, severity
 * and bilingual message of the rule catalogue (docs/program-rules.md), each rule with its
 * source tag. Packs are checked with this schema when loaded; a broken pack fails with a message
 * naming the bad field.
 */
import { z } from "zod";

const bilingual = z.strictObject({ "zh-TW": z.string().min(1), en: z.string().min(1) });
const severity = z.enum(["error", "warning", "info"]);
const amount = z.number().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

/**
 * A rule's quick fix, where the rule has a safe, deterministic remedy (src/engine/fixes): one line
 * per variant ("default" first) saying what the fix does, filled with the fix's parameters.
 */
const fixSchema = z.strictObject({
  messages: z.record(z.string(), bilingual).refine((m) => "default" in m, "needs a 'default' message"),
  /** The vocabulary value a fix writes (BUD-EQUIPMENT-UNIT: the category a cheap item moves to). */
  moveTo: z.string().min(1).optional(),
});

/** One rule: severity, source tags, messages by variant ("default" first), typed parameters. */
function rule<P extends z.ZodType>(params: P) {
  return z.strictObject({
    title: bilingual,
    severity,
    /** Severity per message variant where it differs from the default (e.g. a missing optional sheet). */
    variantSeverity: z.record(z.string(), severity).optional(),
    sources: z.array(z.string().min(1)).min(1),
    enabled: z.boolean().default(true),
    /** Workbook-shape and data rules run even when no rule pack fits the fiscal year. */
    dataRule: z.boolean().default(false),
    messages: z.record(z.string(), bilingual).refine((m) => "default" in m, "needs a 'default' message"),
    /** The rule's quick fix (optional; rules without one offer none). */
    fix: fixSchema.optional(),
    params,
  });
}

const none = z.strictObject({}).default({});
const keywordList = z.array(z.string().min(1)).min(1);
const vocabularyValues = z.array(z.string().min(1)).min(1);

export const vocabularyEntrySchema = z.strictObject({
  /** Canonical value (zh-TW, or an ISO code for countries). */
  value: z.string().min(1),
  label: bilingual,
  aliases: z.array(z.string()).default([]),
});

export const rulesSchema = z.strictObject({
  "WB-SHEET-MISSING": rule(none),
  "WB-COLUMN-MISSING": rule(none),
  "WB-VALUE-UNKNOWN": rule(none),

  "BUD-CAP": rule(z.strictObject({ cap: amount })),
  "BUD-CATEGORY-UNKNOWN": rule(none),
  "BUD-FOREIGN-TRAVEL": rule(z.strictObject({ categories: vocabularyValues })),
  "BUD-PI-STIPEND": rule(
    z.strictObject({
      categories: vocabularyValues,
      itemNames: keywordList,
      /** Phases in which a PI stipend is allowed (FY115: none; FY116: phase 1). */
      allowedPhases: z.array(z.number().int().positive()),
    }),
  ),
  "BUD-RESEARCH-ITEM": rule(z.strictObject({ keywords: keywordList })),
  "BUD-EQUIPMENT-PURPOSE": rule(z.strictObject({ categories: vocabularyValues, serviceKeywords: keywordList })),
  "BUD-EQUIPMENT-UNIT": rule(z.strictObject({ categories: vocabularyValues, minUnitCost: amount })),
  "BUD-AMOUNT-MISMATCH": rule(z.strictObject({ tolerance: amount })),
  "BUD-TOTAL-MISMATCH": rule(z.strictObject({ tolerance: amount })),
  "BUD-NOT-NUMBER": rule(none),
  "BUD-MISSING": rule(z.strictObject({ personnelCategories: vocabularyValues })),
  "BUD-PHD-PAY": rule(z.strictObject({ staffTypes: vocabularyValues, minMonthly: amount })),
  "BUD-STUDENT-PAY": rule(z.strictObject({ staffTypes: vocabularyValues, minMonthly: amount })),
  "BUD-FULLTIME-PAY": rule(
    z.strictObject({
      staffTypes: vocabularyValues,
      floorsByDegree: z.record(z.string(), amount),
      /** Used (and said) when the degree is empty or unknown. */
      defaultDegree: z.string().min(1),
    }),
  ),
  "BUD-TEMP-WAGE": rule(
    z.strictObject({
      staffTypes: vocabularyValues,
      /** Minimum hourly wage by effective date; the one in force on the fiscal year's first day applies. */
      minimumHourlyWage: z.array(z.strictObject({ from: isoDate, hourly: amount, monthly: amount.optional() })).min(1),
    }),
  ),
  "BUD-NO-MANAGER": rule(z.strictObject({ staffTypes: vocabularyValues })),
  "BUD-DUPLICATE-PERSON": rule(z.strictObject({ personnelCategories: vocabularyValues })),
  "BUD-OVERHEAD": rule(
    z.strictObject({
      categories: vocabularyValues,
      defaultRate: z.number().min(0).max(1),
      allowedRates: z.array(z.number().min(0).max(1)),
      equipmentCategories: vocabularyValues,
      equipmentBaseCap: amount,
      /** Categories left out of the base besides overhead itself and the PI stipend. */
      excludedCategories: vocabularyValues,
    }),
  ),

  "MEM-EXCLUDED-INSTITUTE": rule(z.strictObject({ organizationTypes: vocabularyValues })),
  "MEM-EXCLUDED-INDIVIDUAL": rule(z.strictObject({ organizationTypes: vocabularyValues })),
  "MEM-EXCLUDED-PRC": rule(z.strictObject({ countries: vocabularyValues })),
  "MEM-REVIEW-HKMO": rule(z.strictObject({ countries: vocabularyValues })),
  "MEM-EXCLUDED-NONENTERPRISE": rule(z.strictObject({ organizationTypes: vocabularyValues })),
  "MEM-TAXID-INVALID": rule(
    z.strictObject({
      /** The weighted digit sum must be divisible by this (5 since 2023; 10 before, which 5 also accepts). */
      divisor: z.number().int().positive(),
      weights: z.array(z.number().int()).length(8),
      /** Organisation types that are people, not registered organisations: not checksummed. */
      notChecksummedTypes: z.array(z.string()),
    }),
  ),
  "MEM-TAXID-MISSING": rule(z.strictObject({ organizationTypes: vocabularyValues })),
  "MEM-DUPLICATE": rule(none),
  "MEM-FREE-RATIO": rule(z.strictObject({ maxRatio: z.number().min(0).max(1) })),
  "MEM-PHASE2-ANCHOR": rule(z.strictObject({ fromPhase: z.number().int().positive() })),
  "MEM-SIZE-DERIVED": rule(z.strictObject({ largeCapitalAbove: amount, largeEmployeesAtLeast: amount })),
  "MEM-NOT-NUMBER": rule(none),
  "MEM-MISSING": rule(none),

  "INC-TYPE-UNKNOWN": rule(none),
  "INC-NOT-NUMBER": rule(none),
  "INC-MISSING": rule(none),
  "INC-FEE-NONMEMBER": rule(z.strictObject({ incomeTypes: vocabularyValues })),

  "OPS-SELF-SUFFICIENCY": rule(
    z.strictObject({
      /** Phase 1: income must exceed the subsidy from this year in the phase on. */
      phase1RequiredFromYear: z.number().int().positive(),
    }),
  ),
  "OPS-SELF-SUFFICIENCY-TREND": rule(none),
  "OPS-GROWTH": rule(none),

  "PLAN-MISSING": rule(none),
  "PLAN-NO-RULE-PACK": rule(none),
  "PLAN-ELIGIBILITY": rule(
    z.strictObject({
      yearsPerPhase: z.number().int().positive(),
      phases: z.number().int().positive(),
      /** Phase number of the annual continuation after all phases (FY116+), or null when not eligible. */
      continuationPhase: z.number().int().positive().nullable(),
    }),
  ),
  "PLAN-SUBSIDY-MISMATCH": rule(z.strictObject({ tolerance: amount })),
});

/**
 * Where a source can be read: the published document (who issued it, its title, its date, where
 * it is published), never a path to a copy of it, which a reader of the pack does not have.
 */
export const citationSchema = z.strictObject({
  issuer: z.string().min(1),
  title: z.string().min(1),
  date: z.string().min(1),
  /** Where it is published: an https:// address, perhaps after the publication's name. */
  publishedAt: z.string().regex(/https:\/\/\S+/, "cite where the document is published (an https:// address), not a file path"),
});

export const rulePackSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+$/, "expected a lower-case id such as nstc-alliance-115"),
  title: bilingual,
  /** ROC fiscal years this pack applies to. */
  fiscalYears: z.array(z.number().int().positive()).min(1),
  /** Month-day on which the fiscal year starts (FY N runs from (N+1911)-02-01). */
  fiscalYearStart: z.string().regex(/^\d{2}-\d{2}$/),
  /** Source tags of the rules; sources that are documents carry a citation (the product's own tags do not). */
  sources: z.record(z.string(), z.strictObject({ label: bilingual, citation: citationSchema.optional() })),
  vocabularies: z.strictObject({
    budgetCategory: z.array(vocabularyEntrySchema).min(1),
    staffType: z.array(vocabularyEntrySchema).min(1),
    degree: z.array(vocabularyEntrySchema).min(1),
    fundingSource: z.array(vocabularyEntrySchema).min(1),
    organizationType: z.array(vocabularyEntrySchema).min(1),
    companySize: z.array(vocabularyEntrySchema).min(1),
    incomeType: z.array(vocabularyEntrySchema).min(1),
    country: z.array(vocabularyEntrySchema).min(1),
  }),
  /** Every ISO 3166-1 alpha-2 code, space-separated; accepted in the country column. */
  isoCountryCodes: z.string(),
  /** Defaults where a cell is empty. */
  defaults: z.strictObject({
    fundingSource: z.string(),
    organizationType: z.string(),
    country: z.string(),
    subsidyFundingSource: z.string(),
    largeSize: z.string(),
    smeSize: z.string(),
  }),
  /** Who may write an exception note (例外說明) on which finding. */
  exceptionNotes: z.strictObject({
    /** Roles that may explain an error; warnings and info may be explained in any role. */
    errorRoles: z.array(z.enum(["pi", "finance", "reviewer"])),
    /** Fewest characters (after trimming) an explanation of an error must have. */
    minReasonLength: z.number().int().min(0),
  }),
  rules: rulesSchema,
});

export type RulePack = z.infer<typeof rulePackSchema>;
export type RuleId = keyof RulePack["rules"];
export type RuleDefinition = RulePack["rules"][RuleId];
export type VocabularyName = keyof RulePack["vocabularies"];
export type VocabularyEntry = z.infer<typeof vocabularyEntrySchema>;

/** A pack file: a full pack, or one that `extends` another with a deep patch (arrays replace). */
export const rulePackFileSchema = z.looseObject({
  id: z.string(),
  extends: z.string().optional(),
});

/** Turns zod issues into one line per bad field: "rules.BUD-CAP.params.cap: expected number". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
