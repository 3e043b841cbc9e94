import type { Waiver } from "../engine/types";
import { isWaiverPart, mergeWaivers, WAIVER_NAMESPACE, waiversFromXml, waiversToXml } from "./waiverXml";

const waivers: Waiver[] = [
  { fingerprint: "a", ruleId: "BUD-CAP", reason: '公文 <115> & "附件" ]]>', by: "林", at: "2026-03-01" },
  { fingerprint: "b", ruleId: "MEM-FREE-RATIO", reason: "" },
];

describe("waiver XML", () => {
  it("round-trips any text in our namespace", () => {
    const xml = waiversToXml(waivers);
    expect(xml).toContain(`xmlns="${WAIVER_NAMESPACE}"`);
    expect(waiversFromXml(xml)).toEqual(waivers);
  });

  it.each([
    [
      "a namespace prefix",
      `<w:waivers xmlns:w="${WAIVER_NAMESPACE}">[{"fingerprint":"a","ruleId":"R","reason":"x"}]</w:waivers>`,
    ],
    [
      "CDATA",
      `<waivers xmlns="${WAIVER_NAMESPACE}"><![CDATA[[{"fingerprint":"a","ruleId":"R","reason":"x"}]]]></waivers>`,
    ],
    [
      "numeric entities",
      `<waivers xmlns="${WAIVER_NAMESPACE}">[{&#34;fingerprint&#x22;:"a","ruleId":"R","reason":"x"}]</waivers>`,
    ],
  ])("accepts %s", (_, xml) => {
    expect(waiversFromXml(xml)).toEqual([{ fingerprint: "a", ruleId: "R", reason: "x" }]);
  });

  it("keeps the valid entries of a list edited by hand", () => {
    const xml = `<waivers xmlns="${WAIVER_NAMESPACE}">[{"fingerprint":"a","ruleId":"R","reason":"x","extra":1},{"ruleId":"R"},42]</waivers>`;
    expect(waiversFromXml(xml)).toEqual([{ fingerprint: "a", ruleId: "R", reason: "x" }]);
    expect(waiversFromXml(`<waivers xmlns="${WAIVER_NAMESPACE}"/>`)).toEqual([]);
  });

  it.each(["<other/>", `<waivers xmlns="${WAIVER_NAMESPACE}">{"a":1}</waivers>`, `<waivers>[oops</waivers>`])(
    "reports %j as corrupt",
    (xml) => {
      expect(() => waiversFromXml(xml)).toThrow(expect.objectContaining({ name: "WorkbookError", code: "corrupt" }));
    }
  );

  it.each([
    ["a DTD (OPC forbids one in a part)", `<!DOCTYPE waivers [<!ENTITY r "x">]><waivers xmlns="${WAIVER_NAMESPACE}">[{"fingerprint":"a","ruleId":"R","reason":"&r;"}]</waivers>`],
    ["an element inside", `<waivers xmlns="${WAIVER_NAMESPACE}"><x>[]</x>[{"fingerprint":"a","ruleId":"R","reason":"x"}]</waivers>`],
    ["another namespace", `<waivers xmlns="urn:other">[{"fingerprint":"a","ruleId":"R","reason":"x"}]</waivers>`],
    ["unterminated markup", `<waivers xmlns="${WAIVER_NAMESPACE}">[{"fingerprint":"a"`],
  ])("refuses %s", (_, xml) => {
    expect(() => waiversFromXml(xml)).toThrow(expect.objectContaining({ name: "WorkbookError", code: "corrupt" }));
  });

  it("tells a waiver part by its document element's namespace, not by the text it contains", () => {
    expect(isWaiverPart(waiversToXml(waivers))).toBe(true);
    expect(isWaiverPart(`<?xml version="1.0"?><w:waivers xmlns:w="${WAIVER_NAMESPACE}"/>`)).toBe(true);
    expect(isWaiverPart(`<root><!-- <waivers xmlns="${WAIVER_NAMESPACE}"> --></root>`)).toBe(false);
    expect(isWaiverPart(`<other xmlns:w="${WAIVER_NAMESPACE}"><w:waivers/></other>`)).toBe(false);
    expect(isWaiverPart(`<!DOCTYPE x><waivers xmlns="${WAIVER_NAMESPACE}"/>`)).toBe(false);
  });

  it("lets later lists win for the same fingerprint", () => {
    expect(mergeWaivers([waivers, [{ fingerprint: "a", ruleId: "BUD-CAP", reason: "newer" }]])).toEqual([
      { fingerprint: "a", ruleId: "BUD-CAP", reason: "newer" },
      waivers[1],
    ]);
  });
});
