/**
 * Writing flags: our conditional formats (one per sheet and style, on many cells at once through
 * `getRanges`) and a note or comment with the messages on each flagged cell, from a GridState
 * (gridScan.ts) read just before. Conditional formats leave the cells' own formatting alone; a
 * cell with a person's note or comment gets no note from us; a protected sheet is left as it is
 * and reported. Writes go out in payload-sized syncs (one for a workbook of ordinary size).
 */
import { sheetReference, toA1 } from "../../engine/address";
import { cellAreas, joinAreas, parseRangeAddress } from "../addresses";
import {
  type CellMark,
  FLAG_FORMATS,
  type FlagStyle,
  isOurAnnotation,
  markerFormula,
  markKey,
  sheetKey,
  styleKey,
} from "../flagMarks";
import type { ProgressListener, SkippedSheet } from "../gateway";
import { FLAG_STATE_SETTING, type GridState, type SheetInfo } from "./gridScan";
import { officeErrorCode } from "./officeErrors";
import { type AnnotationKind, BudgetedWriter, type WriteProgress } from "./session";

/**
 * Longest address string we send to `getRanges`. Excel documents 8,192 characters for
 * `getRange`; `getRanges` does not say, so we stay well under it.
 */
export const MAX_AREAS_ADDRESS = 4000;

/** What `FLAG_STATE_SETTING` holds: which ranges and cells we marked, per sheet (bookkeeping for people and tools). */
export interface FlagState {
  version: 1;
  annotations: AnnotationKind;
  sheets: Record<string, { formats: Partial<Record<FlagStyle, string[]>>; annotated: string[] }>;
}

export interface MarkRequest {
  /** Every mark that should be on the grid afterwards. */
  next: CellMark[];
  /** styleKey()s to rebuild; null: all of ours, on every sheet. */
  styles: ReadonlySet<string> | null;
  /** markKey()s whose annotation to replace; null: all of ours. */
  cells: ReadonlySet<string> | null;
}

export interface MarkOptions {
  annotate: AnnotationKind;
  budget: number;
  onProgress?: ProgressListener | undefined;
  /** Told of every sync that carries writes. */
  progress?: WriteProgress | undefined;
}

export interface MarkOutcome {
  flagged: number;
  skipped: SkippedSheet[];
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

/** Codes Excel may give for a comment it refuses on a cell (one holding a note it could not show us, say). */
const REFUSED_COMMENT_CODES = new Set(["InvalidArgument", "InvalidOperation", "GeneralException"]);

/** Gives up after skipping this many refused cells: something else is wrong. */
const MAX_REFUSED_COMMENTS = 20;

async function ourCommentCells(context: Excel.RequestContext): Promise<Set<string>> {
  const comments = context.workbook.comments.load("items/content");
  await context.sync();
  const locations = comments.items.map((comment) => ({ comment, location: comment.getLocation().load("address") }));
  await context.sync();
  const cells = new Set<string>();
  for (const { comment, location } of locations) {
    if (!isOurAnnotation(comment.content)) continue;
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
 * Removes our conditional formats and annotations in scope and adds the new ones, from `grid`.
 * Returns the cells flagged and the sheets left alone because they are protected.
 */
export async function writeMarks(
  context: Excel.RequestContext,
  grid: GridState,
  request: MarkRequest,
  options: MarkOptions
): Promise<MarkOutcome> {
  const { workbook } = context;
  const sheetOf = (name: string): SheetInfo | undefined => grid.sheets.get(sheetKey(name));
  // Proxies of this request context, made from the scan's plain data.
  const proxies = new Map<string, Excel.Worksheet>();
  const worksheet = (id: string): Excel.Worksheet => {
    let proxy = proxies.get(id);
    if (!proxy) {
      proxy = workbook.worksheets.getItem(id);
      proxies.set(id, proxy);
    }
    return proxy;
  };
  const byKey = new Map([...grid.sheets.values()].map((sheet) => [sheetKey(sheet.name), sheet]));
  const skipped = new Map<string, SkippedSheet>();
  const skip = (sheet: SheetInfo, cells: number): void => {
    const entry = skipped.get(sheet.id) ?? { sheet: sheet.name, reason: "protected" as const, cells: 0 };
    entry.cells += cells;
    skipped.set(sheet.id, entry);
  };

  const writer = new BudgetedWriter(context, options.budget, options.progress);

  // Our conditional formats in scope (and any left half-written by a failed batch) go.
  for (const format of grid.formats) {
    const sheet = byKey.get(format.sheetKey);
    if (format.style !== null && request.styles !== null && !request.styles.has(`${format.sheetKey}|${format.style}`))
      continue;
    if (sheet?.formatsLocked) continue;
    await writer.add(1, format.id, () =>
      worksheet(format.sheetId).getRange().conditionalFormats.getItem(format.id).delete()
    );
  }

  // Our notes and comments in scope go; a person's mark their cell as taken.
  const personAnnotated = new Set<string>();
  for (const annotation of grid.annotations) {
    if (!annotation.ours) {
      personAnnotated.add(annotation.key);
      continue;
    }
    if (request.cells !== null && !request.cells.has(annotation.key)) continue;
    const sheet = sheetOf(annotation.sheet);
    if (!sheet || sheet.objectsLocked) continue;
    if (annotation.kind === "comment" && annotation.commentId !== undefined) {
      const id = annotation.commentId;
      await writer.add(1, id, () => workbook.comments.getItem(id).delete());
    } else {
      // By cell, not by position in the collection: positions shift as notes are deleted.
      const cell = annotation.cell;
      await writer.add(1, cell, () => worksheet(sheet.id).notes.getItem(cell).delete());
    }
  }

  // The new conditional formats: one per sheet and style, on as few address strings as fit.
  const groups = new Map<string, { sheet: SheetInfo; style: FlagStyle; marks: CellMark[] }>();
  let flagged = 0;
  for (const mark of request.next) {
    const sheet = sheetOf(mark.sheet);
    if (!sheet) continue;
    if (sheet.formatsLocked) {
      skip(sheet, 1);
      continue;
    }
    flagged += 1;
    const key = styleKey(mark.sheet, mark.style);
    const group = groups.get(key) ?? { sheet, style: mark.style, marks: [] };
    group.marks.push(mark);
    groups.set(key, group);
  }
  const flagState: FlagState = { version: 1, annotations: options.annotate, sheets: {} };
  const sheetState = (name: string): FlagState["sheets"][string] =>
    (flagState.sheets[name] ??= { formats: {}, annotated: [] });
  for (const [key, { sheet, style, marks }] of groups) {
    const addresses = joinAreas(cellAreas(marks), MAX_AREAS_ADDRESS);
    sheetState(sheet.name).formats[style] = addresses;
    if (request.styles !== null && !request.styles.has(key)) continue;
    for (const address of addresses)
      await writer.add(5, address, () => addFlagFormat(worksheet(sheet.id), address, style));
  }

  const pendingComments: { key: string; sheet: string; cell: string; text: string }[] = [];
  if (options.annotate !== "none") {
    for (const mark of request.next) {
      const sheet = sheetOf(mark.sheet);
      const key = markKey(mark.sheet, mark.cell);
      if (!sheet || sheet.objectsLocked || sheet.formatsLocked || personAnnotated.has(key)) continue;
      sheetState(sheet.name).annotated.push(mark.cell);
      if (request.cells !== null && !request.cells.has(key)) continue;
      if (options.annotate === "notes")
        await writer.add(1, mark.note, () => worksheet(sheet.id).notes.add(mark.cell, mark.note));
      else pendingComments.push({ key, sheet: sheet.name, cell: mark.cell, text: mark.note });
    }
  }

  const writeState = async (target: BudgetedWriter, refused: ReadonlySet<string>): Promise<void> => {
    if (request.next.length > 0) {
      for (const [name, entry] of Object.entries(flagState.sheets)) {
        entry.annotated = entry.annotated.filter((cell) => !refused.has(markKey(name, cell)));
      }
      await target.add(1, JSON.stringify(flagState), () => workbook.settings.add(FLAG_STATE_SETTING, flagState));
    } else if (grid.stateExists) {
      await target.add(1, "", () => workbook.settings.getItemOrNullObject(FLAG_STATE_SETTING).delete());
    }
  };
  if (pendingComments.length === 0) {
    await writeState(writer, new Set());
    await writer.flush();
  } else {
    await writer.flush();
    await addComments(context, pendingComments, options.budget, writeState, options.progress);
  }

  // Flags of ours that stay on protected sheets when clearing.
  if (request.next.length === 0) {
    for (const format of grid.formats) {
      const sheet = byKey.get(format.sheetKey);
      if (sheet?.formatsLocked) skip(sheet, 0);
    }
  }
  return { flagged, skipped: [...skipped.values()] };
}
