#!/usr/bin/env node
/**
 * Writes the .xlsx reader's fixtures into tests/fixtures/reader/:
 * - written by ExcelJS;
 * - converted by LibreOffice from text we write here (.fods, .csv) — skipped with a warning
 *   when soffice is not installed (`--no-libreoffice` skips it on purpose);
 * - assembled by hand with fflate for edge cases no program writes on demand;
 * - hostile files (zip bombs, truncated, not a zip, OLE2, renamed .ods/.docx/.csv).
 * Run: node scripts/make-reader-fixtures.js. Each file stays well under 200 KB.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const ExcelJS = require("exceljs");
const { zipSync, strToU8 } = require("fflate");

const OUT = path.join(__dirname, "..", "tests", "fixtures", "reader");
const useLibreOffice = !process.argv.includes("--no-libreoffice");

function write(name, bytes) {
  fs.writeFileSync(path.join(OUT, name), bytes);
  const size = fs.statSync(path.join(OUT, name)).size;
  if (size > 200 * 1024) throw new Error(`${name} is ${size} bytes, over the 200 KB fixture limit`);
  console.log(`${name.padEnd(28)} ${size} bytes`);
}

const LONG_TEXT = (() => {
  // 32,767 UTF-16 code units (Excel's cell limit): CJK, emoji (surrogate pairs), Arabic and Hebrew.
  const pieces = ["經費", "😀", "مرحبا", " שלום ", "👩‍🔬", "NT$1,234 ", "&<>\"'"];
  let text = "";
  for (let i = 0; text.length < 32767; i++) text += pieces[i % pieces.length];
  text = text.slice(0, 32767);
  // Do not end inside a surrogate pair.
  if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1) + "X";
  return text;
})();

// ---------------------------------------------------------------------------------------------
// ExcelJS

async function excelJsFixtures() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "reader fixtures";
  workbook.created = new Date(Date.UTC(2025, 0, 1));
  workbook.modified = workbook.created;

  const plan = workbook.addWorksheet("計畫資訊");
  const planRows = [
    ["計畫名稱", "智慧製造產學技術聯盟"],
    ["計畫主持人", "王小明"],
    ["執行機構", "國立臺灣大學"],
    ["計畫年度", "115年度"],
    ["計畫期別", 2],
    ["申請補助款", 2950000],
    ["主持人歷年執行年度", "111、112, 113"],
    ["管理費比率", 0.15],
  ];
  planRows.forEach((row, i) => {
    plan.getRow(i + 1).values = row;
  });

  const budget = workbook.addWorksheet("經費表");
  budget.mergeCells("A1:F1");
  budget.getCell("A1").value = "115年度 經費表";
  budget.getRow(3).values = ["科目", "項目", "人員類別", "單價", "數量", "金額", "日期", "備註"];
  const lines = [
    ["人事費", "專任助理", "專任助理", 38000, 1, 456000],
    ["業務費", "耗材", null, 1200, 10, "NT$12,000"],
    ["研究設備費", "伺服器", null, 98000, 1, 98000],
  ];
  lines.forEach((line, i) => {
    budget.getRow(4 + i).values = line;
  });
  budget.getCell("F7").value = { formula: "SUM(F4:F6)", result: 554000 };
  budget.getCell("A7").value = "合計";
  budget.getCell("G4").value = new Date(Date.UTC(2026, 0, 15));
  budget.getCell("G4").numFmt = "yyyy/mm/dd";
  budget.getCell("G5").value = new Date(Date.UTC(2026, 1, 28, 13, 30));
  budget.getCell("G5").numFmt = "[$-404]e/m/d";
  budget.getCell("G6").value = new Date(Date.UTC(2024, 1, 29));
  budget.getCell("G6").numFmt = "mm-dd-yy";
  budget.getCell("H4").value = { richText: [{ text: "粗體", font: { bold: true } }, { text: " and plain" }] };
  budget.getCell("H5").value = { text: "NSTC", hyperlink: "https://www.nstc.gov.tw/" };
  budget.getCell("H6").value = { error: "#REF!" };
  budget.getCell("H7").value = true;
  budget.getCell("I4").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  budget.getCell("I5").value = { formula: 'A4&"x"', result: "人事費x" };
  budget.getCell("I6").value = "😀 emoji, עברית, العربية";
  budget.getCell("I7").value = "line 1\nline 2";
  budget.getCell("J4").value = -0.125;
  budget.getCell("J5").value = 1e21;
  budget.getCell("J6").value = "  spaced  ";
  budget.mergeCells("B9:C10");
  budget.getCell("B9").value = "縱橫合併";

  const members = workbook.addWorksheet("會員名單", { state: "hidden" });
  members.getRow(1).values = ["廠商名稱", "統一編號", "年費"];
  members.getRow(2).values = ["台灣積體電路製造股份有限公司", "22099131", 50000];
  members.getRow(3).values = ["某某科技(股)", "04595257", 0];

  const veryHidden = workbook.addWorksheet("VeryHidden", { state: "veryHidden" });
  veryHidden.getCell("A1").value = "secret";

  const offset = workbook.addWorksheet("Offset");
  offset.getCell("C5").value = "starts at C5";
  offset.getCell("D6").value = 42;
  offset.getCell("E8").value = "last";

  workbook.addWorksheet("Empty");

  write("exceljs-budget.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));

  const inline = new ExcelJS.Workbook();
  const sheet = inline.addWorksheet("Inline");
  sheet.getCell("A1").value = "inline string";
  sheet.getCell("B2").value = 3.5;
  sheet.getCell("C3").value = "中文";
  write("exceljs-inline.xlsx", Buffer.from(await inline.xlsx.writeBuffer({ useSharedStrings: false })));

  const dates1904 = new ExcelJS.Workbook();
  dates1904.properties.date1904 = true;
  const dates = dates1904.addWorksheet("Dates");
  dates.getCell("A1").value = new Date(Date.UTC(2026, 2, 31));
  dates.getCell("A1").numFmt = "yyyy-mm-dd";
  dates.getCell("A2").value = 1000;
  write("exceljs-1904.xlsx", Buffer.from(await dates1904.xlsx.writeBuffer()));
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

function escapeXml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function odsCell(value) {
  if (value === null || value === undefined) return "<table:table-cell/>";
  if (typeof value === "number") {
    return `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`;
  }
  if (typeof value === "boolean") {
    return `<table:table-cell table:style-name="ceBool" office:value-type="boolean" office:boolean-value="${value}"><text:p>${value ? "TRUE" : "FALSE"}</text:p></table:table-cell>`;
  }
  if (typeof value === "object") return value.xml;
  return `<table:table-cell office:value-type="string"><text:p>${escapeXml(value)}</text:p></table:table-cell>`;
}

function odsRow(cells) {
  return `<table:table-row>${cells.map(odsCell).join("")}</table:table-row>`;
}

function fodsDocument() {
  const date = (iso) => ({
    xml: `<table:table-cell table:style-name="ceDate" office:value-type="date" office:date-value="${iso}"><text:p>${iso}</text:p></table:table-cell>`,
  });
  const formula = (f, v) => ({
    xml: `<table:table-cell table:formula="of:=${escapeXml(f)}" office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`,
  });
  const stringFormula = (f, v) => ({
    xml: `<table:table-cell table:formula="of:=${escapeXml(f)}" office:value-type="string" office:string-value="${escapeXml(v)}"><text:p>${escapeXml(v)}</text:p></table:table-cell>`,
  });
  const errorFormula = (f) => ({
    xml: `<table:table-cell table:formula="of:=${escapeXml(f)}" office:value-type="float" office:value="0"><text:p>#DIV/0!</text:p></table:table-cell>`,
  });
  const rich = {
    xml: `<table:table-cell office:value-type="string"><text:p>普通<text:span text:style-name="T1">粗體</text:span>文字</text:p></table:table-cell>`,
  };
  const twoLines = {
    xml: `<table:table-cell office:value-type="string"><text:p>第一行</text:p><text:p>第二行</text:p></table:table-cell>`,
  };
  const percent = { xml: `<table:table-cell table:style-name="cePercent" office:value-type="percentage" office:value="0.15"><text:p>15%</text:p></table:table-cell>` };
  const currency = { xml: `<table:table-cell office:value-type="currency" office:currency="TWD" office:value="1234"><text:p>NT$1,234</text:p></table:table-cell>` };
  const merged = {
    xml: `<table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="1" office:value-type="string"><text:p>經費表（合併標題）</text:p></table:table-cell><table:covered-table-cell/><table:covered-table-cell/>`,
  };
  const planTable = `<table:table table:name="計畫資訊">
${odsRow(["計畫名稱", "智慧製造產學技術聯盟"])}
${odsRow(["計畫年度", 115])}
${odsRow(["申請補助款", 2950000])}
${odsRow(["管理費比率", percent])}
${odsRow(["Emoji / RTL", "😀 עברית العربية"])}
</table:table>`;
  const budgetTable = `<table:table table:name="經費表">
${odsRow([merged])}
${odsRow([])}
${odsRow(["科目", "項目", "金額", "日期", "說明"])}
${odsRow(["人事費", "專任助理", 456000, date("2026-01-15"), rich])}
${odsRow(["業務費", "耗材", currency, date("2025-12-31"), twoLines])}
${odsRow(["研究設備費", "伺服器", 98000, date("1999-12-31"), true])}
${odsRow(["合計", null, formula("SUM([.C4:.C6])", 555234), stringFormula('[.A4]&"!"', "人事費!"), errorFormula("1/0")])}
</table:table>`;
  const offsetTable = `<table:table table:name="Offset">
<table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/>${odsCell("C5 here")}${odsCell(5)}</table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/>${odsCell("D6")}</table:table-row>
</table:table>`;
  const hiddenTable = `<table:table table:name="Hidden" table:style-name="taHidden">${odsRow(["hidden sheet", 1])}</table:table>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="NDate"><number:year number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:day number:style="long"/></number:date-style>
<number:percentage-style style:name="NPercent"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:boolean-style style:name="NBool"><number:boolean/></number:boolean-style>
<style:style style:name="ceDate" style:family="table-cell" style:data-style-name="NDate"/>
<style:style style:name="ceBool" style:family="table-cell" style:data-style-name="NBool"/>
<style:style style:name="cePercent" style:family="table-cell" style:data-style-name="NPercent"/>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
${planTable}
${budgetTable}
${offsetTable}
${hiddenTable}
</office:spreadsheet></office:body></office:document>
`;
}

const CSV = `廠商名稱,統一編號,國別,年費,入會年度,收款日期,備註
"台灣積體電路製造股份有限公司",22099131,TW,50000,113,2024-03-01,"含逗號, 與 ""引號"""
某某科技(股),04595257,TW,0,114,2025/01/15,
Acme Inc.,,US,1200.5,115,,😀 emoji
`;

function soffice(args, profile) {
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 180_000,
  });
}

function libreOfficeFixtures() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "reader-fixtures-"));
  const profile = path.join(work, "profile");
  try {
    fs.writeFileSync(path.join(work, "libreoffice.fods"), fodsDocument());
    fs.writeFileSync(path.join(work, "libreoffice-csv.csv"), CSV);
    soffice(["--convert-to", "xlsx", "--outdir", work, path.join(work, "libreoffice.fods")], profile);
    soffice(["--convert-to", "ods", "--outdir", work, path.join(work, "libreoffice.fods")], profile);
    soffice(["--convert-to", "xls", "--outdir", work, path.join(work, "libreoffice.fods")], profile);
    soffice(
      ["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, path.join(work, "libreoffice-csv.csv")],
      profile,
    );
    write("libreoffice-fods.xlsx", fs.readFileSync(path.join(work, "libreoffice.xlsx")));
    write("libreoffice-csv.xlsx", fs.readFileSync(path.join(work, "libreoffice-csv.xlsx")));
    write("ods-renamed.xlsx", fs.readFileSync(path.join(work, "libreoffice.ods")));
    write("legacy.xls", fs.readFileSync(path.join(work, "libreoffice.xls")));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Hand-assembled packages

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function contentTypes(extra = "") {
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${extra}
</Types>`;
}

function rels(list) {
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`)
    .join("")}</Relationships>`;
}

const ROOT_RELS = rels([["rId1", "officeDocument", "xl/workbook.xml"]]);

/** sheets: [{name, target, xml, state?, type?}] */
function assemble({ sheets, sharedStrings, styles, workbookPr = "", extraParts = {} }) {
  const files = {
    "[Content_Types].xml": strToU8(contentTypes()),
    "_rels/.rels": strToU8(ROOT_RELS),
  };
  const wbRels = [];
  const sheetTags = sheets.map((sheet, i) => {
    const id = `rId${i + 1}`;
    wbRels.push([id, sheet.type ?? "worksheet", sheet.target]);
    const state = sheet.state ? ` state="${sheet.state}"` : "";
    return `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}"${state} r:id="${id}"/>`;
  });
  if (sharedStrings !== undefined) {
    wbRels.push([`rId${sheets.length + 1}`, "sharedStrings", "sharedStrings.xml"]);
    files["xl/sharedStrings.xml"] = strToU8(sharedStrings);
  }
  if (styles !== undefined) {
    wbRels.push([`rId${sheets.length + 2}`, "styles", "/xl/styles.xml"]);
    files["xl/styles.xml"] = strToU8(styles);
  }
  files["xl/workbook.xml"] = strToU8(
    `${XML_HEAD}<workbook ${NS} ${NS_R}>${workbookPr}<sheets>${sheetTags.join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(rels(wbRels));
  for (const sheet of sheets) {
    const part = sheet.target.startsWith("/") ? sheet.target.slice(1) : path.posix.normalize(`xl/${sheet.target}`);
    files[part] = typeof sheet.xml === "string" ? strToU8(sheet.xml) : sheet.xml;
  }
  Object.assign(files, extraParts);
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2025, 0, 1)) });
}

function worksheet(body, extra = "", before = "") {
  return `${XML_HEAD}<worksheet ${NS} ${NS_R}>${before}<sheetData>${body}</sheetData>${extra}</worksheet>`;
}

function handEdge() {
  const sharedStrings = `${XML_HEAD}<sst ${NS} count="9" uniqueCount="9">
<si><t>plain</t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text </t></r><r><rPr><color rgb="FFFF0000"></color></rPr><t>run</t></r></si>
<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>
<si><r><t>漢字</t></r><rPh sb="0" eb="1"><t>ㄏㄢˋ</t></rPh><r><t>注音</t></r></si>
<si><t>&amp;&lt;&gt;&quot;&apos; &#x4E2D;&#25991; &#x1F600;</t></si>
<si><t>line1_x000D_
line2 and _x005F_x000D_ literal</t></si>
<si><t/></si>
<si><t xml:space="preserve">  keep  spaces  </t></si>
<si><t><![CDATA[<cdata & raw>]]></t></si>
</sst>`;
  const styles = `${XML_HEAD}<styleSheet ${NS}>
<numFmts count="8">
<numFmt numFmtId="164" formatCode="yyyy/mm/dd"/>
<numFmt numFmtId="165" formatCode="[$-404]e/m/d"/>
<numFmt numFmtId="166" formatCode="&quot;Day&quot; 0"/>
<numFmt numFmtId="167" formatCode="0.00E+00"/>
<numFmt numFmtId="168" formatCode="[Red]#,##0.00;[Blue]\\-#,##0.00"/>
<numFmt numFmtId="169" formatCode="[h]:mm"/>
<numFmt numFmtId="170" formatCode="#,##0 &quot;元&quot;"/>
<numFmt numFmtId="171" formatCode="dd/mm/yyyy;@"/>
</numFmts>
<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="13">
<xf numFmtId="0" xfId="0"/>
<xf numFmtId="14" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="22" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="31" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="167" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="168" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="169" xfId="0" applyNumberFormat="1"><alignment horizontal="left"/></xf>
<xf numFmtId="170" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="171" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" xfId="0" applyNumberFormat="1"/>
</cellXfs>
</styleSheet>`;
  const strings = worksheet(
    `<row r="1">${[0, 1, 2, 3, 4, 5, 6, 7, 8]
      .map((index, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${index}</v></c>`)
      .join("")}</row>`,
  );
  const inline = worksheet(
    `<row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c><c r="B1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><i/></rPr><t>inline</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh></is></c></row>
<row r="2"><c r="B2" t="inlineStr"><is><t xml:space="preserve"> B2 </t></is></c><c r="C2" t="inlineStr"><is><t></t></is></c></row>`,
    "",
    '<dimension ref="A1:XFD1048576"/>',
  );
  const types = worksheet(
    `<row r="1"><c r="A1" t="e"><v>#REF!</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1" t="e"><v>#N/A</v></c></row>
<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C2" t="b"><f>TRUE()</f><v>1</v></c><c r="D2"><f>SUM(Z1:Z9)</f></c><c r="E2" t="str"><f>""</f><v></v></c></row>
<row r="3"><c r="A3" t="b"><v>0</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="d"><v>2024-02-29T00:00:00Z</v></c><c r="D3"><v>1E3</v></c><c r="E3"><v>-0.5</v></c></row>
<row r="4"><c r="A4" t="n"><v>12345678901234567890</v></c><c r="B4" s="12"><v>1234.5</v></c></row>`,
  );
  const dateCells = [
    ["A", 1, 45292],
    ["B", 2, 45292.75],
    ["C", 3, 45292],
    ["D", 4, 45351],
    ["E", 5, 45351],
    ["F", 6, 45292],
    ["G", 7, 45292],
    ["H", 8, 45292],
    ["I", 9, 1.5],
    ["J", 10, 45292],
    ["K", 11, 45292],
    ["L", 1, 60],
    ["M", 1, 59],
    ["N", 1, 61],
    ["O", 1, -1],
  ];
  const datesSheet = worksheet(`<row r="1">${dateCells.map(([col, s, v]) => `<c r="${col}1" s="${s}"><v>${v}</v></c>`).join("")}</row>`);
  const merged = worksheet(
    `<row r="1"><c r="A1" t="inlineStr"><is><t>Header</t></is></c><c r="B1" t="inlineStr"><is><t>dropped</t></is></c><c r="C1"><v>9</v></c><c r="D1" t="inlineStr"><is><t>D1 kept</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>b</t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>group</t></is></c><c r="B3"><v>1</v></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>dropped too</t></is></c><c r="B4"><v>2</v></c></row>
<row r="5"><c r="A5"/><c r="B5"><v>3</v></c></row>`,
    '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A3:A5"/></mergeCells>',
  );
  const offset = worksheet(
    `<row r="5"><c r="C5" t="inlineStr"><is><t>C5</t></is></c><c r="E5"><v>5</v></c></row><row r="7"><c r="D7"><v>7</v></c></row>`,
  );
  const hidden = worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row>`);
  const veryHidden = worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>very hidden</t></is></c></row>`);
  const chart = `${XML_HEAD}<chartsheet ${NS} ${NS_R}><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`;
  return assemble({
    sharedStrings,
    styles,
    sheets: [
      { name: "Strings", target: "worksheets/sheet1.xml", xml: strings },
      { name: "Inline", target: "/xl/worksheets/sheet2.xml", xml: inline },
      { name: "Types", target: "./worksheets/../worksheets/sheet3.xml", xml: types },
      { name: "Dates", target: "worksheets/sheet4.xml", xml: datesSheet },
      { name: "Chart1", target: "chartsheets/sheet1.xml", xml: chart, type: "chartsheet" },
      { name: "Merged", target: "worksheets/sheet5.xml", xml: merged },
      { name: "Offset", target: "worksheets/sheet6.xml", xml: offset },
      { name: "Hidden", target: "worksheets/sheet7.xml", xml: hidden, state: "hidden" },
      { name: "Very & Hidden", target: "worksheets/sheet8.xml", xml: veryHidden, state: "veryHidden" },
    ],
  });
}

/** What ExcelJS crashes on: cells and rows without r, a shared string index out of range. */
function handQuirks() {
  return assemble({
    sharedStrings: `${XML_HEAD}<sst ${NS}><si><t>only</t></si></sst>`,
    sheets: [
      {
        name: "NoRefs",
        target: "worksheets/sheet2.xml",
        // The r attribute is optional: each row follows the previous one, each cell the previous cell.
        xml: worksheet(
          `<row><c t="inlineStr"><is><t>no r attributes</t></is></c><c><v>2</v></c><c t="s"><v>0</v></c></row>
<row><c/><c t="inlineStr"><is><t>B2</t></is></c></row>
<row r="5"><c r="C5"><v>7</v></c><c><v>8</v></c></row>
<row><c><v>6</v></c></row>`,
        ),
      },
      {
        name: "Quirks",
        target: "worksheets/sheet1.xml",
        // A shared string index past the table refuses the sheet (tests/hostile/round2Reader.test.ts).
        xml: worksheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v></v></c><c r="C1" t="s"/><c r="D1"><v>n/a</v></c></row>`),
      },
    ],
  });
}

function hand1904() {
  const styles = `${XML_HEAD}<styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
  return assemble({
    styles,
    workbookPr: '<workbookPr date1904="1"/>',
    sheets: [
      {
        name: "1904",
        target: "worksheets/sheet1.xml",
        xml: worksheet(`<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>44650</v></c><c r="C1"><v>44650</v></c></row>`),
      },
    ],
  });
}

/** Open XML SDK style: SpreadsheetML bound to the x: prefix, workbook at a non-default path. */
function handPrefixed() {
  const X = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const files = {
    "[Content_Types].xml": strToU8(contentTypes()),
    "_rels/.rels": strToU8(rels([["R1", "officeDocument", "/xl/book.xml"]])),
    "xl/book.xml": strToU8(
      `${XML_HEAD}<x:workbook ${X} xmlns:rel="${REL}"><x:sheets><x:sheet name="Prefixed" sheetId="1" rel:id="R9"/></x:sheets></x:workbook>`,
    ),
    "xl/_rels/book.xml.rels": strToU8(
      rels([
        ["R9", "worksheet", "/xl/data/one.xml"],
        ["R10", "sharedStrings", "strings.xml"],
      ]),
    ),
    "xl/strings.xml": strToU8(`${XML_HEAD}<x:sst ${X}><x:si><x:t>shared</x:t></x:si><x:si><x:r><x:t>ri</x:t></x:r><x:r><x:t>ch</x:t></x:r></x:si></x:sst>`),
    "xl/data/one.xml": strToU8(
      `${XML_HEAD}<x:worksheet ${X}><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c><x:c r="E2"><x:v>3.25</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="E2:F2"/></x:mergeCells></x:worksheet>`,
    ),
  };
  return zipSync(files);
}

function handBigCell() {
  const escaped = escapeXml(LONG_TEXT);
  return assemble({
    sharedStrings: `${XML_HEAD}<sst ${NS}><si><t xml:space="preserve">${escaped}</t></si></sst>`,
    sheets: [
      {
        name: "Long",
        target: "worksheets/sheet1.xml",
        xml: worksheet(
          `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>${escaped}</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>مرحبا بالعالم ‏שלום‎ 😀👨‍👩‍👧</t></is></c></row>`,
        ),
      },
    ],
  });
}

/** A worksheet part encoded as UTF-16LE with a byte-order mark (allowed by OPC, rare). */
function handUtf16() {
  const xml = worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>UTF-16 中文 😀</t></is></c><c r="B1"><v>16</v></c></row>`).replace(
    'encoding="UTF-8"',
    'encoding="UTF-16"',
  );
  const bytes = new Uint8Array(2 + xml.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < xml.length; i++) {
    bytes[2 + i * 2] = xml.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = xml.charCodeAt(i) >> 8;
  }
  return assemble({ sheets: [{ name: "UTF16", target: "worksheets/sheet1.xml", xml: bytes }] });
}

// ---------------------------------------------------------------------------------------------
// Hostile files

/** A valid worksheet padded with whitespace to `targetBytes`: deflate shrinks it ~1000:1. */
function paddedSheet(targetBytes) {
  return worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>${" ".repeat(targetBytes)}`);
}

/** Finds each zip header (local and central) for `name` and overwrites its uncompressed size. */
function patchDeclaredSize(zip, name, size) {
  const bytes = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (const [signature, sizeOffset, nameOffset] of [
    [0x04034b50, 22, 30],
    [0x02014b50, 24, 46],
  ]) {
    for (let at = 0; at + nameOffset < bytes.length; at++) {
      if (bytes.readUInt32LE(at) !== signature) continue;
      if (!bytes.subarray(at + nameOffset, at + nameOffset + nameBytes.length).equals(nameBytes)) continue;
      bytes.writeUInt32LE(size, at + sizeOffset);
    }
  }
  return bytes;
}

/** A minimal but well-formed OLE2 compound file holding the named streams (each 4 KiB). */
function compoundFile(streamNames) {
  const SECTOR = 512;
  const streamSectors = 8; // 4096 bytes: at the mini-stream cutoff, so streams live in sectors
  const sectorCount = 2 + streamSectors * streamNames.length;
  const out = Buffer.alloc(SECTOR * (1 + sectorCount));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(out, 0);
  out.writeUInt16LE(0x3e, 24);
  out.writeUInt16LE(3, 26);
  out.writeUInt16LE(0xfffe, 28);
  out.writeUInt16LE(9, 30);
  out.writeUInt16LE(6, 32);
  out.writeUInt32LE(1, 44); // FAT sectors
  out.writeUInt32LE(1, 48); // first directory sector
  out.writeUInt32LE(4096, 56);
  out.writeUInt32LE(0xfffffffe, 60);
  out.writeUInt32LE(0xfffffffe, 68);
  for (let i = 0; i < 109; i++) out.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
  const sector = (n) => SECTOR * (1 + n);
  // FAT
  const fat = sector(0);
  for (let i = 0; i < SECTOR / 4; i++) out.writeUInt32LE(0xffffffff, fat + i * 4);
  out.writeUInt32LE(0xfffffffd, fat);
  out.writeUInt32LE(0xfffffffe, fat + 4);
  streamNames.forEach((_, s) => {
    const first = 2 + s * streamSectors;
    for (let k = 0; k < streamSectors; k++) {
      out.writeUInt32LE(k === streamSectors - 1 ? 0xfffffffe : first + k + 1, fat + (first + k) * 4);
    }
  });
  // Directory: root, then the streams chained as right siblings.
  const entry = (index, name, type, child, right, start, size) => {
    const at = sector(1) + index * 128;
    Buffer.from(name + "\0", "utf16le").copy(out, at);
    out.writeUInt16LE((name.length + 1) * 2, at + 64);
    out[at + 66] = type;
    out[at + 67] = 1;
    out.writeUInt32LE(0xffffffff, at + 68);
    out.writeUInt32LE(right, at + 72);
    out.writeUInt32LE(child, at + 76);
    out.writeUInt32LE(start, at + 116);
    out.writeUInt32LE(size, at + 120);
  };
  entry(0, "Root Entry", 5, 1, 0xffffffff, 0xfffffffe, 0);
  streamNames.forEach((name, s) => {
    const right = s + 1 < streamNames.length ? s + 2 : 0xffffffff;
    entry(s + 1, name, 2, 0xffffffff, right, 2 + s * streamSectors, 4096);
  });
  // Stream contents: recognisable filler.
  streamNames.forEach((name, s) => {
    Buffer.from(`${name} `.repeat(400)).copy(out, sector(2 + s * streamSectors), 0, 4096);
  });
  return out;
}

async function hostileFixtures() {
  const small = assemble({
    sheets: [{ name: "S", target: "worksheets/sheet1.xml", xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>`) }],
  });
  write("bomb-declared.xlsx", patchDeclaredSize(small, "xl/worksheets/sheet1.xml", 3_000_000_000));

  // Really expands to 64 MiB, but its headers say 1 MiB.
  const lying = assemble({ sheets: [{ name: "S", target: "worksheets/sheet1.xml", xml: paddedSheet(64 * 1024 * 1024) }] });
  write("bomb-lying.xlsx", patchDeclaredSize(lying, "xl/worksheets/sheet1.xml", 1024 * 1024));

  // Honest headers, absurd ratio: 100 MiB from ~100 KB.
  write("bomb-ratio.xlsx", assemble({ sheets: [{ name: "S", target: "worksheets/sheet1.xml", xml: paddedSheet(100 * 1024 * 1024) }] }));

  const budget = fs.readFileSync(path.join(OUT, "exceljs-budget.xlsx"));
  write("truncated.xlsx", budget.subarray(0, Math.floor(budget.length * 0.6)));
  // The end of the archive is intact but a part's compressed bytes are garbage.
  const damaged = Buffer.from(small);
  const sheetAt = damaged.indexOf("xl/worksheets/sheet1.xml") + "xl/worksheets/sheet1.xml".length;
  for (let i = sheetAt; i < sheetAt + 40; i++) damaged[i] = 0xff;
  write("corrupt-deflate.xlsx", damaged);

  write("not-a-zip.xlsx", Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)));
  write("empty.xlsx", Buffer.alloc(0));
  write("csv-renamed.xlsx", Buffer.from(CSV));
  write("html-renamed.xlsx", Buffer.from("<html><body><table><tr><td>1</td></tr></table></body></html>"));
  write("ole2-encrypted.xlsx", compoundFile(["EncryptionInfo", "EncryptedPackage"]));
  write("ole2-workbook.xls", compoundFile(["Workbook"]));
  write(
    "docx-renamed.xlsx",
    zipSync({
      "[Content_Types].xml": strToU8(
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      ),
      "word/document.xml": strToU8(`${XML_HEAD}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`),
    }),
  );
  write(
    "missing-sheet-part.xlsx",
    zipSync({
      "[Content_Types].xml": strToU8(contentTypes()),
      "_rels/.rels": strToU8(ROOT_RELS),
      "xl/workbook.xml": strToU8(`${XML_HEAD}<workbook ${NS} ${NS_R}><sheets><sheet name="Gone" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(rels([["rId1", "worksheet", "worksheets/sheet1.xml"]])),
    }),
  );
  write(
    "row-out-of-grid.xlsx",
    assemble({ sheets: [{ name: "S", target: "worksheets/sheet1.xml", xml: worksheet(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`) }] }),
  );
  write(
    "cut-sheet-xml.xlsx",
    assemble({ sheets: [{ name: "Cut", target: "worksheets/sheet1.xml", xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>`).slice(0, -40) }] }),
  );
  // Thousands of overlapping whole-sheet merges over a sheet of values: must stay fast.
  const mergeList = Array.from({ length: 5000 }, () => '<mergeCell ref="A1:XFD1048576"/>').join("");
  const mergeRows = Array.from({ length: 500 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c><c r="B${r + 1}"><v>1</v></c></row>`).join("");
  write(
    "merge-bomb.xlsx",
    assemble({ sheets: [{ name: "Merges", target: "worksheets/sheet1.xml", xml: worksheet(mergeRows, `<mergeCells>${mergeList}</mergeCells>`) }] }),
  );
  write(
    "sparse-corners.xlsx",
    assemble({
      sheets: [
        {
          name: "Corners",
          target: "worksheets/sheet1.xml",
          xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>`, "", '<dimension ref="A1:XFD1048576"/>'),
        },
      ],
    }),
  );
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  await excelJsFixtures();
  write("hand-edge.xlsx", handEdge());
  write("hand-quirks.xlsx", handQuirks());
  write("hand-1904.xlsx", hand1904());
  write("hand-prefixed.xlsx", handPrefixed());
  write("hand-bigcell.xlsx", handBigCell());
  write("hand-utf16.xlsx", handUtf16());
  await hostileFixtures();
  if (useLibreOffice) {
    try {
      libreOfficeFixtures();
    } catch (error) {
      console.warn(`LibreOffice fixtures skipped: ${error.message}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
