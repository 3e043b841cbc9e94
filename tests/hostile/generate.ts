/**
 * Big hostile files, made at test time (the repository keeps only small files): zip bombs whose
 * parts inflate to gigabytes from about a megabyte, and a budget with a million real rows.
 *
 * A bomb's deflate stream is one compressed block of a repeated unit, repeated: a block
 * compressed after a full flush refers to nothing before it, so copies of it concatenate into a
 * valid stream at ~1,000:1 without ever holding the inflated bytes.
 */
import * as zlib from "zlib";
import { constants, deflateRawSync } from "zlib";
import { strToU8 } from "fflate";
import { crc32 as tableCrc32 } from "../../src/workbook/xlsx/packageCopy";

export const GiB = 1024 * 1024 * 1024;
export const MiB = 1024 * 1024;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A part of a zip we assemble by hand: its deflated bytes and what the headers say. */
export interface RawPart {
  name: string;
  /** Raw deflate bytes. */
  compressed: Uint8Array;
  /** Uncompressed size written in both headers (may lie). */
  declaredSize: number;
  /** CRC-32 written in the headers (readers that trust sizes never get far enough to check it). */
  crc?: number;
}

/** A deflate stream that inflates to `unit` repeated `times` times. */
export function repeatedDeflate(unit: Uint8Array, times: number): Uint8Array {
  const block = deflateRawSync(unit, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const out = new Uint8Array(block.length * times + 2);
  for (let i = 0; i < times; i += 1) out.set(block, i * block.length);
  // The last block: empty, fixed Huffman, BFINAL set.
  out[out.length - 2] = 0x03;
  out[out.length - 1] = 0x00;
  return out;
}

/** CRC-32 of `data`, continuing from `previous` (Node's own since 20.15, else the copy writer's). */
function crc32(data: Uint8Array, previous = 0): number {
  if (typeof zlib.crc32 === "function") return zlib.crc32(data, previous);
  return tableCrc32(data, previous);
}

/** Small text parts, deflated honestly. */
export function textPart(name: string, text: string): RawPart {
  const bytes = strToU8(text);
  return { name, compressed: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
}

/** A zip of the given parts, written field by field (no zip64: sizes stay under 4 GiB). */
export function assembleZip(parts: readonly RawPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = strToU8(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(part.crc ?? 0, 14);
    local.writeUInt32LE(part.compressed.length, 18);
    local.writeUInt32LE(part.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(part.crc ?? 0, 16);
    header.writeUInt32LE(part.compressed.length, 20);
    header.writeUInt32LE(part.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.compressed);
    central.push(header, name);
    offset += local.length + name.length + part.compressed.length;
  }
  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}

function contentTypes(extra = ""): string {
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${extra}</Types>`;
}

function rels(list: [string, string, string][]): string {
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`)
    .join("")}</Relationships>`;
}

function inlineRow(row: number, values: (string | number)[]): string {
  const cells = values
    .map((value, c) => {
      const ref = `${String.fromCharCode(65 + c)}${row}`;
      return typeof value === "number" ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
    })
    .join("");
  return `<row r="${row}">${cells}</row>`;
}

function worksheet(rows: string): string {
  return `${XML_HEAD}<worksheet ${NS} ${NS_R}><sheetData>${rows}</sheetData></worksheet>`;
}

const PLAN_ROWS: (string | number)[][] = [
  ["計畫名稱", "炸彈測試聯盟"],
  ["計畫年度", 115],
  ["計畫期別", 1],
  ["期別年次", 2],
  ["申請補助款", 2000000],
  ["主持人歷年執行年度", "114"],
];

/** The parts of a small valid workbook (plan + budget), to which a bomb is added. */
function smallWorkbookParts(sheetXml?: string): RawPart[] {
  const budget = [inlineRow(1, ["科目", "項目", "金額"]), inlineRow(2, ["業務費", "耗材", 1000])].join("");
  return [
    textPart("[Content_Types].xml", contentTypes()),
    textPart("_rels/.rels", rels([["rId1", "officeDocument", "xl/workbook.xml"]])),
    textPart(
      "xl/workbook.xml",
      `${XML_HEAD}<workbook ${NS} ${NS_R}><sheets><sheet name="計畫資訊" sheetId="1" r:id="rId1"/><sheet name="經費表" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    textPart(
      "xl/_rels/workbook.xml.rels",
      rels([
        ["rId1", "worksheet", "worksheets/sheet1.xml"],
        ["rId2", "worksheet", "worksheets/sheet2.xml"],
      ]),
    ),
    textPart("xl/worksheets/sheet1.xml", worksheet(PLAN_ROWS.map((row, i) => inlineRow(i + 1, row)).join(""))),
    ...(sheetXml === undefined ? [textPart("xl/worksheets/sheet2.xml", worksheet(budget))] : []),
  ];
}

/** ~1 MiB of spaces per unit: whitespace between rows, which XML allows. */
function spaceUnit(): Uint8Array {
  return new Uint8Array(MiB).fill(0x20);
}

export type BombKind =
  /** The budget sheet inflates to `size`, and its headers say so. */
  | "sheet-honest"
  /** The budget sheet inflates to `size`, but its headers say 1 KiB. */
  | "sheet-lying"
  /** A valid workbook with an image part (never read by the check) that inflates to `size`. */
  | "media-honest"
  | "media-lying"
  /** A custom XML part (where waivers live) that inflates to `size` and says 1 KiB. */
  | "customxml-lying";

/**
 * A zip bomb of about `size` / 1,000 bytes. The sheet bombs are well-formed worksheets padded
 * with whitespace, so only the size gives them away.
 */
export function zipBomb(kind: BombKind, size = GiB): Uint8Array {
  const times = Math.round(size / MiB);
  const inflated = times * MiB;
  const lie = 1024;
  switch (kind) {
    case "sheet-honest":
    case "sheet-lying": {
      // Header and footer are stored in their own deflate blocks around the padding.
      const head = strToU8(`${XML_HEAD}<worksheet ${NS}><sheetData>${inlineRow(1, ["科目", "項目", "金額"])}`);
      const tail = strToU8("</sheetData></worksheet>");
      const first = deflateRawSync(head, { finishFlush: constants.Z_FULL_FLUSH });
      const middle = repeatedDeflate(spaceUnit(), times).subarray(0, -2);
      const last = deflateRawSync(tail);
      const compressed = Buffer.concat([first, middle, last]);
      const declaredSize = kind === "sheet-honest" ? head.length + inflated + tail.length : lie;
      return assembleZip([...smallWorkbookParts(""), { name: "xl/worksheets/sheet2.xml", compressed, declaredSize }]);
    }
    case "media-honest":
    case "media-lying": {
      const compressed = repeatedDeflate(new Uint8Array(MiB), times);
      return assembleZip([...smallWorkbookParts(), { name: "xl/media/image1.png", compressed, declaredSize: kind === "media-honest" ? inflated : lie }]);
    }
    case "customxml-lying": {
      const head = strToU8(`<?xml version="1.0"?><waivers xmlns="urn:alliance-check:waivers">`);
      const first = deflateRawSync(head, { finishFlush: constants.Z_FULL_FLUSH });
      const compressed = Buffer.concat([first, repeatedDeflate(spaceUnit(), times)]);
      const parts = smallWorkbookParts();
      const workbookRels = parts.findIndex((part) => part.name === "xl/_rels/workbook.xml.rels");
      parts[workbookRels] = textPart(
        "xl/_rels/workbook.xml.rels",
        rels([
          ["rId1", "worksheet", "worksheets/sheet1.xml"],
          ["rId2", "worksheet", "worksheets/sheet2.xml"],
          ["rId3", "customXml", "../customXml/item1.xml"],
        ]),
      );
      return assembleZip([...parts, { name: "customXml/item1.xml", compressed, declaredSize: lie }]);
    }
  }
}

/** Deflates text produced piece by piece (each piece its own flushed blocks), with its CRC. */
function deflatePieces(pieces: Iterable<string>): RawPart & { name: "" } {
  const chunks: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece, "utf8");
    size += bytes.length;
    crc = crc32(bytes, crc);
    // Level 1: a realistic ratio (about 10:1), not a bomb's.
    chunks.push(deflateRawSync(bytes, { level: 1, finishFlush: constants.Z_FULL_FLUSH }));
  }
  chunks.push(Buffer.from([0x03, 0x00]));
  return { name: "", compressed: new Uint8Array(Buffer.concat(chunks)), declaredSize: size, crc };
}

export const BIG_BUDGET_HEADERS = ["科目", "項目", "金額", "說明", "學歷", "姓名", "單價", "數量", "月數", "經費來源", "備註"];

/**
 * A contract workbook whose budget has `rows` line items in `columns` columns (科目, 項目, 金額,
 * then other budget headers), generated piece by piece so the XML is never held whole. Each line
 * is a valid 業務費 line of NT$1,000, so the findings are about the totals, not the lines.
 */
export function bigBudgetWorkbook(rows: number, columns = 3): Uint8Array {
  const headers = BIG_BUDGET_HEADERS.slice(0, columns);
  // Shared strings: the headers, then 業務費, 耗材, 補助款.
  const strings = [...headers, "業務費", "耗材", "補助款"];
  const index = (text: string) => strings.indexOf(text);
  const sharedStrings = `${XML_HEAD}<sst ${NS} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((text) => `<si><t>${text}</t></si>`).join("")}</sst>`;
  const column = (c: number) => String.fromCharCode(65 + c);
  function* sheetPieces(): Generator<string> {
    yield `${XML_HEAD}<worksheet ${NS}><sheetData><row r="1">${headers.map((_, c) => `<c r="${column(c)}1" t="s"><v>${c}</v></c>`).join("")}</row>`;
    const block = 20_000;
    for (let start = 0; start < rows; start += block) {
      const parts: string[] = [];
      for (let i = start; i < Math.min(rows, start + block); i += 1) {
        const r = i + 2;
        let cells = `<c r="A${r}" t="s"><v>${index("業務費")}</v></c><c r="B${r}" t="s"><v>${index("耗材")}</v></c><c r="C${r}"><v>1000</v></c>`;
        for (let c = 3; c < columns; c += 1) cells += c === 9 ? `<c r="J${r}" t="s"><v>${index("補助款")}</v></c>` : `<c r="${column(c)}${r}"><v>${i % 97}</v></c>`;
        parts.push(`<row r="${r}">${cells}</row>`);
      }
      yield parts.join("");
    }
    yield "</sheetData></worksheet>";
  }
  const sheet = deflatePieces(sheetPieces());
  return assembleZip([
    textPart("[Content_Types].xml", contentTypes()),
    textPart("_rels/.rels", rels([["rId1", "officeDocument", "xl/workbook.xml"]])),
    textPart(
      "xl/workbook.xml",
      `${XML_HEAD}<workbook ${NS} ${NS_R}><sheets><sheet name="計畫資訊" sheetId="1" r:id="rId1"/><sheet name="經費表" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    textPart(
      "xl/_rels/workbook.xml.rels",
      rels([
        ["rId1", "worksheet", "worksheets/sheet1.xml"],
        ["rId2", "worksheet", "worksheets/sheet2.xml"],
        ["rId3", "sharedStrings", "sharedStrings.xml"],
      ]),
    ),
    textPart("xl/sharedStrings.xml", sharedStrings),
    textPart("xl/worksheets/sheet1.xml", worksheet(PLAN_ROWS.map((row, i) => inlineRow(i + 1, row)).join(""))),
    { ...sheet, name: "xl/worksheets/sheet2.xml" },
  ]);
}
