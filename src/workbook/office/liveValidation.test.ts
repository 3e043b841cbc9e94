/**
 * Live validation on the in-memory Excel under Microsoft's client library: events come through
 * the library's own event path (worksheets.onChanged), asynchronously and coalesced.
 */
import type { ExcelHost, ProfileId } from "../../../tests/excel-host";
import { buildGrantWorkbook } from "../../../tests/excel-host/fixtures";
import { rejection, useHosts } from "../../../tests/excel-host/testing";
import { ManualTimers } from "../../../tests/excel-host/timers";
import type { CellFlag } from "../gateway";
import { styleOfFormula } from "../flagMarks";
import { type LiveValidationStatus, LiveValidationController } from "./liveValidation";
import { OfficeGateway } from "./OfficeGateway";

const start = useHosts();

const flag = (cell: string, severity: CellFlag["severity"], message = "金額不符"): CellFlag => ({
  sheet: "經費表",
  cell,
  severity,
  message,
  ruleId: "BUD-TOTAL-MISMATCH",
});

interface Harness {
  host: ExcelHost;
  gateway: OfficeGateway;
  timers: ManualTimers;
  controller: LiveValidationController;
  revalidate: jest.Mock<Promise<CellFlag[]>, []>;
  errors: unknown[];
  statuses: LiveValidationStatus[];
  /** The pane's record of the flags on the grid, which the controller reads and updates. */
  record: { flags: readonly CellFlag[] };
  /** Lets events arrive, the debounce elapse and the round (and any events it caused) finish. */
  settle(): Promise<void>;
}

async function harness(
  profile: ProfileId,
  results: Array<CellFlag[] | Error>,
  options: { initialFlags?: CellFlag[]; isInputSheet?: (name: string) => boolean; writeFlags?: boolean } = {}
): Promise<Harness> {
  const host = start(profile);
  buildGrantWorkbook(host.workbook, { budgetRows: 50, memberRows: 10 });
  const gateway = new OfficeGateway();
  const initialFlags = options.initialFlags ?? [];
  if (initialFlags.length > 0) await gateway.showFlags(initialFlags);
  await host.settle();
  const timers = new ManualTimers();
  const errors: unknown[] = [];
  const statuses: LiveValidationStatus[] = [];
  const queue = [...results];
  const revalidate = jest.fn(async (): Promise<CellFlag[]> => {
    const next = queue.shift();
    if (next === undefined) throw new Error("revalidate called more often than expected");
    if (next instanceof Error) throw next;
    return next;
  });
  // The pane's record of the flags on the grid, as TaskPane keeps it.
  const record = { flags: initialFlags as readonly CellFlag[] };
  const controller = new LiveValidationController({
    gateway,
    revalidate,
    shownFlags: () => record.flags,
    onFlagsShown: (flags) => {
      record.flags = flags;
    },
    isInputSheet: options.isInputSheet,
    writeFlags: options.writeFlags ?? gateway.capabilities.undoKeepsAddinWrites(),
    timers,
    onError: (error) => errors.push(error),
    onStatus: (status) => statuses.push(status),
  });
  await controller.start();
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i += 1) {
      await host.settle();
      timers.advance(10_000);
      await controller.settled();
    }
    await host.settle();
  };
  return { host, gateway, timers, controller, revalidate, errors, statuses, record, settle };
}

function stylesOn(host: ExcelHost, sheet: string): Array<[string, string]> {
  return host.workbook
    .sheet(sheet)
    .conditionalFormats.flatMap((cf) => {
      const style = cf.formula === null ? null : styleOfFormula(cf.formula);
      return style === null ? [] : cf.areas.map((area): [string, string] => [`${area.top}:${area.left}`, style]);
    })
    .sort();
}

describe("LiveValidationController", () => {
  it("re-validates once after a burst of edits, then updates only what changed", async () => {
    const before = [flag("K4", "error"), flag("K5", "warning"), flag("K6", "info")];
    const after = [flag("K4", "error"), flag("K6", "info"), flag("K8", "warning", "新問題")];
    const h = await harness("m365-windows", [after], { initialFlags: before });
    const idsBefore = new Map(h.host.workbook.sheet("經費表").conditionalFormats.map((cf) => [cf.formula, cf.id]));
    const notesBefore = new Map(h.host.workbook.sheet("經費表").notes.map((note) => [note.row, note.serial]));

    h.host.user.edit("經費表", "K5", [[1]]);
    h.host.user.edit("經費表", "K5", [[12]]);
    h.host.user.edit("經費表", "K5", [[123]]);
    await h.host.settle();
    expect(h.controller.status).toBe("pending");
    h.timers.advance(399);
    expect(h.revalidate).not.toHaveBeenCalled();
    h.timers.advance(1);
    await h.controller.settled();
    await h.settle();

    expect(h.revalidate).toHaveBeenCalledTimes(1);
    expect(h.errors).toEqual([]);
    expect(h.controller.flags).toEqual(after);
    expect(h.statuses).toEqual(["pending", "running", "idle"]);
    expect(stylesOn(h.host, "經費表")).toEqual([
      ["4:11", "error"],
      ["6:11", "info"],
      ["8:11", "warning"],
    ]);
    const idsAfter = new Map(h.host.workbook.sheet("經費表").conditionalFormats.map((cf) => [cf.formula, cf.id]));
    // error and info kept their cells: their conditional formats were not touched.
    for (const [formula, id] of idsAfter) {
      if (formula?.includes("error") || formula?.includes("info")) expect(id).toBe(idsBefore.get(formula));
    }
    const notesAfter = new Map(h.host.workbook.sheet("經費表").notes.map((note) => [note.row, note.serial]));
    expect(notesAfter.get(4)).toBe(notesBefore.get(4));
    expect(notesAfter.get(6)).toBe(notesBefore.get(6));
    expect(notesAfter.has(5)).toBe(false);
    expect(notesAfter.has(8)).toBe(true);
  });

  it("replaces the flags the pane shows now, not those shown when live validation started", async () => {
    // Live validation starts while the first validate is still recording its flags, and the
    // person may press Show flags later: the round must replace what is on the grid then.
    const h = await harness("m365-windows", [[flag("K8", "warning")]], { initialFlags: [] });
    const shownLater = [flag("K4", "error"), flag("K5", "warning")];
    await h.gateway.showFlags(shownLater);
    h.record.flags = shownLater;
    await h.host.settle();
    h.host.user.edit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.errors).toEqual([]);
    expect(stylesOn(h.host, "經費表")).toEqual([["8:11", "warning"]]);
    expect(h.host.workbook.sheet("經費表").notes.map((note) => note.row)).toEqual([8]);
    expect(h.record.flags).toEqual([flag("K8", "warning")]);
  });

  it("a round that only reads leaves the pane's record as it was", async () => {
    const before = [flag("K4", "error")];
    const h = await harness("web", [[flag("K9", "warning")]], { initialFlags: before });
    h.host.user.edit("經費表", "K9", [[1]], { source: "Remote" });
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
    expect(h.record.flags).toEqual(before);
  });

  it("re-validates after a co-author's edit but writes nothing: their pane flags their changes", async () => {
    const before = [flag("K4", "error")];
    const h = await harness("web", [[flag("K4", "error"), flag("K9", "warning")]], { initialFlags: before });
    const grid = h.host.workbook.snapshotCells();
    h.host.resetCounters();
    h.host.user.edit("經費表", "K9", [[1]], { source: "Remote" });
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
    expect(h.host.syncs.filter((sync) => sync.wrote)).toEqual([]);
    expect(h.host.workbook.snapshotCells().sheets.map((s) => s.conditionalFormats)).toEqual(
      grid.sheets.map((s) => s.conditionalFormats)
    );
    expect(h.controller.flags).toEqual(before);
  });

  it("ignores the events of its own writes (triggerSource ThisLocalAddin)", async () => {
    const h = await harness("m365-windows", [[flag("K4", "error")], [flag("K4", "warning")]]);
    h.host.user.edit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
    // The add-in writes values (as the summary writer does): Excel raises onChanged for them…
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("經費表").getRange("M1").values = [["x"]];
      await context.sync();
    });
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
    // …and only a person's edit starts the next round.
    h.host.user.edit("經費表", "K4", [[2]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(2);
    expect(stylesOn(h.host, "經費表")).toEqual([["4:11", "warning"]]);
  });

  it("reports a failed round and keeps working", async () => {
    const h = await harness("m365-windows", [new Error("engine crashed"), [flag("K4", "error")]]);
    h.host.user.edit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.errors).toEqual([new Error("engine crashed")]);
    expect(h.controller.status).toBe("idle");
    h.host.user.edit("經費表", "K4", [[2]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(2);
    expect(stylesOn(h.host, "經費表")).toEqual([["4:11", "error"]]);
  });

  it("replaces all flags after a write failed, since the grid is then unknown", async () => {
    const h = await harness("m365-windows", [[flag("K4", "error")], [flag("K5", "warning")]]);
    const showFlags = jest.spyOn(h.gateway, "showFlags");
    const updateFlags = jest.spyOn(h.gateway, "updateFlags").mockRejectedValueOnce(new Error("write failed"));
    h.host.user.edit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.errors).toEqual([new Error("write failed")]);
    h.host.user.edit("經費表", "K5", [[1]]);
    await h.settle();
    expect(updateFlags).toHaveBeenCalledTimes(1);
    expect(showFlags).toHaveBeenCalledWith([flag("K5", "warning")]);
    expect(stylesOn(h.host, "經費表")).toEqual([["5:11", "warning"]]);
  });

  it("listens only to input sheets", async () => {
    const h = await harness("m365-windows", [[]], { isInputSheet: (name) => name !== "計畫資訊" });
    h.host.user.edit("計畫資訊", "B1", [["新名稱"]]);
    await h.settle();
    expect(h.revalidate).not.toHaveBeenCalled();
    h.host.user.edit("會員名單", "B2", [["12345678"]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
  });

  it("stop() removes the handler and cancels a pending round", async () => {
    const h = await harness("m365-windows", []);
    expect(h.host.registrations.has("10:Workbook")).toBe(true);
    h.host.user.edit("經費表", "K4", [[1]]);
    await h.host.settle();
    expect(h.timers.pending).toBe(1);
    await h.controller.stop();
    expect(h.host.registrations.size).toBe(0);
    expect(h.timers.pending).toBe(0);
    h.host.user.edit("經費表", "K4", [[2]]);
    await h.settle();
    expect(h.revalidate).not.toHaveBeenCalled();
    expect(h.controller.status).toBe("idle");
  });

  it("starts while a cell is being edited by waiting for the edit to end (delayForCellEdit)", async () => {
    const host = start("m365-windows");
    buildGrantWorkbook(host.workbook, { budgetRows: 5, memberRows: 2 });
    host.user.beginCellEdit();
    const controller = new LiveValidationController({ gateway: new OfficeGateway(), revalidate: async () => [] });
    let started = false;
    const starting = controller.start().then(() => (started = true));
    await host.settle();
    expect(started).toBe(false);
    host.user.endCellEdit();
    await starting;
    expect(host.requests.some((request) => request.delayed)).toBe(true);
    await controller.stop();
  });

  it("says Excel is editing a cell where the host cannot wait (the ExcelApi 1.9 floor)", async () => {
    const host = start("floor-1.9");
    buildGrantWorkbook(host.workbook, { budgetRows: 5, memberRows: 2 });
    host.user.beginCellEdit();
    const controller = new LiveValidationController({ gateway: new OfficeGateway(), revalidate: async () => [] });
    expect(await rejection(controller.start())).toMatchObject({ name: "WorkbookError", code: "cell-editing" });
    host.user.endCellEdit();
    await controller.start();
    await controller.stop();
  });

  it.each(["ltsc-2024", "ltsc-2021", "floor-1.9"] as const)(
    "on %s (writes clear the undo stack) updates the findings but never writes, so Ctrl+Z still undoes the edit",
    async (profile) => {
      const h = await harness(profile, [[flag("K4", "error")]], { initialFlags: [] });
      h.host.undoStack.length = 0;
      h.host.user.edit("經費表", "K4", [[1]]);
      await h.settle();
      expect(h.revalidate).toHaveBeenCalledTimes(1);
      expect(h.host.syncs.filter((sync) => sync.wrote)).toEqual([]);
      expect(h.host.undoStack).toEqual(["edit 經費表!K4"]);
      expect(h.host.user.undo()).toBe("edit 經費表!K4");
    }
  );

  it("on a host with API undo, updates the flags and the user's edit stays undoable", async () => {
    const h = await harness("web", [[flag("K4", "error")]]);
    h.host.undoStack.length = 0;
    h.host.user.edit("經費表", "K4", [[1]]);
    await h.settle();
    expect(stylesOn(h.host, "經費表")).toEqual([["4:11", "error"]]);
    expect(h.host.undoStack[0]).toBe("edit 經費表!K4");
  });
});
