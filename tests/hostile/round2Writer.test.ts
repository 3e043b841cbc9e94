/**
 * Hostile workbooks, round 2 (issue 12), the writers' half: files built byte by byte
 * (round2/writer.ts) through `--annotate` and `template`, in process and as the installed
 * command. Each run either refuses with one clear line or writes a copy in which every sheet
 * of the person's workbook is present (our reader and LibreOffice both say so), leaves the input
 * unchanged, prints nothing raw from a library or a file, and stays within 30 s and 800 MB.
 *
 * 3. What ExcelJS expanded cell by cell (a merge over the grid, names and validations down to
 *    the last row, a commented-out validation block) costs no more than any other workbook.
 * 4. The output is a regular file in the folder named, or nothing: devices, pipes, folders and
 *    symbolic links are refused, before writing and again before the rename.
 * 5. Markers imitating ours never cost the person a sheet.
 * 6. Sheet names over 31 characters, entities no parser knows, dangling shared strings (refused), broken
 *    notes, macro-enabled workbooks.
 */
import { createHash } from "crypto";
import { execFileSync } from "child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { convertWithLibreOffice, describeWithLibreOffice } from "../libreoffice/soffice";
import { compiledCommandProblem, expectOneLineError, runMain, runProcess, STACK_TRACE, stderrLines, type CliRun } from "./cli";
import { MiB } from "./generate";
import {
  brokenNotesWorkbook,
  commentedValidationWorkbook,
  danglingSharedStringWorkbook,
  everythingHugeWorkbook,
  forgedMarkersWorkbook,
  hugeMergeWorkbook,
  hugeValidationWorkbook,
  LONG_SHEET_NAME,
  longSheetNameWorkbook,
  macroWorkbook,
  manyRowsWorkbook,
  realisticDefinedNameWorkbook,
  rowsOutOfOrderWorkbook,
  undefinedEntityWorkbook,
  VBA_PROJECT,
} from "./round2/writer";

const problem = compiledCommandProblem();
if (problem) console.warn(problem);
const describeCompiled = problem === null ? describe : describe.skip;

/** The bounds for every run on these two-core machines. */
const TIME_BOUND_MS = 30_000;
const RSS_BOUND = 800 * MiB;

const dir = mkdtempSync(path.join(tmpdir(), "alliance-round2w-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

let serial = 0;
function inputFile(name: string, data: Uint8Array): string {
  serial += 1;
  const file = path.join(dir, `${serial}-${name}`);
  writeFileSync(file, data);
  return file;
}

/** Control, bidirectional and line-separator characters: never raw on a terminal. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** What ExcelJS used to print or throw. */
const LIBRARY_TEXT = /undefined entity|reading 'richText'|exceeds 31 chars|Worksheet name|Cannot read properties/;

function expectCleanStderr(run: CliRun): void {
  expect(run.stderr).not.toMatch(RAW);
  expect(run.stderr).not.toMatch(LIBRARY_TEXT);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}

/**
 * A written copy: the report's status, the last stderr line, and every sheet of the input in the copy.
 * `ours` are sheets an earlier run wrote: replaced, so their values are new (the title block names the new file).
 */
async function expectCopy(input: string, out: string, run: CliRun, warnings = 0, ours: readonly string[] = []): Promise<Uint8Array> {
  expect([0, 1]).toContain(run.code);
  expectCleanStderr(run);
  const lines = stderrLines(run);
  expect(lines).toHaveLength(warnings + 1);
  expect(lines[lines.length - 1]).toBe(`Annotated copy written: ${out}`);
  const copy = new Uint8Array(readFileSync(out));
  const before = await readWorkbookSnapshot(new Uint8Array(readFileSync(input)));
  const after = await readWorkbookSnapshot(copy);
  const names = after.sheets.map((sheet) => sheet.name);
  for (const sheet of before.sheets) {
    expect(names).toContain(sheet.name);
    if (ours.includes(sheet.name)) continue;
    // The person's values, exactly.
    expect(after.sheets.find((candidate) => candidate.name === sheet.name)!.values).toEqual(sheet.values);
  }
  expect(names).toContain("Findings");
  return copy;
}

async function annotateInProcess(name: string, data: Uint8Array, ...extra: string[]): Promise<{ input: string; out: string; run: CliRun; hash: string }> {
  const input = inputFile(name, data);
  const out = path.join(dir, `${serial}-annotated-${name}`);
  const hash = sha256(data);
  const run = await runMain(input, "--lang", "en", "--annotate", out, ...extra);
  expect(sha256(new Uint8Array(readFileSync(input)))).toBe(hash);
  return { input, out, run, hash };
}

// ---------------------------------------------------------------------------------------------
// 3. What ExcelJS expanded.

const EXPANDING: [string, () => Uint8Array, string][] = [
  ["a merge over the whole grid", hugeMergeWorkbook, '<mergeCell ref="A1:XFD1048576"/>'],
  ["a defined name down to the last row", realisticDefinedNameWorkbook, "經費表!$A$2:$K$1048576"],
  ["a data validation over the whole grid", hugeValidationWorkbook, 'sqref="A1:XFD1048576"'],
  ["a commented-out dataValidations before the real one", commentedValidationWorkbook, '<!-- <dataValidations count="0"/> --><dataValidations count="1">'],
  ["merges, a conditional format, a validation and names over the grid", everythingHugeWorkbook, '<mergeCell ref="M1:XFD1048576"/>'],
];

describe("3. what ExcelJS expanded cell by cell: in process", () => {
  it.each(EXPANDING)("%s: a copy with every sheet, the construct kept as written", async (name, make, kept) => {
    const started = Date.now();
    const { input, out, run } = await annotateInProcess(`expanding-${name.replace(/\W+/g, "-")}.xlsx`, make(), "--summary");
    expect(Date.now() - started).toBeLessThan(TIME_BOUND_MS);
    const copy = await expectCopy(input, out, run);
    const text = execFileSync("unzip", ["-p", out, "xl/workbook.xml", "xl/worksheets/sheet2.xml"], { encoding: "utf8" });
    expect(text).toContain(kept);
    expect(copy.length).toBeGreaterThan(0);
  });
});

describeCompiled("3. what ExcelJS expanded cell by cell: the installed command", () => {
  it.each(EXPANDING)("%s: within 30 s and 800 MB", async (name, make) => {
    const input = inputFile(`process-${name.replace(/\W+/g, "-")}.xlsx`, make());
    const out = path.join(dir, `${serial}-process-annotated.xlsx`);
    const run = runProcess([input, "--lang", "en", "--annotate", out, "--summary"], { timeoutMs: 120_000 });
    expect({ signal: run.signal, code: run.code }).toEqual({ signal: null, code: 1 });
    expect(run.ms).toBeLessThan(TIME_BOUND_MS);
    expect(run.maxRss).toBeGreaterThan(0);
    expect(run.maxRss).toBeLessThan(RSS_BOUND);
    await expectCopy(input, out, run);
  });

  it("a budget of 20,000 lines, 2,000 of them flagged with notes: within 30 s and 800 MB", async () => {
    const input = inputFile("rows-20k.xlsx", manyRowsWorkbook(20_000));
    const out = path.join(dir, "rows-20k-annotated.xlsx");
    const run = runProcess([input, "--lang", "en", "--annotate", out, "--summary"], { timeoutMs: 120_000 });
    expect({ signal: run.signal, code: run.code }).toEqual({ signal: null, code: 1 });
    expect(run.ms).toBeLessThan(TIME_BOUND_MS);
    expect(run.maxRss).toBeLessThan(RSS_BOUND);
    await expectCopy(input, out, run);
    const comments = execFileSync("unzip", ["-p", out, "xl/comments*.xml"], { encoding: "utf8", maxBuffer: 64 * MiB });
    expect(comments.match(/<comment /g)?.length).toBeGreaterThanOrEqual(2_000);
  });
});

describeWithLibreOffice("3. LibreOffice opens every copy, with every sheet", () => {
  it.each(EXPANDING.slice(0, 4))("%s", async (name, make) => {
    const { input, out, run } = await annotateInProcess(`lo-${name.replace(/\W+/g, "-")}.xlsx`, make());
    await expectCopy(input, out, run);
    const reopened = await readWorkbookSnapshot(convertWithLibreOffice(new Uint8Array(readFileSync(out))));
    expect(reopened.sheets.map((sheet) => sheet.name)).toEqual(["計畫資訊", "經費表", "會員名單", "Findings"]);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The output path.

describe("4. only a regular file in the folder named is written", () => {
  const sample = () => inputFile("sample.xlsx", hugeValidationWorkbook());

  function targets(): [string, () => string, RegExp][] {
    return [
      [
        "a symbolic link to a character device (as /dev/stdout is)",
        () => {
          const link = path.join(dir, `stdout-${(serial += 1)}`);
          symlinkSync("/dev/null", link);
          return link;
        },
        /was not written: it is a symbolic link to a character device/,
      ],
      [
        "a symbolic link to a regular file",
        () => {
          const target = path.join(dir, `target-${(serial += 1)}.xlsx`);
          writeFileSync(target, "the person's file");
          const link = path.join(dir, `link-${serial}.xlsx`);
          symlinkSync(target, link);
          return link;
        },
        /was not written: it is a symbolic link;/,
      ],
      [
        "a dangling symbolic link",
        () => {
          const link = path.join(dir, `dangling-${(serial += 1)}.xlsx`);
          symlinkSync(path.join(dir, "nowhere", "x.xlsx"), link);
          return link;
        },
        /was not written: it is a symbolic link to nothing/,
      ],
      [
        "a symbolic link to a folder",
        () => {
          const folder = path.join(dir, `folder-${(serial += 1)}`);
          mkdirSync(folder);
          const link = path.join(dir, `folder-link-${serial}.xlsx`);
          symlinkSync(folder, link);
          return link;
        },
        /was not written: it is a symbolic link to a folder/,
      ],
      [
        "a folder",
        () => {
          const folder = path.join(dir, `out-folder-${(serial += 1)}.xlsx`);
          mkdirSync(folder);
          return folder;
        },
        /was not written: it is a folder/,
      ],
      [
        "a character device",
        () => "/dev/null",
        /\/dev\/null was not written: it is a character device/,
      ],
      [
        "a name under a file",
        () => {
          const file = path.join(dir, `plain-${(serial += 1)}.txt`);
          writeFileSync(file, "x");
          return path.join(file, "out.xlsx");
        },
        /was not written: its parent is not a folder/,
      ],
    ];
  }

  /** Everything in `folder` as it was, links and files. */
  function listing(folder: string): string[] {
    return readdirSync(folder)
      .sort()
      .map((name) => {
        const file = path.join(folder, name);
        const stat = lstatSync(file);
        return stat.isSymbolicLink() ? `${name} -> ${readlinkSync(file)}` : stat.isFile() ? `${name} ${sha256(new Uint8Array(readFileSync(file)))}` : `${name}/`;
      });
  }

  it.each(targets())("--annotate to %s: refused with one line, nothing written", async (_, make, message) => {
    const input = sample();
    const target = make();
    const before = listing(dir);
    const devBefore = readdirSync("/dev");
    const run = await runMain(input, "--lang", "en", "--annotate", target);
    expectOneLineError(run, message);
    expect(run.stderr).toMatch(/^alliance-check: --annotate /);
    expect(listing(dir)).toEqual(before);
    expect(readdirSync("/dev")).toEqual(devBefore);
  });

  it.each(targets())("template to %s: refused with one line, nothing written", async (_, make, message) => {
    const target = make();
    const before = listing(dir);
    for (const force of [[], ["--force"]]) {
      const run = await runMain("template", target, "--lang", "en", ...force);
      expectOneLineError(run, message);
      expect(run.stderr).toMatch(/^alliance-check: template /);
      expect(listing(dir)).toEqual(before);
    }
  });

  it("in Chinese too", async () => {
    const link = path.join(dir, `zh-${(serial += 1)}`);
    symlinkSync("/dev/null", link);
    expectOneLineError(await runMain(sample(), "--annotate", link), /未寫入 .*：這是指向字元裝置的符號連結/);
  });

  describeCompiled("the installed command", () => {
    it("a named pipe is refused at once, never opened (opening it would wait forever)", () => {
      const fifo = path.join(dir, `pipe-${(serial += 1)}.xlsx`);
      execFileSync("mkfifo", [fifo]);
      for (const args of [[sample(), "--lang", "en", "--annotate", fifo], ["template", fifo, "--lang", "en", "--force"]]) {
        const run = runProcess(args, { timeoutMs: 20_000 });
        expect(run.signal).toBeNull();
        expectOneLineError(run, /was not written: it is a named pipe \(FIFO\)/);
      }
    });

    it("a link to a character device: refused with the same line as in process", async () => {
      const link = path.join(dir, `stdout-process-${(serial += 1)}`);
      symlinkSync("/dev/null", link);
      const input = sample();
      const expected = await runMain(input, "--lang", "en", "--annotate", link);
      const run = runProcess([input, "--lang", "en", "--annotate", link]);
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual(expected);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Forged markers.

describe("5. markers that imitate ours never cost the person a sheet", () => {
  it("in process: every sheet kept with its values, ours written beside them, one line per marker not trusted", async () => {
    const { input, out, run } = await annotateInProcess("forged.xlsx", forgedMarkersWorkbook(), "--summary");
    const copy = await expectCopy(input, out, run, 2);
    const lines = stderrLines(run);
    expect(lines[0]).toBe(
      'alliance-check: The name AllianceCheck_Generated_findings pointed at "經費表", which is not a sheet this product made: "經費表" was left as is, and the name now points at "Findings".',
    );
    expect(lines[1]).toContain('ALLIANCECHECK_GENERATED_SUMMARY pointed at "會員名單"');
    const names = (await readWorkbookSnapshot(copy)).sheets.map((sheet) => sheet.name);
    expect(names).toEqual(["計畫資訊", "經費表", "會員名單", "Findings", "Summary", "Summary calc"]);
    const workbook = execFileSync("unzip", ["-p", out, "xl/workbook.xml"], { encoding: "utf8" });
    // Our markers point at our sheets; the person's sheet-level look-alike stays as it was.
    expect(workbook).toContain('<definedName name="AllianceCheck_Generated_findings">&apos;Findings&apos;!$A$1</definedName>');
    expect(workbook).toContain('<definedName name="AllianceCheck_Generated_summaryCalc" localSheetId="0">&apos;計畫資訊&apos;!$A$1</definedName>');
    expect(workbook.match(/AllianceCheck_Generated_summary"/gi)).toHaveLength(1);

    // Annotated again: our sheets are ours now and are replaced; the person's still there.
    const again = await annotateInProcess("forged-again.xlsx", copy, "--summary");
    const second = await expectCopy(again.input, again.out, again.run, 0, ["Findings", "Summary", "Summary calc"]);
    expect((await readWorkbookSnapshot(second)).sheets.map((sheet) => sheet.name)).toEqual(names);
  });

  describeCompiled("the installed command", () => {
    it("the same lines and sheets, within the bounds", async () => {
      const input = inputFile("forged-process.xlsx", forgedMarkersWorkbook());
      const out = path.join(dir, "forged-process-annotated.xlsx");
      const run = runProcess([input, "--lang", "en", "--annotate", out, "--summary"]);
      expect(run.ms).toBeLessThan(TIME_BOUND_MS);
      expect(run.maxRss).toBeLessThan(RSS_BOUND);
      await expectCopy(input, out, run, 2);
    });
  });

  describeWithLibreOffice("LibreOffice", () => {
    it("opens the copy with every sheet", async () => {
      const { out } = await annotateInProcess("forged-lo.xlsx", forgedMarkersWorkbook(), "--summary");
      const reopened = await readWorkbookSnapshot(convertWithLibreOffice(new Uint8Array(readFileSync(out))));
      expect(reopened.sheets.map((sheet) => sheet.name)).toEqual(["計畫資訊", "經費表", "會員名單", "Findings", "Summary", "Summary calc"]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 6. The smaller ones.

describe("6. what made the copy fail or print library text", () => {
  it("a sheet name of 40 characters with bidi and line-separator characters: kept as written, nothing raw on stderr", async () => {
    const { input, out, run } = await annotateInProcess("long-name.xlsx", longSheetNameWorkbook());
    const copy = await expectCopy(input, out, run);
    expect((await readWorkbookSnapshot(copy)).sheets.map((sheet) => sheet.name)).toContain(LONG_SHEET_NAME);
  });

  it("an entity no parser knows: a copy, with no library text", async () => {
    const { input, out, run } = await annotateInProcess("library.xlsx", undefinedEntityWorkbook());
    await expectCopy(input, out, run);
  });

  it("a shared string past the end of the table: refused as damaged, as Excel would, in one line and no copy", async () => {
    const { input, out, run } = await annotateInProcess("dangling.xlsx", danglingSharedStringWorkbook());
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual([
      'alliance-check: the file is damaged or incomplete — The workbook file is damaged: cell B1 refers to shared string 7, but the table has only 1. (sheet "備註")',
    ]);
    expect(existsSync(out)).toBe(false);
    expect(new Uint8Array(readFileSync(input))).toEqual(danglingSharedStringWorkbook());
  });

  it("a notes part that is not well-formed: the fills and the findings sheet, notes left alone, one line saying so", async () => {
    const { input, out, run } = await annotateInProcess("broken-notes.xlsx", brokenNotesWorkbook());
    await expectCopy(input, out, run, 1);
    expect(stderrLines(run)[0]).toBe(
      'alliance-check: The notes layer of the sheet "經費表" could not be edited safely, so no notes were added there; the findings are in the findings sheet.',
    );
    expect(execFileSync("unzip", ["-p", out, "xl/comments1.xml"], { encoding: "utf8" })).toContain("<!-- </commentList></comments>");
  });

  it("a sheet the copy cannot edit safely: the report, then our own line naming what could not be copied", async () => {
    const { out, run } = await annotateInProcess("rows-out-of-order.xlsx", rowsOutOfOrderWorkbook());
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("BUD-PHD-PAY");
    expect(stderrLines(run)).toEqual([
      'alliance-check: writing failed — no annotated copy was written: the sheet "經費表" (xl/worksheets/sheet2.xml) could not be copied (xl/worksheets/sheet2.xml: rows out of order at row 2)',
    ]);
    expect(existsSync(out)).toBe(false);
    const zh = await runMain(inputFile("rows-zh.xlsx", rowsOutOfOrderWorkbook()), "--annotate", path.join(dir, "rows-zh-out.xlsx"));
    expect(stderrLines(zh)).toEqual([expect.stringMatching(/^alliance-check: 寫入失敗：未寫入標註副本：無法複製工作表「經費表」/)]);
  });

  it("a macro-enabled workbook: copied as one (VBA and content type kept) under .xlsm, refused under .xlsx", async () => {
    const data = macroWorkbook();
    const refused = await annotateInProcess("macro.xlsx", data);
    expectOneLineError(refused.run, /--annotate must name a \.xlsm file: the input is a macro-enabled workbook \(\.xlsm\)/);
    expect(existsSync(refused.out)).toBe(false);
    const input = inputFile("macro.xlsm", data);
    const out = path.join(dir, "macro-annotated.xlsm");
    const run = await runMain(input, "--lang", "en", "--annotate", out);
    await expectCopy(input, out, run);
    expect(new Uint8Array(execFileSync("unzip", ["-p", out, "xl/vbaProject.bin"]))).toEqual(VBA_PROJECT);
    expect(execFileSync("unzip", ["-p", out, "[[]Content_Types].xml"], { encoding: "utf8" })).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  });

  describeCompiled("the installed command", () => {
    it.each([
      ["long-name", longSheetNameWorkbook],
      ["entity", undefinedEntityWorkbook],
    ])("%s: the same outcome, nothing raw on stderr, within the bounds", async (name, make) => {
      const input = inputFile(`${name}-process.xlsx`, make());
      const out = path.join(dir, `${name}-process-annotated.xlsx`);
      const run = runProcess([input, "--lang", "en", "--annotate", out]);
      expect(run.ms).toBeLessThan(TIME_BOUND_MS);
      expect(run.maxRss).toBeLessThan(RSS_BOUND);
      await expectCopy(input, out, run);
    });
  });

  describeWithLibreOffice("LibreOffice", () => {
    it.each([
      ["long-name", longSheetNameWorkbook, 4],
      ["macro", macroWorkbook, 3],
    ] as const)("opens the %s copy with every sheet", async (name, make, count) => {
      const { out } = await annotateInProcess(`${name}-lo.${name === "macro" ? "xlsm" : "xlsx"}`, make());
      const reopened = await readWorkbookSnapshot(convertWithLibreOffice(new Uint8Array(readFileSync(out)), name === "macro" ? "xlsm" : "xlsx"));
      expect(reopened.sheets).toHaveLength(count + 1);
    });
  });
});
