import { useHosts } from "../../../tests/excel-host/testing";
import { WorkbookError } from "../gateway";
import { isPayloadLimitError, toWorkbookError } from "./officeErrors";

const start = useHosts();

/** The client library's own error class (OfficeExtension.Error), as Excel.run rejects with it. */
function officeError(code: string): Error {
  start();
  const RuntimeError = OfficeExtension.Error as unknown as new (error: {
    code: string;
    message: string;
    httpStatusCode: number;
  }) => Error;
  return new RuntimeError({ code, message: `office says ${code}`, httpStatusCode: 400 });
}

describe("toWorkbookError", () => {
  it.each([
    ["ItemNotFound", "not-found"],
    ["AccessDenied", "read-only"],
    ["RequestPayloadSizeLimitExceeded", "too-large"],
    ["ResponsePayloadSizeLimitExceeded", "too-large"],
    ["ApiNotFound", "api-unsupported"],
    ["InvalidOperationInCellEditMode", "cell-editing"],
    ["GeneralException", "write-failed"],
  ])("maps %s to %s", (code, expected) => {
    const mapped = toWorkbookError(officeError(code), "Showing flags", "write-failed");
    expect(mapped).toBeInstanceOf(WorkbookError);
    expect(mapped).toMatchObject({
      code: expected,
      detail: code,
      message: `Showing flags failed: office says ${code}`,
    });
  });

  it("leaves our own bugs and WorkbookErrors as they are", () => {
    const bug = new TypeError("x is undefined");
    const known = new WorkbookError("corrupt", "bad part");
    expect(toWorkbookError(bug, "Reading", "corrupt")).toBe(bug);
    expect(toWorkbookError(known, "Reading", "write-failed")).toBe(known);
  });

  it("recognises payload-limit errors", () => {
    expect(isPayloadLimitError(officeError("ResponsePayloadSizeLimitExceeded"))).toBe(true);
    expect(isPayloadLimitError(officeError("ItemNotFound"))).toBe(false);
    expect(isPayloadLimitError("RequestPayloadSizeLimitExceeded")).toBe(false);
  });
});
