import { isWorkbookError } from "../gateway";
import { SharedStringsReader } from "./readSharedStrings";
import { SheetReader } from "./readSheet";
import { parseRelationships, parseWorkbook } from "./readWorkbookPart";
import { NS_SML, XmlScanner } from "./readXmlStream";

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";

function readSheet(xml: string, sharedStrings: string[] = []): unknown {
  const reader = new SheetReader({ sharedStrings, dateStyles: [], date1904: false, budget: { maxCells: 1000, cells: 0, slots: 0 } }, "xl/worksheets/sheet1.xml");
  reader.consume(new TextEncoder().encode(xml), true);
  reader.finish();
  return reader.snapshot("S", false).values;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isWorkbookError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "read";
}

const sheet = (body: string, attributes = `xmlns="${SML}"`) => `<worksheet ${attributes}><sheetData>${body}</sheetData></worksheet>`;

describe("SpreadsheetML by namespace URI, not by local name", () => {
  it("reads Transitional and Strict, with or without a prefix, and default-namespace redeclarations", () => {
    const row = `<row r="1"><c r="A1"><v>1</v></c></row>`;
    expect(readSheet(sheet(row))).toEqual([[1]]);
    expect(readSheet(sheet(row, `xmlns="${STRICT}"`))).toEqual([[1]]);
    expect(readSheet(`<x:worksheet xmlns:x="${SML}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`)).toEqual([[1]]);
    // The prefix is bound to SpreadsheetML, the default namespace to something else.
    expect(readSheet(`<s:worksheet xmlns:s="${SML}" xmlns="urn:other"><s:sheetData><s:row r="1"><s:c r="A1"><s:v>1</s:v><v>9</v></s:c></s:row></s:sheetData></s:worksheet>`)).toEqual([[1]]);
    // A redeclared default namespace on a cell: its <v> is SpreadsheetML again.
    expect(readSheet(sheet(`<row r="1"><x:c xmlns:x="${SML}" xmlns="${SML}" r="A1"><v>2</v></x:c></row>`))).toEqual([[2]]);
  });

  it("never takes a c, row or v of another namespace for SpreadsheetML", () => {
    const foreign = `xmlns:f="urn:foreign"`;
    expect(readSheet(sheet(`<row r="1"><c r="A1"><v>12000</v></c><f:c ${foreign} r="A1"><f:v>40000</f:v></f:c></row>`))).toEqual([[12000]]);
    expect(readSheet(sheet(`<row r="1"><c r="A1"><v>12000</v><v xmlns="urn:foreign">40000</v></c></row>`))).toEqual([[12000]]);
    expect(readSheet(sheet(`<row r="1"><c r="A1"><v>12000</v></c></row><row xmlns="urn:foreign" r="1"><c r="A1"><v>40000</v></c></row>`))).toEqual([[12000]]);
    expect(readSheet(sheet(`<row r="1"><c r="A1" xmlns="urn:foreign"><v>40000</v></c></row>`))).toEqual([]);
  });

  it("skips ignorable namespaces with their content, and reads what ProcessContent names", () => {
    const root = `xmlns="${SML}" xmlns:mc="${MC}" xmlns:x14ac="urn:x14ac" mc:Ignorable="x14ac"`;
    expect(readSheet(sheet(`<row r="1" x14ac:dyDescent="0.25"><c r="A1"><v>1</v></c><x14ac:c r="A1"><v>40000</v></x14ac:c></row>`, root))).toEqual([[1]]);
    const processed = `${root} mc:ProcessContent="x14ac:wrap"`;
    expect(readSheet(sheet(`<row r="1"><x14ac:wrap><c r="B1"><v>2</v></c></x14ac:wrap></row>`, processed))).toEqual([[2]]);
  });

  it("takes mc:Fallback unless a Choice requires only namespaces it understands", () => {
    const root = `xmlns="${SML}" xmlns:mc="${MC}" xmlns:x14="${X14}" xmlns:s="${SML}"`;
    const alternate = (requires: string) =>
      `<row r="1"><mc:AlternateContent><mc:Choice Requires="${requires}"><c r="A1"><v>40000</v></c></mc:Choice><mc:Fallback><c r="A1"><v>12000</v></c></mc:Fallback></mc:AlternateContent></row>`;
    expect(readSheet(sheet(alternate("x14"), root))).toEqual([[12000]]);
    expect(readSheet(sheet(alternate("s"), root))).toEqual([[40000]]);
    expect(readSheet(sheet(alternate("s x14"), root))).toEqual([[12000]]);
  });

  it("refuses mc:MustUnderstand of a namespace it does not understand", () => {
    const root = `xmlns="${SML}" xmlns:mc="${MC}" xmlns:x14="${X14}" mc:MustUnderstand="x14"`;
    expect(refusal(() => readSheet(sheet("", root)))).toMatch(/^corrupt: .*mc:MustUnderstand/);
    expect(readSheet(sheet("", `xmlns="${SML}" xmlns:mc="${MC}" mc:MustUnderstand=""`))).toEqual([]);
  });

  it("refuses a part that is not the SpreadsheetML it claims to be", () => {
    expect(refusal(() => readSheet(`<worksheet xmlns="urn:other"><sheetData/></worksheet>`))).toMatch(/^corrupt: .*not SpreadsheetML/);
    expect(refusal(() => readSheet(`<worksheet><sheetData/></worksheet>`))).toMatch(/^corrupt: .*not SpreadsheetML/);
    expect(refusal(() => readSheet(`<q:worksheet><sheetData/></q:worksheet>`))).toMatch(/^corrupt: .*undeclared namespace prefix "q"/);
  });
});

describe("what a part may hold", () => {
  it("refuses any DTD, wherever its internal subset seems to end", () => {
    const tricks = [
      `<!DOCTYPE worksheet>`,
      `<!DOCTYPE worksheet [<!ENTITY e "]>"> ]>`,
      `<!DOCTYPE worksheet [<!ENTITY e ']>'>]>`,
      `<!doctype worksheet>`,
    ];
    for (const doctype of tricks) {
      const xml = `<?xml version="1.0"?>${doctype}${sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`)}`;
      expect(refusal(() => readSheet(xml))).toMatch(/^corrupt: .*declares a DTD/);
    }
  });

  it("refuses tags that do not nest, and parts cut short", () => {
    expect(refusal(() => readSheet(sheet(`<row r="1"><c r="A1"><v>1</c></v></row>`)))).toMatch(/^corrupt: .*not well-formed/);
    expect(refusal(() => readSheet(`<worksheet xmlns="${SML}"><sheetData>`))).toMatch(/^corrupt: .*cut short/);
    expect(refusal(() => readSheet(""))).toMatch(/^corrupt: .*no XML root/);
  });

  it("refuses an element with more attributes than it keeps, too deep nesting and an endless construct", () => {
    expect(refusal(() => readSheet(sheet(`<row r="1"><c ${Array.from({ length: 300 }, (_, i) => `a${i}=""`).join(" ")} t="s"><v>0</v></c></row>`)))).toMatch(
      /^too-large: .*more than 256 attributes/,
    );
    expect(refusal(() => readSheet(sheet(`${"<x:e xmlns:x='urn:x'>".repeat(1)}${"<e>".repeat(2000)}`)))).toMatch(/^too-large: .*deep/);
    const scanner = new XmlScanner("xl/sharedStrings.xml", new SharedStringsReader([], 10), NS_SML, "sst");
    const open = new TextEncoder().encode(`<sst xmlns="${SML}"><si><t>${"x".repeat(5 * 1024 * 1024)}`);
    expect(refusal(() => scanner.consume(open, false))).toMatch(/^too-large: .*longer than 4 MiB/);
  });

  it("reads r:id only in the relationships namespace, and relationships only in theirs", () => {
    const workbook = parseWorkbook(
      `<workbook xmlns="${SML}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:e="urn:evil"><sheets><sheet name="A" sheetId="1" e:id="rId9" r:id="rId1"/><sheet name="B" sheetId="2" e:id="rId9"/></sheets></workbook>`,
    );
    expect(workbook.sheets).toEqual([{ name: "A", relationshipId: "rId1", hidden: false }]);
    const rels = parseRelationships(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t/worksheet" Target="a.xml"/><Relationship xmlns="urn:evil" Id="rId2" Type="t/worksheet" Target="b.xml"/></Relationships>`,
      "xl/workbook.xml",
    );
    expect(rels.map((relationship) => relationship.target)).toEqual(["xl/a.xml"]);
  });
});

describe("cells as the grid has them", () => {
  it.each(["G0", "XFE40", "A1048577", "b7", "$B$7", "A01", "AAAA1", "7", "", "B 7"])("refuses the cell reference %j", (reference) => {
    expect(refusal(() => readSheet(sheet(`<row r="1"><c r="${reference}"><v>1</v></c></row>`)))).toMatch(/^corrupt: .*is not a cell of the worksheet grid/);
  });

  it("refuses a shared string index past the table, and a merged range outside the grid", () => {
    expect(refusal(() => readSheet(sheet(`<row r="1"><c r="B1" t="s"><v>1</v></c></row>`), ["only"]))).toMatch(/cell B1 refers to shared string 1, but the table has only 1/);
    expect(refusal(() => readSheet(sheet(`<row r="1"><c r="B1" t="s"><v>x</v></c></row>`), ["only"]))).toMatch(/cell B1 refers to shared string/);
    expect(refusal(() => readSheet(`<worksheet xmlns="${SML}"><sheetData/><mergeCells><mergeCell ref="A1:A0"/></mergeCells></worksheet>`))).toMatch(/merged range "A1:A0"/);
  });

  it("reads merges across whole rows and whole columns as LibreOffice writes them, and refuses a mix", () => {
    const grid = `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row></sheetData>`;
    const merged = (ref: string) => readSheet(`<worksheet xmlns="${SML}">${grid}<mergeCells><mergeCell ref="${ref}"/></mergeCells></worksheet>`);
    expect(merged("1:1")).toEqual([[1], [3, 4]]);
    expect(merged("B:XFD")).toEqual([[1, 2], [3]]);
    for (const ref of ["1:B", "0:1", "A:XFE", "1:1048577", "1"]) expect(refusal(() => merged(ref))).toMatch(/merged range/);
  });
});
