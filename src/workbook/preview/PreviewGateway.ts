/**
 * The browser preview's workbook: an .xlsx held in memory. Reads go through the fast reader;
 * flags and the selected cell are kept for the preview's grid (which subscribes); waivers are kept
 * in memory and written into every download, so they travel with the file as they do in Excel.
 *
 * The .xlsx code (reader, waiver writer, ExcelJS) is loaded with dynamic import() on first use:
 * inside Excel none of it is downloaded. Opening a workbook loads the reader and the waivers
 * (with the zip package layer, chunk xlsx-package); the layout writer (chunk xlsx-writer, named
 * in webpack.config.js because the annotated copy and the template share it) and ExcelJS load
 * only when a copy or a template is written.
 */
import type { CellContent, CellEdit, Language, ValidationResult, Waiver, WorkbookSnapshot } from "../../engine/types";
import { cellKey, editSnapshot, holdsExpected, snapshotContent } from "../cellEdits";
import {
  type CellFlag,
  type EditOutcome,
  type FlagReport,
  type ProgressListener,
  type WorkbookGateway,
  WorkbookError,
  type WorkbookRead,
} from "../gateway";

export interface ReaderModule {
  readWorkbookSnapshot(data: Uint8Array, options?: { formulas?: boolean }): Promise<WorkbookSnapshot>;
}

export interface WaiversModule {
  readWaiversFromXlsx(data: Uint8Array): Waiver[];
  writeWaiversToXlsx(data: Uint8Array, waivers: readonly Waiver[]): Uint8Array;
}

export interface AnnotatedCopy {
  bytes: Uint8Array;
  /** Content the copy could not keep, one line each in the chosen language. */
  warnings: string[];
}

/** As `alliance-check --annotate`: the language, 營運摘要 or not, and 檢核結果's title block. */
export interface AnnotatedCopyOptions {
  language: Language;
  summary: boolean;
  fileName?: string;
  checkedBy?: string;
}

export interface AnnotateModule {
  writeAnnotatedCopy(data: Uint8Array, result: ValidationResult, options: AnnotatedCopyOptions): Promise<AnnotatedCopy>;
}

export interface FixCopyModule {
  writeFixedCopy(
    data: Uint8Array,
    changes: ReadonlyArray<{ sheet: string; cell: string; before: CellContent; after: CellContent }>,
    options: { language: Language; log: ReadonlyArray<{ sheet: string; cell: string; ruleId: string; before: CellContent; after: CellContent; description: string }>; recalculate: boolean },
  ): Promise<{ bytes: Uint8Array }>;
}

export interface TemplateModule {
  templateBytes(language: Language): Promise<Uint8Array>;
}

/** Where the .xlsx code comes from; tests inject their own. */
export interface PreviewLoaders {
  reader: () => Promise<ReaderModule>;
  waivers: () => Promise<WaiversModule>;
  annotate: () => Promise<AnnotateModule>;
  template: () => Promise<TemplateModule>;
  /** The writer of fixed copies (cells rewritten in place, a 修正紀錄 sheet): loaded once a fix was applied and the file is downloaded. */
  fixCopy?: () => Promise<FixCopyModule>;
}

/** manifest.xml as served beside the task pane (the build copies it), or null where there is none. */
async function manifestText(): Promise<string | null> {
  if (typeof fetch !== "function") return null;
  try {
    const response = await fetch("manifest.xml");
    if (!response.ok) return null;
    const text = await response.text();
    return text.includes("<OfficeApp") ? text : null;
  } catch {
    return null;
  }
}

export const defaultPreviewLoaders: PreviewLoaders = {
  reader: () => import(/* webpackChunkName: "xlsx-reader" */ "../xlsx/read"),
  waivers: () => import(/* webpackChunkName: "xlsx-waivers" */ "../xlsx/waivers"),
  annotate: () => import(/* webpackChunkName: "xlsx-annotate" */ "../xlsx/annotate"),
  fixCopy: () => import(/* webpackChunkName: "xlsx-fixcopy" */ "../xlsx/fixCopy"),
  template: async () => {
    // No chunk names here: the template layouts are already in the first chunk (the Office
    // gateway writes the template too), and webpack.config.js puts writeLayout in xlsx-writer.
    const [{ templateLayouts }, { writeLayoutsToNewWorkbook }, webExtension] = await Promise.all([
      import("../../layouts/template"),
      import("../xlsx/writeLayout"),
      import("../xlsx/webExtension"),
    ]);
    return {
      templateBytes: async (language) => {
        const bytes = await writeLayoutsToNewWorkbook(templateLayouts(language));
        // The task pane opens by itself with the template: the add-in's id from the manifest served beside the page.
        const manifest = await manifestText();
        return manifest === null ? bytes : webExtension.withAutoShowTaskPane(bytes, webExtension.addinIdentityFromManifest(manifest));
      },
    };
  },
};

/** The cell the grid should show, with a serial so selecting the same cell again scrolls again. */
export interface PreviewSelection {
  sheet: string;
  cell: string;
  serial: number;
}

export interface PreviewState {
  fileName: string;
  snapshot: WorkbookSnapshot;
  flags: readonly CellFlag[];
  selection: PreviewSelection | null;
  waivers: readonly Waiver[];
}

/** Files larger than this are refused before reading (the reader has its own limits too). */
export const MAX_PREVIEW_BYTES = 100 * 1024 * 1024;

export class PreviewGateway implements WorkbookGateway {
  private readonly data: Uint8Array;
  private readonly loaders: PreviewLoaders;
  private state: PreviewState;
  private waiversChanged = false;
  /** Number formats the edits set, by cellKey (the snapshot carries none). */
  private formats = new Map<string, string>();
  /** Every edit applied and undone, in order. */
  private editLog: CellEdit[] = [];
  /** What each edited cell held when the file was opened, by cellKey. */
  private originals = new Map<string, { sheet: string; cell: string; content: CellContent }>();
  private serial = 0;
  private readonly listeners = new Set<() => void>();

  private constructor(data: Uint8Array, state: PreviewState, loaders: PreviewLoaders) {
    this.data = data;
    this.state = state;
    this.loaders = loaders;
  }

  /** Reads the workbook and its stored waivers. Throws WorkbookError when it cannot be read. */
  static async open(data: Uint8Array, fileName: string, loaders: PreviewLoaders = defaultPreviewLoaders): Promise<PreviewGateway> {
    if (data.byteLength > MAX_PREVIEW_BYTES) throw new WorkbookError("too-large", `${fileName} is larger than ${MAX_PREVIEW_BYTES} bytes`);
    const [reader, waiverModule] = await Promise.all([loaders.reader(), loaders.waivers()]);
    // With formulas, as Excel's reader: a fix writes a formula where the workbook uses one.
    const snapshot = await reader.readWorkbookSnapshot(data, { formulas: true });
    const waivers = waiverModule.readWaiversFromXlsx(data);
    return new PreviewGateway(data, { fileName, snapshot, flags: [], selection: null, waivers }, loaders);
  }

  get fileName(): string {
    return this.state.fileName;
  }

  /** The current state (a new object after every change, for useSyncExternalStore). */
  getState = (): PreviewState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async readSnapshot(onProgress?: ProgressListener): Promise<WorkbookSnapshot> {
    onProgress?.({ stage: "read", fraction: 1 });
    return this.state.snapshot;
  }

  async readWorkbook(onProgress?: ProgressListener): Promise<WorkbookRead> {
    return { snapshot: await this.readSnapshot(onProgress), waivers: await this.readWaivers() };
  }

  async showFlags(flags: CellFlag[], onProgress?: ProgressListener): Promise<FlagReport> {
    this.update({ flags: [...flags] });
    onProgress?.({ stage: "flags", fraction: 1 });
    return { flagged: new Set(flags.map((flag) => `${flag.sheet}!${flag.cell}`)).size, skipped: [] };
  }

  async clearFlags(): Promise<FlagReport> {
    this.update({ flags: [] });
    return { flagged: 0, skipped: [] };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    if (!this.state.snapshot.sheets.some((candidate) => candidate.name === sheet)) {
      throw new WorkbookError("not-found", `the workbook has no sheet "${sheet}"`);
    }
    this.serial += 1;
    this.update({ selection: { sheet, cell, serial: this.serial } });
  }

  async readWaivers(): Promise<Waiver[]> {
    return [...this.state.waivers];
  }

  async writeWaivers(waivers: Waiver[]): Promise<void> {
    this.waiversChanged = true;
    this.update({ waivers: [...waivers] });
  }

  /**
   * Applies edits to the workbook held in memory: each only where its cell holds what the edit
   * expects (cellEdits.ts), as in Excel. The grid and the next check see the result.
   */
  async applyEdits(edits: CellEdit[], onProgress?: ProgressListener): Promise<EditOutcome> {
    onProgress?.({ stage: "fix", fraction: 0 });
    const { outcome, snapshot, formats } = editSnapshot(this.state.snapshot, edits, this.formats);
    for (const edit of outcome.undo) {
      const key = cellKey(edit.sheet, edit.cell);
      if (!this.originals.has(key)) this.originals.set(key, { sheet: edit.sheet, cell: edit.cell.toUpperCase(), content: edit.next });
    }
    if (outcome.applied.length > 0) {
      this.formats = formats;
      this.editLog = [...this.editLog, ...outcome.applied];
      this.update({ snapshot });
    }
    onProgress?.({ stage: "fix", fraction: 1 });
    return outcome;
  }

  /** The edits applied so far (fixes and undos, in order). */
  get appliedEdits(): readonly CellEdit[] {
    return this.editLog;
  }

  /** The cells the preview changed (fixes not undone): what they held when opened, and now. */
  cellChanges(): Array<{ sheet: string; cell: string; before: CellContent; after: CellContent }> {
    const changes: Array<{ sheet: string; cell: string; before: CellContent; after: CellContent }> = [];
    for (const { sheet, cell, content } of this.originals.values()) {
      const now = snapshotContent(this.state.snapshot, sheet, cell, this.formats);
      if (now && !(holdsExpected(content, now) && holdsExpected(now, content))) changes.push({ sheet, cell, before: content, after: now });
    }
    return changes;
  }

  /**
   * The workbook as a file, with the waivers made in the preview stored in it and the cells the
   * quick fixes changed rewritten (with a 修正紀錄 / Fix log sheet listing them, in `language`).
   */
  async currentBytes(language: Language = "zh-TW"): Promise<Uint8Array> {
    let bytes = this.data;
    if (this.waiversChanged) {
      const { writeWaiversToXlsx } = await this.loaders.waivers();
      bytes = writeWaiversToXlsx(bytes, this.state.waivers);
    }
    const changes = this.cellChanges();
    if (changes.length === 0 || !this.loaders.fixCopy) return bytes;
    const { writeFixedCopy } = await this.loaders.fixCopy();
    const log = changes.map((change) => ({ ...change, ruleId: "", description: "" }));
    return (await writeFixedCopy(bytes, changes, { language, log, recalculate: true })).bytes;
  }

  /** What `alliance-check FILE --annotate OUT [--summary]` writes, for this workbook and result. */
  async annotatedCopy(result: ValidationResult, options: AnnotatedCopyOptions): Promise<AnnotatedCopy> {
    const [bytes, annotate] = await Promise.all([this.currentBytes(options.language), this.loaders.annotate()]);
    return annotate.writeAnnotatedCopy(bytes, result, options);
  }

  /** A blank template workbook built from the template layouts. */
  async templateBytes(language: Language): Promise<Uint8Array> {
    const template = await this.loaders.template();
    return template.templateBytes(language);
  }

  private update(change: Partial<PreviewState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
