import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from "../../../tests/fake-excel";
import { buildGrantWorkbook } from "../../../tests/fake-excel/fixtures";
import { ManualTimers } from "../../../tests/fake-excel/timers";
import type { CellFlag } from "../gateway";
import { styleOfFormula } from "../flagMarks";
import { type LiveValidationStatus, LiveValidationController } from "./liveValidation";
import { OfficeGateway } from "./OfficeGateway";

const flag = (cell: string, severity: CellFlag["severity"], message = "金額不符"): CellFlag => ({
  sheet: "經費表",
  cell,
  severity,
  message,
  ruleId: "BUD-TOTAL-MISMATCH",
});

interface Harness {
  fake: FakeExcel;
  gateway: OfficeGateway;
  timers: ManualTimers;
  controller: LiveValidationController;
  revalidate: jest.Mock<Promise<CellFlag[]>, []>;
  errors: unknown[];
  statuses: LiveValidationStatus[];
  /** Lets the debounce elapse and waits for the round and for any events it caused. */
  settle(): Promise<void>;
}

async function start(
  fakeOptions: FakeExcelOptions,
  results: Array<CellFlag[] | Error>,
  options: { initialFlags?: CellFlag[]; isInputSheet?: (name: string) => boolean } = {}
): Promise<Harness> {
  const fake = createFakeExcel({ changedEventsFor: "all", ...fakeOptions });
  buildGrantWorkbook(fake.model, { budgetRows: 50, memberRows: 10 });
  const gateway = new OfficeGateway(fake.run, { isSetSupported: fake.isSetSupported });
  const initialFlags = options.initialFlags ?? [];
  if (initialFlags.length > 0) await gateway.showFlags(initialFlags);
  await fake.model.flushEvents();
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
  const controller = new LiveValidationController({
    gateway,
    revalidate,
    initialFlags,
    isInputSheet: options.isInputSheet,
    timers,
    run: fake.run,
    isSetSupported: fake.isSetSupported,
    onError: (error) => errors.push(error),
    onStatus: (status) => statuses.push(status),
  });
  await controller.start();
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i += 1) {
      await fake.model.flushEvents();
      timers.advance(10_000);
      await controller.settled();
    }
  };
  return { fake, gateway, timers, controller, revalidate, errors, statuses, settle };
}

function stylesOn(fake: FakeExcel, sheet: string): Array<[string, string]> {
  return fake.model
    .sheet(sheet)
    .conditionalFormats.flatMap((cf) => {
      const style = cf.formula === null ? null : styleOfFormula(cf.formula);
      return style === null ? [] : cf.areas.map((area): [string, string] => [`${area.top}:${area.left}`, style]);
    })
    .sort();
}

describe("LiveValidationController", () => {
  it.each(["Local", "Remote"] as const)(
    "re-validates once after a burst of %s edits, then updates only what changed",
    async (source) => {
      const before = [flag("K4", "error"), flag("K5", "warning"), flag("K6", "info")];
      const after = [flag("K4", "error"), flag("K6", "info"), flag("K8", "warning", "新問題")];
      const h = await start({}, [after], { initialFlags: before });
      const idsBefore = new Map(h.fake.model.sheet("經費表").conditionalFormats.map((cf) => [cf.formula, cf.id]));
      const notesBefore = new Map(h.fake.model.sheet("經費表").notes.map((note) => [note.row, note.serial]));

      h.fake.model.simulateEdit("經費表", "K5", [[1]], { source });
      h.fake.model.simulateEdit("經費表", "K5", [[12]], { source });
      h.fake.model.simulateEdit("經費表", "K5", [[123]], { source });
      await h.fake.model.flushEvents();
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
      expect(stylesOn(h.fake, "經費表")).toEqual([
        ["4:11", "error"],
        ["6:11", "info"],
        ["8:11", "warning"],
      ]);
      const idsAfter = new Map(h.fake.model.sheet("經費表").conditionalFormats.map((cf) => [cf.formula, cf.id]));
      // error and info kept their cells: their conditional formats were not touched.
      for (const [formula, id] of idsAfter) {
        if (formula?.includes("error") || formula?.includes("info")) expect(id).toBe(idsBefore.get(formula));
      }
      const notesAfter = new Map(h.fake.model.sheet("經費表").notes.map((note) => [note.row, note.serial]));
      expect(notesAfter.get(4)).toBe(notesBefore.get(4));
      expect(notesAfter.get(6)).toBe(notesBefore.get(6));
      expect(notesAfter.has(5)).toBe(false);
      expect(notesAfter.has(8)).toBe(true);
    }
  );

  it("ignores the events its own writes cause (triggerSource ThisLocalAddin)", async () => {
    const h = await start({}, [[flag("K4", "error")], [flag("K4", "warning")]]);
    h.fake.model.simulateEdit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
    // Our writes did raise onChanged (the fake reports note and format writes too)…
    expect(h.fake.model.syncs.length).toBeGreaterThan(3);
    expect(h.fake.model.handlerErrors).toEqual([]);
    // …and only a person's edit starts the next round.
    h.fake.model.simulateEdit("經費表", "K4", [[2]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(2);
    expect(stylesOn(h.fake, "經費表")).toEqual([["4:11", "warning"]]);
  });

  it("ignores events during its own writes on hosts without triggerSource (before ExcelApi 1.14)", async () => {
    const h = await start({ apiVersion: 13 }, [[flag("K4", "error")], [flag("K4", "info")]]);
    h.fake.model.simulateEdit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
    expect(stylesOn(h.fake, "經費表")).toEqual([["4:11", "error"]]);
    h.fake.model.simulateEdit("經費表", "K4", [[2]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(2);
  });

  it("reports a failed round and keeps working", async () => {
    const h = await start({}, [new Error("engine crashed"), [flag("K4", "error")]]);
    h.fake.model.simulateEdit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.errors).toEqual([new Error("engine crashed")]);
    expect(h.controller.status).toBe("idle");
    h.fake.model.simulateEdit("經費表", "K4", [[2]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(2);
    expect(stylesOn(h.fake, "經費表")).toEqual([["4:11", "error"]]);
  });

  it("replaces all flags after a write failed, since the grid is then unknown", async () => {
    const h = await start({}, [[flag("K4", "error")], [flag("K5", "warning")]]);
    const showFlags = jest.spyOn(h.gateway, "showFlags");
    const updateFlags = jest.spyOn(h.gateway, "updateFlags").mockRejectedValueOnce(new Error("write failed"));
    h.fake.model.simulateEdit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.errors).toEqual([new Error("write failed")]);
    h.fake.model.simulateEdit("經費表", "K5", [[1]]);
    await h.settle();
    expect(updateFlags).toHaveBeenCalledTimes(1);
    expect(showFlags).toHaveBeenCalledWith([flag("K5", "warning")]);
    expect(stylesOn(h.fake, "經費表")).toEqual([["5:11", "warning"]]);
  });

  it("listens only to input sheets", async () => {
    const h = await start({}, [[]], { isInputSheet: (name) => name !== "計畫資訊" });
    h.fake.model.simulateEdit("計畫資訊", "B1", [["新名稱"]]);
    await h.settle();
    expect(h.revalidate).not.toHaveBeenCalled();
    h.fake.model.simulateEdit("會員名單", "B2", [["12345678"]]);
    await h.settle();
    expect(h.revalidate).toHaveBeenCalledTimes(1);
  });

  it("stop() removes the handler and cancels a pending round", async () => {
    const h = await start({}, []);
    expect(h.fake.model.handlers).toHaveLength(1);
    h.fake.model.simulateEdit("經費表", "K4", [[1]]);
    await h.fake.model.flushEvents();
    expect(h.timers.pending).toBe(1);
    await h.controller.stop();
    expect(h.fake.model.handlers).toHaveLength(0);
    expect(h.timers.pending).toBe(0);
    h.fake.model.simulateEdit("經費表", "K4", [[2]]);
    await h.settle();
    expect(h.revalidate).not.toHaveBeenCalled();
    expect(h.controller.status).toBe("idle");
  });

  it("runs the writes with delayForCellEdit", async () => {
    const h = await start({}, [[flag("K4", "error")]]);
    h.fake.model.resetCounters();
    h.fake.model.simulateEdit("經費表", "K4", [[1]]);
    await h.settle();
    expect(h.fake.model.runOptions.length).toBeGreaterThan(0);
    expect(h.fake.model.runOptions.every((options) => JSON.stringify(options) === '{"delayForCellEdit":true}')).toBe(
      true
    );
  });
});
