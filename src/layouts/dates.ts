/**
 * Dates and the rule pack as the printed sheets show them: ROC dates in zh-TW (「115年12月5日」),
 * ISO dates in English ("2026-12-05"), both in Taiwan's local time; the pack by its fiscal year
 * (「115年度規則」 / "FY115 rules"), never by its id.
 */
import type { Language } from "../engine/types";
import type { RulePack } from "../rules/schema";

/** Year, month and day in Taiwan (UTC+8, no daylight saving) of `date`. */
export function taipeiDay(date: Date): { year: number; month: number; day: number } {
  const local = new Date(date.getTime() + 8 * 60 * 60 * 1000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

function formatDay(day: { year: number; month: number; day: number }, language: Language): string {
  if (language === "zh-TW") return `${day.year - 1911}年${day.month}月${day.day}日`;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.year}-${pad(day.month)}-${pad(day.day)}`;
}

/** `date` as a day in Taiwan: 「115年12月5日」 or "2026-12-05". */
export function displayDate(date: Date, language: Language): string {
  return formatDay(taipeiDay(date), language);
}

/**
 * A stamp as written in the workbook ("2026-12-05T07:30:00+08:00", or an older "2026-03-01"): its
 * own calendar day, as typed (already Taiwan's); the text itself when it is not a date.
 */
export function displayStamp(stamp: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(stamp.trim());
  if (!match) return stamp;
  return formatDay({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, language);
}

/** The rule pack as people name it: 「115年度規則」 / "FY115 rules". */
export function packLabel(pack: Pick<RulePack, "fiscalYears">, language: Language): string {
  const years = pack.fiscalYears.join(language === "zh-TW" ? "、" : ", ");
  return language === "zh-TW" ? `${years}年度規則` : `FY${years} rules`;
}
