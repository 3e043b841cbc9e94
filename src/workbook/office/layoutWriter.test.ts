/**
 * The Office.js layout writer (summary sheets and template) on the in-memory Excel under
 * Microsoft's client library: what Excel would do with each write is the host's, so text typed
 * into cells, unbounded ranges, workbook-unique names, list sources and notes behave as in Excel.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ExcelHost, type ProfileId } from "../../../tests/excel-host";
import { buildGrantWorkbook } from "../../../tests/excel-host/fixtures";
import { loadSnapshot, rejection, useHosts } from "../../../tests/excel-host/testing";
import { validateWorkbook } from "../../engine";
import type { Finding } from "../../engine/types";
import { describeSummaryInputs, findingsSheetLayout, resolveStyle, summaryLayouts } from "../../layouts";
import { sheetOfA1Reference } from "../../layouts/ownership";
import { templateLayouts } from "../../layouts/template";
import { readWorkbookSnapshot } from "../xlsx/read";
import { OfficeGateway } from "./OfficeGateway";

const start = useHosts();
const SAMPLE = join(__dirname, "../../../samples/sample-mistakes.xlsx");

async function sample(profile: ProfileId = "m365-windows") {
  const snapshot = await readWorkbookSnapshot(new Uint8Array(readFileSync(SAMPLE)));
  const host = start(profile);
  loadSnapshot(host.workbook, snapshot);
  return { snapshot, host, gateway: new OfficeGateway() };
}

function value(host: ExcelHost, sheetName: string, row: number, column: number) {
  return host.workbook.cellAt(host.workbook.sheet(sheetName), row, column);
}

describe("writeSummary", () => {
  it("names the workbook and who checked in 檢核結果's title block", async () => {
    const { snapshot, host, gateway } = await sample();
    await gateway.writeSummary(validateWorkbook(snapshot), "en", undefined, {
      fileName: "alliance.xlsx",
      checkedBy: "Lee",
    });
    expect(value(host, "Findings", 3, 6)?.value).toBe("File: alliance.xlsx");
    expect(value(host, "Findings", 5, 1)?.value).toBe("Checked by: Lee");
  });

  it("writes the same sheets, cells, formulas, formats and markers as the layouts, in bounded syncs", async () => {
    const { snapshot, host, gateway } = await sample();
    const result = validateWorkbook(snapshot);
    host.resetCounters();
    const written = await gateway.writeSummary(result, "zh-TW");
    // Read (sheets, used ranges, values), names, then the writes in syncs of at most 4 MB
    // (about 3.6 MB of requests here: two).
    expect(host.syncCount).toBeLessThanOrEqual(6);
    expect(host.syncs.every((sync) => sync.requestBytes <= 4 * 1024 * 1024)).toBe(true);
    expect(written.notices).toEqual([]);
    const layouts = [
      findingsSheetLayout(result, "zh-TW", { existingSheets: snapshot.sheets.map((s) => s.name) }),
      ...summaryLayouts(result, "zh-TW", describeSummaryInputs(snapshot, result)),
    ];
    expect(written.sheets).toEqual(layouts.map((layout) => layout.name));
    for (const layout of layouts) {
      const sheet = host.workbook.sheet(layout.name);
      expect(sheet.visibility).toBe(layout.hidden ? "Hidden" : "Visible");
      for (const cell of layout.cells) {
        const stored = host.workbook.cellAt(sheet, cell.row, cell.column);
        const content = cell.content;
        if (content.kind === "formula") expect(stored?.formula).toBe(`=${content.formula.text}`);
        else if (content.kind === "link") {
          expect(stored?.value).toBe(content.text);
          expect(stored?.hyperlink?.documentReference).toContain(content.cell);
        } else if (!(typeof content.value === "string" && /^\d{4}-\d{2}-\d{2}/.test(content.value))) {
          // Every value exactly as laid out: text stays text (formatted "@"), numbers stay numbers.
          expect(stored?.value ?? null).toEqual(content.value === "" ? null : content.value);
        }
        const format = resolveStyle(cell.styles).numberFormat;
        if (format !== undefined && content.kind === "value" && typeof content.value === "number") {
          expect(host.workbook.numberFormatAt(sheet, cell.row, cell.column)).toBe(format);
        }
      }
      // Page setup through Worksheet.pageLayout [1.9], in the same syncs as the cells.
      const print = layout.print;
      if (print) {
        const page = sheet.features.pageLayout!;
        expect(page.orientation).toBe(print.orientation === "landscape" ? "Landscape" : "Portrait");
        expect(page.paperSize).toBe("A4");
        expect(page.zoom).toEqual(
          print.fit ? { horizontalFitToPages: print.fit.width, verticalFitToPages: print.fit.height } : { scale: 100 }
        );
        if (print.titleRows)
          expect(page.printTitleRows).toEqual({ top: print.titleRows.first, bottom: print.titleRows.last });
        if (print.area) expect(page.printArea).toHaveLength(1);
      } else expect(sheet.features.pageLayout).toBeUndefined();
      for (const chart of layout.charts ?? []) {
        const written = sheet.features.charts.find((candidate) => candidate.title === chart.title)!;
        expect(written.axisTitles).toEqual({
          category: chart.axisTitles?.category ?? null,
          value: chart.axisTitles?.value ?? null,
        });
      }
    }
    const markers = host.workbook.names
      .filter((name) => name.name.startsWith("AllianceCheck_Generated_"))
      .map((name) => name.name);
    expect(markers.sort()).toEqual([
      "AllianceCheck_Generated_findings",
      "AllianceCheck_Generated_summary",
      "AllianceCheck_Generated_summaryCalc",
    ]);

    // Again: our marked sheets are replaced, nothing is renamed.
    await gateway.writeSummary(result, "zh-TW");
    expect(host.workbook.sheets.filter((sheet) => sheet.name.startsWith("檢核結果"))).toHaveLength(1);
  });

  it("leaves a person's own 檢核結果 sheet alone and writes ours under another name", async () => {
    const { snapshot, host, gateway } = await sample();
    host.workbook.addSheet("檢核結果");
    host.workbook.setValues("檢核結果", "A1", [["my notes"]]);
    const written = await gateway.writeSummary(validateWorkbook(snapshot), "zh-TW");
    expect(value(host, "檢核結果", 1, 1)?.value).toBe("my notes");
    expect(written.sheets[0]).toBe("檢核結果 (2)");
    expect(written.notices.join("")).toContain("檢核結果 (2)");
  });

  it.each([
    ["findings", "'經費表'!$A$1", "經費表"],
    ["summary", "=會員名單!$A$1", "會員名單"],
    ["summaryCalc", "'經費表'!$A$1", "經費表"],
  ])("never deletes a person's sheet a forged %s marker points at (%s)", async (kind, formula, sheetName) => {
    const { snapshot, host, gateway } = await sample();
    host.workbook.names.push({
      name: `AllianceCheck_Generated_${kind}`,
      formula: formula.startsWith("=") ? formula : `=${formula}`,
      visible: true,
    });
    const before = host.workbook.sheet(sheetName).cells.size;
    host.resetCounters();
    const written = await gateway.writeSummary(validateWorkbook(snapshot), "zh-TW");
    expect(host.syncCount).toBeLessThanOrEqual(6);
    expect(host.workbook.findSheet(sheetName)).toBeDefined();
    expect(host.workbook.sheet(sheetName).cells.size).toBe(before);
    expect(written.sheets).toEqual(["檢核結果", "營運摘要", "營運摘要計算"]);
    expect(written.notices.join("\n")).toContain(`「${sheetName}」保持原狀`);
    // The marker now points at our sheet, once.
    const markers = host.workbook.names.filter(
      (name) => name.name.toLowerCase() === `alliancecheck_generated_${kind}`.toLowerCase()
    );
    expect(markers.map((name) => sheetOfA1Reference(name.formula))).toEqual([
      written.sheets[["findings", "summary", "summaryCalc"].indexOf(kind)],
    ]);
    // Written again: ours replaced, the person's sheet still there.
    await gateway.writeSummary(validateWorkbook(snapshot), "zh-TW");
    expect(host.workbook.sheet(sheetName).cells.size).toBe(before);
    expect(host.workbook.sheets.filter((sheet) => sheet.name.startsWith("檢核結果"))).toHaveLength(1);
  });

  it("keeps a sheet of ours the person renamed: it is theirs now, and ours goes beside it", async () => {
    const { snapshot, host, gateway } = await sample();
    const result = validateWorkbook(snapshot);
    await gateway.writeSummary(result, "zh-TW");
    host.workbook.sheet("檢核結果").name = "我的紀錄";
    const marker = host.workbook.names.find((name) => name.name === "AllianceCheck_Generated_findings")!;
    marker.formula = "='我的紀錄'!$A$1";
    await gateway.writeSummary(result, "zh-TW");
    expect(host.workbook.findSheet("我的紀錄")).toBeDefined();
    expect(host.workbook.findSheet("檢核結果")).toBeDefined();
  });

  it("removes only sheets of ours after a failed write, never one a forged marker points at", async () => {
    const forge = (host: ExcelHost) =>
      host.workbook.names.push({ name: "AllianceCheck_Generated_summary", formula: "='經費表'!$A$1", visible: true });
    const counted = await sample();
    forge(counted.host);
    counted.host.resetCounters();
    await counted.gateway.writeSummary(validateWorkbook(counted.snapshot), "zh-TW");
    const total = counted.host.syncCount;
    for (const afterActions of [1, 40]) {
      const { snapshot, host, gateway } = await sample();
      forge(host);
      // The last write sync fails part-way: what ran is taken out again, by ownership.
      host.resetCounters();
      host.injectFailure({ nth: total, afterActions });
      const error = await rejection(gateway.writeSummary(validateWorkbook(snapshot), "zh-TW"));
      expect(error.message).toContain("removed");
      expect(host.workbook.sheets.map((sheet) => sheet.name)).toEqual(snapshot.sheets.map((sheet) => sheet.name));
    }
  });

  it("keeps every text as written, whatever Excel would make of it if typed", async () => {
    const { snapshot, host, gateway } = await sample();
    const result = validateWorkbook(snapshot);
    const texts = [
      '=HYPERLINK("http://x")',
      "+1",
      "@SUM(1)",
      "-A1",
      "0012",
      "1,234",
      "10%",
      "(5)",
      "#N/A",
      "'引號",
      "2026-01-01",
      "TRUE",
      "$5",
      "12:30",
    ];
    const first = result.findings[0]!;
    result.findings = texts.map((text): Finding => ({ ...first, ruleId: text as Finding["ruleId"] }));
    const written = await gateway.writeSummary(result, "en");
    const sheet = host.workbook.sheet(written.sheets[0]!);
    const rows = [...sheet.cells.entries()].filter(
      ([, cell]) => typeof cell.value === "string" && texts.includes(cell.value as string)
    );
    expect(new Set(rows.map(([, cell]) => cell.value))).toEqual(new Set(texts));
    for (const [, cell] of rows) expect(cell.formula).toBeUndefined();
  });

  it("writes the summary of a 100,000-row budget", async () => {
    const host = start("m365-windows");
    buildGrantWorkbook(host.workbook, { budgetRows: 100_000, memberRows: 100 });
    const gateway = new OfficeGateway();
    const { snapshot } = await gateway.readWorkbook();
    const result = validateWorkbook(snapshot);
    const written = await gateway.writeSummary(result, "zh-TW");
    expect(written.sheets).toHaveLength(3);
    expect(host.syncs.every((sync) => sync.failed === undefined)).toBe(true);
  }, 180_000);
});

describe("insertTemplate", () => {
  it.each(["web", "m365-mac", "ltsc-2024", "ltsc-2021", "floor-1.9"] as const)(
    "adds every template sheet on %s (notes only where the host has them)",
    async (profile) => {
      const host = start(profile);
      host.workbook.addSheet("Sheet1");
      const gateway = new OfficeGateway();
      const { added } = await gateway.insertTemplate("zh-TW");
      expect(added).toEqual(templateLayouts("zh-TW").map((layout) => layout.name));
      const notes = host.workbook.sheets.reduce((sum, sheet) => sum + sheet.notes.length, 0);
      expect(notes > 0).toBe(host.profile.excelApi >= 18);
      // Dropdowns refer to the lists' names, which exist.
      const validations = host.workbook.sheets.flatMap((sheet) => sheet.features.validations);
      expect(validations.length).toBeGreaterThan(0);
      for (const validation of validations.filter((v) => v.source.startsWith("="))) {
        expect(host.workbook.names.some((name) => `=${name.name}` === validation.source)).toBe(true);
      }
    }
  );

  it("inserts only the template sheets that are missing", async () => {
    const host = start();
    host.workbook.addSheet("Budget");
    host.workbook.setValues("Budget", "A1", [["mine"]]);
    const gateway = new OfficeGateway();
    const { added } = await gateway.insertTemplate("zh-TW");
    expect(added).not.toContain("經費表");
    expect(added).toContain("計畫資訊");
    expect(value(host, "Budget", 1, 1)?.value).toBe("mine");
    expect((await gateway.insertTemplate("zh-TW")).added).toEqual([]);
  });

  it("names its tables apart from the workbook's own names and tables", async () => {
    const host = start();
    host.workbook.addSheet("Data");
    host.workbook.names.push({ name: "Income", formula: "=Data!$A$1", visible: true });
    host.workbook.tables.push({
      id: "99",
      name: "Members",
      sheetId: host.workbook.sheet("Data").id,
      rect: { top: 1, left: 1, bottom: 3, right: 2 },
      style: "TableStyleLight1",
    });
    await new OfficeGateway().insertTemplate("en");
    const tables = host.workbook.tables.map((table) => table.name);
    expect(tables).toContain("Income_2");
    expect(tables).toContain("Members_2");
    expect(new Set(tables.map((name) => name.toLowerCase())).size).toBe(tables.length);
  });

  it("formats a column's rows in use, not the unbounded column", async () => {
    const host = start();
    host.workbook.addSheet("Sheet1");
    await new OfficeGateway().insertTemplate("zh-TW");
    // 統一編號 is a text column on the members sheet: its data rows are Text.
    const members = host.workbook.sheet("會員名單");
    const header = [...members.cells.entries()].find(([, cell]) => cell.value === "統一編號")!;
    const column = Number(header[0].split(":")[1]);
    expect(host.workbook.numberFormatAt(members, 500, column)).toBe("@");
  });

  it("removes the sheets it added when the batch fails half-way", async () => {
    const host = start();
    host.workbook.addSheet("Sheet1");
    const before = host.workbook.sheets.map((sheet) => sheet.name);
    // The names read, then the first write sync fails after some of its actions ran.
    host.injectFailure({ nth: 2, afterActions: 40 });
    const error = await rejection(new OfficeGateway().insertTemplate("zh-TW"));
    expect(error).toMatchObject({ name: "WorkbookError" });
    expect(error.message).toContain("removed");
    expect(host.workbook.sheets.map((sheet) => sheet.name)).toEqual(before);
  });
});

describe("the overview workbook's layouts", () => {
  // Inside Excel the pane opens the overview as a new workbook from the file writer's bytes
  // (Excel.createWorkbook gives no context to write into); its layouts are still layouts of the
  // shared system, which the Office.js writer applies as it applies the others.
  it("are written by the Office.js writer too: values, our formulas and the chart, in bounded syncs", async () => {
    const { snapshot, host } = await sample("ltsc-2021");
    const { buildOverview, checkSubmission } = await import("../../review");
    const { overviewLayouts } = await import("../../layouts/overview");
    const { writeLayouts } = await import("./layoutWriter");
    const overview = buildOverview([
      { kind: "checked", facts: checkSubmission("sample-mistakes.xlsx", snapshot).facts },
      { kind: "unreadable", failure: { file: "=broken.xlsx", code: "corrupt", message: "'damaged" } },
    ]);
    const layouts = overviewLayouts(overview, "en");
    host.resetCounters();
    await Excel.run(async (context) => {
      await writeLayouts(context, layouts, { notes: false, maxPayloadBytes: 4 * 1024 * 1024 });
    });
    expect(host.syncCount).toBeLessThanOrEqual(2);
    for (const layout of layouts) {
      const sheet = host.workbook.sheet(layout.name);
      for (const cell of layout.cells) {
        const stored = host.workbook.cellAt(sheet, cell.row, cell.column);
        if (cell.content.kind === "formula") expect(stored?.formula).toBe(`=${cell.content.formula.text}`);
        else if (cell.content.kind === "value")
          expect(stored?.value ?? null).toEqual(cell.content.value === "" ? null : cell.content.value);
      }
    }
    expect(host.workbook.sheet("Income vs subsidy").features.charts).toHaveLength(1);
  });
});
