/**
 * One contract, two gateways: the scenarios where the Office.js gateway (on the in-memory Excel
 * under Microsoft's client library, on every host profile) and the .xlsx gateway of the browser
 * preview overlap must behave the same for the same workbook —
 * the snapshot they read gives the same findings as the command line, flags come and go without
 * touching values, waivers round-trip and mark findings as waived, and selecting a cell of a sheet
 * that does not exist is a clear not-found error.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { createFormatter, validateWorkbook } from "../../src/engine";
import { applyFixes, proposeFixes } from "../../src/engine/fixes";
import type { CellValue, WorkbookSnapshot } from "../../src/engine/types";
import { flagsFromFindings, isWorkbookError, type WorkbookGateway } from "../../src/workbook/gateway";
import { OfficeGateway } from "../../src/workbook/office/OfficeGateway";
import { PreviewGateway } from "../../src/workbook/preview/PreviewGateway";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { PROFILE_IDS } from "../excel-host";
import { loadSnapshot, useHosts } from "../excel-host/testing";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "sample-mistakes.xlsx");
const bytes = new Uint8Array(readFileSync(SAMPLE));

/** The non-empty cells of a snapshot as "sheet!row,column=value", for comparing two readings. */
function cellsOf(snapshot: WorkbookSnapshot): string[] {
  const cells: string[] = [];
  for (const sheet of snapshot.sheets) {
    sheet.values.forEach((row, r) =>
      row.forEach((value: CellValue, c) => {
        if (value === null || value === "") return;
        cells.push(`${sheet.name}!${sheet.originRow + r},${sheet.originColumn + c}=${JSON.stringify(value)}`);
      }),
    );
  }
  return cells.sort();
}

const start = useHosts();

function officeGateway(profile: (typeof PROFILE_IDS)[number]): () => Promise<WorkbookGateway> {
  return async () => {
    const host = start(profile);
    loadSnapshot(host.workbook, await readWorkbookSnapshot(bytes));
    return new OfficeGateway();
  };
}

async function previewGateway(): Promise<WorkbookGateway> {
  return PreviewGateway.open(bytes, "sample-mistakes.xlsx");
}

describe.each([
  ...PROFILE_IDS.map((profile) => [`Office.js gateway on ${profile}`, officeGateway(profile)] as const),
  ["browser-preview (.xlsx) gateway", previewGateway] as const,
])("%s", (_name, open) => {
  let expected: string[];
  beforeAll(async () => {
    expected = validateWorkbook(await readWorkbookSnapshot(bytes)).findings.map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`);
  });

  it("reads a snapshot that gives the command line's findings", async () => {
    const gateway = await open();
    const result = validateWorkbook(await gateway.readSnapshot());
    expect(result.findings.map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`)).toEqual(expected);
    const read = await gateway.readWorkbook();
    expect(validateWorkbook(read.snapshot, { waivers: read.waivers }).findings.map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`)).toEqual(expected);
  });

  it("shows and clears flags without changing a value", async () => {
    const gateway = await open();
    const before = cellsOf(await gateway.readSnapshot());
    const result = validateWorkbook(await gateway.readSnapshot());
    const format = createFormatter(result);
    await gateway.showFlags(flagsFromFindings(result.findings, (f) => format(f, "zh-TW")));
    expect(cellsOf(await gateway.readSnapshot())).toEqual(before);
    await gateway.clearFlags();
    expect(cellsOf(await gateway.readSnapshot())).toEqual(before);
  });

  it("stores waivers with the workbook and the engine reports the finding as waived", async () => {
    const gateway = await open();
    const result = validateWorkbook(await gateway.readSnapshot());
    const phd = result.findings.find((f) => f.ruleId === "BUD-PHD-PAY")!;
    const waiver = { fingerprint: phd.fingerprint, ruleId: phd.ruleId, reason: "已獲國科會同意" };
    await gateway.writeWaivers([waiver]);
    const stored = await gateway.readWaivers();
    expect(stored).toEqual([waiver]);
    const again = validateWorkbook(await gateway.readSnapshot(), { waivers: stored });
    expect(again.findings.find((f) => f.ruleId === "BUD-PHD-PAY")?.waiver?.reason).toBe("已獲國科會同意");
  });

  it("selects a cell, and says not-found for a sheet that does not exist", async () => {
    const gateway = await open();
    await expect(gateway.selectCell("經費表", "G6")).resolves.toBeUndefined();
    const failure = await gateway.selectCell("不存在", "A1").catch((error: unknown) => error);
    expect(isWorkbookError(failure) && failure.code).toBe("not-found");
  });
});

it("a waiver made in the preview travels inside the file to the command line", async () => {
  const { main } = await import("../../src/cli/main");
  const { mkdtempSync, writeFileSync } = await import("fs");
  const { tmpdir } = await import("os");
  const gateway = await PreviewGateway.open(bytes, "sample-mistakes.xlsx");
  const result = validateWorkbook(await gateway.readSnapshot());
  const phd = result.findings.find((f) => f.ruleId === "BUD-PHD-PAY")!;
  await gateway.writeWaivers([{ fingerprint: phd.fingerprint, ruleId: phd.ruleId, reason: "已獲國科會同意" }]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "alliance-waiver-")), "waived.xlsx");
  writeFileSync(file, await gateway.currentBytes());
  let stdout = "";
  await main([file, "--format", "json"], { stdout: (t) => (stdout += t), stderr: () => undefined, isTTY: false });
  const reported = JSON.parse(stdout).findings.find((f: { ruleId: string }) => f.ruleId === "BUD-PHD-PAY");
  expect(reported.waived).toEqual({ reason: "已獲國科會同意" });
});

describe.each([
  ...PROFILE_IDS.map((profile) => [`Office.js gateway on ${profile}`, officeGateway(profile)] as const),
  ["browser-preview (.xlsx) gateway", previewGateway] as const,
])("quick fixes through the %s", (_name, open) => {
  const keys = (snapshot: WorkbookSnapshot) => validateWorkbook(snapshot).findings.map((f) => `${f.ruleId} ${f.sheet}!${f.cell}`);

  it("fixes one kind at a time as 全部修正 does, each kind's findings go, and 復原 brings back exactly the findings there were", async () => {
    const gateway = await open();
    const before = keys(await gateway.readSnapshot());
    const undos = [];
    for (const rule of ["BUD-PHD-PAY", "BUD-TEMP-WAGE", "BUD-FULLTIME-PAY", "PLAN-SUBSIDY-MISMATCH"]) {
      // Fresh fixes from what the workbook holds now, as the pane computes them after each check.
      const snapshot = await gateway.readSnapshot();
      const fixes = proposeFixes(snapshot, validateWorkbook(snapshot), { rules: [rule] }).fixes;
      expect(fixes.length).toBeGreaterThan(0);
      // The in-memory Excel does not calculate: these fixes write values.
      expect(fixes.every((fix) => fix.edits.every((edit) => edit.next.formula === undefined))).toBe(true);
      const outcome = await gateway.applyEdits(applyFixes(snapshot, fixes).applied.flatMap((fix) => fix.edits));
      expect(outcome.skipped).toEqual([]);
      undos.push(outcome.undo);
      expect(keys(await gateway.readSnapshot()).filter((key) => key.startsWith(`${rule} `))).toEqual([]);
    }
    for (const undo of undos.reverse()) expect((await gateway.applyEdits(undo)).skipped).toEqual([]);
    expect(keys(await gateway.readSnapshot())).toEqual(before);
  });

  it("skips a cell changed between the preview and the apply, keeping what was typed", async () => {
    const gateway = await open();
    const snapshot = await gateway.readSnapshot();
    const fix = proposeFixes(snapshot, validateWorkbook(snapshot)).fixes.find((candidate) => candidate.ruleId === "BUD-PHD-PAY")!;
    const unitCost = fix.edits.find((edit) => edit.cell === "G6")!;
    // The person typed 15,000 into G6 after the preview: simulated as an edit of ours that expects 12,000.
    await gateway.applyEdits([{ ...unitCost, next: { value: 15000 } }]);
    const outcome = await gateway.applyEdits(fix.edits);
    expect(outcome.skipped.map((skip) => [skip.edit.cell, skip.reason, skip.found.value])).toEqual([["G6", "changed", 15000]]);
    const budget = (await gateway.readSnapshot()).sheets.find((sheet) => sheet.name === "經費表")!;
    expect(budget.values[6 - budget.originRow]![7 - budget.originColumn]).toBe(15000);
  });
});
