/**
 * A failure half-way through a write inside Excel leaves the workbook as it was, or the error
 * says exactly what was written. Excel has no transactions: a batch that fails keeps the
 * actions that ran before the failure. The in-memory Excel (under Microsoft's client library)
 * fails the n-th request on request, after a chosen number of its actions, and every sync of
 * every write is tried in turn.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { type ExcelHost, type WorkbookCellSnapshot } from "../excel-host";
import { buildGrantWorkbook } from "../excel-host/fixtures";
import { loadSnapshot, useHosts } from "../excel-host/testing";
import type { ValidationResult, Waiver } from "../../src/engine/types";
import { validateWorkbook } from "../../src/engine/validate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import type { CellFlag } from "../../src/workbook/gateway";
import { FLAG_STATE_SETTING, OfficeGateway } from "../../src/workbook/office/OfficeGateway";
import type { FlagReport } from "../../src/workbook/gateway";
import { WAIVER_NAMESPACE, waiversToXml } from "../../src/workbook/waiverXml";

/** Small enough that flags are written over several syncs. */
const PAYLOAD = 24 * 1024;

const start = useHosts();

function setup(): { host: ExcelHost; gateway: OfficeGateway } {
  const host = start("m365-windows");
  buildGrantWorkbook(host.workbook, { budgetRows: 200, memberRows: 10 });
  // A person's own look, note, comment and conditional format on cells that get flagged.
  host.workbook.setFormat("經費表", "K10", { fill: "#FFFF00", fontColor: "#FF0000", bold: true });
  host.workbook.addNote("經費表", "K5", "請確認單價", "Reviewer");
  host.workbook.addComment("經費表", "K6", "這筆要附發票", "Reviewer");
  host.workbook.addConditionalFormat("經費表", "K4:K203", { type: "CellValue", fill: "#C6EFCE" });
  return { host, gateway: new OfficeGateway(undefined, { maxPayloadBytes: PAYLOAD }) };
}

function flags(count: number, from = 4, message = "金額不符"): CellFlag[] {
  return Array.from({ length: count }, (_, i) => ({
    sheet: "經費表",
    cell: `K${from + i}`,
    severity: (["error", "warning", "info"] as const)[i % 3]!,
    message: `${message} ${i}`,
    ruleId: "BUD-TOTAL-MISMATCH",
  }));
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; detail?: string };
  }
  throw new Error("expected the write to fail");
}

/** Syncs a successful run of `write` takes on a fresh workbook. */
async function syncsOf(prepare: (gateway: OfficeGateway) => Promise<unknown>, write: (gateway: OfficeGateway) => Promise<unknown>): Promise<number> {
  const { host, gateway } = setup();
  await prepare(gateway);
  host.resetCounters();
  await write(gateway);
  return host.syncCount;
}

interface FlagCase {
  name: string;
  /** Flags on the grid before the write. */
  before: CellFlag[];
  write: (gateway: OfficeGateway) => Promise<FlagReport | null>;
}

const FIRST = flags(150);
const SECOND = [...flags(60, 100, "超過上限"), { sheet: "會員名單", cell: "B3", severity: "error" as const, message: "統一編號錯誤", ruleId: "MEM-TAXID-INVALID" }];

const FLAG_CASES: FlagCase[] = [
  { name: "showFlags over earlier flags", before: FIRST, write: (gateway) => gateway.showFlags(SECOND) },
  { name: "showFlags on a workbook without flags", before: [], write: (gateway) => gateway.showFlags(FIRST) },
  { name: "updateFlags", before: FIRST, write: (gateway) => gateway.updateFlags(FIRST, SECOND) },
  { name: "clearFlags", before: FIRST, write: (gateway) => gateway.clearFlags() },
];

describe.each(FLAG_CASES)("$name failing at any sync", ({ before, write }) => {
  let total = 0;
  beforeAll(async () => {
    total = await syncsOf((gateway) => gateway.showFlags(before), write);
    // Enough syncs that failures land between writes, not only in the reads.
    expect(total).toBeGreaterThanOrEqual(4);
  });

  /** The grid before any flags, and with `before` shown. */
  async function states(): Promise<{ host: ExcelHost; gateway: OfficeGateway; clean: WorkbookCellSnapshot; shown: WorkbookCellSnapshot; state: unknown }> {
    const { host, gateway } = setup();
    const clean = host.workbook.snapshotCells();
    if (before.length > 0) await gateway.showFlags(before);
    return { host, gateway, clean, shown: host.workbook.snapshotCells(), state: host.workbook.settings.get(FLAG_STATE_SETTING) };
  }

  const attempts: [number, number][] = [];
  for (let nth = 1; nth <= 12; nth += 1) for (const afterActions of [0, 1, 25]) attempts.push([nth, afterActions]);

  it.each(attempts)("sync %i, after %i action(s): as before, or the error says what is left", async (nth, afterActions) => {
    if (nth > total) return;
    const { host, gateway, clean, shown, state } = await states();
    host.injectFailure({ nth, afterActions });
    let error: (Error & { code?: string }) | null = null;
    try {
      await write(gateway);
    } catch (caught) {
      error = caught as Error & { code?: string };
    }
    if (error === null) {
      // Only a clearing may succeed in spite of the failure: a second run finished the job.
      expect(write.toString()).toContain("clearFlags");
      expect(host.workbook.snapshotCells()).toEqual(clean);
      expect(host.workbook.settings.has(FLAG_STATE_SETTING)).toBe(false);
      return;
    }
    expect(error).toMatchObject({ name: "WorkbookError", code: "write-failed", detail: "GeneralException" });
    if (/Nothing in the workbook was changed\.$/.test(error.message)) {
      expect(host.workbook.snapshotCells()).toEqual(shown);
      expect(host.workbook.settings.get(FLAG_STATE_SETTING)).toEqual(state);
    } else {
      expect(error.message).toMatch(/The flags written before the failure were removed: no flags are shown\. The cells' values, formats, notes and comments are as they were\.$/);
      expect(host.workbook.snapshotCells()).toEqual(clean);
      expect(host.workbook.settings.has(FLAG_STATE_SETTING)).toBe(false);
    }
  });

  it("says flags may remain when removing them fails too, and Clear flags then removes them", async () => {
    const { host, gateway, clean } = await states();
    // The last write sync fails, and so does the first sync of the run that would clean up.
    host.injectFailure({ nth: total, afterActions: 1 });
    host.injectFailure({ nth: total + 1 });
    const error = await failure(write(gateway));
    expect(error.message).toMatch(/Some flags may be shown, and removing them failed too \(.+\); Clear flags removes them\. The cells' values, formats, notes and comments are as they were\.$/);
    // The person's cells are untouched whatever flags remain.
    const now = host.workbook.snapshotCells();
    expect(now.sheets.map((sheet) => sheet.cells)).toEqual(clean.sheets.map((sheet) => sheet.cells));
    expect(now.comments).toEqual(clean.comments);
    await gateway.clearFlags();
    expect(host.workbook.snapshotCells()).toEqual(clean);
  });
});

describe("writeWaivers failing at any sync", () => {
  const OLD: Waiver[] = [
    { fingerprint: "BUD-CAP|經費表|人事費", ruleId: "BUD-CAP", reason: "核定公文", by: "林教授", at: "2026-03-01" },
    { fingerprint: "MEM-FREE-RATIO|會員名單", ruleId: "MEM-FREE-RATIO", reason: "first year" },
  ];
  const NEW: Waiver[] = [OLD[0]!, { fingerprint: "OPS-GROWTH|營運收入", ruleId: "OPS-GROWTH", reason: "新制度" }];

  async function stored(gateway: OfficeGateway): Promise<Waiver[]> {
    return gateway.readWaivers();
  }

  const attempts: [number, number][] = [];
  for (const nth of [1, 2]) for (const afterActions of [0, 1, 2]) attempts.push([nth, afterActions]);

  /** The workbook before the write: OLD saved, and a duplicate part (two add-in instances raced). */
  async function prepared(): Promise<{ host: ExcelHost; gateway: OfficeGateway }> {
    const { host, gateway } = setup();
    await gateway.writeWaivers(OLD);
    host.workbook.xmlParts.push({ id: "{DUP}", namespaceUri: WAIVER_NAMESPACE, xml: waiversToXml(OLD.slice(1)) });
    return { host, gateway };
  }

  it.each(attempts)("sync %i, after %i action(s)", async (nth, afterActions) => {
    const dryRun = await prepared();
    dryRun.host.resetCounters();
    await dryRun.gateway.writeWaivers(NEW);
    if (nth > dryRun.host.syncCount) return;

    const { host, gateway } = await prepared();
    const previous = await stored(gateway);
    host.injectFailure({ nth, afterActions });
    let error: (Error & { code?: string }) | null = null;
    try {
      await gateway.writeWaivers(NEW);
    } catch (caught) {
      error = caught as Error & { code?: string };
    }
    const now = await stored(gateway);
    if (error === null) {
      // Resolving means the workbook holds exactly the waivers being saved (read back after the failure).
      expect(now).toEqual(expect.arrayContaining(NEW));
      expect(now).toHaveLength(NEW.length);
      return;
    }
    expect(error).toMatchObject({ name: "WorkbookError", code: "write-failed" });
    if (/Nothing in the workbook was changed\.$/.test(error.message)) {
      expect(now).toEqual(previous);
      return;
    }
    const match = /The workbook now holds (\d+) exception note\(s\): (\d+) of the (\d+) being saved, (\d+) other\(s\)\. Save them again\.$/.exec(error.message);
    expect(match).not.toBeNull();
    const [held, saved, wanted, others] = match!.slice(1).map(Number) as [number, number, number, number];
    expect(held).toBe(now.length);
    expect(wanted).toBe(NEW.length);
    expect(saved).toBe(NEW.filter((waiver) => now.some((entry) => JSON.stringify(entry) === JSON.stringify(waiver))).length);
    expect(others).toBe(held - saved);
  });

  it("says the waivers may be partly saved when reading them back fails too", async () => {
    const { host, gateway } = setup();
    await gateway.writeWaivers(OLD);
    host.injectFailure({ nth: 2 });
    host.injectFailure({ nth: 3 });
    const error = await failure(gateway.writeWaivers(NEW));
    expect(error.message).toMatch(/The exception notes may be partly saved; reading them back failed too \(.+\)\. Save them again\.$/);
  });
});

describe("writeSummary failing at any sync", () => {
  async function workbookWithResult(): Promise<{ host: ExcelHost; gateway: OfficeGateway; result: ValidationResult; own: string[] }> {
    const snapshot = await readWorkbookSnapshot(new Uint8Array(readFileSync(path.join(__dirname, "..", "..", "samples", "sample-mistakes.xlsx"))));
    const host = start("m365-windows");
    loadSnapshot(host.workbook, snapshot);
    const gateway = new OfficeGateway(undefined, { maxPayloadBytes: PAYLOAD });
    return { host, gateway, result: validateWorkbook(snapshot), own: snapshot.sheets.map((sheet) => sheet.name) };
  }

  /** Sheets that are neither the person's nor marked as ours: left behind, never to be replaced. */
  function orphans(host: ExcelHost, own: readonly string[]): string[] {
    const marked = host.workbook.names.filter((name) => name.name.startsWith("AllianceCheck_Generated_")).map((name) => JSON.stringify(name));
    return host.workbook.sheets.map((sheet) => sheet.name).filter((name) => !own.includes(name) && !marked.some((entry) => entry.includes(name)));
  }

  /** Syncs of the snapshot read that writeSummary starts with, and of the whole call. */
  let reads = 0;
  let total = 0;
  beforeAll(async () => {
    const { host, gateway, result } = await workbookWithResult();
    await gateway.writeSummary(result, "zh-TW");
    host.resetCounters();
    await gateway.readSnapshot();
    reads = host.syncCount;
    host.resetCounters();
    await gateway.writeSummary(result, "zh-TW");
    total = host.syncCount;
    // Several syncs of writes, so that failures land between them.
    expect(total - reads).toBeGreaterThanOrEqual(4);
  });

  // Counted from the end of the read: 1 = the sync that reads names and markers, then the writes.
  const attempts: [number, number][] = [[0, 0]];
  for (let afterRead = 1; afterRead <= 14; afterRead += 1) for (const afterActions of [0, 1, 40]) attempts.push([afterRead, afterActions]);

  it.each(attempts)("sync %i after the read, after %i action(s): the person's sheets untouched, nothing half-written left unmarked", async (afterRead, afterActions) => {
    const nth = afterRead <= 0 ? 1 : reads + afterRead;
    if (nth > total) return;
    const { host, gateway, result, own } = await workbookWithResult();
    await gateway.writeSummary(result, "zh-TW");
    const before = host.workbook.snapshotCells().sheets.filter((sheet) => own.includes(sheet.name));
    host.injectFailure({ nth, afterActions });
    const error = await failure(gateway.writeSummary(result, "zh-TW"));
    expect(error).toMatchObject({ name: "WorkbookError" });
    expect(host.workbook.snapshotCells().sheets.filter((sheet) => own.includes(sheet.name))).toEqual(before);
    expect(orphans(host, own)).toEqual([]);
    if (/Nothing in the workbook was changed\.$/.test(error.message)) {
      expect(host.workbook.sheets.map((sheet) => sheet.name).filter((name) => !own.includes(name)).sort()).toEqual(["檢核結果", "營運摘要", "營運摘要計算"].sort());
    } else {
      expect(error.message).toMatch(/The summary sheets written before the failure were removed: the workbook has no 檢核結果 or 營運摘要 sheets of ours now\. The person's own sheets are as they were\.$/);
      expect(host.workbook.sheets.map((sheet) => sheet.name).filter((name) => !own.includes(name))).toEqual([]);
    }
    // Writing again gives the usual sheets, under their usual names.
    const again = await gateway.writeSummary(result, "zh-TW");
    expect(again.sheets).toEqual(["檢核結果", "營運摘要", "營運摘要計算"]);
  });
});
