/**
 * Findings as CSV (RFC 4180), safe to open in a spreadsheet: a field that starts with = + - @,
 * a tab or a carriage return is prefixed with an apostrophe (OWASP CSV-injection guidance).
 */
import { createFormatter } from "../engine/format";
import type { Language, ValidationResult } from "../engine/types";

export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(value: string | number): string {
  const text = typeof value === "number" ? String(value) : neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HEADERS: Record<Language, string[]> = {
  "zh-TW": ["嚴重度", "規則", "工作表", "儲存格", "說明", "豁免理由", "識別碼"],
  en: ["Severity", "Rule", "Sheet", "Cell", "Message", "Waiver", "Fingerprint"],
};

export function toCsv(result: ValidationResult, language: Language): string {
  const format = createFormatter(result);
  const lines = [HEADERS[language].map(field).join(",")];
  for (const finding of result.findings) {
    lines.push(
      [finding.severity, finding.ruleId, finding.sheet, finding.cell, format(finding, language), finding.waiver?.reason ?? "", finding.fingerprint]
        .map(field)
        .join(","),
    );
  }
  // A byte-order mark lets Excel open UTF-8 Chinese text correctly.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
