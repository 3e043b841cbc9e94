/**
 * What the task pane needs from where it runs (Excel or the browser preview): the workbook
 * gateway and the few things only one host can do. Components reach it through context.
 */
import { createContext, useContext } from "react";
import type { Language, ValidationResult } from "../engine/types";
import type { CellFlag, ProgressListener, WorkbookGateway } from "../workbook/gateway";

export type HostKind = "excel" | "preview";

export type LiveStatus = "idle" | "pending" | "running";

export interface LiveValidationRequest {
  /** Reads the workbook, validates, and returns the flags to show. */
  revalidate: () => Promise<CellFlag[]>;
  /** The flags on the grid now (the pane's record), asked before each round writes. */
  shownFlags: () => readonly CellFlag[];
  /** A round wrote these flags. */
  onFlagsShown: (flags: readonly CellFlag[]) => void;
  onStatus: (status: LiveStatus) => void;
  onError: (error: unknown) => void;
}

export interface LiveValidationHandle {
  stop(): Promise<void>;
}

/** A file handed to the person (an export, a copy, a template). */
export interface SavedFile {
  name: string;
  type: string;
  data: Uint8Array | string;
}

/** How an action that produces a workbook ended: written into the open workbook, or downloaded. */
export type Delivery = "written" | "downloaded";

export interface TaskPaneHost {
  kind: HostKind;
  gateway: WorkbookGateway;
  /** The workbook's file name, for export file names and reports. */
  documentName: string;
  /** Live validation (inside Excel only). */
  startLiveValidation?: (request: LiveValidationRequest) => Promise<LiveValidationHandle>;
  /**
   * Whether live validation updates the flags on the grid. False where Excel clears the
   * person's undo stack whenever an add-in writes: the findings list stays current, the flags
   * change when the person asks.
   */
  liveWritesFlags?: boolean;
  /**
   * Whether `saveFile` can hand over a file. False in Office on Mac, whose task pane cannot
   * download: exports are shown for copying instead. Default true.
   */
  canDownload?: boolean;
  /**
   * How flag messages reach the cells: notes (ExcelApi 1.18), threaded comments (1.10), or not at
   * all (colours only; the messages are in the pane). Default "notes".
   */
  cellMessages?: "notes" | "comments" | "none";
  /**
   * Writes the 營運摘要 sheet, or downloads a copy holding it; absent until a writer exists.
   * `checkedBy` (the person's remembered name) goes in 檢核結果's title block; absent, a line to sign.
   */
  generateSummary?: (
    result: ValidationResult,
    language: Language,
    onProgress: ProgressListener,
    checkedBy?: string,
  ) => Promise<Delivery>;
  /** Inserts the template sheets, or downloads a template file; absent until a writer exists. */
  insertTemplate?: (language: Language, onProgress: ProgressListener) => Promise<Delivery>;
  /** Hands a file to the person. */
  saveFile: (file: SavedFile) => void;
  /**
   * Hands over a workbook made by the pane (a round's overview) without touching the open one:
   * inside Excel opened as a new workbook (Excel.createWorkbook), elsewhere downloaded.
   */
  openWorkbook: (file: { name: string; bytes: Uint8Array }) => Promise<"opened" | "downloaded">;
}

const HostContext = createContext<TaskPaneHost | null>(null);

export const HostProvider = HostContext.Provider;

export function useHost(): TaskPaneHost {
  const host = useContext(HostContext);
  if (!host) throw new Error("useHost() needs a <HostProvider> above it");
  return host;
}

export function useGateway(): WorkbookGateway {
  return useHost().gateway;
}
