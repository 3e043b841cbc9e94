/**
 * The workbook open in Excel, through Office.js: the WorkbookGateway for the task pane. Each
 * operation is one `Excel.run` (session.ts) with a bounded number of `context.sync()` calls,
 * independent of the number of rows or flags (more syncs only when a request or answer would
 * exceed the payload budget). The work itself is in the modules beside this one: reading
 * (readWorkbook.ts), flags (gridScan.ts, flags.ts), waivers (waivers.ts) and the sheets we write
 * (generatedSheets.ts, layoutWriter.ts). Requirement sets and sync counts: docs/excel-api.md.
 */
import { sheetReference } from "../../engine/address";
import type { CellEdit, Language, ValidationResult, Waiver, WorkbookSnapshot } from "../../engine/types";
import { cellMarks, diffMarks } from "../flagMarks";
import {
  type CellFlag,
  type EditOutcome,
  type FlagReport,
  isWorkbookError,
  type ProgressListener,
  type WorkbookGateway,
  WorkbookError,
  type WorkbookRead,
} from "../gateway";
import { applyCellEdits } from "./applyEdits";
import { writeMarks, type MarkRequest } from "./flags";
import { insertTemplateSheets, removeSheets, writeSummarySheets } from "./generatedSheets";
import { DEFAULT_PAGE_SIZE, GridScan, type GridState, type ScanOptions } from "./gridScan";
import { isPayloadLimitError } from "./officeErrors";
import { DEFAULT_MAX_PAYLOAD_BYTES } from "./readPlan";
import { readWorkbook } from "./readWorkbook";
import {
  type AnnotationKind,
  Capabilities,
  type ExcelRun,
  reasonOf,
  type RequirementCheck,
  runBatch,
  withOutcome,
  type WriteProgress,
} from "./session";
import { readWaivers, sameWaivers, waiverSaveOutcome, writeWaivers } from "./waivers";

export interface OfficeGatewayOptions {
  /** Ceiling for one request or one answer (default 4 MB; Excel on the web rejects more than 5 MB). */
  maxPayloadBytes?: number;
  isSetSupported?: RequirementCheck;
  /** Notes or comments read in the first sync of a grid scan (default 200). */
  annotationPageSize?: number;
}

const CELLS_UNCHANGED = "The cells' values, formats, notes and comments are as they were.";

/** A grid scan taken with the last read, usable by the next showFlags if nothing was written since. */
interface CachedGrid {
  grid: GridState;
  generation: number;
}

export class OfficeGateway implements WorkbookGateway {
  private readonly run: ExcelRun | undefined;
  private readonly maxPayloadBytes: number;
  private readonly pageSize: number;
  readonly capabilities: Capabilities;
  /** Bumped by every write of this gateway: a cached grid from before is stale. */
  private generation = 0;
  private cachedGrid: CachedGrid | null = null;

  /** `run` defaults to `Excel.run` (looked up when used, so constructing needs no Office). */
  constructor(run?: ExcelRun, options: OfficeGatewayOptions = {}) {
    this.run = run;
    this.capabilities = new Capabilities(options.isSetSupported);
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.pageSize = options.annotationPageSize ?? DEFAULT_PAGE_SIZE;
  }

  /** Whether the host supports ExcelApi `version` (e.g. "1.18"). */
  supports(version: string): boolean {
    return this.capabilities.supports(version);
  }

  annotationKind(): AnnotationKind {
    return this.capabilities.annotationKind();
  }

  private scanOptions(): ScanOptions {
    const kind = this.annotationKind();
    return {
      // A person's notes are visible from ExcelApi 1.18, comments from 1.10; both are scanned
      // where they exist, since a cell holding either refuses the other.
      scanNotes: kind === "notes",
      scanComments: kind !== "none",
      pageSize: this.pageSize,
      budget: this.maxPayloadBytes,
    };
  }

  // ----- reading -----

  async readSnapshot(onProgress?: ProgressListener): Promise<WorkbookSnapshot> {
    return runBatch(this.run, "Reading the workbook", "corrupt", async (context) => {
      const read = await readWorkbook(context, { budget: this.maxPayloadBytes, onProgress });
      return read.snapshot;
    });
  }

  /**
   * The snapshot and the waivers, and (for the flags likely to follow) the grid scan, in the
   * same syncs: three for a workbook of ordinary size.
   */
  async readWorkbook(onProgress?: ProgressListener): Promise<WorkbookRead> {
    const generation = this.generation;
    const attempt = (scan: boolean) =>
      runBatch(this.run, "Reading the workbook", "corrupt", (context) =>
        readWorkbook(context, {
          budget: this.maxPayloadBytes,
          onProgress,
          waivers: true,
          ...(scan ? { scan: this.scanOptions() } : {}),
        })
      );
    let read;
    try {
      read = await attempt(true);
    } catch (error) {
      // Many large notes can take the first syncs over the payload limit: read without the scan.
      if (!(error instanceof WorkbookError && error.code === "too-large" && error.detail?.includes("Payload")))
        throw error;
      read = await attempt(false);
    }
    this.cachedGrid = read.grid ? { grid: read.grid, generation } : null;
    return { snapshot: read.snapshot, waivers: read.waivers ?? [] };
  }

  // ----- flags -----

  async showFlags(flags: CellFlag[], onProgress?: ProgressListener): Promise<FlagReport> {
    return this.writeMarks("Showing flags", { next: cellMarks(flags), styles: null, cells: null }, onProgress);
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
  ): Promise<FlagReport | null> {
    const after = cellMarks(next);
    const changes = diffMarks(cellMarks(previous), after);
    if (changes.styles.size === 0 && changes.cells.size === 0) return null;
    return this.writeMarks("Updating flags", { next: after, styles: changes.styles, cells: changes.cells }, onProgress);
  }

  async clearFlags(): Promise<FlagReport> {
    return this.writeMarks("Clearing flags", { next: [], styles: null, cells: null });
  }

  /** A grid scan from the last read, when nothing was written since. */
  private takeCachedGrid(): GridState | null {
    const cached = this.cachedGrid;
    this.cachedGrid = null;
    return cached && cached.generation === this.generation ? cached.grid : null;
  }

  /**
   * One Excel.run: scan (unless the last read did), then write. Excel keeps the actions of a
   * batch that fails half-way (it has no transactions), so a failure after the first write went
   * out is followed by a second run that removes every flag of ours: the workbook is left with
   * no flags rather than a mix, and the error says which. A write from a cached scan that fails
   * (the grid changed meanwhile) is tried once more with a fresh scan. The cells' own values,
   * formats, notes and comments are never written, so they are as before in every case.
   */
  private async writeMarks(
    operation: string,
    request: MarkRequest,
    onProgress?: ProgressListener
  ): Promise<FlagReport> {
    const cached = this.takeCachedGrid();
    this.generation += 1;
    const progress: WriteProgress = { writeSyncs: 0 };
    const attempt = (grid: GridState | null) =>
      runBatch(this.run, operation, "write-failed", async (context) => {
        onProgress?.({ fraction: 0, stage: "flags" });
        const state = grid ?? (await this.scan(context));
        onProgress?.({ fraction: 0.5, stage: "flags" });
        const outcome = await writeMarks(context, state, request, {
          annotate: this.annotationKind(),
          budget: this.maxPayloadBytes,
          onProgress,
          progress,
        });
        onProgress?.({ fraction: 1, stage: "flags" });
        return outcome;
      });
    try {
      try {
        return await attempt(cached);
      } catch (error) {
        if (cached === null || !isWorkbookError(error) || error.code === "too-large" || error.code === "cell-editing")
          throw error;
        return await attempt(null);
      }
    } catch (error) {
      if (progress.writeSyncs === 0) throw withOutcome(error, "Nothing in the workbook was changed.");
      let cleanup: unknown = null;
      try {
        await runBatch(
          this.run,
          `${operation}: removing the flags written before the failure`,
          "write-failed",
          async (context) =>
            writeMarks(
              context,
              await this.scan(context),
              { next: [], styles: null, cells: null },
              {
                annotate: this.annotationKind(),
                budget: this.maxPayloadBytes,
              }
            )
        );
      } catch (cleanupError) {
        cleanup = cleanupError ?? "failed";
      }
      // Clearing that the second run finished is a clearing that succeeded.
      if (cleanup === null && request.next.length === 0) return { flagged: 0, skipped: [] };
      throw withOutcome(
        error,
        cleanup === null
          ? `The flags written before the failure were removed: no flags are shown. ${CELLS_UNCHANGED}`
          : `Some flags may be shown, and removing them failed too (${reasonOf(cleanup)}); Clear flags removes them. ${CELLS_UNCHANGED}`
      );
    }
  }

  /** The grid before writing flags; many large notes make the first syncs too big: then smaller pages. */
  private async scan(context: Excel.RequestContext): Promise<GridState> {
    for (let pageSize = this.pageSize; ; pageSize = Math.max(20, Math.floor(pageSize / 10))) {
      const scan = new GridScan(context, { ...this.scanOptions(), pageSize });
      try {
        scan.queuePhase1();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- retried only when the page was too large
        await context.sync();
        scan.queuePhase2();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- retried only when the page was too large
        await context.sync();
      } catch (error) {
        if (!isPayloadLimitError(error) || pageSize <= 20) throw error;
        continue;
      }
      return scan.finish();
    }
  }

  // ----- navigation -----

  /** Activates the sheet and selects the cell; a hidden sheet is said so (Excel cannot show it). */
  async selectCell(sheet: string, cell: string): Promise<void> {
    await runBatch(this.run, `Selecting ${sheetReference(sheet, cell)}`, "not-found", async (context) => {
      const worksheet = context.workbook.worksheets.getItemOrNullObject(sheet).load("visibility");
      await context.sync();
      if (worksheet.isNullObject) throw new WorkbookError("not-found", `The workbook has no sheet ${sheet}`);
      if (worksheet.visibility !== "Visible")
        throw new WorkbookError("hidden-sheet", `The sheet ${sheet} is hidden`, sheet);
      worksheet.activate();
      worksheet.getRange(cell).select();
      await context.sync();
    });
  }

  // ----- waivers -----

  async readWaivers(): Promise<Waiver[]> {
    return runBatch(this.run, "Reading exception notes", "corrupt", (context) => readWaivers(context));
  }

  async writeWaivers(waivers: Waiver[]): Promise<void> {
    const progress: WriteProgress = { writeSyncs: 0 };
    this.generation += 1;
    try {
      await runBatch(this.run, "Saving exception notes", "write-failed", (context) =>
        writeWaivers(context, waivers, { budget: this.maxPayloadBytes, progress })
      );
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
      throw waiverSaveOutcome(error, waivers, stored, readFailure);
    }
  }

  // ----- cell edits (quick fixes and their undo) -----

  /**
   * Applies the edits whose cells still hold what they expect (applyEdits.ts): one sync to read
   * the cells, one to write, whatever their number. Excel keeps what a failed batch had done
   * (it has no transactions): then a second run puts back what this one wrote, cell by cell
   * where the cell holds what we wrote, and the error says whether that worked.
   */
  async applyEdits(edits: CellEdit[], onProgress?: ProgressListener): Promise<EditOutcome> {
    if (edits.length === 0) return { applied: [], skipped: [], undo: [] };
    const progress: WriteProgress = { writeSyncs: 0 };
    this.generation += 1;
    let planned: EditOutcome | null = null;
    try {
      return await runBatch(this.run, "Applying fixes", "write-failed", async (context) => {
        const outcome = await applyCellEdits(context, edits, {
          budget: this.maxPayloadBytes,
          onProgress,
          progress,
          onPlanned: (plan) => {
            planned = plan;
          },
        });
        return outcome;
      });
    } catch (error) {
      const undo = (planned as EditOutcome | null)?.undo ?? [];
      if (progress.writeSyncs === 0 || undo.length === 0)
        throw withOutcome(error, "Nothing in the workbook was changed.");
      return this.undoFailedWrite(
        error,
        "Applying fixes",
        async (context) => {
          await applyCellEdits(context, undo, { budget: this.maxPayloadBytes });
        },
        {
          undone: "The cells written before the failure were put back as they were: the workbook is as it was.",
          left: (reason) =>
            `Some of the fixed cells may hold the fix, and putting them back failed too (${reason}); check ${undo
              .slice(0, 5)
              .map((edit) => sheetReference(edit.sheet, edit.cell))
              .join(", ")}${undo.length > 5 ? ", …" : ""}.`,
        }
      );
    }
  }

  // ----- sheets we write -----

  /**
   * Writes 檢核結果 and 營運摘要 (+ its calculation sheet): replaces only sheets we marked, and
   * never a person's sheet of the same name (ours takes another name; `notices` say so).
   * Syncs: the snapshot read, one to read names and markers, then the writes (one per payload budget).
   */
  async writeSummary(
    result: ValidationResult,
    language: Language,
    onProgress?: ProgressListener,
    titleBlock: { fileName?: string; checkedBy?: string } = {}
  ): Promise<{ notices: string[]; sheets: string[] }> {
    let snapshot: WorkbookSnapshot;
    try {
      snapshot = await this.readSnapshot(onProgress);
    } catch (error) {
      throw withOutcome(error, "Nothing in the workbook was changed.");
    }
    const progress: WriteProgress = { writeSyncs: 0 };
    const ours: string[] = [];
    this.generation += 1;
    try {
      return await runBatch(this.run, "Writing the summary", "write-failed", (context) =>
        writeSummarySheets(context, result, snapshot, {
          language,
          notes: this.annotationKind() === "notes",
          budget: this.maxPayloadBytes,
          onProgress,
          progress,
          ours,
          ...titleBlock,
        })
      );
    } catch (error) {
      if (progress.writeSyncs === 0) throw withOutcome(error, "Nothing in the workbook was changed.");
      // Excel keeps what ran: take out every summary sheet of ours rather than leave a mix.
      return this.undoFailedWrite(
        error,
        "Writing the summary",
        (context) => removeSheets(context, ours, { markers: true }),
        {
          undone:
            "The summary sheets written before the failure were removed: the workbook has no 檢核結果 or 營運摘要 sheets of ours now. The person's own sheets are as they were.",
          left: (reason) =>
            `Some of ${[...new Set(ours)].join(", ")} may be partly written, and removing them failed too (${reason}); writing the summary again replaces them. The person's own sheets are as they were.`,
        }
      );
    }
  }

  /** Removes what a failed write left (a second run); the error then says whether that worked. */
  private async undoFailedWrite(
    error: unknown,
    operation: string,
    cleanup: (context: Excel.RequestContext) => Promise<void>,
    outcome: { undone: string; left: (reason: string) => string }
  ): Promise<never> {
    let cleanupError: unknown = null;
    try {
      await runBatch(this.run, `${operation}: removing what was written before the failure`, "write-failed", cleanup);
    } catch (failure) {
      cleanupError = failure ?? "failed";
    }
    throw withOutcome(error, cleanupError === null ? outcome.undone : outcome.left(reasonOf(cleanupError)));
  }

  /**
   * Adds the template's sheets that the workbook lacks (matched as the engine finds them); never
   * overwrites. A failure half-way removes the sheets this run added, so the next run does not
   * take a half-written sheet for a present one.
   */
  async insertTemplate(language: Language, onProgress?: ProgressListener): Promise<{ added: string[] }> {
    const progress: WriteProgress = { writeSyncs: 0 };
    const added: string[] = [];
    this.generation += 1;
    try {
      const names = await runBatch(this.run, "Inserting the template", "write-failed", (context) =>
        insertTemplateSheets(context, {
          language,
          notes: this.annotationKind() === "notes",
          budget: this.maxPayloadBytes,
          onProgress,
          progress,
          added,
        })
      );
      return { added: names };
    } catch (error) {
      if (progress.writeSyncs === 0 || added.length === 0) {
        throw withOutcome(error, "Nothing in the workbook was changed.");
      }
      return this.undoFailedWrite(
        error,
        "Inserting the template",
        (context) => removeSheets(context, added, { markers: false }),
        {
          undone: "The template sheets added before the failure were removed: the workbook is as it was.",
          left: (reason) =>
            `The template sheets ${added.join(", ")} may be partly written, and removing them failed too (${reason}); delete them before inserting the template again.`,
        }
      );
    }
  }
}

export { FLAG_STATE_SETTING } from "./gridScan";
export type { FlagState } from "./flags";
export type { AnnotationKind, ExcelRun, RequirementCheck } from "./session";
