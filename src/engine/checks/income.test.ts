import { check, cleanIncome, cleanMembers, cleanPlan, hits, Row } from "../../../tests/helpers/workbook";

// Income columns: A 年度 B 收入類別 C 廠商名稱 D 統一編號 E 金額 F 收款日期 G 說明. Clean FY115 income: 1,250,000.
const withIncome = (row: Row): Row[] => [...cleanIncome, row];
const year3 = { ...cleanPlan, 期別年次: 3, 主持人歷年執行年度: "113、114" };

describe("INC-TYPE-UNKNOWN", () => {
  it("flags an unknown type at the cell and leaves the row out of operating income", () => {
    const result = check({ income: withIncome({ 年度: 115, 收入類別: "補助款", 金額: 3_000_000 }) });
    expect(hits(result, "INC-TYPE-UNKNOWN")).toEqual(["營運收入!B6"]);
    expect(result.summary.operatingIncome).toBe(1_250_000);
  });
  it.each([["Technical service"], ["技服"], ["其它"]])("accepts %s", (type) => {
    const result = check({ income: withIncome({ 年度: 115, 收入類別: type, 金額: 10 }) });
    expect(hits(result, "INC-TYPE-UNKNOWN")).toEqual([]);
    expect(result.summary.operatingIncome).toBe(1_250_010);
  });
});

describe("income data checks", () => {
  it("INC-MISSING: year, type, amount", () => {
    expect(hits(check({ income: withIncome({ 廠商名稱: "某公司" }) }), "INC-MISSING")).toEqual(["營運收入!A6", "營運收入!B6", "營運收入!E6"]);
  });
  it("INC-NOT-NUMBER: amount and year", () => {
    expect(hits(check({ income: withIncome({ 年度: "去年", 收入類別: "其他", 金額: "N/A" }) }), "INC-NOT-NUMBER")).toEqual(["營運收入!A6", "營運收入!E6"]);
  });
  it.each([["115年度"], ["民國115年"], [2026], ["2026"]])("reads the year %p as 115", (year) => {
    const result = check({ income: [{ 年度: year, 收入類別: "技術服務", 金額: 100 }] });
    expect(result.summary.operatingIncome).toBe(100);
  });
});

describe("INC-FEE-NONMEMBER", () => {
  it("warns on membership fees from a company not on the member list, at 廠商名稱", () => {
    expect(hits(check({ income: withIncome({ 年度: 115, 收入類別: "會員費", 廠商名稱: "庚公司", 金額: 10_000 }) }), "INC-FEE-NONMEMBER")).toEqual(["營運收入!C6"]);
  });
  it("matches by name after NFKC, spaces and (股) expansion", () => {
    const members = [...cleanMembers, { 廠商名稱: "辛電子股份有限公司", 統一編號: "53212539", 年費: 10_000 }];
    const result = check({ members, income: withIncome({ 年度: 115, 收入類別: "會員費", 廠商名稱: "辛電子 (股)", 金額: 10_000 }) });
    expect(hits(result, "INC-FEE-NONMEMBER")).toEqual([]);
  });
  it("matches by tax ID when both have one, even if the names differ", () => {
    const result = check({ income: withIncome({ 年度: 115, 收入類別: "會員費", 廠商名稱: "甲科技", 統一編號: "04595257", 金額: 10_000 }) });
    expect(hits(result, "INC-FEE-NONMEMBER")).toEqual([]);
    const wrongId = check({ income: withIncome({ 年度: 115, 收入類別: "會員費", 廠商名稱: "甲科技股份有限公司", 統一編號: "53212539", 金額: 1 }) });
    expect(hits(wrongId, "INC-FEE-NONMEMBER")).toEqual(["營運收入!C6"]);
  });
  it("ignores other income types", () => {
    expect(hits(check({ income: withIncome({ 年度: 115, 收入類別: "技術服務", 廠商名稱: "庚公司", 金額: 10_000 }) }), "INC-FEE-NONMEMBER")).toEqual([]);
  });
});

describe("OPS-SELF-SUFFICIENCY", () => {
  it("is an error in phase 1 year 3 when income does not exceed the subsidy, at the income 金額 header", () => {
    const result = check({ plan: year3 });
    expect(hits(result, "OPS-SELF-SUFFICIENCY")).toEqual(["營運收入!E1"]);
    expect(hits(result, "OPS-SELF-SUFFICIENCY-TREND")).toEqual([]);
  });
  it("requires income strictly above the subsidy", () => {
    expect(hits(check({ plan: year3, income: withIncome({ 年度: 115, 收入類別: "技術服務", 金額: 750_000 }) }), "OPS-SELF-SUFFICIENCY")).toEqual(["營運收入!E1"]);
    expect(hits(check({ plan: year3, income: withIncome({ 年度: 115, 收入類別: "技術服務", 金額: 750_001 }) }), "OPS-SELF-SUFFICIENCY")).toEqual([]);
  });
  it("applies to every phase-2 year", () => {
    const plan = { ...cleanPlan, 計畫期別: 2, 期別年次: 1, 主持人歷年執行年度: "112,113,114" };
    expect(hits(check({ plan }), "OPS-SELF-SUFFICIENCY")).toEqual(["營運收入!E1"]);
  });
  it("points at A1 of 計畫資訊 when there is no income sheet (income 0)", () => {
    const result = check({ plan: year3, income: null });
    expect(hits(result, "OPS-SELF-SUFFICIENCY")).toEqual(["計畫資訊!A1"]);
    expect(result.summary.operatingIncome).toBeNull();
    expect(result.summary.selfSufficiencyRatio).toBeNull();
  });
  it("uses 歷年補助款 for the plan's year when present", () => {
    const result = check({ plan: year3, subsidyHistory: [{ 年度: 115, 核定補助款: 1_200_000 }] });
    expect(hits(result, "OPS-SELF-SUFFICIENCY")).toEqual([]);
    expect(result.summary.subsidy).toBe(1_200_000);
    expect(result.summary.selfSufficiencyRatio).toBe(1.04);
  });
});

describe("OPS-SELF-SUFFICIENCY-TREND", () => {
  it("gives the gap and ratio in phase 1 years 1–2 (info)", () => {
    const result = check();
    const finding = result.findings.find((f) => f.ruleId === "OPS-SELF-SUFFICIENCY-TREND")!;
    expect(finding.severity).toBe("info");
    expect(finding.params).toMatchObject({ gap: "750,000", ratio: "62.5%" });
  });
});

describe("OPS-GROWTH", () => {
  it("warns when income does not grow from the year before", () => {
    const income = [{ 年度: 114, 收入類別: "技術服務", 金額: 1_250_000 }, ...cleanIncome.filter((r) => r["年度"] === 115)];
    const result = check({ income });
    expect(result.findings.filter((f) => f.ruleId === "OPS-GROWTH").map((f) => f.variant ?? "income")).toEqual(["income"]);
  });
  it("warns when counted members do not grow", () => {
    const members = cleanMembers.map((m) => ({ ...m, 入會年度: 114 }));
    const result = check({ members });
    expect(result.findings.filter((f) => f.ruleId === "OPS-GROWTH").map((f) => f.variant)).toEqual(["members"]);
  });
  it("is skipped when the year before has no members or no income rows", () => {
    const result = check({ members: cleanMembers.map((m) => ({ ...m, 入會年度: 115 })), income: cleanIncome.filter((r) => r["年度"] === 115) });
    expect(hits(result, "OPS-GROWTH")).toEqual([]);
  });
});
