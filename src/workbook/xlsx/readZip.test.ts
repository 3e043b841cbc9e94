import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { isWorkbookError } from "../gateway";
import { readWorkbookSnapshot } from "./read";
import { SharedStringsReader } from "./readSharedStrings";
import { SheetReader } from "./readSheet";
import { XmlScanner, NS_SML } from "./readXmlStream";
import { createByteFeeder, findEntry, InflateBudget, openZipPackage, readEntryText } from "./readZip";

const WORKBOOK_FILES: Record<string, string> = {
  "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  "xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  "xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>stored</t></is></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`,
};

/** A zip of stored (uncompressed) entries, optionally with zip64 records as streaming writers emit. */
function storedZip(files: Record<string, string>, options: { zip64?: boolean; flags?: number; method?: number } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array): void => {
    chunks.push(bytes);
    offset += bytes.length;
  };
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = strToU8(name);
    const data = strToU8(text);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, options.flags ?? 0, true);
    local.setUint16(8, options.method ?? 0, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    const localOffset = offset;
    push(new Uint8Array(local.buffer));
    push(nameBytes);
    push(data);
    const extra = new DataView(new ArrayBuffer(options.zip64 ? 28 : 0));
    if (options.zip64) {
      extra.setUint16(0, 1, true);
      extra.setUint16(2, 24, true);
      extra.setBigUint64(4, BigInt(data.length), true);
      extra.setBigUint64(12, BigInt(data.length), true);
      extra.setBigUint64(20, BigInt(localOffset), true);
    }
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 45, true);
    entry.setUint16(6, 45, true);
    entry.setUint16(8, options.flags ?? 0, true);
    entry.setUint16(10, options.method ?? 0, true);
    entry.setUint32(20, options.zip64 ? 0xffffffff : data.length, true);
    entry.setUint32(24, options.zip64 ? 0xffffffff : data.length, true);
    entry.setUint16(28, nameBytes.length, true);
    entry.setUint16(30, extra.byteLength, true);
    entry.setUint32(42, options.zip64 ? 0xffffffff : localOffset, true);
    central.push(new Uint8Array(entry.buffer), nameBytes, new Uint8Array(extra.buffer));
  }
  const directoryOffset = offset;
  for (const part of central) push(part);
  const directorySize = offset - directoryOffset;
  const count = Object.keys(files).length;
  if (options.zip64) {
    const record = new DataView(new ArrayBuffer(56));
    record.setUint32(0, 0x06064b50, true);
    record.setBigUint64(4, 44n, true);
    record.setBigUint64(24, BigInt(count), true);
    record.setBigUint64(32, BigInt(count), true);
    record.setBigUint64(40, BigInt(directorySize), true);
    record.setBigUint64(48, BigInt(directoryOffset), true);
    const recordOffset = offset;
    push(new Uint8Array(record.buffer));
    const locator = new DataView(new ArrayBuffer(20));
    locator.setUint32(0, 0x07064b50, true);
    locator.setBigUint64(8, BigInt(recordOffset), true);
    locator.setUint32(16, 1, true);
    push(new Uint8Array(locator.buffer));
  }
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, options.zip64 ? 0xffff : count, true);
  end.setUint16(10, options.zip64 ? 0xffff : count, true);
  end.setUint32(12, options.zip64 ? 0xffffffff : directorySize, true);
  end.setUint32(16, options.zip64 ? 0xffffffff : directoryOffset, true);
  push(new Uint8Array(end.buffer));
  const out = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

async function errorCode(data: Uint8Array): Promise<string | undefined> {
  try {
    await readWorkbookSnapshot(data);
    return undefined;
  } catch (error) {
    return isWorkbookError(error) ? error.code : `unexpected ${String(error)}`;
  }
}

describe("zip container", () => {
  it.each([
    ["stored entries", {}],
    ["zip64 records", { zip64: true }],
  ])("reads %s", async (_label, options) => {
    const snapshot = await readWorkbookSnapshot(storedZip(WORKBOOK_FILES, options));
    expect(snapshot.sheets[0]?.values).toEqual([["stored", 2]]);
  });

  it("finds parts case-insensitively and with backslashes, as OPC readers do", () => {
    const zip = openZipPackage(zipSync({ "XL\\Workbook.XML": strToU8("<x/>") }));
    const entry = findEntry(zip, "/xl/workbook.xml");
    expect(entry?.name).toBe("XL/Workbook.XML");
    expect(readEntryText(zip, entry!, new InflateBudget(100))).toBe("<x/>");
  });

  it("refuses a package with two parts whose names OPC holds equivalent", () => {
    const sheet = WORKBOOK_FILES["xl/worksheets/sheet1.xml"]!;
    for (const twin of ["XL/Worksheets/Sheet1.xml", "xl\\worksheets\\sheet1.xml", "xl/worksheets/sheet%31.xml", "/xl/worksheets/sheet1.xml"]) {
      expect(() => openZipPackage(storedZip({ ...WORKBOOK_FILES, [twin]: sheet }))).toThrow(/two parts with equivalent names/);
    }
    expect(() => openZipPackage(storedZip({ ...WORKBOOK_FILES, "xl/worksheets/sheet1.xml.bak": sheet }))).not.toThrow();
  });

  it("refuses more zip entries than a workbook could have from the end record, before listing them", () => {
    const forged = storedZip(WORKBOOK_FILES, { zip64: true });
    const view = new DataView(forged.buffer);
    const record = Number(view.getBigUint64(forged.length - 22 - 20 + 8, true));
    view.setBigUint64(record + 24, 5_000_000n, true);
    view.setBigUint64(record + 32, 5_000_000n, true);
    const started = Date.now();
    expect(() => openZipPackage(forged)).toThrow(/lists 5,000,000 parts, more than the 65,536/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("rejects zip-level encryption and unknown compression methods", async () => {
    expect(await errorCode(storedZip(WORKBOOK_FILES, { flags: 1 }))).toBe("encrypted");
    expect(await errorCode(storedZip(WORKBOOK_FILES, { method: 12 }))).toBe("corrupt");
  });

  it("rejects a part whose size differs from its header", async () => {
    const data = storedZip(WORKBOOK_FILES);
    const zip = openZipPackage(data);
    const entry = findEntry(zip, "xl/worksheets/sheet1.xml")!;
    entry.size -= 10; // a header that under-declares: the bytes that follow are refused
    expect(() => readEntryText(zip, entry, new InflateBudget(1e6))).toThrow(/expands beyond/);
    entry.size += 20;
    expect(() => readEntryText(zip, entry, new InflateBudget(1e6))).toThrow(/not the \d+ its header declares/);
  });

  it("counts actual inflated bytes against the budget", () => {
    const zip = openZipPackage(zipSync({ "a.xml": new Uint8Array(5000) }));
    expect(() => readEntryText(zip, findEntry(zip, "a.xml")!, new InflateBudget(4000))).toThrow(/more than 3.9 KiB/);
  });
});

describe("streaming text", () => {
  const sheetXml = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:XFD1048576"/><x:sheetData>
<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>rich &amp; </x:t></x:r><x:rPh><x:t>ふ</x:t></x:rPh><x:r><x:t xml:space="preserve">text</x:t></x:r></x:is></x:c><x:c r="C2" s="0"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>
<!-- a comment with <x:c r="Z9"><x:v>9</x:v></x:c> inside -->
<x:row><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="str"><x:v>😀 עברית</x:v></x:c></x:row>
</x:sheetData><x:mergeCells><x:mergeCell ref="B2:C2"/></x:mergeCells></x:worksheet>`;

  const sheetBytes = new TextEncoder().encode(sheetXml).length;

  function readInPieces(xml: string, cuts: number[]): unknown {
    const reader = new SheetReader({
      sharedStrings: [],
      dateStyles: [],
      date1904: false,
      budget: { maxCells: 1000, cells: 0, slots: 0 },
    });
    const feeder = createByteFeeder((bytes, final) => reader.consume(bytes, final));
    const bytes = new TextEncoder().encode(xml);
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      feeder.push(bytes.subarray(from, cut));
      from = Math.max(from, cut);
    }
    feeder.push(bytes.subarray(from));
    feeder.end();
    expect(reader.complete).toBe(true);
    reader.finish();
    return reader.snapshot("S", false);
  }

  it("reads a sheet the same however its text is cut into pieces", () => {
    const whole = readInPieces(sheetXml, []);
    expect(whole).toEqual({
      name: "S",
      originRow: 2,
      originColumn: 1,
      values: [[null, "rich & text"], [{ error: "#N/A" }, true, "😀 עברית"]],
    });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: sheetBytes }), { maxLength: 40 }), (cuts) => {
        expect(readInPieces(sheetXml, cuts)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
    // Every cut, including inside multi-byte characters.
    for (let cut = 0; cut <= sheetBytes; cut++) expect(readInPieces(sheetXml, [cut])).toEqual(whole);
  });

  it("reads shared strings the same however the text is cut", () => {
    const xml = new TextEncoder().encode(
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si><si><r><t>b</t></r><rPh><t>x</t></rPh><r><t>c</t></r></si><si/><si><t>&#x1F600;</t></si></sst>`,
    );
    for (let cut = 0; cut <= xml.length; cut++) {
      const strings: string[] = [];
      const scanner = new XmlScanner("xl/sharedStrings.xml", new SharedStringsReader(strings, 100), NS_SML, "sst");
      const feeder = createByteFeeder((bytes, final) => scanner.consume(bytes, final));
      feeder.push(xml.subarray(0, cut));
      feeder.push(xml.subarray(cut));
      feeder.end();
      scanner.finish();
      expect(strings).toEqual(["a", "bc", "", "😀"]);
    }
  });

  it("takes linear time over a huge unterminated element", () => {
    let byteCalls = 0;
    const byteFeeder = createByteFeeder(() => {
      byteCalls++;
      return 0;
    });
    for (let i = 0; i < 4096; i++) byteFeeder.push(new Uint8Array(1024));
    byteFeeder.end();
    expect(byteCalls).toBeLessThan(20);

  });
});
