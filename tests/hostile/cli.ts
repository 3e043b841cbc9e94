/**
 * The command line two ways: in-process through `main(args, io)`, and as the installed command
 * (`node bin/alliance-check.js`, compiled into lib/) in a child process with its time and peak
 * memory measured.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../src/cli/main";

export const ROOT = path.join(__dirname, "..", "..");
export const CORPUS = path.join(__dirname, "corpus");
export const READER_FIXTURES = path.join(ROOT, "tests", "fixtures", "reader");
const BIN = path.join(ROOT, "bin", "alliance-check.js");
const PROBE = path.join(__dirname, "rss-probe.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}

export interface ProcessRun extends CliRun {
  /** Wall-clock milliseconds. */
  ms: number;
  /** Peak resident set size in bytes (0 when the process died before reporting it). */
  maxRss: number;
  signal: NodeJS.Signals | null;
}

/** Why the compiled command cannot be run, or null when lib/ is built and newer than src/. */
export function compiledCommandProblem(): string | null {
  const entry = path.join(ROOT, "lib", "cli", "main.js");
  if (!existsSync(entry)) return "lib/ is not built (npm run build:cli): the tests of the installed command are skipped";
  const built = statSync(entry).mtimeMs;
  const newer = (dir: string): string | null => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, name.name);
      if (name.isDirectory()) {
        const found = newer(file);
        if (found) return found;
      } else if (/\.(ts|json)$/.test(name.name) && !/\.test\.tsx?$/.test(name.name) && statSync(file).mtimeMs > built) return file;
    }
    return null;
  };
  for (const dir of ["cli", "engine", "report", "rules", "layouts", "workbook/xlsx"]) {
    const changed = newer(path.join(ROOT, "src", dir));
    if (changed) return `lib/ is older than ${path.relative(ROOT, changed)} (npm run build:cli): the tests of the installed command are skipped`;
  }
  return null;
}

/** Runs the installed command with a hard timeout; never throws for the command's own failure. */
export function runProcess(args: string[], options: { timeoutMs?: number; nodeOptions?: string[] } = {}): ProcessRun {
  const work = mkdtempSync(path.join(tmpdir(), "alliance-rss-"));
  const rssFile = path.join(work, "rss");
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...(options.nodeOptions ?? []), "--require", PROBE, BIN, ...args], {
      encoding: "utf8",
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, ALLIANCE_RSS_FILE: rssFile, NO_COLOR: "1" },
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const maxRss = existsSync(rssFile) && statSync(rssFile).size > 0 ? Number(readFileSync(rssFile, "utf8")) : 0;
    return { code: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "", ms, maxRss, signal: result.signal };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Lines of stderr, without the trailing newline. */
export function stderrLines(run: CliRun): string[] {
  return run.stderr.replace(/\n$/, "").split("\n").filter((line) => line !== "");
}

/** A stack trace or a Node internal error in the output. */
export const STACK_TRACE = /\n\s+at \S|node:internal|^\s*at .+:\d+:\d+/m;

/** `expect` of a clean refusal: exit 2, nothing on stdout, exactly one line on stderr. */
export function expectOneLineError(run: CliRun, pattern: RegExp): void {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
  expect(stderrLines(run)).toHaveLength(1);
  expect(run.stderr).toMatch(/^alliance-check: /);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}
