import { createFormatter, validateWorkbook } from "../../src/engine";
import type { Finding, ValidationResult } from "../../src/engine/types";
import { findingsSheetLayout, SEVERITY_WORDS } from "../../src/layouts/findings";
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

  it("writes one row per finding: severity, rule, sheet, linked cell, message, waiver", () => {
    const layout = findingsSheetLayout(result, "zh-TW");
    expect(layout.name).toBe("檢核結果");
    expect(layout.kind).toBe("findings");
    expect([1, 2, 3, 4, 5, 6].map((column) => (at(layout.cells, 1, column)?.content as { value: string }).value)).toEqual([
      "嚴重度",
      "規則",
      "工作表",
      "儲存格",
      "說明",
      "例外說明",
    ]);
    const format = createFormatter(result);
    result.findings.forEach((finding, index) => {
      const row = index + 2;
      expect(at(layout.cells, row, 1)?.content).toEqual({ kind: "value", value: SEVERITY_WORDS[finding.severity] });
      expect(at(layout.cells, row, 1)?.styles).toEqual([`severity-${finding.severity}`]);
      expect(at(layout.cells, row, 2)?.content).toEqual({ kind: "value", value: finding.ruleId });
      expect(at(layout.cells, row, 4)?.content).toEqual({ kind: "link", text: finding.cell, sheet: finding.sheet, cell: finding.cell });
      expect(at(layout.cells, row, 5)?.content).toEqual({ kind: "value", value: format(finding, "zh-TW") });
    });
    expect(layout.frozen).toEqual({ rows: 1 });
    expect(layout.autoFilter).toBe(`A1:F${result.findings.length + 1}`);
  });

  it("uses the chosen language for headers and messages, and both for severities", () => {
    const layout = findingsSheetLayout(result, "en");
    expect(layout.name).toBe("Findings");
    expect((at(layout.cells, 1, 5)?.content as { value: string }).value).toBe("Message");
    const finding = result.findings[0]!;
    expect((at(layout.cells, 2, 5)?.content as { value: string }).value).toBe(createFormatter(result)(finding, "en"));
    expect(SEVERITY_WORDS.error).toBe("錯誤");
  });

  it("links only to sheets the workbook has", () => {
    const missing = validateWorkbook(workbook({ income: null }));
    const layout = findingsSheetLayout(missing, "zh-TW", { existingSheets: ["計畫資訊", "經費表", "會員名單"] });
    const index = missing.findings.findIndex((finding) => finding.sheet === "營運收入");
    expect(index).toBeGreaterThanOrEqual(0);
    expect(at(layout.cells, index + 2, 4)?.content).toEqual({ kind: "value", value: missing.findings[index]!.cell });
  });

  it("shows waivers and their reasons", () => {
    const finding = result.findings[0]!;
    const waived: ValidationResult = {
      ...result,
      findings: [{ ...finding, waiver: { fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: "審查同意" } } as Finding],
    };
    const layout = findingsSheetLayout(waived, "zh-TW");
    expect(at(layout.cells, 2, 1)?.styles).toEqual(["waived"]);
    expect(at(layout.cells, 2, 6)?.content).toEqual({ kind: "value", value: "審查同意" });
  });

  it("writes text that looks like a formula as a value, never as a formula", () => {
    const injected = resultWithInjections();
    const layout = findingsSheetLayout(injected, "zh-TW");
    expect(layout.cells.every((cell) => cell.content.kind !== "formula")).toBe(true);
    const messages = layout.cells.filter((cell) => cell.column === 5).map((cell) => (cell.content as { value: string }).value);
    for (const text of INJECTIONS) expect(messages.some((message) => message.includes(text.trim()))).toBe(true);
  });

  it("says so when there is nothing to report", () => {
    const empty: ValidationResult = { ...result, findings: [] };
    const layout = findingsSheetLayout(empty, "en");
    expect(at(layout.cells, 2, 5)?.content).toEqual({ kind: "value", value: "No findings." });
  });
});
