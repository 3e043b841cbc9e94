/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read -- ExcelJS cells, not Office.js proxies */
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import { createFormatter, validateWorkbook } from "../../src/engine";
import type { ValidationResult } from "../../src/engine/types";
import { markerName } from "../../src/layouts/names";
import { ANNOTATION_MARKER, FLAG_FORMATS } from "../../src/workbook/flagMarks";
import { writeAnnotatedCopy } from "../../src/workbook/xlsx/annotate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { readWaiversFromXlsx, writeWaiversToXlsx } from "../../src/workbook/xlsx/waivers";
import { findElements, parseAttributes } from "../../src/workbook/xlsx/package";
import { decodeXmlText } from "../../src/workbook/xmlText";
import { cleanBudget, cleanMembers } from "../helpers/workbook";
import { bytesOf, loadWorkbook, partBytes, partNames, partText, patchZip, sheetPart, xlsxFromSnapshot } from "./fixtures";
import { workbook as snapshotWorkbook } from "../helpers/workbook";

const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

async function check(data: Uint8Array): Promise<ValidationResult> {
  return validateWorkbook(await readWorkbookSnapshot(data), { waivers: readWaiversFromXlsx(data) });
}

/** A person's workbook: the contract sheets with mistakes, formatting on flagged cells, and a sheet of their own full of features. */
async function richWorkbook(): Promise<Uint8Array> {
  const budget = cleanBudget.map((line) => (line["人員類別"] === "博士生兼任助理" ? { ...line, 單價: 12_000, 金額: 144_000 } : line));
  const base = await loadWorkbook(await xlsxFromSnapshot(snapshotWorkbook({ budget })));
  const sheet = base.getWorksheet("經費表")!;
  // G4 (單價 of the PhD line) is flagged; G3 shares its look and is not.
  for (const address of ["G3", "G4"]) {
    const cell = sheet.getCell(address);
    cell.numFmt = "#,##0.00";
    cell.font = { bold: true, color: { argb: "FF0000FF" }, name: "Arial", size: 12 };
    cell.border = { top: { style: "thin" }, bottom: { style: "double" } };
    cell.alignment = { horizontal: "right" };
  }
  sheet.getCell("G4").note = "人資確認中";
  sheet.getColumn(2).width = 33;
  sheet.views = [{ state: "frozen", ySplit: 1 }];

  const own = base.addWorksheet("我的備註");
  own.getCell("A1").value = "合計";
  own.getCell("B1").value = { formula: "SUM('經費表'!J2:J8)", result: 1 };
  own.getCell("B2").value = { formula: "B1*2", result: 2 };
  own.getCell("C2").value = { sharedFormula: "B2", result: 4 } as ExcelJS.CellValue;
  own.getCell("D2").value = { sharedFormula: "B2", result: 6 } as ExcelJS.CellValue;
  base.addWorksheet("隱藏", { state: "hidden" }).getCell("A1").value = "secret";
  own.getCell("C1").value = new Date(Date.UTC(2026, 1, 1));
  own.getCell("C1").numFmt = "yyyy/mm/dd";
  own.getCell("D1").value = { richText: [{ text: "粗", font: { bold: true } }, { text: "體" }] };
  own.getCell("E1").value = { text: "NSTC", hyperlink: "https://www.nstc.gov.tw/" };
  own.getCell("A3").value = "內部連結";
  own.getCell("F1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  own.getCell("F1").value = 42;
  own.mergeCells("A5:C6");
  own.getCell("A5").value = "合併";
  own.getColumn(8).hidden = true;
  own.getRow(9).height = 30;
  own.getCell("A9").value = "高";
  own.addConditionalFormatting({
    ref: "F1:F10",
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        priority: 1,
        formulae: ["10"],
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFF0000" } } },
      },
    ],
  });
  own.getCell("G1").note = { texts: [{ text: "我的註解", font: { italic: true } }] };
  const image = base.addImage({ buffer: Buffer.from(PNG) as unknown as ExcelJS.Buffer, extension: "png" });
  own.addImage(image, "J2:K4");
  let data = await bytesOf(base);

  // What ExcelJS cannot write: scoped, hidden and constant names, an in-workbook link, whole-column rules, manual calculation.
  data = patchZip(data, (files) => {
    const workbook = files["xl/workbook.xml"] as string;
    files["xl/workbook.xml"] = workbook
      .replace(/<definedNames>[\s\S]*?<\/definedNames>/, "")
      .replace(
        /<calcPr[^>]*\/>/,
        '<definedNames><definedName name="Rate">0.15</definedName><definedName name="OnlyHere" localSheetId="4">&apos;我的備註&apos;!$A$1</definedName>' +
          '<definedName name="HiddenName" hidden="1" comment="mine">&apos;經費表&apos;!$J$2:$J$8</definedName>' +
          '<definedName name="Dynamic">OFFSET(&apos;經費表&apos;!$A$1,0,0,COUNTA(&apos;經費表&apos;!$A:$A),1)</definedName>' +
          '<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;經費表&apos;!$A$1:$K$8</definedName></definedNames>' +
          '<calcPr calcId="191029" calcMode="manual"/>',
      );
    const part = sheetPart(data, "我的備註");
    files[part] = (files[part] as string).replace(
      /<pageMargins/,
      '<dataValidations count="2"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="D2:D1048576"><formula1>"是,否"</formula1></dataValidation>' +
        '<dataValidation type="whole" operator="between" allowBlank="1" sqref="F1:F10 H1"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>' +
        '<hyperlinks><hyperlink ref="A3" location="&apos;經費表&apos;!A1" display="內部連結"/></hyperlinks><pageMargins',
    );
  });
  return writeWaiversToXlsx(data, [{ fingerprint: "00000000", ruleId: "BUD-CAP", reason: "kept" }]);
}

/** A style part that is empty looks the same as none. */
function orNothing<T extends object>(value: T | undefined): T | undefined {
  return value !== undefined && Object.keys(value).length > 0 ? value : undefined;
}

function definedNames(data: Uint8Array): string[] {
  const xml = partText(data, "xl/workbook.xml")!;
  return findElements(xml, "definedName").map((element) => element.outer);
}

describe("writeAnnotatedCopy", () => {
  let input: Uint8Array;
  let result: ValidationResult;
  let output: Uint8Array;
  let warnings: string[];
  let inputHash: string;

  beforeAll(async () => {
    input = await richWorkbook();
    inputHash = sha256(input);
    result = await check(input);
    ({ bytes: output, warnings } = await writeAnnotatedCopy(input, result, { language: "zh-TW", summary: true }));
  });

  it("never touches the input bytes", () => {
    expect(sha256(input)).toBe(inputHash);
  });

  it("keeps every sheet, value, formula and format of the person's workbook", async () => {
    const before = await loadWorkbook(input);
    const after = await loadWorkbook(output);
    const flagged = new Set(result.findings.map((finding) => `${finding.sheet}!${finding.cell}`));
    expect(after.worksheets.map((sheet) => sheet.name).slice(0, before.worksheets.length)).toEqual(before.worksheets.map((sheet) => sheet.name));
    for (const sheet of before.worksheets) {
      const copy = after.getWorksheet(sheet.name)!;
      sheet.eachRow({ includeEmpty: true }, (row) => {
        row.eachCell({ includeEmpty: true }, (cell) => {
          const other = copy.getCell(cell.address);
          expect({ at: cell.address, value: other.value }).toEqual({ at: cell.address, value: cell.value });
          expect(other.numFmt).toEqual(cell.numFmt);
          const isFlagged = flagged.has(`${sheet.name}!${cell.address}`);
          // A flagged cell that had no style of its own gets one: its font is then the workbook's default font.
          if (isFlagged && cell.font === undefined) expect(other.font).toMatchObject({ name: "Calibri", size: 11 });
          else expect(other.font).toEqual(cell.font);
          expect(orNothing(other.border)).toEqual(orNothing(cell.border));
          expect(orNothing(other.alignment)).toEqual(orNothing(cell.alignment));
          if (!isFlagged) expect(other.fill).toEqual(cell.fill);
        });
      });
      expect(copy.model.merges).toEqual(sheet.model.merges);
      expect(copy.views).toEqual(sheet.views);
      expect(copy.columns?.map((column) => [column.width, column.hidden])).toEqual(sheet.columns?.map((column) => [column.width, column.hidden]));
    }
    const own = after.getWorksheet("我的備註")!;
    expect(own.getRow(9).height).toBe(30);
    expect(after.getWorksheet("隱藏")!.state).toBe("hidden");
    expect(partText(output, sheetPart(output, "我的備註"))).toMatch(/<f t="shared" ref="B2:D2" si="0">B1\*2<\/f>/);
    expect(own.getImages()).toHaveLength(1);
    expect((own as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(1);
  });

  it("keeps defined names exactly, scopes included", () => {
    const names = definedNames(output);
    for (const name of definedNames(input)) expect(names).toContain(name);
    expect(names).toContain(`<definedName name="${markerName("findings")}">&apos;檢核結果&apos;!$A$1</definedName>`);
  });

  it("keeps data-validation rules, links inside the workbook, calculation settings and waivers", () => {
    const part = (data: Uint8Array) => partText(data, sheetPart(data, "我的備註"))!;
    const rules = (data: Uint8Array) => findElements(part(data), "dataValidation").map((element) => element.outer);
    expect(rules(output)).toEqual(rules(input));
    expect(part(output)).toContain('<hyperlink ref="A3" location="&apos;經費表&apos;!A1" display="內部連結"/>');
    expect(partText(output, "xl/workbook.xml")).toMatch(/<calcPr calcId="191029" calcMode="manual" fullCalcOnLoad="1"\/>/);
    expect(readWaiversFromXlsx(output)).toEqual(readWaiversFromXlsx(input));
    expect(warnings).toEqual([]);
  });

  it("fills flagged cells by severity and notes the findings, below the person's own note", async () => {
    const after = await loadWorkbook(output);
    const finding = result.findings.find((candidate) => candidate.ruleId === "BUD-PHD-PAY")!;
    expect(finding.cell).toBe("G4");
    const cell = after.getWorksheet("經費表")!.getCell("G4");
    expect(cell.fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: `FF${FLAG_FORMATS.error.fill.slice(1)}` } });
    const note = cell.note as ExcelJS.Comment;
    const text = (note.texts ?? []).map((run) => run.text).join("");
    expect(text.startsWith("人資確認中\n\n")).toBe(true);
    expect(text).toContain(ANNOTATION_MARKER);
    expect(text).toContain(createFormatter(result)(finding, "zh-TW"));
    const before = await loadWorkbook(input);
    expect(after.getWorksheet("經費表")!.getCell("G3").fill).toEqual(before.getWorksheet("經費表")!.getCell("G3").fill);
    expect(after.getWorksheet("經費表")!.getCell("G3").fill).not.toEqual(cell.fill);
  });

  it("adds the findings sheet with links into the workbook, and the summary with its chart", () => {
    const findings = partText(output, sheetPart(output, "檢核結果"))!;
    const links = findElements(findings, "hyperlink").map((element) => parseAttributes(element.start));
    expect(links).toHaveLength(result.findings.length);
    expect(links.every((link) => link.has("location") && !link.has("r:id"))).toBe(true);
    expect(links[0]!.get("location")).toBe(`'${result.findings[0]!.sheet}'!${result.findings[0]!.cell}`);
    expect(findings).toContain('<autoFilter ref="A7:H');
    // Print-ready: landscape A4, one page wide (fitToPage on, or Excel ignores fitToWidth), the header row on every page.
    expect(findings).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(findings).toMatch(/<pageSetup paperSize="9" orientation="landscape"[^>]* fitToWidth="1" fitToHeight="0"\/>/);
    const sheets = findElements(partText(output, "xl/workbook.xml")!, "sheet").map((element) => parseAttributes(element.start).get("name"));
    const index = sheets.indexOf("檢核結果");
    expect(definedNames(output)).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">&apos;檢核結果&apos;!$7:$7</definedName>`);
    const names = partNames(output);
    expect(names).toContain("xl/charts/chart1.xml");
    const summaryPart = sheetPart(output, "營運摘要");
    expect(partText(output, summaryPart)).toMatch(/<drawing r:id="rId\d+"\/>/);
    expect(partText(output, "[Content_Types].xml")).toContain('<Override PartName="/xl/charts/chart1.xml"');
    expect(partText(output, "xl/charts/chart1.xml")).toContain("&apos;營運摘要&apos;!$H$");
    expect(partText(output, "xl/workbook.xml")).toMatch(/<sheet [^>]*name="營運摘要計算"[^>]* state="hidden"/);
  });

  it("writes only the findings sheet without `summary`, leaving calculation settings alone", async () => {
    const { bytes } = await writeAnnotatedCopy(input, result, { language: "en", summary: false, fileName: "alliance.xlsx", checkedBy: "Lee" });
    const after = await loadWorkbook(bytes);
    expect(after.worksheets.map((sheet) => sheet.name)).toEqual(["計畫資訊", "經費表", "會員名單", "營運收入", "我的備註", "隱藏", "Findings"]);
    expect(partText(bytes, "xl/workbook.xml")).toContain('<calcPr calcId="191029" calcMode="manual"/>');
    // The title block names the file and who checked.
    const findings = after.getWorksheet("Findings")!;
    expect(findings.getCell("F3").value).toBe("File: alliance.xlsx");
    expect(findings.getCell("A5").value).toBe("Checked by: Lee");
  });
});

describe("formula injection", () => {
  const INJECTIONS = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(1)", "=1+1\tx", "=cmd|' /C calc'!A0"];

  it("keeps text that starts with = + - @ as text in the findings sheet", async () => {
    const members = [...cleanMembers, ...INJECTIONS.map((name) => ({ 廠商名稱: name, 組織類型: "研究法人" }))];
    let data = await xlsxFromSnapshot(snapshotWorkbook({ members }));
    const excluded = (await check(data)).findings.filter((finding) => finding.ruleId === "MEM-EXCLUDED-INSTITUTE");
    // Waiver reasons are written as they were typed: the whole cell is the person's text.
    data = writeWaiversToXlsx(
      data,
      excluded.map((finding, index) => ({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: INJECTIONS[index]! })),
    );
    const result = await check(data);
    const { bytes } = await writeAnnotatedCopy(data, result, { language: "zh-TW", summary: false });
    const findings = partText(bytes, sheetPart(bytes, "檢核結果"))!;
    expect(findings).not.toMatch(/<f[\s>]/);
    // Our sheets carry their text inline: the person's shared strings are never touched.
    const cells = findElements(findings, "c").map((element) => ({ attributes: parseAttributes(element.start), inner: element.inner }));
    const texts = cells.filter((cell) => cell.attributes.get("t") === "inlineStr").map((cell) => decodeXmlText(cell.inner.replace(/<[^>]+>/g, "")));
    for (const name of INJECTIONS) {
      expect(texts).toContain(name);
      expect(texts.some((text) => text?.includes(`「${name}」`))).toBe(true);
    }
    // Text inline, numbers (the row numbers) as numbers: no shared string, no formula.
    expect(cells.every((cell) => cell.attributes.get("t") === "inlineStr" || !/<v>/.test(cell.inner) || !cell.attributes.has("t"))).toBe(true);
    const after = await loadWorkbook(bytes);
    const waivers: unknown[] = [];
    after
      .getWorksheet("檢核結果")!
      .getColumn(7)
      .eachCell((cell) => waivers.push(cell.value));
    for (const name of INJECTIONS) expect(waivers).toContain(name);
  });
});

describe("regenerating", () => {
  it("replaces the sheets it made, and nothing else", async () => {
    const data = await xlsxFromSnapshot(snapshotWorkbook());
    const result = await check(data);
    const first = await writeAnnotatedCopy(data, result, { language: "zh-TW", summary: true });
    const second = await writeAnnotatedCopy(first.bytes, await check(first.bytes), { language: "zh-TW", summary: true });
    expect(second.warnings).toEqual([]);
    const names = (await loadWorkbook(second.bytes)).worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(["計畫資訊", "經費表", "會員名單", "營運收入", "檢核結果", "營運摘要", "營運摘要計算"]);
    const markers = definedNames(second.bytes).filter((name) => name.includes("AllianceCheck_Generated_"));
    expect(markers).toHaveLength(3);
    const findings = partText(second.bytes, sheetPart(second.bytes, "檢核結果"))!;
    expect(findElements(findings, "hyperlink")).toHaveLength((await check(second.bytes)).findings.length);
    expect(definedNames(second.bytes).filter((name) => name.includes("_xlnm._FilterDatabase"))).toHaveLength(1);
  });

  it("never overwrites a person's own sheet called 檢核結果", async () => {
    const base = await loadWorkbook(
      await xlsxFromSnapshot(snapshotWorkbook({ members: [...cleanMembers, { 廠商名稱: "某研究院", 組織類型: "研究法人" }] })),
    );
    base.addWorksheet("檢核結果").getCell("A1").value = "我自己的檢核紀錄";
    const data = await bytesOf(base);
    const first = await writeAnnotatedCopy(data, await check(data), { language: "zh-TW", summary: false });
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toContain("檢核結果 (2)");
    let after = await loadWorkbook(first.bytes);
    expect(after.getWorksheet("檢核結果")!.getCell("A1").value).toBe("我自己的檢核紀錄");
    expect(after.getWorksheet("檢核結果")!.rowCount).toBe(1);
    expect(after.getWorksheet("檢核結果 (2)")!.getCell("B7").value).toBe("嚴重度");
    expect(definedNames(first.bytes)).toContain(`<definedName name="${markerName("findings")}">&apos;檢核結果 (2)&apos;!$A$1</definedName>`);

    const second = await writeAnnotatedCopy(first.bytes, await check(first.bytes), { language: "zh-TW", summary: false });
    after = await loadWorkbook(second.bytes);
    expect(after.worksheets.map((sheet) => sheet.name).filter((name) => name.startsWith("檢核結果"))).toEqual(["檢核結果", "檢核結果 (2)"]);
    expect(after.getWorksheet("檢核結果")!.getCell("A1").value).toBe("我自己的檢核紀錄");
    const notes: string[] = [];
    after.getWorksheet("會員名單")!.eachRow((row) =>
      row.eachCell((cell) => {
        const note = cell.note as ExcelJS.Comment | string | undefined;
        if (note) notes.push(typeof note === "string" ? note : (note.texts ?? []).map((run) => run.text).join(""));
      }),
    );
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note.split(ANNOTATION_MARKER)).toHaveLength(2);
  });
});

describe("content ExcelJS could not keep", () => {
  it("is kept byte for byte: the copy edits only the parts it changes", async () => {
    const data = await xlsxFromSnapshot(snapshotWorkbook());
    const withSummary = (await writeAnnotatedCopy(data, await check(data), { language: "zh-TW", summary: true })).bytes;
    // The chart becomes the person's own once the product's marks are gone.
    const unmarked = patchZip(withSummary, (files) => {
      files["xl/workbook.xml"] = (files["xl/workbook.xml"] as string).replace(
        /<definedName name="AllianceCheck_Generated_[^"]+">[^<]*<\/definedName>/g,
        "",
      );
      files["xl/vbaProject.bin"] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]);
      files["xl/pivotTables/pivotTable1.xml"] = "<pivotTableDefinition/>";
      files["xl/externalLinks/externalLink1.xml"] = "<externalLink/>";
    });
    const { warnings, bytes } = await writeAnnotatedCopy(unmarked, await check(unmarked), { language: "en", summary: false });
    expect(warnings).toEqual([]);
    const unchanged = partNames(unmarked).filter((name) => !/^xl\/(workbook\.xml|styles\.xml|_rels\/workbook\.xml\.rels|worksheets\/(_rels\/)?sheet[1-4]\.xml(\.rels)?|comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)$|^\[Content_Types\]\.xml$/.test(name));
    expect(unchanged).toEqual(expect.arrayContaining(["xl/vbaProject.bin", "xl/pivotTables/pivotTable1.xml", "xl/externalLinks/externalLink1.xml", "xl/charts/chart1.xml"]));
    for (const name of unchanged) expect({ name, bytes: sha256(partBytes(bytes, name)!) }).toEqual({ name, bytes: sha256(partBytes(unmarked, name)!) });
  });
});
