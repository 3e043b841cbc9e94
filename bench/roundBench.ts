/**
 * A program office's round: `alliance-check review FOLDER` on 200 submissions of the generator's
 * 100-row size (members and income included) against a shell loop that runs the single-file
 * command on each of them, and the same review at 50 and 2,000 submissions for its memory.
 *
 * The 200 files are distinct (each alliance its own title; half of them FY115 and half FY116 of
 * the same 100 alliances, so year over year has 100 pairs to build); the 2,000-file round is ten
 * copies of them in subfolders. Every review is checked: its JSON rows agree with the single-file
 * command's JSON of the same file (from the loop), and it has a row per file.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { JsonOverview } from "../src/report/overview";
import { generatorHash, readTimeReport, TIME_BINARY, writeXlsx } from "./cliBench";
import { generateWorkbook, PLAN_SHEET, type GeneratedWorkbook } from "./generate";
import { log, ROOT, WORK_DIR } from "./results";
import { median } from "./stats";

export interface ProcessMeasure {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
}

export interface ReviewRun extends ProcessMeasure {
  submissions: number;
  jobs: number;
  out: boolean;
}

export interface RoundResults {
  budgetRows: number;
  memberRows: number;
  incomeRows: number;
  fileBytes: number;
  cores: number;
  /** The shell loop over 200 files: one run (its wall time is long and steady). */
  loop: ProcessMeasure & { submissions: number };
  /** review --format json --jobs <cores> on the same 200 files, median of the runs. */
  review200: ReviewRun & { runs: number };
  ratio: number;
  /** Every review measured (sizes, with and without --out, one thread). */
  reviews: ReviewRun[];
  verified: string;
  yearOverYearPairs: number;
}

const SUBMISSIONS = 200;
const BIG_ROUND_COPIES = 10;
const BIN = path.join(ROOT, "bin", "alliance-check.js");

/** The generated workbook with its own alliance title and fiscal year. */
function submission(index: number): GeneratedWorkbook {
  const generated = generateWorkbook({ budgetRows: 100, violationRate: 0.01 });
  const plan = generated.snapshot.sheets.find((sheet) => sheet.name === PLAN_SHEET)!;
  const alliance = (index % (SUBMISSIONS / 2)) + 1;
  const fiscalYear = index < SUBMISSIONS / 2 ? 115 : 116;
  plan.values = plan.values.map((row) => {
    if (row[0] === "計畫名稱") return ["計畫名稱", `第${alliance}號產學技術聯盟`];
    if (row[0] === "計畫年度") return ["計畫年度", fiscalYear];
    return row;
  });
  return generated;
}

/** build/bench/work/round-<hash>/{200, 50, 2000}: the files, written once per generator version. */
async function roundFolders(): Promise<{ two: string; fifty: string; big: string; fileBytes: number }> {
  const base = path.join(WORK_DIR, `round-${generatorHash()}`);
  const two = path.join(base, "200");
  const fifty = path.join(base, "50");
  const big = path.join(base, "2000");
  const done = path.join(base, ".complete");
  if (!fs.existsSync(done)) {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(two, { recursive: true });
    fs.mkdirSync(fifty, { recursive: true });
    log(`round: writing ${SUBMISSIONS} workbooks with ExcelJS`);
    for (let i = 0; i < SUBMISSIONS; i += 1) {
      const name = `submission-${String(i + 1).padStart(3, "0")}.xlsx`;
      await writeXlsx(submission(i), path.join(two, name));
      if (i % 4 === 0) fs.copyFileSync(path.join(two, name), path.join(fifty, name));
    }
    for (let copy = 1; copy <= BIG_ROUND_COPIES; copy += 1) fs.cpSync(two, path.join(big, `copy-${String(copy).padStart(2, "0")}`), { recursive: true });
    fs.writeFileSync(done, "");
  }
  const fileBytes = median(fs.readdirSync(two).map((name) => fs.statSync(path.join(two, name)).size));
  return { two, fifty, big, fileBytes };
}

/** A command under /usr/bin/time -v (wall from here, CPU and peak memory from its report); stdout to a file. */
function measure(command: string, args: string[], stdoutFile: string): ProcessMeasure & { status: number | null } {
  const timeOut = path.join(WORK_DIR, `round-time-${process.pid}.txt`);
  fs.rmSync(timeOut, { force: true });
  const out = fs.openSync(stdoutFile, "w");
  const started = performance.now();
  const child = spawnSync(TIME_BINARY, ["-v", "-o", timeOut, command, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", out, "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  fs.closeSync(out);
  if (child.error) throw child.error;
  return { wallMs, ...readTimeReport(timeOut), status: child.status };
}

function review(folder: string, submissions: number, jobs: number, out: string | null, stdoutFile: string): ReviewRun & { json: JsonOverview } {
  if (out) fs.rmSync(out, { force: true });
  const args = [BIN, "review", folder, "--format", "json", "--jobs", String(jobs), ...(out ? ["--out", out] : [])];
  const run = measure(process.execPath, args, stdoutFile);
  if (run.status !== 0 && run.status !== 1) throw new Error(`review of ${submissions} exited with ${run.status}`);
  const json = JSON.parse(fs.readFileSync(stdoutFile, "utf8")) as JsonOverview;
  if (json.submissions.length !== submissions) throw new Error(`review of ${submissions}: ${json.submissions.length} rows`);
  if (out && !fs.existsSync(out)) throw new Error(`review of ${submissions}: no ${out}`);
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssKiB: run.maxRssKiB, submissions, jobs, out: out !== null, json };
}

/** Each row of the review agrees with the single-file command's JSON of the same file. */
function verify(json: JsonOverview, singles: string): void {
  for (const row of json.submissions) {
    if (row.status !== "checked") throw new Error(`${row.file}: unreadable in the review`);
    const single = JSON.parse(fs.readFileSync(path.join(singles, `${path.basename(row.file)}.json`), "utf8"));
    const expected = { rulePack: single.rulePack, fiscalYear: single.fiscalYear, subsidy: single.summary.subsidy, operatingIncome: single.summary.operatingIncome, ratio: single.summary.selfSufficiencyRatio, members: single.summary.members, errors: single.findings.filter((f: { severity: string; waived?: unknown }) => f.severity === "error" && !f.waived).length };
    const actual = { rulePack: row.rulePack, fiscalYear: row.fiscalYear, subsidy: row.subsidy, operatingIncome: row.operatingIncome, ratio: row.selfSufficiencyRatio, members: row.members, errors: row.findings.error };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${row.file}: review ${JSON.stringify(actual)} ≠ single ${JSON.stringify(expected)}`);
  }
}

export async function roundBench(quick: boolean): Promise<RoundResults> {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "reviewWorker.js"))) throw new Error("lib/cli/reviewWorker.js is missing: run npm run build:cli first");
  if (!fs.existsSync(TIME_BINARY)) throw new Error(`${TIME_BINARY} is needed for CPU time and peak memory`);
  const { two, fifty, big, fileBytes } = await roundFolders();
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const work = path.join(WORK_DIR, "round-out");
  fs.rmSync(work, { recursive: true, force: true });
  const singles = path.join(work, "singles");
  fs.mkdirSync(singles, { recursive: true });

  log(`round: the shell loop, ${SUBMISSIONS} × alliance-check FILE --format json`);
  const loopScript = `for f in "$1"/*.xlsx; do node "$2" "$f" --format json > "$3/$(basename "$f").json"; done`;
  const loop = measure("bash", ["-c", loopScript, "loop", two, BIN, singles], path.join(work, "loop.txt"));
  if (fs.readdirSync(singles).length !== SUBMISSIONS) throw new Error("the shell loop did not check every file");

  const stdout = path.join(work, "review.json");
  const runs = quick ? 1 : 5;
  log(`round: review of ${SUBMISSIONS} on ${cores} threads, ${runs} run(s) after one untimed`);
  const reviews: ReviewRun[] = [];
  const timed: ReviewRun[] = [];
  let pairs = 0;
  for (let i = -1; i < runs; i += 1) {
    const run = review(two, SUBMISSIONS, cores, null, stdout);
    verify(run.json, singles);
    pairs = run.json.yearOverYear.length;
    if (i >= 0) timed.push(run);
  }
  const strip = ({ json: _json, ...run }: ReviewRun & { json?: unknown }): ReviewRun => run;
  const review200 = {
    ...strip(timed[0]!),
    wallMs: median(timed.map((run) => run.wallMs)),
    cpuMs: median(timed.map((run) => run.cpuMs)),
    maxRssKiB: median(timed.map((run) => run.maxRssKiB)),
    runs,
  };
  reviews.push(strip(review200));
  const out = path.join(work, "overview.xlsx");
  log("round: the other sizes and variants");
  reviews.push(strip(review(fifty, SUBMISSIONS / 4, cores, null, stdout)));
  reviews.push(strip(review(two, SUBMISSIONS, 1, null, stdout)));
  reviews.push(strip(review(fifty, SUBMISSIONS / 4, cores, out, stdout)));
  reviews.push(strip(review(two, SUBMISSIONS, cores, out, stdout)));
  if (!quick) {
    const bigRun = review(big, SUBMISSIONS * BIG_ROUND_COPIES, cores, null, stdout);
    verify(bigRun.json, singles);
    reviews.push(strip(bigRun));
    reviews.push(strip(review(big, SUBMISSIONS * BIG_ROUND_COPIES, cores, out, stdout)));
  }
  const sample = generateWorkbook({ budgetRows: 100, violationRate: 0.01 });
  return {
    budgetRows: sample.budgetRows,
    memberRows: sample.memberRows,
    incomeRows: sample.incomeRows,
    fileBytes,
    cores,
    loop: { ...loop, submissions: SUBMISSIONS },
    review200,
    ratio: loop.wallMs / review200.wallMs,
    reviews,
    verified: "Every review's rows = the single-file command's JSON of the same file (rule pack, fiscal year, subsidy, income, ratio, members, errors)",
    yearOverYearPairs: pairs,
  };
}
