/** Vocabulary spellings for formulas and dropdowns, taken from the rule pack. */
import type { RulePack, VocabularyName } from "../rules/schema";

export interface Spelling {
  text: string;
  /** The canonical value it stands for. */
  value: string;
}

/**
 * Every accepted spelling of a vocabulary (value, labels, aliases), once each ignoring case,
 * as Excel's comparisons ignore case; the first entry wins, as in the engine's resolver.
 */
export function vocabularySpellings(pack: RulePack, name: VocabularyName): Spelling[] {
  const seen = new Set<string>();
  const spellings: Spelling[] = [];
  for (const entry of pack.vocabularies[name]) {
    for (const text of [entry.value, entry.label["zh-TW"], entry.label.en, ...entry.aliases]) {
      const key = text.trim().toLowerCase();
      if (key.length === 0 || seen.has(key)) continue;
      seen.add(key);
      spellings.push({ text: text.trim(), value: entry.value });
    }
  }
  if (name === "country") {
    for (const code of pack.isoCountryCodes.split(/\s+/).filter((c) => c.length === 2)) {
      const key = code.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      spellings.push({ text: code, value: code });
    }
  }
  return spellings;
}

/** The spellings of one canonical value. */
export function spellingsOf(pack: RulePack, name: VocabularyName, value: string): string[] {
  return vocabularySpellings(pack, name)
    .filter((spelling) => spelling.value === value)
    .map((spelling) => spelling.text);
}

/** What a dropdown offers: the canonical zh-TW labels, in pack order. */
export function dropdownValues(pack: RulePack, name: VocabularyName): string[] {
  return pack.vocabularies[name].map((entry) => entry.label["zh-TW"]);
}
