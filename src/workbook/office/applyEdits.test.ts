/**
 * Quick fixes on the Office.js path: OfficeGateway.applyEdits on the in-memory Excel under
 * Microsoft's client library, on every host profile (ExcelApi 1.9 to current). A cell the
 * person changed between the preview and the apply is skipped and keeps what they typed; undo
 * restores values, formulas and number formats; the syncs do not grow with the edits.
 */
import { type ExcelHost, PROFILE_IDS } from "../../../tests/excel-host";
import { buildGrantWorkbook } from "../../../tests/excel-host/fixtures";
import { rejection, useHosts } from "../../../tests/excel-host/testing";
import type { CellEdit } from "../../engine/types";
import { needsTextPrefix, writableValue } from "./applyEdits";
import { OfficeGateway } from "./OfficeGateway";

const start = useHosts();

/** What a person sees in a cell: value (for a plain value), formula, number format. */
function cellState(host: ExcelHost, sheet: string, address: string) {
  const model = host.workbook.sheet(sheet);
  const match = /^([A-Z]+)(\d+)$/.exec(address)!;
  const column = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const cell = host.workbook.cellAt(model, Number(match[2]), column);
  return {
    value: cell?.formula === undefined ? (cell?.value ?? null) : "(formula)",
    formula: cell?.formula ?? null,
    numberFormat: host.workbook.numberFormatAt(model, Number(match[2]), column),
  };
}

/** Budget row 4 (from fixtures): 單價 H4 = 30,000, 金額 K4 = 360,000. A PhD pay raised to the floor. */
function raisePay(): CellEdit[] {
  return [
    { sheet: "經費表", cell: "H4", expected: { value: 30000 }, next: { value: 34000 } },
    { sheet: "經費表", cell: "K4", expected: { value: 360000 }, next: { value: 408000, formula: "=H4*I4*J4" } },
  ];
}

describe.each(PROFILE_IDS)("applyEdits on %s", (profile) => {
  it("writes the edits in two syncs, and 復原 puts back exactly what was there", async () => {
    const host = start(profile);
    buildGrantWorkbook(host.workbook, { budgetRows: 5, memberRows: 2 });
    host.workbook.setNumberFormat("經費表", "K4", "#,##0");
    const before = host.workbook.snapshotCells();
    const gateway = new OfficeGateway();

    host.resetCounters();
    const outcome = await gateway.applyEdits(raisePay());
    expect(host.syncCount).toBe(2);
    expect(outcome.applied).toHaveLength(2);
    expect(outcome.skipped).toEqual([]);
    expect(cellState(host, "經費表", "H4")).toEqual({ value: 34000, formula: null, numberFormat: "General" });
    expect(cellState(host, "經費表", "K4")).toEqual({
      value: "(formula)",
      formula: "=H4*I4*J4",
      numberFormat: "#,##0",
    });
    // The undo expects what the fix wrote and puts back value, formula and number format.
    expect(outcome.undo).toEqual([
      {
        sheet: "經費表",
        cell: "K4",
        expected: { value: 408000, formula: "=H4*I4*J4", numberFormat: "#,##0" },
        next: { value: 360000, numberFormat: "#,##0" },
      },
      {
        sheet: "經費表",
        cell: "H4",
        expected: { value: 34000, numberFormat: "General" },
        next: { value: 30000, numberFormat: "General" },
      },
    ]);

    host.resetCounters();
    const undone = await gateway.applyEdits(outcome.undo);
    expect(host.syncCount).toBe(2);
    expect(undone.applied).toHaveLength(2);
    expect(host.workbook.snapshotCells()).toEqual(before);
  });

  it("skips a cell the person changed after the preview and keeps what they typed", async () => {
    const host = start(profile);
    buildGrantWorkbook(host.workbook, { budgetRows: 5, memberRows: 2 });
    const gateway = new OfficeGateway();
    // The preview showed 30,000 → 34,000; meanwhile the person typed 36,000 into H4.
    host.user.edit("經費表", "H4", [["36000"]]);
    const outcome = await gateway.applyEdits(raisePay());
    expect(outcome.skipped).toEqual([
      { edit: raisePay()[0], found: { value: 36000, numberFormat: "General" }, reason: "changed" },
    ]);
    expect(outcome.applied).toEqual([raisePay()[1]]);
    expect(cellState(host, "經費表", "H4").value).toBe(36000);

    // The person changes the fixed cell again before 復原: the undo leaves their value alone.
    host.user.edit("經費表", "K4", [["500000"]]);
    const undone = await gateway.applyEdits(outcome.undo);
    expect(undone.applied).toEqual([]);
    expect(undone.skipped.map((skip) => [skip.edit.cell, skip.reason, skip.found.value])).toEqual([
      ["K4", "changed", 500000],
    ]);
    expect(cellState(host, "經費表", "K4")).toEqual({ value: 500000, formula: null, numberFormat: "General" });
  });

  it("syncs as often for 200 edits as for one", async () => {
    const host = start(profile);
    buildGrantWorkbook(host.workbook, { budgetRows: 200, memberRows: 2 });
    const gateway = new OfficeGateway();
    const edit = (i: number): CellEdit => ({
      sheet: "經費表",
      cell: `D${4 + i}`,
      expected: { value: "計畫執行" },
      next: { value: `計畫執行（修正 ${i}）` },
    });
    host.resetCounters();
    await gateway.applyEdits([edit(0)]);
    const one = host.syncCount;
    host.resetCounters();
    const outcome = await gateway.applyEdits(Array.from({ length: 199 }, (_, i) => edit(i + 1)).concat(edit(0)));
    expect(host.syncCount).toBe(one);
    expect(one).toBe(2);
    // The first cell was edited by the first batch: its edit is skipped, the other 199 applied.
    expect(outcome.applied).toHaveLength(199);
    expect(outcome.skipped.map((skip) => skip.edit.cell)).toEqual(["D4"]);
    expect(cellState(host, "經費表", "D203").value).toBe("計畫執行（修正 199）");
  });

  it("writes text that looks like a formula or a number as text, and a 統一編號 with its leading zero", async () => {
    const host = start(profile);
    buildGrantWorkbook(host.workbook, { budgetRows: 3, memberRows: 3 });
    host.workbook.setValues("會員名單", "B2", [[1234567]]);
    const gateway = new OfficeGateway();
    const outcome = await gateway.applyEdits([
      { sheet: "會員名單", cell: "B2", expected: { value: 1234567 }, next: { value: "01234567", numberFormat: "@" } },
      { sheet: "經費表", cell: "D4", expected: { value: "計畫執行" }, next: { value: "=不是公式" } },
      { sheet: "經費表", cell: "D5", expected: { value: "計畫執行" }, next: { value: "-3 人" } },
      { sheet: "經費表", cell: "D6", expected: { value: "計畫執行" }, next: { value: "12,000" } },
      { sheet: "經費表", cell: "C4", expected: { value: "專任助理" }, next: { value: "@home" } },
    ]);
    expect(outcome.applied).toHaveLength(5);
    expect(cellState(host, "會員名單", "B2")).toEqual({ value: "01234567", formula: null, numberFormat: "@" });
    expect(cellState(host, "經費表", "D4")).toEqual({ value: "=不是公式", formula: null, numberFormat: "General" });
    expect(cellState(host, "經費表", "D5").value).toBe("-3 人");
    expect(cellState(host, "經費表", "D6").value).toBe("12,000");
    expect(cellState(host, "經費表", "C4").value).toBe("@home");

    await gateway.applyEdits(outcome.undo);
    expect(cellState(host, "會員名單", "B2")).toEqual({ value: 1234567, formula: null, numberFormat: "General" });
    expect(cellState(host, "經費表", "D4").value).toBe("計畫執行");
  });

  it("skips the cells of a protected sheet and says so; a missing sheet's edit is skipped as changed", async () => {
    const host = start(profile);
    buildGrantWorkbook(host.workbook, { budgetRows: 3, memberRows: 3 });
    host.workbook.protect("經費表");
    const before = host.workbook.snapshotCells();
    const gateway = new OfficeGateway();
    const outcome = await gateway.applyEdits([
      ...raisePay(),
      { sheet: "不存在", cell: "A1", expected: { value: null }, next: { value: 1 } },
    ]);
    expect(outcome.applied).toEqual([]);
    expect(outcome.skipped.map((skip) => [skip.edit.cell, skip.reason])).toEqual([
      ["H4", "protected"],
      ["K4", "protected"],
      ["A1", "changed"],
    ]);
    expect(host.workbook.snapshotCells()).toEqual(before);
  });
});

it("reads formulas with the values, in the same syncs, as a sparse map by address", async () => {
  const host = start("m365-windows");
  buildGrantWorkbook(host.workbook, { budgetRows: 5, memberRows: 2 });
  host.workbook.setFormula("經費表", "K4", "=H4*I4*J4");
  host.workbook.setFormula("經費表", "K10", "=SUM(K4:K8)");
  const gateway = new OfficeGateway();
  const snapshot = await gateway.readSnapshot();
  expect(host.syncCount).toBe(3);
  const budget = snapshot.sheets.find((sheet) => sheet.name === "經費表")!;
  expect(budget.formulas).toEqual({ K4: "=H4*I4*J4", K10: "=SUM(K4:K8)" });
  // The formula cell's value is its cached result, as before.
  expect(budget.values[1]![9]).toBe(360000);
  expect(snapshot.sheets.find((sheet) => sheet.name === "計畫資訊")!.formulas).toBeUndefined();
});

it("puts back the cells a failed write had written, and says so", async () => {
  const host = start("m365-windows");
  buildGrantWorkbook(host.workbook, { budgetRows: 5, memberRows: 2 });
  const before = host.workbook.snapshotCells();
  const gateway = new OfficeGateway();
  // The second request (the write) fails after its first action ran.
  host.injectFailure({ nth: 2, code: "GeneralException", afterActions: 6 });
  const error = await rejection(gateway.applyEdits(raisePay()));
  expect(error).toMatchObject({ name: "WorkbookError", code: "write-failed" });
  expect(error.message).toContain("put back");
  expect(host.workbook.snapshotCells()).toEqual(before);
});

describe("text written as text", () => {
  it.each([
    ["=SUM(A1)", true],
    ["+886", true],
    ["-", true],
    ["@", true],
    ["12,000", true],
    ["2026/1/1", true],
    ["TRUE", true],
    ["#N/A", true],
    ["業務費", false],
    ["碩士生兼任助理", false],
  ])("%s needs an apostrophe: %s", (text, prefixed) => {
    expect(needsTextPrefix(text)).toBe(prefixed);
    expect(writableValue(text, "General")).toBe(prefixed ? `'${text}` : text);
  });

  it("writes text as it is into a cell formatted as text", () => {
    expect(writableValue("01234567", "@")).toBe("01234567");
    expect(writableValue(null, "General")).toBe("");
    expect(writableValue({ error: "#REF!" }, "General")).toBe("#REF!");
  });
});
