import { editWorksheet, surveyWorksheet } from "./copyCells";
import { editComments, editVml, newVml, spreadsheetText, VML } from "./copyNotes";
import { XmlEditError } from "./xmlEdit";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const sheet = (data: string, after = "", prefix = "") =>
  `<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ""}="${MAIN}"><${prefix}sheetData>${data}</${prefix}sheetData>${after}</${prefix}worksheet>`;
const flag = (row: number, column: number) => ({ row, column, style: (current: number) => current + 100 });

describe("editWorksheet", () => {
  it("restyles flagged cells in place and adds the ones that are missing, in order", () => {
    const xml = sheet('<row r="2" spans="1:3"><c r="A2" s="3"><v>1</v></c><c r="C2"><v>2</v></c></row><row r="5"/>');
    const edited = editWorksheet(xml, "s.xml", { cells: [flag(2, 1), flag(2, 2), flag(2, 3), flag(1, 4), flag(5, 2), flag(9, 1)] });
    expect(edited).toBe(
      sheet(
        '<row r="1"><c r="D1" s="100"/></row><row r="2"><c r="A2" s="103"><v>1</v></c><c r="B2" s="100"/><c r="C2" s="100"><v>2</v></c></row>' +
          '<row r="5"><c r="B5" s="100"/></row><row r="9"><c r="A9" s="100"/></row>',
      ),
    );
  });

  it("keeps a prefixed sheet's prefix, gives an unreferenced cell its reference, and places the legacyDrawing by the schema", () => {
    const xml = sheet('<x:row><x:c><x:v>1</x:v></x:c></x:row>', '<x:pageMargins left="1"/><x:tableParts count="0"/>', "x:");
    const edited = editWorksheet(xml, "s.xml", { cells: [flag(1, 1)], legacyDrawing: (prefix) => `<${prefix}legacyDrawing/>` });
    expect(edited).toContain('<x:c s="100" r="A1">');
    expect(edited).toContain('<x:pageMargins left="1"/><x:legacyDrawing/><x:tableParts count="0"/>');
  });

  it("uses the row's or the column's style for a cell it adds", () => {
    const xml = `<worksheet xmlns="${MAIN}"><cols><col min="2" max="4" style="7"/></cols><sheetData><row r="1" s="5" customFormat="1"/></sheetData></worksheet>`;
    const edited = editWorksheet(xml, "s.xml", { cells: [flag(1, 1), flag(2, 3)] });
    expect(edited).toContain('<c r="A1" s="105"/>');
    expect(edited).toContain('<c r="C2" s="107"/>');
  });

  it("refuses rows or cells out of order rather than guess where a flag goes", () => {
    expect(() => editWorksheet(sheet('<row r="3"/><row r="2"/>'), "s.xml", { cells: [flag(2, 1)] })).toThrow(XmlEditError);
    expect(() => editWorksheet(sheet('<row r="1"><c r="B1"/><c r="A1"/></row>'), "s.xml", { cells: [flag(1, 1)] })).toThrow(/cells out of order/);
  });

  it("counts only SpreadsheetML cells in rows of sheetData", () => {
    const xml = sheet('<row r="1"><c r="A1"/><c r="B1"/><o:c xmlns:o="urn:o"/></row>', '<extLst><c xmlns="urn:o"/></extLst>');
    expect(surveyWorksheet(xml, "s.xml", 5, 100, () => new Error("too many")).cells).toBe(7);
    expect(() => surveyWorksheet(xml, "s.xml", 99, 100, () => new Error("too many"))).toThrow("too many");
  });
});

describe("notes", () => {
  it("escapes what XML cannot carry as SpreadsheetML does", () => {
    expect(spreadsheetText("a\u0001b\rc_x0041_<&\ud800")).toBe("a_x0001_b_x000D_c_x005F_x0041_&lt;&amp;_xD800_");
  });

  it("cuts an earlier note of ours, keeps the person's text as written, and adds ours below it", () => {
    const xml = `<comments xmlns="${MAIN}"><authors><author>me</author></authors><commentList><comment ref="B2" authorId="0"><text><r><t>mine &amp; only</t></r><r><t xml:space="preserve">\n\n[alliance-check]\nOLD</t></r></text></comment><comment ref="C3" authorId="0"><text><t>[alliance-check]\nGONE</t></text></comment></commentList></comments>`;
    // Notes written under the old marker are ours too: cut and replaced by notes under the new one.
    const edit = editComments(xml, "c.xml", [{ ref: "B2", row: 2, column: 2, text: "【產學聯盟檢核】\n• NEW" }], MAIN, new Set());
    expect(edit.removedShapes).toEqual(["C3"]);
    expect(edit.xml).toContain("<r><t>mine &amp; only</t></r><r><rPr>");
    expect(edit.xml).toContain("\n\n【產學聯盟檢核】\n• NEW</t></r></text>");
    expect(edit.xml).not.toContain("[alliance-check]");
    expect(edit.xml).not.toContain("OLD");
    expect(edit.xml).not.toContain("GONE");
  });

  it("takes the shapes of removed notes out of the VML drawing and adds shapes after the highest id", () => {
    const shape = (id: number, row: number, column: number, type = "Note") =>
      `<v:shape id="_x0000_s${id}"><x:ClientData ObjectType="${type}"><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`;
    const xml = `<xml xmlns:v="${VML.v}" xmlns:o="${VML.o}" xmlns:x="${VML.x}">${shape(1025, 2, 2)}${shape(1030, 1, 1, "Button")}${shape(1026, 1, 1)}</xml>`;
    const edited = editVml(xml, "d.vml", ["C3", "B2"], [{ ref: "D4", row: 4, column: 4, text: "x" }], 1);
    expect(edited).not.toContain('id="_x0000_s1025"');
    expect(edited).not.toContain('id="_x0000_s1026"');
    expect(edited).toContain('id="_x0000_s1030"');
    expect(edited).toContain('<v:shape id="_x0000_s1031" type="#_x0000_t202"');
    expect(edited).toContain("<x:Row>3</x:Row><x:Column>3</x:Column>");
    expect(() => editVml(`<xml xmlns:v="urn:other"/>`, "d.vml", [], [], 1)).toThrow(/v: is not bound/);
    expect(editVml(newVml(3), "n.vml", [], [{ ref: "A1", row: 1, column: 1, text: "x" }], 3)).toContain('id="_x0000_s3073"');
  });
});
