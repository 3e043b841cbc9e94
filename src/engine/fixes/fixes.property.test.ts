/**
 * Property: on generated workbooks with the usual mistakes (pay under a floor, amounts that do not
 * multiply out, totals that do not add up, too much overhead, cheap equipment, a subsidy request
 * that differs from the budget, tax IDs stored as numbers, typos in categories), applying any
 * proposed fix and re-validating removes that finding and adds none.
 *
 * The fixes themselves are tested unverified (proposeFixes with verify: false): a fix may add a
 * finding only through a budget-wide limit it cannot see line by line (the cap, the overhead
 * allowance, the self-sufficiency ratio), and then the default, verified proposal must leave it out.
 */
import fc from "fast-check";
import { BUDGET_HEADERS, cleanIncome, cleanMembers, cleanPlan, MEMBER_HEADERS, INCOME_HEADERS, type Row } from "../../../tests/helpers/workbook";
import { toA1 } from "../address";
import { validateWorkbook } from "../validate";
import type { CellValue, Finding, SheetSnapshot, WorkbookSnapshot } from "../types";
import { applyEdits, proposeFixes } from "./index";

const SEED = process.env.FC_SEED === "random" ? Date.now() : Number(process.env.FC_SEED ?? 20261205);

const FIXABLE = ["BUD-PHD-PAY", "BUD-STUDENT-PAY", "BUD-FULLTIME-PAY", "BUD-TEMP-WAGE", "BUD-AMOUNT-MISMATCH", "BUD-TOTAL-MISMATCH", "BUD-OVERHEAD", "BUD-EQUIPMENT-UNIT", "PLAN-SUBSIDY-MISMATCH"];
/** Limits over the whole budget or plan that a fix of one line may cross. */
const BUDGET_WIDE = ["BUD-CAP", "BUD-OVERHEAD", "OPS-SELF-SUFFICIENCY", "OPS-SELF-SUFFICIENCY-TREND", "OPS-GROWTH"];

const STAFF: { type: string; floor: number; degree?: string }[] = [
  { type: "博士生兼任助理", floor: 16_000 },
  { type: "碩士生兼任助理", floor: 6_000 },
  { type: "專任助理", floor: 36_300, degree: "學士" },
  { type: "專任技術經理", floor: 41_500, degree: "碩士" },
  { type: "臨時工", floor: 196 },
];

interface LineSpec {
  kind: "staff" | "operating" | "equipment";
  staff: number;
  under: boolean;
  noUnit: boolean;
  unit: number;
  quantity: number;
  months: number | null;
  amountError: number;
  matching: boolean;
  typo: boolean;
}

const lineSpec: fc.Arbitrary<LineSpec> = fc.record({
  kind: fc.constantFrom<LineSpec["kind"]>("staff", "staff", "operating", "equipment"),
  staff: fc.integer({ min: 0, max: STAFF.length - 1 }),
  under: fc.boolean(),
  noUnit: fc.boolean(),
  unit: fc.integer({ min: 1, max: 90 }),
  quantity: fc.integer({ min: 1, max: 3 }),
  months: fc.option(fc.integer({ min: 1, max: 12 })),
  amountError: fc.constantFrom(0, 0, 0, 500, -300),
  matching: fc.constantFrom(false, false, false, true),
  typo: fc.constantFrom(false, false, false, false, true),
});

interface Spec {
  lines: LineSpec[];
  overhead: number | null;
  total: "none" | "right" | "wrong";
  subsidyOff: number;
  formulas: boolean;
  taxIdNumber: boolean;
}

const specArbitrary: fc.Arbitrary<Spec> = fc.record({
  lines: fc.array(lineSpec, { minLength: 2, maxLength: 8 }),
  overhead: fc.option(fc.integer({ min: 0, max: 400_000 })),
  total: fc.constantFrom<Spec["total"]>("none", "right", "wrong"),
  subsidyOff: fc.constantFrom(0, 0, 12_345),
  formulas: fc.boolean(),
  taxIdNumber: fc.boolean(),
});

function build(spec: Spec): WorkbookSnapshot {
  const rows: Row[] = [
    { 科目: "人事費", 項目: "專任行銷經理", 人員類別: "專任行銷經理", 學歷: "學士", 姓名: "經理甲", 單價: 40_000, 數量: 1, 月數: 12, 金額: 480_000 },
  ];
  spec.lines.forEach((line, index) => {
    const name = `人員${index}`;
    const source = line.matching ? "自籌" : null;
    if (line.kind === "staff") {
      const staff = STAFF[line.staff]!;
      const unit = line.under ? Math.max(1, staff.floor - line.unit * (staff.floor > 1_000 ? 100 : 1)) : staff.floor + line.unit;
      const amount = unit * line.quantity * (line.months ?? 1) + line.amountError;
      rows.push({ 科目: "人事費", 項目: staff.type, 人員類別: staff.type, 學歷: staff.degree ?? null, 姓名: name, 單價: line.noUnit ? null : unit, 數量: line.quantity, 月數: line.months, 金額: amount, 經費來源: source });
    } else if (line.kind === "operating") {
      rows.push({ 科目: line.typo ? "業務" : "業務費", 項目: `推廣${index}`, 單價: line.unit * 1_000, 數量: line.quantity, 金額: line.unit * 1_000 * line.quantity + line.amountError, 經費來源: source });
    } else {
      const unit = line.under ? line.unit * 100 : 10_000 + line.unit * 500;
      rows.push({ 科目: "研究設備費", 項目: `網站伺服器${index}`, 單價: unit, 數量: line.quantity, 金額: unit * line.quantity + line.amountError, 經費來源: source });
    }
  });
  if (spec.overhead !== null) rows.push({ 科目: "管理費", 項目: "管理費", 金額: spec.overhead });
  const amounts = rows.map((row) => (typeof row["金額"] === "number" ? row["金額"] : 0));
  const lineTotal = amounts.reduce((sum, value) => sum + value, 0);
  const subsidyTotal = rows.reduce((sum, row, i) => (row["經費來源"] === "自籌" ? sum : sum + amounts[i]!), 0);
  const formulas: Record<string, string> = {};
  if (spec.formulas) {
    rows.forEach((row, index) => {
      const r = index + 2;
      if (typeof row["單價"] === "number") formulas[toA1(r, 10)] = row["月數"] === null || row["月數"] === undefined ? `=G${r}*H${r}` : `=G${r}*H${r}*I${r}`;
    });
  }
  if (spec.total !== "none") {
    rows.push({ 科目: "合計", 金額: lineTotal + (spec.total === "wrong" ? 1_000 : 0) });
    if (spec.formulas) formulas[`J${rows.length + 1}`] = `=SUM(J2:J${rows.length})`;
  }
  const budget: SheetSnapshot = { name: "經費表", originRow: 1, originColumn: 1, values: [BUDGET_HEADERS, ...rows.map((row) => BUDGET_HEADERS.map((h) => row[h] ?? null))] };
  if (spec.formulas) budget.formulas = formulas;
  const plan: Row = { ...cleanPlan, 申請補助款: subsidyTotal + spec.subsidyOff };
  const members = spec.taxIdNumber ? [{ ...cleanMembers[0]!, 統一編號: 4_595_257 }, ...cleanMembers.slice(1)] : cleanMembers;
  const table = (name: string, headers: string[], data: Row[]): SheetSnapshot => ({ name, originRow: 1, originColumn: 1, values: [headers, ...data.map((row) => headers.map((h) => row[h] ?? null))] });
  return {
    sheets: [
      { name: "計畫資訊", originRow: 1, originColumn: 1, values: Object.entries(plan).map(([label, value]) => [label, value as CellValue]) },
      budget,
      table("會員名單", MEMBER_HEADERS, members),
      table("營運收入", INCOME_HEADERS, cleanIncome),
    ],
  };
}

function identity(finding: Finding): string {
  return `${finding.ruleId}|${finding.sheet}|${finding.cell}|${finding.variant ?? ""}`;
}

function counts(findings: Finding[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const finding of findings) map.set(identity(finding), (map.get(identity(finding)) ?? 0) + 1);
  return map;
}

describe("quick fixes on generated workbooks with typical mistakes", () => {
  it("remove their finding and add none (budget-wide limits aside, which the verified proposal leaves out)", () => {
    let fixesSeen = 0;
    const rulesSeen = new Set<string>();
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const snapshot = build(spec);
        const result = validateWorkbook(snapshot);
        const before = counts(result.findings);
        const unverified = proposeFixes(snapshot, result, { verify: false });
        const verified = new Set(proposeFixes(snapshot, result).fixes.map((fix) => fix.fingerprint));

        // Every finding of a fixable kind gets a fix from this generator (one overhead line, numeric
        // cells), but for an amount to set on a personnel line without 月數 (perhaps for a year: no fix).
        const monthsUnknown = (finding: Finding): boolean => {
          const row = snapshot.sheets[1]!.values[finding.row - 1]!;
          const amountOnly = finding.ruleId === "BUD-AMOUNT-MISMATCH" || (finding.ruleId.endsWith("-PAY") || finding.ruleId === "BUD-TEMP-WAGE") && row[6] === null;
          return amountOnly && row[0] === "人事費" && row[8] === null;
        };
        for (const finding of result.findings.filter((f) => FIXABLE.includes(f.ruleId) && !monthsUnknown(f))) {
          expect(unverified.fixes.some((fix) => fix.fingerprint === finding.fingerprint)).toBe(true);
        }
        for (const fix of unverified.fixes) {
          fixesSeen += 1;
          rulesSeen.add(fix.ruleId);
          // A fix names only cells it changes, each once, and expects what the snapshot holds.
          expect(new Set(fix.edits.map((edit) => `${edit.sheet}!${edit.cell}`)).size).toBe(fix.edits.length);
          const fixed = applyEdits(snapshot, fix.edits); // throws if an edit's expectation is wrong
          const after = counts(validateWorkbook(fixed).findings);
          if (!fix.tidy) {
            const target = result.findings.find((finding) => finding.fingerprint === fix.fingerprint)!;
            expect((after.get(identity(target)) ?? 0) < before.get(identity(target))!).toBe(true);
          }
          const added = [...after].filter(([key, count]) => count > (before.get(key) ?? 0)).map(([key]) => key);
          if (added.length === 0) {
            expect(verified.has(fix.fingerprint)).toBe(true);
            continue;
          }
          for (const key of added) expect(BUDGET_WIDE).toContain(key.split("|")[0]);
          expect(verified.has(fix.fingerprint)).toBe(false);
        }
        // Suggestions, never fixes, for vocabulary misses.
        for (const finding of result.findings.filter((f) => f.ruleId === "BUD-CATEGORY-UNKNOWN")) {
          expect(unverified.suggestions.find((s) => s.fingerprint === finding.fingerprint)?.choices[0]).toBe("業務費");
        }
      }),
      { numRuns: 200, seed: SEED },
    );
    expect(fixesSeen).toBeGreaterThan(200);
    expect([...rulesSeen].sort()).toEqual([...FIXABLE, "MEM-TAXID-INVALID"].sort());
  });
});
