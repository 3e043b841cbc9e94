import type { Finding, Severity } from "../engine/types";
import {
  applyWaivers,
  countFindings,
  DEFAULT_FILTER,
  isFiltered,
  isPassed,
  sheetsOf,
  sortFindings,
  stepPosition,
  toggleTone,
  windowAround,
} from "./findings";

function finding(ruleId: string, sheet: string, cell: string, severity: Severity = "error", waived = false): Finding {
  const fingerprint = `${ruleId}|${sheet}|${cell}`;
  const match = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return {
    ruleId,
    severity,
    sheet,
    cell,
    row: Number(match[2]),
    column: match[1]!.charCodeAt(0) - 64,
    params: {},
    fingerprint,
    sources: [],
    ...(waived ? { waiver: { fingerprint, ruleId, reason: "ok" } } : {}),
  };
}

const FINDINGS = [
  finding("A", "Plan", "B2"),
  finding("B", "Budget", "G5", "warning"),
  finding("A", "Budget", "G6"),
  finding("B", "Budget", "G7", "warning", true),
  finding("C", "Members", "B3", "info"),
  finding("D", "Budget", "C6"),
  finding("E", "Missing", "A1"),
];
const SHEETS = ["Plan", "Budget", "Members"];
const cells = (filter = DEFAULT_FILTER) => sortFindings(FINDINGS, filter, SHEETS).map((entry) => `${entry.finding.sheet}!${entry.finding.cell}`);

describe("findings", () => {
  it("counts unexplained findings by severity and explained ones apart", () => {
    expect(countFindings(FINDINGS)).toEqual({ error: 4, warning: 1, info: 1, waived: 1, total: 7 });
  });

  it("lists one flat list: by severity, then the workbook's sheet order (a sheet it lacks first), row and column; explained last", () => {
    expect(cells()).toEqual(["Missing!A1", "Plan!B2", "Budget!C6", "Budget!G6", "Budget!G5", "Members!B3", "Budget!G7"]);
    expect(sortFindings(FINDINGS, DEFAULT_FILTER, SHEETS).map((entry) => entry.index)).toEqual([6, 0, 5, 2, 1, 4, 3]);
    expect(sheetsOf(FINDINGS)).toEqual(["Plan", "Budget", "Members", "Missing"]);
  });

  it("a count shows only its severity; the same count again shows all", () => {
    const errors = toggleTone(DEFAULT_FILTER, "error");
    expect(cells(errors)).toEqual(["Missing!A1", "Plan!B2", "Budget!C6", "Budget!G6"]);
    expect(isFiltered(errors)).toBe(true);
    const warnings = toggleTone(errors, "warning");
    expect(cells(warnings)).toEqual(["Budget!G5"]);
    expect(toggleTone(warnings, "warning")).toEqual(DEFAULT_FILTER);
    expect(cells(toggleTone(DEFAULT_FILTER, "waived"))).toEqual(["Budget!G7"]);
    expect(cells({ ...DEFAULT_FILTER, sheet: "Budget" })).toEqual(["Budget!C6", "Budget!G6", "Budget!G5", "Budget!G7"]);
    expect(isFiltered(DEFAULT_FILTER)).toBe(false);
  });

  it("passes with no error or warning left unexplained (info and explained findings allowed)", () => {
    expect(isPassed(countFindings(FINDINGS))).toBe(false);
    expect(isPassed(countFindings([finding("C", "Members", "B3", "info"), finding("A", "Plan", "B2", "error", true)]))).toBe(true);
    expect(isPassed(countFindings([finding("B", "Budget", "G5", "warning")]))).toBe(false);
    expect(isPassed(countFindings([]))).toBe(true);
  });

  it.each([
    [{ start: 0, end: 100 }, 50, { start: 0, end: 100 }],
    [{ start: 0, end: 200 }, 150, { start: 0, end: 200 }],
    [{ start: 0, end: 100 }, 2499, { start: 2400, end: 2500 }],
    [{ start: 2400, end: 2500 }, 0, { start: 0, end: 100 }],
    [{ start: 0, end: 100 }, -1, { start: 0, end: 100 }],
  ])("moves the window from %j to show position %i", (window, position, expected) => {
    expect(windowAround(window, position, 100)).toEqual(expected);
  });

  it.each([
    [null, 1, 5, 0],
    [null, -1, 5, 4],
    [0, -1, 5, 0],
    [4, 1, 5, 4],
    [2, 1, 5, 3],
    [null, 1, 0, null],
  ] as const)("steps from %p by %p in %p findings to %p", (current, step, length, expected) => {
    expect(stepPosition(current, step, length)).toBe(expected);
  });

  it("applies and removes waivers by fingerprint without mutating", () => {
    const target = FINDINGS[0]!;
    const waiver = { fingerprint: target.fingerprint, ruleId: target.ruleId, reason: "justified" };
    const applied = applyWaivers(FINDINGS, new Map([[waiver.fingerprint, waiver]]));
    expect(applied[0]!.waiver).toBe(waiver);
    expect(applied[3]!.waiver).toBeUndefined();
    expect(FINDINGS[0]!.waiver).toBeUndefined();
    expect(applied[1]).toBe(FINDINGS[1]);
    // A waiver for another rule with the same fingerprint does not apply.
    const wrongRule = applyWaivers(FINDINGS, new Map([[target.fingerprint, { ...waiver, ruleId: "Z" }]]));
    expect(wrongRule[0]!.waiver).toBeUndefined();
  });
});
