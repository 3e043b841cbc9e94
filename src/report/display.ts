/**
 * How dates, percentages and roles read in a report, in one language each (docs/glossary.md):
 * zh-TW dates in the ROC form 「115年3月1日」, English ones as 2026-03-01; a ratio as a percent
 * with one decimal, 75.6%.
 */
import type { Language, Role } from "../engine/types";

const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Taiwan of a stored date ("2026-03-01" or ISO 8601 with any offset); null when unreadable. */
export function taipeiDay(at: string): { year: number; month: number; day: number } | null {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at.trim());
  if (plain) return { year: Number(plain[1]), month: Number(plain[2]), day: Number(plain[3]) };
  const time = Date.parse(at);
  if (Number.isNaN(time)) return null;
  const local = new Date(time + TAIPEI_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** 「115年3月1日」 in zh-TW, "2026-03-01" in English; an unreadable date as it was stored. */
export function displayDate(at: string, language: Language): string {
  const day = taipeiDay(at);
  if (!day) return at;
  if (language === "zh-TW") return `${day.year - 1911}年${day.month}月${day.day}日`;
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}

/** A ratio as a percent with one decimal: 0.756 → "75.6%". */
export function displayPercent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

export const ROLE_LABELS: Record<Language, Record<Role, string>> = {
  "zh-TW": { pi: "計畫主持人", finance: "會計・研發處", reviewer: "審查人員" },
  en: { pi: "PI", finance: "finance", reviewer: "reviewer" },
};
