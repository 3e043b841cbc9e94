import { editStartTag, elementsOf, openingOf, qualifiedName, richTextContent, scanXml, Splicer, textContent, XmlEditError, type XmlTag } from "./xmlEdit";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

function tags(xml: string): XmlTag[] {
  const found: XmlTag[] = [];
  scanXml(xml, "part.xml", (tag) => void found.push(tag));
  return found;
}

describe("scanXml", () => {
  it("reports elements by namespace URI, whatever their prefix, with their positions and depth", () => {
    const xml = `<x:worksheet xmlns:x="${MAIN}" xmlns:o="urn:other"><x:sheetData><o:c r="A1"/><x:row r="1"><x:c r="A1" s='2'/></x:row></x:sheetData></x:worksheet>`;
    const cells = tags(xml).filter((tag) => tag.local === "c");
    expect(cells.map((tag) => [tag.ns, tag.depth, xml.slice(tag.start, tag.end)])).toEqual([
      ["urn:other", 2, '<o:c r="A1"/>'],
      [MAIN, 3, "<x:c r=\"A1\" s='2'/>"],
    ]);
    expect(cells[1]!.attributes.map((attribute) => [attribute.qname, attribute.raw])).toEqual([
      ["r", "A1"],
      ["s", "2"],
    ]);
  });

  it("skips comments, CDATA sections and processing instructions whatever they hold", () => {
    const xml = `<a><!-- <dataValidations count="0"/> --><![CDATA[<b>not a tag</b>]]><?pi <c/> ?><d x="1>2"/></a>`;
    expect(tags(xml).map((tag) => `${tag.kind}:${tag.local}`)).toEqual(["start:a", "empty:d", "end:a"]);
  });

  it.each([
    ["a DTD", '<!DOCTYPE a [<!ENTITY x "]>">]><a/>', /document type declaration/],
    ["an unterminated comment", "<a><!-- </a>", /unterminated comment/],
    ["mismatched tags", "<a><b></a></b>", /does not close/],
    ["an unclosed element", "<a><b/>", /never closed/],
    ["an unquoted attribute", "<a x=1/>", /not quoted/],
    ["a duplicate attribute", '<a x="1" x="2"/>', /twice/],
    ["an undeclared prefix", "<p:a/>", /not declared/],
    ["a < in an attribute", '<a x="<"/>', /"<" in attribute/],
    ["two document elements", "<a/><b/>", /more than one document element/],
  ])("refuses %s", (_, xml, message) => {
    expect(() => tags(xml)).toThrow(XmlEditError);
    expect(() => tags(xml)).toThrow(message);
  });

  it("keeps scanning linear on a tag with many attributes and on deep nesting it refuses", () => {
    const many = `<a ${Array.from({ length: 1000 }, (_, i) => `a${i}="${i}"`).join(" ")}/>`;
    expect(tags(many)[0]!.attributes).toHaveLength(1000);
    expect(() => tags(`${"<a>".repeat(300)}${"</a>".repeat(300)}`)).toThrow(/nested more than/);
  });

  it("resolves prefixes in the scope of each tag, after the scan too", () => {
    const xml = `<a xmlns="urn:one"><b xmlns:r="urn:r"><c/></b><d/></a>`;
    const found = tags(xml);
    const c = found.find((tag) => tag.local === "c")!;
    const d = found.find((tag) => tag.local === "d")!;
    expect([c.ns, c.resolve("r"), c.prefixFor("urn:r"), d.resolve("r")]).toEqual(["urn:one", "urn:r", "r", undefined]);
    expect(qualifiedName(c, "urn:r", "id")).toBe("r:id");
    expect(qualifiedName(d, "urn:one", "e")).toBe("e");
  });
});

describe("elementsOf", () => {
  it("gives each matching element's extent and content", () => {
    const xml = "<a><b>one</b><b/><c><b>two</b></c></a>";
    expect(elementsOf(xml, "p", (tag) => tag.local === "b").map((span) => [xml.slice(span.open.start, span.end), xml.slice(span.innerStart, span.innerEnd)])).toEqual([
      ["<b>one</b>", "one"],
      ["<b/>", ""],
      ["<b>two</b>", "two"],
    ]);
  });
});

describe("editing", () => {
  it("changes attributes in place and keeps the rest of the tag as written", () => {
    const xml = `<c r='A1'  s="1" t="s"/>`;
    const tag = tags(xml)[0]!;
    expect(editStartTag(xml, tag, new Map([["s", "7"], ["x", 'a"b']]), ["t"])).toBe(`<c r='A1'  s="7" x="a&quot;b"/>`);
    expect(openingOf('<row r="1" />')).toBe('<row r="1">');
  });

  it("applies replacements and insertions in order of position", () => {
    const splicer = new Splicer();
    splicer.insert(3, "X");
    splicer.replace(0, 1, "A");
    splicer.insert(3, "Y");
    expect(splicer.apply("abcdef")).toBe("AbcXYdef");
    splicer.replace(2, 4, "!");
    expect(() => splicer.apply("abcdef")).toThrow(/overlapping/);
  });
});

describe("text of an element", () => {
  const inner = (xml: string, local: string): [number, number] => {
    const [span] = elementsOf(xml, "test.xml", (tag) => tag.local === local);
    return [span!.innerStart, span!.innerEnd];
  };

  it("decodes entities, keeps CDATA as written and drops comments and processing instructions", () => {
    const xml = "<n>SUM(&lt;A1&gt;)<!-- not <this> --><?pi x?><![CDATA[&amp;<b>]]></n>";
    expect(textContent(xml, ...inner(xml, "n"))).toBe("SUM(<A1>)&amp;<b>");
  });

  it("reads rich text runs in order, skipping phonetic runs and quoted '>' in run properties", () => {
    const xml =
      '<text><r><rPr><rFont val="a>b"/></rPr><t>博士生</t></r><rPh sb="0" eb="1"><t>ㄅㄛˊ</t></rPh>' +
      '<r><t xml:space="preserve"> 月支 &amp; 12,000</t></r><t/></text>';
    expect(richTextContent(xml, ...inner(xml, "text"))).toBe("博士生 月支 & 12,000");
  });
});
