import { AttributeRanges, decodeOoxmlEscapes, forEachTag, richTextContent, scanAttributes } from "./readXml";

describe("decodeOoxmlEscapes", () => {
  it.each([
    ["a_x000D_b", "a\rb"],
    ["_x005F_x000D_", "_x000D_"],
    ["_xD83D__xDE00_", "😀"],
    ["_x00_ and _xZZZZ_", "_x00_ and _xZZZZ_"],
  ])("%j → %j", (raw, expected) => {
    expect(decodeOoxmlEscapes(raw)).toBe(expected);
  });
});

describe("scanAttributes", () => {
  it("skips > inside quoted values and reports incomplete tags", () => {
    const ranges = new AttributeRanges();
    const text = `<c r="A1" f='x>y' t = "s" />rest`;
    const gt = scanAttributes(text, 2, ranges);
    expect(text.slice(gt)).toBe(">rest");
    const pairs: string[] = [];
    for (let k = 0; k < ranges.count; k++) pairs.push(text.slice(ranges.at[4 * k], ranges.at[4 * k + 1]), ranges.value(text, k));
    expect(pairs).toEqual(["r", "A1", "f", "x>y", "t", "s"]);
    expect(ranges.find(text, "t")).toBe(2);
    expect(scanAttributes(`<c r="A1`, 2, ranges)).toBe(-1);
    expect(scanAttributes(`<c r="A1"`, 2, ranges)).toBe(-1);
  });

  it("does not loop on junk, and takes any number of attributes", () => {
    const ranges = new AttributeRanges();
    const many = `<x ${Array.from({ length: 100 }, (_, i) => `a${i}="${i}"`).join(" ")}>`;
    expect(scanAttributes(many, 2, ranges)).toBe(many.length - 1);
    expect(ranges.count).toBe(100);
    expect(ranges.value(many, ranges.find(many, "a99"))).toBe("99");
    const crafted = `<x ${'a="" '.repeat(100_000)}b="1">`;
    expect(scanAttributes(crafted, 2, ranges)).toBe(crafted.length - 1);
    expect(ranges.count).toBe(256);
    const junk = `<c = == "x" r>`;
    expect(scanAttributes(junk, 2, ranges)).toBe(junk.indexOf(">"));
  });
});

describe("forEachTag", () => {
  it("reports local names and skips comments, CDATA, processing instructions and DOCTYPE", () => {
    const names: string[] = [];
    forEachTag(
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY bomb "lol">]><!-- <no/> --><x:a b="1"><![CDATA[<no/>]]><c/></x:a>`,
      (tag) => {
        names.push(`${tag.closing ? "/" : ""}${tag.name}${tag.selfClosing ? "/" : ""}`);
      },
    );
    expect(names).toEqual(["a", "c/", "/a"]);
  });
});

describe("richTextContent", () => {
  it("joins runs, drops phonetic runs and property elements", () => {
    const xml = `<r><rPr><b/><color rgb="1"></color></rPr><t>東</t></r><rPh sb="0" eb="1"><t>トウ</t></rPh><r><t xml:space="preserve"> 京 </t></r><phoneticPr fontId="1"/>`;
    expect(richTextContent(xml, 0, xml.length)).toBe("東 京 ");
  });

  it("reads prefixed elements and CDATA", () => {
    const xml = `<x:t>a &amp; </x:t><x:r><x:t><![CDATA[<b>]]></x:t></x:r>`;
    expect(richTextContent(xml, 0, xml.length)).toBe("a & <b>");
  });
});
