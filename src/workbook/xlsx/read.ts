/**
 * Reads an .xlsx file into a WorkbookSnapshot without Excel and without a DOM: only the parts
 * the checks need (workbook, relationships, shared strings, styles for dates, worksheets) are
 * inflated, and each is scanned without building a document tree (worksheets as raw UTF-8
 * bytes). Browser-safe: no Node modules here (see readFile.ts).
 */
import type { SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import { isWorkbookError, WorkbookError } from "../gateway";
import { DEFAULT_MAX_CELLS, DEFAULT_MAX_INFLATED_BYTES } from "./limits";
import { readSharedStrings } from "./readSharedStrings";
import { CellBudget, SheetReader } from "./readSheet";
import {
  notAWorkbook,
  readDateStyles,
  readRelationships,
  readWorkbookInfo,
  Relationship,
  relationshipKind,
  relsPartName,
} from "./readWorkbookPart";
import { checkDeclaredSizes, findEntry, InflateBudget, InflateRaw, openZipPackage, streamEntryBytes, ZipEntry, ZipPackage } from "./readZip";

export interface ReadWorkbookOptions {
  /** Most bytes the parts read may inflate to, declared or actual. Default 512 MiB. */
  maxInflatedBytes?: number;
  /**
   * Most cells the snapshot may hold, over all sheets, counting each row from column A to its
   * last value (empty cells included) and each row between the first and the last. Default
   * 5,000,000.
   */
  maxCells?: number;
  /** Reads only the worksheets whose name passes; the others are never inflated. */
  sheetFilter?: (name: string) => boolean;
  /** A faster whole-part inflater from the host (readFile.ts: Node's zlib); see InflateRaw. */
  inflateRaw?: InflateRaw;
  /** Also read each formula cell's formula (SheetSnapshot.formulas; quick fixes need them). */
  formulas?: boolean;
}

export { DEFAULT_MAX_CELLS, DEFAULT_MAX_INFLATED_BYTES } from "./limits";

const DEFAULT_WORKBOOK_PART = "xl/workbook.xml";

interface SelectedSheet {
  name: string;
  hidden: boolean;
  entry: ZipEntry;
}

function corrupt(message: string): WorkbookError {
  return new WorkbookError("corrupt", `The workbook file is damaged: ${message}`);
}

function findWorkbookPart(zip: ZipPackage, budget: InflateBudget): { part: string; entry: ZipEntry } {
  const rootRels = findEntry(zip, relsPartName(""));
  if (rootRels) checkDeclaredSizes([rootRels], budget.limit);
  const officeDocument = readRelationships(zip, "", budget).find(
    (relationship) => !relationship.external && relationshipKind(relationship) === "officeDocument",
  );
  for (const part of [officeDocument?.target, DEFAULT_WORKBOOK_PART]) {
    if (part === undefined || part.toLowerCase().endsWith(".bin")) continue;
    const entry = findEntry(zip, part);
    if (entry) return { part: entry.name, entry };
  }
  throw notAWorkbook(zip);
}

function relatedEntry(zip: ZipPackage, relationships: readonly Relationship[], kind: string): ZipEntry | undefined {
  const relationship = relationships.find((candidate) => !candidate.external && relationshipKind(candidate) === kind);
  return relationship ? findEntry(zip, relationship.target) : undefined;
}

function readSheet(
  zip: ZipPackage,
  sheet: SelectedSheet,
  budget: InflateBudget,
  reader: SheetReader,
): SheetSnapshot {
  try {
    streamEntryBytes(zip, sheet.entry, budget, (bytes, final) => reader.consume(bytes, final));
    reader.finish(`the data of sheet "${sheet.name}" is cut short.`);
  } catch (error) {
    if (isWorkbookError(error) && error.code === "corrupt" && !error.message.includes(`"${sheet.name}"`)) {
      throw new WorkbookError("corrupt", `${error.message} (sheet "${sheet.name}")`, error.detail);
    }
    throw error;
  }
  return reader.snapshot(sheet.name, sheet.hidden);
}

function readSnapshot(data: Uint8Array, options: ReadWorkbookOptions): WorkbookSnapshot {
  const maxInflatedBytes = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  const zip = openZipPackage(data, options.inflateRaw);
  const budget = new InflateBudget(maxInflatedBytes);

  const workbook = findWorkbookPart(zip, budget);
  const workbookRels = findEntry(zip, relsPartName(workbook.part));
  checkDeclaredSizes(workbookRels ? [workbook.entry, workbookRels] : [workbook.entry], maxInflatedBytes);
  const info = readWorkbookInfo(zip, workbook.entry, budget);
  const relationships = readRelationships(zip, workbook.part, budget);
  const byId = new Map(relationships.map((relationship) => [relationship.id, relationship]));

  const selected: SelectedSheet[] = [];
  const sheetOfPart = new Map<ZipEntry, string>();
  for (const sheet of info.sheets) {
    const relationship = byId.get(sheet.relationshipId);
    if (!relationship) throw corrupt(`sheet "${sheet.name}" has no part (relationship ${sheet.relationshipId} is missing).`);
    // Chart sheets, dialog sheets and Excel 4 macro sheets hold no cell data to check.
    if (relationshipKind(relationship) !== "worksheet") continue;
    const entry = findEntry(zip, relationship.target);
    // Two sheets over one part: Excel refuses the file (and reading it twice is the cost of a
    // million <sheet> entries pointing at one part).
    const other = entry && sheetOfPart.get(entry);
    if (entry && other !== undefined) throw corrupt(`sheets "${other}" and "${sheet.name}" share one part (${entry.name}).`);
    if (entry) sheetOfPart.set(entry, sheet.name);
    if (options.sheetFilter && !options.sheetFilter(sheet.name)) continue;
    if (!entry) throw corrupt(`the part of sheet "${sheet.name}" (${relationship.target}) is missing.`);
    selected.push({ name: sheet.name, hidden: sheet.hidden, entry });
  }
  if (selected.length === 0) return { sheets: [] };

  const sharedStrings = relatedEntry(zip, relationships, "sharedStrings");
  const styles = relatedEntry(zip, relationships, "styles");
  const parts = [workbook.entry, ...selected.map((sheet) => sheet.entry)];
  if (workbookRels) parts.push(workbookRels);
  if (sharedStrings) parts.push(sharedStrings);
  if (styles) parts.push(styles);
  checkDeclaredSizes(parts, maxInflatedBytes);

  const context = {
    sharedStrings: sharedStrings ? readSharedStrings(zip, sharedStrings, budget, maxCells) : [],
    dateStyles: styles ? readDateStyles(zip, styles, budget) : [],
    date1904: info.date1904,
    budget: { maxCells, cells: 0, slots: 0 } satisfies CellBudget,
    formulas: options.formulas === true,
  };
  return { sheets: selected.map((sheet) => readSheet(zip, sheet, budget, new SheetReader(context, sheet.entry.name))) };
}

/**
 * Reads the values of every worksheet of an .xlsx/.xlsm file. Throws WorkbookError with code
 * "not-a-workbook", "encrypted", "legacy-format", "corrupt" or "too-large"; never hangs or
 * allocates beyond the limits, whatever the file claims.
 */
export async function readWorkbookSnapshot(data: Uint8Array, options: ReadWorkbookOptions = {}): Promise<WorkbookSnapshot> {
  return readWorkbookSnapshotSync(data, options);
}

/** The synchronous core of readWorkbookSnapshot. */
export function readWorkbookSnapshotSync(data: Uint8Array, options: ReadWorkbookOptions = {}): WorkbookSnapshot {
  try {
    return readSnapshot(data, options);
  } catch (error) {
    if (isWorkbookError(error)) throw error;
    // A string or array past the engine's limits: the file is too big to hold, not broken.
    if (error instanceof RangeError) {
      throw new WorkbookError("too-large", "The workbook is too large to read.");
    }
    // Whatever else a library (or a case we did not foresee) throws, the person reads our own
    // line, never a library's words ("undefined entity", "reading 'richText'").
    throw new WorkbookError("corrupt", "The workbook file is damaged: part of it cannot be interpreted.");
  }
}
