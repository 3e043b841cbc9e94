/**
 * What every Office.js operation of the gateway shares: what the host can do (requirement sets,
 * platform, undo) and one `Excel.run` per operation, waiting while the person is editing a cell
 * and turning Office errors into WorkbookErrors the task pane can explain.
 */
import { isWorkbookError, WorkbookError, type WorkbookErrorCode } from "../gateway";
import { officeErrorCode, toWorkbookError } from "./officeErrors";

export type ExcelRun = typeof Excel.run;

/** `Office.context.requirements.isSetSupported`, injectable for tests. */
export type RequirementCheck = (name: string, minVersion: string) => boolean;

/** How messages are attached to flagged cells. */
export type AnnotationKind = "notes" | "comments" | "none";

/** The host build's abilities, from its requirement sets (docs/excel-api.md). */
export class Capabilities {
  private readonly check: RequirementCheck | undefined;

  constructor(check?: RequirementCheck) {
    this.check = check;
  }

  private isSetSupported(name: string, version: string): boolean {
    const check =
      this.check ?? ((set: string, minVersion: string) => Office.context.requirements.isSetSupported(set, minVersion));
    return check(name, version);
  }

  /** Whether the host supports ExcelApi `version` (e.g. "1.18"). */
  supports(version: string): boolean {
    return this.isSetSupported("ExcelApi", version);
  }

  /** Notes [ExcelApi 1.18], else threaded comments [1.10], else none (the task pane lists messages). */
  annotationKind(): AnnotationKind {
    if (this.supports("1.18")) return "notes";
    if (this.supports("1.10")) return "comments";
    return "none";
  }

  /**
   * Whether changes an add-in makes join the user's undo stack ("Undo support with the Excel
   * JavaScript API": ExcelUndoApiAll 1.0, ExcelApi 1.20). Elsewhere every write clears it, so
   * nothing should write without the person asking.
   */
  undoKeepsAddinWrites(): boolean {
    return this.isSetSupported("ExcelUndoApiAll", "1.0") || this.supports("1.20");
  }

  /** WorksheetChangedEventArgs.triggerSource [1.14]: our own writes can be told from the person's. */
  knowsTriggerSource(): boolean {
    return this.supports("1.14");
  }
}

/**
 * One Excel.run: waits while the person is editing a cell (delayForCellEdit; on hosts without it
 * Excel refuses the batch, which becomes a "cancelled" error asking to leave the cell), with
 * Office errors mapped to WorkbookErrors. Anything else (a bug of ours) passes unchanged.
 */
export async function runBatch<T>(
  run: ExcelRun | undefined,
  operation: string,
  fallback: WorkbookErrorCode,
  work: (context: Excel.RequestContext) => Promise<T>
): Promise<T> {
  const excelRun = run ?? Excel.run;
  try {
    return await excelRun({ delayForCellEdit: true }, work);
  } catch (error) {
    throw batchError(error, operation, fallback);
  }
}

/** What a failed batch tells the pane: cell-edit mode, else the Office error as a WorkbookError. */
export function batchError(error: unknown, operation: string, fallback: WorkbookErrorCode): unknown {
  if (officeErrorCode(error) === "InvalidOperationInCellEditMode") {
    return new WorkbookError("cell-editing", `${operation}: Excel is editing a cell`, "InvalidOperationInCellEditMode");
  }
  return toWorkbookError(error, operation, fallback);
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The WorkbookError for `error`, its message ending with what the failure left in the workbook.
 * Anything else (a bug of ours) is rethrown as it is, not disguised as an I/O problem.
 */
export function withOutcome(error: unknown, outcome: string): unknown {
  if (!isWorkbookError(error)) return error;
  return new WorkbookError(error.code, `${error.message.replace(/\.?$/, ".")} ${outcome}`, error.detail);
}

/** Counts the syncs that carried writes, so a failure can tell "nothing sent" from "partly written". */
export interface WriteProgress {
  writeSyncs: number;
}

const encoder = new TextEncoder();

/** UTF-8 size of a value's JSON text: what it adds to a request or an answer. */
export function utf8Bytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : encoder.encode(json).length;
}

/**
 * Request-size estimate per queued write (a property set or a method call on a range or an
 * object reached from the workbook), on top of the text it carries. Measured on the client
 * library's messages: `sheet.getRange(a).values = v` sends one object path and four actions
 * (instantiate, keep reference, instantiate, set), about 450 bytes; rounded up, since it
 * decides when to sync early and the web refuses a request over 5 MB.
 */
export const ACTION_OVERHEAD_BYTES = 600;

/**
 * Queues writes and syncs early only when the next one would take the request over the budget:
 * the number of syncs grows with the bytes written, never with the number of cells or flags.
 */
export class BudgetedWriter {
  private queuedBytes = 0;
  syncs = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly progress?: WriteProgress
  ) {}

  async add(actions: number, payload: unknown, write: () => void): Promise<void> {
    const bytes = actions * ACTION_OVERHEAD_BYTES + utf8Bytes(payload);
    if (this.queuedBytes > 0 && this.queuedBytes + bytes > this.budget) await this.flush();
    write();
    this.queuedBytes += bytes;
  }

  get pending(): boolean {
    return this.queuedBytes > 0;
  }

  async flush(): Promise<void> {
    if (this.queuedBytes === 0) return;
    if (this.progress) this.progress.writeSyncs += 1;
    this.syncs += 1;
    this.queuedBytes = 0;
    await this.context.sync();
  }
}
