/**
 * Re-validates while the user types: listens to `worksheets.onChanged` [ExcelApi 1.9], waits
 * until edits pause (debounce), asks for new flags and changes only the flags that differ.
 *
 * - Our own writes do not start another round: events whose `triggerSource` is ThisLocalAddin
 *   [1.14] are ignored, and on older hosts events are ignored while we write.
 * - A co-author's edit (`source: "Remote"`) re-validates the findings but writes nothing: the
 *   co-author's own pane flags their changes, and two panes rewriting the same flags would race.
 * - Where the host clears the user's undo stack whenever an add-in writes (no API undo, before
 *   ExcelApi 1.20), rounds never write either (`writeFlags: false`): the findings stay current in
 *   the pane and the flags on the grid change only when the person asks, so Ctrl+Z keeps working.
 * - Registering and removing the handler wait while a cell is being edited (delayForCellEdit).
 *
 * Some edits never raise an event (dropdown picks on the web, very fast typing), so the task
 * pane keeps its "validate all" button; handlers also die when the task pane closes.
 */
import type { CellFlag } from "../gateway";
import type { OfficeGateway } from "./OfficeGateway";
import { type ExcelRun, type RequirementCheck, runBatch } from "./session";

export type LiveValidationStatus = "idle" | "pending" | "running";

/** The part of OfficeGateway the controller writes through. */
export type FlagWriter = Pick<OfficeGateway, "showFlags" | "updateFlags">;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveValidationOptions {
  gateway: FlagWriter;
  /** Reads the workbook, runs the engine and returns the flags to show. */
  revalidate: () => Promise<CellFlag[]>;
  /**
   * The flags on the grid now, asked just before each write: the pane's record, which its own
   * commands (validate, show, clear) change while live validation runs. Default: what this
   * controller last wrote (nothing at first).
   */
  shownFlags?: () => readonly CellFlag[];
  /** Told after a round has written its flags, so the pane's record stays the grid's. */
  onFlagsShown?: (flags: readonly CellFlag[]) => void;
  /** Whether rounds update the flags on the grid (false: the findings only). Default true. */
  writeFlags?: boolean;
  /** Which sheets' edits matter; default: all. A sheet the controller has not seen yet always matters. */
  isInputSheet?: (sheetName: string) => boolean;
  debounceMs?: number;
  timers?: Timers;
  run?: ExcelRun;
  isSetSupported?: RequirementCheck;
  onStatus?: (status: LiveValidationStatus) => void;
  /** A failed round is reported here; the next edit starts a new round. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_DEBOUNCE_MS = 400;

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

type ChangedHandlerResult = OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;

export class LiveValidationController {
  private readonly options: LiveValidationOptions;
  private readonly debounceMs: number;
  private readonly timers: Timers;
  private shown: readonly CellFlag[];
  private currentStatus: LiveValidationStatus = "idle";
  private timer: unknown;
  private registration: ChangedHandlerResult | null = null;
  private sheetNames = new Map<string, string>();
  private triggerSourceSupported = false;
  private writing = false;
  private running: Promise<void> | null = null;
  private rerun = false;
  /** The rounds waiting are all for co-authors' edits: validate, do not write. */
  private readOnlyRound = true;
  private stopped = false;
  /** After a failed write the grid is unknown: the next round replaces all flags. */
  private replaceAll = false;

  constructor(options: LiveValidationOptions) {
    this.options = options;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.timers = options.timers ?? defaultTimers;
    this.shown = [];
  }

  get status(): LiveValidationStatus {
    return this.currentStatus;
  }

  /** The flags on the grid, as far as the pane and this controller know. */
  get flags(): readonly CellFlag[] {
    return this.options.shownFlags?.() ?? this.shown;
  }

  /** Registers the change handler. */
  async start(): Promise<void> {
    if (this.registration) return;
    this.stopped = false;
    const check =
      this.options.isSetSupported ??
      ((name: string, version: string) => Office.context.requirements.isSetSupported(name, version));
    this.triggerSourceSupported = check("ExcelApi", "1.14");
    this.registration = await runBatch(
      this.options.run,
      "Starting live validation",
      "api-unsupported",
      async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/id,items/name");
        const registration = worksheets.onChanged.add((event) => this.onChanged(event));
        await context.sync();
        this.sheetNames = new Map(worksheets.items.map((sheet) => [sheet.id, sheet.name]));
        return registration;
      }
    );
  }

  /** Removes the handler, cancels a pending round and waits for a running one to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    const registration = this.registration;
    this.registration = null;
    if (registration) {
      const run = this.options.run ?? Excel.run;
      await run({ delayForCellEdit: true, previousObjects: registration.context }, async (context) => {
        registration.remove();
        await context.sync();
      });
    }
    await this.running;
    this.setStatus("idle");
  }

  /** Resolves when no round is running (a debounced one that has not started is not waited for). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private onChanged(event: Excel.WorksheetChangedEventArgs): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.triggerSourceSupported ? event.triggerSource === "ThisLocalAddin" : this.writing) return Promise.resolve();
    const name = this.sheetNames.get(event.worksheetId);
    if (name !== undefined && this.options.isInputSheet && !this.options.isInputSheet(name)) return Promise.resolve();
    this.schedule(event.source !== "Remote");
    return Promise.resolve();
  }

  private schedule(local: boolean): void {
    if (local) this.readOnlyRound = false;
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.startRound();
    }, this.debounceMs);
    if (!this.running) this.setStatus("pending");
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private startRound(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.runRounds().finally(() => {
      this.running = null;
      if (!this.stopped) this.setStatus(this.timer === undefined ? "idle" : "pending");
    });
    return this.running;
  }

  private async runRounds(): Promise<void> {
    do {
      this.rerun = false;
      const readOnly = this.readOnlyRound || this.options.writeFlags === false;
      this.readOnlyRound = true;
      this.setStatus("running");
      await this.round(readOnly);
    } while (this.rerun && !this.stopped);
  }

  private async round(readOnly: boolean): Promise<void> {
    let next: CellFlag[];
    try {
      next = await this.options.revalidate();
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    if (this.stopped || readOnly) return;
    this.writing = true;
    try {
      const before = this.flags;
      if (this.replaceAll) await this.options.gateway.showFlags(next);
      else await this.options.gateway.updateFlags(before, next);
      this.shown = next;
      this.replaceAll = false;
      this.options.onFlagsShown?.(next);
    } catch (error) {
      this.replaceAll = true;
      this.options.onError?.(error);
    } finally {
      this.writing = false;
    }
  }

  private setStatus(status: LiveValidationStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.options.onStatus?.(status);
  }
}
