import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { writeTemplateFile } from "../../src/cli/template";
import { validateWorkbook } from "../../src/engine";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { loadWorkbook } from "./fixtures";

describe("writeTemplateFile", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "template-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the template in the chosen language", async () => {
    const file = path.join(dir, "範本.xlsx");
    await writeTemplateFile(file, "en", false);
    const workbook = await loadWorkbook(new Uint8Array(readFileSync(file)));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Plan", "Budget", "Members", "Income", "Subsidy history", "Instructions"]);
    expect(workbook.getWorksheet("Budget")!.getCell("J4").value).toBe("Amount");
  });

  it("refuses to overwrite a file unless forced, saying so in both languages", async () => {
    const file = path.join(dir, "existing.xlsx");
    writeFileSync(file, "mine");
    await expect(writeTemplateFile(file, "zh-TW", false)).rejects.toThrow(/檔案已存在.*--force.*already exists/);
    expect(readFileSync(file, "utf8")).toBe("mine");
    await writeTemplateFile(file, "zh-TW", true);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  });

  it("is read by the engine as the contract's sheets (empty, so only missing-data findings)", async () => {
    const file = path.join(dir, "t.xlsx");
    await writeTemplateFile(file, "zh-TW", false);
    const result = validateWorkbook(await readWorkbookSnapshot(new Uint8Array(readFileSync(file))));
    const rules = new Set(result.findings.map((finding) => finding.ruleId));
    expect(rules.has("WB-SHEET-MISSING")).toBe(false);
    expect(rules.has("WB-COLUMN-MISSING")).toBe(false);
    expect(rules.has("PLAN-MISSING")).toBe(true);
  });
});
