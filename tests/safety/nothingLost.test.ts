/**
 * Nothing lost: the command line never modifies its input, in any mode, under any name the
 * output is given; the annotated copy keeps what tests/layouts/annotate.test.ts does not
 * already check (Excel tables, hidden and grouped rows, very hidden sheets, sheet protection,
 * tab colours, page setup, filters, error and boolean values); LibreOffice opens every copy;
 * regenerating never takes a person's own summary sheet.
 */
import { createHash } from "crypto";
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { createFormatter } from "../../src/engine/format";
import { validateWorkbook } from "../../src/engine/validate";
import type { ValidationResult } from "../../src/engine/types";
import { markerName } from "../../src/layouts/names";
import { writeAnnotatedCopy } from "../../src/workbook/xlsx/annotate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { MAX_CELL_TEXT } from "../../src/workbook/xlsx/writeLayout";
import { findElements, parseAttributes } from "../../src/workbook/xlsx/package";
import { bytesOf, loadWorkbook, partNames, partText, sheetPart, xlsxFromSnapshot } from "../layouts/fixtures";
import { workbook as snapshotWorkbook, cleanMembers } from "../helpers/workbook";
import { describeWithLibreOffice } from "../libreoffice/soffice";
import { expectOneLineError, runMain, stderrLines } from "../hostile/cli";
import { sheetsAsCsv } from "./libreofficeCsv";

const ROOT = path.join(__dirname, "..", "..");
const CORPUS = path.join(ROOT, "tests", "hostile", "corpus");
const dir = mkdtempSync(path.join(tmpdir(), "alliance-lost-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function check(data: Uint8Array): Promise<ValidationResult> {
  return validateWorkbook(await readWorkbookSnapshot(data));
}

/** A private copy of `source`, with its hash and modification time. */
function inputCopy(source: string, name = path.basename(source)): { file: string; hash: string; mtime: number } {
  const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  copyFileSync(source, file);
  return { file, hash: sha256(file), mtime: statSync(file).mtimeMs };
}

const MODES: [string, (out: string) => string[]][] = [
  ["text", () => []],
  ["json", () => ["--format", "json"]],
  ["sarif", () => ["--format", "sarif", "--lang", "en"]],
  ["--annotate", (out) => ["--annotate", out]],
  ["--annotate --summary", (out) => ["--annotate", out, "--summary", "--lang", "en"]],
];

const INPUTS = [
  path.join(ROOT, "samples", "sample-mistakes.xlsx"),
  path.join(ROOT, "samples", "sample-english.xlsx"),
  ...["formula-text", "long-cells", "hidden", "merged-headers", "same-sheet-twice", "emoji-rtl", "control-characters"].map((name) => path.join(CORPUS, `${name}.xlsx`)),
];

describe("the command line never modifies its input", () => {
  it.each(INPUTS.map((file) => [path.basename(file), file]))("%s, in every mode", async (_, source) => {
    const input = inputCopy(source);
    for (const [mode, args] of MODES) {
      const out = path.join(dir, `out-${mode.replace(/\W+/g, "")}-${path.basename(input.file)}`);
      const run = await runMain(input.file, ...args(out));
      expect({ mode, code: run.code }).toMatchObject({ code: expect.any(Number) });
      expect([0, 1]).toContain(run.code);
      expect({ mode, hash: sha256(input.file), mtime: statSync(input.file).mtimeMs }).toEqual({ mode, hash: input.hash, mtime: input.mtime });
    }
  });

  describe("refuses an output that is the input under another name", () => {
    const cases: [string, (input: string) => string][] = [
      ["the same path", (input) => input],
      ["the same path spelled differently", (input) => path.join(path.dirname(input), ".", "..", path.basename(path.dirname(input)), path.basename(input))],
      [
        "a symbolic link to the input",
        (input) => {
          const link = path.join(dir, `link-${path.basename(input)}`);
          symlinkSync(input, link);
          return link;
        },
      ],
      [
        "a path through a linked folder",
        (input) => {
          const folder = path.join(dir, `folder-${path.basename(input)}`);
          symlinkSync(path.dirname(input), folder);
          return path.join(folder, path.basename(input));
        },
      ],
      [
        "a hard link to the input",
        (input) => {
          const link = path.join(dir, `hard-${path.basename(input)}`);
          linkSync(input, link);
          return link;
        },
      ],
    ];
    it.each(cases)("%s", async (_, outputOf) => {
      const input = inputCopy(path.join(ROOT, "samples", "sample-clean.xlsx"));
      const output = outputOf(input.file);
      expectOneLineError(await runMain(input.file, "--annotate", output, "--lang", "en"), /--annotate must name a new file: the input is never modified/);
      expect(sha256(input.file)).toBe(input.hash);
    });
  });

  it("leaves no partial file when the copy cannot be written, and says so on one line", async () => {
    const input = inputCopy(path.join(ROOT, "samples", "sample-mistakes.xlsx"));
    const missing = path.join(dir, "no-such-folder", "out.xlsx");
    const run = await runMain(input.file, "--annotate", missing, "--lang", "en");
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/could not write .*no-such-folder\/out\.xlsx; no partial file was left \(no such file\)/)]);
    // A device is not written at all (it used to be written through, and /dev/full said ENOSPC).
    const full = await runMain(input.file, "--annotate", "/dev/full", "--lang", "en");
    expectOneLineError(full, /\/dev\/full was not written: it is a character device/);
    expect(sha256(input.file)).toBe(input.hash);
  });

  it("replaces an existing output whole and leaves no temporary file behind", async () => {
    const input = inputCopy(path.join(ROOT, "samples", "sample-mistakes.xlsx"));
    const folder = path.join(dir, "replace");
    mkdirSync(folder);
    const out = path.join(folder, "annotated.xlsx");
    writeFileSync(out, "an older copy");
    expect((await runMain(input.file, "--annotate", out)).code).toBe(1);
    expect(readdirSync(folder)).toEqual(["annotated.xlsx"]);
    expect((await readWorkbookSnapshot(new Uint8Array(readFileSync(out)))).sheets.map((sheet) => sheet.name)).toContain("檢核結果");
  });
});

/** A person's workbook with what ExcelJS and our post-processing must carry over. */
async function featureWorkbook(): Promise<Uint8Array> {
  const base = await loadWorkbook(await xlsxFromSnapshot(snapshotWorkbook()));
  const plan = base.getWorksheet("計畫資訊")!;
  plan.properties.tabColor = { argb: "FFFF0000" };
  const budget = base.getWorksheet("經費表")!;
  budget.getRow(3).hidden = true;
  budget.getRow(4).outlineLevel = 1;
  budget.pageSetup.orientation = "landscape";
  budget.pageSetup.fitToPage = true;
  await budget.protect("secret", { selectLockedCells: true, formatColumns: true });
  const table = base.addWorksheet("我的表格");
  table.addTable({
    name: "MyLedger",
    ref: "A1",
    headerRow: true,
    totalsRow: true,
    columns: [{ name: "日期" }, { name: "摘要" }, { name: "金額", totalsRowFunction: "sum" }],
    rows: [
      [new Date(Date.UTC(2026, 0, 5)), "文具", 500],
      [new Date(Date.UTC(2026, 0, 9)), "郵資", 120],
    ],
  });
  table.getCell("E1").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
  table.getCell("E2").value = true;
  table.getCell("E3").value = false;
  const filtered = base.addWorksheet("篩選");
  filtered.addRow(["名稱", "數量"]);
  filtered.addRow(["甲", 1]);
  filtered.autoFilter = "A1:B2";
  base.addWorksheet("機密", { state: "veryHidden" }).getCell("A1").value = "very hidden";
  return bytesOf(base);
}

/** Elements whose outer XML must come through unchanged, per sheet. */
const KEPT_ELEMENTS = ["sheetProtection", "autoFilter", "tabColor", "pageSetUpPr"];

describe("the annotated copy keeps what the person made", () => {
  let input: Uint8Array;
  let output: Uint8Array;

  beforeAll(async () => {
    input = await featureWorkbook();
    ({ bytes: output } = await writeAnnotatedCopy(input, await check(input), { language: "zh-TW", summary: true }));
  });

  it.each(["計畫資訊", "經費表", "我的表格", "篩選"])("%s: protection, filters, tab colour and page setup, hidden and grouped rows", (sheet) => {
    const before = partText(input, sheetPart(input, sheet))!;
    const after = partText(output, sheetPart(output, sheet))!;
    for (const name of KEPT_ELEMENTS) expect(findElements(after, name).map((element) => element.outer)).toEqual(findElements(before, name).map((element) => element.outer));
    const rowFlags = (xml: string) =>
      findElements(xml, "row").map((element) => {
        const attributes = parseAttributes(element.start);
        return [attributes.get("r"), attributes.get("hidden") ?? "0", attributes.get("outlineLevel") ?? "0"];
      });
    expect(rowFlags(after)).toEqual(rowFlags(before));
  });

  it("keeps the Excel table: its part, its range, its totals row, its link from the sheet", () => {
    const tables = (data: Uint8Array) => partNames(data).filter((name) => /^xl\/tables\/table\d+\.xml$/.test(name)).map((name) => partText(data, name)!);
    const before = tables(input).find((xml) => xml.includes('name="MyLedger"'))!;
    const after = tables(output).find((xml) => xml.includes('name="MyLedger"'));
    expect(after).toBeDefined();
    for (const attribute of ["ref", "displayName", "totalsRowCount", "headerRowCount"]) {
      expect(parseAttributes(findElements(after!, "table")[0]!.start).get(attribute)).toBe(parseAttributes(findElements(before, "table")[0]!.start).get(attribute));
    }
    expect(findElements(after!, "tableColumn").map((element) => element.outer)).toEqual(findElements(before, "tableColumn").map((element) => element.outer));
    expect(partText(output, sheetPart(output, "我的表格"))).toMatch(/<tablePart r:id="rId\d+"\/>/);
  });

  it("keeps values of every kind, the very hidden sheet, and the state of every sheet", async () => {
    const before = await loadWorkbook(input);
    const after = await loadWorkbook(output);
    for (const sheet of before.worksheets) {
      const copy = after.getWorksheet(sheet.name)!;
      expect(copy.state).toBe(sheet.state);
      sheet.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => expect({ at: `${sheet.name}!${cell.address}`, value: copy.getCell(cell.address).value }).toEqual({ at: `${sheet.name}!${cell.address}`, value: cell.value })),
      );
    }
  });
});

describe("the annotated copy of a workbook with cells at Excel's limit", () => {
  it("keeps every cell and note within 32,767 characters, so Excel opens it without repairs", async () => {
    const input = new Uint8Array(readFileSync(path.join(CORPUS, "long-cells.xlsx")));
    const result = await check(input);
    const format = createFormatter(result);
    expect(Math.max(...result.findings.map((finding) => format(finding, "en").length))).toBeGreaterThan(MAX_CELL_TEXT);
    const { bytes } = await writeAnnotatedCopy(input, result, { language: "en", summary: true });
    const snapshot = await readWorkbookSnapshot(bytes);
    for (const sheet of snapshot.sheets) {
      for (const row of sheet.values) for (const value of row) if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    }
    const findings = snapshot.sheets.find((sheet) => sheet.name === "Findings")!;
    const cut = findings.values.flat().filter((value): value is string => typeof value === "string" && value.length === MAX_CELL_TEXT);
    expect(cut.length).toBeGreaterThanOrEqual(3);
    for (const text of cut) {
      expect(text.endsWith("…")).toBe(true);
      // Never half an emoji: a high surrogate is always followed by its low one.
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
    for (const name of partNames(bytes).filter((part) => /^xl\/comments\d*\.xml$/.test(part))) {
      for (const comment of findElements(partText(bytes, name)!, "comment")) expect(comment.inner.replace(/<[^>]+>/g, "").length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    }
  });
});

describe("regenerating the summary", () => {
  it.each([
    ["zh-TW", ["營運摘要", "營運摘要計算"]],
    ["en", ["Summary", "Summary calc"]],
  ] as const)("never takes a person's own sheets named like ours (%s)", async (language, names) => {
    const base = await loadWorkbook(await xlsxFromSnapshot(snapshotWorkbook({ members: cleanMembers })));
    for (const name of names) base.addWorksheet(name.toUpperCase()).getCell("A1").value = `我自己的${name}`;
    const data = await bytesOf(base);
    const first = await writeAnnotatedCopy(data, await check(data), { language, summary: true });
    const second = await writeAnnotatedCopy(first.bytes, await check(first.bytes), { language, summary: true });
    for (const bytes of [first.bytes, second.bytes]) {
      const after = await loadWorkbook(bytes);
      for (const name of names) {
        const own = after.getWorksheet(name.toUpperCase())!;
        expect(own.getCell("A1").value).toBe(`我自己的${name}`);
        expect(own.rowCount).toBe(1);
      }
      const workbookXml = partText(bytes, "xl/workbook.xml")!;
      const marked = findElements(workbookXml, "definedName")
        .filter((element) => parseAttributes(element.start).get("name") === markerName("summary"))
        .map((element) => element.inner);
      expect(marked).toHaveLength(1);
      const sheet = /^(?:&apos;(.+)&apos;|([^!]+))!\$A\$1$/.exec(marked[0]!);
      expect(sheet?.[1] ?? sheet?.[2]).not.toBe(names[0].toUpperCase());
    }
    expect((await loadWorkbook(second.bytes)).worksheets.length).toBe((await loadWorkbook(first.bytes)).worksheets.length);
  });
});

describeWithLibreOffice("LibreOffice opens every annotated copy", () => {
  it.each(["feature workbook", "formula-text.xlsx", "long-cells.xlsx", "control-characters.xlsx", "emoji-rtl.xlsx", "hidden.xlsx"])("%s", async (name) => {
    const input = name === "feature workbook" ? await featureWorkbook() : new Uint8Array(readFileSync(path.join(CORPUS, name)));
    const { bytes } = await writeAnnotatedCopy(input, await check(input), { language: "zh-TW", summary: true });
    const sheets = sheetsAsCsv(bytes);
    const names = (await readWorkbookSnapshot(bytes)).sheets.map((sheet) => sheet.name);
    expect([...sheets.keys()].sort()).toEqual([...names].sort());
    expect(sheets.get("檢核結果")!.split("\n")).toContain("序號,嚴重度,規則,工作表,儲存格,說明,例外說明,規則代碼");
  });
});
