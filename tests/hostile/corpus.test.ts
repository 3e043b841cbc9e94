/**
 * The hostile-input corpus through the command line, in-process: every file gets a clear finding
 * or a clear one-line error (exit 2), never a crash, a hang or a stack trace.
 *
 * Files: tests/hostile/corpus/ (scripts/make-hostile-corpus.js) and the reader's hostile
 * fixtures in tests/fixtures/reader/ (scripts/make-reader-fixtures.js), reused, not copied.
 * Big files are in process.test.ts, which also runs everything through the real process.
 */
import { execFileSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { validateWorkbook } from "../../src/engine/validate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { CORPUS, expectOneLineError, READER_FIXTURES, runMain, STACK_TRACE, stderrLines } from "./cli";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NUMBER_TEXTS } = require("../../scripts/make-hostile-corpus.js") as { NUMBER_TEXTS: string[] };

const dir = mkdtempSync(path.join(tmpdir(), "alliance-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = (name: string) => path.join(CORPUS, name);
const reader = (name: string) => path.join(READER_FIXTURES, name);

interface JsonFinding {
  ruleId: string;
  severity: string;
  sheet: string;
  cell: string;
  message: string;
}

async function findings(file: string, ...extra: string[]): Promise<{ code: number; list: JsonFinding[]; keys: string[]; stderr: string }> {
  const run = await runMain(file, "--format", "json", "--lang", "en", ...extra);
  expect(run.stderr).not.toMatch(STACK_TRACE);
  const list = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
  return { code: run.code, list, keys: list.map((finding) => `${finding.ruleId}@${finding.sheet}!${finding.cell}`), stderr: run.stderr };
}

/** Characters a terminal obeys (C0 without tab and newline, DEL, C1). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = new RegExp("[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]");
/** In JSON (which may hold no raw tab either): C0 except newline, DEL, C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_JSON = new RegExp("[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f]");

/** A copy of `source` under another name (the reader judges content, never the extension). */
function renamed(source: string, name: string): string {
  const file = path.join(dir, name);
  copyFileSync(source, file);
  return file;
}

describe("files that are not readable workbooks: exit 2, one line, no stack trace", () => {
  const cases: [string, () => string, RegExp][] = [
    ["not a zip", () => reader("not-a-zip.xlsx"), /not an Excel workbook .*not a zip package/],
    ["a truncated zip", () => reader("truncated.xlsx"), /damaged or incomplete .*truncated or incomplete/],
    ["a damaged part inside an intact zip", () => reader("corrupt-deflate.xlsx"), /damaged or incomplete .*cannot be decompressed/],
    ["a sheet whose XML is cut short", () => reader("cut-sheet-xml.xlsx"), /damaged or incomplete .*"Cut" is cut short/],
    ["an encrypted (password-protected) workbook", () => reader("ole2-encrypted.xlsx"), /password-protected; remove the password/],
    ["an .xls renamed to .xlsx", () => renamed(reader("legacy.xls"), "legacy-renamed.xlsx"), /legacy \.xls file; save it as \.xlsx/],
    ["a .csv renamed to .xlsx", () => reader("csv-renamed.xlsx"), /not an Excel workbook .*plain text \(perhaps CSV/],
    ["an .ods renamed to .xlsx", () => reader("ods-renamed.xlsx"), /not an Excel workbook .*OpenDocument spreadsheet/],
    ["a .docx renamed to .xlsx", () => reader("docx-renamed.xlsx"), /not an Excel workbook .*Word document/],
    ["an HTML page renamed to .xlsx", () => reader("html-renamed.xlsx"), /not an Excel workbook .*web page/],
    ["an empty file", () => reader("empty.xlsx"), /not an Excel workbook .*empty/],
    ["a zip bomb that declares its size", () => reader("bomb-declared.xlsx"), /too large; processing stopped/],
    ["a zip bomb that lies about its size", () => reader("bomb-lying.xlsx"), /too large; processing stopped .*expands beyond .*declares/],
    ["a zip bomb with an absurd ratio", () => reader("bomb-ratio.xlsx"), /too large; processing stopped .*zip bomb/],
    ["a folder", () => dir, /not an Excel workbook .*folder/],
    ["a missing file", () => path.join(dir, "nope.xlsx"), /file not found/],
    ["a device that never ends", () => "/dev/zero", /not a regular file/],
    [
      "a named pipe nobody writes to",
      () => {
        const fifo = path.join(dir, "pipe.xlsx");
        execFileSync("mkfifo", [fifo]);
        return fifo;
      },
      /not a regular file/,
    ],
    [
      "a file over the size limit (sparse, so it costs no disk)",
      () => {
        const file = path.join(dir, "huge.xlsx");
        writeFileSync(file, "PK");
        execFileSync("truncate", ["-s", "1100M", file]);
        return file;
      },
      /too large; processing stopped .*1100 MiB/,
    ],
  ];

  it.each(cases)("%s", async (_, file, pattern) => {
    const started = Date.now();
    expectOneLineError(await runMain(file(), "--lang", "en"), pattern);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("says it in Chinese by default", async () => {
    expectOneLineError(await runMain(reader("ole2-encrypted.xlsx")), /活頁簿有密碼保護/);
  });
});

describe("hostile workbooks: clear findings at real addresses", () => {
  it("an empty workbook (one sheet, no values): every contract sheet is missing", async () => {
    const { code, keys } = await findings(corpus("empty-workbook.xlsx"));
    expect(code).toBe(1);
    expect(keys).toEqual(["WB-SHEET-MISSING@計畫資訊!A1", "WB-SHEET-MISSING@經費表!A1", "WB-SHEET-MISSING@會員名單!A1", "WB-SHEET-MISSING@營運收入!A1"]);
  });

  it("a workbook part with no sheets at all: the same findings", async () => {
    const { code, keys } = await findings(corpus("no-sheets.xlsx"));
    expect(code).toBe(1);
    expect(keys.every((key) => key.startsWith("WB-SHEET-MISSING@"))).toBe(true);
    expect(keys).toHaveLength(4);
  });

  it("the contract's sheets, all empty: missing plan values and header rows", async () => {
    const { code, list } = await findings(corpus("empty-contract-sheets.xlsx"));
    expect(code).toBe(1);
    expect(new Set(list.map((finding) => finding.ruleId))).toEqual(new Set(["PLAN-MISSING", "WB-COLUMN-MISSING"]));
    expect(list.filter((finding) => finding.ruleId === "WB-COLUMN-MISSING").every((finding) => /has no header row/.test(finding.message))).toBe(true);
  });

  it("sheets that claim a million rows (<dimension> and a styled empty last row): checked like the clean workbook", async () => {
    const started = Date.now();
    const { code, keys } = await findings(corpus("million-rows-claimed.xlsx"));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(0);
    expect(keys).toEqual(["OPS-SELF-SUFFICIENCY-TREND@營運收入!E1"]);
  });

  it("values in the grid's last row and column: findings at row 1,048,576", async () => {
    const { code, keys } = await findings(corpus("far-corner-values.xlsx"));
    expect(code).toBe(1);
    expect(keys).toEqual(
      expect.arrayContaining(["BUD-MISSING@經費表!A1048576", "BUD-MISSING@經費表!J1048576", "WB-VALUE-UNKNOWN@經費表!K1048576"]),
    );
  });

  it("header cells merged over two rows under a merged title: findings below the merges", async () => {
    const { code, keys } = await findings(corpus("merged-headers.xlsx"));
    expect(code).toBe(1);
    expect(keys).toContain("BUD-PHD-PAY@經費表!G6");
    expect(keys.filter((key) => key.includes("WB-COLUMN-MISSING"))).toEqual([]);
  });

  it("formulas returning errors: a NOT-NUMBER finding at each, quoting the error", async () => {
    const { code, list, keys } = await findings(corpus("formula-errors.xlsx"));
    expect(code).toBe(1);
    expect(keys).toEqual(
      expect.arrayContaining([
        "BUD-NOT-NUMBER@經費表!J2",
        "BUD-NOT-NUMBER@經費表!J3",
        "BUD-NOT-NUMBER@經費表!G4",
        "PLAN-MISSING@計畫資訊!B7",
        "MEM-NOT-NUMBER@會員名單!I2",
        "INC-NOT-NUMBER@營運收入!E4",
      ]),
    );
    const message = (key: string) => list.find((finding) => `${finding.ruleId}@${finding.sheet}!${finding.cell}` === key)!.message;
    expect(message("BUD-NOT-NUMBER@經費表!J2")).toContain("'#DIV/0!'");
    expect(message("PLAN-MISSING@計畫資訊!B7")).toContain("'#N/A' cannot be read");
  });

  it("dates as serial numbers and as text: a year that is a date is not read as a year; text dates are not guessed", async () => {
    const { code, list, keys } = await findings(corpus("dates.xlsx"));
    expect(code).toBe(1);
    expect(keys.sort()).toEqual(["INC-NOT-NUMBER@營運收入!A5", "MEM-NOT-NUMBER@會員名單!J2", "PLAN-MISSING@計畫資訊!B4"]);
    expect(list.find((finding) => finding.cell === "B4")!.message).toContain("'2026-01-01' cannot be read");
    // 收款日期 (dates, text dates, a bare serial) has no rule: no finding there; "114年" is a year.
    expect(keys.some((key) => /營運收入!F\d/.test(key) || key.endsWith("會員名單!J3"))).toBe(false);
  });

  it("hidden sheets, a very hidden sheet and hidden rows and columns are checked, at their real addresses", async () => {
    const { code, keys } = await findings(corpus("hidden.xlsx"));
    expect(code).toBe(1);
    expect(keys).toEqual(expect.arrayContaining(["BUD-PHD-PAY@經費表!G4", "MEM-EXCLUDED-INSTITUTE@會員名單!D6"]));
  });

  it("the budget under both names (Budget first in the tab order): the canonical 經費表 is checked, Budget is ignored", async () => {
    const first = await findings(corpus("same-sheet-twice.xlsx"));
    expect(first.code).toBe(0);
    expect(first.keys).toEqual(["OPS-SELF-SUFFICIENCY-TREND@營運收入!E1"]);
    expect(first.list.some((finding) => finding.sheet === "Budget")).toBe(false);
    // Deterministic whatever the tab order: the same result with the sheets in reverse.
    const snapshot = await readWorkbookSnapshot(new Uint8Array(readFileSync(corpus("same-sheet-twice.xlsx"))));
    const names = snapshot.sheets.map((sheet) => sheet.name);
    expect(names.indexOf("Budget")).toBeLessThan(names.indexOf("經費表"));
    const forward = validateWorkbook(snapshot).findings.map((finding) => `${finding.ruleId}@${finding.sheet}!${finding.cell}`);
    const reversed = validateWorkbook({ sheets: [...snapshot.sheets].reverse() }).findings.map((finding) => `${finding.ruleId}@${finding.sheet}!${finding.cell}`);
    expect(reversed.sort()).toEqual(forward.sort());
    // And the English sheet alone would have been checked (it has an underpaid PhD line).
    const englishOnly = validateWorkbook({ sheets: snapshot.sheets.filter((sheet) => sheet.name !== "經費表") });
    expect(englishOnly.findings.map((finding) => `${finding.ruleId}@${finding.sheet}`)).toContain("BUD-PHD-PAY@Budget");
  });

  it("the header row twice: the repeated header rows are not data", async () => {
    const { code, keys } = await findings(corpus("header-twice.xlsx"));
    expect(code).toBe(0);
    expect(keys).toEqual(["OPS-SELF-SUFFICIENCY-TREND@營運收入!E1"]);
  });

  it("32,767-character cells: findings that quote them", async () => {
    const { code, list, keys } = await findings(corpus("long-cells.xlsx"));
    expect(code).toBe(1);
    expect(keys).toEqual(expect.arrayContaining(["BUD-RESEARCH-ITEM@經費表!B5", "WB-VALUE-UNKNOWN@經費表!D6", "WB-VALUE-UNKNOWN@會員名單!D6"]));
    expect(Math.max(...list.map((finding) => finding.message.length))).toBeGreaterThan(32_767);
  });

  it("emoji and right-to-left text: read and quoted as written (bidi controls escaped in JSON)", async () => {
    const run = await runMain(corpus("emoji-rtl.xlsx"), "--format", "json", "--lang", "en");
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    const list = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    const keys = list.map((finding) => `${finding.ruleId}@${finding.sheet}!${finding.cell}`);
    expect(keys).toEqual(expect.arrayContaining(["WB-VALUE-UNKNOWN@經費表!K8", "WB-VALUE-UNKNOWN@會員名單!C6", "MEM-DUPLICATE@會員名單!B7"]));
    expect(list.find((finding) => finding.cell === "K8")!.message).toContain("'自籌 😀'");
    expect(list.find((finding) => finding.cell === "C6")!.message).toContain("'السعودية'");
    // The JSON value is unchanged: the override is still there, only escaped.
    expect(list.find((finding) => finding.ruleId === "MEM-DUPLICATE")!.message).toContain("\u202e司公限有份股技科\u202c");
  });

  it("numbers with spaces and units: the contract's forms are numbers, the rest NOT-NUMBER, never a guess", async () => {
    const { code, list } = await findings(corpus("numbers-with-units.xlsx"));
    expect(code).toBe(1);
    const notNumbers = new Set(list.filter((finding) => finding.ruleId === "BUD-NOT-NUMBER").map((finding) => finding.cell));
    // The budget's clean lines fill rows 2–8; the texts follow from row 9, in the 金額 column (J).
    const cellOf = (text: string) => `J${9 + NUMBER_TEXTS.indexOf(text)}`;
    for (const text of ["1,234", "NT$1,234", "＄1,234", "1,234元", "１２３４"]) expect({ text, flagged: notNumbers.has(cellOf(text)) }).toEqual({ text, flagged: false });
    for (const text of ["12萬", "1.2k", "USD 100", "1.234,56", "٣٤٥", "約 1000", "1,000-2,000"]) {
      expect({ text, flagged: notNumbers.has(cellOf(text)) }).toEqual({ text, flagged: true });
    }
    // Whatever the engine makes of the rest, every amount is a number or a finding: the total says which.
    const mismatch = list.find((finding) => finding.ruleId === "PLAN-SUBSIDY-MISMATCH");
    expect(mismatch?.message).toMatch(/NT\$2,0\d\d,\d{3}/);
  });

  it("terminal control characters in cells: the text report shows them, never sends them", async () => {
    const run = await runMain(corpus("control-characters.xlsx"), "--lang", "en");
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stdout).toContain("12␛]0;pwned␇");
    expect(run.stdout).toContain("惡意␛[1A␛[2K公司␈␈<U+009B>31m");
    const json = await runMain(corpus("control-characters.xlsx"), "--format", "json");
    expect(json.stdout).not.toMatch(CONTROL_IN_JSON);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain("12\\u001b]0;pwned\\u0007");
  });

  it("gives the same output every time (nothing depends on order of arrival or time)", async () => {
    for (const name of ["same-sheet-twice.xlsx", "header-twice.xlsx", "emoji-rtl.xlsx"]) {
      const a = await runMain(corpus(name), "--format", "sarif");
      const b = await runMain(corpus(name), "--format", "sarif");
      expect(a.stdout).toBe(b.stdout);
    }
  });
});

describe("an error names what the file holds on one line, even a name with line breaks", () => {
  it("a sheet named with a newline and an escape sequence, cut short", async () => {
    const { assembleZip, textPart } = await import("./generate");
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    const file = path.join(dir, "newline-sheet.xlsx");
    writeFileSync(
      file,
      assembleZip([
        textPart("[Content_Types].xml", `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
        textPart(
          "_rels/.rels",
          `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
        textPart(
          "xl/workbook.xml",
          `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="經費表&#10;alliance-check: all clear&#27;[2K" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
        textPart(
          "xl/_rels/workbook.xml.rels",
          `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
        textPart("xl/worksheets/sheet1.xml", `${head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v>`),
      ]),
    );
    const run = await runMain(file, "--lang", "en");
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).not.toContain("\u001b");
    expect(run.stderr).toMatch(/cut short/);
  });
});
