/**
 * Errors the in-memory Excel answers with. They travel to Microsoft's client library as the
 * RichApi response's `Error` (an action failed) or as a failed request (the request itself was
 * refused), and the library turns them into `OfficeExtension.Error`s with these codes.
 * Codes and HTTP statuses as listed in "Error handling with the application-specific JavaScript
 * APIs" (learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export type HostErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidOperationInCellEditMode"
  | "InvalidReference"
  | "InvalidObjectPath"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "NotImplemented"
  | "RangeExceedsLimit"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "UnsupportedOperation";

const HTTP_STATUS: Readonly<Record<HostErrorCode, number>> = {
  AccessDenied: 403,
  ApiNotFound: 404,
  GeneralException: 500,
  InvalidArgument: 400,
  InvalidOperation: 400,
  InvalidOperationInCellEditMode: 400,
  InvalidReference: 400,
  InvalidObjectPath: 400,
  ItemAlreadyExists: 409,
  ItemNotFound: 404,
  NotImplemented: 501,
  RangeExceedsLimit: 400,
  RequestPayloadSizeLimitExceeded: 400,
  ResponsePayloadSizeLimitExceeded: 400,
  UnsupportedOperation: 400,
};

/** Thrown inside the host while it executes an action; becomes the response's `Error`. */
export class HostError extends Error {
  readonly code: HostErrorCode;
  constructor(code: HostErrorCode, message: string) {
    super(message);
    this.name = "HostError";
    this.code = code;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** The message Excel gives for a member the host build does not have. */
export function apiNotFound(member: string, since: number): HostError {
  return new HostError(
    "ApiNotFound",
    `The API you are trying to use could not be found (${member}, ExcelApi 1.${since}). It may be available in a newer version of Excel.`
  );
}

/** What an add-in sees: the `code` of an OfficeExtension.Error (or of anything thrown). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === "string" ? code : undefined;
}
