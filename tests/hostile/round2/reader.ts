/**
 * Hostile workbooks of issue 12, the reader's classes, built byte by byte at test time:
 *
 * 1. a violating workbook dressed to read as clean (a DTD whose internal subset seems to end
 *    early, SpreadsheetML look-alikes in an ignorable namespace, a zip entry that shadows
 *    another under OPC's case-insensitive names);
 * 2. small files with huge costs (floods of styles, relationships and sheets, a UTF-16 sheet
 *    past the cell limit, a gigabyte that is no zip);
 * 6. numbers no formatter expected, cell references outside the grid, shared strings past the table.
 *
 * Each starts from samples/sample-clean.xlsx (exit 0, no errors), whose budget pays a doctoral
 * part-time assistant NT$16,000 a month at 經費表!G6: the attacks make that 12,000 (under the
 * 16,000 floor, BUD-PHD-PAY) where other readers look, and 16,000 where a careless reader looks.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { crc32, deflateRawSync } from "zlib";
import { strToU8, unzipSync } from "fflate";
import { assembleZip, MiB, repeatedDeflate, type RawPart } from "../generate";

export const SAMPLE = path.join(__dirname, "..", "..", "..", "samples", "sample-clean.xlsx");
export const BUDGET_PART = "xl/worksheets/sheet2.xml";
const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const PAY_CELL = '<c r="G6" s="2"><v>16000</v></c>';

/** A part deflated honestly from its bytes. */
export function part(name: string, bytes: Uint8Array | string): RawPart {
  const data = typeof bytes === "string" ? strToU8(bytes) : bytes;
  return { name, compressed: new Uint8Array(deflateRawSync(data)), declaredSize: data.length, crc: crc32(data) };
}

/** The sample's parts, in order, with some replaced (by name) and some added. */
export function samplePackage(replace: Record<string, string | Uint8Array | RawPart> = {}, extra: RawPart[] = []): Uint8Array {
  const files = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const parts: RawPart[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith("/")) continue;
    const replacement = replace[name];
    if (replacement === undefined) parts.push(part(name, bytes));
    else parts.push(typeof replacement === "string" || replacement instanceof Uint8Array ? part(name, replacement) : replacement);
  }
  return assembleZip([...parts, ...extra]);
}

export function sampleText(name: string): string {
  const bytes = unzipSync(new Uint8Array(readFileSync(SAMPLE)), { filter: (file) => file.name === name })[name];
  if (!bytes) throw new Error(`${name} is not in the sample`);
  return new TextDecoder().decode(bytes);
}

/** The budget sheet with the doctoral pay cell replaced. */
function budgetWith(cells: string): string {
  const xml = sampleText(BUDGET_PART);
  if (!xml.includes(PAY_CELL)) throw new Error("the sample's pay cell moved");
  return xml.replace(PAY_CELL, cells);
}

/** The honest violation: NT$12,000 where everyone reads it. */
export function honestViolation(): Uint8Array {
  return samplePackage({ [BUDGET_PART]: budgetWith('<c r="G6" s="2"><v>12000</v></c>') });
}

/**
 * A DTD whose internal subset holds an entity value with "]>" in it, then a whole fake worksheet
 * paying 16,000: a reader that skips "up to the first ]>" reads the fake; the real sheet after
 * the DTD pays 12,000.
 */
export function doctypeShadow(): Uint8Array {
  const real = budgetWith('<c r="G6" s="2"><v>12000</v></c>');
  const fake = sampleText(BUDGET_PART);
  const body = real.slice(real.indexOf("<worksheet"));
  const declaration = real.slice(0, real.indexOf("<worksheet"));
  const fakeBody = fake.slice(fake.indexOf("<worksheet"));
  return samplePackage({ [BUDGET_PART]: `${declaration}<!DOCTYPE worksheet [<!ENTITY hide ']>${fakeBody.replace(/'/g, "&#39;")}'>]>${body}` });
}

/**
 * The real cell pays 12,000; a look-alike `<c>` of an ignorable foreign namespace after it, for
 * the same cell, pays 16,000. Markup Compatibility says to skip it (Excel and LibreOffice do).
 */
export function ignorableLookAlike(): Uint8Array {
  const xml = budgetWith(`<c r="G6" s="2"><v>12000</v></c><e:c r="G6" s="2"><e:v>16000</e:v></e:c>`);
  const withNamespace = xml.replace('mc:Ignorable="x14ac"', 'mc:Ignorable="x14ac e" xmlns:e="urn:alliance-check:look-alike"');
  if (withNamespace === xml) throw new Error("the sample's root element changed");
  return samplePackage({ [BUDGET_PART]: withNamespace });
}

/**
 * Markup Compatibility: with `understood`, the Choice requires SpreadsheetML (bound to a second
 * prefix) and holds 12,000, the Fallback 16,000; without, the Choice requires x14ac, which no
 * one here understands, and holds 16,000, the Fallback 12,000.
 */
export function alternateContent(understood: boolean): Uint8Array {
  const [choice, fallback] = understood ? ["12000", "16000"] : ["16000", "12000"];
  const xml = budgetWith(
    `<mc:AlternateContent xmlns:s="${SML}"><mc:Choice Requires="${understood ? "s" : "x14ac"}"><c r="G6" s="2"><v>${choice}</v></c></mc:Choice><mc:Fallback><c r="G6" s="2"><v>${fallback}</v></c></mc:Fallback></mc:AlternateContent>`,
  );
  return samplePackage({ [BUDGET_PART]: xml });
}

/** Two entries with OPC-equivalent names: the real budget (12,000), then a shadow (16,000) spelt in capitals. */
export function shadowedPart(): Uint8Array {
  return samplePackage({ [BUDGET_PART]: budgetWith('<c r="G6" s="2"><v>12000</v></c>') }, [part("XL/Worksheets/Sheet2.xml", sampleText(BUDGET_PART))]);
}

/** A pay of 1e22 (and the amount with it): numbers the report must still print. */
export function hugeNumbers(): Uint8Array {
  return samplePackage({ [BUDGET_PART]: budgetWith('<c r="G6" s="2"><v>10000000000000000000000</v></c>').replace("<v>192000</v>", "<v>1.2E+308</v>") });
}

/** The pay cell's reference replaced by `reference` (G0, XFE40, lower case, junk). */
export function badReference(reference: string): Uint8Array {
  return samplePackage({ [BUDGET_PART]: budgetWith(`<c r="${reference}" s="2"><v>12000</v></c>`) });
}

/** The pay cell as shared string 100,000 (the table has a few dozen). */
export function sharedStringPastTable(): Uint8Array {
  return samplePackage({ [BUDGET_PART]: budgetWith('<c r="G6" t="s"><v>100000</v></c>') });
}

/** A part made of `head`, `unit` repeated `times` times and `tail`, deflated without ever being held. */
function repeatedPart(name: string, head: Uint8Array, unit: Uint8Array, times: number, tail: Uint8Array): RawPart {
  const first = deflateRawSync(head, { finishFlush: 3 /* Z_FULL_FLUSH */ });
  const middle = repeatedDeflate(unit, times).subarray(0, -2);
  const last = deflateRawSync(tail);
  const compressed = new Uint8Array(Buffer.concat([first, middle, last]));
  return { name, compressed, declaredSize: head.length + unit.length * times + tail.length };
}

const repeat = (text: string, times: number): string => text.repeat(times);

/** styles.xml with `count` cell formats (Excel allows about 64,000). */
export function styleFlood(count = 3_000_000): Uint8Array {
  const unit = strToU8(repeat('<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/>', 1000));
  return samplePackage({
    "xl/styles.xml": repeatedPart("xl/styles.xml", strToU8(`<styleSheet xmlns="${SML}"><cellXfs>`), unit, Math.ceil(count / 1000), strToU8("</cellXfs></styleSheet>")),
  });
}

/** styles.xml padded with `megabytes` MiB of whitespace between its elements (honestly declared). */
export function whitespaceStyles(megabytes = 60): Uint8Array {
  const styles = sampleText("xl/styles.xml");
  const split = styles.indexOf("<cellXfs");
  return samplePackage({
    "xl/styles.xml": repeatedPart("xl/styles.xml", strToU8(styles.slice(0, split)), new Uint8Array(MiB).fill(0x20), megabytes, strToU8(styles.slice(split))),
  });
}

/** The workbook's relationships part with `count` more relationships. */
export function relationshipFlood(count = 2_000_000): Uint8Array {
  const rels = sampleText("xl/_rels/workbook.xml.rels");
  const split = rels.indexOf("</Relationships>");
  const unit = strToU8(
    repeat('<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>', 1000),
  );
  return samplePackage({
    "xl/_rels/workbook.xml.rels": repeatedPart("xl/_rels/workbook.xml.rels", strToU8(rels.slice(0, split)), unit, Math.ceil(count / 1000), strToU8(rels.slice(split))),
  });
}

/** workbook.xml listing `count` sheets, all on the budget's part (a million give the right refusal, eventually). */
export function sheetFlood(count = 1_000_000): Uint8Array {
  const workbook = sampleText("xl/workbook.xml");
  const split = workbook.indexOf("</sheets>");
  const unit = strToU8(repeat('<sheet name="經費表" sheetId="9" r:id="rId5"/>', 1000));
  return samplePackage({
    "xl/workbook.xml": repeatedPart("xl/workbook.xml", strToU8(workbook.slice(0, split)), unit, Math.ceil(count / 1000), strToU8(workbook.slice(split))),
  });
}

/** Two sheets over the budget's one part. */
export function twoSheetsOnePart(): Uint8Array {
  const workbook = sampleText("xl/workbook.xml");
  return samplePackage({ "xl/workbook.xml": workbook.replace("</sheets>", '<sheet name="影子" sheetId="9" r:id="rId5"/></sheets>') });
}

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "utf16le"));
}

/**
 * The budget sheet in UTF-16 (with its byte-order mark) holding `rows` rows of 1,000 cells:
 * 16,000 rows are 16 million cells, past the 5,000,000-cell limit: 480 MB of XML in a file of
 * about a megabyte, which a reader that collects UTF-16 whole before streaming holds three times.
 */
export function utf16CellFlood(rows = 16_000): Uint8Array {
  const head = new Uint8Array([0xff, 0xfe, ...utf16le(`<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${SML}"><sheetData>`)]);
  const unit = utf16le(`<row>${repeat("<c><v>1</v></c>", 1000)}</row>`);
  return samplePackage({ [BUDGET_PART]: repeatedPart(BUDGET_PART, head, unit, rows, utf16le("</sheetData></worksheet>")) });
}
