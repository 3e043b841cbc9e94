/**
 * Year over year for one alliance: an earlier submission against a later one (different fiscal
 * years). Members who joined and left, operating income by type in each submission's own year
 * and its growth, the subsidy of each year, and every place where the later workbook's history
 * (歷年補助款, the income rows of past years) disagrees with what the earlier submission reported
 * for the same year. Pure: no I/O.
 */
import { normalizeFreeText } from "../engine/normalize";
import type { RosterEntry, SubmissionFacts, SubmissionYear } from "./submission";
import { compareText } from "./submission";

export interface SubmissionRef {
  file: string;
  fiscalYear: number | null;
  title: string | null;
  projectNumber: string | null;
  institution: string | null;
}

export interface MemberChange {
  name: string;
  taxId: string | null;
  yearJoined: number | null;
}

export interface IncomeChange {
  /** Canonical income type (zh-TW), as the rule pack names it. */
  type: string;
  /** Operating income of that type in the earlier submission's fiscal year, as it reported it. */
  earlier: number;
  /** … and in the later submission's fiscal year, as the later one reports it. */
  later: number;
  /** (later − earlier) / earlier; null when earlier is 0. */
  growth: number | null;
}

export interface SubsidyYear {
  year: number;
  earlier: number | null;
  later: number | null;
  earlierSource: SubmissionYear["subsidySource"];
  laterSource: SubmissionYear["subsidySource"];
}

export interface Disagreement {
  year: number;
  /** What disagrees: the subsidy of the year, or operating income of one type. */
  item: "subsidy" | "income";
  /** The income type (for item "income"). */
  type: string | null;
  /** What the earlier submission reported for the year. */
  earlier: number | null;
  /** What the later submission's history says (null: the year is missing from its 歷年補助款). */
  later: number | null;
  earlierSource: SubmissionYear["subsidySource"];
}

export type MatchedBy = "projectNumber" | "titleAndInstitution";

export interface YearOverYear {
  earlier: SubmissionRef;
  later: SubmissionRef;
  /** How the two were found to be one alliance; null when they were compared because a person said so (compare). */
  matchedBy: MatchedBy | null;
  members: {
    earlier: number;
    later: number;
    joined: MemberChange[];
    left: MemberChange[];
    stayed: number;
  };
  income: IncomeChange[];
  incomeTotal: { earlier: number | null; later: number | null; growth: number | null };
  subsidy: SubsidyYear[];
  disagreements: Disagreement[];
}

export function growth(earlier: number | null, later: number | null): number | null {
  if (earlier === null || later === null || earlier === 0) return null;
  return (later - earlier) / earlier;
}

function refOf(facts: SubmissionFacts): SubmissionRef {
  return { file: facts.file, fiscalYear: facts.fiscalYear, title: facts.title, projectNumber: facts.projectNumber, institution: facts.institution };
}

function change(entry: RosterEntry): MemberChange {
  return { name: entry.name, taxId: entry.taxId, yearJoined: entry.yearJoined };
}

/**
 * Members matched by 統一編號 when both rows have one, else by name (the engine's company key).
 * Each earlier row matches at most one later row.
 */
export function rosterChanges(earlier: readonly RosterEntry[], later: readonly RosterEntry[]): YearOverYear["members"] {
  const unmatched = new Set(earlier);
  const byTaxId = new Map<string, RosterEntry[]>();
  const byName = new Map<string, RosterEntry[]>();
  const push = (map: Map<string, RosterEntry[]>, key: string, entry: RosterEntry) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const entry of earlier) {
    if (entry.taxId !== null) push(byTaxId, entry.taxId, entry);
    if (entry.nameKey.length > 0) push(byName, entry.nameKey, entry);
  }
  const take = (list: RosterEntry[] | undefined, usable: (entry: RosterEntry) => boolean): RosterEntry | null => {
    const found = list?.find((entry) => unmatched.has(entry) && usable(entry)) ?? null;
    if (found) unmatched.delete(found);
    return found;
  };
  const joined: MemberChange[] = [];
  let stayed = 0;
  for (const entry of later) {
    const match =
      (entry.taxId !== null ? take(byTaxId.get(entry.taxId), () => true) : null) ??
      (entry.nameKey.length > 0
        ? // By name only where the two rows do not both carry (different) tax IDs.
          take(byName.get(entry.nameKey), (candidate) => candidate.taxId === null || entry.taxId === null)
        : null);
    if (match) stayed += 1;
    else joined.push(change(entry));
  }
  const left = earlier.filter((entry) => unmatched.has(entry)).map(change);
  return { earlier: earlier.length, later: later.length, joined, left, stayed };
}

function yearOf(facts: SubmissionFacts, year: number | null): SubmissionYear | undefined {
  return year === null ? undefined : facts.years.find((entry) => entry.year === year);
}

function incomeChanges(earlier: SubmissionFacts, later: SubmissionFacts): IncomeChange[] {
  const before = yearOf(earlier, earlier.fiscalYear)?.incomeByType ?? {};
  const after = yearOf(later, later.fiscalYear)?.incomeByType ?? {};
  const types = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return types.map((type) => {
    const a = before[type] ?? 0;
    const b = after[type] ?? 0;
    return { type, earlier: a, later: b, growth: growth(a, b) };
  });
}

function subsidyYears(earlier: SubmissionFacts, later: SubmissionFacts): SubsidyYear[] {
  const years = new Set<number>();
  for (const entry of [...earlier.years, ...later.years]) if (entry.subsidy !== null) years.add(entry.year);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const a = yearOf(earlier, year);
      const b = yearOf(later, year);
      return { year, earlier: a?.subsidy ?? null, later: b?.subsidy ?? null, earlierSource: a?.subsidySource ?? null, laterSource: b?.subsidySource ?? null };
    });
}

/**
 * Where the later workbook's history disagrees with the earlier submission, for the years up to
 * the earlier one's fiscal year and before the later one's:
 * - subsidy: the later 歷年補助款 entry of a year differs from the earlier submission's subsidy of
 *   that year, or the later workbook has a 歷年補助款 sheet without that year;
 * - income: for a year the later income sheet has rows for, an income type whose total differs
 *   from what the earlier submission's income sheet had for that year (a type on one side only
 *   counts as 0 on the other).
 */
function disagreements(earlier: SubmissionFacts, later: SubmissionFacts): Disagreement[] {
  const found: Disagreement[] = [];
  if (earlier.fiscalYear === null || later.fiscalYear === null) return found;
  // Past years as the later workbook sees them: its history has no entry for its own year yet.
  const limit = Math.min(earlier.fiscalYear, later.fiscalYear - 1);
  const laterHasHistory = later.years.some((entry) => entry.subsidySource === "history");
  for (const before of earlier.years) {
    if (before.year > limit) continue;
    const after = yearOf(later, before.year);
    if (before.subsidy !== null && laterHasHistory) {
      const history = after?.subsidySource === "history" ? after.subsidy : null;
      if (history !== before.subsidy) {
        found.push({ year: before.year, item: "subsidy", type: null, earlier: before.subsidy, later: history, earlierSource: before.subsidySource });
      }
    }
    if (after?.incomeReported && before.incomeReported) {
      const types = [...new Set([...Object.keys(before.incomeByType), ...Object.keys(after.incomeByType)])].sort(compareText);
      for (const type of types) {
        const a = before.incomeByType[type] ?? 0;
        const b = after.incomeByType[type] ?? 0;
        if (a !== b) found.push({ year: before.year, item: "income", type, earlier: a, later: b, earlierSource: before.subsidySource });
      }
    }
  }
  return found;
}

/** The year-over-year view of two submissions, the earlier first (by fiscal year; as given when equal or unknown). */
export function compareSubmissions(first: SubmissionFacts, second: SubmissionFacts, matchedBy: MatchedBy | null = null): YearOverYear {
  const swap = first.fiscalYear !== null && second.fiscalYear !== null && first.fiscalYear > second.fiscalYear;
  const earlier = swap ? second : first;
  const later = swap ? first : second;
  const income = incomeChanges(earlier, later);
  const totalBefore = earlier.operatingIncome;
  const totalAfter = later.operatingIncome;
  return {
    earlier: refOf(earlier),
    later: refOf(later),
    matchedBy,
    members: rosterChanges(earlier.roster, later.roster),
    income,
    incomeTotal: { earlier: totalBefore, later: totalAfter, growth: growth(totalBefore, totalAfter) },
    subsidy: subsidyYears(earlier, later),
    disagreements: disagreements(earlier, later),
  };
}

/** 計畫編號 as a key: NFKC, no spaces, upper case, without trailing dashes (NSTC writes "…-001-"). */
export function projectKey(number: string | null): string | null {
  if (number === null) return null;
  const key = number.normalize("NFKC").replace(/\s/g, "").toUpperCase().replace(/-+$/, "");
  return key.length > 0 ? key : null;
}

/** 計畫名稱 + 執行機構 as a key; null without a title. */
export function titleKey(title: string | null, institution: string | null): string | null {
  if (title === null) return null;
  const key = (text: string | null) => (text === null ? "" : normalizeFreeText(text).replace(/\s/g, ""));
  const name = key(title);
  return name.length > 0 ? `${name}|${key(institution)}` : null;
}
