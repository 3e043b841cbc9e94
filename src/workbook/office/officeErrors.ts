/** Office.js errors → WorkbookError codes the task pane translates. */
import { isWorkbookError, WorkbookError, type WorkbookErrorCode } from "../gateway";

/** Error codes of OfficeExtension.Error (Excel), grouped by what the user can do about them. */
const CODES: Readonly<Record<string, WorkbookErrorCode>> = {
  ItemNotFound: "not-found",
  InvalidReference: "not-found",
  AccessDenied: "read-only",
  RequestPayloadSizeLimitExceeded: "too-large",
  ResponsePayloadSizeLimitExceeded: "too-large",
  RangeExceedsLimit: "too-large",
  TooManyCells: "too-large",
  MemoryLimitReached: "too-large",
  ApiNotFound: "api-unsupported",
  ApiNotAvailable: "api-unsupported",
  NotImplemented: "api-unsupported",
  UnsupportedFeature: "api-unsupported",
  UnsupportedOperation: "api-unsupported",
  RequestAborted: "cancelled",
  InvalidOperationInCellEditMode: "cell-editing",
};

export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  const { code } = error as { code: unknown };
  return typeof code === "string" ? code : null;
}

export function isPayloadLimitError(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/**
 * Wraps an error raised by Office.js; anything else (a bug in our code) is rethrown as it is,
 * so it is not disguised as an I/O problem.
 */
export function toWorkbookError(error: unknown, operation: string, fallback: WorkbookErrorCode): unknown {
  if (isWorkbookError(error)) return error;
  const code = officeErrorCode(error);
  if (code === null) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WorkbookError(CODES[code] ?? fallback, `${operation} failed: ${message}`, code);
}
