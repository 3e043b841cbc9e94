import { WorkbookError } from "../workbook/gateway";
import { toPaneError } from "./errors";

describe("toPaneError", () => {
  it("uses a WorkbookError's code", () => {
    expect(toPaneError(new WorkbookError("encrypted", "locked", "detail"))).toEqual({ key: "encrypted", detail: "detail" });
  });

  it("recognises rule-pack errors by name", () => {
    const error = new Error("unknown rule pack 'x'");
    error.name = "RulePackError";
    expect(toPaneError(error).key).toBe("rule-pack");
  });

  it("falls back for anything else", () => {
    expect(toPaneError(new Error("boom"), "write-failed")).toEqual({ key: "write-failed", detail: "boom" });
    expect(toPaneError("text")).toEqual({ key: "unknown", detail: "text" });
    expect(toPaneError(42)).toEqual({ key: "unknown", detail: undefined });
  });
});
