import { OfficeMockObject } from "office-addin-mock";
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from "../../../tests/fake-excel";
import { BUDGET_HEADERS, budgetRow, buildGrantWorkbook, memberRow } from "../../../tests/fake-excel/fixtures";
import type { Waiver } from "../../engine/types";
import { type CellFlag, WorkbookError } from "../gateway";
import { ANNOTATION_MARKER, FLAG_FORMATS, type FlagStyle, markerFormula, styleOfFormula } from "../flagMarks";
import { FLAG_STATE_SETTING, OfficeGateway, type OfficeGatewayOptions, WAIVER_SETTING } from "./OfficeGateway";
import { WAIVER_NAMESPACE, waiversToXml } from "../waiverXml";

const MB = 1024 * 1024;

function setup(
  fakeOptions: FakeExcelOptions = {},
  gatewayOptions: OfficeGatewayOptions = {}
): { fake: FakeExcel; gateway: OfficeGateway } {
  const fake = createFakeExcel(fakeOptions);
  const gateway = new OfficeGateway(fake.run, { isSetSupported: fake.isSetSupported, ...gatewayOptions });
  return { fake, gateway };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** Our conditional formats on a sheet: style → cells covered (as A1 areas) and the format's look. */
function ourFormats(fake: FakeExcel, sheet: string) {
  return fake.model
    .sheet(sheet)
    .conditionalFormats.filter((cf) => cf.formula !== null && styleOfFormula(cf.formula) !== null)
    .map((cf) => ({ style: styleOfFormula(cf.formula!)!, cf }));
}

function styleAt(fake: FakeExcel, sheet: string, cell: string): FlagStyle[] {
  return fake.model
    .conditionalFormatsAt(sheet, cell)
    .flatMap((cf) => (cf.formula === null ? [] : [styleOfFormula(cf.formula)]))
    .filter((style): style is FlagStyle => style !== null);
}

function notesOn(fake: FakeExcel, sheet: string): Map<string, string> {
  const { formatRect } = jest.requireActual<typeof import("../../../tests/fake-excel/address")>(
    "../../../tests/fake-excel/address"
  );
  return new Map(
    fake.model
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

describe("readSnapshot", () => {
  it("reads a 10,000-row budget and 2,000 members in three syncs, values at their real addresses", async () => {
    const { fake, gateway } = setup();
    buildGrantWorkbook(fake.model, { budgetRows: 10_000, memberRows: 2_000 });
    const snapshot = await gateway.readSnapshot();

    expect(fake.model.syncCount).toBeLessThanOrEqual(3);
    expect(fake.model.runOptions).toEqual([{ delayForCellEdit: true }]);
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
    const income = snapshot.sheets[3]!;
    // Dates arrive as serial numbers; an empty cell is null.
    expect(income.values[1]!.slice(5)).toEqual([46023, null]);
  });

  it("marks hidden sheets and reads empty ones as no values", async () => {
    const { fake, gateway } = setup();
    fake.model.addSheet("Visible");
    fake.model.setValues("Visible", "C2", [["x", "", 3]]);
    fake.model.addSheet("Hidden", "VeryHidden");
    fake.model.setValues("Hidden", "A1", [[{ error: "#DIV/0!" }, false]]);
    fake.model.addSheet("Empty");
    fake.model.setFormat("Empty", "A1:C3", { fill: "#FFFF00" });
    const snapshot = await gateway.readSnapshot();
    expect(snapshot.sheets).toEqual([
      { name: "Visible", originRow: 2, originColumn: 3, values: [["x", null, 3]] },
      { name: "Hidden", originRow: 1, originColumn: 1, values: [[{ error: "#DIV/0!" }, false]], hidden: true },
      { name: "Empty", originRow: 1, originColumn: 1, values: [] },
    ]);
  });

  it("splits reads into payload-sized chunks when the limit is small, never one sync per row", async () => {
    const limit = 96 * 1024;
    const { fake, gateway } = setup({ payloadLimitBytes: limit }, { maxPayloadBytes: 80 * 1024 });
    buildGrantWorkbook(fake.model, { budgetRows: 10_000, memberRows: 2_000 });
    const progress: number[] = [];
    const chunked = await gateway.readSnapshot((p) => progress.push(p.fraction));

    const { fake: reference, gateway: unlimited } = setup();
    buildGrantWorkbook(reference.model, { budgetRows: 10_000, memberRows: 2_000 });
    expect(chunked).toEqual(await unlimited.readSnapshot());

    const syncs = fake.model.syncs;
    expect(syncs.every((sync) => sync.failed === undefined)).toBe(true);
    expect(Math.max(...syncs.map((sync) => sync.responseBytes))).toBeLessThanOrEqual(80 * 1024);
    expect(Math.max(...syncs.map((sync) => sync.requestBytes))).toBeLessThanOrEqual(80 * 1024);
    const bytesRead = syncs.reduce((sum, sync) => sum + sync.responseBytes, 0);
    // Proportional to bytes: at least what the bytes need, and not more than the estimate's margin allows.
    expect(syncs.length).toBeGreaterThanOrEqual(2 + Math.ceil(bytesRead / (80 * 1024)));
    expect(syncs.length).toBeLessThanOrEqual(2 + Math.ceil((bytesRead * 2) / (80 * 1024)));
    expect(syncs.length).toBeLessThan(12_000 / 100);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("needs as many syncs for the same cells in 1,000 wide rows as in 10,000 narrow ones, and twice as many for twice the bytes", async () => {
    async function syncsFor(rows: number, columns: number): Promise<number> {
      const { fake, gateway } = setup({ payloadLimitBytes: 96 * 1024 }, { maxPayloadBytes: 80 * 1024 });
      fake.model.addSheet("Data");
      fake.model.setValues(
        "Data",
        "A1",
        Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => (r * columns + c) % 100_000))
      );
      await gateway.readSnapshot();
      return fake.model.syncCount - 2;
    }
    const narrow = await syncsFor(10_000, 11);
    const wide = await syncsFor(1_000, 110);
    const doubled = await syncsFor(20_000, 11);
    expect(narrow).toBeGreaterThan(5);
    expect(Math.abs(narrow - wide)).toBeLessThanOrEqual(1);
    expect(Math.abs(doubled - 2 * narrow)).toBeLessThanOrEqual(2);
  });

  it.each(["throw", "empty"] as const)(
    "recovers when long texts make a chunk exceed the limit (oversized response: %s)",
    async (oversizedResponse) => {
      const { fake, gateway } = setup(
        { payloadLimitBytes: 256 * 1024, oversizedResponse },
        { maxPayloadBytes: 200 * 1024 }
      );
      fake.model.addSheet("說明");
      const rows = Array.from({ length: 2_000 }, (_, r) =>
        Array.from({ length: 5 }, (_, c) => `${"說明文字".repeat(25)}${r}-${c}`)
      );
      fake.model.setValues("說明", "A1", rows);
      const snapshot = await gateway.readSnapshot();
      expect(snapshot.sheets[0]!.values).toEqual(rows);
      const retried = fake.model.syncs.filter((sync) => sync.failed !== undefined || sync.responseBytes > 256 * 1024);
      expect(retried.length).toBeGreaterThan(0);
      expect(retried.length).toBeLessThanOrEqual(6);
    }
  );

  it("gives up with too-large when a single row cannot be read", async () => {
    const { fake, gateway } = setup({ payloadLimitBytes: 64 * 1024 }, { maxPayloadBytes: 48 * 1024 });
    fake.model.addSheet("Wide");
    fake.model.setValues("Wide", "A1", [Array.from({ length: 8 }, () => "x".repeat(10_000))]);
    const error = await rejection(gateway.readSnapshot());
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).code).toBe("too-large");
  });
});

describe("showFlags and clearFlags", () => {
  function flaggedWorkbook(options: FakeExcelOptions = {}) {
    const setupResult = setup(options);
    const { model } = setupResult.fake;
    buildGrantWorkbook(model, { budgetRows: 1_200, memberRows: 20 });
    // A person's own formatting, note, comment and conditional format on cells we will flag.
    model.setFormat("經費表", "K10", { fill: "#FFFF00", fontColor: "#FF0000", bold: true });
    model.setFormat("經費表", "K11:K12", { borders: { EdgeBottom: { style: "Continuous", color: "#000000" } } });
    model.addNote("經費表", "K5", "請確認單價", "Reviewer");
    model.addComment("經費表", "K6", "這筆要附發票", "Reviewer");
    model.addConditionalFormat("經費表", "K4:K1203", { type: "CellValue", fill: "#C6EFCE" });
    return setupResult;
  }

  it("shows 1,000 flags in at most three syncs without touching the cells' own formats", async () => {
    const { fake, gateway } = flaggedWorkbook();
    const before = fake.model.snapshotCells();
    const flags = budgetFlags(1_000);
    fake.model.resetCounters();
    await gateway.showFlags(flags);

    expect(fake.model.syncCount).toBeLessThanOrEqual(3);
    expect(fake.model.syncs.every((sync) => sync.failed === undefined)).toBe(true);
    for (const flag of [flags[0]!, flags[1]!, flags[2]!, flags[9]!, flags[6]!, flags[999]!]) {
      expect(styleAt(fake, "經費表", flag.cell)).toEqual([expectedStyle(flag)]);
    }
    const formats = ourFormats(fake, "經費表");
    expect(formats.map((f) => f.style).sort()).toEqual(["error", "info", "waived", "warning"]);
    for (const { style, cf } of formats) {
      expect(cf.fill).toBe(FLAG_FORMATS[style].fill);
      expect(cf.fontColor).toBe(FLAG_FORMATS[style].fontColor);
      expect(cf.formula).toBe(markerFormula(style));
    }
    expect(styleAt(fake, "經費表", "K1004")).toEqual([]);

    // The cells themselves are exactly as before (formats live in conditional formats).
    const after = fake.model.snapshotCells();
    expect(after.sheets.map((s) => s.cells)).toEqual(before.sheets.map((s) => s.cells));

    const notes = notesOn(fake, "經費表");
    expect(notes.get("K5")).toBe("請確認單價");
    expect(notes.has("K6")).toBe(false);
    expect(fake.model.comments.map((c) => c.content)).toEqual(["這筆要附發票"]);
    expect(notes.get("K4")).toBe(`${ANNOTATION_MARKER}\nBUD-TOTAL-MISMATCH: 金額不符 0`);
    expect(notes.get("K13")).toBe(`${ANNOTATION_MARKER}\n✓ BUD-TOTAL-MISMATCH: 金額不符 9`);
    expect(notes.size).toBe(1_000 - 1);
    expect(fake.model.settings.get(FLAG_STATE_SETTING)).toMatchObject({ version: 1, annotations: "notes" });
  });

  it("show then clear leaves every value, format, note, comment and conditional format as before", async () => {
    const { fake, gateway } = flaggedWorkbook();
    const before = fake.model.snapshotCells();
    await gateway.showFlags(budgetFlags(1_000));
    expect(fake.model.snapshotCells()).not.toEqual(before);
    fake.model.resetCounters();
    await gateway.clearFlags();
    expect(fake.model.snapshotCells()).toEqual(before);
    expect(fake.model.syncCount).toBeLessThanOrEqual(3);
    expect(fake.model.settings.has(FLAG_STATE_SETTING)).toBe(false);
  });

  it("replaces the flags shown before", async () => {
    const { fake, gateway } = flaggedWorkbook();
    const before = fake.model.snapshotCells();
    await gateway.showFlags(budgetFlags(300));
    const second: CellFlag[] = [
      { sheet: "會員名單", cell: "B3", severity: "error", message: "統一編號錯誤", ruleId: "MEM-TAXID-CHECKSUM" },
      { sheet: "經費表", cell: "$k$400", severity: "warning", message: "超過上限", ruleId: "BUD-CAP" },
    ];
    await gateway.showFlags(second);
    expect(ourFormats(fake, "經費表").map((f) => f.style)).toEqual(["warning"]);
    expect(styleAt(fake, "經費表", "K400")).toEqual(["warning"]);
    expect(styleAt(fake, "經費表", "K4")).toEqual([]);
    expect(styleAt(fake, "會員名單", "B3")).toEqual(["error"]);
    expect([...notesOn(fake, "經費表").keys()].sort()).toEqual(["K400", "K5"]);
    await gateway.clearFlags();
    expect(fake.model.snapshotCells()).toEqual(before);
  });

  it("combines several findings on one cell: the worst colour, all messages in one note", async () => {
    const { fake, gateway } = setup();
    buildGrantWorkbook(fake.model, { budgetRows: 10, memberRows: 2 });
    await gateway.showFlags([
      { sheet: "經費表", cell: "H5", severity: "info", message: "b", ruleId: "R-2" },
      { sheet: "經費表", cell: "H5", severity: "error", message: "a", ruleId: "R-1" },
      { sheet: "經費表", cell: "H6", severity: "error", message: "c", ruleId: "R-3", waived: true },
    ]);
    expect(styleAt(fake, "經費表", "H5")).toEqual(["error"]);
    expect(styleAt(fake, "經費表", "H6")).toEqual(["waived"]);
    expect(ourFormats(fake, "經費表").find((f) => f.style === "waived")!.cf.strikethrough).toBe(true);
    expect(notesOn(fake, "經費表").get("H5")).toBe(`${ANNOTATION_MARKER}\nR-1: a\nR-2: b`);
  });

  it("skips flags on sheets the workbook does not have", async () => {
    const { fake, gateway } = setup();
    buildGrantWorkbook(fake.model, { budgetRows: 10, memberRows: 2 });
    await gateway.showFlags([
      { sheet: "歷年補助款", cell: "A1", severity: "warning", message: "缺少工作表", ruleId: "WB-SHEET-MISSING" },
      { sheet: "經費表", cell: "K4", severity: "error", message: "x", ruleId: "R" },
    ]);
    expect(styleAt(fake, "經費表", "K4")).toEqual(["error"]);
  });

  it("splits a long list of scattered cells into addresses under 8,192 characters", async () => {
    const { fake, gateway } = setup();
    fake.model.addSheet("Data");
    const flags: CellFlag[] = Array.from({ length: 6_000 }, (_, i) => ({
      sheet: "Data",
      cell: `${i % 2 === 0 ? "C" : "E"}${2 * Math.floor(i / 2) + 1}`,
      severity: "error",
      message: "x",
      ruleId: "R",
    }));
    await gateway.showFlags(flags);
    const formats = ourFormats(fake, "Data");
    expect(formats.length).toBeGreaterThan(3);
    expect(formats.every((f) => f.style === "error")).toBe(true);
    const covered = formats.reduce((sum, { cf }) => sum + cf.areas.length, 0);
    expect(covered).toBe(6_000);
    expect(styleAt(fake, "Data", "E5999")).toEqual(["error"]);
    expect(styleAt(fake, "Data", "E6000")).toEqual([]);
  });

  it("syncs early when the notes would take the request over the limit", async () => {
    const { fake, gateway } = setup({ payloadLimitBytes: 1 * MB }, { maxPayloadBytes: 800 * 1024 });
    buildGrantWorkbook(fake.model, { budgetRows: 3_000, memberRows: 2 });
    const flags = budgetFlags(3_000, (i) => `${"說明".repeat(200)}${i}`);
    await gateway.showFlags(flags);
    const syncs = fake.model.syncs;
    expect(syncs.every((sync) => sync.failed === undefined && sync.requestBytes <= 800 * 1024)).toBe(true);
    expect(syncs.length).toBeGreaterThan(3);
    expect(notesOn(fake, "經費表").size).toBe(3_000);
  });

  it("falls back to threaded comments before ExcelApi 1.18 and removes only its own", async () => {
    const { fake, gateway } = flaggedWorkbook({ apiVersion: 17 });
    expect(gateway.annotationKind()).toBe("comments");
    const before = fake.model.snapshotCells();
    fake.model.resetCounters();
    await gateway.showFlags(budgetFlags(50));
    const ours = fake.model.comments.filter((c) => c.content.startsWith(ANNOTATION_MARKER));
    // K6 has a person's comment, seen and left alone. K5 has a person's note, which this API
    // level cannot see: Excel refuses the comment there, and that one cell is skipped.
    expect(ours.map((c) => c.row)).toEqual(
      Array.from({ length: 50 }, (_, i) => 4 + i).filter((row) => row !== 5 && row !== 6)
    );
    expect(fake.model.comments.filter((c) => c.row === 6).map((c) => c.content)).toEqual(["這筆要附發票"]);
    expect(fake.model.sheet("經費表").notes.map((n) => n.content)).toEqual(["請確認單價"]);
    expect(styleAt(fake, "經費表", "K5")).toEqual(["warning"]);
    // Three syncs, one for the comments, two to find the refused cell, one to send the rest.
    expect(fake.model.syncCount).toBe(7);
    await gateway.clearFlags();
    expect(fake.model.snapshotCells()).toEqual(before);
  });

  it("shows colours only, without notes or comments, before ExcelApi 1.10", async () => {
    const { fake, gateway } = setup({ apiVersion: 9 });
    buildGrantWorkbook(fake.model, { budgetRows: 20, memberRows: 2 });
    const before = fake.model.snapshotCells();
    await gateway.showFlags(budgetFlags(10));
    expect(styleAt(fake, "經費表", "K4")).toEqual(["error"]);
    expect(fake.model.sheet("經費表").notes).toHaveLength(0);
    expect(fake.model.comments).toHaveLength(0);
    await gateway.clearFlags();
    expect(fake.model.snapshotCells()).toEqual(before);
  });
});

describe("updateFlags", () => {
  it("changes only the conditional formats and notes that differ", async () => {
    const { fake, gateway } = setup();
    buildGrantWorkbook(fake.model, { budgetRows: 1_200, memberRows: 20 });
    const previous = budgetFlags(1_000);
    await gateway.showFlags(previous);
    const idsBefore = new Map(ourFormats(fake, "經費表").map(({ style, cf }) => [style, cf.id]));
    const serialsBefore = new Map(fake.model.sheet("經費表").notes.map((note) => [note.row, note.serial]));

    // K4 (row 4) turns from error to warning, K5 disappears, a member cell is new.
    const next: CellFlag[] = [
      { ...previous[0]!, severity: "warning", message: "改為警告" },
      ...previous.slice(2),
      { sheet: "會員名單", cell: "B3", severity: "error", message: "統一編號錯誤", ruleId: "MEM-TAXID-CHECKSUM" },
    ];
    fake.model.resetCounters();
    await gateway.updateFlags(previous, next);

    expect(fake.model.syncCount).toBeLessThanOrEqual(3);
    const idsAfter = new Map(ourFormats(fake, "經費表").map(({ style, cf }) => [style, cf.id]));
    expect(idsAfter.get("info")).toBe(idsBefore.get("info"));
    expect(idsAfter.get("waived")).toBe(idsBefore.get("waived"));
    expect(idsAfter.get("error")).not.toBe(idsBefore.get("error"));
    expect(idsAfter.get("warning")).not.toBe(idsBefore.get("warning"));
    expect(styleAt(fake, "經費表", "K4")).toEqual(["warning"]);
    expect(styleAt(fake, "經費表", "K5")).toEqual([]);
    expect(styleAt(fake, "經費表", "K7")).toEqual(["error"]);
    expect(styleAt(fake, "會員名單", "B3")).toEqual(["error"]);

    const serialsAfter = new Map(fake.model.sheet("經費表").notes.map((note) => [note.row, note.serial]));
    expect(serialsAfter.has(5)).toBe(false);
    expect(serialsAfter.get(4)).not.toBe(serialsBefore.get(4));
    const untouched = [...serialsAfter].filter(([row, serial]) => serialsBefore.get(row) === serial);
    expect(untouched).toHaveLength(998);
  });

  it("does nothing at all when the flags did not change", async () => {
    const { fake, gateway } = setup();
    buildGrantWorkbook(fake.model, { budgetRows: 20, memberRows: 2 });
    const flags = budgetFlags(10);
    await gateway.showFlags(flags);
    fake.model.resetCounters();
    await gateway.updateFlags(flags, [...flags].reverse());
    expect(fake.model.runs).toBe(0);
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell", async () => {
    const { fake, gateway } = setup();
    buildGrantWorkbook(fake.model, { budgetRows: 20, memberRows: 2 });
    await gateway.selectCell("會員名單", "B3");
    expect(fake.model.activeSheetId).toBe(fake.model.sheet("會員名單").id);
    expect(fake.model.selection).toBe("會員名單!B3");
  });

  it("reports a missing sheet as not-found", async () => {
    const { fake, gateway } = setup();
    buildGrantWorkbook(fake.model, { budgetRows: 20, memberRows: 2 });
    const error = await rejection(gateway.selectCell("歷年補助款", "A1"));
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error).toMatchObject({ code: "not-found", detail: "ItemNotFound" });
  });

  it("works against office-addin-mock's Excel mock", async () => {
    const excelMock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            requested: "",
            sheet: {
              requested: "",
              activated: false,
              range: {
                selected: false,
                select() {
                  this.selected = true;
                },
              },
              activate() {
                this.activated = true;
              },
              getRange(address: string) {
                this.requested = address;
                return this.range;
              },
            },
            getItem(name: string) {
              this.requested = name;
              return this.sheet;
            },
          },
        },
      },
      run: async function (options: unknown, batch: (context: unknown) => Promise<unknown>) {
        this.options = options;
        return batch(this.context);
      },
    });
    await new OfficeGateway(excelMock.run.bind(excelMock), { isSetSupported: () => true }).selectCell("經費表", "K7");
    const worksheets = excelMock.context.workbook.worksheets;
    expect(worksheets.requested).toBe("經費表");
    expect(worksheets.sheet.requested).toBe("K7");
    expect(worksheets.sheet.activated).toBe(true);
    expect(worksheets.sheet.range.selected).toBe(true);
    expect(excelMock.options).toEqual({ delayForCellEdit: true });
  });
});

describe("requirement sets", () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, "Office");
  });

  it("asks Office.context.requirements when no check is injected (office-addin-mock)", () => {
    const asked: string[] = [];
    const officeMock = new OfficeMockObject({
      context: {
        requirements: {
          isSetSupported(name: string, version: string) {
            asked.push(`${name} ${version}`);
            return Number(version.split(".")[1]) <= 13;
          },
        },
      },
    });
    Object.assign(globalThis, { Office: officeMock });
    const gateway = new OfficeGateway(createFakeExcel().run);
    expect(gateway.annotationKind()).toBe("comments");
    expect(asked).toEqual(["ExcelApi 1.18", "ExcelApi 1.10"]);
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

  it("round-trip through one custom XML part in our namespace", async () => {
    const { fake, gateway } = setup();
    fake.model.addSheet("Sheet1");
    await gateway.writeWaivers(waivers);
    expect(fake.model.xmlParts.map((part) => part.namespaceUri)).toEqual([WAIVER_NAMESPACE]);
    expect(await gateway.readWaivers()).toEqual(waivers);
    await gateway.writeWaivers(waivers.slice(1));
    expect(fake.model.xmlParts).toHaveLength(1);
    expect(await gateway.readWaivers()).toEqual(waivers.slice(1));
    expect(fake.model.settings.has(WAIVER_SETTING)).toBe(false);
  });

  it("read nothing from a workbook without waivers", async () => {
    const { fake, gateway } = setup();
    fake.model.addSheet("Sheet1");
    expect(await gateway.readWaivers()).toEqual([]);
  });

  it("use workbook settings where custom XML parts are unavailable, and move to XML later", async () => {
    const legacy = setup({ apiVersion: 4 });
    legacy.fake.model.addSheet("Sheet1");
    await legacy.gateway.writeWaivers(waivers);
    expect(legacy.fake.model.xmlParts).toHaveLength(0);
    expect(await legacy.gateway.readWaivers()).toEqual(waivers);

    // The same file opened on a newer Excel: read from settings, then saved as XML.
    legacy.fake.model.apiVersion = 18;
    const modern = new OfficeGateway(legacy.fake.run, { isSetSupported: legacy.fake.isSetSupported });
    expect(await modern.readWaivers()).toEqual(waivers);
    await modern.writeWaivers(waivers.slice(0, 1));
    expect(legacy.fake.model.settings.has(WAIVER_SETTING)).toBe(false);
    expect(await modern.readWaivers()).toEqual(waivers.slice(0, 1));
  });

  it("merge duplicate parts when reading and keep only one when writing", async () => {
    const { fake, gateway } = setup();
    fake.model.addSheet("Sheet1");
    fake.model.xmlParts.push(
      { id: "{A}", namespaceUri: WAIVER_NAMESPACE, xml: waiversToXml(waivers.slice(0, 1)) },
      { id: "{B}", namespaceUri: WAIVER_NAMESPACE, xml: waiversToXml(waivers.slice(1)) }
    );
    expect(await gateway.readWaivers()).toEqual(waivers);
    await gateway.writeWaivers(waivers);
    expect(fake.model.xmlParts).toHaveLength(1);
  });

  it("report a part that is not ours to read as corrupt", async () => {
    const { fake, gateway } = setup();
    fake.model.addSheet("Sheet1");
    fake.model.xmlParts.push({
      id: "{A}",
      namespaceUri: WAIVER_NAMESPACE,
      xml: `<waivers xmlns="${WAIVER_NAMESPACE}">{not json</waivers>`,
    });
    const error = await rejection(gateway.readWaivers());
    expect(error).toMatchObject({ name: "WorkbookError", code: "corrupt" });
  });
});
