/**
 * The workbook open in Excel, through Office.js. Every call runs in one `Excel.run` with a
 * bounded number of `context.sync()` calls, independent of the number of rows or flags (more
 * syncs only when a request or answer would exceed the payload limit). Requirement sets are in
 * docs/excel-api.md; the manifest requires ExcelApi 1.9.
 */
import { sheetReference, toA1 } from "../../engine/address";
import type { CellValue, SheetSnapshot, Waiver, WorkbookSnapshot } from "../../engine/types";
import {
  type CellFlag,
  type ProgressListener,
  type WorkbookErrorCode,
  type WorkbookGateway,
  isWorkbookError,
  WorkbookError,
} from "../gateway";
import { boundsAddress, cellAreas, joinAreas, parseRangeAddress, type RangeBounds } from "../addresses";
import {
  type CellMark,
  cellMarks,
  diffMarks,
  FLAG_FORMATS,
  type FlagStyle,
  isOurAnnotation,
  markerFormula,
  markKey,
  sheetKey,
  styleKey,
  styleOfFormula,
} from "../flagMarks";
import { isPayloadLimitError, officeErrorCode, toWorkbookError } from "./officeErrors";
import type { Language, ValidationResult } from "../../engine/types";
import { findSheet } from "../../engine/read/tables";
import {
  BUDGET_SHEET,
  GENERATED_SHEETS,
  INCOME_SHEET,
  MEMBERS_SHEET,
  PLAN_SHEET,
  SUBSIDY_HISTORY_SHEET,
} from "../../engine/contract";
import {
  describeSummaryInputs,
  findingsSheetLayout,
  planGeneratedSheetNames,
  summaryLayouts,
  templateLayouts,
} from "../../layouts";
import type { SheetLayout } from "../../layouts";
import { readWorkbookNames, writeLayouts } from "./layoutWriter";

const LISTS_SHEET_NAMES = { "zh-TW": "選項清單", en: "Lists" };

/** Whether the workbook already has the template sheet `layout` (either language, or an alias). */
function templateSheetPresent(snapshot: WorkbookSnapshot, layout: SheetLayout): boolean {
  const contract: Partial<Record<SheetLayout["kind"], { name: { "zh-TW": string; en: string }; aliases?: string[] }>> =
    {
      plan: PLAN_SHEET,
      budget: BUDGET_SHEET,
      members: MEMBERS_SHEET,
      income: INCOME_SHEET,
      subsidyHistory: SUBSIDY_HISTORY_SHEET,
      instructions: { name: GENERATED_SHEETS.instructions },
      lists: { name: LISTS_SHEET_NAMES },
    };
  const entry = contract[layout.kind];
  if (!entry) return snapshot.sheets.some((sheet) => sheet.name.toLowerCase() === layout.name.toLowerCase());
  return (
    findSheet(snapshot, entry.name, entry.aliases ?? []) !== null ||
    snapshot.sheets.some((sheet) => sheet.name.toLowerCase() === layout.name.toLowerCase())
  );
}
import {
  afterBatch,
  DEFAULT_MAX_PAYLOAD_BYTES,
  INITIAL_BYTES_PER_CELL,
  nextBatch,
  type PendingBlock,
} from "./readPlan";
import {
  mergeWaivers,
  WAIVER_NAMESPACE,
  waiversFromJson,
  waiversFromXml,
  waiversToJson,
  waiversToXml,
} from "../waiverXml";

export type ExcelRun = typeof Excel.run;

/** `Office.context.requirements.isSetSupported`, injectable for tests. */
export type RequirementCheck = (name: string, minVersion: string) => boolean;

export interface OfficeGatewayOptions {
  /** Ceiling for one request or one answer (default 4 MB; Excel on the web rejects more than 5 MB). */
  maxPayloadBytes?: number;
  isSetSupported?: RequirementCheck;
}

/** Workbook setting recording the conditional formats and annotations we added (bookkeeping). */
export const FLAG_STATE_SETTING = "alliance-check.flags";
/** Where waivers go when custom XML parts are unavailable. */
export const WAIVER_SETTING = "alliance-check.waivers";

/** How messages are attached to flagged cells. */
export type AnnotationKind = "notes" | "comments" | "none";

/** What `FLAG_STATE_SETTING` holds. */
export interface FlagState {
  version: 1;
  annotations: AnnotationKind;
  sheets: Record<string, { formats: Partial<Record<FlagStyle, string[]>>; annotated: string[] }>;
}

/**
 * Request-size estimate per queued Office.js action (object path, method name, ids), on top of
 * the text it carries. Generous on purpose: it only decides when to sync early.
 */
const ACTION_OVERHEAD_BYTES = 256;

/** Halving the chunk size this many times without success means one row cannot be read. */
const MAX_READ_RETRIES = 6;

const encoder = new TextEncoder();

function utf8Bytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : encoder.encode(json).length;
}

export class OfficeGateway implements WorkbookGateway {
  private readonly injectedRun: ExcelRun | undefined;
  private readonly requirementCheck: RequirementCheck | undefined;
  private readonly maxPayloadBytes: number;

  /** `run` defaults to `Excel.run` (looked up when used, so constructing needs no Office). */
  constructor(run?: ExcelRun, options: OfficeGatewayOptions = {}) {
    this.injectedRun = run;
    this.requirementCheck = options.isSetSupported;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  }

  /** Whether the host supports ExcelApi `version` (e.g. "1.18"). */
  supports(version: string): boolean {
    const check =
      this.requirementCheck ??
      ((name: string, minVersion: string) => Office.context.requirements.isSetSupported(name, minVersion));
    return check("ExcelApi", version);
  }

  /** Notes [ExcelApi 1.18], else threaded comments [1.10], else none (the task pane lists messages). */
  annotationKind(): AnnotationKind {
    if (this.supports("1.18")) return "notes";
    if (this.supports("1.10")) return "comments";
    return "none";
  }

  async readSnapshot(onProgress?: ProgressListener): Promise<WorkbookSnapshot> {
    return this.batch("Reading the workbook", "corrupt", async (context) => {
      const sheets = await loadSheets(context);
      const extents = await loadUsedRanges(context, sheets);
      const grids = await readValues(context, sheets, extents, this.maxPayloadBytes, onProgress);
      const snapshots = sheets.map((sheet, index): SheetSnapshot => {
        const extent = extents[index] ?? null;
        return {
          name: sheet.name,
          originRow: extent?.top ?? 1,
          originColumn: extent?.left ?? 1,
          values: grids[index] ?? [],
          ...(sheet.visibility === "Visible" ? {} : { hidden: true }),
        };
      });
      return { sheets: snapshots };
    });
  }

  async showFlags(flags: CellFlag[], onProgress?: ProgressListener): Promise<void> {
    const next = cellMarks(flags);
    await this.writeMarks("Showing flags", { next, styles: null, cells: null }, onProgress);
  }

  /**
   * Changes the flags shown from `previous` to `next`, touching only what differs: the
   * conditional formats of the (sheet, severity) pairs whose cells changed, and the notes of
   * the cells whose messages changed. `previous` must be what is on the grid now.
   */
  async updateFlags(
    previous: readonly CellFlag[],
    next: readonly CellFlag[],
    onProgress?: ProgressListener
  ): Promise<void> {
    const after = cellMarks(next);
    const changes = diffMarks(cellMarks(previous), after);
    if (changes.styles.size === 0 && changes.cells.size === 0) return;
    await this.writeMarks("Updating flags", { next: after, styles: changes.styles, cells: changes.cells }, onProgress);
  }

  async clearFlags(): Promise<void> {
    await this.writeMarks("Clearing flags", { next: [], styles: null, cells: null });
  }

  /**
   * applyMarks in one Excel.run. Excel keeps the actions of a batch that fails half-way (it
   * has no transactions), so a failure after the first write went out is followed by a second
   * run that removes every flag of ours: the workbook is left with no flags rather than a mix,
   * and the error says which. The cells' own values, formats, notes and comments are never
   * written, so they are as before in every case.
   */
  private async writeMarks(operation: string, request: MarkRequest, onProgress?: ProgressListener): Promise<void> {
    const progress: WriteProgress = { writeSyncs: 0 };
    try {
      await this.batch(operation, "write-failed", (context) =>
        applyMarks(context, request, { ...this.markOptions(onProgress), progress })
      );
      return;
    } catch (error) {
      if (progress.writeSyncs === 0) throw withOutcome(error, "Nothing in the workbook was changed.");
      let cleanup: unknown = null;
      try {
        await this.batch(`${operation}: removing the flags written before the failure`, "write-failed", (context) =>
          applyMarks(context, { next: [], styles: null, cells: null }, this.markOptions())
        );
      } catch (cleanupError) {
        cleanup = cleanupError ?? "failed";
      }
      // Clearing that the second run finished is a clearing that succeeded.
      if (cleanup === null && request.next.length === 0) return;
      throw withOutcome(
        error,
        cleanup === null
          ? `The flags written before the failure were removed: no flags are shown. ${CELLS_UNCHANGED}`
          : `Some flags may be shown, and removing them failed too (${reasonOf(cleanup)}); Clear flags removes them. ${CELLS_UNCHANGED}`
      );
    }
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.batch(`Selecting ${sheetReference(sheet, cell)}`, "not-found", async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(cell).select();
      await context.sync();
    });
  }

  async readWaivers(): Promise<Waiver[]> {
    const useXml = this.supports("1.5");
    return this.batch("Reading waivers", "corrupt", async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(WAIVER_SETTING);
      setting.load("value");
      const parts = context.workbook.customXmlParts.getByNamespace(WAIVER_NAMESPACE);
      if (useXml) parts.load("items/id");
      await context.sync();
      const xmlTexts = useXml ? parts.items.map((part) => part.getXml()) : [];
      if (xmlTexts.length > 0) await context.sync();
      if (xmlTexts.length > 0) return mergeWaivers(xmlTexts.map((xml) => waiversFromXml(xml.value)));
      if (setting.isNullObject) return [];
      const stored: unknown = setting.value;
      if (typeof stored !== "string") throw new WorkbookError("corrupt", "The waiver setting is not text");
      return waiversFromJson(stored);
    });
  }

  async writeWaivers(waivers: Waiver[]): Promise<void> {
    const useXml = this.supports("1.5");
    const payload = useXml ? waiversToXml(waivers) : waiversToJson(waivers);
    if (utf8Bytes(payload) + ACTION_OVERHEAD_BYTES > this.maxPayloadBytes) {
      throw new WorkbookError("too-large", `${waivers.length} waivers do not fit in one request`);
    }
    const progress: WriteProgress = { writeSyncs: 0 };
    try {
      await this.batch("Saving waivers", "write-failed", async (context) => {
        const { settings, customXmlParts } = context.workbook;
        if (!useXml) {
          settings.add(WAIVER_SETTING, payload);
          progress.writeSyncs += 1;
          await context.sync();
          return;
        }
        const stored = customXmlParts.getByNamespace(WAIVER_NAMESPACE);
        stored.load("items/id");
        const fallback = settings.getItemOrNullObject(WAIVER_SETTING);
        fallback.load("key");
        await context.sync();
        // The new list goes first, as one action: a failure after it leaves the list saved.
        // eslint-disable-next-line office-addins/load-object-before-read -- loaded as "items/id"; the rule compares paths literally
        const [first, ...duplicates] = stored.items;
        if (first) first.setXml(payload);
        else customXmlParts.add(payload);
        for (const duplicate of duplicates) duplicate.delete();
        if (!fallback.isNullObject) fallback.delete();
        progress.writeSyncs += 1;
        await context.sync();
      });
    } catch (error) {
      if (progress.writeSyncs === 0) throw withOutcome(error, "Nothing in the workbook was changed.");
      // Part of the batch may have run: read back what the workbook holds now.
      let stored: Waiver[] | null = null;
      let readFailure: unknown = null;
      try {
        stored = await this.readWaivers();
      } catch (readError) {
        readFailure = readError ?? "failed";
      }
      if (stored !== null && sameWaivers(stored, waivers)) return;
      throw withOutcome(
        error,
        stored === null
          ? `The waivers may be partly saved; reading them back failed too (${reasonOf(readFailure)}). Save them again.`
          : `The workbook now holds ${stored.length} waiver(s): ${countSaved(stored, waivers)} of the ${waivers.length} being saved, ${stored.length - countSaved(stored, waivers)} other(s). Save them again.`
      );
    }
  }

  /**
   * Writes 檢核結果 and 營運摘要 (+ its calculation sheet): replaces only sheets we marked, and
   * never a person's sheet of the same name (ours takes another name; `notices` say so).
   * Syncs: the snapshot read, one to read names and markers, then the writes (one per payload budget).
   */
  async writeSummary(
    result: ValidationResult,
    language: Language,
    onProgress?: ProgressListener
  ): Promise<{ notices: string[]; sheets: string[] }> {
    let snapshot: WorkbookSnapshot;
    try {
      snapshot = await this.readSnapshot(onProgress);
    } catch (error) {
      throw withOutcome(error, "Nothing in the workbook was changed.");
    }
    const progress: WriteProgress = { writeSyncs: 0 };
    /** Sheets this run replaces or adds: all ours, whatever state a failure leaves them in. */
    const ours: string[] = [];
    try {
      return await this.batch("Writing the summary", "write-failed", async (context) => {
        const current = await readWorkbookNames(context);
        const plan = planGeneratedSheetNames(
          ["findings", "summary", "summaryCalc"],
          current.sheets,
          current.marked,
          language
        );
        const existing = current.sheets.filter(
          (sheet) => !plan.replace.some((name) => name.toLowerCase() === sheet.toLowerCase())
        );
        const layouts = [
          findingsSheetLayout(result, language, { sheetName: plan.names.findings, existingSheets: existing }),
          ...summaryLayouts(result, language, describeSummaryInputs(snapshot, result), {
            sheetNames: { summary: plan.names.summary, summaryCalc: plan.names.summaryCalc },
          }),
        ];
        ours.push(...plan.replace, ...layouts.map((layout) => layout.name));
        await writeLayouts(context, layouts, {
          replace: plan.replace,
          markerNames: current.markerNames,
          maxPayloadBytes: this.maxPayloadBytes,
          onProgress,
          progress,
        });
        return { notices: plan.notices, sheets: layouts.map((layout) => layout.name) };
      });
    } catch (error) {
      if (progress.writeSyncs === 0) throw withOutcome(error, "Nothing in the workbook was changed.");
      // Excel keeps what ran: take out every summary sheet of ours rather than leave a mix.
      let cleanup: unknown = null;
      try {
        await this.batch(
          "Writing the summary: removing the sheets written before the failure",
          "write-failed",
          (context) => removeGeneratedSheets(context, ours)
        );
      } catch (cleanupError) {
        cleanup = cleanupError ?? "failed";
      }
      throw withOutcome(
        error,
        cleanup === null
          ? "The summary sheets written before the failure were removed: the workbook has no 檢核結果 or 營運摘要 sheets of ours now. The person's own sheets are as they were."
          : `Some of ${ours.filter((name, i) => ours.indexOf(name) === i).join(", ")} may be partly written, and removing them failed too (${reasonOf(cleanup)}); writing the summary again replaces them. The person's own sheets are as they were.`
      );
    }
  }

  /** Adds the template's sheets that the workbook lacks (matched as the engine finds them); never overwrites. */
  async insertTemplate(language: Language, onProgress?: ProgressListener): Promise<{ added: string[] }> {
    return this.batch("Inserting the template", "write-failed", async (context) => {
      const current = await readWorkbookNames(context);
      const snapshot: WorkbookSnapshot = {
        sheets: current.sheets.map((name) => ({ name, originRow: 1, originColumn: 1, values: [] })),
      };
      const layouts = templateLayouts(language).filter((layout) => !templateSheetPresent(snapshot, layout));
      await writeLayouts(context, layouts, { maxPayloadBytes: this.maxPayloadBytes, onProgress });
      return { added: layouts.map((layout) => layout.name) };
    });
  }

  private markOptions(onProgress?: ProgressListener): MarkOptions {
    return {
      annotate: this.annotationKind(),
      scanNotes: this.supports("1.18"),
      scanComments: this.supports("1.10"),
      budget: this.maxPayloadBytes,
      onProgress,
    };
  }

  /** One Excel.run, waiting for the user to leave cell-edit mode, with Office errors mapped. */
  private async batch<T>(
    operation: string,
    fallback: WorkbookErrorCode,
    work: (context: Excel.RequestContext) => Promise<T>
  ): Promise<T> {
    const run = this.injectedRun ?? Excel.run;
    try {
      return await run({ delayForCellEdit: true }, work);
    } catch (error) {
      throw toWorkbookError(error, operation, fallback);
    }
  }
}

// ----- failures half-way through a write -----

/** Deletes the sheets named (ours, from a failed run) and every sheet our markers point at, and the markers. */
async function removeGeneratedSheets(context: Excel.RequestContext, names: readonly string[]): Promise<void> {
  const current = await readWorkbookNames(context);
  const doomed = new Set([...names, ...Object.values(current.marked)].map((name) => name.toLowerCase()));
  const sheets = current.sheets.filter((sheet) => doomed.has(sheet.toLowerCase()));
  // Excel refuses to delete the last sheet; a workbook holding only our sheets keeps one.
  const deletable = sheets.length === current.sheets.length ? sheets.slice(1) : sheets;
  for (const sheet of deletable) context.workbook.worksheets.getItem(sheet).delete();
  for (const marker of current.markerNames) context.workbook.names.getItemOrNullObject(marker).delete();
  await context.sync();
}

/** Counts the syncs that carried writes, so a failure can tell "nothing sent" from "partly written". */
interface WriteProgress {
  writeSyncs: number;
}

const CELLS_UNCHANGED = "The cells' values, formats, notes and comments are as they were.";

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The WorkbookError for `error`, its message ending with what the failure left in the workbook.
 * Anything else (a bug of ours) is rethrown as it is, not disguised as an I/O problem.
 */
function withOutcome(error: unknown, outcome: string): unknown {
  if (!isWorkbookError(error)) return error;
  return new WorkbookError(error.code, `${error.message.replace(/\.?$/, ".")} ${outcome}`, error.detail);
}

function waiverKey(waiver: Waiver): string {
  return JSON.stringify([waiver.fingerprint, waiver.ruleId, waiver.reason, waiver.by ?? null, waiver.at ?? null]);
}

function countSaved(stored: readonly Waiver[], wanted: readonly Waiver[]): number {
  const keys = new Set(stored.map(waiverKey));
  return wanted.filter((waiver) => keys.has(waiverKey(waiver))).length;
}

function sameWaivers(stored: readonly Waiver[], wanted: readonly Waiver[]): boolean {
  return stored.length === wanted.length && countSaved(stored, wanted) === wanted.length;
}

// ----- reading -----

async function loadSheets(context: Excel.RequestContext): Promise<Excel.Worksheet[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  await context.sync();
  return worksheets.items;
}

/** Each sheet's used range (values only, so formatting alone does not widen it); null when empty. */
async function loadUsedRanges(
  context: Excel.RequestContext,
  sheets: Excel.Worksheet[]
): Promise<Array<RangeBounds | null>> {
  const ranges = sheets.map((sheet) => sheet.getUsedRangeOrNullObject(true).load("address"));
  await context.sync();
  return ranges.map((range) => {
    if (range.isNullObject) return null;
    const bounds = parseRangeAddress(range.address);
    if (!bounds) throw new WorkbookError("corrupt", `Unexpected used-range address ${range.address}`);
    return bounds;
  });
}

function toCellValue(value: unknown, type: string | undefined): CellValue {
  if (type === "Error") return { error: String(value) };
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/**
 * Values of every used range, in syncs sized by payload (see readPlan.ts): the number of syncs
 * grows with the bytes read, never with the number of rows or sheets.
 */
async function readValues(
  context: Excel.RequestContext,
  sheets: Excel.Worksheet[],
  extents: Array<RangeBounds | null>,
  budget: number,
  onProgress?: ProgressListener
): Promise<CellValue[][][]> {
  const grids: CellValue[][][] = sheets.map(() => []);
  let pending: PendingBlock[] = extents.flatMap((extent, sheetIndex) =>
    extent ? [{ sheetIndex, top: extent.top, bottom: extent.bottom, left: extent.left, right: extent.right }] : []
  );
  const totalRows = pending.reduce((sum, block) => sum + block.bottom - block.top + 1, 0);
  let rowsRead = 0;
  let bytesPerCell = INITIAL_BYTES_PER_CELL;
  let retries = 0;
  onProgress?.({ fraction: 0, stage: "read" });
  while (pending.length > 0) {
    const batch = nextBatch(pending, bytesPerCell, budget);
    const ranges = batch.map((chunk) =>
      sheets[chunk.sheetIndex]!.getRange(boundsAddress(chunk)).load("values,valueTypes")
    );
    let tooLarge = false;
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per payload-sized batch of rows, not per row
      await context.sync();
    } catch (error) {
      if (!isPayloadLimitError(error)) throw error;
      tooLarge = true;
    }
    // Excel on the web may answer an oversized read with empty values instead of an error.
    tooLarge ||= ranges.some((range, i) => range.values.length !== batch[i]!.bottom - batch[i]!.top + 1);
    if (tooLarge) {
      const oneRow = batch.length === 1 && batch[0]!.top === batch[0]!.bottom;
      retries += 1;
      if (oneRow || retries > MAX_READ_RETRIES) {
        throw new WorkbookError(
          "too-large",
          "A row of the workbook is too large to read",
          "RequestPayloadSizeLimitExceeded"
        );
      }
      bytesPerCell *= 2;
      continue;
    }
    retries = 0;
    let bytes = 0;
    let cells = 0;
    ranges.forEach((range, i) => {
      const { values, valueTypes } = range;
      bytes += utf8Bytes(values) + utf8Bytes(valueTypes);
      const grid = grids[batch[i]!.sheetIndex]!;
      values.forEach((row, r) => {
        cells += row.length;
        grid.push(row.map((value, c) => toCellValue(value, valueTypes[r]?.[c])));
      });
    });
    // Raise the estimate when the sheet's texts are longer than assumed (never lower it).
    if (cells > 0) bytesPerCell = Math.max(bytesPerCell, Math.ceil((bytes / cells) * 1.25));
    pending = afterBatch(pending, batch);
    rowsRead += batch.reduce((sum, chunk) => sum + chunk.bottom - chunk.top + 1, 0);
    onProgress?.({ fraction: totalRows === 0 ? 1 : rowsRead / totalRows, stage: "read" });
  }
  return grids;
}

// ----- flags -----

interface MarkRequest {
  /** Every mark that should be on the grid afterwards. */
  next: CellMark[];
  /** styleKey()s to rebuild; null: all of ours, on every sheet. */
  styles: ReadonlySet<string> | null;
  /** markKey()s whose annotation to replace; null: all of ours. */
  cells: ReadonlySet<string> | null;
}

interface MarkOptions {
  annotate: AnnotationKind;
  scanNotes: boolean;
  scanComments: boolean;
  budget: number;
  onProgress?: ProgressListener | undefined;
  /** Told of every sync that carries writes. */
  progress?: WriteProgress | undefined;
}

/** Queues writes and syncs early only when the next one would take the request over the budget. */
class BudgetedWriter {
  private queuedBytes = 0;
  private readonly context: Excel.RequestContext;
  private readonly budget: number;
  private readonly progress: WriteProgress | undefined;

  constructor(context: Excel.RequestContext, budget: number, progress?: WriteProgress) {
    this.context = context;
    this.budget = budget;
    this.progress = progress;
  }

  async add(actions: number, text: string, write: () => void): Promise<void> {
    const bytes = actions * ACTION_OVERHEAD_BYTES + utf8Bytes(text);
    if (this.queuedBytes > 0 && this.queuedBytes + bytes > this.budget) await this.flush();
    write();
    this.queuedBytes += bytes;
  }

  async flush(): Promise<void> {
    if (this.queuedBytes === 0) return;
    if (this.progress) this.progress.writeSyncs += 1;
    await this.context.sync();
    this.queuedBytes = 0;
  }
}

interface Annotation {
  item: Excel.Note | Excel.Comment;
  location: Excel.Range;
}

function addFlagFormat(sheet: Excel.Worksheet, address: string, style: FlagStyle): void {
  const look = FLAG_FORMATS[style];
  const format = sheet.getRanges(address).conditionalFormats.add("Custom");
  format.custom.rule.formula = markerFormula(style);
  format.custom.format.fill.color = look.fill;
  format.custom.format.font.color = look.fontColor;
  if (look.strikethrough) format.custom.format.font.strikethrough = true;
}

interface PendingComment {
  key: string;
  sheet: string;
  cell: string;
  text: string;
}

/** Codes Excel may give for a comment it refuses on a cell (one holding a note, say). */
const REFUSED_COMMENT_CODES = new Set(["InvalidArgument", "InvalidOperation", "GeneralException"]);

/** Gives up after skipping this many refused cells: something else is wrong. */
const MAX_REFUSED_COMMENTS = 20;

async function ourCommentCells(context: Excel.RequestContext): Promise<Set<string>> {
  const comments = context.workbook.comments.load("items/content");
  await context.sync();
  const locations = comments.items
    .filter((comment) => isOurAnnotation(comment.content))
    .map((comment) => comment.getLocation().load("address"));
  await context.sync();
  const cells = new Set<string>();
  for (const location of locations) {
    const bounds = parseRangeAddress(location.address);
    if (bounds?.sheet) cells.add(markKey(bounds.sheet, toA1(bounds.top, bounds.left)));
  }
  return cells;
}

/**
 * Threaded comments [ExcelApi 1.10] are our fallback where notes [1.18] are missing, and there
 * a person's note is invisible to us while Excel refuses a comment on a cell that has one. So
 * comments go in their own sync, after everything else. Excel runs a batch in order and stops
 * at the first failure, so after a refusal the first of our comments still missing names the
 * refused cell: it is skipped and the rest is sent again (two extra syncs per refused cell).
 */
async function addComments(
  context: Excel.RequestContext,
  comments: readonly PendingComment[],
  budget: number,
  writeState: (writer: BudgetedWriter, skipped: ReadonlySet<string>) => Promise<void>,
  progress?: WriteProgress
): Promise<void> {
  const skipped = new Set<string>();
  let remaining = comments;
  for (;;) {
    const writer = new BudgetedWriter(context, budget, progress);
    try {
      for (const comment of remaining) {
        const address = sheetReference(comment.sheet, comment.cell);
        await writer.add(1, comment.text, () => context.workbook.comments.add(address, comment.text));
      }
      await writeState(writer, skipped);
      await writer.flush();
      return;
    } catch (error) {
      const code = officeErrorCode(error);
      if (code === null || !REFUSED_COMMENT_CODES.has(code) || skipped.size >= MAX_REFUSED_COMMENTS) throw error;
      const present = await ourCommentCells(context);
      const refused = remaining.findIndex((comment) => !present.has(comment.key));
      if (refused < 0) throw error;
      skipped.add(remaining[refused]!.key);
      remaining = remaining.slice(refused + 1);
    }
  }
}

/**
 * Removes our conditional formats and annotations in scope and adds the new ones, in one batch:
 * sync 1 lists sheets, notes and comments; sync 2 loads our conditional formats and where each
 * note or comment is; sync 3 writes (split only if the writes exceed the payload budget).
 * Threaded comments, the fallback for notes, take one more sync (see addComments).
 * Conditional formats leave the cells' own formatting alone; a cell with a person's note or
 * comment gets no note from us.
 */
async function applyMarks(context: Excel.RequestContext, request: MarkRequest, options: MarkOptions): Promise<void> {
  const { workbook } = context;
  const report = (fraction: number): void => options.onProgress?.({ fraction, stage: "flags" });
  report(0);

  workbook.worksheets.load("items/name");
  const state = workbook.settings.getItemOrNullObject(FLAG_STATE_SETTING);
  state.load("key");
  const notes = options.scanNotes ? workbook.notes.load("items/content") : null;
  const comments = options.scanComments ? workbook.comments.load("items/content") : null;
  await context.sync();
  report(1 / 3);

  const sheets = new Map(workbook.worksheets.items.map((sheet) => [sheetKey(sheet.name), sheet]));
  const styleSheets = new Set<string>();
  if (request.styles === null) for (const key of sheets.keys()) styleSheets.add(key);
  else for (const key of request.styles) styleSheets.add(key.slice(0, key.lastIndexOf("|")));
  const formatLists = [...styleSheets].flatMap((key) => {
    const sheet = sheets.get(key);
    if (!sheet) return [];
    const formats = sheet.getRange().conditionalFormats.load("items/customOrNullObject/rule/formula");
    return [{ key, formats }];
  });
  const annotations: Annotation[] = [...(notes?.items ?? []), ...(comments?.items ?? [])].map((item) => ({
    item,
    location: item.getLocation().load("address"),
  }));
  await context.sync();
  report(2 / 3);

  const writer = new BudgetedWriter(context, options.budget, options.progress);
  for (const { key, formats } of formatLists) {
    for (const format of formats.items) {
      const custom = format.customOrNullObject;
      if (custom.isNullObject) continue;
      // A custom rule without a formula does nothing and cannot be made in Excel's dialog: it is
      // one of ours whose batch failed between adding it and setting its formula.
      if (custom.rule.formula === "") {
        await writer.add(1, "", () => format.delete());
        continue;
      }
      const style = styleOfFormula(custom.rule.formula);
      if (style === null || (request.styles !== null && !request.styles.has(styleKey(key, style)))) continue;
      await writer.add(1, "", () => format.delete());
    }
  }

  const personAnnotated = new Set<string>();
  for (const { item, location } of annotations) {
    const bounds = parseRangeAddress(location.address);
    const key = bounds?.sheet ? markKey(bounds.sheet, toA1(bounds.top, bounds.left)) : null;
    if (!isOurAnnotation(item.content)) {
      if (key !== null) personAnnotated.add(key);
      continue;
    }
    if (request.cells !== null && (key === null || !request.cells.has(key))) continue;
    await writer.add(1, "", () => item.delete());
  }

  const groups = new Map<string, { sheet: Excel.Worksheet; style: FlagStyle; marks: CellMark[] }>();
  for (const mark of request.next) {
    const sheet = sheets.get(sheetKey(mark.sheet));
    if (!sheet) continue;
    const key = styleKey(mark.sheet, mark.style);
    const group = groups.get(key) ?? { sheet, style: mark.style, marks: [] };
    group.marks.push(mark);
    groups.set(key, group);
  }
  const flagState: FlagState = { version: 1, annotations: options.annotate, sheets: {} };
  const sheetState = (name: string): FlagState["sheets"][string] =>
    (flagState.sheets[name] ??= { formats: {}, annotated: [] });
  for (const [key, { sheet, style, marks }] of groups) {
    const addresses = joinAreas(cellAreas(marks));
    sheetState(sheet.name).formats[style] = addresses;
    if (request.styles !== null && !request.styles.has(key)) continue;
    for (const address of addresses) await writer.add(5, address, () => addFlagFormat(sheet, address, style));
  }

  const pendingComments: PendingComment[] = [];
  if (options.annotate !== "none") {
    for (const mark of request.next) {
      const sheet = sheets.get(sheetKey(mark.sheet));
      const key = markKey(mark.sheet, mark.cell);
      if (!sheet || personAnnotated.has(key)) continue;
      sheetState(sheet.name).annotated.push(mark.cell);
      if (request.cells !== null && !request.cells.has(key)) continue;
      if (options.annotate === "notes") await writer.add(1, mark.note, () => sheet.notes.add(mark.cell, mark.note));
      else pendingComments.push({ key, sheet: sheet.name, cell: mark.cell, text: mark.note });
    }
  }

  const writeState = async (target: BudgetedWriter, skipped: ReadonlySet<string>): Promise<void> => {
    if (request.next.length > 0) {
      for (const [name, entry] of Object.entries(flagState.sheets)) {
        entry.annotated = entry.annotated.filter((cell) => !skipped.has(markKey(name, cell)));
      }
      await target.add(1, JSON.stringify(flagState), () => workbook.settings.add(FLAG_STATE_SETTING, flagState));
    } else if (!state.isNullObject) {
      await target.add(1, "", () => state.delete());
    }
  };
  if (pendingComments.length === 0) {
    await writeState(writer, new Set());
    await writer.flush();
  } else {
    await writer.flush();
    await addComments(context, pendingComments, options.budget, writeState, options.progress);
  }
  report(1);
}
