import { check, cleanMembers, cleanPlan, hits, Row } from "../../../tests/helpers/workbook";
import { isValidTaxId } from "./members";

// Member columns: A 廠商名稱 B 統一編號 C 國別 D 組織類型 E 企業規模 F 實收資本額 G 員工人數 H 會員等級 I 年費 J 入會年度.
// withMember(row) appends the row at row 6.
const withMember = (row: Row): Row[] => [...cleanMembers, row];

describe("統一編號 checksum (MEM-TAXID-INVALID)", () => {
  it.each([
    ["04595257", true], // the Ministry of Finance's own example
    ["10458575", true], // 7th digit 7: valid through the +1 alternative
    ["10458576", false],
    ["12345675", true], // divisible by 5 but not 10: valid only since 2023
    ["22099131", true],
    ["00000000", false],
    ["1234567", false],
    ["1234567a", false],
  ])("%s → %s", (taxId, valid) => {
    expect(isValidTaxId(taxId)).toBe(valid);
  });

  it("flags a Taiwan company's bad tax ID at the cell; a number is left-padded first", () => {
    const result = check({ members: [...withMember({ 廠商名稱: "丁公司", 統一編號: "12345678" }), { 廠商名稱: "戊公司", 統一編號: 4595257 }] });
    expect(hits(result, "MEM-TAXID-INVALID")).toEqual(["會員名單!B6"]);
  });
  it("does not checksum foreign members", () => {
    expect(hits(check({ members: withMember({ 廠商名稱: "Acme", 統一編號: "12345678", 國別: "US" }) }), "MEM-TAXID-INVALID")).toEqual([]);
  });
  it("says when the ID is not 8 digits", () => {
    const result = check({ members: withMember({ 廠商名稱: "丁公司", 統一編號: "0459-525" }) });
    expect(result.findings.find((f) => f.ruleId === "MEM-TAXID-INVALID")?.variant).toBe("format");
  });
});

describe("MEM-TAXID-MISSING", () => {
  it.each([["公司"], ["獨資"], ["合夥"], ["財團法人"], [null]])("fires for a Taiwan %s without a tax ID", (type) => {
    expect(hits(check({ members: withMember({ 廠商名稱: "丁商行", 組織類型: type }) }), "MEM-TAXID-MISSING")).toEqual(["會員名單!B6"]);
  });
  it.each([["農漁民"], ["個人"]])("is silent for %s", (type) => {
    expect(hits(check({ members: withMember({ 廠商名稱: "陳農友", 組織類型: type }) }), "MEM-TAXID-MISSING")).toEqual([]);
  });
  it("is silent for foreign companies", () => {
    expect(hits(check({ members: withMember({ 廠商名稱: "Acme", 國別: "USA", 組織類型: "外國公司" }) }), "MEM-TAXID-MISSING")).toEqual([]);
  });
});

describe("exclusions", () => {
  it.each([
    ["MEM-EXCLUDED-INSTITUTE", { 組織類型: "研究法人" }, "D6"],
    ["MEM-EXCLUDED-INDIVIDUAL", { 組織類型: "個人" }, "D6"],
    ["MEM-EXCLUDED-NONENTERPRISE", { 組織類型: "學校" }, "D6"],
    ["MEM-EXCLUDED-NONENTERPRISE", { 組織類型: "政府機關" }, "D6"],
    ["MEM-EXCLUDED-PRC", { 國別: "中國大陸" }, "C6"],
    ["MEM-EXCLUDED-PRC", { 國別: "PRC" }, "C6"],
    ["MEM-EXCLUDED-PRC", { 國別: "CN" }, "C6"],
  ])("%s excludes %p, pointing at %s", (rule, fields, cell) => {
    const result = check({ members: withMember({ 廠商名稱: "某單位", 統一編號: "53212539", 年費: 10_000, ...fields }) });
    expect(hits(result, rule)).toEqual([`會員名單!${cell}`]);
    expect(result.summary.members).toMatchObject({ listed: 5, counted: 4, excluded: 1 });
    expect(result.summary.excludedByReason[rule]).toBe(1);
  });
  it.each([["農漁民"], ["文創工作者"]])("counts a %s", (type) => {
    const result = check({ members: withMember({ 廠商名稱: "陳農友", 組織類型: type, 年費: 10_000 }) });
    expect(result.summary.members).toMatchObject({ listed: 5, counted: 5, excluded: 0 });
    expect(result.findings.filter((f) => f.ruleId.startsWith("MEM-EXCLUDED"))).toEqual([]);
  });
  it("counts Hong Kong and Macau members but flags them for review (info)", () => {
    const result = check({ members: [...withMember({ 廠商名稱: "HK Co", 國別: "香港", 年費: 10_000 }), { 廠商名稱: "Macau Co", 國別: "MO", 年費: 10_000 }] });
    expect(hits(result, "MEM-REVIEW-HKMO")).toEqual(["會員名單!C6", "會員名單!C7"]);
    expect(result.summary.members.counted).toBe(6);
    expect(result.summary.members.international).toBe(3);
  });
  it("treats an unrecognised country as foreign, with a warning", () => {
    const result = check({ members: withMember({ 廠商名稱: "X Co", 國別: "Atlantis", 年費: 10_000 }) });
    expect(hits(result, "WB-VALUE-UNKNOWN")).toEqual(["會員名單!C6"]);
    expect(result.findings.find((f) => f.ruleId === "WB-VALUE-UNKNOWN")?.severity).toBe("warning");
    expect(result.summary.members.international).toBe(2);
  });
});

describe("MEM-DUPLICATE", () => {
  it("flags the later row by tax ID at 統一編號, and counts the member once", () => {
    const result = check({ members: withMember({ 廠商名稱: "甲科技(股)公司", 統一編號: "04595257", 年費: 50_000 }) });
    expect(hits(result, "MEM-DUPLICATE")).toEqual(["會員名單!B6"]);
    expect(result.summary.members).toMatchObject({ listed: 5, counted: 4, excluded: 1 });
  });
  it("flags the later row by normalised name and country at 廠商名稱", () => {
    const result = check({ members: withMember({ 廠商名稱: " 乙精密 有限公司", 年費: 30_000 }) });
    expect(hits(result, "MEM-DUPLICATE")).toEqual(["會員名單!A6"]);
  });
  it("does not flag the same name in another country", () => {
    expect(hits(check({ members: withMember({ 廠商名稱: "Nippon Devices", 國別: "US", 年費: 30_000 }) }), "MEM-DUPLICATE")).toEqual([]);
  });
});

describe("MEM-FREE-RATIO", () => {
  const free = (name: string): Row => ({ 廠商名稱: name, 組織類型: "農漁民", 年費: 0 });
  it("warns above 30% free among counted members, at the 年費 header", () => {
    // 4 paying + 2 free = 33%
    expect(hits(check({ members: [...cleanMembers, free("農一"), free("農二")] }), "MEM-FREE-RATIO")).toEqual(["會員名單!I1"]);
  });
  it("is silent at 20% (4 paying + 1 free), and an empty fee is free", () => {
    expect(hits(check({ members: [...cleanMembers, { 廠商名稱: "農一", 組織類型: "農漁民" }] }), "MEM-FREE-RATIO")).toEqual([]);
    const counts = check({ members: [...cleanMembers, { 廠商名稱: "農一", 組織類型: "農漁民" }] }).summary.members;
    expect(counts).toMatchObject({ paying: 4, free: 1 });
  });
  it("leaves a member whose fee is not a number out of both paying and free", () => {
    const result = check({ members: withMember({ 廠商名稱: "農一", 組織類型: "農漁民", 年費: "免費" }) });
    expect(hits(result, "MEM-NOT-NUMBER")).toEqual(["會員名單!I6"]);
    expect(result.summary.members).toMatchObject({ counted: 5, paying: 4, free: 0 });
  });
});

describe("MEM-PHASE2-ANCHOR", () => {
  const phase2 = { ...cleanPlan, 計畫期別: 2, 期別年次: 1, 主持人歷年執行年度: "112-114" };
  const local = cleanMembers.filter((m) => m["企業規模"] !== "大型企業" && m["國別"] === undefined);
  it("is an error in phase 2 without a large or international member, at the 組織類型 header", () => {
    expect(hits(check({ plan: phase2, members: local }), "MEM-PHASE2-ANCHOR")).toEqual(["會員名單!D1"]);
  });
  it("is satisfied by an international member", () => {
    expect(hits(check({ plan: phase2, members: [...local, { 廠商名稱: "Acme", 國別: "美國", 年費: 1 }] }), "MEM-PHASE2-ANCHOR")).toEqual([]);
  });
  it("is satisfied by a size derived from capital and employees (MEM-SIZE-DERIVED, info)", () => {
    const large = { 廠商名稱: "大公司", 統一編號: "84149961", 實收資本額: 100_000_001, 員工人數: 200, 年費: 1 };
    const result = check({ plan: phase2, members: [...local, large] });
    expect(hits(result, "MEM-PHASE2-ANCHOR")).toEqual([]);
    expect(hits(result, "MEM-SIZE-DERIVED")).toEqual(["會員名單!E4"]);
  });
  it("does not treat capital of exactly 100,000,000 as large", () => {
    const sme = { 廠商名稱: "中公司", 統一編號: "84149961", 實收資本額: 100_000_000, 員工人數: 500, 年費: 1 };
    expect(hits(check({ plan: phase2, members: [...local, sme] }), "MEM-PHASE2-ANCHOR")).toEqual(["會員名單!D1"]);
  });
  it("does not apply in phase 1", () => {
    expect(hits(check({ members: local }), "MEM-PHASE2-ANCHOR")).toEqual([]);
  });
});

describe("members data checks", () => {
  it("MEM-MISSING: company name required", () => {
    expect(hits(check({ members: withMember({ 統一編號: "53212539", 年費: 1 }) }), "MEM-MISSING")).toEqual(["會員名單!A6"]);
  });
  it("WB-VALUE-UNKNOWN for organisation type and size (error)", () => {
    const result = check({ members: withMember({ 廠商名稱: "丁", 統一編號: "53212539", 組織類型: "社團", 企業規模: "微型" }) });
    expect(hits(result, "WB-VALUE-UNKNOWN")).toEqual(["會員名單!D6", "會員名單!E6"]);
  });
  it("counts a member for a year only from the year it joined", () => {
    const result = check({ members: withMember({ 廠商名稱: "新會員", 統一編號: "53212539", 年費: 1, 入會年度: 116 }) });
    // FY115 counts: the FY116 joiner is not listed yet (listed = counted + excluded).
    expect(result.summary.members).toMatchObject({ listed: 4, counted: 4, excluded: 0 });
    const fy116 = result.summary.years.find((y) => y.year === 116);
    expect(fy116).toBeUndefined(); // no income or subsidy data for FY116: no row for it
    const fy114 = result.summary.years.find((y) => y.year === 114)!;
    expect(fy114.members).toMatchObject({ listed: 2, counted: 2 });
  });
});
