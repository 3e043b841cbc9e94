/**
 * The Office.js gateway on the in-memory Excel under Microsoft's own client library
 * (tests/excel-host): syncs are the requests the library sends, bytes are measured on its
 * messages, and each profile answers as its Excel build does.
 */
import { type ExcelHost, formatRect, type ProfileId } from "../../../tests/excel-host";
import { BUDGET_HEADERS, budgetRow, buildGrantWorkbook, memberRow } from "../../../tests/excel-host/fixtures";
import { rejection, useHosts } from "../../../tests/excel-host/testing";
import type { Waiver } from "../../engine/types";
import { ANNOTATION_MARKER, FLAG_FORMATS, type FlagStyle, markerFormula, styleOfFormula } from "../flagMarks";
import type { CellFlag } from "../gateway";
import { WAIVER_NAMESPACE, waiversToXml } from "../waiverXml";
import { MAX_AREAS_ADDRESS } from "./flags";
import { FLAG_STATE_SETTING } from "./gridScan";
import { OfficeGateway, type OfficeGatewayOptions } from "./OfficeGateway";

const MB = 1024 * 1024;
const start = useHosts();

function setup(
  profile: ProfileId = "m365-windows",
  hostOptions: Parameters<typeof start>[1] = {},
  options: OfficeGatewayOptions = {}
) {
  const host = start(profile, hostOptions);
  return { host, gateway: new OfficeGateway(undefined, options) };
}

/** Our conditional formats on a sheet: style and the format. */
function ourFormats(host: ExcelHost, sheet: string) {
  return host.workbook
    .sheet(sheet)
    .conditionalFormats.filter((cf) => cf.formula !== null && styleOfFormula(cf.formula) !== null)
    .map((cf) => ({ style: styleOfFormula(cf.formula!)!, cf }));
}

function styleAt(host: ExcelHost, sheet: string, cell: string): FlagStyle[] {
  return host.workbook
    .conditionalFormatsAt(sheet, cell)
    .flatMap((cf) => (cf.formula === null ? [] : [styleOfFormula(cf.formula)]))
    .filter((style): style is FlagStyle => style !== null);
}

function notesOn(host: ExcelHost, sheet: string): Map<string, string> {
  return new Map(
    host.workbook
      .sheet(sheet)
      .notes.map((note) => [
        formatRect({ top: note.row, left: note.column, bottom: note.row, right: note.column }),
        note.content,
      ])
  );
}

const SEVERITIES = ["error", "warning", "info"] as const;

/** `count` flags down the 金額 column (K) of the budget sheet, from row 4; every 10th is waived. */
function budgetFlags(count: number, message = (i: number) => `金額不符 ${i}`): CellFlag[] {
  return Array.from({ length: count }, (_, i) => ({
    sheet: "經費表",
    cell: `K${4 + i}`,
    severity: SEVERITIES[i % 3]!,
    message: message(i),
    ruleId: "BUD-TOTAL-MISMATCH",
    ...(i % 10 === 9 ? { waived: true } : {}),
  }));
}

function expectedStyle(flag: CellFlag): FlagStyle {
  return flag.waived ? "waived" : flag.severity;
}

describe("reading", () => {
  it("reads a 10,000-row budget and 2,000 members in four syncs, values at their real addresses", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 10_000, memberRows: 2_000 });
    const snapshot = await gateway.readSnapshot();

    // Sheets, used ranges, then the values in two syncs of at most 4 MB (about 4.5 MB in all).
    expect(host.syncCount).toBe(4);
    expect(host.syncs.slice(2).every((sync) => sync.responseBytes <= 4 * MB)).toBe(true);
    // Every batch asked Excel to wait while a cell is being edited (request flag 64).
    expect(host.syncs.every((request) => request.flags & 64)).toBe(true);
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(["計畫資訊", "經費表", "會員名單", "營運收入"]);
    const budget = snapshot.sheets[1]!;
    expect([budget.originRow, budget.originColumn]).toEqual([3, 2]);
    expect(budget.values).toHaveLength(10_001);
    expect(budget.values[0]).toEqual(BUDGET_HEADERS);
    expect(budget.values[1]).toEqual(budgetRow(0));
    expect(budget.values[10_000]).toEqual(budgetRow(9_999));
    // K7 holds #REF!: row 7 is index 4 from row 3; column K is index 9 from column B.
    expect(budget.values[4]![9]).toEqual({ error: "#REF!" });
    const members = snapshot.sheets[2]!;
    expect(members.values).toHaveLength(2_001);
    expect(members.values[2_000]).toEqual(memberRow(1_999));
  });

  it("passes dates on as ISO dates, as the file reader does, not as serial numbers", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 5, memberRows: 2, incomeRows: 3 });
    host.workbook.setNumberFormat("營運收入", "F2:F3", "yyyy/m/d");
    const income = (await gateway.readSnapshot()).sheets[3]!;
    expect(income.values[1]!.slice(4, 6)).toEqual([50000, "2026-01-01"]);
    expect(income.values[2]![5]).toBe("2026-01-02");
    // A number in General format stays a number.
    expect(income.values[3]![5]).toBe(46025);
  });

  it("reads the snapshot, the waivers and the grid for the next flags in the same three syncs", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 1_000, memberRows: 100 });
    const waivers: Waiver[] = [{ fingerprint: "BUD-CAP|經費表|人事費", ruleId: "BUD-CAP", reason: "核定" }];
    host.workbook.xmlParts.push({ id: "{A}", namespaceUri: WAIVER_NAMESPACE, xml: waiversToXml(waivers) });
    const read = await gateway.readWorkbook();
    expect(read.waivers).toEqual(waivers);
    expect(read.snapshot.sheets).toHaveLength(4);
    expect(host.syncCount).toBe(3);
    // Validate and show flags: the flags reuse the scan, one more sync.
    host.resetCounters();
    await gateway.showFlags(budgetFlags(300));
    expect(host.syncCount).toBe(1);
  });

  it("marks hidden sheets and reads empty ones as no values", async () => {
    const { host, gateway } = setup();
    host.workbook.addSheet("Visible");
    host.workbook.setValues("Visible", "C2", [["x", "", 3]]);
    host.workbook.addSheet("Hidden", "VeryHidden");
    host.workbook.setValues("Hidden", "A1", [[{ error: "#DIV/0!" }, false]]);
    host.workbook.addSheet("Empty");
    host.workbook.setFormat("Empty", "A1:C3", { fill: "#FFFF00" });
    const snapshot = await gateway.readSnapshot();
    expect(snapshot.sheets).toEqual([
      { name: "Visible", originRow: 2, originColumn: 3, values: [["x", null, 3]] },
      { name: "Hidden", originRow: 1, originColumn: 1, values: [[{ error: "#DIV/0!" }, false]], hidden: true },
      { name: "Empty", originRow: 1, originColumn: 1, values: [] },
    ]);
  });

  it("splits reads into payload-sized chunks when the limit is small, never one sync per row", async () => {
    const { host, gateway } = setup("web", { payloadLimitBytes: 96 * 1024 }, { maxPayloadBytes: 80 * 1024 });
    buildGrantWorkbook(host.workbook, { budgetRows: 10_000, memberRows: 2_000 });
    const progress: number[] = [];
    const chunked = await gateway.readSnapshot((p) => progress.push(p.fraction));
    const syncs = host.syncs;
    expect(syncs.every((sync) => sync.failed === undefined)).toBe(true);
    expect(Math.max(...syncs.map((sync) => sync.responseBytes))).toBeLessThanOrEqual(96 * 1024);
    expect(Math.max(...syncs.map((sync) => sync.requestBytes))).toBeLessThanOrEqual(96 * 1024);
    const bytesRead = syncs.reduce((sum, sync) => sum + sync.responseBytes, 0);
    // Proportional to bytes: at least what the bytes need, and batches filled close to the ceiling
    // (each sheet's measured size plus a small margin), at most one sync more per sheet.
    expect(syncs.length).toBeGreaterThanOrEqual(2 + Math.ceil(bytesRead / (96 * 1024)));
    expect(syncs.length).toBeLessThanOrEqual(2 + Math.ceil((bytesRead * 1.1) / (80 * 1024)) + 3);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const whole = setup();
    buildGrantWorkbook(whole.host.workbook, { budgetRows: 10_000, memberRows: 2_000 });
    expect(await whole.gateway.readSnapshot()).toEqual(chunked);
  });

  it.each(["error", "null-values"] as const)(
    "recovers when long texts make a chunk exceed the web's limit (an oversized answer: %s)",
    async (oversizedResponse) => {
      const { host, gateway } = setup(
        "web",
        { payloadLimitBytes: 256 * 1024, oversizedResponse },
        { maxPayloadBytes: 200 * 1024 }
      );
      host.workbook.addSheet("說明");
      const rows = Array.from({ length: 2_000 }, (_, r) =>
        Array.from({ length: 5 }, (_, c) => `${"說明文字".repeat(25)}${r}-${c}`)
      );
      host.workbook.setValues("說明", "A1", rows);
      const snapshot = await gateway.readSnapshot();
      expect(snapshot.sheets[0]!.values).toEqual(rows);
      // Retried: an error, an answer over our budget, or (null-values) a value read answered
      // without its values (a few hundred bytes for rows of 300-byte cells).
      const retried = host.syncs
        .slice(2)
        .filter((sync) => sync.failed !== undefined || sync.responseBytes > 200 * 1024 || sync.responseBytes < 4096);
      expect(retried.length).toBeGreaterThan(0);
      expect(retried.length).toBeLessThanOrEqual(6);
    }
  );

  it("gives up with too-large when a single row cannot be read", async () => {
    const { host, gateway } = setup("web", { payloadLimitBytes: 64 * 1024 }, { maxPayloadBytes: 48 * 1024 });
    host.workbook.addSheet("Wide");
    host.workbook.setValues("Wide", "A1", [Array.from({ length: 8 }, () => "x".repeat(10_000))]);
    expect(await rejection(gateway.readSnapshot())).toMatchObject({ name: "WorkbookError", code: "too-large" });
  });

  it("refuses a used range beyond the cell limit before reading its values (a formula filled down a column)", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 10, memberRows: 2 });
    const sheet = host.workbook.sheet("經費表");
    // A formula filled down to row 1,048,576 makes the used range as tall as the sheet.
    host.workbook.setFormula("經費表", "Z1048576", "=1");
    void sheet;
    const error = await rejection(gateway.readSnapshot());
    expect(error).toMatchObject({ name: "WorkbookError", code: "too-large" });
    expect(error.message).toContain("經費表");
    // Sheets and used ranges only: no values were requested.
    expect(host.syncCount).toBe(2);
  });
});

describe("showFlags and clearFlags", () => {
  function flaggedWorkbook(
    profile: ProfileId = "m365-windows",
    hostOptions: Parameters<typeof start>[1] = {},
    options: OfficeGatewayOptions = {}
  ) {
    const result = setup(profile, hostOptions, options);
    const { workbook } = result.host;
    buildGrantWorkbook(workbook, { budgetRows: 1_200, memberRows: 20 });
    // A person's own formatting, note, comment and conditional format on cells we will flag.
    workbook.setFormat("經費表", "K10", { fill: "#FFFF00", fontColor: "#FF0000", bold: true });
    workbook.setFormat("經費表", "K11:K12", { borders: { EdgeBottom: { style: "Continuous", color: "#000000" } } });
    workbook.addNote("經費表", "K5", "請確認單價", "Reviewer");
    workbook.addComment("經費表", "K6", "這筆要附發票", "Reviewer");
    workbook.addConditionalFormat("經費表", "K4:K1203", { type: "CellValue", fill: "#C6EFCE" });
    return result;
  }

  it("shows 1,000 flags in three syncs without touching the cells' own formats", async () => {
    const { host, gateway } = flaggedWorkbook();
    const before = host.workbook.snapshotCells();
    const flags = budgetFlags(1_000);
    host.resetCounters();
    const report = await gateway.showFlags(flags);

    expect(report).toEqual({ flagged: 1_000, skipped: [] });
    expect(host.syncCount).toBe(3);
    expect(host.syncs.every((sync) => sync.failed === undefined)).toBe(true);
    for (const flag of [flags[0]!, flags[1]!, flags[2]!, flags[9]!, flags[6]!, flags[999]!]) {
      expect(styleAt(host, "經費表", flag.cell)).toEqual([expectedStyle(flag)]);
    }
    const formats = ourFormats(host, "經費表");
    expect(formats.map((f) => f.style).sort()).toEqual(["error", "info", "waived", "warning"]);
    for (const { style, cf } of formats) {
      expect(cf.fill).toBe(FLAG_FORMATS[style].fill);
      expect(cf.fontColor).toBe(FLAG_FORMATS[style].fontColor);
      expect(cf.formula).toBe(markerFormula(style));
    }
    expect(styleAt(host, "經費表", "K1004")).toEqual([]);
    // The cells themselves are exactly as before (formats live in conditional formats).
    expect(host.workbook.snapshotCells().sheets.map((s) => s.cells)).toEqual(before.sheets.map((s) => s.cells));

    const notes = notesOn(host, "經費表");
    expect(notes.get("K5")).toBe("請確認單價");
    expect(notes.has("K6")).toBe(false);
    expect(host.workbook.comments.map((c) => c.content)).toEqual(["這筆要附發票"]);
    expect(notes.get("K4")).toBe(`${ANNOTATION_MARKER}\n• 金額不符 0`);
    expect(notes.get("K13")).toBe(`${ANNOTATION_MARKER}\n✓ 金額不符 9`);
    expect(notes.size).toBe(1_000 - 1);
    expect(host.workbook.settings.get(FLAG_STATE_SETTING)).toMatchObject({ version: 1, annotations: "notes" });
  });

  it("show then clear leaves every value, format, note, comment and conditional format as before", async () => {
    const { host, gateway } = flaggedWorkbook();
    const before = host.workbook.snapshotCells();
    await gateway.showFlags(budgetFlags(1_000));
    expect(host.workbook.snapshotCells()).not.toEqual(before);
    host.resetCounters();
    expect(await gateway.clearFlags()).toEqual({ flagged: 0, skipped: [] });
    expect(host.workbook.snapshotCells()).toEqual(before);
    expect(host.syncCount).toBe(3);
    expect(host.workbook.settings.has(FLAG_STATE_SETTING)).toBe(false);
  });

  it("clears notes an earlier version wrote under [alliance-check], keeping the person's own", async () => {
    const { host, gateway } = flaggedWorkbook();
    host.workbook.addNote("經費表", "K8", "[alliance-check]\nBUD-CAP: 補助款超過上限", "alliance-check");
    await gateway.showFlags(budgetFlags(3));
    await gateway.clearFlags();
    const notes = notesOn(host, "經費表");
    expect(notes.has("K8")).toBe(false);
    expect(notes.get("K5")).toBe("請確認單價");
  });

  it("replaces the flags shown before", async () => {
    const { host, gateway } = flaggedWorkbook();
    const before = host.workbook.snapshotCells();
    await gateway.showFlags(budgetFlags(300));
    const second: CellFlag[] = [
      { sheet: "會員名單", cell: "B3", severity: "error", message: "統一編號錯誤", ruleId: "MEM-TAXID-CHECKSUM" },
      { sheet: "經費表", cell: "$k$400", severity: "warning", message: "超過上限", ruleId: "BUD-CAP" },
    ];
    await gateway.showFlags(second);
    expect(ourFormats(host, "經費表").map((f) => f.style)).toEqual(["warning"]);
    expect(styleAt(host, "經費表", "K400")).toEqual(["warning"]);
    expect(styleAt(host, "經費表", "K4")).toEqual([]);
    expect(styleAt(host, "會員名單", "B3")).toEqual(["error"]);
    expect([...notesOn(host, "經費表").keys()].sort()).toEqual(["K400", "K5"]);
    await gateway.clearFlags();
    expect(host.workbook.snapshotCells()).toEqual(before);
  });

  it("combines several findings on one cell: the worst colour, all messages in one note", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 10, memberRows: 2 });
    await gateway.showFlags([
      { sheet: "經費表", cell: "H5", severity: "info", message: "b", ruleId: "R-2" },
      { sheet: "經費表", cell: "H5", severity: "error", message: "a", ruleId: "R-1" },
      { sheet: "經費表", cell: "H6", severity: "error", message: "c", ruleId: "R-3", waived: true },
    ]);
    expect(styleAt(host, "經費表", "H5")).toEqual(["error"]);
    expect(styleAt(host, "經費表", "H6")).toEqual(["waived"]);
    expect(ourFormats(host, "經費表").find((f) => f.style === "waived")!.cf.strikethrough).toBe(true);
    expect(notesOn(host, "經費表").get("H5")).toBe(`${ANNOTATION_MARKER}\n• a\n• b`);
  });

  it("skips flags on sheets the workbook does not have", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 10, memberRows: 2 });
    await gateway.showFlags([
      { sheet: "歷年補助款", cell: "A1", severity: "warning", message: "缺少工作表", ruleId: "WB-SHEET-MISSING" },
      { sheet: "經費表", cell: "K4", severity: "error", message: "x", ruleId: "R" },
    ]);
    expect(styleAt(host, "經費表", "K4")).toEqual(["error"]);
  });

  it("splits a long list of scattered cells into address strings of at most 4,000 characters", async () => {
    const { host, gateway } = setup();
    host.workbook.addSheet("Data");
    const flags: CellFlag[] = Array.from({ length: 6_000 }, (_, i) => ({
      sheet: "Data",
      cell: `${i % 2 === 0 ? "C" : "E"}${2 * Math.floor(i / 2) + 1}`,
      severity: "error",
      message: "x",
      ruleId: "R",
    }));
    await gateway.showFlags(flags);
    expect(host.longestAddress).toBeLessThanOrEqual(MAX_AREAS_ADDRESS);
    const formats = ourFormats(host, "Data");
    expect(formats.length).toBeGreaterThan(6);
    expect(formats.every((f) => f.style === "error")).toBe(true);
    expect(formats.reduce((sum, { cf }) => sum + cf.areas.length, 0)).toBe(6_000);
    expect(styleAt(host, "Data", "E5999")).toEqual(["error"]);
    expect(styleAt(host, "Data", "E6000")).toEqual([]);
  });

  it("syncs early when the notes would take a request over the web's limit", async () => {
    const { host, gateway } = setup("web", { payloadLimitBytes: 1 * MB }, { maxPayloadBytes: 800 * 1024 });
    buildGrantWorkbook(host.workbook, { budgetRows: 3_000, memberRows: 2 });
    await gateway.showFlags(budgetFlags(3_000, (i) => `${"說明".repeat(200)}${i}`));
    const syncs = host.syncs;
    expect(syncs.every((sync) => sync.failed === undefined && sync.requestBytes <= 1 * MB)).toBe(true);
    expect(syncs.length).toBeGreaterThan(3);
    expect(notesOn(host, "經費表").size).toBe(3_000);
  });

  it("reads a person's many long notes in pages within the web's 5 MB", async () => {
    const { host, gateway } = setup("web");
    buildGrantWorkbook(host.workbook, { budgetRows: 2_000, memberRows: 2 });
    // 1,200 notes of 3,000 characters (9 KB each): over 10 MB in one answer.
    for (let row = 4; row < 1_204; row += 1)
      host.workbook.addNote("經費表", `C${row}`, `備註${row}：${"說".repeat(3_000)}`, "PI");
    const report = await gateway.showFlags(budgetFlags(500));
    expect(report.flagged).toBe(500);
    // The first page (2,000 notes) is refused by the web's 5 MB; the scan goes on in smaller pages.
    const failed = host.syncs.filter((sync) => sync.failed !== undefined);
    expect(failed.map((sync) => sync.failed)).toEqual(["ResponsePayloadSizeLimitExceeded"]);
    expect(host.syncs.filter((sync) => sync.failed === undefined).every((sync) => sync.responseBytes <= 5 * MB)).toBe(
      true
    );
    expect(notesOn(host, "經費表").size).toBe(1_200 + 500);
    await gateway.clearFlags();
    expect(notesOn(host, "經費表").size).toBe(1_200);
  });

  it.each(["ltsc-2024", "ltsc-2021"] as const)(
    "falls back to threaded comments on %s and removes only its own",
    async (profile) => {
      const { host, gateway } = flaggedWorkbook(profile);
      expect(gateway.annotationKind()).toBe("comments");
      const before = host.workbook.snapshotCells();
      host.resetCounters();
      await gateway.showFlags(budgetFlags(50));
      const ours = host.workbook.comments.filter((c) => c.content.startsWith(ANNOTATION_MARKER));
      // K6 has a person's comment, seen and left alone. K5 has a person's note, which this API
      // level cannot see: Excel refuses the comment there, and that one cell is skipped.
      expect(ours.map((c) => c.row)).toEqual(
        Array.from({ length: 50 }, (_, i) => 4 + i).filter((row) => row !== 5 && row !== 6)
      );
      expect(host.workbook.comments.filter((c) => c.row === 6).map((c) => c.content)).toEqual(["這筆要附發票"]);
      expect(host.workbook.sheet("經費表").notes.map((n) => n.content)).toEqual(["請確認單價"]);
      expect(styleAt(host, "經費表", "K5")).toEqual(["warning"]);
      // Scan (2), formats (1), comments (1), two to find the refused cell, one to send the rest.
      expect(host.syncCount).toBe(7);
      await gateway.clearFlags();
      expect(host.workbook.snapshotCells()).toEqual(before);
    }
  );

  it("shows colours only, without notes or comments, at the ExcelApi 1.9 floor", async () => {
    const { host, gateway } = setup("floor-1.9");
    buildGrantWorkbook(host.workbook, { budgetRows: 20, memberRows: 2 });
    const before = host.workbook.snapshotCells();
    await gateway.showFlags(budgetFlags(10));
    expect(styleAt(host, "經費表", "K4")).toEqual(["error"]);
    expect(host.workbook.sheet("經費表").notes).toHaveLength(0);
    expect(host.workbook.comments).toHaveLength(0);
    await gateway.clearFlags();
    expect(host.workbook.snapshotCells()).toEqual(before);
  });

  it("leaves a protected sheet alone, flags the others and says which sheet was skipped", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 20, memberRows: 5 });
    host.workbook.protect("會員名單");
    const before = host.workbook.snapshotCells();
    const flags: CellFlag[] = [
      ...budgetFlags(5),
      { sheet: "會員名單", cell: "B3", severity: "error", message: "統一編號錯誤", ruleId: "MEM-TAXID-CHECKSUM" },
    ];
    const report = await gateway.showFlags(flags);
    expect(report.skipped).toEqual([{ sheet: "會員名單", reason: "protected", cells: 1 }]);
    expect(report.flagged).toBe(5);
    expect(styleAt(host, "經費表", "K4")).toEqual(["error"]);
    expect(styleAt(host, "會員名單", "B3")).toEqual([]);
    const cleared = await gateway.clearFlags();
    expect(cleared.skipped).toEqual([]);
    expect(host.workbook.snapshotCells()).toEqual(before);
  });

  it("flags a protected sheet that allows formatting, without notes unless it allows editing objects", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 20, memberRows: 5 });
    host.workbook.protect("經費表", { allowFormatCells: true });
    const report = await gateway.showFlags(budgetFlags(3));
    expect(report).toEqual({ flagged: 3, skipped: [] });
    expect(styleAt(host, "經費表", "K4")).toEqual(["error"]);
    expect(host.workbook.sheet("經費表").notes).toHaveLength(0);
  });
});

describe("updateFlags", () => {
  it("changes only the conditional formats and notes that differ", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 1_200, memberRows: 20 });
    const previous = budgetFlags(1_000);
    await gateway.showFlags(previous);
    const idsBefore = new Map(ourFormats(host, "經費表").map(({ style, cf }) => [style, cf.id]));
    const serialsBefore = new Map(host.workbook.sheet("經費表").notes.map((note) => [note.row, note.serial]));

    // K4 (row 4) turns from error to warning, K5 disappears, a member cell is new.
    const next: CellFlag[] = [
      { ...previous[0]!, severity: "warning", message: "改為警告" },
      ...previous.slice(2),
      { sheet: "會員名單", cell: "B3", severity: "error", message: "統一編號錯誤", ruleId: "MEM-TAXID-CHECKSUM" },
    ];
    host.resetCounters();
    await gateway.updateFlags(previous, next);

    expect(host.syncCount).toBe(3);
    const idsAfter = new Map(ourFormats(host, "經費表").map(({ style, cf }) => [style, cf.id]));
    expect(idsAfter.get("info")).toBe(idsBefore.get("info"));
    expect(idsAfter.get("waived")).toBe(idsBefore.get("waived"));
    expect(idsAfter.get("error")).not.toBe(idsBefore.get("error"));
    expect(idsAfter.get("warning")).not.toBe(idsBefore.get("warning"));
    expect(styleAt(host, "經費表", "K4")).toEqual(["warning"]);
    expect(styleAt(host, "經費表", "K5")).toEqual([]);
    expect(styleAt(host, "經費表", "K7")).toEqual(["error"]);
    expect(styleAt(host, "會員名單", "B3")).toEqual(["error"]);

    const serialsAfter = new Map(host.workbook.sheet("經費表").notes.map((note) => [note.row, note.serial]));
    expect(serialsAfter.has(5)).toBe(false);
    expect(serialsAfter.get(4)).not.toBe(serialsBefore.get(4));
    expect([...serialsAfter].filter(([row, serial]) => serialsBefore.get(row) === serial)).toHaveLength(998);
  });

  it("does nothing at all when the flags did not change", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 20, memberRows: 2 });
    const flags = budgetFlags(10);
    await gateway.showFlags(flags);
    host.resetCounters();
    expect(await gateway.updateFlags(flags, [...flags].reverse())).toBeNull();
    expect(host.requests).toHaveLength(0);
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 20, memberRows: 2 });
    await gateway.selectCell("會員名單", "B3");
    expect(host.workbook.activeSheetId).toBe(host.workbook.sheet("會員名單").id);
    expect(host.workbook.selection).toBe("會員名單!B3");
  });

  it("reports a missing sheet as not-found", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 20, memberRows: 2 });
    expect(await rejection(gateway.selectCell("歷年補助款", "A1"))).toMatchObject({
      name: "WorkbookError",
      code: "not-found",
    });
  });

  it("says the sheet is hidden instead of 'not found'", async () => {
    const { host, gateway } = setup();
    buildGrantWorkbook(host.workbook, { budgetRows: 20, memberRows: 2 });
    host.workbook.sheet("會員名單").visibility = "Hidden";
    expect(await rejection(gateway.selectCell("會員名單", "B3"))).toMatchObject({
      name: "WorkbookError",
      code: "hidden-sheet",
    });
  });
});

describe("waivers", () => {
  const waivers: Waiver[] = [
    {
      fingerprint: "BUD-CAP|經費表|人事費",
      ruleId: "BUD-CAP",
      reason: "核定公文 <115> & 附件",
      by: "林教授",
      at: "2026-03-01",
    },
    { fingerprint: "MEM-FREE-RATIO|會員名單", ruleId: "MEM-FREE-RATIO", reason: "first year" },
  ];

  it.each(["web", "m365-mac", "floor-1.9"] as const)(
    "round-trip through one custom XML part in our namespace on %s",
    async (profile) => {
      const { host, gateway } = setup(profile);
      host.workbook.addSheet("Sheet1");
      await gateway.writeWaivers(waivers);
      expect(host.workbook.xmlParts.map((part) => part.namespaceUri)).toEqual([WAIVER_NAMESPACE]);
      expect(await gateway.readWaivers()).toEqual(waivers);
      await gateway.writeWaivers(waivers.slice(1));
      expect(host.workbook.xmlParts).toHaveLength(1);
      expect(await gateway.readWaivers()).toEqual(waivers.slice(1));
    }
  );

  it("read nothing from a workbook without waivers, in one sync", async () => {
    const { host, gateway } = setup();
    host.workbook.addSheet("Sheet1");
    expect(await gateway.readWaivers()).toEqual([]);
    expect(host.syncCount).toBe(1);
  });

  it("merge duplicate parts when reading and keep only one when writing", async () => {
    const { host, gateway } = setup();
    host.workbook.addSheet("Sheet1");
    host.workbook.xmlParts.push(
      { id: "{A}", namespaceUri: WAIVER_NAMESPACE, xml: waiversToXml(waivers.slice(0, 1)) },
      { id: "{B}", namespaceUri: WAIVER_NAMESPACE, xml: waiversToXml(waivers.slice(1)) }
    );
    expect(await gateway.readWaivers()).toEqual(waivers);
    await gateway.writeWaivers(waivers);
    expect(host.workbook.xmlParts).toHaveLength(1);
  });

  it("report a part that is not ours to read as corrupt", async () => {
    const { host, gateway } = setup();
    host.workbook.addSheet("Sheet1");
    host.workbook.xmlParts.push({
      id: "{A}",
      namespaceUri: WAIVER_NAMESPACE,
      xml: `<waivers xmlns="${WAIVER_NAMESPACE}">{not json</waivers>`,
    });
    expect(await rejection(gateway.readWaivers())).toMatchObject({ name: "WorkbookError", code: "corrupt" });
  });
});

describe("requirement sets", () => {
  it("asks Office.context.requirements (the library's RequirementMatrix) when no check is injected", () => {
    setup("ltsc-2024");
    const gateway = new OfficeGateway();
    expect(gateway.annotationKind()).toBe("comments");
    expect(gateway.capabilities.undoKeepsAddinWrites()).toBe(false);
    setup("web");
    expect(new OfficeGateway().capabilities.undoKeepsAddinWrites()).toBe(true);
  });
});
