/** Test doubles for the task pane: an in-memory gateway, a host, and a render helper. */
import { render, type RenderResult } from "@testing-library/react";
import { readFileSync } from "fs";
import { join } from "path";
import type { ReactElement } from "react";
import type { CellEdit, CellValue, Language, Waiver, WorkbookSnapshot } from "../../engine/types";
import { editSnapshot } from "../../workbook/cellEdits";
import type { CellFlag, EditOutcome, FlagReport, ProgressListener, WorkbookGateway, WorkbookRead } from "../../workbook/gateway";
import { readWorkbookSnapshotSync } from "../../workbook/xlsx/read";
import { AppRoot } from "../components/AppRoot/AppRoot";
import { HostProvider, type SavedFile, type TaskPaneHost } from "../host";
import type { SettingsStorage } from "../settings";

export const SAMPLES_DIR = join(__dirname, "..", "..", "..", "samples");

export function sampleBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES_DIR, name)));
}

export function sampleSnapshot(name = "sample-mistakes.xlsx"): WorkbookSnapshot {
  return readWorkbookSnapshotSync(sampleBytes(name));
}

/** A workbook of a plan sheet and a budget whose every amount is text: one finding per row. */
export function manyFindingsSnapshot(rows: number): WorkbookSnapshot {
  const budget: CellValue[][] = [["科目", "項目", "人員類別", "金額", "經費來源"]];
  for (let row = 0; row < rows; row += 1) budget.push(["業務費", `項目 ${row + 1}`, null, "abc", "補助款"]);
  return {
    sheets: [
      {
        name: "計畫資訊",
        originRow: 1,
        originColumn: 1,
        values: [
          ["計畫名稱", "測試聯盟"],
          ["計畫年度", 115],
          ["計畫期別", 1],
          ["期別年次", 1],
          ["申請補助款", 1000000],
        ],
      },
      { name: "經費表", originRow: 1, originColumn: 1, values: budget },
    ],
  };
}

export interface GatewayCalls {
  showFlags: CellFlag[][];
  clearFlags: number;
  selectCell: Array<{ sheet: string; cell: string }>;
  writeWaivers: Waiver[][];
  applyEdits?: CellEdit[][];
}

/** A workbook in memory that records what the pane asked of it. */
export class FakeGateway implements WorkbookGateway {
  snapshot: WorkbookSnapshot;
  waivers: Waiver[];
  failRead: unknown = undefined;
  failSelect: unknown = undefined;
  readonly calls: GatewayCalls = { showFlags: [], clearFlags: 0, selectCell: [], writeWaivers: [] };

  constructor(snapshot: WorkbookSnapshot = sampleSnapshot(), waivers: Waiver[] = []) {
    this.snapshot = snapshot;
    this.waivers = waivers;
  }

  async readSnapshot(onProgress?: ProgressListener): Promise<WorkbookSnapshot> {
    if (this.failRead !== undefined) throw this.failRead;
    onProgress?.({ stage: "read", fraction: 1 });
    return this.snapshot;
  }

  async readWorkbook(onProgress?: ProgressListener): Promise<WorkbookRead> {
    return { snapshot: await this.readSnapshot(onProgress), waivers: await this.readWaivers() };
  }

  async showFlags(flags: CellFlag[]): Promise<FlagReport> {
    this.calls.showFlags.push(flags);
    return { flagged: flags.length, skipped: [] };
  }

  async clearFlags(): Promise<FlagReport> {
    this.calls.clearFlags += 1;
    return { flagged: 0, skipped: [] };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    if (this.failSelect !== undefined) throw this.failSelect;
    this.calls.selectCell.push({ sheet, cell });
  }

  async readWaivers(): Promise<Waiver[]> {
    return [...this.waivers];
  }

  async writeWaivers(waivers: Waiver[]): Promise<void> {
    this.calls.writeWaivers.push(waivers);
    this.waivers = [...waivers];
  }

  /** Edits the snapshot as the preview does (only cells that hold what the edit expects). */
  async applyEdits(edits: CellEdit[]): Promise<EditOutcome> {
    (this.calls.applyEdits ??= []).push(edits);
    const { outcome, snapshot } = editSnapshot(this.snapshot, edits);
    this.snapshot = snapshot;
    return outcome;
  }
}

export function memoryStorage(initial: Record<string, string> = {}): SettingsStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

export function fakeHost(gateway: WorkbookGateway, overrides: Partial<TaskPaneHost> = {}): TaskPaneHost & { saved: SavedFile[] } {
  const saved: SavedFile[] = [];
  const host: TaskPaneHost & { saved: SavedFile[] } = {
    kind: "preview",
    gateway,
    documentName: "plan.xlsx",
    saveFile: (file) => saved.push(file),
    openWorkbook: async ({ name, bytes }) => {
      saved.push({ name, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data: bytes });
      return "downloaded";
    },
    saved,
  };
  return Object.assign(host, overrides);
}

export interface RenderOptions {
  host?: TaskPaneHost;
  language?: Language;
  storage?: SettingsStorage;
}

/** Renders `ui(settings)` inside the pane's providers. */
export function renderInPane(
  ui: (settings: import("../hooks/useSettings").Settings) => ReactElement,
  { host = fakeHost(new FakeGateway()), language = "zh-TW", storage = memoryStorage() }: RenderOptions = {},
): RenderResult {
  return render(
    <AppRoot storage={storage} fallbackLanguage={language}>
      {(settings) => <HostProvider value={host}>{ui(settings)}</HostProvider>}
    </AppRoot>,
  );
}
