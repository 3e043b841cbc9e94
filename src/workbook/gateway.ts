/**
 * The one interface between the product and a workbook. Two implementations:
 * - `office/` — the workbook open in Excel (Office.js; the only code that touches `Excel`);
 * - `xlsx/`   — an .xlsx file (command line, browser preview, tests).
 * The task pane and the command line only ever talk to this interface.
 */
import type { CellContent, CellEdit, Finding, Severity, Waiver, WorkbookSnapshot } from "../engine/types";

/** A flag to show on one cell. */
export interface CellFlag {
  sheet: string;
  /** A1 address of a single cell. */
  cell: string;
  severity: Severity;
  /** The finding's message in the chosen language (shown as a note or comment). */
  message: string;
  ruleId: string;
  waived?: boolean;
}

/** Progress of long work, for the task pane's progress bar. */
export interface Progress {
  /** 0..1 */
  fraction: number;
  /** Short machine-readable stage, e.g. "read", "flags", "summary". */
  stage: string;
}

export type ProgressListener = (progress: Progress) => void;

export type WorkbookErrorCode =
  | "not-found"
  | "not-a-workbook"
  | "encrypted"
  | "legacy-format"
  | "too-large"
  | "corrupt"
  | "read-only"
  | "api-unsupported"
  | "write-failed"
  | "cancelled"
  /** Excel is in cell-edit mode and the host cannot wait for it (no delayForCellEdit). */
  | "cell-editing"
  /** The cell to go to is on a hidden sheet. */
  | "hidden-sheet";

/** An I/O problem the user can act on. The UI translates `code`; `message` is for logs. */
export class WorkbookError extends Error {
  readonly code: WorkbookErrorCode;
  readonly detail: string | undefined;
  constructor(code: WorkbookErrorCode, message: string, detail?: string) {
    super(message);
    this.name = "WorkbookError";
    this.code = code;
    this.detail = detail;
  }
}

export function isWorkbookError(error: unknown): error is WorkbookError {
  return error instanceof Error && (error as { name?: string }).name === "WorkbookError";
}

export function flagsFromFindings(findings: Finding[], messageOf: (finding: Finding) => string): CellFlag[] {
  return findings.map((finding) => ({
    sheet: finding.sheet,
    cell: finding.cell,
    severity: finding.severity,
    message: messageOf(finding),
    ruleId: finding.ruleId,
    waived: finding.waiver !== undefined,
  }));
}

/** A snapshot and the waivers stored with it, read together. */
export interface WorkbookRead {
  snapshot: WorkbookSnapshot;
  waivers: Waiver[];
}

/** A sheet whose flags could not be shown or removed, and why. */
export interface SkippedSheet {
  sheet: string;
  /** "protected": the sheet is protected against the changes flags need. */
  reason: "protected";
  /** Flagged cells on it that were left without (or with) their flag. */
  cells: number;
}

/** What showing or clearing flags did. */
export interface FlagReport {
  /** Cells now flagged (0 after clearing). */
  flagged: number;
  skipped: SkippedSheet[];
}

/** An edit that was not applied: what the cell held instead, and why. */
export interface SkippedEdit {
  edit: CellEdit;
  /** What the cell holds now (for "protected": what it held, left as it was). */
  found: CellContent;
  /** "changed": the cell no longer holds what the edit expects (someone changed it); "protected": its sheet is protected. */
  reason: "changed" | "protected";
}

/**
 * What applying a batch of edits did. `undo` restores what the applied edits replaced: each
 * undo edit expects what the edit wrote and puts back what was there (value, formula and number
 * format), so applying `undo` skips a cell changed again since, as any edit does.
 */
export interface EditOutcome {
  applied: CellEdit[];
  skipped: SkippedEdit[];
  undo: CellEdit[];
}

export interface WorkbookGateway {
  /** Reads every sheet's used range (values and real addresses). */
  readSnapshot(onProgress?: ProgressListener): Promise<WorkbookSnapshot>;
  /** The snapshot and the stored waivers, in as few round trips as the host allows. */
  readWorkbook(onProgress?: ProgressListener): Promise<WorkbookRead>;
  /** Shows flags without destroying the user's formatting; replaces flags shown before. */
  showFlags(flags: CellFlag[], onProgress?: ProgressListener): Promise<FlagReport>;
  /** Removes every flag this product showed, restoring the cells exactly. */
  clearFlags(): Promise<FlagReport>;
  /** Selects (and scrolls to) one cell. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Waivers stored in the workbook, so they travel with the file. */
  readWaivers(): Promise<Waiver[]>;
  writeWaivers(waivers: Waiver[]): Promise<void>;
  /**
   * Writes cell edits (quick fixes, or their undo): each only when its cell still holds what the
   * edit expects; the others are skipped and returned, so nothing a person typed is lost.
   */
  applyEdits(edits: CellEdit[], onProgress?: ProgressListener): Promise<EditOutcome>;
}
