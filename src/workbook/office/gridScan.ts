/**
 * What is on the grid before flags are written: the sheets (with their protection), our
 * conditional formats, every note and comment with its cell (ours or a person's) and our
 * bookkeeping setting. The scan is split into phases that queue loads, so that a read of the
 * workbook can carry it in the same syncs (readWorkbook.ts): phase 1 needs nothing, phase 2
 * needs phase 1's answer; `finish` only syncs again when there are more notes or comments than
 * one page (they are then read sheet by sheet, in windows sized by the payload budget).
 */
import { toA1 } from "../../engine/address";
import { parseRangeAddress } from "../addresses";
import { type FlagStyle, isOurAnnotation, markKey, sheetKey, styleOfFormula } from "../flagMarks";
import { utf8Bytes } from "./session";

/** Workbook setting recording the conditional formats and annotations we added (bookkeeping). */
export const FLAG_STATE_SETTING = "alliance-check.flags";

/**
 * Plain data (no proxies): a scan taken in one Excel.run can be used by the write of another,
 * since proxies belong to the request context that made them.
 */
export interface SheetInfo {
  name: string;
  id: string;
  /** Protected against adding or removing conditional formats (no "format cells" permission). */
  formatsLocked: boolean;
  /** Protected against adding or removing notes and comments (no "edit objects" permission). */
  objectsLocked: boolean;
}

export interface FormatInfo {
  sheetKey: string;
  sheetId: string;
  /** The conditional format's id (ConditionalFormatCollection.getItem). */
  id: string;
  /** null: one of ours left without its formula by a failed batch. */
  style: FlagStyle | null;
}

export interface AnnotationInfo {
  kind: "note" | "comment";
  sheet: string;
  cell: string;
  key: string;
  ours: boolean;
  /** A comment's id (CommentCollection.getItem); notes are found by their cell. */
  commentId?: string;
}

export interface GridState {
  sheets: Map<string, SheetInfo>;
  formats: FormatInfo[];
  annotations: AnnotationInfo[];
  /** The bookkeeping setting exists. */
  stateExists: boolean;
}

export interface ScanOptions {
  scanNotes: boolean;
  scanComments: boolean;
  /** Notes or comments read in phase 1; more are read sheet by sheet. */
  pageSize: number;
  /** Ceiling for one answer (bytes). */
  budget: number;
}

/**
 * Notes or comments read in the first sync: a workbook of ordinary size in one go (about 2 KB
 * each fits the payload budget; larger ones make the sync fail on the web, and the scan is
 * retried with pages a tenth of the size). Also bounds the next request, which asks where each
 * one is (about 600 bytes per annotation).
 */
export const DEFAULT_PAGE_SIZE = 2000;

/** What phase 1 loads of each sheet (readWorkbook.ts loads the same, with visibility, on the same collection). */
export const SCAN_SHEET_FIELDS = "items/name,items/id,items/protection/protected,items/protection/options";

type Annotation = Excel.Note | Excel.Comment;

interface LoadedPage {
  kind: "note" | "comment";
  items: Annotation[];
}

export class GridScan {
  private worksheets: Excel.WorksheetCollection | undefined;
  private state: Excel.Setting | undefined;
  private notes: { collection: Excel.NoteCollection; count: OfficeExtension.ClientResult<number> } | undefined;
  private comments: { collection: Excel.CommentCollection; count: OfficeExtension.ClientResult<number> } | undefined;
  private formatLists: { key: string; sheetId: string; formats: Excel.ConditionalFormatCollection }[] = [];
  private located: { page: LoadedPage; locations: Excel.Range[] }[] = [];
  private sheets = new Map<string, SheetInfo>();
  private pagedKinds: ("note" | "comment")[] = [];

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly options: ScanOptions
  ) {}

  /**
   * Sheets with their protection, the setting, and the first page of notes and comments.
   * `worksheets`: the collection when the caller loads it with SCAN_SHEET_FIELDS itself (a
   * collection loaded twice in one sync keeps only the last answer's fields).
   */
  queuePhase1(worksheets?: Excel.WorksheetCollection): void {
    const { workbook } = this.context;
    this.worksheets = worksheets ?? workbook.worksheets.load(SCAN_SHEET_FIELDS);
    this.state = workbook.settings.getItemOrNullObject(FLAG_STATE_SETTING).load("key");
    const top = this.options.pageSize;
    if (this.options.scanNotes) {
      const collection = workbook.notes.load({ select: "content", top });
      this.notes = { collection, count: collection.getCount() };
    }
    if (this.options.scanComments) {
      const collection = workbook.comments.load({ select: "content,id", top });
      this.comments = { collection, count: collection.getCount() };
    }
  }

  /** Our conditional formats on every sheet and where each annotation of the first page is. */
  queuePhase2(): void {
    for (const sheet of this.worksheets!.items) {
      const protection = sheet.protection;
      const locked = protection.protected;
      this.sheets.set(sheetKey(sheet.name), {
        name: sheet.name,
        id: sheet.id,
        formatsLocked: locked && !protection.options.allowFormatCells,
        objectsLocked: locked && !protection.options.allowEditObjects,
      });
      const formats = sheet
        .getRange()
        .conditionalFormats.load("items/id,items/type,items/customOrNullObject/rule/formula");
      this.formatLists.push({ key: sheetKey(sheet.name), sheetId: sheet.id, formats });
    }
    for (const [kind, loaded] of [
      ["note", this.notes],
      ["comment", this.comments],
    ] as const) {
      if (!loaded) continue;
      if (loaded.count.value > loaded.collection.items.length) {
        // More than a page: read them all sheet by sheet in `finish`.
        this.pagedKinds.push(kind);
        continue;
      }
      this.locate({ kind, items: loaded.collection.items });
    }
  }

  /** Reads what phase 1 left (more annotations than a page) and builds the state. */
  async finish(): Promise<GridState> {
    if (this.pagedKinds.length > 0) await this.readPaged();
    const formats: FormatInfo[] = [];
    for (const { key, sheetId, formats: list } of this.formatLists) {
      for (const format of list.items) {
        const custom = format.customOrNullObject;
        if (custom.isNullObject) continue;
        // A custom rule without a formula does nothing and cannot be made in Excel's dialog: one
        // of ours whose batch failed between adding it and setting its formula.
        if (custom.rule.formula === "") formats.push({ sheetKey: key, sheetId, id: format.id, style: null });
        else {
          const style = styleOfFormula(custom.rule.formula);
          if (style !== null) formats.push({ sheetKey: key, sheetId, id: format.id, style });
        }
      }
    }
    const annotations: AnnotationInfo[] = [];
    for (const { page, locations } of this.located) {
      page.items.forEach((item, index) => {
        const bounds = parseRangeAddress(locations[index]!.address);
        if (!bounds?.sheet) return;
        const cell = toA1(bounds.top, bounds.left);
        annotations.push({
          kind: page.kind,
          sheet: bounds.sheet,
          cell,
          key: markKey(bounds.sheet, cell),
          ours: isOurAnnotation(item.content),
          ...(page.kind === "comment" ? { commentId: (item as Excel.Comment).id } : {}),
        });
      });
    }
    return { sheets: this.sheets, formats, annotations, stateExists: !this.state!.isNullObject };
  }

  private locate(page: LoadedPage): void {
    this.located.push({ page, locations: page.items.map((item) => item.getLocation().load("address")) });
  }

  /**
   * Every annotation of the paged kinds, sheet by sheet, in windows of about `budget / 2`
   * bytes (estimated from the first page): each sync reads the next windows and where the
   * previous ones are.
   */
  private async readPaged(): Promise<void> {
    const windows: { kind: "note" | "comment"; sheet: string; skip: number; top: number }[] = [];
    const counts: { kind: "note" | "comment"; sheet: string; count: OfficeExtension.ClientResult<number> }[] = [];
    for (const kind of this.pagedKinds) {
      for (const { name } of this.sheets.values()) {
        const sheet = this.context.workbook.worksheets.getItem(name);
        // eslint-disable-next-line office-addins/load-object-before-read, office-addins/call-sync-before-read -- navigation properties (notes, comments) need no load
        counts.push({ kind, sheet: name, count: (kind === "note" ? sheet.notes : sheet.comments).getCount() });
      }
    }
    await this.context.sync();
    for (const { kind, sheet, count } of counts) {
      const first = kind === "note" ? this.notes!.collection.items : this.comments!.collection.items;
      const perItem = Math.max(
        64,
        Math.ceil(utf8Bytes(first.map((item) => item.content)) / Math.max(first.length, 1)) * 2
      );
      const top = Math.max(1, Math.min(DEFAULT_PAGE_SIZE, Math.floor(this.options.budget / 2 / perItem)));
      for (let skip = 0; skip < count.value; skip += top) windows.push({ kind, sheet, skip, top });
    }
    let pending: LoadedPage[] = [];
    while (windows.length > 0 || pending.length > 0) {
      for (const page of pending) this.locate(page);
      const batch = windows.splice(0, 1);
      const loading = batch.map(({ kind, sheet, skip, top }) => {
        const owner = this.context.workbook.worksheets.getItem(sheet);
        // eslint-disable-next-line office-addins/load-object-before-read, office-addins/call-sync-before-read -- navigation properties (notes, comments) need no load
        const collection = (kind === "note" ? owner.notes : owner.comments).load({
          select: kind === "note" ? "content" : "content,id",
          skip,
          top,
        });
        return { kind, collection };
      });

      await this.context.sync();
      pending = loading.map(({ kind, collection }) => ({ kind, items: collection.items as Annotation[] }));
      if (windows.length === 0) {
        for (const page of pending) this.locate(page);
        pending = [];

        await this.context.sync();
      }
    }
  }
}
