import { scanAttributeBytes } from "./readBytes";
import { AttributeRanges, decodeOoxmlEscapes } from "./readXml";

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

describe("scanAttributeBytes", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const pairs = (data: Uint8Array, ranges: AttributeRanges): string[] => {
    const decoder = new TextDecoder();
    const out: string[] = [];
    for (let k = 0; k < ranges.count; k++) {
      out.push(decoder.decode(data.subarray(ranges.at[4 * k], ranges.at[4 * k + 1])), decoder.decode(data.subarray(ranges.at[4 * k + 2], ranges.at[4 * k + 3])));
    }
    return out;
  };

  it("skips > inside quoted values and reports incomplete tags", () => {
    const ranges = new AttributeRanges();
    const data = bytes(`<c r="A1" f='x>y' t = "s" />rest`);
    const gt = scanAttributeBytes(data, 2, ranges);
    expect(new TextDecoder().decode(data.subarray(gt))).toBe(">rest");
    expect(pairs(data, ranges)).toEqual(["r", "A1", "f", "x>y", "t", "s"]);
    expect(scanAttributeBytes(bytes(`<c r="A1`), 2, ranges)).toBe(-1);
    expect(scanAttributeBytes(bytes(`<c r="A1"`), 2, ranges)).toBe(-1);
  });

  it("does not loop on junk, and records that a tag had more attributes than it keeps", () => {
    const ranges = new AttributeRanges();
    const many = bytes(`<x ${Array.from({ length: 100 }, (_, i) => `a${i}="${i}"`).join(" ")}>`);
    expect(scanAttributeBytes(many, 2, ranges)).toBe(many.length - 1);
    expect(ranges.count).toBe(100);
    expect(ranges.overflow).toBe(false);
    const crafted = bytes(`<x ${'a="" '.repeat(100_000)}b="1">`);
    expect(scanAttributeBytes(crafted, 2, ranges)).toBe(crafted.length - 1);
    expect(ranges.count).toBe(256);
    expect(ranges.overflow).toBe(true);
    const junk = bytes(`<c = == "x" r>`);
    expect(scanAttributeBytes(junk, 2, ranges)).toBe(junk.indexOf(62));
    expect(ranges.overflow).toBe(false);
  });
});
