/**
 * Property-based tests: random workbooks — well-formed, half-formed and junk — never make the
 * engine throw; every finding points inside its sheet; the summary equals a plain, independent
 * recomputation from the same rows.
 */
import fc from "fast-check";
import { BUDGET_HEADERS, INCOME_HEADERS, MEMBER_HEADERS } from "../../tests/helpers/workbook";
import { validateWorkbook } from "./validate";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "./types";

const INCOME_TYPES = ["會員費", "技術服務", "技術移轉", "產學合作", "其他"];

// A fixed seed keeps CI deterministic; FC_SEED=random (or a number) explores further.
const SEED = process.env.FC_SEED === "random" ? Date.now() : Number(process.env.FC_SEED ?? 20261127);

const junk: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constantFrom<CellValue>({ error: "#REF!" }, { error: "#VALUE!" }, "合計", "NT$1,234", "１２３", "=SUM(A1)", "💥", "مرحبا", " "),
);

const amount = fc.oneof(fc.integer({ min: 0, max: 3_000_000 }), junk);
const year = fc.oneof(fc.constantFrom<CellValue>(113, 114, 115, 116, "115年度", 2026), junk);

const budgetRow = fc.record({
  科目: fc.oneof(fc.constantFrom<CellValue>("人事費", "業務費", "研究設備費", "國外差旅費", "管理費", "研究主持費", "合計"), junk),
  項目: fc.oneof(fc.constantFrom<CellValue>("專利申請費", "網站伺服器", "耗材", "主持費"), junk),
  人員類別: fc.oneof(fc.constantFrom<CellValue>("博士生兼任助理", "專任助理", "臨時工", null), junk),
  姓名: fc.oneof(fc.constantFrom<CellValue>("甲", "乙", null), junk),
  單價: amount,
  數量: amount,
  月數: amount,
  金額: amount,
});

const memberRow = fc.record({
  廠商名稱: fc.oneof(fc.constantFrom<CellValue>("甲公司", "乙公司", "甲公司"), junk),
  統一編號: fc.oneof(fc.constantFrom<CellValue>("04595257", "12345678", 4595257, null), junk),
  國別: fc.oneof(fc.constantFrom<CellValue>("TW", "中國", "HK", "日本", null), junk),
  組織類型: fc.oneof(fc.constantFrom<CellValue>("公司", "個人", "農漁民", "研究法人", null), junk),
  年費: amount,
  入會年度: year,
});

const incomeRow = fc.record({
  年度: year,
  收入類別: fc.oneof(fc.constantFrom<CellValue>(...INCOME_TYPES, "補助款"), junk),
  金額: amount,
});

function tableSheet(name: string, headers: string[], rows: Record<string, CellValue>[], originRow: number, originColumn: number): SheetSnapshot {
  return { name, originRow, originColumn, values: [headers, ...rows.map((row) => headers.map((h) => row[h] ?? null))] };
}

const workbookArbitrary: fc.Arbitrary<WorkbookSnapshot> = fc
  .record({
    plan: fc.option(fc.array(fc.tuple(fc.constantFrom("計畫年度", "計畫期別", "期別年次", "申請補助款", "主持人歷年執行年度", "管理費比率", "規則版本"), junk), { maxLength: 8 })),
    budget: fc.option(fc.array(budgetRow, { maxLength: 25 })),
    members: fc.option(fc.array(memberRow, { maxLength: 15 })),
    income: fc.option(fc.array(incomeRow, { maxLength: 15 })),
    originRow: fc.integer({ min: 1, max: 25 }),
    originColumn: fc.integer({ min: 1, max: 30 }),
    garbage: fc.array(fc.array(junk, { maxLength: 6 }), { maxLength: 6 }),
  })
  .map(({ plan, budget, members, income, originRow, originColumn, garbage }) => {
    const sheets: SheetSnapshot[] = [{ name: "雜項", originRow: 1, originColumn: 1, values: garbage }];
    if (plan) sheets.push({ name: "計畫資訊", originRow, originColumn, values: plan.map(([label, value]) => [label, value]) });
    if (budget) sheets.push(tableSheet("經費表", BUDGET_HEADERS, budget, originRow, originColumn));
    if (members) sheets.push(tableSheet("會員名單", MEMBER_HEADERS, members, 1, originColumn));
    if (income) sheets.push(tableSheet("營運收入", INCOME_HEADERS, income, originRow, 1));
    return { sheets };
  });

describe("the engine on random workbooks", () => {
  it("never throws, and every finding points inside its sheet", () => {
    fc.assert(
      fc.property(workbookArbitrary, (snapshot) => {
        const result = validateWorkbook(snapshot);
        for (const finding of result.findings) {
          const sheet = snapshot.sheets.find((s) => s.name === finding.sheet);
          expect(finding.row).toBeGreaterThanOrEqual(1);
          expect(finding.column).toBeGreaterThanOrEqual(1);
          expect(finding.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
          if (!sheet) {
            // Only a missing sheet (or a rule pointing at a missing plan sheet) names a sheet that is not there, at A1.
            expect(finding.cell).toBe("A1");
            continue;
          }
          const widest = Math.max(0, ...sheet.values.map((row) => row.length));
          expect(finding.row).toBeLessThanOrEqual(Math.max(1, sheet.originRow + sheet.values.length - 1));
          expect(finding.column).toBeLessThanOrEqual(Math.max(1, sheet.originColumn + widest - 1));
        }
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it("summary figures equal a plain recomputation", () => {
    fc.assert(
      fc.property(workbookArbitrary, (snapshot) => {
        const result = validateWorkbook(snapshot);
        const planYear = result.fiscalYear;
        const income = snapshot.sheets.find((s) => s.name === "營運收入");
        if (income && planYear !== null) {
          const [header, ...rows] = income.values;
          const yearColumn = header!.indexOf("年度");
          const typeColumn = header!.indexOf("收入類別");
          const amountColumn = header!.indexOf("金額");
          let expected = 0;
          for (const row of rows) {
            const y = row[yearColumn];
            const type = row[typeColumn];
            const value = row[amountColumn];
            const rocYear = y === 2026 || y === "115年度" ? 115 : typeof y === "number" && Number.isInteger(y) && y >= 1 && y <= 300 ? y : null;
            if (rocYear !== planYear || typeof type !== "string" || !INCOME_TYPES.includes(type) || typeof value !== "number" || !Number.isFinite(value)) continue;
            expected += value;
          }
          // Rows whose amount is numeric text are read too; the generator only makes "NT$1,234" and "１２３".
          const textual = rows.filter(
            (row) => typeof row[amountColumn] === "string" && ["NT$1,234", "１２３"].includes(row[amountColumn] as string),
          ).length;
          if (textual === 0 && !rows.some((row) => typeof row[yearColumn] === "string" || row[0] === "合計")) {
            expect(result.summary.operatingIncome).toBeCloseTo(expected, 6);
          }
        }
        const members = snapshot.sheets.find((s) => s.name === "會員名單");
        if (members) {
          const [header, ...rows] = members.values;
          const known = header!.map((_, c) => c);
          const listed = rows.filter((row) => known.some((c) => row[c] !== null && row[c] !== undefined && !(typeof row[c] === "string" && (row[c] as string).trim() === "")));
          const totals = listed.filter((row) => {
            const first = row.find((v) => typeof v === "string" && v.trim() !== "" && !/^[\s\d,.$NT＄１２３元+-]+$/.test(v));
            return typeof first === "string" && ["合計", "總計", "小計", "total"].includes(first.trim().toLowerCase());
          }).length;
          // Members are listed as of the plan's year (joined in or before it; empty = the plan's year).
          const joinedLater = listed.filter((row) => {
            const joined = row[header!.indexOf("入會年度")];
            if (planYear === null || typeof joined !== "number" || !Number.isInteger(joined)) return false;
            const rocJoined = joined >= 1912 && joined <= 2200 ? joined - 1911 : joined >= 1 && joined <= 300 ? joined : null;
            return rocJoined !== null && rocJoined > planYear;
          }).length;
          expect(result.summary.members.listed).toBeLessThanOrEqual(listed.length);
          if (!listed.some((row) => typeof row[header!.indexOf("入會年度")] === "string")) {
            expect(result.summary.members.listed).toBeGreaterThanOrEqual(listed.length - totals - joinedLater);
          }
          const m = result.summary.members;
          expect(m.counted + m.excluded).toBe(m.listed);
          expect(m.paying + m.free).toBeLessThanOrEqual(m.counted);
          expect(m.international).toBeLessThanOrEqual(m.counted);
        }
        const ratio = result.summary.selfSufficiencyRatio;
        if (ratio !== null) {
          expect(ratio).toBeCloseTo(Math.round((result.summary.operatingIncome! / result.summary.subsidy!) * 100) / 100, 10);
        }
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
