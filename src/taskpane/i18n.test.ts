import type { WorkbookErrorCode } from "../workbook/gateway";
import { STRINGS, stageLabel } from "./i18n";

function shape(value: unknown): unknown {
  if (typeof value === "function") return "function";
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape((value as Record<string, unknown>)[key])]));
  }
  return typeof value;
}

const CODES: WorkbookErrorCode[] = [
  "not-found",
  "not-a-workbook",
  "encrypted",
  "legacy-format",
  "too-large",
  "corrupt",
  "read-only",
  "api-unsupported",
  "write-failed",
  "cancelled",
];

describe("i18n", () => {
  it("has the same strings in zh-TW and English", () => {
    expect(shape(STRINGS.en)).toEqual(shape(STRINGS["zh-TW"]));
  });

  it.each(CODES)("says what to do next for WorkbookError %s in both languages", (code) => {
    for (const strings of Object.values(STRINGS)) {
      expect(strings.errors[code].title.length).toBeGreaterThan(0);
      expect(strings.errors[code].action.length).toBeGreaterThan(0);
    }
  });

  it("labels known stages and falls back for others", () => {
    expect(stageLabel(STRINGS["zh-TW"], "read")).toBe("讀取活頁簿");
    expect(stageLabel(STRINGS.en, "something-new")).toBe("Working");
  });

  it("formats amounts per language", () => {
    expect(STRINGS["zh-TW"].summary.currency(3000000)).toBe("3,000,000 元");
    expect(STRINGS.en.summary.currency(3000000)).toBe("NT$3,000,000");
  });
});
