/**
 * Compares readWorkbookSnapshot with ExcelJS's full load on the same generated workbook.
 * Run after `npm run build:cli` with `node --expose-gc scripts/bench-reader.js [rows]`.
 */
import ExcelJS from "exceljs";
import { readWorkbookSnapshotSync } from "./read";

export interface ReaderBenchmark {
  rows: number;
  columns: number;
  fileBytes: number;
  /** Median wall-clock milliseconds over the timed runs. */
  excelJsMs: number;
  readerMs: number;
  speedup: number;
  /** Median process CPU milliseconds (steadier than wall time on a busy machine). */
  excelJsCpuMs: number;
  readerCpuMs: number;
  cpuSpeedup: number;
}

/** Collects garbage when node runs with --expose-gc, so neither reader pays for the other's. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

interface Sample {
  wall: number;
  cpu: number;
}

async function measure(work: () => Promise<unknown>): Promise<Sample> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

async function budgetWorkbook(rows: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("經費表");
  sheet.addRow(["科目", "項目", "說明", "單價", "數量", "月數", "金額", "日期", "經費來源", "備註"]);
  for (let i = 0; i < rows; i++) {
    const unit = 1000 + (i % 50) * 10.5;
    sheet.addRow([
      ["人事費", "業務費", "研究設備費"][i % 3],
      `項目 ${i}`,
      `說明 ${i % 500}`,
      unit,
      (i % 5) + 1,
      12,
      { formula: `D${i + 2}*E${i + 2}*F${i + 2}`, result: unit * ((i % 5) + 1) * 12 },
      new Date(Date.UTC(2026, i % 12, (i % 28) + 1)),
      i % 4 === 0 ? "自籌" : "補助款",
      i % 11 === 0 ? "備註 with & and <" : null,
    ]);
  }
  sheet.getColumn(8).numFmt = "yyyy/mm/dd";
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Alternates the two readers run by run, so background load hits both alike. */
async function timeBoth(runs: number, first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<[Sample, Sample]> {
  await first(); // warm-up
  await second();
  const a: Sample[] = [];
  const b: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await measure(first));
    b.push(await measure(second));
  }
  const summary = (samples: Sample[]): Sample => ({
    wall: median(samples.map((sample) => sample.wall)),
    cpu: median(samples.map((sample) => sample.cpu)),
  });
  return [summary(a), summary(b)];
}

/** Times both readers on a `rows`-row, 10-column sheet (strings, numbers, formulas, dates). */
export async function benchmarkReader(rows = 20_000, runs = 5): Promise<ReaderBenchmark> {
  const data = await budgetWorkbook(rows);
  const [excelJs, reader] = await timeBoth(
    runs,
    async () => new ExcelJS.Workbook().xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer),
    async () => readWorkbookSnapshotSync(data),
  );
  return {
    rows,
    columns: 10,
    fileBytes: data.length,
    excelJsMs: Math.round(excelJs.wall),
    readerMs: Math.round(reader.wall),
    speedup: Math.round((excelJs.wall / reader.wall) * 10) / 10,
    excelJsCpuMs: Math.round(excelJs.cpu),
    readerCpuMs: Math.round(reader.cpu),
    cpuSpeedup: Math.round((excelJs.cpu / reader.cpu) * 10) / 10,
  };
}
