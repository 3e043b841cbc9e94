/**
 * Findings as CSV (RFC 4180), safe to open in a spreadsheet (OWASP CSV injection; ASVS 1.2.10):
 * - a field that starts with = + - @, a tab, a carriage return or NUL is prefixed with an
 *   apostrophe, so the spreadsheet shows it as text instead of running it;
 * - every text field is quoted (quotes doubled);
 * - inside a field, = + - @ after a ";", a tab or a line break (and any spaces or quotes) gets
 *   an apostrophe too: a spreadsheet whose list separator is ";" (most of Europe) reads a comma
 *   file's quotes differently and starts a new field at each ";" (LibreOffice does: OWASP's
 *   `=1+2";=1+2`), and a tab or a line break starts one when the text is pasted.
 */
import { createFormatter } from "../engine/format";
import type { Language, Severity, ValidationResult } from "../engine/types";
import { displayDate, ROLE_LABELS } from "./display";

export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
}

/** Where another reading of the file could start a field: after ";", a tab or a line break. */
const INNER_FIELD_START = /([;\t\r\n][\s"']*)(?=[=+\-@])/g;

/** One CSV field: numbers as they are, text quoted and neutralised; null as an empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = neutralizeFormula(value).replace(INNER_FIELD_START, "$1'");
  return `"${text.replace(/"/g, '""')}"`;
}

const HEADERS: Record<Language, string[]> = {
  "zh-TW": ["嚴重度", "規則", "工作表", "儲存格", "說明", "例外說明", "說明者", "說明日期", "識別碼"],
  en: ["Severity", "Rule", "Sheet", "Cell", "Message", "Exception note", "Explained by", "Explained on", "Fingerprint"],
};

/** The severity column in the file's language (an English file keeps the contract's words). */
const SEVERITY_WORDS: Record<Language, Record<Severity, string>> = {
  "zh-TW": { error: "錯誤", warning: "警告", info: "提示" },
  en: { error: "error", warning: "warning", info: "info" },
};

export function toCsv(result: ValidationResult, language: Language): string {
  const format = createFormatter(result);
  return csvDocument([
    HEADERS[language],
    ...result.findings.map((finding) => {
      const waiver = finding.waiver;
      const by = waiver ? [waiver.by, waiver.role ? ROLE_LABELS[language][waiver.role] : undefined].filter(Boolean).join(language === "zh-TW" ? "／" : " / ") : "";
      return [
        SEVERITY_WORDS[language][finding.severity],
        finding.ruleId,
        finding.sheet,
        finding.cell,
        format(finding, language),
        waiver?.reason ?? "",
        by,
        waiver?.at ? displayDate(waiver.at, language) : "",
        finding.fingerprint,
      ];
    }),
  ]);
}

/** Records as a CSV document: CRLF line ends, and a byte-order mark so that Excel opens UTF-8 Chinese text correctly. */
export function csvDocument(records: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${records.map((record) => record.map(csvField).join(",")).join("\r\n")}\r\n`;
}
