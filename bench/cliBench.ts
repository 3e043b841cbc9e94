/**
 * The command line end to end (`node bin/alliance-check.js FILE --format json`, a child process)
 * against a bare ExcelJS full load of the same file (bench/excelLoad.ts, a child process too)
 * and against the floor (bench/floor.ts: inflate the parts and scan the sheet XML for cells,
 * nothing else), with the same measuring method: wall time seen by the parent, CPU time and
 * peak memory from /usr/bin/time -v (or, without it, from the child's own process.resourceUsage()).
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { validateWorkbook } from "../src/engine";
import { toJsonReport } from "../src/report/json";
import { readWorkbookSnapshotSync } from "../src/workbook/xlsx/read";
import { nodeInflateRaw } from "../src/workbook/xlsx/readFile";
import { generateWorkbook, type GeneratedWorkbook } from "./generate";
import { log, ROOT, WORK_DIR } from "./results";
import { median, type Timing, timeSync } from "./stats";
import type { FloorOutput } from "./floor";
import { assertSameFindings } from "./verify";

export const TIME_BINARY = "/usr/bin/time";

export interface ChildRun {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  exceljsLoaded: boolean;
  fflateLoaded: boolean;
}

export interface ChildMeasure {
  runs: ChildRun[];
  wallMedianMs: number;
  cpuMedianMs: number;
  maxRssMedianKiB: number;
  exceljsLoaded: boolean;
}

export interface CliSize {
  label: string;
  budgetRows: number;
  memberRows: number;
  incomeRows: number;
  fileBytes: number;
  findings: number;
  /** CLI JSON findings equal the engine's on the same file (and on the generated values). */
  verified: string;
  cli: ChildMeasure;
  excelJs: ChildMeasure;
  /** Inflate the parts and scan the sheet XML for cells, nothing else (bench/floor.ts). */
  floor?: ChildMeasure;
  /** Command line wall / floor wall. */
  floorRatio?: number;
  /** Bytes of worksheet XML in the file, and our reader's in-process speed over them. */
  sheetXmlBytes?: number;
  readerMBps?: number;
  ratio: number;
  cpuRatio: number;
  memoryRatio: number;
  /** In-process split of the command line's work (median ms). */
  inProcess: { readMs: number; validateMs: number; reportMs: number };
}

export interface CliResults {
  memorySource: string;
  sizes: CliSize[];
}

export interface CliCase {
  label: string;
  budgetRows: number;
  memberRows?: number;
  incomeRows?: number;
  runs: number;
}

function serialDate(iso: string): Date {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** Writes the generated workbook as .xlsx with ExcelJS (cached by content of the generator). */
export async function writeXlsx(generated: GeneratedWorkbook, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of generated.snapshot.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    const dateColumns = generated.dateColumns[sheet.name] ?? [];
    sheet.values.forEach((values, r) => {
      const row = worksheet.getRow(sheet.originRow + r);
      values.forEach((value, c) => {
        if (value === null) return;
        const cell = row.getCell(sheet.originColumn + c);
        if (r > 0 && dateColumns.includes(c) && typeof value === "string") {
          cell.value = serialDate(value);
          cell.numFmt = "yyyy-mm-dd";
        } else {
          cell.value = value as ExcelJS.CellValue;
        }
      });
    });
  }
  await workbook.xlsx.writeFile(file);
}

export function generatorHash(): string {
  const source = fs.readFileSync(path.join(__dirname, "generate.js"));
  return crypto.createHash("sha256").update(source).digest("hex").slice(0, 10);
}

function runChild(args: string[]): { run: ChildRun; stdout: string; status: number | null } {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const hookOut = path.join(WORK_DIR, `hook-${process.pid}.json`);
  const timeOut = path.join(WORK_DIR, `time-${process.pid}.txt`);
  fs.rmSync(hookOut, { force: true });
  fs.rmSync(timeOut, { force: true });
  const hook = path.join(__dirname, "childHook.js");
  const nodeArgs = ["-r", hook, ...args];
  const useTime = fs.existsSync(TIME_BINARY);
  const command = useTime ? TIME_BINARY : process.execPath;
  const commandArgs = useTime ? ["-v", "-o", timeOut, process.execPath, ...nodeArgs] : nodeArgs;
  const started = performance.now();
  const child = spawnSync(command, commandArgs, {
    cwd: ROOT,
    env: { ...process.env, BENCH_HOOK_OUT: hookOut, NO_COLOR: "1" },
    maxBuffer: 512 * 1024 * 1024,
    encoding: "utf8",
  });
  const wallMs = performance.now() - started;
  if (child.error) throw child.error;
  const hookData = JSON.parse(fs.readFileSync(hookOut, "utf8")) as { exceljs: boolean; fflate: boolean; maxRssKiB: number; userMs: number; systemMs: number };
  let cpuMs = hookData.userMs + hookData.systemMs;
  let maxRssKiB = hookData.maxRssKiB;
  if (useTime) ({ maxRssKiB, cpuMs } = readTimeReport(timeOut));
  return {
    run: { wallMs, cpuMs, maxRssKiB, exceljsLoaded: hookData.exceljs, fflateLoaded: hookData.fflate },
    stdout: child.stdout,
    status: child.status,
  };
}

/** Peak memory and CPU time from the report of `/usr/bin/time -v -o FILE`. */
export function readTimeReport(file: string): { maxRssKiB: number; cpuMs: number } {
  const report = fs.readFileSync(file, "utf8");
  const number = (label: string): number => Number(new RegExp(`${label}:\\s*([\\d.]+)`).exec(report)?.[1] ?? Number.NaN);
  return {
    maxRssKiB: number("Maximum resident set size \\(kbytes\\)"),
    cpuMs: (number("User time \\(seconds\\)") + number("System time \\(seconds\\)")) * 1000,
  };
}

function summarise(runs: ChildRun[]): ChildMeasure {
  return {
    runs,
    wallMedianMs: median(runs.map((run) => run.wallMs)),
    cpuMedianMs: median(runs.map((run) => run.cpuMs)),
    maxRssMedianKiB: median(runs.map((run) => run.maxRssKiB)),
    exceljsLoaded: runs.some((run) => run.exceljsLoaded),
  };
}

async function measureCase(spec: CliCase): Promise<CliSize> {
  const generated = generateWorkbook({
    budgetRows: spec.budgetRows,
    memberRows: spec.memberRows,
    incomeRows: spec.incomeRows,
    violationRate: 0.01,
  });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const file = path.join(WORK_DIR, `grant-${generated.budgetRows}-${generated.memberRows}-${generated.incomeRows}-${generatorHash()}.xlsx`);
  if (!fs.existsSync(file)) {
    log(`cli: writing ${path.basename(file)} with ExcelJS`);
    await writeXlsx(generated, `${file}.tmp`);
    fs.renameSync(`${file}.tmp`, file);
  }
  const bytes = new Uint8Array(fs.readFileSync(file));

  // What the command line must report: the engine on our reader's snapshot of the file, which
  // must equal the engine on the generated values (the .xlsx round trip loses nothing checked).
  const fromFile = validateWorkbook(readWorkbookSnapshotSync(bytes));
  assertSameFindings(`${spec.label}: engine on the file vs on the generated values`, validateWorkbook(generated.snapshot).findings, fromFile.findings);

  const cliArgs = [path.join(ROOT, "bin", "alliance-check.js"), file, "--format", "json"];
  const excelArgs = [path.join(__dirname, "excelLoad.js"), file];
  const floorArgs = [path.join(__dirname, "floor.js"), file];
  const cliRuns: ChildRun[] = [];
  const excelRuns: ChildRun[] = [];
  const floorRuns: ChildRun[] = [];
  let floorOutput: FloorOutput | undefined;
  // One untimed run of each (file cache, code cache), then alternate so both see the same load.
  for (let i = -1; i < spec.runs; i += 1) {
    const cli = runChild(cliArgs);
    if (cli.status !== 0 && cli.status !== 1) throw new Error(`${spec.label}: the command line exited with ${cli.status}`);
    const report = JSON.parse(cli.stdout) as { findings: Array<{ fingerprint: string }> };
    assertSameFindings(`${spec.label}: command line JSON vs engine`, fromFile.findings, report.findings);
    const excel = runChild(excelArgs);
    if (excel.status !== 0) throw new Error(`${spec.label}: the ExcelJS load exited with ${excel.status}`);
    const loaded = JSON.parse(excel.stdout) as { rows: number };
    if (loaded.rows < generated.dataRows) throw new Error(`${spec.label}: ExcelJS loaded ${loaded.rows} rows`);
    const floor = runChild(floorArgs);
    if (floor.status !== 0) throw new Error(`${spec.label}: the floor exited with ${floor.status}`);
    floorOutput = JSON.parse(floor.stdout) as FloorOutput;
    if (floorOutput.cells < generated.dataRows) throw new Error(`${spec.label}: the floor found ${floorOutput.cells} cells`);
    if (i >= 0) {
      cliRuns.push(cli.run);
      excelRuns.push(excel.run);
      floorRuns.push(floor.run);
    }
  }

  const snapshot = readWorkbookSnapshotSync(bytes);
  const result = validateWorkbook(snapshot);
  const samples = { samples: 5, warmup: 1, minSampleMs: 0 };
  // As the command line reads: with Node's zlib for the parts.
  const read: Timing = timeSync(() => readWorkbookSnapshotSync(bytes, { inflateRaw: nodeInflateRaw }), samples);
  const validate: Timing = timeSync(() => validateWorkbook(snapshot), samples);
  const report: Timing = timeSync(() => JSON.stringify(toJsonReport(path.basename(file), result, "zh-TW"), null, 2), samples);

  const cli = summarise(cliRuns);
  const excelJs = summarise(excelRuns);
  const floor = summarise(floorRuns);
  const sheetXmlBytes = floorOutput?.sheetBytes ?? 0;
  return {
    label: spec.label,
    budgetRows: generated.budgetRows,
    memberRows: generated.memberRows,
    incomeRows: generated.incomeRows,
    fileBytes: bytes.length,
    findings: fromFile.findings.length,
    verified: "CLI JSON fingerprints = engine on our reader's snapshot = engine on the generated values",
    cli,
    excelJs,
    floor,
    floorRatio: cli.wallMedianMs / floor.wallMedianMs,
    sheetXmlBytes,
    readerMBps: sheetXmlBytes / 1024 / 1024 / (read.medianMs / 1000),
    ratio: cli.wallMedianMs / excelJs.wallMedianMs,
    cpuRatio: cli.cpuMedianMs / excelJs.cpuMedianMs,
    memoryRatio: cli.maxRssMedianKiB / excelJs.maxRssMedianKiB,
    inProcess: { readMs: read.medianMs, validateMs: validate.medianMs, reportMs: report.medianMs },
  };
}

export async function cliBench(cases: readonly CliCase[]): Promise<CliResults> {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) throw new Error("lib/cli/main.js is missing: run npm run build:cli first");
  const sizes: CliSize[] = [];
  for (const spec of cases) {
    log(`cli: ${spec.label}`);
    sizes.push(await measureCase(spec));
  }
  return {
    memorySource: fs.existsSync(TIME_BINARY) ? "/usr/bin/time -v (maximum resident set size)" : "process.resourceUsage().maxRSS in the child",
    sizes,
  };
}
