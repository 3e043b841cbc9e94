/**
 * How Excel takes a string written through `Range.values`: as if a person had typed it into the
 * cell. The reference says so for formulas ("If the returned value starts with a plus ("+"),
 * minus ("-"), or equal sign ("="), Excel interprets this value as a formula", Excel.Range.values,
 * learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member), and the
 * rest is what typing does in an en-US Excel: numbers with thousands separators, a currency sign,
 * a percent sign or parentheses become numbers, TRUE/FALSE booleans, "#N/A" and its kin errors,
 * dates and times serial numbers with a date format, and a leading apostrophe is the cell's prefix
 * character, not part of its text ("Format numbers as text", support.microsoft.com). A cell
 * formatted as Text ("@") keeps what is typed as text — apart from the apostrophe prefix.
 */
export type EnteredValue =
  | { kind: "empty" }
  | { kind: "text"; value: string }
  | { kind: "number"; value: number; numberFormat?: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string }
  | { kind: "formula"; formula: string };

export const ERROR_VALUES = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#BUSY!",
  "#CONNECT!",
  "#UNKNOWN!",
] as const;

const NUMBER = /^([+-])?\s*(\$)?\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:[eE]([+-]?\d+))?\s*(%)?$/;

/** Days from Excel's 1900 epoch (serial 0 = 1899-12-30, after the 1900 leap-year bug). */
export function dateSerial(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 9999) return null;
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round((utc - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function parseNumber(text: string): { value: number; numberFormat?: string } | null {
  let body = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  const match = NUMBER.exec(body);
  if (!match) return null;
  const [, sign, currency, whole, fraction, exponent, percent] = match;
  if (whole === undefined && fraction === undefined) return null;
  if (negative && sign !== undefined) return null;
  let value = Number(
    `${(whole ?? "0").replace(/,/g, "")}${fraction ?? ""}${exponent !== undefined ? `e${exponent}` : ""}`
  );
  if (!Number.isFinite(value)) return null;
  if (sign === "-" || negative) value = -value;
  if (percent) return { value: value / 100, numberFormat: "0%" };
  if (currency) return { value, numberFormat: "$#,##0.00" };
  if (whole?.includes(",")) return { value, numberFormat: "#,##0" };
  return { value };
}

function parseDate(text: string): { value: number; numberFormat: string } | null {
  const trimmed = text.trim();
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(trimmed);
  if (match) {
    const serial = dateSerial(Number(match[1]), Number(match[2]), Number(match[3]));
    return serial === null ? null : { value: serial, numberFormat: "yyyy-mm-dd" };
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(trimmed);
  if (match) {
    const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    const serial = dateSerial(year, Number(match[1]), Number(match[2]));
    return serial === null ? null : { value: serial, numberFormat: "m/d/yyyy" };
  }
  match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (match) {
    const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return null;
    return { value: (h * 3600 + m * 60 + s) / 86_400, numberFormat: "h:mm" };
  }
  return null;
}

/** What typing `text` into a cell with number format `numberFormat` stores. */
export function enterText(text: string, numberFormat: string): EnteredValue {
  if (text === "") return { kind: "empty" };
  if (text.startsWith("'")) return text.length === 1 ? { kind: "empty" } : { kind: "text", value: text.slice(1) };
  if (numberFormat === "@") return { kind: "text", value: text };
  if (text.startsWith("=") && text.length > 1) return { kind: "formula", formula: text };
  const number = parseNumber(text);
  if (number) return { kind: "number", ...number };
  const date = parseDate(text);
  if (date) return { kind: "number", ...date };
  if (/^(true|false)$/i.test(text.trim())) return { kind: "boolean", value: text.trim().toUpperCase() === "TRUE" };
  const error = ERROR_VALUES.find((candidate) => candidate === text.trim().toUpperCase());
  if (error) return { kind: "error", value: error };
  if (/^[+\-@]/.test(text) && text.length > 1) {
    return { kind: "formula", formula: text.startsWith("@") ? `=${text.slice(1)}` : `=${text}` };
  }
  return { kind: "text", value: text };
}
