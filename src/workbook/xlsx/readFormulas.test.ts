import { strToU8, zipSync } from "fflate";
import { readWorkbookSnapshot } from "./read";
import { shiftFormula } from "./readSheet";

function oneSheetWorkbook(sheetBody: string): Uint8Array {
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetBody}</worksheet>`),
  });
}

const BODY =
  `<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*$C$1+'My B2'!B1</f><v>4</v></c><c r="B1"><v>2</v></c>` +
  `<c r="D1" t="str"><f>"x"&amp;B1</f><v>x2</v></c><c r="E1"><f>SUM(A1:B1)</f></c></row>` +
  `<row r="2"><c r="A2"><f t="shared" si="0"/><v>6</v></c><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="B2"><x:f>LOG10(B1)</x:f><x:v>0.3</x:v></x:c></row>` +
  `<row r="3"><c r="A3"><f t="shared" si="0"></f><v>8</v></c></row></sheetData>`;

describe("reading formulas", () => {
  it("leaves them out unless asked", async () => {
    expect((await readWorkbookSnapshot(oneSheetWorkbook(BODY))).sheets[0]!.formulas).toBeUndefined();
  });
  it("reads each formula cell's formula, a shared formula's other cells moved from the first", async () => {
    const sheet = (await readWorkbookSnapshot(oneSheetWorkbook(BODY), { formulas: true })).sheets[0]!;
    expect(sheet.formulas).toEqual({
      A1: "=B1*$C$1+'My B2'!B1",
      D1: '="x"&B1',
      E1: "=SUM(A1:B1)",
      A2: "=B2*$C$1+'My B2'!B2",
      B2: "=LOG10(B1)",
      A3: "=B3*$C$1+'My B2'!B3",
    });
    expect(sheet.values).toEqual([[4, 2, null, "x2"], [6, 0.3], [8]]);
  });
  it("moves relative references only", () => {
    expect(shiftFormula("G2*H2*$I$2+SUM($J2:J$9)", 3, 1)).toBe("H5*I5*$I$2+SUM($J5:K$9)");
    expect(shiftFormula('IF(A1="B2",A1,0)', 1, 0)).toBe('IF(A2="B2",A2,0)');
    expect(shiftFormula("A1", -1, 0)).toBe("#REF!");
  });
});
