/** Turns whatever a task failed with into something the pane can say: what happened, what to do. */
import { isWorkbookError } from "../workbook/gateway";
import type { ErrorKey } from "./i18n";

export interface PaneError {
  key: ErrorKey;
  /** The original message, for the details line (never shown as the title). */
  detail: string | undefined;
}

export function toPaneError(error: unknown, fallback: ErrorKey = "unknown"): PaneError {
  if (isWorkbookError(error)) return { key: error.code, detail: error.detail ?? error.message };
  if (error instanceof Error) {
    if (error.name === "RulePackError") return { key: "rule-pack", detail: error.message };
    return { key: fallback, detail: error.message };
  }
  return { key: fallback, detail: typeof error === "string" ? error : undefined };
}
