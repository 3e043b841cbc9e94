/**
 * Engine speed: a full validation against the floor (one bare pass over the same cell values),
 * its growth with the number of rows, and re-validation after a one-cell edit through
 * createValidator + patchSnapshot (the task pane's live path).
 */
import { createValidator, patchSnapshot, validateWorkbook } from "../src/engine";
import type { CellEdit } from "../src/engine";
import type { WorkbookSnapshot } from "../src/engine/types";
import { BUDGET_SHEET, generateWorkbook, MEMBERS_SHEET, type GeneratedWorkbook } from "./generate";
import { log } from "./results";
import { collectGarbage, growthExponent, type Timing, timeSync } from "./stats";
import { assertPlan, assertSameFindings, checkPlannedFindings } from "./verify";

export interface EngineSize {
  rows: number;
  memberRows: number;
  incomeRows: number;
  cells: number;
  findings: number;
  plannedViolations: number;
  bare: Timing;
  full: Timing;
  /** full ÷ bare, wall and CPU medians. */
  ratio: number;
  cpuRatio: number;
  /** Full validation, microseconds per data row (budget + members + income). */
  microsPerRow: number;
  incremental: Timing & { edits: number };
}

export interface EngineResults {
  sizes: EngineSize[];
  /** k in time ∝ rows^k over the sizes ≥ 1,000 (1 = linear). */
  growthExponent: number;
  cpuGrowthExponent: number;
  /** The same over the sizes ≥ 10,000 (once the model no longer fits in V8's young generation). */
  upperGrowthExponent: number;
  upperCpuGrowthExponent: number;
}

/**
 * The floor: every cell value read once, with the least work a validator must do on it
 * (a typeof test; numbers summed, text lengths summed).
 */
export function barePass(snapshot: WorkbookSnapshot): number {
  let numbers = 0;
  let lengths = 0;
  let others = 0;
  for (const sheet of snapshot.sheets) {
    for (const row of sheet.values) {
      for (let c = 0; c < row.length; c += 1) {
        const value = row[c];
        if (typeof value === "number") numbers += value;
        else if (typeof value === "string") lengths += value.length;
        else if (value !== null && value !== undefined) others += 1;
      }
    }
  }
  return numbers + lengths + others;
}

/**
 * One-cell edits on clean rows spread over the budget and member sheets: an amount raised (an
 * arithmetic finding appears), a tax ID's last digit changed, an amount put back.
 */
function editCycle(generated: GeneratedWorkbook): () => CellEdit {
  const planned = new Set(generated.violations.map((violation) => `${violation.sheet}!${violation.row}`));
  const budget = generated.snapshot.sheets.find((sheet) => sheet.name === BUDGET_SHEET)!;
  const members = generated.snapshot.sheets.find((sheet) => sheet.name === MEMBERS_SHEET)!;
  const targets: Array<() => CellEdit[]> = [];
  const budgetRows: number[] = [];
  for (let r = 4; r <= budget.values.length && budgetRows.length < 16; r += Math.max(1, Math.floor(budget.values.length / 16))) {
    const row = budget.values[r - 1]!;
    if (!planned.has(`${BUDGET_SHEET}!${r}`) && typeof row[9] === "number" && typeof row[6] === "number") budgetRows.push(r);
  }
  for (const r of budgetRows) {
    const amount = budget.values[r - 1]![9] as number;
    targets.push(() => [
      { sheet: BUDGET_SHEET, address: `J${r}`, values: [[amount + 1_000]] },
      { sheet: BUDGET_SHEET, address: `J${r}`, values: [[amount]] },
    ]);
  }
  const memberRow = Math.min(members.values.length, 3);
  const taxId = members.values[memberRow - 1]![1];
  if (typeof taxId === "string" && !planned.has(`${MEMBERS_SHEET}!${memberRow}`)) {
    targets.push(() => [
      { sheet: MEMBERS_SHEET, address: `B${memberRow}`, values: [[`${taxId.slice(0, 7)}${(Number(taxId[7]) + 2) % 10}`]] },
      { sheet: MEMBERS_SHEET, address: `B${memberRow}`, values: [[taxId]] },
    ]);
  }
  const edits = targets.flatMap((make) => make());
  let next = 0;
  return () => {
    const edit = edits[next % edits.length]!;
    next += 1;
    return edit;
  };
}

function measureIncremental(generated: GeneratedWorkbook, samples: number): Timing & { edits: number } {
  const validate = createValidator();
  let snapshot = generated.snapshot;
  validate(snapshot);
  const nextEdit = editCycle(generated);
  let edits = 0;
  const timing = timeSync(
    () => {
      snapshot = patchSnapshot(snapshot, nextEdit());
      edits += 1;
      return validate(snapshot);
    },
    { samples, warmup: 3, minSampleMs: 20 },
  );
  // The incremental path did the whole work: same findings as a fresh validation.
  assertSameFindings("incremental validation", validateWorkbook(snapshot).findings, validate(snapshot).findings);
  return { ...timing, edits };
}

export async function engineBench(sizes: readonly number[]): Promise<EngineResults> {
  const results: EngineSize[] = [];
  for (const rows of sizes) {
    log(`engine: ${rows} rows`);
    const generated = generateWorkbook({ budgetRows: rows, violationRate: 0.01 });
    const result = validateWorkbook(generated.snapshot);
    assertPlan(`engine ${rows} rows`, checkPlannedFindings(generated, result));
    const samples = rows >= 100_000 ? 7 : 15;
    const warmup = rows >= 100_000 ? 1 : 3;
    const bare = timeSync(() => barePass(generated.snapshot), { samples, warmup: 3, minSampleMs: 20 });
    const full = timeSync(() => validateWorkbook(generated.snapshot), { samples, warmup, minSampleMs: 20 });
    const incremental = measureIncremental(generated, samples);
    results.push({
      rows,
      memberRows: generated.memberRows,
      incomeRows: generated.incomeRows,
      cells: generated.cells,
      findings: result.findings.length,
      plannedViolations: generated.violations.length,
      bare,
      full,
      ratio: full.medianMs / bare.medianMs,
      cpuRatio: full.cpuMedianMs / bare.cpuMedianMs,
      microsPerRow: (full.medianMs * 1000) / generated.dataRows,
      incremental,
    });
    collectGarbage();
  }
  return {
    sizes: results,
    growthExponent: growthExponent(results.map((size) => ({ rows: size.rows, ms: size.full.medianMs })), 1000),
    cpuGrowthExponent: growthExponent(results.map((size) => ({ rows: size.rows, ms: size.full.cpuMedianMs })), 1000),
    upperGrowthExponent: growthExponent(results.map((size) => ({ rows: size.rows, ms: size.full.medianMs })), 10_000),
    upperCpuGrowthExponent: growthExponent(results.map((size) => ({ rows: size.rows, ms: size.full.cpuMedianMs })), 10_000),
  };
}
