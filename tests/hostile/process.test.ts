/**
 * The hostile corpus through the real process (`node bin/alliance-check.js`, compiled into lib/
 * by `npm run build:cli`), with a timeout, a time bound and, for zip bombs and big files, a
 * bound on peak memory. Skipped, saying why, when lib/ is not built or older than src/.
 *
 * The big files are made here (tests/hostile/generate.ts): zip bombs of about 2 MB that inflate
 * to 2 GiB, and budgets with a million rows.
 */
import { readdirSync, writeFileSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { bigBudgetWorkbook, GiB, MiB, zipBomb, type BombKind } from "./generate";
import { compiledCommandProblem, CORPUS, READER_FIXTURES, runMain, runProcess, STACK_TRACE, stderrLines, type ProcessRun } from "./cli";

const problem = compiledCommandProblem();
if (problem) console.warn(problem);
const describeCompiled = problem === null ? describe : describe.skip;

/** Generous: these machines run the suites in parallel. */
const TIME_BOUND_MS = 20_000;
/** Node itself takes about 50 MB; the bounded readers stay near 200 MB on a bomb. */
const BOMB_RSS_BOUND = 400 * MiB;

const dir = mkdtempSync(path.join(tmpdir(), "alliance-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectWellBehaved(run: ProcessRun, code: number): void {
  expect({ signal: run.signal, code: run.code }).toEqual({ signal: null, code });
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.ms).toBeLessThan(TIME_BOUND_MS);
  if (code === 2) expect(stderrLines(run)).toHaveLength(1);
  else expect(run.stderr).toBe("");
}

const READER_HOSTILE = [
  "not-a-zip.xlsx",
  "truncated.xlsx",
  "corrupt-deflate.xlsx",
  "cut-sheet-xml.xlsx",
  "ole2-encrypted.xlsx",
  "legacy.xls",
  "csv-renamed.xlsx",
  "ods-renamed.xlsx",
  "docx-renamed.xlsx",
  "html-renamed.xlsx",
  "empty.xlsx",
  "bomb-declared.xlsx",
  "bomb-lying.xlsx",
  "bomb-ratio.xlsx",
  "merge-bomb.xlsx",
  "sparse-corners.xlsx",
  "missing-sheet-part.xlsx",
  "row-out-of-grid.xlsx",
].map((name) => path.join(READER_FIXTURES, name));

const CORPUS_FILES = readdirSync(CORPUS)
  .filter((name) => name.endsWith(".xlsx"))
  .map((name) => path.join(CORPUS, name));

describeCompiled("the installed command on every hostile file", () => {
  it.each([...CORPUS_FILES, ...READER_HOSTILE].map((file) => [path.relative(path.join(__dirname, "..", ".."), file), file]))(
    "%s: the same exit status as in-process, one clean line at most, in bounded time",
    async (_, file) => {
      const expected = await runMain(file, "--lang", "en");
      const run = runProcess([file, "--lang", "en"]);
      expectWellBehaved(run, expected.code);
      expect(run.stdout).toBe(expected.stdout);
      expect(run.stderr).toBe(expected.stderr);
    },
  );
});

describeCompiled("zip bombs (2 MB files that inflate to 2 GiB), in bounded time and memory", () => {
  const SIZE = 2 * GiB - 8 * MiB;
  const bombs: Record<BombKind, string> = {} as Record<BombKind, string>;
  beforeAll(() => {
    for (const kind of ["sheet-honest", "sheet-lying", "media-honest", "media-lying", "customxml-lying"] as const) {
      bombs[kind] = path.join(dir, `bomb-${kind}.xlsx`);
      writeFileSync(bombs[kind], zipBomb(kind, SIZE));
    }
  });

  it.each<[BombKind, RegExp]>([
    ["sheet-honest", /claims to expand \d+:1 .*zip bomb/],
    ["sheet-lying", /expands beyond the 1 KiB its header declares/],
  ])("a worksheet bomb (%s): exit 2 with one line", (kind, pattern) => {
    const run = runProcess([bombs[kind], "--lang", "en"]);
    expectWellBehaved(run, 2);
    expect(run.stderr).toMatch(pattern);
    expect(run.maxRss).toBeGreaterThan(0);
    expect(run.maxRss).toBeLessThan(BOMB_RSS_BOUND);
  });

  it.each<BombKind>(["media-honest", "media-lying", "customxml-lying"])(
    "a bomb in a part the check never reads (%s): checked, and never inflated",
    (kind) => {
      const run = runProcess([bombs[kind], "--lang", "en", "--format", "json"]);
      // Only warnings: the small workbook around the bomb has no members or income sheet.
      expectWellBehaved(run, 0);
      expect(JSON.parse(run.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain("WB-SHEET-MISSING");
      expect(run.maxRss).toBeLessThan(BOMB_RSS_BOUND);
    },
  );

  it.each<BombKind>(["media-honest", "media-lying", "customxml-lying"])(
    "the same bomb with --annotate (%s): the report, then one line saying no copy was written",
    (kind) => {
      const out = path.join(dir, `annotated-${kind}.xlsx`);
      const run = runProcess([bombs[kind], "--lang", "en", "--annotate", out, "--summary"], { timeoutMs: 120_000 });
      expect({ signal: run.signal, code: run.code }).toEqual({ signal: null, code: 2 });
      expect(run.ms).toBeLessThan(TIME_BOUND_MS);
      expect(stderrLines(run)).toHaveLength(1);
      expect(run.stderr).toMatch(/too large; processing stopped .*(zip bomb|expands beyond)/);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.maxRss).toBeLessThan(BOMB_RSS_BOUND);
      expect(readdirSync(dir).filter((name) => name.includes(`annotated-${kind}`))).toEqual([]);
    },
  );
});

describeCompiled("a million rows", () => {
  it("a million budget lines of three columns: findings on the totals within the limits", () => {
    const file = path.join(dir, "million-3.xlsx");
    writeFileSync(file, bigBudgetWorkbook(1_000_000, 3));
    const run = runProcess([file, "--lang", "en", "--format", "json"], { timeoutMs: 180_000 });
    expect({ signal: run.signal, code: run.code }).toEqual({ signal: null, code: 1 });
    // The worst case within the cell limit: slower than a real workbook ever is, but bounded.
    expect(run.ms).toBeLessThan(90_000);
    expect(run.maxRss).toBeLessThan(2.5 * GiB);
    const keys = JSON.parse(run.stdout).findings.map((finding: { ruleId: string; sheet: string; cell: string }) => `${finding.ruleId}@${finding.sheet}!${finding.cell}`);
    expect(keys).toContain("BUD-CAP@經費表!C1");
  });

  it("a million budget lines of five columns: over the cell limit, exit 2 with one line", () => {
    const file = path.join(dir, "million-5.xlsx");
    writeFileSync(file, bigBudgetWorkbook(1_000_000, 5));
    const run = runProcess([file, "--lang", "en"]);
    expectWellBehaved(run, 2);
    expect(run.stderr).toMatch(/more than 5,000,000 cells/);
    expect(run.maxRss).toBeLessThan(1 * GiB);
  });

  it("an annotated copy of 100,000 rows: the report, then one line saying the copy is over its limit", () => {
    const file = path.join(dir, "rows-100k.xlsx");
    const out = path.join(dir, "rows-100k-annotated.xlsx");
    writeFileSync(file, bigBudgetWorkbook(100_000, 3));
    const run = runProcess([file, "--lang", "en", "--annotate", out], { timeoutMs: 120_000 });
    expect({ signal: run.signal, code: run.code }).toEqual({ signal: null, code: 2 });
    expect(run.ms).toBeLessThan(TIME_BOUND_MS);
    expect(run.stdout).toMatch(/BUD-CAP/);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/more than 250,000 cells, the most an annotated copy is made from; the check is complete, but no copy was written/)]);
    expect(readdirSync(dir).filter((name) => name.startsWith("rows-100k-annotated") || name.includes(".tmp"))).toEqual([]);
  });
});
