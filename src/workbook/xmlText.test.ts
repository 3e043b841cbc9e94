/**
 * The one XML entity decoder: the .xlsx reader, the package helpers (annotated copies, waivers in
 * files) and the waiver part (also read in Excel) all decode with it, so a reference none of them
 * can represent is kept as written everywhere instead of crashing one of them.
 */
import { WAIVER_NAMESPACE, waiversFromXml } from "./waiverXml";
import { decodeXmlText, escapeXml } from "./xmlText";
import { parseAttributes } from "./xlsx/package";

describe("decodeXmlText", () => {
  it.each([
    ["a &amp; b", "a & b"],
    ["&lt;tag&gt; &quot;q&quot; &apos;s&apos;", "<tag> \"q\" 's'"],
    ["&#123;&#x4E2D;&#X6587;&#x1F600;", "{中文😀"],
    ["&amp;amp;", "&amp;"],
    ["&unknown; &#0; &#xD800; &#x110000;", "&unknown; &#0; &#xD800; &#x110000;"],
    ["line\r\nbreak\rhere&#13;", "line\nbreak\nhere\r"],
    ["no entities", "no entities"],
  ])("%j → %j", (raw, expected) => {
    expect(decodeXmlText(raw)).toBe(expected);
  });
});

describe("every reader of workbook XML decodes alike", () => {
  const raw = "R&amp;D &lt;1&gt; &#x4E2D; &#x110000; &#0;";
  const decoded = "R&D <1> 中 &#x110000; &#0;";

  it("attributes of package parts (annotated copies, waivers in files)", () => {
    // Before one decoder, &#x110000; made String.fromCodePoint throw here.
    expect(parseAttributes(`<sheet name="${raw}" state='x&apos;y'/>`)).toEqual(new Map([["name", decoded], ["state", "x'y"]]));
  });

  it("the waiver part", () => {
    // Before one decoder, &#x110000; in a reason threw a RangeError and every waiver was lost.
    const xml = `<waivers xmlns="${WAIVER_NAMESPACE}">[{"fingerprint":"f","ruleId":"R","reason":"${raw}"}]</waivers>`;
    expect(waiversFromXml(xml)).toEqual([{ fingerprint: "f", ruleId: "R", reason: decoded }]);
  });

  it("round-trips what escapeXml writes", () => {
    const text = `a & b < c > d " e ' f &amp; 中文😀`;
    expect(decodeXmlText(escapeXml(text))).toBe(text);
  });
});
