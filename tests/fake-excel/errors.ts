/**
 * Errors shaped like OfficeExtension.Error: `name` "RichApi.Error", a string `code` and
 * `debugInfo`. Code under test can only tell them apart by `code`, as with the real library.
 */
export type FakeErrorCode =
  | "ApiNotFound"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidObjectPath"
  | "InvalidOperation"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "PropertyNotLoaded"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "ValueNotLoaded";

export class FakeOfficeError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: { code: FakeErrorCode; message: string; errorLocation?: string };

  constructor(code: FakeErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function isFakeOfficeError(error: unknown, code?: FakeErrorCode): error is FakeOfficeError {
  return error instanceof FakeOfficeError && (code === undefined || error.code === code);
}
