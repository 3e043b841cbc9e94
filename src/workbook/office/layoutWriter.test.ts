import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkbook } from "../../engine";
import { describeSummaryInputs, findingsSheetLayout, resolveStyle, summaryLayouts } from "../../layouts";
import { readWorkbookSnapshot } from "../xlsx/read";
import { createFakeExcel } from "../../../tests/fake-excel";
import { OfficeGateway } from "./OfficeGateway";
import { needsTextFormat } from "./layoutWriter";

async function sample() {
  const snapshot = await readWorkbookSnapshot(
    new Uint8Array(readFileSync(join(__dirname, "../../../samples/sample-mistakes.xlsx")))
  );
  const fake = createFakeExcel();
  for (const sheet of snapshot.sheets) {
    fake.model.addSheet(sheet.name);
    const rows = sheet.values.map((row) => row.map((value) => value));
    if (rows.length > 0)
      fake.model.setValues(sheet.name, `${String.fromCharCode(64 + sheet.originColumn)}${sheet.originRow}`, rows);
  }
  return { snapshot, fake, gateway: new OfficeGateway(fake.run, { isSetSupported: fake.isSetSupported }) };
}

describe("Office.js layout writer", () => {
  it("writes the same sheets, cells, formulas, formats and markers as the layouts, in bounded syncs", async () => {
    const { snapshot, fake, gateway } = await sample();
    const result = validateWorkbook(snapshot);
    await gateway.readSnapshot();
    const readSyncs = fake.model.syncCount;
    fake.model.resetCounters();
    const written = await gateway.writeSummary(result, "zh-TW");
    expect(fake.model.syncCount - readSyncs).toBeLessThanOrEqual(4);
    expect(written.notices).toEqual([]);
    const layouts = [
      findingsSheetLayout(result, "zh-TW", { existingSheets: snapshot.sheets.map((s) => s.name) }),
      ...summaryLayouts(result, "zh-TW", describeSummaryInputs(snapshot, result)),
    ];
    expect(written.sheets).toEqual(layouts.map((layout) => layout.name));
    for (const layout of layouts) {
      const sheet = fake.model.sheet(layout.name);
      expect(sheet.visibility).toBe(layout.hidden ? "Hidden" : "Visible");
      for (const cell of layout.cells) {
        const model = fake.model.getCell(sheet, cell.row, cell.column);
        const content = cell.content;
        if (content.kind === "formula") expect(model?.formula).toBe(`=${content.formula.text}`);
        else if (content.kind === "link") expect(model?.value).toBe(content.text);
        else if (!(
          typeof content.value === "string" &&
          content.value.startsWith("營運摘要") === false &&
          /\d{4}-\d{2}-\d{2}/.test(content.value)
        ))
          expect(model?.value ?? null).toEqual(content.value === "" ? null : content.value);
        const format = resolveStyle(cell.styles).numberFormat;
        if (
          format !== undefined &&
          content.kind !== "formula" &&
          !(typeof cellText(content) === "string" && needsTextFormat(cellText(content)!))
        )
          expect(fake.model.numberFormatAt(sheet, cell.row, cell.column)).toBe(format);
      }
    }
    const markers = fake.model.names
      .filter((name) => name.name.startsWith("AllianceCheck_Generated_"))
      .map((name) => name.name)
      .sort();
    expect(markers).toEqual([
      "AllianceCheck_Generated_findings",
      "AllianceCheck_Generated_summary",
      "AllianceCheck_Generated_summaryCalc",
    ]);

    // Again: our marked sheets are replaced, nothing is renamed.
    await gateway.writeSummary(result, "zh-TW");
    expect(fake.model.sheets.filter((sheet) => sheet.name.startsWith("檢核結果"))).toHaveLength(1);
  });

  it("leaves a person's own 檢核結果 sheet alone and writes ours under another name", async () => {
    const { snapshot, fake, gateway } = await sample();
    fake.model.addSheet("檢核結果");
    fake.model.setValues("檢核結果", "A1", [["my notes"]]);
    const written = await gateway.writeSummary(validateWorkbook(snapshot), "zh-TW");
    expect(fake.model.getCell(fake.model.sheet("檢核結果"), 1, 1)?.value).toBe("my notes");
    expect(written.sheets[0]).toBe("檢核結果 (2)");
    expect(written.notices.join("")).toContain("檢核結果 (2)");
  });

  it("keeps text that looks like a formula as text", async () => {
    const { snapshot, fake, gateway } = await sample();
    const result = validateWorkbook(snapshot);
    const texts = ['=HYPERLINK("http://x")', "+1", "@SUM(1)", "-A1", "0012"];
    const first = result.findings[0]!;
    result.findings = texts.map((text) => ({ ...first, ruleId: text as typeof first.ruleId }));
    const written = await gateway.writeSummary(result, "en");
    const sheet = fake.model.sheet(written.sheets[0]!);
    texts.forEach((text, i) => {
      const cell = fake.model.getCell(sheet, i + 2, 2);
      expect(cell?.formula).toBeUndefined();
      expect(cell?.value).toBe(text);
    });
  });

  it("inserts only the template sheets that are missing", async () => {
    const fake = createFakeExcel();
    fake.model.addSheet("Budget");
    fake.model.setValues("Budget", "A1", [["mine"]]);
    const gateway = new OfficeGateway(fake.run, { isSetSupported: fake.isSetSupported });
    const { added } = await gateway.insertTemplate("zh-TW");
    expect(added).not.toContain("經費表");
    expect(added).toContain("計畫資訊");
    expect(fake.model.getCell(fake.model.sheet("Budget"), 1, 1)?.value).toBe("mine");
    const again = await gateway.insertTemplate("zh-TW");
    expect(again.added).toEqual([]);
  });
});

function cellText(content: { kind: string; value?: unknown; text?: string }): string | null {
  if (content.kind === "value" && typeof content.value === "string") return content.value;
  return null;
}
