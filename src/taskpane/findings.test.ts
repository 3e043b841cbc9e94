import type { Finding, Severity } from "../engine/types";
import {
  applyWaivers,
  countFindings,
  DEFAULT_FILTER,
  flattenGroups,
  groupFindings,
  isFiltered,
  sheetsOf,
  sliceGroups,
  stepPosition,
  windowAround,
} from "./findings";

function finding(ruleId: string, sheet: string, cell: string, severity: Severity = "error", waived = false): Finding {
  const fingerprint = `${ruleId}|${sheet}|${cell}`;
  return {
    ruleId,
    severity,
    sheet,
    cell,
    row: 1,
    column: 1,
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
];

describe("findings", () => {
  it("counts unwaived findings by severity and waived ones apart", () => {
    expect(countFindings(FINDINGS)).toEqual({ error: 2, warning: 1, info: 1, waived: 1, total: 5 });
  });

  it("groups by sheet, then rule, in order of first appearance", () => {
    const groups = groupFindings(FINDINGS, DEFAULT_FILTER);
    expect(groups.map((group) => [group.sheet, group.count, group.rules.map((rule) => `${rule.ruleId}:${rule.count}`)])).toEqual([
      ["Plan", 1, ["A:1"]],
      ["Budget", 3, ["B:2", "A:1"]],
      ["Members", 1, ["C:1"]],
    ]);
    expect(flattenGroups(groups).map((entry) => entry.finding.cell)).toEqual(["B2", "G5", "G7", "G6", "B3"]);
    expect(sheetsOf(FINDINGS)).toEqual(["Plan", "Budget", "Members"]);
  });

  it.each([
    [{ ...DEFAULT_FILTER, severities: new Set<Severity>(["warning"]) }, ["G5", "G7"]],
    [{ ...DEFAULT_FILTER, showWaived: false }, ["B2", "G5", "G6", "B3"]],
    [{ ...DEFAULT_FILTER, sheet: "Budget" }, ["G5", "G7", "G6"]],
    [{ ...DEFAULT_FILTER, severities: new Set<Severity>(), showWaived: false }, []],
  ])("filters (%#)", (filter, cells) => {
    expect(flattenGroups(groupFindings(FINDINGS, filter)).map((entry) => entry.finding.cell)).toEqual(cells);
    expect(isFiltered(filter)).toBe(true);
  });

  it("slices the display order into a window, keeping group counts", () => {
    const groups = groupFindings(FINDINGS, DEFAULT_FILTER);
    const sliced = sliceGroups(groups, 1, 3);
    expect(flattenGroups(sliced).map((entry) => entry.finding.cell)).toEqual(["G5", "G7"]);
    expect(sliced.map((group) => group.count)).toEqual([3]);
    expect(flattenGroups(sliceGroups(groups, 0, 100))).toHaveLength(5);
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
