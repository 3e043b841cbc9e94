/**
 * For a value outside a vocabulary: the vocabulary's canonical terms, closest first. Closeness is
 * measured on the same normalisation the resolver uses (normalizeVocabulary), against every
 * spelling of a term (its value, both labels and its aliases): a spelling that contains the typed
 * text, or is contained in it, comes before one that merely shares letters.
 */
import type { RulePack, VocabularyName } from "../../rules/schema";
import { normalizeVocabulary } from "../normalize";

/** How many terms a suggestion offers at most. */
export const MAX_CHOICES = 8;

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Characters of a typed value compared: a term is short, and a cell may hold 32,767. */
const MAX_COMPARED = 64;

/** 0 (the same after normalisation) to 1 (nothing in common); containment scores under 0.5. */
export function distance(typed: string, spelling: string): number {
  const a = normalizeVocabulary(typed.length > MAX_COMPARED ? typed.slice(0, MAX_COMPARED) : typed);
  const b = normalizeVocabulary(spelling);
  if (a.length === 0 || b.length === 0) return 1;
  if (a === b) return 0;
  const shorter = Math.min(a.length, b.length);
  const longer = Math.max(a.length, b.length);
  if (a.includes(b) || b.includes(a)) return 0.1 + 0.4 * (1 - shorter / longer);
  return 0.5 + 0.5 * Math.min(1, levenshtein(a, b) / longer);
}

/** Canonical values of the vocabulary, closest to `typed` first (ties in the pack's order). */
export function closestTerms(pack: RulePack, vocabulary: VocabularyName, typed: string, limit = MAX_CHOICES): string[] {
  const entries = pack.vocabularies[vocabulary] ?? [];
  return entries
    .map((entry, index) => ({
      value: entry.value,
      index,
      score: Math.min(...[entry.value, entry.label["zh-TW"], entry.label.en, ...entry.aliases].map((spelling) => distance(typed, spelling))),
    }))
    .sort((x, y) => x.score - y.score || x.index - y.index)
    .slice(0, limit)
    .map((entry) => entry.value);
}
