import { writeCellContents } from "./fixCopy";
import { XmlEditError } from "./xmlEdit";

const sheet = (rows: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

describe("writeCellContents", () => {
  const xml = sheet(
    `<row r="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>4</v></c><c r="C1" t="str" cm="1"><f>"x"</f><v>x</v></c></row>` +
      `<row r="2"><c r="B2"><f t="shared" si="0"/><v>6</v></c></row>`,
  );

  it("writes text as an inline string, never as a formula, and keeps the cell's style", () => {
    const out = writeCellContents(xml, "s", [{ sheet: "S", cell: "A1", before: { value: "x" }, after: { value: "=SUM(A1)" } }]);
    expect(out).toContain(`<c r="A1" s="3" t="inlineStr"><is><t>=SUM(A1)</t></is></c>`);
  });

  it("writes a formula with its value cached, dropping the old type and metadata", () => {
    const out = writeCellContents(xml, "s", [{ sheet: "S", cell: "C1", before: { value: "x", formula: '="x"' }, after: { value: 7, formula: "=B1+1" } }]);
    expect(out).toContain(`<c r="C1"><f>B1+1</f><v>7</v></c>`);
  });

  it("keeps a formula left as it was exactly (a shared formula's first cell too), changing its value only", () => {
    const out = writeCellContents(xml, "s", [{ sheet: "S", cell: "B1", before: { value: 4, formula: "=A1*2" }, after: { value: 5, formula: "=A1*2" } }]);
    expect(out).toContain(`<c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>5</v></c>`);
  });

  it("refuses a new formula over the first cell of a shared formula, which the others read", () => {
    expect(() => writeCellContents(xml, "s", [{ sheet: "S", cell: "B1", before: { value: 4, formula: "=A1*2" }, after: { value: 5 } }])).toThrow(XmlEditError);
  });

  it("replaces a shared formula's other cell with a formula of its own", () => {
    const out = writeCellContents(xml, "s", [{ sheet: "S", cell: "B2", before: { value: 6, formula: "=A2*2" }, after: { value: 8, formula: "=SUM(A1:A2)" } }]);
    expect(out).toContain(`<c r="B2"><f>SUM(A1:A2)</f><v>8</v></c>`);
    expect(out).toContain(`<f t="shared" ref="B1:B2" si="0">A1*2</f>`);
  });

  it("refuses a cell it cannot find", () => {
    expect(() => writeCellContents(xml, "s", [{ sheet: "S", cell: "Z9", before: { value: null }, after: { value: 1 } }])).toThrow(XmlEditError);
  });
});
