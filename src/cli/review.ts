/**
 * `alliance-check review PATH... [--out OVERVIEW.xlsx] [--annotate-dir DIR] [--format text|json|csv]
 *                        [--rules PACK] [--lang zh-TW|en] [--jobs N] [--strict]`
 *
 * A round of submissions as one overview. PATH is any mix of workbooks and folders: a folder is
 * searched recursively for .xlsx/.xlsm (other files are listed as skipped); a file named on the
 * command line is always a row, whatever it is. The files are checked on worker threads
 * (pool.ts); a file that cannot be read is a row that says why and the round goes on. The
 * overview (src/review, pure) goes to stdout as text, JSON or CSV, and with --out to a workbook.
 *
 * Nothing is written over an input: --out must not be a submission, and --annotate-dir never
 * replaces a file (copies take the next free name). Files are written through a temporary file.
 *
 * Exit status: 0 no submission has an error-severity finding (errors with an exception note do not
 * count, unless --strict); 1 some
 * do, or a file could not be read; 2 nothing could be read, or the command line is wrong.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { Language } from "../engine/types";
import { buildOverview, fileKind, type RoundEntry } from "../review";
import { toOverviewCsv, toOverviewJson, type SkippedFile } from "../report/overview";
import { stringifyForTerminal } from "../report/terminal";
import type { CliIo } from "./main";
import { UsageError, type ReviewOptions } from "./arguments";
import { oneLine } from "./failure";
import { refuseOutputTarget, sameFile, writeOutput } from "./files";
import { ROUND_MESSAGES } from "./messages";
import { runPool } from "./pool";
import { overviewText } from "./reviewText";
import type { SubmissionJob } from "./submission";

interface Discovered {
  /** What to read, and how the overview names it. */
  files: { file: string; display: string }[];
  skipped: SkippedFile[];
}

async function realPath(file: string): Promise<string> {
  return fs.realpath(file).catch(() => path.resolve(file));
}

/** Whether `file` is `folder` or inside it. */
function inside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The round's files. Folders are walked in name order (symbolic links to folders are not
 * followed); what is not a workbook, Excel's ~$ lock files and files inside --annotate-dir are
 * skipped, each with its reason. The same file reached twice is read once.
 */
async function discover(paths: readonly string[], exclude: { annotateDir: string | null }, language: Language): Promise<Discovered> {
  const reasons = ROUND_MESSAGES[language].skipReasons;
  const files: Discovered["files"] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();

  const add = async (file: string, display: string, explicit: boolean) => {
    const real = await realPath(file);
    if (seen.has(real)) return;
    seen.add(real);
    const base = path.basename(file);
    if (exclude.annotateDir !== null && inside(real, exclude.annotateDir) && !explicit) skipped.push({ file: display, reason: reasons.annotated });
    else if (!explicit && fileKind(base) !== "workbook") skipped.push({ file: display, reason: fileKind(base) === "lock" ? reasons.lockFile : reasons.notWorkbook });
    else files.push({ file, display });
  };

  const walk = async (folder: string, display: string): Promise<void> => {
    if (exclude.annotateDir !== null && inside(await realPath(folder), exclude.annotateDir)) {
      skipped.push({ file: display, reason: reasons.annotated });
      return;
    }
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      skipped.push({ file: display, reason: reasons.unreadableFolder });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      const shown = path.join(display, entry.name);
      if (entry.isDirectory()) await walk(file, shown);
      else if (entry.isSymbolicLink()) {
        const target = await fs.stat(file).catch(() => null);
        if (target?.isDirectory()) skipped.push({ file: shown, reason: reasons.link });
        else await add(file, shown, false);
      } else await add(file, shown, false);
    }
  };

  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => null);
    if (stat?.isDirectory()) await walk(given, given);
    // A file named on the command line is a row whatever it is (a missing one says so).
    else await add(given, given, true);
  }
  return { files, skipped };
}

/** `plan.xlsx` → `plan-annotated`, unique within the round (`plan-annotated-2` for a second plan.xlsx). */
function copyStems(files: readonly { file: string }[]): string[] {
  const taken = new Map<string, number>();
  return files.map(({ file }) => {
    const base = `${path.basename(file).replace(/\.[^.]*$/, "")}-annotated`;
    const key = base.toLowerCase();
    const count = (taken.get(key) ?? 0) + 1;
    taken.set(key, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** One line, rewritten in place: files done / total, the file being read, time left. */
function progressLine(io: CliIo, language: Language, total: number): { start: (file: string) => void; done: (count: number) => void; clear: () => void } {
  const terminal = io.progress;
  if (!terminal) return { start: () => undefined, done: () => undefined, clear: () => undefined };
  const started = Date.now();
  let current = "";
  let finished = 0;
  const draw = () => {
    const eta = finished === 0 ? "…" : duration(((Date.now() - started) / finished) * (total - finished));
    const line = oneLine(ROUND_MESSAGES[language].progress(finished, total, current, eta));
    // Wide characters take two columns: cut by an estimate that never wraps the line.
    let width = 0;
    let fitted = "";
    for (const character of line) {
      width += /[\u1100-\uffff]/.test(character) ? 2 : 1;
      if (width > terminal.columns - 1) break;
      fitted += character;
    }
    terminal.write(`\r${fitted}\u001b[K`);
  };
  return {
    start: (file) => {
      current = file;
      draw();
    },
    done: (count) => {
      finished = count;
      draw();
    },
    clear: () => terminal.write("\r\u001b[K"),
  };
}

export async function runReview(options: ReviewOptions, io: CliIo): Promise<number> {
  const { language } = options;
  const words = ROUND_MESSAGES[language];

  if (options.out !== undefined && !/\.xlsx$/i.test(options.out)) throw new UsageError(words.outNotXlsx(options.out));
  let annotateDir: string | null = null;
  if (options.annotateDir !== undefined) {
    for (const given of options.paths) {
      const stat = await fs.stat(given).catch(() => null);
      if (stat?.isFile() && (await sameFile(given, options.annotateDir))) throw new UsageError(words.annotateDirIsInput(options.annotateDir));
    }
    await fs.mkdir(options.annotateDir, { recursive: true }).catch(() => undefined);
    const stat = await fs.stat(options.annotateDir).catch(() => null);
    if (!stat?.isDirectory()) throw new UsageError(words.annotateDirNotFolder(options.annotateDir));
    annotateDir = await realPath(options.annotateDir);
  }
  const { files, skipped } = await discover(options.paths, { annotateDir }, language);
  // Refused before anything is read: a submission named as --out would be replaced. So would an
  // earlier overview in a folder of the round, which this run reads as a submission.
  if (options.out !== undefined) {
    for (const { file } of files) if (await sameFile(file, options.out)) throw new UsageError(words.outIsInput(options.out));
    await refuseOutputTarget(options.out, "--out", language);
  }
  if (files.length === 0) {
    for (const entry of skipped) io.stderr(`alliance-check: ${oneLine(`${entry.file}: ${entry.reason}`)}\n`);
    io.stderr(`alliance-check: ${words.nothingFound}\n`);
    return 2;
  }
  const stems = copyStems(files);
  const jobs: SubmissionJob[] = files.map(({ file, display }, id) => ({
    id,
    file,
    display,
    annotate: options.annotateDir !== undefined ? { dir: options.annotateDir, stem: stems[id]! } : null,
    ...(options.rulePack !== undefined ? { rulePack: options.rulePack } : {}),
    language,
  }));

  const progress = progressLine(io, language, jobs.length);
  const outcomes = await runPool(jobs, {
    jobs: options.jobs ?? os.availableParallelism?.() ?? os.cpus().length,
    language,
    onStart: (job) => progress.start(job.display),
    onDone: (_outcome, done) => progress.done(done),
  });
  progress.clear();

  const entries: RoundEntry[] = outcomes.map((outcome, index) => {
    const display = jobs[index]!.display;
    if (!outcome.ok) return { kind: "unreadable", failure: { file: display, code: outcome.code, message: outcome.message } };
    if (outcome.annotateFailure !== null) io.stderr(`alliance-check: ${oneLine(words.annotatedNotWritten(display, outcome.annotateFailure))}\n`);
    return { kind: "checked", facts: outcome.facts, ...(outcome.annotated !== null ? { annotated: outcome.annotated } : {}) };
  });
  const overview = buildOverview(entries);

  if (options.format === "json") io.stdout(`${stringifyForTerminal(toOverviewJson(overview, language, { skipped }), 2)}\n`);
  else if (options.format === "csv") io.stdout(toOverviewCsv(overview, language));
  else io.stdout(overviewText(overview, skipped, language, { color: io.isTTY && !process.env.NO_COLOR }));

  if (options.out !== undefined) {
    const outFolder = path.dirname(path.resolve(options.out));
    const [{ overviewLayouts }, { writeLayoutsToNewWorkbook }] = await Promise.all([import("../layouts/overview"), import("../workbook/xlsx/writeLayout")]);
    const bytes = await writeLayoutsToNewWorkbook(
      overviewLayouts(overview, language, {
        // Links relative to the overview, so that the folder can move as a whole.
        annotatedLink: (annotated) => path.relative(outFolder, path.resolve(annotated)).split(path.sep).join("/"),
      }),
    );
    await writeOutput(options.out, bytes, "--out", language);
    io.stderr(`${words.overviewWritten(options.out)}\n`);
  }

  if (overview.totals.checked === 0) {
    io.stderr(`alliance-check: ${words.nothingRead}\n`);
    return 2;
  }
  // --strict: an error with an exception note counts too (the rule tallies keep them apart).
  const explainedErrors = options.strict
    ? entries.some((entry) => entry.kind === "checked" && entry.facts.rules.some((rule) => rule.severity === "error" && rule.waived > 0))
    : false;
  return overview.totals.withErrors > 0 || overview.totals.unreadable > 0 || explainedErrors ? 1 : 0;
}
