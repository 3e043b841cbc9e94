import type { Waiver } from "../../src/engine/types";
import { WAIVER_NAMESPACE, waiversToXml } from "../../src/workbook/waiverXml";
import { readWaiversFromXlsx, writeWaiversToXlsx } from "../../src/workbook/xlsx/waivers";
import { cleanWorkbookFile, partNames, partText, patchZip } from "./fixtures";

const WAIVERS: Waiver[] = [
  { fingerprint: "0a1b2c3d", ruleId: "BUD-FOREIGN-TRAVEL", reason: "國際展覽必要 ]]> <b>&", by: "王大明", at: "2026-11-27" },
  { fingerprint: "11112222", ruleId: "MEM-FREE-RATIO", reason: "First year" },
];

describe("waivers in an .xlsx", () => {
  let plain: Uint8Array;
  beforeAll(async () => {
    plain = await cleanWorkbookFile();
  });

  it("are none in a workbook without them", () => {
    expect(readWaiversFromXlsx(plain)).toEqual([]);
  });

  it("round-trip through a custom XML part with its properties", () => {
    const before = plain.slice();
    const written = writeWaiversToXlsx(plain, WAIVERS);
    expect(plain).toEqual(before);
    expect(readWaiversFromXlsx(written)).toEqual(WAIVERS);
    expect(partText(written, "customXml/item1.xml")).toContain(`<waivers xmlns="${WAIVER_NAMESPACE}">`);
    expect(partText(written, "customXml/itemProps1.xml")).toContain(`ds:uri="${WAIVER_NAMESPACE}"`);
    expect(partText(written, "customXml/_rels/item1.xml.rels")).toContain("itemProps1.xml");
    expect(partText(written, "xl/_rels/workbook.xml.rels")).toContain('Target="../customXml/item1.xml"');
    expect(partText(written, "[Content_Types].xml")).toContain('PartName="/customXml/itemProps1.xml"');
  });

  it("replace the earlier waivers when written again, and can be cleared", () => {
    const once = writeWaiversToXlsx(plain, WAIVERS);
    const twice = writeWaiversToXlsx(once, [WAIVERS[1]!]);
    expect(readWaiversFromXlsx(twice)).toEqual([WAIVERS[1]]);
    expect(partNames(twice).filter((name) => /^customXml\/item\d+\.xml$/.test(name))).toHaveLength(1);
    const cleared = writeWaiversToXlsx(twice, []);
    expect(readWaiversFromXlsx(cleared)).toEqual([]);
    expect(partNames(cleared).some((name) => name.startsWith("customXml/item"))).toBe(false);
    expect(partText(cleared, "xl/_rels/workbook.xml.rels")).not.toContain("customXml");
  });

  it("are read in the add-in's forms: CDATA, a prefix, UTF-16", () => {
    const json = JSON.stringify(WAIVERS.slice(1));
    const forms = [
      `<waivers xmlns="${WAIVER_NAMESPACE}"><![CDATA[${json}]]></waivers>`,
      `<?xml version="1.0"?><w:waivers xmlns:w="${WAIVER_NAMESPACE}">${json.replace(/"/g, "&quot;")}</w:waivers>`,
    ];
    for (const xml of forms) {
      const file = patchZip(plain, (files) => (files["customXml/item1.xml"] = xml));
      expect(readWaiversFromXlsx(file)).toEqual(WAIVERS.slice(1));
    }
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from(waiversToXml(WAIVERS)).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]),
    ]);
    const file = patchZip(plain, (files) => (files["customXml/item1.xml"] = utf16));
    expect(readWaiversFromXlsx(file)).toEqual(WAIVERS);
  });

  it("are [] for damaged parts, other custom XML and files that are not workbooks", () => {
    const broken = patchZip(plain, (files) => (files["customXml/item1.xml"] = `<waivers xmlns="${WAIVER_NAMESPACE}">[{"fingerprint":</waivers>`));
    expect(readWaiversFromXlsx(broken)).toEqual([]);
    const other = patchZip(
      plain,
      (files) => (files["customXml/item1.xml"] = '<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>'),
    );
    expect(readWaiversFromXlsx(other)).toEqual([]);
    expect(readWaiversFromXlsx(new Uint8Array([1, 2, 3]))).toEqual([]);
    expect(readWaiversFromXlsx(new Uint8Array())).toEqual([]);
  });

  it("keep the valid entries of a list with some that are not waivers", () => {
    const mixed = JSON.stringify([WAIVERS[1], { fingerprint: 7 }, "x"]);
    const file = patchZip(
      plain,
      (files) => (files["customXml/item2.xml"] = `<waivers xmlns="${WAIVER_NAMESPACE}">${mixed.replace(/</g, "&lt;")}</waivers>`),
    );
    expect(readWaiversFromXlsx(file)).toEqual([WAIVERS[1]]);
  });
});
