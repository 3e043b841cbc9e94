/**
 * Dates in SpreadsheetML are numbers; only the cell's number format says "this is a date".
 * These helpers decide that from a format and turn a serial into the ISO date Excel shows.
 */

/**
 * Built-in number formats that show dates or times: 14–22 everywhere, 27–36 and 50–58 in the
 * East Asian locales (zh-TW: ROC-era and 年/月/日 formats), 45–47 minutes/seconds.
 */
export function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a custom format code shows a date or time: a d, m, y, h, s, e or g token outside quoted
 * text, `[...]` sections (colours, conditions, locales — but `[h]`, `[mm]`, `[ss]` elapsed
 * time counts), backslash escapes and the `_x` / `*x` spacing and fill characters.
 */
export function isDateFormatCode(code: string): boolean {
  let i = 0;
  const length = code.length;
  while (i < length) {
    const ch = code[i]!;
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? length : close + 1;
      continue;
    }
    if (ch === "\\" || ch === "_" || ch === "*") {
      i += 2;
      continue;
    }
    if (ch === "[") {
      const close = code.indexOf("]", i + 1);
      const inside = code.slice(i + 1, close < 0 ? length : close);
      if (/^(h+|m+|s+)$/i.test(inside)) return true;
      i = close < 0 ? length : close + 1;
      continue;
    }
    if (code.startsWith("General", i) || code.startsWith("general", i) || code.startsWith("GENERAL", i)) {
      i += 7;
      continue;
    }
    const lower = ch.toLowerCase();
    if (lower === "d" || lower === "m" || lower === "y" || lower === "h" || lower === "s" || lower === "g") return true;
    // e is the era year (ROC years in zh-TW: e/m/d); E+ and e- are scientific notation.
    if (lower === "e" && code[i + 1] !== "+" && code[i + 1] !== "-") return true;
    i++;
  }
  return false;
}

/** Days from 1970-01-01 to each epoch. */
const EPOCH_1900 = -25_569; // 1899-12-30
const EPOCH_1904 = -24_107; // 1904-01-01
/** 9999-12-31, the last date Excel shows; beyond it Excel shows ####. */
const MAX_SERIAL_1900 = 2_958_465;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** YYYY-MM-DD of a day count since 1970-01-01 (proleptic Gregorian; Hinnant's civil_from_days). */
function isoDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The calendar date (YYYY-MM-DD) of a date serial, or null when Excel would not show one
 * (negative, or past 9999). The time of day is dropped after rounding to the second.
 * The 1900 system keeps Lotus's phantom 29 February 1900 (serial 60) as Excel shows it.
 */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const day = Math.floor(serial + 0.5 / 86_400);
  if (date1904) {
    if (day > MAX_SERIAL_1900 - 1462) return null;
    return isoDate(EPOCH_1904 + day);
  }
  if (day > MAX_SERIAL_1900) return null;
  if (day === 60) return "1900-02-29";
  return isoDate(EPOCH_1900 + (day < 60 ? day + 1 : day));
}
