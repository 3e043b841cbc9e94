/**
 * Hostile workbooks for the writers (issue 12, classes 3–6), built byte by byte: a contract
 * workbook whose budget has a PhD pay of 12,000 (so the copy has flags and notes to write), with
 * one hostile construct added. Big files are made here at test time, never committed.
 */
import { constants, crc32, deflateRawSync } from "zlib";
import { assembleZip, textPart, type RawPart } from "../generate";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS = `xmlns="${MAIN}"`;
const NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export const CONTENT_TYPE = {
  workbook: `${CT}.sheet.main+xml`,
  macroWorkbook: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  worksheet: `${CT}.worksheet+xml`,
  styles: `${CT}.styles+xml`,
  comments: `${CT}.comments+xml`,
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
} as const;

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function columnLetters(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export type CellInput = string | number | null;

/** A row of inline-string and number cells, each with its reference. */
export function rowXml(row: number, values: readonly CellInput[], extra: (column: number) => string = () => ""): string {
  const cells = values
    .map((value, index) => {
      if (value === null) return "";
      const ref = `${columnLetters(index + 1)}${row}`;
      return typeof value === "number"
        ? `<c r="${ref}"${extra(index + 1)}><v>${value}</v></c>`
        : `<c r="${ref}" t="inlineStr"${extra(index + 1)}><is><t>${escape(value)}</t></is></c>`;
    })
    .join("");
  return `<row r="${row}">${cells}</row>`;
}

export function worksheetXml(rows: string, after = "", before = ""): string {
  return `${XML_HEAD}<worksheet ${NS} ${NS_R}>${before}<sheetData>${rows}</sheetData>${after}</worksheet>`;
}

const PLAN: [string, CellInput][] = [
  ["計畫名稱", "惡意檔案測試聯盟"],
  ["計畫年度", 115],
  ["計畫期別", 1],
  ["期別年次", 2],
  ["申請補助款", 2_000_000],
  ["主持人歷年執行年度", "114"],
];

export const BUDGET_HEADERS = ["科目", "項目", "說明", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額", "經費來源"];

/** Budget lines; the third is a PhD assistant paid 12,000 a month (BUD-PHD-PAY on G4). */
export const BUDGET_LINES: CellInput[][] = [
  ["人事費", "專任技術經理", null, "專任技術經理", "碩士", "陳一", 50_000, 1, 12, 600_000],
  ["人事費", "專任行銷經理", null, "專任行銷經理", "學士", "林二", 40_000, 1, 12, 480_000],
  ["人事費", "博士生兼任助理", null, "博士生兼任助理", null, "張三", 12_000, 1, 12, 144_000],
  ["業務費", "耗材", null, null, null, null, null, null, null, 206_000],
  ["管理費", "管理費", null, null, null, null, null, null, null, 242_000],
];

export const MEMBER_HEADERS = ["廠商名稱", "統一編號", "國別", "組織類型", "企業規模", "實收資本額", "員工人數", "會員等級", "年費", "入會年度"];
const MEMBERS: CellInput[][] = [
  ["甲科技股份有限公司", "04595257", null, "公司", "大型企業", null, null, null, 50_000, 114],
  ["乙精密有限公司", "22099131", null, null, "中小企業", null, null, null, 30_000, 114],
  ["某研究院", "12345675", null, "研究法人", null, null, null, null, 0, 115],
];

export interface SheetSpec {
  name: string;
  /** The worksheet part's XML (whole). */
  xml: string;
  /** Part name; default xl/worksheets/sheet{n}.xml. */
  part?: string;
  /** Extra relationships of the sheet part: [id, type (last segment), target]. */
  rels?: [string, string, string][];
  state?: "hidden" | "veryHidden";
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** `<definedNames>` children. */
  definedNames?: string;
  /** Extra parts (name → text or bytes) with their content-type overrides. */
  parts?: { name: string; data: string | Uint8Array; contentType?: string }[];
  /** Extra workbook relationships: [id, type, target]. */
  workbookRels?: [string, string, string][];
  workbookContentType?: string;
  /** Extra `<Default>` entries: [extension, content type]. */
  defaults?: [string, string][];
  /** A whole styles part; none by default. */
  styles?: string;
  /** Replaces parts of the default workbook XML: text before `<sheets>`. */
  workbookPrefix?: string;
}

export function planSheetXml(): string {
  return worksheetXml(PLAN.map(([label, value], index) => rowXml(index + 1, [label, value])).join(""));
}

/** The budget sheet, optionally with `lines` more line items (after the standard ones) and XML after sheetData. */
export function budgetSheetXml(after = "", more: CellInput[][] = []): string {
  const lines = [...BUDGET_LINES, ...more];
  const rows = [rowXml(1, BUDGET_HEADERS), ...lines.map((line, index) => rowXml(index + 2, line))];
  return worksheetXml(rows.join(""), after);
}

export function membersSheetXml(after = ""): string {
  return worksheetXml([rowXml(1, MEMBER_HEADERS), ...MEMBERS.map((line, index) => rowXml(index + 2, line))].join(""), after);
}

export function contractSheets(budgetAfter = ""): SheetSpec[] {
  return [
    { name: "計畫資訊", xml: planSheetXml() },
    { name: "經費表", xml: budgetSheetXml(budgetAfter) },
    { name: "會員名單", xml: membersSheetXml() },
  ];
}

/** The parts of a workbook as text, before zipping (for tests that change one). */
export function workbookParts(spec: WorkbookSpec): { name: string; data: string | Uint8Array }[] {
  const sheetParts = spec.sheets.map((sheet, index) => sheet.part ?? `xl/worksheets/sheet${index + 1}.xml`);
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${spec.workbookContentType ?? CONTENT_TYPE.workbook}"/>`,
    ...sheetParts.map((part) => `<Override PartName="/${part}" ContentType="${CONTENT_TYPE.worksheet}"/>`),
    ...(spec.styles ? [`<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>`] : []),
    ...(spec.parts ?? []).filter((part) => part.contentType).map((part) => `<Override PartName="/${part.name}" ContentType="${part.contentType}"/>`),
  ];
  const defaults = [
    ["rels", "application/vnd.openxmlformats-package.relationships+xml"],
    ["xml", "application/xml"],
    ...(spec.defaults ?? []),
  ];
  const types = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults
    .map(([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`)
    .join("")}${overrides.join("")}</Types>`;
  const rels = (list: [string, string, string][]) =>
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list
      .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type.includes("/") ? type : `${REL}/${type}`}" Target="${escape(target)}"/>`)
      .join("")}</Relationships>`;
  const sheets = spec.sheets
    .map((sheet, index) => `<sheet name="${escape(sheet.name)}" sheetId="${index + 1}"${sheet.state ? ` state="${sheet.state}"` : ""} r:id="rId${index + 1}"/>`)
    .join("");
  const workbook = `${XML_HEAD}<workbook ${NS} ${NS_R}>${spec.workbookPrefix ?? ""}<sheets>${sheets}</sheets>${
    spec.definedNames ? `<definedNames>${spec.definedNames}</definedNames>` : ""
  }</workbook>`;
  const workbookRels: [string, string, string][] = [
    ...sheetParts.map((part, index): [string, string, string] => [`rId${index + 1}`, "worksheet", part.replace(/^xl\//, "")]),
    ...(spec.styles ? [["rIdStyles", "styles", "styles.xml"] as [string, string, string]] : []),
    ...(spec.workbookRels ?? []),
  ];
  const parts: { name: string; data: string | Uint8Array }[] = [
    { name: "[Content_Types].xml", data: types },
    { name: "_rels/.rels", data: rels([["rId1", "officeDocument", "xl/workbook.xml"]]) },
    { name: "xl/workbook.xml", data: workbook },
    { name: "xl/_rels/workbook.xml.rels", data: rels(workbookRels) },
    ...(spec.styles ? [{ name: "xl/styles.xml", data: spec.styles }] : []),
  ];
  spec.sheets.forEach((sheet, index) => {
    const part = sheetParts[index]!;
    parts.push({ name: part, data: sheet.xml });
    if (sheet.rels) {
      const slash = part.lastIndexOf("/");
      parts.push({ name: `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`, data: rels(sheet.rels) });
    }
  });
  for (const part of spec.parts ?? []) parts.push({ name: part.name, data: part.data });
  return parts;
}

function rawPart(name: string, data: string | Uint8Array): RawPart {
  if (typeof data === "string") return textPart(name, data);
  return { name, compressed: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) };
}

export function zipParts(parts: readonly { name: string; data: string | Uint8Array }[]): Uint8Array {
  return assembleZip(parts.map((part) => rawPart(part.name, part.data)));
}

export function workbookFile(spec: WorkbookSpec): Uint8Array {
  return zipParts(workbookParts(spec));
}

// ---------------------------------------------------------------------------------------------
// Class 3: what ExcelJS expands cell by cell.

/** A merge over the whole grid, on the budget sheet (and its header row merged twice over). */
export function hugeMergeWorkbook(): Uint8Array {
  return workbookFile({ sheets: contractSheets('<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>') });
}

/** A realistic defined name: the budget's columns down to Excel's last row. */
export function realisticDefinedNameWorkbook(): Uint8Array {
  return workbookFile({
    sheets: contractSheets(),
    definedNames: '<definedName name="經費範圍">經費表!$A$2:$K$1048576</definedName><definedName name="_xlnm.Print_Area" localSheetId="1">經費表!$A$1:$XFD$1048576</definedName>',
  });
}

/** A data validation over the whole grid. */
export function hugeValidationWorkbook(): Uint8Array {
  return workbookFile({
    sheets: contractSheets(
      '<dataValidations count="1"><dataValidation type="whole" allowBlank="1" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
    ),
  });
}

/**
 * A commented-out `<dataValidations/>` first, then the real rules over the whole grid: a regex
 * that strips "the first dataValidations element" strips the comment and leaves the real rules.
 */
export function commentedValidationWorkbook(): Uint8Array {
  return workbookFile({
    sheets: contractSheets(
      '<!-- <dataValidations count="0"/> --><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A2:K1048576 M1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>',
    ),
  });
}

/** Conditional formats over the whole grid and a hyperlink over a huge range, besides a merge. */
export function everythingHugeWorkbook(): Uint8Array {
  return workbookFile({
    sheets: contractSheets(
      '<mergeCells count="2"><mergeCell ref="M1:XFD1048576"/><mergeCell ref="A10:K1048576"/></mergeCells>' +
        '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>' +
        '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
    ),
    definedNames: '<definedName name="全部">經費表!$A:$XFD</definedName><definedName name="列">經費表!$1:$1048576</definedName>',
  });
}

/**
 * A budget of `rows` line items, one in ten a PhD assistant paid 12,000 (flagged, with a note),
 * built piece by piece.
 */
export function manyRowsWorkbook(rows: number): Uint8Array {
  const pieces: string[] = [rowXml(1, BUDGET_HEADERS)];
  for (let i = 0; i < rows; i += 1) {
    const line: CellInput[] =
      i % 10 === 0
        ? ["人事費", "博士生兼任助理", null, "博士生兼任助理", null, `助理${i}`, 12_000, 1, 1, 12_000, "補助款"]
        : ["業務費", "耗材", `品項${i}`, null, null, null, 10, 1, null, 10, "補助款"];
    pieces.push(rowXml(i + 2, line));
  }
  const sheet = `${XML_HEAD}<worksheet ${NS} ${NS_R}><sheetData>${pieces.join("")}</sheetData></worksheet>`;
  const bytes = Buffer.from(sheet, "utf8");
  const parts = workbookParts({ sheets: [{ name: "計畫資訊", xml: planSheetXml() }, { name: "經費表", xml: "" }, { name: "會員名單", xml: membersSheetXml() }] });
  return assembleZip(
    parts.map((part) =>
      part.name === "xl/worksheets/sheet2.xml"
        ? { name: part.name, compressed: deflateRawSync(bytes, { level: 1, finishFlush: constants.Z_FINISH }), declaredSize: bytes.length, crc: crc32(bytes) }
        : rawPart(part.name, part.data),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Class 6: what made the ExcelJS copy fail or print library text.

/** A sheet name LibreOffice writes and Excel does not: 40 characters, with a bidi override and a line separator. */
export const LONG_SHEET_NAME = `報表\u202e甲乙丙\u2028${"長".repeat(30)}${"x".repeat(4)}`;

export function longSheetNameWorkbook(): Uint8Array {
  return workbookFile({
    sheets: [...contractSheets(), { name: LONG_SHEET_NAME, xml: worksheetXml(rowXml(1, ["我的資料", 42])) }],
  });
}

/** An entity no XML parser knows (`&nbsp;`), in a sheet of the person's own. */
export function undefinedEntityWorkbook(): Uint8Array {
  return workbookFile({
    sheets: [...contractSheets(), { name: "備註", xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row>') }],
  });
}

/** A shared-string cell whose index points past the shared strings, and a note without text. */
export function danglingSharedStringWorkbook(): Uint8Array {
  const strings = `${XML_HEAD}<sst ${NS} count="1" uniqueCount="1"><si><t>只有一個</t></si></sst>`;
  const comments = `${XML_HEAD}<comments ${NS}><authors><author>me</author></authors><commentList><comment ref="A1" authorId="0"/></commentList></comments>`;
  return workbookFile({
    sheets: [
      ...contractSheets(),
      {
        name: "備註",
        xml: worksheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>'),
        rels: [["rId1", "comments", "../comments1.xml"]],
      },
    ],
    workbookRels: [["rIdStrings", "sharedStrings", "sharedStrings.xml"]],
    parts: [
      { name: "xl/sharedStrings.xml", data: strings, contentType: `${CT}.sharedStrings+xml` },
      { name: "xl/comments1.xml", data: comments, contentType: CONTENT_TYPE.comments },
    ],
  });
}

/** A macro-enabled workbook: a VBA project and the macro-enabled content type. */
export const VBA_PROJECT = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array.from({ length: 504 }, (_, i) => i % 251)]);

export function macroWorkbook(): Uint8Array {
  return workbookFile({
    sheets: contractSheets(),
    workbookContentType: CONTENT_TYPE.macroWorkbook,
    workbookRels: [["rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"]],
    defaults: [["bin", "application/vnd.ms-office.vbaProject"]],
    parts: [{ name: "xl/vbaProject.bin", data: VBA_PROJECT }],
  });
}

/** Notes whose comments part is not well-formed (an unterminated XML comment), on the flagged budget sheet. */
export function brokenNotesWorkbook(): Uint8Array {
  const sheets = contractSheets();
  sheets[1] = { ...sheets[1]!, rels: [["rId1", "comments", "../comments1.xml"]] };
  const comments = `${XML_HEAD}<comments ${NS}><authors><author>me</author></authors><commentList><comment ref="A1" authorId="0"><text><t>我的附註</t></text></comment><!-- </commentList></comments>`;
  return workbookFile({ sheets, parts: [{ name: "xl/comments1.xml", data: comments, contentType: CONTENT_TYPE.comments }] });
}

/** The budget's rows out of order (row 3 before row 2): a sheet the copy cannot place flags in safely. */
export function rowsOutOfOrderWorkbook(): Uint8Array {
  const rows = [rowXml(1, BUDGET_HEADERS), ...BUDGET_LINES.map((line, index) => rowXml(index + 2, line))];
  [rows[1], rows[2]] = [rows[2]!, rows[1]!];
  const sheets = contractSheets();
  sheets[1] = { ...sheets[1]!, xml: worksheetXml(rows.join("")) };
  return workbookFile({ sheets });
}

// ---------------------------------------------------------------------------------------------
// Class 5: markers that imitate ours.

/** Markers of every kind pointing at the person's input sheets (one sheet-level, one in other case). */
export function forgedMarkersWorkbook(): Uint8Array {
  return workbookFile({
    sheets: contractSheets(),
    definedNames:
      '<definedName name="AllianceCheck_Generated_findings">&apos;經費表&apos;!$A$1</definedName>' +
      '<definedName name="ALLIANCECHECK_GENERATED_SUMMARY">會員名單!$A$1</definedName>' +
      '<definedName name="AllianceCheck_Generated_summaryCalc" localSheetId="0">&apos;計畫資訊&apos;!$A$1</definedName>',
  });
}
