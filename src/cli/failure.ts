/** How the command line says what went wrong: one line, in the chosen language, never a stack trace. */
import type { Language } from "../engine/types";
import { RulePackError } from "../rules";
import { terminalSafe } from "../report/terminal";
import { isWorkbookError } from "../workbook/gateway";
import { UsageError } from "./arguments";
import { describeWorkbookError } from "./messages";

/** An error is one line on stderr, whatever names and texts from the file it quotes. */
export function oneLine(text: string): string {
  return terminalSafe(text.replace(/\s*[\r\n]+\s*/g, " ").trim());
}

export function describeFailure(error: unknown, language: Language): string {
  if (error instanceof UsageError) return error.message;
  if (isWorkbookError(error)) return describeWorkbookError(error, language);
  if (error instanceof RulePackError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return language === "zh-TW" ? `無法處理此檔案：${message}` : `could not process the file: ${message}`;
}
