/**
 * Text and number normalisation shared by every reader of the contract: sheet names, headers,
 * vocabulary values and numbers typed as text all go through here, so "金額（新臺幣元）",
 * "Amount (NT$)" and "金額" compare equal, and "NT$1,234" reads as 1234. Sheet names have a
 * stricter key of their own (normalizeSheetName): the header rules would turn look-alike tabs
 * into input sheets.
 */
import { CellValue, isCellError } from "./types";

/**
 * A bounded memo for normalisers: workbooks repeat the same few hundred strings (categories,
 * types, headers) thousands of times, and NFKC is the engine's most expensive step.
 */
function memoize(fn: (value: string) => string, limit = 50_000): (value: string) => string {
  let cache = new Map<string, string>();
  return (value: string) => {
    let result = cache.get(value);
    if (result === undefined) {
      result = fn(value);
      if (cache.size >= limit) cache = new Map();
      cache.set(value, result);
    }
    return result;
  };
}

/** NFKC (full-width → half-width), trim, lower case, 臺 → 台. Not memoised: for one-off text. */
export function normalizeFreeText(value: string): string {
  // Most cells are already normal: one scan instead of four string operations (and copies).
  if (ALREADY_NORMAL.test(value)) return value;
  // NFKC leaves ASCII and CJK unified ideographs unchanged; most cells are only those.
  const normal = NFKC_STABLE.test(value) ? value : value.normalize("NFKC");
  return normal.replace(/臺/g, "台").trim().toLowerCase(); // glossary: input
}

const NFKC_STABLE = /^[\x20-\x7e\u4e00-\u9fff]*$/;

/**
 * Text normalizeFreeText returns unchanged: printable ASCII without capitals and CJK unified
 * ideographs (NFKC leaves both alone, neither has a lower case) except 臺 (U+81FA), not starting
 * or ending with a space (the only white space in the set).
 */
const ALREADY_NORMAL = /^[\x21-\x40\x5b-\x7e\u4e00-\u81f9\u81fb-\u9fff](?:[\x20-\x40\x5b-\x7e\u4e00-\u81f9\u81fb-\u9fff]*[\x21-\x40\x5b-\x7e\u4e00-\u81f9\u81fb-\u9fff])?$/;

/** normalizeFreeText, memoised: for values that repeat (vocabulary, headers, labels). */
export const normalizeText = memoize(normalizeFreeText);

/**
 * Sheet-name key, exactly as the workbook contract says: NFKC (full-width → half-width), trimmed,
 * case-folded — and nothing else. Not normalizeHeader: "經費表 (2)", "經費 表" and "經費表(元)"
 * are other tabs, not the budget sheet. Upper then lower case comes closer to Unicode case
 * folding than lower case alone ("Straße" and "STRASSE" fold alike).
 */
export function normalizeSheetName(name: string): string {
  return name.normalize("NFKC").trim().toUpperCase().toLowerCase();
}

/**
 * Header / label key: normalizeText, then drop a trailing unit in brackets,
 * spaces, underscores and a trailing colon. "金額（新臺幣元）" → "金額"; "Amount (NT$)" → "amount".
 */
export const normalizeHeader = memoize((value: string): string => {
  let text = normalizeText(value);
  text = text.replace(/[:：]\s*$/, "");
  // A trailing unit in brackets; repeated for "金額(元)(新臺幣)".
  for (let i = 0; i < 3; i += 1) {
    const stripped = text.replace(/\s*[([【〔][^()[\]【】〔〕]*[)\]】〕]\s*$/, "");
    if (stripped === text || stripped.length === 0) break;
    text = stripped;
  }
  return text.replace(/[\s_\u3000*＊]/g, "");
});

/** Vocabulary key: the header normalisation (so "人事費 (Personnel)" matches "人事費"). */
export const normalizeVocabulary = normalizeHeader;

/** The text of a cell as a person reads it; numbers in plain form; empty for null/errors. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value.error;
}

export function isEmptyCell(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") {
    // Most texts start with a character trim() keeps (printable ASCII, or U+3001–U+FEFE, which
    // holds no white space): no need to trim them. Called for every cell of every row.
    const first = value.charCodeAt(0);
    if ((first > 0x20 && first < 0x7f) || (first > 0x3000 && first < 0xfeff)) return false;
    return value.trim().length === 0;
  }
  return false;
}

export type NumberParse =
  | { kind: "empty" }
  | { kind: "number"; value: number }
  /** `currency`: the text names a currency other than NT$ (US$, €, 人民幣…), as written. */
  | { kind: "invalid"; text: string; currency?: string };

const CURRENCY_PREFIX = /^(?:nt\$|ntd|nt|新台幣|新臺幣|\$)/; // glossary: input
/**
 * Currencies other than NT$, on the NFKC, lower-case text: an amount in them is not an NT$
 * amount, whatever its digits. ¥ is yen or yuan, foreign either way; 元 and 圓 alone are NT$, but
 * 美元, 日元, 日圓, 港元… are not.
 */
const FOREIGN_CURRENCY =
  /us\$|usd|hk\$|hkd|sgd|aud|cad|rmb|cny|eur|gbp|jpy|krw|myr|thb|vnd|php|idr|chf|nzd|[€£¥₩]|人民幣|美金|美元|日圓|日元|日幣|港幣|港元|港紙|歐元|英鎊|韓元|韓圜|新加坡幣|新幣|澳幣|加幣|泰銖|越南盾|瑞士法郎|外幣/;
const CURRENCY_SUFFIX = /(?:元整|元|圓|ntd|nt\$|新台幣|台幣)$/;
const PLAIN_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * Reads a number as a person would type it: 1,234 / NT$1,234 / ＄1,234 / 1,234元 / full-width
 * digits / "1 234". Anything else is invalid — never guessed (no "1萬", no "12k"), and an amount
 * in another currency (US$5,000, 5,000 USD, €300, 人民幣200) is invalid and says which.
 */
const EMPTY: NumberParse = { kind: "empty" };
const textNumberCache = new Map<string, NumberParse>();

export function parseNumberCell(value: CellValue | undefined): NumberParse {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "number") {
    return Number.isFinite(value) ? { kind: "number", value } : { kind: "invalid", text: String(value) };
  }
  if (typeof value === "boolean") return { kind: "invalid", text: value ? "TRUE" : "FALSE" };
  if (isCellError(value)) return { kind: "invalid", text: value.error };
  let parsed = textNumberCache.get(value);
  if (parsed === undefined) {
    parsed = parseNumberText(value);
    if (textNumberCache.size >= 50_000) textNumberCache.clear();
    textNumberCache.set(value, parsed);
  }
  return parsed;
}

/** Whether a text cell could be a number at all (has a digit): a cheap test before parsing. */
export function mayBeNumberText(value: string): boolean {
  return /[0-9０-９]/.test(value);
}

function parseNumberText(value: string): NumberParse {
  const original = value.trim();
  if (original.length === 0) return { kind: "empty" };
  let text = original.normalize("NFKC").toLowerCase().replace(/[\s\u00a0\u3000]/g, "");
  const foreign = FOREIGN_CURRENCY.exec(text);
  if (foreign) return { kind: "invalid", text: original, currency: foreign[0] };
  let negative = false;
  let signs = 0;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    signs += 1;
    text = text.slice(1, -1);
  }
  const takeSign = () => {
    if (text.startsWith("-") || text.startsWith("+")) {
      negative = negative !== text.startsWith("-");
      signs += 1;
      text = text.slice(1);
    }
  };
  takeSign();
  text = text.replace(CURRENCY_PREFIX, "").replace(CURRENCY_SUFFIX, "");
  takeSign();
  if (signs > 1) return { kind: "invalid", text: original };
  if (!PLAIN_NUMBER.test(text)) return { kind: "invalid", text: original };
  const parsed = Number(text.replace(/,/g, ""));
  if (!Number.isFinite(parsed)) return { kind: "invalid", text: original };
  return { kind: "number", value: negative ? -parsed : parsed };
}

/** Converts a Gregorian or ROC year number to an ROC year; null when it is not plausible. */
export function toRocYear(year: number): number | null {
  if (!Number.isInteger(year)) return null;
  if (year >= 1912 && year <= 2200) return year - 1911;
  if (year >= 1 && year <= 300) return year;
  return null;
}

/**
 * A fiscal year as typed: 115, "115", "115年度", "民國115年", "FY115", 2026, "2026年".
 * Returns the ROC year or null.
 */
export function parseYear(value: CellValue | undefined): number | null {
  if (value === null || value === undefined || isCellError(value)) return null;
  if (typeof value === "number") return toRocYear(value);
  if (typeof value !== "string") return null;
  const text = normalizeText(value).replace(/\s/g, "");
  const match = /^(?:民國|中華民國|roc|fy)?(\d{1,4})(?:年度|年)?$/.exec(text);
  if (!match) return null;
  return toRocYear(Number(match[1]));
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A small ordinal as typed: 2, "2", "第二期", "第2年", "Phase 2", "Year 2". */
export function parseOrdinal(value: CellValue | undefined): number | null {
  if (value === null || value === undefined || isCellError(value)) return null;
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  if (typeof value !== "string") return null;
  const text = normalizeText(value).replace(/\s/g, "");
  const match = /^(?:第|phase|year|p|y)?(\d{1,2}|[一二三四五六七八九])(?:期|年|年次)?$/.exec(text);
  if (!match) return null;
  const token = match[1]!;
  return CHINESE_DIGITS[token] ?? Number(token);
}

/** A rate as typed: 0.15, 15, "15%", "15 %". Returns a fraction (0.15) or null. */
export function parseRate(value: CellValue | undefined): number | null {
  if (value === null || value === undefined || isCellError(value)) return null;
  if (typeof value === "string") {
    const text = value.normalize("NFKC").replace(/\s/g, "");
    if (text.endsWith("%")) {
      const parsed = parseNumberCell(text.slice(0, -1));
      return parsed.kind === "number" ? parsed.value / 100 : null;
    }
  }
  const parsed = parseNumberCell(value);
  if (parsed.kind !== "number") return null;
  return parsed.value > 1 ? parsed.value / 100 : parsed.value;
}

/**
 * The digits of a whole number of 1e21 or more as JavaScript's shortest form gives them
 * ("1.5e+22" → 15 and 21 zeros): what the person typed, not the binary value's exact expansion.
 */
function wholeDigits(magnitude: number): string {
  const [mantissa = "0", exponent = "0"] = magnitude.toString().split("e+");
  const [integer = "", decimals = ""] = mantissa.split(".");
  return integer + decimals + "0".repeat(Math.max(0, Number(exponent) - decimals.length));
}

/**
 * Formats a number for a message: thousands separators, at most 2 decimals. Any magnitude: from
 * 1e21 on, `toFixed` answers in exponent notation, so whole numbers that large are written out
 * (they have no fraction to show); a sum that overflowed is ∞.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value < 0 ? "-∞" : "∞";
  // From 2^53 / 100 on, doubles have no cents to round (and value * 100 could be off, or overflow).
  const magnitude = Math.abs(Math.abs(value) >= 2 ** 53 / 100 ? value : Math.round(value * 100) / 100);
  const [whole = "0", fraction = ""] = magnitude >= 1e21 ? [wholeDigits(magnitude)] : magnitude.toFixed(2).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction.replace(/0+$/, "");
  return `${value < 0 && magnitude !== 0 ? "-" : ""}${grouped}${decimals ? `.${decimals}` : ""}`;
}
