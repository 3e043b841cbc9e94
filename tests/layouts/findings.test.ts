import { createFormatter, validateWorkbook } from "../../src/engine";
import type { Finding, ValidationResult } from "../../src/engine/types";
import { FINDINGS_HEADER_ROW, findingsSheetLayout, SEVERITY_WORDS } from "../../src/layouts/findings";
import { catalogueRulePack } from "../../src/rules";
import type { RuleId } from "../../src/rules/schema";
import type { LayoutCell } from "../../src/layouts/layout";
import { cleanMembers, TAX_IDS, workbook } from "../helpers/workbook";

const INJECTIONS = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(1)", "\tTab", "\rCR"];

function resultWithInjections(): ValidationResult {
  const members = [...cleanMembers, ...INJECTIONS.map((name) => ({ 廠商名稱: name, 組織類型: "研究法人", 年費: 0 }))];
  return validateWorkbook(workbook({ members }));
}

function at(cells: LayoutCell[], row: number, column: number): LayoutCell | undefined {
  return cells.find((cell) => cell.row === row && cell.column === column);
}

describe("findingsSheetLayout", () => {
  const result = validateWorkbook(
    workbook({ members: [...cleanMembers, { 廠商名稱: "某研究院", 統一編號: TAX_IDS[4]!, 組織類型: "研究法人", 年費: 0 }] }),
  );

  const HEADER = FINDINGS_HEADER_ROW;
  const textAt = (cells: LayoutCell[], row: number, column: number) => (at(cells, row, column)?.content as { value: string }).value;

  it("writes one row per finding: number, severity, rule title, sheet, linked cell, message, exception note, rule ID", () => {
    const layout = findingsSheetLayout(result, "zh-TW");
    expect(layout.name).toBe("檢核結果");
    expect(layout.kind).toBe("findings");
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((column) => textAt(layout.cells, HEADER, column))).toEqual([
      "序號",
      "嚴重度",
      "規則",
      "工作表",
      "儲存格",
      "說明",
      "例外說明",
      "規則代碼",
    ]);
    const format = createFormatter(result);
    const pack = catalogueRulePack();
    result.findings.forEach((finding, index) => {
      const row = HEADER + 1 + index;
      expect(at(layout.cells, row, 1)?.content).toEqual({ kind: "value", value: index + 1 });
      expect(at(layout.cells, row, 2)?.content).toEqual({ kind: "value", value: SEVERITY_WORDS["zh-TW"][finding.severity] });
      expect(at(layout.cells, row, 2)?.styles).toEqual([`severity-${finding.severity}`, "top"]);
      expect(at(layout.cells, row, 3)?.content).toEqual({ kind: "value", value: pack.rules[finding.ruleId as RuleId].title["zh-TW"] });
      expect(at(layout.cells, row, 5)?.content).toEqual({ kind: "link", text: finding.cell, sheet: finding.sheet, cell: finding.cell });
      expect(at(layout.cells, row, 6)?.content).toEqual({ kind: "value", value: format(finding, "zh-TW") });
      expect(at(layout.cells, row, 6)?.styles).toContain("wrap");
      expect(at(layout.cells, row, 8)?.content).toEqual({ kind: "value", value: finding.ruleId });
    });
    expect(layout.frozen).toEqual({ rows: HEADER });
    expect(layout.autoFilter).toBe(`A${HEADER}:H${HEADER + result.findings.length}`);
  });

  it("has a title block: plan, project number, file, ROC date checked, rule version, who checked (a line when unknown)", () => {
    const plan = { ...result.plan, projectNumber: "NSTC 115-2622-E-001-001" };
    const layout = findingsSheetLayout({ ...result, plan }, "zh-TW", { fileName: "聯盟.xlsx", checkedOn: new Date("2026-12-04T23:30:00Z") });
    const texts = layout.cells.filter((cell) => cell.row < HEADER).map((cell) => (cell.content as { value: string }).value);
    expect(texts).toContain("計畫名稱：智慧製造產學技術聯盟");
    expect(texts).toContain("計畫編號：NSTC 115-2622-E-001-001");
    expect(texts).toContain("檔案：聯盟.xlsx");
    // 07:30 on 12/5 in Taiwan, still 12/4 in UTC.
    expect(texts).toContain("檢核日期：115年12月5日");
    expect(texts).toContain("規則版本：115年度規則");
    expect(texts.find((text) => text.startsWith("檢核人："))).toMatch(/^檢核人：＿+$/);
    expect(texts.join("\n")).not.toContain("nstc-alliance-115");
    const english = findingsSheetLayout(result, "en", { checkedBy: "Lee", checkedOn: new Date("2026-12-04T23:30:00Z") });
    const englishTexts = english.cells.filter((cell) => cell.row < HEADER).map((cell) => (cell.content as { value: string }).value);
    expect(englishTexts).toEqual(expect.arrayContaining(["Date checked: 2026-12-05", "Rules: FY115 rules", "Checked by: Lee"]));
  });

  it("prints landscape on A4, one page wide, the header row on every page, with sign-off lines below the table", () => {
    const layout = findingsSheetLayout(result, "zh-TW");
    const last = HEADER + result.findings.length;
    const signatures = layout.cells.filter((cell) => cell.row > last).map((cell) => (cell.content as { value: string }).value);
    expect(signatures).toEqual([expect.stringMatching(/^承辦人：＿+$/), expect.stringMatching(/^單位主管：＿+$/)]);
    const signRow = Math.max(...layout.cells.map((cell) => cell.row));
    expect(layout.print).toEqual({
      orientation: "landscape",
      fit: { width: 1, height: 0 },
      titleRows: { first: HEADER, last: HEADER },
      area: `A1:H${signRow}`,
    });
  });

  it("uses the chosen language for headers, messages and severities, one language each", () => {
    const layout = findingsSheetLayout(result, "en");
    expect(layout.name).toBe("Findings");
    expect(textAt(layout.cells, HEADER, 6)).toBe("Message");
    const finding = result.findings[0]!;
    expect(textAt(layout.cells, HEADER + 1, 6)).toBe(createFormatter(result)(finding, "en"));
    expect(textAt(layout.cells, HEADER + 1, 2)).toBe(SEVERITY_WORDS.en[finding.severity]);
    expect(SEVERITY_WORDS["zh-TW"]).toEqual({ error: "錯誤", warning: "警告", info: "提示" });
    const zh = findingsSheetLayout(result, "zh-TW");
    for (const cell of zh.cells.filter((candidate) => candidate.column === 2 && candidate.row > HEADER)) {
      expect((cell.content as { value: string }).value).not.toMatch(/[A-Za-z]/);
    }
  });

  it("links only to sheets the workbook has", () => {
    const missing = validateWorkbook(workbook({ income: null }));
    const layout = findingsSheetLayout(missing, "zh-TW", { existingSheets: ["計畫資訊", "經費表", "會員名單"] });
    const index = missing.findings.findIndex((finding) => finding.sheet === "營運收入");
    expect(index).toBeGreaterThanOrEqual(0);
    expect(at(layout.cells, HEADER + 1 + index, 5)?.content).toEqual({ kind: "value", value: missing.findings[index]!.cell });
  });

  it("shows exception notes with who wrote them and when", () => {
    const finding = result.findings[0]!;
    const noted = (waiver: Finding["waiver"]): ValidationResult => ({ ...result, findings: [{ ...finding, waiver } as Finding] });
    const base = { fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: "審查同意" };
    const old = findingsSheetLayout(noted(base), "zh-TW");
    expect(at(old.cells, HEADER + 1, 2)?.styles).toEqual(["waived", "top"]);
    expect(at(old.cells, HEADER + 1, 7)?.content).toEqual({ kind: "value", value: "審查同意" });
    const full = { ...base, by: "李小華", role: "finance" as const, at: "2026-12-05T07:30:00+08:00" };
    expect(at(findingsSheetLayout(noted(full), "zh-TW").cells, HEADER + 1, 7)?.content).toEqual({ kind: "value", value: "審查同意（李小華，115年12月5日）" });
    expect(at(findingsSheetLayout(noted(full), "en").cells, HEADER + 1, 7)?.content).toEqual({ kind: "value", value: "審查同意 (李小華, 2026-12-05)" });
  });

  it("writes text that looks like a formula as a value, never as a formula", () => {
    const injected = resultWithInjections();
    const layout = findingsSheetLayout(injected, "zh-TW");
    expect(layout.cells.every((cell) => cell.content.kind !== "formula")).toBe(true);
    const messages = layout.cells.filter((cell) => cell.column === 6).map((cell) => (cell.content as { value: string }).value);
    for (const text of INJECTIONS) expect(messages.some((message) => message.includes(text.trim()))).toBe(true);
  });

  it("says so when there is nothing to report", () => {
    const empty: ValidationResult = { ...result, findings: [] };
    const layout = findingsSheetLayout(empty, "en");
    expect(at(layout.cells, HEADER + 1, 6)?.content).toEqual({ kind: "value", value: "No findings." });
  });
});
