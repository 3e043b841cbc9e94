import fc from "fast-check";
import { KeywordMatcher } from "./checks/budget";
import { formatNumber, isEmptyCell, normalizeFreeText } from "./normalize";

/** The definitions the fast paths must agree with. */
const reference = {
  normalizeFreeText: (value: string): string => value.normalize("NFKC").replace(/臺/g, "台").trim().toLowerCase(),
  isEmptyCell: (value: string): boolean => value.trim().length === 0,
};

/** Text made of the characters the fast paths treat specially, and arbitrary ones. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(..." \t\u3000\u00a0\ufeffAaZz09@[`{~臺台人費ＡＢ１ｎ（）".split("")), maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.string({ unit: "binary", maxLength: 8 }),
);

describe("normalisation fast paths", () => {
  it("normalizeFreeText gives what NFKC, 臺 → 台, trim and lower case give", () => {
    fc.assert(fc.property(text, (value) => expect(normalizeFreeText(value)).toBe(reference.normalizeFreeText(value))), { numRuns: 2000 });
  });

  it.each(["人事費", "專任助理 碩士", "臺灣", " 人事費", "人事費 ", "Personnel", "abc", "ＡＢＣ", "", "a\u3000", "\u3000a"])(
    "normalizeFreeText(%j) as defined",
    (value) => expect(normalizeFreeText(value)).toBe(reference.normalizeFreeText(value)),
  );

  it("isEmptyCell on text is true exactly for white space only", () => {
    fc.assert(fc.property(text, (value) => expect(isEmptyCell(value)).toBe(reference.isEmptyCell(value))), { numRuns: 2000 });
  });

  it("a KeywordMatcher answers the same from memory as the first time", () => {
    const keywords = ["專利申請", "patent application", "UPS", "micro-scope"];
    const fresh = (value: string) => new KeywordMatcher(keywords).findNormalized(value);
    const shared = new KeywordMatcher(keywords);
    const texts = ["專利申請費", "a patent  applications fee", "patents", "ups unit", "groups", "micro-scopes", "", "microscope"];
    for (const round of [1, 2]) {
      for (const value of texts) expect([round, value, shared.findNormalized(value)]).toEqual([round, value, fresh(value)]);
    }
    expect(shared.findNormalized("a patent  applications fee")).toBe("patent application");
    expect(shared.findNormalized("groups")).toBeNull();
  });
});

describe("formatNumber", () => {
  it.each<[number, string]>([
    [0, "0"],
    [-0.004, "0"],
    [1234567.891, "1,234,567.89"],
    [-12000, "-12,000"],
    [1e20, "100,000,000,000,000,000,000"],
    // toFixed switches to exponent notation from 1e21 on: these once crashed every report.
    [1e21, "1,000,000,000,000,000,000,000"],
    [1e22, "10,000,000,000,000,000,000,000"],
    [-1e22, "-10,000,000,000,000,000,000,000"],
    [1.2345678901234569e23, "123,456,789,012,345,690,000,000"],
    [1.5e22, "15,000,000,000,000,000,000,000"],
    [Number.POSITIVE_INFINITY, "∞"],
    [Number.NEGATIVE_INFINITY, "-∞"],
    [Number.NaN, "NaN"],
  ])("%p → %s", (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it("writes every finite magnitude out, up to the largest double", () => {
    expect(formatNumber(1e308)).toMatch(/^100(,000){102}$/);
    expect(formatNumber(-Number.MAX_VALUE)).toMatch(/^-179,769,313,486,231,570(,000)+$/);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(formatNumber(value)).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$/);
      }),
    );
  });
});
