/**
 * Issue 12, the reader's classes (tests/hostile/round2/reader.ts makes the files at test time):
 * a violating workbook never reads as clean, small files cost seconds and megabytes, odd
 * numbers and references are reported. Each file runs in process and as the installed command
 * (within 30 s and 800 MB, measured as tests/hostile/rss-probe.js does), and is unchanged after.
 */
import { createHash } from "crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, ftruncateSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { convertWithLibreOffice } from "../helpers/libreoffice";
import { describeWithTool } from "../helpers/tools";
import { compiledCommandProblem, expectOneLineError, runMain, runProcess, STACK_TRACE, stderrLines, type CliRun } from "./cli";
import { GiB, MiB } from "./generate";
import * as make from "./round2/reader";

const problem = compiledCommandProblem();
if (problem) console.warn(problem);
const itCompiled = problem === null ? it : it.skip;

const TIME_BOUND_MS = 30_000;
const RSS_BOUND = 800 * MiB;

const dir = mkdtempSync(path.join(tmpdir(), "alliance-round2-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

const digest = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

interface Finding {
  ruleId: string;
  sheet: string;
  cell: string;
}

function keys(run: CliRun): string[] {
  const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  return findings.map((finding) => `${finding.ruleId}@${finding.sheet}!${finding.cell}`).sort();
}

/** Both ways: in process, then as the installed command within the bounds; the file unchanged. */
async function bothWays(file: string, ...args: string[]): Promise<CliRun> {
  const before = digest(file);
  const inProcess = await runMain(file, "--lang", "en", ...args);
  expect(inProcess.stderr).not.toMatch(STACK_TRACE);
  if (problem === null) {
    const run = runProcess([file, "--lang", "en", ...args], { timeoutMs: 90_000 });
    expect({ signal: run.signal, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      signal: null,
      code: inProcess.code,
      stdout: inProcess.stdout,
      stderr: inProcess.stderr,
    });
    expect(run.ms).toBeLessThan(TIME_BOUND_MS);
    expect(run.maxRss).toBeGreaterThan(0);
    expect(run.maxRss).toBeLessThan(RSS_BOUND);
  }
  expect(digest(file)).toBe(before);
  return inProcess;
}

async function expectRefused(file: string, pattern: RegExp): Promise<void> {
  const run = await bothWays(file);
  expectOneLineError(run, pattern);
  // The other language says the same in one line.
  const zh = await runMain(file, "--lang", "zh-TW");
  expect(zh.code).toBe(2);
  expect(stderrLines(zh)).toHaveLength(1);
}

describe("class 1: a violating workbook never reads as clean", () => {
  let honest: string[];
  beforeAll(async () => {
    const run = await runMain(write("honest.xlsx", make.honestViolation()), "--format", "json", "--lang", "en");
    expect(run.code).toBe(1);
    honest = keys(run);
    expect(honest).toContain("BUD-PHD-PAY@經費表!G6");
  });

  it("the sample itself is clean (the attacks below start from it)", async () => {
    const run = await runMain(make.SAMPLE, "--format", "json", "--lang", "en");
    expect(run.code).toBe(0);
    expect(keys(run)).not.toContain("BUD-PHD-PAY@經費表!G6");
  });

  it("a DTD whose internal subset seems to end inside an entity value: refused", async () => {
    await expectRefused(write("doctype-shadow.xlsx", make.doctypeShadow()), /damaged or incomplete .*declares a DTD \(<!DOCTYPE/);
  });

  it("a look-alike cell in an ignorable foreign namespace: skipped, the findings of the honest file", async () => {
    const run = await bothWays(write("ignorable-look-alike.xlsx", make.ignorableLookAlike()), "--format", "json");
    expect(run.code).toBe(1);
    expect(keys(run)).toEqual(honest);
  });

  it.each([
    ["the Choice, when it requires only what we understand", true],
    ["the Fallback, when the Choice requires what we do not understand", false],
  ])("mc:AlternateContent: %s", async (_label, understood) => {
    const run = await bothWays(write(`alternate-content-${understood}.xlsx`, make.alternateContent(understood)), "--format", "json");
    expect(run.code).toBe(1);
    expect(keys(run)).toEqual(honest);
  });

  it("two zip entries whose names OPC holds equal: the package is refused", async () => {
    await expectRefused(write("shadowed-part.xlsx", make.shadowedPart()), /damaged or incomplete .*two parts with equivalent names, xl\/worksheets\/sheet2\.xml and XL\/Worksheets\/Sheet2\.xml/);
  });

  describeWithTool("soffice")("as LibreOffice reads the same files", () => {
    it("LibreOffice sees the violation in the look-alike and the AlternateContent files too", async () => {
      for (const name of ["ignorable-look-alike.xlsx", "alternate-content-false.xlsx"]) {
        const source = path.join(dir, name);
        const converted = convertWithLibreOffice(source, path.join(dir, `libreoffice-${name}`), "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2");
        // The 12th token picks the second sheet, 經費表, which LibreOffice names in the file.
        const budget = readFileSync(converted.replace(/\.csv$/, "-經費表.csv"), "utf8");
        const line = budget.split("\n").find((row) => row.includes("張雅婷"));
        expect(line).toMatch(/,12000,/);
      }
    }, 120_000);
  });
});

describe("class 2: small files, bounded costs", () => {
  it("cell formats past Excel's 64,000 in styles: refused at the count, or from the zip directory when the part is too big", async () => {
    await expectRefused(write("style-flood.xlsx", make.styleFlood(200_000)), /too large; processing stopped .*more than 65,536 cell or number formats/);
    await expectRefused(write("style-flood-big.xlsx", make.styleFlood(3_000_000)), /too large; processing stopped .*xl\/styles\.xml is 180\.2 MiB, over the 64 MiB/);
  });

  it("whitespace between styles: 15 MiB read as the sample, 60 MiB refused from the zip directory", async () => {
    const run = await bothWays(write("whitespace-styles.xlsx", make.whitespaceStyles(15)), "--format", "json");
    expect(run.code).toBe(0);
    await expectRefused(write("whitespace-styles-60.xlsx", make.whitespaceStyles(60)), /too large; processing stopped .*xl\/styles\.xml claims to expand \d+:1/);
  });

  it("relationships by the million: refused at the count, or from the zip directory", async () => {
    await expectRefused(write("relationship-flood.xlsx", make.relationshipFlood(50_000)), /too large; processing stopped .*more than 10,000 relationships/);
    await expectRefused(write("relationship-flood-big.xlsx", make.relationshipFlood(2_000_000)), /too large; processing stopped .*is 268\.9 MiB, over the 16 MiB/);
  });

  it("a million sheets on one part: refused at the limit", async () => {
    await expectRefused(write("sheet-flood.xlsx", make.sheetFlood()), /too large; processing stopped .*more than 4,096 sheets/);
  });

  it("two sheets on one part: refused", async () => {
    await expectRefused(write("two-sheets-one-part.xlsx", make.twoSheetsOnePart()), /damaged or incomplete .*sheets "經費表" and "影子" share one part/);
  });

  it("a UTF-16 sheet past the cell limit: refused while it streams", async () => {
    await expectRefused(write("utf16-cell-flood.xlsx", make.utf16CellFlood()), /too large; processing stopped .*more than 5,000,000 cells/);
  });

  it("a gigabyte that is no zip: refused from its first bytes", async () => {
    const file = path.join(dir, "gigabyte.xlsx");
    const fd = openSync(file, "w");
    writeSync(fd, "科目,項目,金額\n");
    ftruncateSync(fd, GiB - 1); // sparse: no disk space, but a 1 GiB file to whoever reads it
    closeSync(fd);
    await expectRefused(file, /not an Excel workbook .*not a zip package/);
    // Alone it peaks near 65 MB; a child's high-water mark starts at its parent's (a jest worker's,
    // often 200 MB or more) on Linux, hence the margin. Reading the gigabyte took 2.1 GB.
    if (problem === null) expect(runProcess([file, "--lang", "en"]).maxRss).toBeLessThan(400 * MiB);
  });
});

describe("class 6: numbers, references and indexes as the grid has them", () => {
  it("whole numbers of 1e22 and 1.2e308: the report is printed", async () => {
    const run = await bothWays(write("huge-numbers.xlsx", make.hugeNumbers()), "--format", "json");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("10,000,000,000,000,000,000,000");
    const text = await runMain(path.join(dir, "huge-numbers.xlsx"), "--lang", "zh-TW");
    expect(text.code).toBe(1);
    expect(text.stderr).toBe("");
  });

  it.each(["G0", "XFE40", "A1048577", "g6", "G6 ", "$G$6", "#REF!"])("the cell reference %j: refused, naming it", async (reference) => {
    await expectRefused(write(`reference-${reference.replace(/\W/g, "_")}.xlsx`, make.badReference(reference)), /damaged or incomplete .*is not a cell of the worksheet grid/);
  });

  it("a shared string index past the table: refused, naming the cell", async () => {
    await expectRefused(write("shared-string-past-table.xlsx", make.sharedStringPastTable()), /damaged or incomplete .*cell G6 refers to shared string 100000, but the table has only \d+/);
  });
});

itCompiled("the installed command is what these tests ran", () => {
  expect(compiledCommandProblem()).toBeNull();
});
