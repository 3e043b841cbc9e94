/** @jest-environment jsdom */
/**
 * Every flow of the task pane, on every host profile, through Microsoft's own Excel client
 * library: the pane (AddinApp with the Excel host, as index.tsx builds it) is rendered and used
 * as a person would, and each flow's effect is checked on the in-memory Excel. A flow a profile
 * can only do in part says so to the person (the message is recorded for the table that
 * `npm run test:excel` prints); nothing is ever half-written.
 */
import "../../src/taskpane/test/setup";
// ExcelJS's zip library installs a setImmediate polyfill the first time it loads; the host's
// unload() removes every global that appeared while a library was loaded, so it is loaded first.
import "exceljs";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import type { ExcelHost, ProfileId } from "../excel-host";
import { PROFILE_IDS, PROFILES } from "../excel-host";
import { budgetRow } from "../excel-host/fixtures";
import { loadSnapshot, useHosts } from "../excel-host/testing";
import { validateWorkbook } from "../../src/engine/validate";
import type { WorkbookSnapshot } from "../../src/engine/types";
import { AddinApp } from "../../src/taskpane/components/AddinApp/AddinApp";
import { createExcelHost } from "../../src/taskpane/excelHost";
import type { SavedFile, TaskPaneHost } from "../../src/taskpane/host";
import { PERSON_KEY, SETTINGS_KEY } from "../../src/taskpane/settings";
import { memoryStorage } from "../../src/taskpane/test/fakes";
import { readWorkbookSnapshot, readWorkbookSnapshotSync } from "../../src/workbook/xlsx/read";
import { ANNOTATION_MARKER, styleOfFormula } from "../../src/workbook/flagMarks";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "sample-mistakes.xlsx");
const RESULTS = path.join(__dirname, "..", "..", "test-output", "excel-flows.json");

type Role = "pi" | "finance" | "reviewer";

interface FlowResult {
  profile: ProfileId;
  flow: string;
  /** "pass": done in full; "partial": done, and the person is told what this Excel cannot do. */
  status: "pass" | "partial";
  /** What the person is told, when the profile does part of the flow. */
  message?: string;
}

const results: FlowResult[] = [];
afterAll(() => {
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  const previous: FlowResult[] = (() => {
    try {
      return JSON.parse(readFileSync(RESULTS, "utf8")) as FlowResult[];
    } catch {
      return [];
    }
  })();
  const keys = new Set(results.map((r) => `${r.profile}|${r.flow}`));
  writeFileSync(RESULTS, JSON.stringify([...previous.filter((r) => !keys.has(`${r.profile}|${r.flow}`)), ...results], null, 2));
});

const start = useHosts();
const snapshot: WorkbookSnapshot = readWorkbookSnapshotSync(new Uint8Array(readFileSync(SAMPLE)));
const expected = validateWorkbook(snapshot);
const expectedKeys = expected.findings.map((f) => `${f.ruleId}|${f.sheet}|${f.cell}`).sort();

interface Pane {
  host: ExcelHost;
  excelHost: TaskPaneHost;
  saved: SavedFile[];
}

function open(profile: ProfileId, role: Role, options: { empty?: boolean; language?: "zh-TW" | "en"; person?: string } = {}): Pane {
  const host = start(profile, { displayLanguage: options.language === "en" ? "en-US" : "zh-TW" });
  if (options.empty) host.workbook.addSheet("Sheet1");
  else loadSnapshot(host.workbook, snapshot);
  const saved: SavedFile[] = [];
  const excelHost = createExcelHost({
    documentName: "plan.xlsx",
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    platform: String(Office.context.platform),
  });
  excelHost.saveFile = (file) => saved.push(file);
  render(
    <AddinApp
      host={excelHost}
      storage={memoryStorage({
        [SETTINGS_KEY]: JSON.stringify({ role, language: options.language ?? "zh-TW" }),
        ...(options.person !== undefined ? { [PERSON_KEY]: JSON.stringify({ name: options.person }) } : {}),
      })}
      fallbackLanguage="zh-TW"
    />
  );
  return { host, excelHost, saved };
}

function listedFindings(): string[] {
  return [...document.querySelectorAll<HTMLElement>("li[data-rule]")].map((item) => `${item.dataset.rule}|${item.dataset.sheet}|${item.dataset.cell}`).sort();
}

async function validated(): Promise<void> {
  await screen.findByTestId("findings", {}, { timeout: 20_000 });
}

async function validate(): Promise<void> {
  fireEvent.click(screen.getByTestId("validate"));
  await validated();
}

function ourFormats(host: ExcelHost): number {
  return host.workbook.sheets.reduce((sum, sheet) => sum + sheet.conditionalFormats.filter((cf) => cf.formula !== null && styleOfFormula(cf.formula) !== null).length, 0);
}

function ourAnnotations(host: ExcelHost): number {
  const notes = host.workbook.sheets.reduce((sum, sheet) => sum + sheet.notes.filter((note) => note.content.startsWith(ANNOTATION_MARKER)).length, 0);
  return notes + host.workbook.comments.filter((comment) => comment.content.startsWith(ANNOTATION_MARKER)).length;
}

function record(profile: ProfileId, flow: string, message?: string): void {
  results.push({ profile, flow, status: message ? "partial" : "pass", ...(message ? { message } : {}) });
}

async function notice(): Promise<string> {
  return (await screen.findByTestId("notice", {}, { timeout: 20_000 })).textContent ?? "";
}

describe.each(PROFILE_IDS)("%s", (profile) => {
  const api = PROFILES[profile].excelApi;
  const annotation = api >= 18 ? "notes" : api >= 10 ? "comments" : "none";
  const liveWrites = api >= 20;

  it("open: the PI's pane validates by itself, flags the cells and finds what the command line finds", async () => {
    const { host } = open(profile, "pi");
    await validated();
    expect(listedFindings()).toEqual(expectedKeys);
    await waitFor(() => expect(ourFormats(host)).toBeGreaterThan(0));
    // Validate and show flags (read 3, flags 1), and starting live validation (1).
    await host.settle();
    expect(host.syncs.length).toBeLessThanOrEqual(6);
    record(profile, "open");
  });

  it("validate: a reviewer's validation reads and lists, and writes nothing", async () => {
    const { host } = open(profile, "reviewer");
    const before = host.workbook.snapshotCells();
    await validate();
    expect(listedFindings()).toEqual(expectedKeys);
    await host.settle();
    expect(host.syncs.some((sync) => sync.wrote)).toBe(false);
    expect(host.workbook.snapshotCells()).toEqual(before);
    expect(host.workbook.xmlParts).toEqual([]);
    record(profile, "validate");
    record(profile, "reviewer role");
  });

  it("show and clear flags: colours, messages where the host has notes or comments, and back to before", async () => {
    const { host } = open(profile, "reviewer");
    const before = host.workbook.snapshotCells();
    await validate();
    // The reviewer's one click: 「在活頁簿中標示」.
    fireEvent.click(screen.getByTestId("reviewer-flags"));
    const shown = await notice();
    expect(shown).toContain("已標示");
    // Validate and show flags: within the budget of five syncs.
    expect(host.syncs.length).toBeLessThanOrEqual(5);
    expect(ourFormats(host)).toBeGreaterThan(0);
    expect(ourAnnotations(host) > 0).toBe(annotation !== "none");
    fireEvent.click(screen.getByText("清除標示"));
    await waitFor(() => expect(screen.getByTestId("notice")).toHaveTextContent("已清除所有標示"));
    await host.settle();
    expect(host.workbook.snapshotCells()).toEqual(before);
    if (annotation === "none") expect(shown).toContain("只以顏色標示");
    record(profile, "show flags", annotation === "none" ? shown : undefined);
    record(profile, "clear flags");
  });

  it("live edit: a fix typed into the budget updates the findings (and the flags where Excel keeps the undo stack)", async () => {
    const { host } = open(profile, "pi");
    await validated();
    await host.settle();
    const before = listedFindings();
    const phd = expected.findings.find((f) => f.ruleId === "BUD-PHD-PAY")!;
    const stylesBefore = host.workbook.conditionalFormatsAt(phd.sheet, phd.cell).length;
    host.undoStack.length = 0;
    host.user.edit(phd.sheet, phd.cell, [[16000]]);
    const key = `BUD-PHD-PAY|${phd.sheet}|${phd.cell}`;
    expect(before).toContain(key);
    await waitFor(() => expect(listedFindings()).not.toContain(key), { timeout: 20_000 });
    await host.settle();
    if (liveWrites) {
      await waitFor(() => expect(host.workbook.conditionalFormatsAt(phd.sheet, phd.cell).length).toBeLessThan(stylesBefore), { timeout: 20_000 });
      record(profile, "live edit");
    } else {
      // Nothing written: the edit is still the person's to undo.
      expect(host.undoStack).toEqual([`edit ${phd.sheet}!${phd.cell}`]);
      expect(host.workbook.conditionalFormatsAt(phd.sheet, phd.cell).length).toBe(stylesBefore);
      const hint = screen.getByTestId("live-list-only").textContent ?? "";
      expect(hint).toContain("復原記錄");
      record(profile, "live edit", hint);
    }
  });

  it("paste of 10,000 rows: one re-validation, bounded syncs, the pane keeps up", async () => {
    const { host } = open(profile, "pi");
    await validated();
    await host.settle();
    host.resetCounters();
    const rows = Array.from({ length: 10_000 }, (_, i) => budgetRow(i).slice(0, 11));
    host.user.edit("經費表", "A200", rows);
    await waitFor(() => expect(screen.getByTestId("count-error")).not.toHaveTextContent(/^17$/), { timeout: 60_000 });
    await waitFor(() => expect(screen.queryByText("重新檢核中…")).toBeNull(), { timeout: 60_000 });
    await host.settle();
    const syncs = host.syncs.length;
    expect(syncs).toBeLessThanOrEqual(12);
    expect(host.syncs.every((sync) => sync.failed === undefined)).toBe(true);
    record(profile, "paste 10,000 rows", liveWrites ? undefined : (screen.getByTestId("live-list-only").textContent ?? ""));
  }, 120_000);

  it("exception note: the reason and the person's name are stored in the workbook's custom XML part and the finding shows as explained", async () => {
    const user = userEvent.setup();
    const { host } = open(profile, "pi");
    await validated();
    const item = document.querySelector<HTMLElement>('li[data-rule="BUD-FOREIGN-TRAVEL"]')!;
    await user.click(within(item).getByTestId("finding-toggle"));
    await user.type(within(item).getByTestId("waiver-name"), "王小明");
    await user.type(within(item).getByTestId("waiver-reason"), "參展為推廣聯盟服務所需");
    await user.click(within(item).getByTestId("waiver-submit"));
    await waitFor(() => expect(within(screen.getByTestId("count-waived")).getByText("1")).toBeInTheDocument(), { timeout: 20_000 });
    await host.settle();
    expect(host.workbook.xmlParts).toHaveLength(1);
    expect(host.workbook.xmlParts[0]!.xml).toContain("參展為推廣聯盟服務所需");
    expect(host.workbook.xmlParts[0]!.xml).toContain("王小明");
    record(profile, "waive");
  });

  it("export: a file where the pane can download, the text to copy where it cannot (Office on Mac)", async () => {
    const user = userEvent.setup();
    const { saved } = open(profile, "reviewer");
    await validate();
    await user.click(screen.getByTestId("export"));
    await user.click(await screen.findByText("JSON"));
    if (PROFILES[profile].downloads) {
      await waitFor(() => expect(saved.map((file) => file.name)).toEqual(["plan-findings.json"]));
      record(profile, "export");
    } else {
      const text = await screen.findByTestId("export-text");
      expect(JSON.parse((text as HTMLTextAreaElement).value).findings).toHaveLength(expected.findings.length);
      expect(saved).toEqual([]);
      const message = await notice();
      expect(message).toContain("請複製後另存新檔");
      record(profile, "export", message);
    }
  });

  it("summary: 檢核結果 and 營運摘要 written into the workbook", async () => {
    const { host } = open(profile, "reviewer", { person: "林雅婷" });
    await validate();
    fireEvent.click(screen.getByText("產生營運摘要"));
    expect(await notice()).toContain("已產生");
    const findings = host.workbook.findSheet("檢核結果");
    expect(findings).toBeDefined();
    expect(host.workbook.findSheet("營運摘要")).toBeDefined();
    // The title block names the workbook and the person's remembered name as who checked.
    expect(host.workbook.cellAt(findings!, 3, 6)?.value).toBe("檔案：plan.xlsx");
    expect(host.workbook.cellAt(findings!, 5, 1)?.value).toBe("檢核人：林雅婷");
    record(profile, "summary");
  });

  it("round overview: a reviewer's round checked in the pane, the overview opened as a new workbook, nothing written to the open one", async () => {
    const { host } = open(profile, "reviewer");
    const before = host.workbook.snapshotCells();
    const sheetsBefore = host.workbook.sheets.map((sheet) => sheet.name);
    const undoBefore = [...host.undoStack];
    fireEvent.click(screen.getByTestId("tab-round"));
    const files = ["sample-mistakes.xlsx", "sample-clean.xlsx", "sample-english.xlsx"].map(
      (name) => new File([new Uint8Array(readFileSync(path.join(path.dirname(SAMPLE), name)))], name)
    );
    fireEvent.change(await screen.findByTestId("round-files", {}, { timeout: 20_000 }), { target: { files } });
    await screen.findByTestId("round-table", {}, { timeout: 30_000 });
    expect(screen.getAllByTestId("round-row")).toHaveLength(3);
    fireEvent.click(screen.getByTestId("round-overview"));
    const said = await notice();
    await host.settle();
    expect(said).toContain("已在新活頁簿開啟審查總表");
    expect(host.createdWorkbooks).toHaveLength(1);
    const opened = await readWorkbookSnapshot(new Uint8Array(Buffer.from(host.createdWorkbooks[0]!, "base64")));
    expect(opened.sheets.map((sheet) => sheet.name)).toEqual(["審查總表", "規則統計", "跨年比對", "收支圖"]);
    expect(opened.sheets[0]!.values.slice(1).map((row) => row[0])).toEqual(["sample-mistakes.xlsx", "sample-english.xlsx", "sample-clean.xlsx"]);
    // The open workbook: not one write, the same sheets and cells, the person's undo stack untouched.
    expect(host.syncs.some((sync) => sync.wrote)).toBe(false);
    expect(host.workbook.sheets.map((sheet) => sheet.name)).toEqual(sheetsBefore);
    expect(host.workbook.snapshotCells()).toEqual(before);
    expect(host.workbook.xmlParts).toEqual([]);
    expect(host.undoStack).toEqual(undoBefore);
    record(profile, "round overview (new workbook)");
  }, 60_000);

  it("template insert: the input sheets added to an empty workbook, with dropdowns", async () => {
    const { host } = open(profile, "pi", { empty: true });
    fireEvent.click(await screen.findByTestId("empty-template"));
    const inserted = await notice();
    expect(inserted).toContain("已插入範本");
    for (const sheet of ["計畫資訊", "經費表", "會員名單", "營運收入"]) expect(host.workbook.findSheet(sheet)).toBeDefined();
    expect(host.workbook.sheets.some((sheet) => sheet.features.validations.length > 0)).toBe(true);
    if (api < 18) expect(inserted).toContain("填寫說明");
    record(profile, "template", api >= 18 ? undefined : inserted);
  });
});
