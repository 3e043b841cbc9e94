import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { toA1 } from "../../engine/address";
import type { CellValue, WorkbookSnapshot } from "../../engine/types";
import { isWorkbookError, WorkbookErrorCode } from "../gateway";
import { readWorkbookSnapshot, readWorkbookSnapshotSync } from "./read";

const FIXTURES = path.join(__dirname, "..", "..", "..", "tests", "fixtures", "reader");

function fixture(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
}

interface SheetCells {
  hidden: boolean;
  cells: Record<string, CellValue>;
}

function snapshotCells(snapshot: WorkbookSnapshot): Record<string, SheetCells> {
  const result: Record<string, SheetCells> = {};
  for (const sheet of snapshot.sheets) {
    const cells: Record<string, CellValue> = {};
    sheet.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null) cells[toA1(sheet.originRow + r, sheet.originColumn + c)] = value;
      }),
    );
    result[sheet.name] = { hidden: sheet.hidden === true, cells };
  }
  return result;
}

function fromExcelJs(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if ("richText" in value) return fromExcelJs(value.richText.map((run) => run.text).join(""));
  if ("error" in value) return { error: value.error };
  if ("formula" in value || "sharedFormula" in value) return fromExcelJs(value.result as ExcelJS.CellValue);
  if ("hyperlink" in value) return fromExcelJs(value.text as ExcelJS.CellValue);
  throw new Error(`unexpected ExcelJS value ${JSON.stringify(value)}`);
}

async function excelJsCells(data: Uint8Array): Promise<Record<string, SheetCells>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  const result: Record<string, SheetCells> = {};
  workbook.eachSheet((worksheet) => {
    const cells: Record<string, CellValue> = {};
    worksheet.eachRow((row) =>
      row.eachCell((cell) => {
        // ExcelJS repeats the top-left value in every merged cell; the snapshot keeps it once.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const value = fromExcelJs(cell.value);
        if (value !== null) cells[cell.address] = value;
      }),
    );
    result[worksheet.name] = { hidden: worksheet.state !== "visible", cells };
  });
  return result;
}

async function expectError(data: Uint8Array, code: WorkbookErrorCode, message?: RegExp, options = {}): Promise<void> {
  let caught: unknown;
  try {
    await readWorkbookSnapshot(data, options);
  } catch (error) {
    caught = error;
  }
  expect(isWorkbookError(caught)).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
  if (message) expect((caught as Error).message).toMatch(message);
}

describe("readWorkbookSnapshot agrees with ExcelJS", () => {
  it.each([
    "exceljs-budget.xlsx",
    "exceljs-inline.xlsx",
    "exceljs-1904.xlsx",
    "libreoffice-fods.xlsx",
    "libreoffice-csv.xlsx",
    "hand-1904.xlsx",
    "hand-bigcell.xlsx",
  ])("%s", async (name) => {
    const data = fixture(name);
    const ours = snapshotCells(await readWorkbookSnapshot(data));
    expect(ours).toEqual(await excelJsCells(data));
    expect(Object.keys(ours).length).toBeGreaterThan(0);
  });

  it("hand-edge.xlsx, except where ExcelJS is wrong", async () => {
    const data = fixture("hand-edge.xlsx");
    const ours = snapshotCells(await readWorkbookSnapshot(data));
    const theirs = await excelJsCells(data);
    const excelJsWrong: Record<string, string[]> = {
      // It cannot resolve the target "./worksheets/../worksheets/sheet3.xml" and drops the sheet.
      Types: ["*"],
      // It drops rich inline strings and every inline string after the first.
      Inline: ["*"],
      // CDATA text comes out empty.
      Strings: ["I1"],
      // C1: built-in format 31 (zh-TW date) is not a date to it; I1, L1, M1: its epoch is a day
      // off before 1 March 1900; O1: a negative serial becomes a date Excel never shows.
      Dates: ["C1", "I1", "L1", "M1", "O1"],
    };
    const drop = (cells: Record<string, SheetCells>): Record<string, SheetCells> =>
      Object.fromEntries(
        Object.entries(cells)
          .filter(([name]) => !excelJsWrong[name]?.includes("*"))
          .map(([name, sheet]) => [
            name,
            {
              hidden: sheet.hidden,
              cells: Object.fromEntries(Object.entries(sheet.cells).filter(([address]) => !excelJsWrong[name]?.includes(address))),
            },
          ]),
      );
    expect(drop(ours)).toEqual(drop(theirs));
    expect(Object.keys(drop(ours))).toEqual(["Strings", "Dates", "Merged", "Offset", "Hidden", "Very & Hidden"]);
  });

  it("a 20,000-row sheet written by ExcelJS", async () => {
    const data = await largeWorkbook(20_000);
    const ours = await readWorkbookSnapshot(data);
    expect(ours.sheets[0]!.values).toHaveLength(20_001);
    expect(snapshotCells(ours)).toEqual(await excelJsCells(data));
  });
});

/** A minimal package around one worksheet's XML (and optionally a shared string table). */
function oneSheetWorkbook(sheetBody: string, sharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`): Uint8Array {
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    "xl/sharedStrings.xml": strToU8(sharedStrings),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetBody}</worksheet>`),
  });
}

function unzipAll(data: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(data);
}

async function largeWorkbook(rows: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("經費表");
  sheet.addRow(["科目", "項目", "說明", "單價", "數量", "月數", "金額", "日期", "經費來源", "備註"]);
  for (let i = 0; i < rows; i++) {
    sheet.addRow([
      ["人事費", "業務費", "研究設備費"][i % 3],
      `項目 ${i}`,
      i % 7 === 0 ? null : `說明 & <notes> ${i % 100}`,
      1000 + (i % 50) * 10.5,
      (i % 5) + 1,
      12,
      (1000 + (i % 50) * 10.5) * ((i % 5) + 1) * 12,
      new Date(Date.UTC(2026, i % 12, (i % 28) + 1)),
      i % 4 === 0 ? "自籌" : "補助款",
      i % 11 === 0 ? true : null,
    ]);
  }
  sheet.getColumn(8).numFmt = "yyyy/mm/dd";
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("readWorkbookSnapshot on edge cases", () => {
  let edge: WorkbookSnapshot;
  beforeAll(async () => {
    edge = await readWorkbookSnapshot(fixture("hand-edge.xlsx"));
  });
  const sheet = (name: string) => edge.sheets.find((candidate) => candidate.name === name);

  it("lists worksheets in order, skips chart sheets, flags hidden ones", () => {
    expect(edge.sheets.map((s) => [s.name, s.hidden === true])).toEqual([
      ["Strings", false],
      ["Inline", false],
      ["Types", false],
      ["Dates", false],
      ["Merged", false],
      ["Offset", false],
      ["Hidden", true],
      ["Very & Hidden", true],
    ]);
  });

  it("reads shared strings: rich runs joined, phonetic runs left out, entities and escapes decoded", () => {
    expect(sheet("Strings")?.values).toEqual([
      [
        "plain",
        "Rich text run",
        "東京",
        "漢字注音",
        "&<>\"' 中文 😀",
        "line1\r\nline2 and _x000D_ literal",
        null,
        "  keep  spaces  ",
        "<cdata & raw>",
      ],
    ]);
  });

  it("reads inline strings, rich or plain, without their phonetic runs", () => {
    expect(sheet("Inline")?.values).toEqual([
      ["inline", "rich inline"],
      [null, " B2 "],
    ]);
  });

  it("places rows and cells without r attributes after the previous ones", async () => {
    const snapshot = await readWorkbookSnapshot(fixture("hand-quirks.xlsx"));
    expect(snapshot.sheets.map((s) => [s.name, s.originRow, s.originColumn, s.values])).toEqual([
      ["NoRefs", 1, 1, [["no r attributes", 2, "only"], [null, "B2"], [], [], [null, null, 7, 8], [6]]],
      // A shared-string cell without a value is empty; text in a number cell stays text.
      ["Quirks", 1, 1, [["only", null, null, "n/a"]]],
    ]);
  });

  it("reads errors, cached formula results, booleans, ISO dates and numbers", () => {
    expect(sheet("Types")?.values).toEqual([
      [{ error: "#REF!" }, { error: "#DIV/0!" }, { error: "#N/A" }],
      [2, "ab", true],
      [false, true, "2024-02-29", 1000, -0.5],
      [Number("12345678901234567890"), 1234.5],
    ]);
  });

  it("turns date serials into ISO dates only under date formats", () => {
    expect(sheet("Dates")?.values[0]).toEqual([
      "2024-01-01", // 14
      "2024-01-01", // 22 date-time: the time is dropped
      "2024-01-01", // 31 zh-TW yyyy"年"m"月"d"日"
      "2024-02-29", // yyyy/mm/dd
      "2024-02-29", // [$-404]e/m/d (ROC era)
      45292, // "Day" 0
      45292, // 0.00E+00
      45292, // [Red]#,##0.00
      "1900-01-01", // [h]:mm, serial 1.5
      45292, // #,##0 "元"
      "2024-01-01", // dd/mm/yyyy;@
      "1900-02-29", // serial 60, Excel's phantom leap day
      "1900-02-28",
      "1900-03-01",
      -1, // negative: Excel shows ####, keep the number
    ]);
  });

  it("keeps a merged range's value only in its top-left cell", () => {
    expect(sheet("Merged")?.values).toEqual([
      ["Header", null, null, "D1 kept"],
      ["a", "b"],
      ["group", 1],
      [null, 2],
      [null, 3],
    ]);
  });

  it("anchors a sheet at its first value (C5)", () => {
    const offset = sheet("Offset")!;
    expect([offset.originRow, offset.originColumn, offset.values]).toEqual([5, 3, [["C5", null, 5], [], [null, 7]]]);
  });

  it("reads the 1904 date system", async () => {
    const snapshot = await readWorkbookSnapshot(fixture("hand-1904.xlsx"));
    expect(snapshot.sheets[0]?.values).toEqual([["1904-01-01", "2026-03-31", 44650]]);
  });

  it("reads SpreadsheetML bound to a prefix, with the workbook at another path", async () => {
    const snapshot = await readWorkbookSnapshot(fixture("hand-prefixed.xlsx"));
    expect(snapshot.sheets).toEqual([
      { name: "Prefixed", originRow: 2, originColumn: 2, values: [["shared", "rich", "inline", 3.25]] },
    ]);
  });

  it("reads a part encoded as UTF-16", async () => {
    const snapshot = await readWorkbookSnapshot(fixture("hand-utf16.xlsx"));
    expect(snapshot.sheets[0]?.values).toEqual([["UTF-16 中文 😀", 16]]);
  });

  it("round-trips a 32,767-character cell with emoji and right-to-left text exactly", async () => {
    const snapshot = await readWorkbookSnapshot(fixture("hand-bigcell.xlsx"));
    const [[shared, inline], [short]] = snapshot.sheets[0]!.values as [[string, string], [string]];
    expect(shared).toHaveLength(32_767);
    expect(inline).toBe(shared);
    expect(shared.startsWith("經費😀مرحبا שלום 👩‍🔬NT$1,234 &<>\"'")).toBe(true);
    expect(short).toBe("مرحبا بالعالم ‏שלום‎ 😀👨‍👩‍👧");
  });

  it("never sizes arrays from <dimension> and keeps far-apart cells cheap", async () => {
    const inline = sheet("Inline")!; // declares A1:XFD1048576
    expect(inline.values).toHaveLength(2);
    const corners = (await readWorkbookSnapshot(fixture("sparse-corners.xlsx"))).sheets[0]!;
    expect(corners.values).toHaveLength(1_048_576);
    expect(corners.values[0]).toEqual([1]);
    expect(corners.values[1]).toEqual([]);
    expect(corners.values[1_048_575]).toHaveLength(16_384);
    expect(corners.values[1_048_575]![16_383]).toBe(2);
  });

  it("reads cached results of shared and array formulas", async () => {
    const data = oneSheetWorkbook(
      `<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>4</v></c><c r="B1"><f t="shared" si="0"/><v>6.5</v></c><c r="C1" t="str"><f t="array" ref="C1">"x"&amp;"y"</f><v>x&amp;y</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1" t="b"><f>TRUE()</f><v>1</v></c><c r="F1"><f>A1</f><v></v></c></row></sheetData>`,
    );
    expect((await readWorkbookSnapshot(data)).sheets[0]?.values).toEqual([[4, 6.5, "x&y", { error: "#DIV/0!" }, true]]);
  });

  it("places rows that come out of order, and later cells of a row already read", async () => {
    const data = oneSheetWorkbook(
      `<sheetData><row r="5"><c r="A5"><v>5</v></c></row><row r="2"><c r="C2"><v>2</v></c></row><row r="5"><c r="B5"><v>6</v></c><c r="A5"><v>7</v></c></row><row r="3"><c r="B3"><v>3</v></c></row></sheetData>`,
    );
    expect((await readWorkbookSnapshot(data)).sheets[0]).toEqual({
      name: "S",
      originRow: 2,
      originColumn: 1,
      values: [[null, null, 2], [null, 3], [], [7, 6]],
    });
  });

  it("reads only the sheets the filter lets through", async () => {
    const seen: string[] = [];
    const snapshot = await readWorkbookSnapshot(fixture("hand-edge.xlsx"), {
      sheetFilter: (name) => {
        seen.push(name);
        return name === "Offset";
      },
    });
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["Offset"]);
    expect(seen).not.toContain("Chart1");
  });

  it("survives thousands of overlapping whole-sheet merges quickly", async () => {
    const started = Date.now();
    const snapshot = await readWorkbookSnapshot(fixture("merge-bomb.xlsx"));
    expect(snapshot.sheets[0]?.values).toEqual([[0]]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("readWorkbookSnapshot on hostile files", () => {
  it.each<[string, WorkbookErrorCode, RegExp]>([
    ["not-a-zip.xlsx", "not-a-workbook", /not a zip/],
    ["empty.xlsx", "not-a-workbook", /empty/],
    ["csv-renamed.xlsx", "not-a-workbook", /CSV/],
    ["html-renamed.xlsx", "not-a-workbook", /HTML/],
    ["ods-renamed.xlsx", "not-a-workbook", /OpenDocument spreadsheet/],
    ["docx-renamed.xlsx", "not-a-workbook", /Word document/],
    ["ole2-encrypted.xlsx", "encrypted", /password-protected/],
    ["ole2-workbook.xls", "legacy-format", /97-2003/],
    ["legacy.xls", "legacy-format", /\.xls\b/],
    ["truncated.xlsx", "corrupt", /truncated/],
    ["corrupt-deflate.xlsx", "corrupt", /cannot be decompressed/],
    ["cut-sheet-xml.xlsx", "corrupt", /cut short/],
    ["missing-sheet-part.xlsx", "corrupt", /"Gone".*missing/],
    ["row-out-of-grid.xlsx", "corrupt", /outside the worksheet grid/],
    ["bomb-declared.xlsx", "too-large", /zip bomb/],
    ["bomb-ratio.xlsx", "too-large", /1022:1/],
    ["bomb-lying.xlsx", "too-large", /beyond the 1 MiB its header declares/],
  ])("%s → %s", async (name, code, message) => {
    await expectError(fixture(name), code, message);
  });

  it("caps the bytes inflated", async () => {
    await expectError(fixture("exceljs-budget.xlsx"), "too-large", /over the limit of 1 KiB/, { maxInflatedBytes: 1024 });
  });

  it("caps the cells read, counting the empty cells a sparse sheet would allocate", async () => {
    const data = await largeWorkbook(2_000);
    await expectError(data, "too-large", /more than 10,000 cells/, { maxCells: 10_000 });
    await expectError(fixture("sparse-corners.xlsx"), "too-large", /cells/, { maxCells: 100_000 });
    await expect(readWorkbookSnapshot(data, { maxCells: 30_000 })).resolves.toBeDefined();
  });

  it("bounds the work of crafted merged ranges", async () => {
    const rows = Array.from({ length: 60_000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>1</v></c></row>`).join("");
    const merges = '<mergeCell ref="A1:A60000"/>'.repeat(1_000);
    const started = Date.now();
    await expectError(oneSheetWorkbook(`<sheetData>${rows}</sheetData><mergeCells>${merges}</mergeCells>`), "too-large", /merged ranges/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("caps the shared string table", async () => {
    const data = oneSheetWorkbook("<sheetData/>", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si><t>x</t></si>".repeat(50)}</sst>`);
    await expectError(data, "too-large", /more than 20 shared strings/, { maxCells: 20 });
  });

  it("never inflates a sheet the filter leaves out", async () => {
    const data = oneSheetWorkbook("<sheetData/>");
    const zip = zipSync({
      ...unzipAll(data),
      "xl/workbook.xml": strToU8(
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="Bad" sheetId="2" r:id="rId9"/></sheets></workbook>`,
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="x/worksheet" Target="worksheets/bad.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      "xl/worksheets/bad.xml": strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c><v>1</v>`),
    });
    await expectError(zip, "corrupt", /"Bad"/);
    await expect(readWorkbookSnapshot(zip, { sheetFilter: (name) => name !== "Bad" })).resolves.toEqual({
      sheets: [{ name: "S", originRow: 1, originColumn: 1, values: [] }],
    });
  });

  it("classifies a zip that is no package at all", async () => {
    await expectError(zipSync({ "readme.txt": strToU8("hello") }), "not-a-workbook", /no xl\/workbook\.xml/);
  });

  it("is synchronous at its core, for callers that cannot await", () => {
    expect(readWorkbookSnapshotSync(fixture("exceljs-inline.xlsx")).sheets[0]?.name).toBe("Inline");
  });
});
