/** Vocabulary spellings for formulas and dropdowns, taken from the rule pack. */
import type { RulePack, VocabularyName } from "../rules/schema";

export interface Spelling {
  text: string;
  /** The canonical value it stands for. */
  value: string;
}

/**
 * Every accepted spelling of a vocabulary (value, labels, aliases, with 臺 and 台 both), once
 * each ignoring case, as Excel's comparisons ignore case; the first entry wins, as in the
 * engine's resolver.
 */
export function vocabularySpellings(pack: RulePack, name: VocabularyName): Spelling[] {
  const seen = new Set<string>();
  const spellings: Spelling[] = [];
  for (const entry of pack.vocabularies[name]) {
    const written = [entry.value, entry.label["zh-TW"], entry.label.en, ...entry.aliases];
    // The engine reads 臺 and 台 alike (normalizeText): formulas must match both spellings.
    const variants = written.flatMap((text) => (/[臺台]/.test(text) ? [text, text.replace(/臺/g, "台"), text.replace(/台/g, "臺")] : [text])); // glossary: input
    for (const text of variants) {
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
