/**
 * Resolves what a person typed in a vocabulary column to the pack's canonical value:
 * "人事費", "Personnel", "人事費 (Personnel)" and "personnel costs" all become 人事費.
 */
import type { RulePack, VocabularyEntry, VocabularyName } from "../rules/schema";
import { normalizeVocabulary } from "./normalize";
import type { Language } from "./types";

export class VocabularyResolver {
  private readonly maps = new Map<VocabularyName, Map<string, string>>();
  private readonly entries = new Map<VocabularyName, Map<string, VocabularyEntry>>();
  private readonly isoCodes: Set<string>;

  constructor(private readonly pack: RulePack) {
    this.isoCodes = new Set(pack.isoCountryCodes.split(/\s+/).filter((code) => code.length === 2));
    for (const [name, list] of Object.entries(pack.vocabularies) as [VocabularyName, VocabularyEntry[]][]) {
      const map = new Map<string, string>();
      const byValue = new Map<string, VocabularyEntry>();
      for (const entry of list) {
        byValue.set(entry.value, entry);
        for (const spelling of [entry.value, entry.label["zh-TW"], entry.label.en, ...entry.aliases]) {
          const key = normalizeVocabulary(spelling);
          if (!map.has(key)) map.set(key, entry.value);
        }
      }
      this.maps.set(name, map);
      this.entries.set(name, byValue);
    }
  }

  /** Canonical value, or null when the text is not in the vocabulary. */
  resolve(name: VocabularyName, typed: string): string | null {
    const key = normalizeVocabulary(typed);
    const found = this.maps.get(name)?.get(key);
    if (found !== undefined) return found;
    if (name === "country") {
      const code = typed.normalize("NFKC").trim().toUpperCase();
      if (this.isoCodes.has(code)) return code;
    }
    return null;
  }

  /** A canonical value's label in a language (the value itself when it has no entry). */
  label(name: VocabularyName, value: string, language: Language): string {
    return this.entries.get(name)?.get(value)?.label[language] ?? value;
  }

  /** The vocabulary's canonical labels, for "expected one of" messages. */
  list(name: VocabularyName, language: Language): string {
    const separator = language === "zh-TW" ? "、" : ", ";
    return (this.pack.vocabularies[name] ?? []).map((entry) => entry.label[language]).join(separator);
  }
}

const resolvers = new WeakMap<RulePack, VocabularyResolver>();

/**
 * The resolver of a pack, built once: building one normalises every spelling of every
 * vocabulary, which cost about a sixth of validating a 100-row workbook. Resolvers never change
 * after construction, and packs are not mutated once loaded.
 */
export function vocabularyFor(pack: RulePack): VocabularyResolver {
  let resolver = resolvers.get(pack);
  if (!resolver) {
    resolver = new VocabularyResolver(pack);
    resolvers.set(pack, resolver);
  }
  return resolver;
}
