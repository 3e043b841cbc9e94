/**
 * Office.js round trips on the in-memory Excel under Microsoft's own client library
 * (tests/excel-host, Excel on the web's profile: 5 MB per request or response): syncs, actions
 * and payload sizes of reading the workbook, showing flags, clearing them and updating them
 * after an edit, for OfficeGateway and for the naive gateway that syncs per row and per flag.
 * Sizes are those of the library's own RichApi messages; wall times are JavaScript only (no
 * Excel, no network) and are not a target.
 */
import { createFormatter, createValidator, patchSnapshot, validateWorkbook } from "../src/engine";
import type { ValidationResult, WorkbookSnapshot } from "../src/engine/types";
import { cellMarks, isOurAnnotation, styleOfFormula } from "../src/workbook/flagMarks";
import { OfficeGateway } from "../src/workbook/office/OfficeGateway";
import * as office from "../src/workbook/office";
import { DEFAULT_MAX_PAYLOAD_BYTES } from "../src/workbook/office/readPlan";
import { type CellFlag, flagsFromFindings } from "../src/workbook/gateway";
import { ExcelHost } from "../tests/excel-host";
import { BUDGET_SHEET, generateWorkbook, type GeneratedWorkbook } from "./generate";
import { NaiveGateway, type WrittenSheet } from "./naiveGateway";
import { log } from "./results";
import { collectGarbage } from "./stats";
import { assertPlan, assertSameFindings, checkPlannedFindings } from "./verify";

/** Excel on the web refuses more than 5 MB per request or response; the gateway aims at 4 MB. */
export const HOST_LIMIT_BYTES = 5 * 1024 * 1024;
export const TARGET_LIMIT_BYTES = 4 * 1024 * 1024;

export interface RoundTrips {
  syncs: number;
  /** RichApi actions the library sent (instantiate, query, method, set property, trace). */
  apiCalls: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  totalPayloadBytes: number;
  /** Wall milliseconds on the in-memory Excel (JavaScript only). */
  fakeMs: number;
}

export interface GatewayRun {
  read: RoundTrips;
  show: Record<"1%" | "10%", RoundTrips & { flags: number; cells: number }>;
  clear: RoundTrips;
  /** Writing the findings and summary sheets (10% workbook); a note when not measured. */
  summary: (RoundTrips & { sheets: number; cells: number }) | string;
  /** Validate (read) + show flags, against the target 4 + ceil(total payload / 4 MB). */
  validateAndShow: Record<"1%" | "10%", { syncs: number; totalPayloadBytes: number; allowedSyncs: number; maxPayloadBytes: number }>;
}

export interface LiveEditRun {
  rows: number;
  edit: string;
  flagsBefore: number;
  flagsAfter: number;
  /** Marks (flagged cells) whose colour or note changed. */
  marksChanged: number;
  update: RoundTrips;
  /** For contrast: replacing every flag with showFlags, and the naive clear + show. */
  showAll: RoundTrips;
  naiveClearAndShow: RoundTrips;
}

export interface OfficeResults {
  payloadLimitBytes: number;
  gatewayMaxPayloadBytes: number;
  sizes: Array<{ rows: number; memberRows: number; incomeRows: number; cells: number; findings: Record<"1%" | "10%", number>; real: GatewayRun; naive: GatewayRun | null }>;
  live: LiveEditRun[];
  summaryWriter: string;
}

function serialOf(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

let running: ExcelHost | null = null;

/**
 * Excel on the web (5 MB per request or response) holding the generated workbook: dates as
 * serial numbers in date-formatted cells, as Excel stores them.
 */
function fakeWorkbook(generated: GeneratedWorkbook): ExcelHost {
  running?.stop();
  const host = ExcelHost.start({ profile: "web" });
  running = host;
  for (const sheet of generated.snapshot.sheets) {
    host.workbook.addSheet(sheet.name);
    const dateColumns = generated.dateColumns[sheet.name] ?? [];
    const values = sheet.values.map((row, r) =>
      row.map((value, c) => (r > 0 && dateColumns.includes(c) && typeof value === "string" ? serialOf(value) : value)),
    );
    host.workbook.setValues(sheet.name, "A1", values);
    const rows = sheet.values.length;
    for (const column of dateColumns) {
      const letter = String.fromCharCode(65 + column);
      if (rows > 1) host.workbook.setNumberFormat(sheet.name, `${letter}2:${letter}${rows}`, "yyyy-mm-dd");
    }
  }
  return host;
}

async function measure(fake: ExcelHost, work: () => Promise<unknown>): Promise<RoundTrips> {
  await fake.settle();
  fake.resetCounters();
  const started = performance.now();
  await work();
  const fakeMs = performance.now() - started;
  await fake.settle();
  const syncs = fake.syncs;
  const failed = syncs.filter((sync) => sync.failed !== undefined);
  if (failed.length > 0) throw new Error(`${failed.length} sync(s) failed: ${failed[0]!.failed}`);
  return {
    syncs: syncs.length,
    apiCalls: syncs.reduce((sum, sync) => sum + sync.actions, 0),
    maxRequestBytes: syncs.reduce((max, sync) => Math.max(max, sync.requestBytes), 0),
    maxResponseBytes: syncs.reduce((max, sync) => Math.max(max, sync.responseBytes), 0),
    totalPayloadBytes: syncs.reduce((sum, sync) => sum + sync.requestBytes + sync.responseBytes, 0),
    fakeMs,
  };
}

function flagsOf(result: ValidationResult): CellFlag[] {
  const format = createFormatter(result);
  return flagsFromFindings(result.findings, (finding) => format(finding, "zh-TW"));
}

/** What is on the grid: our notes (by sheet!cell → text) and cells under our conditional formats. */
function gridMarks(fake: ExcelHost): { notes: Map<string, string>; formattedCells: number } {
  const notes = new Map<string, string>();
  let formattedCells = 0;
  for (const sheet of fake.workbook.sheets) {
    for (const note of sheet.notes) if (isOurAnnotation(note.content)) notes.set(`${sheet.name}!${note.row}:${note.column}`, note.content);
    for (const format of sheet.conditionalFormats) {
      if (format.formula === null || styleOfFormula(format.formula) === null) continue;
      for (const area of format.areas) formattedCells += (area.bottom - area.top + 1) * (area.right - area.left + 1);
    }
  }
  return { notes, formattedCells };
}

function assertGridShows(label: string, fake: ExcelHost, flags: readonly CellFlag[]): void {
  const marks = cellMarks(flags);
  const grid = gridMarks(fake);
  const expected = new Map(marks.map((mark) => [`${mark.sheet}!${mark.row}:${mark.column}`, mark.note]));
  const same = grid.notes.size === expected.size && [...expected].every(([key, note]) => grid.notes.get(key) === note);
  if (!same || grid.formattedCells !== marks.length) {
    throw new Error(`${label}: the grid shows ${grid.notes.size} notes and ${grid.formattedCells} formatted cells for ${marks.length} flagged cells`);
  }
}

interface Gateway {
  /** The snapshot (and, for OfficeGateway, the waivers and the grid scan in the same syncs). */
  readSnapshot(): Promise<WorkbookSnapshot>;
  showFlags(flags: CellFlag[]): Promise<unknown>;
  clearFlags(): Promise<unknown>;
}

function gatewayFor(kind: "real" | "naive"): Gateway {
  if (kind === "naive") return new NaiveGateway(Excel.run);
  const gateway = new OfficeGateway(undefined, { maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES });
  // What the task pane does before showing flags: read the snapshot with the waivers and the grid.
  return {
    readSnapshot: async () => (await gateway.readWorkbook()).snapshot,
    showFlags: (flags) => gateway.showFlags(flags),
    clearFlags: () => gateway.clearFlags(),
    writeSummary: (result: ValidationResult, language: "zh-TW") => gateway.writeSummary(result, language),
  } as Gateway;
}

/**
 * OfficeGateway.writeSummary on the fake (its sheets are kept in `written` for the naive run),
 * or the naive gateway writing those same sheets. Failures are reported, not thrown: the writer
 * is new.
 */
async function measureSummary(
  kind: "real" | "naive",
  fake: ExcelHost,
  gateway: Gateway,
  result: ValidationResult,
  written: { sheets: WrittenSheet[]; cells: number } | null,
): Promise<GatewayRun["summary"]> {
  try {
    if (kind === "real") {
      const write = summaryWriterOf(gateway);
      if (!write) return "not measured: no Office.js summary writer yet";
      let sheets: string[] = [];
      const trips = await measure(fake, async () => {
        sheets = (await write(result, "zh-TW")).sheets;
      });
      const contents = sheetContents(fake, sheets);
      if (contents.sheets.length !== sheets.length || contents.cells === 0) throw new Error(`wrote ${contents.sheets.length} of ${sheets.length} sheets`);
      summaryWritten = contents;
      return { ...trips, sheets: sheets.length, cells: contents.cells };
    }
    if (!written) return "not measured (no sheets from OfficeGateway.writeSummary to copy)";
    const naive = gateway as NaiveGateway;
    const trips = await measure(fake, () => naive.writeSheets(written.sheets));
    const contents = sheetContents(fake, written.sheets.map((sheet) => sheet.name));
    if (contents.cells !== written.cells) throw new Error(`wrote ${contents.cells} of ${written.cells} cells`);
    return { ...trips, sheets: written.sheets.length, cells: contents.cells };
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** What the last OfficeGateway.writeSummary wrote, for the naive gateway to write again. */
let summaryWritten: { sheets: WrittenSheet[]; cells: number } | null = null;

async function runGateway(kind: "real" | "naive", workbooks: Record<"1%" | "10%", GeneratedWorkbook>, expected: Record<"1%" | "10%", ValidationResult>): Promise<GatewayRun> {
  const written = kind === "naive" ? summaryWritten : null;
  if (kind === "real") summaryWritten = null;
  const run: Partial<GatewayRun> = { show: {} as GatewayRun["show"], validateAndShow: {} as GatewayRun["validateAndShow"] };
  for (const rate of ["1%", "10%"] as const) {
    const fake = fakeWorkbook(workbooks[rate]);
    const gateway = gatewayFor(kind);
    let snapshot: WorkbookSnapshot | null = null;
    const read = await measure(fake, async () => {
      snapshot = await gateway.readSnapshot();
    });
    const result = validateWorkbook(snapshot!);
    assertSameFindings(`${kind} gateway read (${rate})`, expected[rate].findings, result.findings);
    if (rate === "1%") run.read = read;
    const flags = flagsOf(result);
    const show = await measure(fake, () => gateway.showFlags(flags));
    assertGridShows(`${kind} gateway show (${rate})`, fake, flags);
    run.show![rate] = { ...show, flags: flags.length, cells: cellMarks(flags).length };
    const totalPayloadBytes = read.totalPayloadBytes + show.totalPayloadBytes;
    run.validateAndShow![rate] = {
      syncs: read.syncs + show.syncs,
      totalPayloadBytes,
      allowedSyncs: 4 + Math.ceil(totalPayloadBytes / TARGET_LIMIT_BYTES),
      maxPayloadBytes: Math.max(read.maxRequestBytes, read.maxResponseBytes, show.maxRequestBytes, show.maxResponseBytes),
    };
    if (rate === "10%") {
      run.clear = await measure(fake, () => gateway.clearFlags());
      assertGridShows(`${kind} gateway clear`, fake, []);
      run.summary = await measureSummary(kind, fake, gateway, result, written);
    }
    snapshot = null;
    collectGarbage();
  }
  return run as GatewayRun;
}

/**
 * A one-cell edit after a full validation: an amount changed on a clean budget line, which
 * adds an arithmetic finding, breaks its section's subtotal and changes the cap's message.
 */
async function liveEdit(rows: number): Promise<LiveEditRun> {
  const generated = generateWorkbook({ budgetRows: rows, violationRate: 0.01 });
  const fake = fakeWorkbook(generated);
  const gateway = new OfficeGateway(undefined, { maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES });
  const validate = createValidator();
  const snapshot = (await gateway.readWorkbook()).snapshot;
  const before = flagsOf(validate(snapshot));
  await gateway.showFlags(before);
  // A clean line in the middle of the sheet: the planned violations are elsewhere.
  const planned = new Set(generated.violations.filter((v) => v.sheet === BUDGET_SHEET).map((v) => v.row));
  const budget = snapshot.sheets.find((sheet) => sheet.name === BUDGET_SHEET)!;
  let row = Math.floor(budget.values.length / 2);
  while (planned.has(row) || typeof budget.values[row - 1]?.[9] !== "number" || budget.values[row - 1]?.[0] === null) row += 1;
  const amount = budget.values[row - 1]![9] as number;
  const edit = { sheet: BUDGET_SHEET, address: `J${row}`, values: [[amount + 5_000]] };
  fake.workbook.setValues(BUDGET_SHEET, edit.address, edit.values);
  const patched = patchSnapshot(snapshot, edit);
  const result = validate(patched);
  assertSameFindings("incremental validation after the edit", validateWorkbook(patched).findings, result.findings);
  const after = flagsOf(result);
  const update = await measure(fake, () => gateway.updateFlags(before, after));
  assertGridShows("updateFlags", fake, after);
  const beforeMarks = new Map(cellMarks(before).map((mark) => [`${mark.sheet}!${mark.cell}`, `${mark.style}|${mark.note}`]));
  const afterMarks = new Map(cellMarks(after).map((mark) => [`${mark.sheet}!${mark.cell}`, `${mark.style}|${mark.note}`]));
  let marksChanged = 0;
  for (const key of new Set([...beforeMarks.keys(), ...afterMarks.keys()])) if (beforeMarks.get(key) !== afterMarks.get(key)) marksChanged += 1;
  const showAll = await measure(fake, () => gateway.showFlags(after));
  assertGridShows("showFlags after the edit", fake, after);
  const naive = new NaiveGateway(Excel.run);
  const naiveClearAndShow = await measure(fake, () => naive.showFlags(after));
  assertGridShows("naive show after the edit", fake, after);
  return {
    rows,
    edit: `${BUDGET_SHEET}!${edit.address}: ${amount} → ${amount + 5_000}`,
    flagsBefore: before.length,
    flagsAfter: after.length,
    marksChanged,
    update,
    showAll,
    naiveClearAndShow,
  };
}

type SummaryWriter = (result: ValidationResult, language: "zh-TW") => Promise<{ sheets: string[] }>;

/** OfficeGateway.writeSummary when it exists (it is looked up, so the bench builds without it). */
function summaryWriterOf(gateway: Gateway): SummaryWriter | null {
  const method = (gateway as unknown as { writeSummary?: SummaryWriter }).writeSummary;
  return typeof method === "function" ? method : null;
}

function summaryWriterStatus(): string {
  if (typeof (OfficeGateway.prototype as unknown as { writeSummary?: unknown }).writeSummary === "function") {
    return "OfficeGateway.writeSummary (檢核結果 and 營運摘要 sheets, after its own re-read of the workbook); the naive baseline writes the same values and formulas with one sync per sheet and per row (no formats, names or charts)";
  }
  const exported = Object.keys(office).filter((name) => /summary/i.test(name));
  if (exported.length === 0) return "not measured: no Office.js summary writer yet";
  return `not measured: a summary writer appeared (${exported.join(", ")}); add it to bench/officeBench.ts`;
}

/** The cells of sheets on the grid, row by row (formulas as their text). */
function sheetContents(fake: ExcelHost, names: readonly string[]): { sheets: WrittenSheet[]; cells: number } {
  let cells = 0;
  const sheets = names.flatMap((name): WrittenSheet[] => {
    const sheet = fake.workbook.findSheet(name);
    if (!sheet) return [];
    const byRow = new Map<number, Map<number, string | number | boolean>>();
    for (const [key, cell] of sheet.cells) {
      const [row, column] = key.split(":").map(Number) as [number, number];
      const content = cell.formula ?? (cell.value === null ? null : typeof cell.value === "object" ? cell.value.error : cell.value);
      if (content === null) continue;
      cells += 1;
      const line = byRow.get(row) ?? new Map<number, string | number | boolean>();
      line.set(column, content);
      byRow.set(row, line);
    }
    const rows = [...byRow.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([row, line]) => {
        let left = Infinity;
        let right = -Infinity;
        for (const column of line.keys()) {
          left = Math.min(left, column);
          right = Math.max(right, column);
        }
        return { row, left, cells: Array.from({ length: right - left + 1 }, (_, i) => line.get(left + i) ?? "") };
      });
    return [{ name, rows }];
  });
  return { sheets, cells };
}

export async function officeBench(sizes: readonly number[], naiveUpTo: number, liveSizes: readonly number[]): Promise<OfficeResults> {
  const results: OfficeResults = {
    payloadLimitBytes: HOST_LIMIT_BYTES,
    gatewayMaxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
    sizes: [],
    live: [],
    summaryWriter: summaryWriterStatus(),
  };
  for (const rows of sizes) {
    const workbooks = {
      "1%": generateWorkbook({ budgetRows: rows, violationRate: 0.01 }),
      "10%": generateWorkbook({ budgetRows: rows, violationRate: 0.1 }),
    };
    const expected = { "1%": validateWorkbook(workbooks["1%"].snapshot), "10%": validateWorkbook(workbooks["10%"].snapshot) };
    for (const rate of ["1%", "10%"] as const) assertPlan(`${rows} rows ${rate}`, checkPlannedFindings(workbooks[rate], expected[rate]));
    log(`office: ${rows} rows, OfficeGateway`);
    const real = await runGateway("real", workbooks, expected);
    collectGarbage();
    let naive: GatewayRun | null = null;
    if (rows <= naiveUpTo) {
      log(`office: ${rows} rows, naive gateway`);
      naive = await runGateway("naive", workbooks, expected);
      collectGarbage();
    }
    results.sizes.push({
      rows,
      memberRows: workbooks["1%"].memberRows,
      incomeRows: workbooks["1%"].incomeRows,
      cells: workbooks["1%"].cells,
      findings: { "1%": expected["1%"].findings.length, "10%": expected["10%"].findings.length },
      real,
      naive,
    });
  }
  for (const rows of liveSizes) {
    log(`office: live edit on ${rows} rows`);
    results.live.push(await liveEdit(rows));
    collectGarbage();
  }
  running?.stop();
  running = null;
  return results;
}
