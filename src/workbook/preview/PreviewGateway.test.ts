import { readFileSync } from "fs";
import { join } from "path";
import { validateWorkbook } from "../../engine/validate";
import { isWorkbookError } from "../gateway";
import { readWorkbookSnapshot } from "../xlsx/read";
import { readWaiversFromXlsx } from "../xlsx/waivers";
import { PreviewGateway, type PreviewLoaders, defaultPreviewLoaders } from "./PreviewGateway";

const SAMPLE = new Uint8Array(readFileSync(join(__dirname, "..", "..", "..", "samples", "sample-mistakes.xlsx")));

describe("PreviewGateway", () => {
  it("reads the workbook with the fast reader and keeps its snapshot", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "sample-mistakes.xlsx");
    const progress: string[] = [];
    const snapshot = await gateway.readSnapshot((step) => progress.push(step.stage));
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(["計畫資訊", "經費表", "會員名單", "營運收入"]);
    expect(progress).toEqual(["read"]);
    expect(gateway.fileName).toBe("sample-mistakes.xlsx");
  });

  it("refuses what is not a workbook with a WorkbookError", async () => {
    const error = await PreviewGateway.open(new TextEncoder().encode("hello"), "notes.txt").catch((caught: unknown) => caught);
    expect(isWorkbookError(error)).toBe(true);
  });

  it("keeps flags and the selected cell for the grid, and notifies it", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx");
    const listener = jest.fn();
    const unsubscribe = gateway.subscribe(listener);
    await gateway.showFlags([{ sheet: "經費表", cell: "G6", severity: "error", message: "m", ruleId: "BUD-PHD-PAY" }]);
    expect(gateway.getState().flags).toHaveLength(1);
    await gateway.selectCell("經費表", "G6");
    await gateway.selectCell("經費表", "G6");
    expect(gateway.getState().selection).toEqual({ sheet: "經費表", cell: "G6", serial: 2 });
    await gateway.clearFlags();
    expect(gateway.getState().flags).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(4);
    unsubscribe();
    await gateway.clearFlags();
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it("cannot select a cell on a sheet the workbook lacks", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx");
    await expect(gateway.selectCell("歷年補助款", "A1")).rejects.toMatchObject({ code: "not-found" });
  });

  it("keeps waivers in memory and writes them into the file it hands out", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx");
    expect(await gateway.readWaivers()).toEqual([]);
    expect(await gateway.currentBytes()).toBe(SAMPLE);
    const waiver = { fingerprint: "0123abcd", ruleId: "BUD-FOREIGN-TRAVEL", reason: "參展必要", by: "審查", at: "2026-03-01" };
    await gateway.writeWaivers([waiver]);
    expect(await gateway.readWaivers()).toEqual([waiver]);
    const bytes = await gateway.currentBytes();
    expect(readWaiversFromXlsx(bytes)).toEqual([waiver]);
    // And a file opened later brings them back.
    const reopened = await PreviewGateway.open(bytes, "s.xlsx");
    expect(await reopened.readWaivers()).toEqual([waiver]);
  });

  it("writes the annotated copy the command line writes", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx");
    const result = validateWorkbook(await gateway.readSnapshot());
    const copy = await gateway.annotatedCopy(result, { language: "zh-TW", summary: true });
    const names = (await readWorkbookSnapshot(copy.bytes)).sheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(["計畫資訊", "檢核結果", "營運摘要"]));
  }, 60000);

  it("builds a template workbook from the template layouts", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx");
    const bytes = await gateway.templateBytes("zh-TW");
    const names = (await readWorkbookSnapshot(bytes)).sheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(["計畫資訊", "經費表", "會員名單", "營運收入"]));
  }, 60000);

  it("loads the .xlsx code only through its loaders", async () => {
    const calls: string[] = [];
    const loaders: PreviewLoaders = {
      reader: async () => (calls.push("reader"), defaultPreviewLoaders.reader()),
      waivers: async () => (calls.push("waivers"), defaultPreviewLoaders.waivers()),
      annotate: async () => {
        calls.push("annotate");
        return { writeAnnotatedCopy: async () => ({ bytes: new Uint8Array([1]), warnings: ["charts"] }) };
      },
      template: async () => (calls.push("template"), { templateBytes: async () => new Uint8Array([2]) }),
    };
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx", loaders);
    expect(calls.sort()).toEqual(["reader", "waivers"]);
    const copy = await gateway.annotatedCopy(validateWorkbook(await gateway.readSnapshot()), { language: "en", summary: false });
    expect(copy.warnings).toEqual(["charts"]);
    expect(calls).toContain("annotate");
    expect(calls).not.toContain("template");
  });

  it("applies fixes to the workbook in memory, skips a cell that changed, and undoes exactly", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx");
    const listener = jest.fn();
    gateway.subscribe(listener);
    const phd = [
      { sheet: "經費表", cell: "G6", expected: { value: 12000 }, next: { value: 16000 } },
      { sheet: "經費表", cell: "J6", expected: { value: 144000 }, next: { value: 192000, formula: "=G6*H6*I6" } },
      // Stale: the preview showed 8,000 but the cell holds something else now.
      { sheet: "經費表", cell: "G7", expected: { value: 9000 }, next: { value: 10000 } },
    ];
    const before = await gateway.readSnapshot();
    const outcome = await gateway.applyEdits(phd);
    expect(outcome.applied.map((edit) => edit.cell)).toEqual(["G6", "J6"]);
    expect(outcome.skipped).toEqual([{ edit: phd[2], found: { value: 8000 }, reason: "changed" }]);
    expect(listener).toHaveBeenCalledTimes(1);
    const after = await gateway.readSnapshot();
    const budget = after.sheets.find((sheet) => sheet.name === "經費表")!;
    expect(budget.values[5]!.slice(6, 10)).toEqual([16000, 1, 12, 192000]);
    expect(budget.formulas).toEqual({ J6: "=G6*H6*I6" });
    expect(validateWorkbook(after).findings.some((finding) => finding.ruleId === "BUD-PHD-PAY")).toBe(false);

    const undone = await gateway.applyEdits(outcome.undo);
    expect(undone.applied).toHaveLength(2);
    const restored = await gateway.readSnapshot();
    expect(restored).toEqual(before);
    expect(validateWorkbook(restored).findings.some((finding) => finding.ruleId === "BUD-PHD-PAY")).toBe(true);
    expect(gateway.appliedEdits).toHaveLength(4);
  });

  it("downloads the fixed cells (with a 修正紀錄 sheet), and the file as it was once every fix is undone", async () => {
    const gateway = await PreviewGateway.open(SAMPLE, "s.xlsx");
    const outcome = await gateway.applyEdits([
      { sheet: "經費表", cell: "G6", expected: { value: 12000 }, next: { value: 16000 } },
      { sheet: "經費表", cell: "J6", expected: { value: 144000 }, next: { value: 192000, formula: "=G6*H6*I6" } },
    ]);
    const fixed = await readWorkbookSnapshot(await gateway.currentBytes("zh-TW"), { formulas: true });
    const budget = fixed.sheets.find((sheet) => sheet.name === "經費表")!;
    expect(budget.values[5]!.slice(6, 10)).toEqual([16000, 1, 12, 192000]);
    expect(budget.formulas?.J6).toBe("=G6*H6*I6");
    expect(fixed.sheets.map((sheet) => sheet.name)).toContain("修正紀錄");
    await gateway.applyEdits(outcome.undo);
    expect(gateway.cellChanges()).toEqual([]);
    expect(await gateway.currentBytes()).toBe(SAMPLE);
  });
});
