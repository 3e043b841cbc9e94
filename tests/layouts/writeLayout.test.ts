import ExcelJS from "exceljs";
import { templateLayouts } from "../../src/layouts/template";
import { catalogueRulePack } from "../../src/rules";
import type { RulePack } from "../../src/rules/schema";
import {
  addToWorksheetElement,
  chartXml,
  orderWorksheetChildren,
  portableFragment,
  writeLayoutsToNewWorkbook,
} from "../../src/workbook/xlsx/writeLayout";
import { findElements, resolveTarget } from "../../src/workbook/xlsx/package";
import { loadWorkbook, partNames, partText, sheetPart } from "./fixtures";

describe("worksheet XML", () => {
  it("puts children back in the schema's order", () => {
    const xml =
      '<worksheet a="1"><sheetData><row r="1"/></sheetData><tableParts count="1"><tablePart r:id="rId3"/></tableParts><legacyDrawing r:id="rId2"/></worksheet>';
    expect(orderWorksheetChildren(xml)).toBe(
      '<worksheet a="1"><sheetData><row r="1"/></sheetData><legacyDrawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId3"/></tableParts></worksheet>',
    );
  });

  it("adds children to an element, or creates it in its place", () => {
    const xml = '<worksheet><sheetData/><pageMargins left="0.7"/></worksheet>';
    const added = addToWorksheetElement(xml, "hyperlinks", '<hyperlink ref="A1" location="S!A1"/>');
    expect(added).toBe('<worksheet><sheetData/><hyperlinks><hyperlink ref="A1" location="S!A1"/></hyperlinks><pageMargins left="0.7"/></worksheet>');
    const again = addToWorksheetElement(added, "hyperlinks", '<hyperlink ref="A2" location="S!A2"/>');
    expect(findElements(again, "hyperlink")).toHaveLength(2);
  });

  it("makes fragments from other producers safe to paste", () => {
    const fragment = '<x:dataValidation type="list" xr:uid="{1}" sqref="A1"><x:formula1>"a,b"</x:formula1></x:dataValidation>';
    expect(portableFragment(fragment, "x:")).toBe('<dataValidation type="list" sqref="A1"><formula1>"a,b"</formula1></dataValidation>');
    expect(portableFragment('<hyperlink ref="A1" r:id="rId1"/>', "")).toBe('<hyperlink ref="A1" r:id="rId1"/>');
  });

  it("resolves relationship targets", () => {
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml")).toBe("xl/drawings/drawing1.xml");
  });

  it("writes a clustered column chart with cached values and bilingual titles", () => {
    const xml = chartXml(
      {
        type: "clusteredColumn",
        title: "營運收入與補助款 Operating income and subsidy",
        categories: { range: "$A$7:$A$8", cache: ["114", "115"] },
        series: [{ name: { cell: "$H$6", text: "營運收入合計" }, values: { range: "$H$7:$H$8", cache: [1, null] } }],
        from: { row: 20, column: 1 },
        to: { row: 38, column: 10 },
      },
      "營運摘要",
    );
    expect(xml).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(xml).toContain("<c:f>&apos;營運摘要&apos;!$H$7:$H$8</c:f>");
    expect(xml).toContain('<c:pt idx="0"><c:v>1</c:v></c:pt>');
    expect(xml).not.toContain('<c:pt idx="1"><c:v>null');
    expect(xml).toContain("Operating income and subsidy");
  });
});

describe("the template file", () => {
  let data: Uint8Array;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    data = await writeLayoutsToNewWorkbook(templateLayouts("zh-TW"));
    workbook = await loadWorkbook(data);
  });

  it("has the sheets, frozen headers, number formats and Excel tables", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["計畫資訊", "經費表", "會員名單", "營運收入", "歷年補助款", "填寫說明"]);
    const members = workbook.getWorksheet("會員名單")!;
    // Frozen through the header row, below the example rows.
    expect(members.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(members.getColumn(2).numFmt).toBe("@");
    expect(members.getColumn(9).numFmt).toBe("#,##0");
    // The budget is a form with subtotals, not an Excel table (sorting one would scatter its lines).
    expect(partNames(data).filter((name) => /^xl\/tables\/table\d+\.xml$/.test(name))).toHaveLength(3);
    expect(partText(data, "xl/tables/table1.xml")).toContain('name="Members"');
  });

  it("offers the vocabulary in one list rule per column range", () => {
    const xml = partText(data, sheetPart(data, "會員名單"))!;
    const rules = findElements(xml, "dataValidation");
    expect(rules.map((rule) => /sqref="([^"]+)"/.exec(rule.start)?.[1])).toEqual(["C4:C1003", "D4:D1003", "E4:E1003"]);
    const labels = catalogueRulePack().vocabularies.organizationType.map((entry) => entry.label["zh-TW"]);
    expect(rules[1]!.inner).toBe(`<formula1>&quot;${labels.join(",")}&quot;</formula1>`);
  });

  it("keeps every child of every sheet in the schema's order", () => {
    for (const sheet of workbook.worksheets) {
      const xml = partText(data, sheetPart(data, sheet.name))!;
      expect(orderWorksheetChildren(xml)).toBe(xml);
    }
  });

  it("defines the names a long vocabulary's dropdown refers to", async () => {
    const base = catalogueRulePack();
    const many = Array.from({ length: 80 }, (_, i) => ({ value: `C${i}`, label: { "zh-TW": `國家${i}號`, en: `Country ${i}` }, aliases: [] }));
    const pack: RulePack = { ...base, vocabularies: { ...base.vocabularies, country: many } };
    const long = await writeLayoutsToNewWorkbook(templateLayouts("zh-TW", pack));
    const workbookXml = partText(long, "xl/workbook.xml")!;
    expect(workbookXml).toContain('<definedName name="AllianceCheck_List_country">&apos;選項清單&apos;!$A$2:$A$81</definedName>');
    expect(workbookXml).toMatch(/<sheet [^>]*name="選項清單" state="hidden"/);
    const members = partText(long, sheetPart(long, "會員名單"))!;
    expect(members).toContain("<formula1>AllianceCheck_List_country</formula1>");
  });
});
