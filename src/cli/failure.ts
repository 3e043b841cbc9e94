/** How the command line says what went wrong: one line, in the chosen language, never a stack trace. */
import type { Language } from "../engine/types";
import { RulePackError } from "../rules";
import { terminalSafe } from "../report/terminal";
import { isWorkbookError } from "../workbook/gateway";
import { UsageError } from "./arguments";
import { describeWorkbookError, systemErrorText } from "./messages";

/** An error is one line on stderr, whatever names and texts from the file it quotes. */
export function oneLine(text: string): string {
  return terminalSafe(text.replace(/\s*[\r\n]+\s*/g, " ").trim());
}

/**
 * One line in the chosen language only: our own errors are written in both; the system's are
 * told by their code (ENOENT, ENOSPC…); any other error's English text is shown in English only.
 */
export function describeFailure(error: unknown, language: Language, file?: string): string {
  if (error instanceof UsageError) return error.message;
  if (isWorkbookError(error)) return describeWorkbookError(error, language, file);
  if (error instanceof RulePackError) return language === "zh-TW" ? `規則版本無法載入${file !== undefined ? `（${file}）` : ""}` : error.message;
  const message = error instanceof Error ? error.message : String(error);
  const system = systemErrorText((error as { code?: string } | null)?.code, language);
  if (language === "zh-TW") return `無法處理此檔案${file !== undefined ? `：${file}` : ""}${system !== null ? `（${system}）` : ""}`;
  return `could not process the file: ${system ?? message}`;
}
