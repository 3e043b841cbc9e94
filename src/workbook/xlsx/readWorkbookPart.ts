/**
 * The package-level parts: relationships, workbook.xml (sheet list, visibility, date system),
 * styles.xml (which cell formats are dates) — and, when there is no workbook, what the
 * package is instead. Each is streamed through the namespace-aware scanner (readXmlStream.ts)
 * within its own bounds (limits.ts): declared size before inflating, entries while reading.
 */
import { WorkbookError } from "../gateway";
import {
  MAX_CELL_FORMATS,
  MAX_RELATIONSHIPS,
  MAX_RELATIONSHIPS_PART_BYTES,
  MAX_SHEETS,
  MAX_STYLES_PART_BYTES,
  MAX_WORKBOOK_PART_BYTES,
} from "./limits";
import { bytesEqual } from "./readBytes";
import { isBuiltInDateFormat, isDateFormatCode } from "./readDates";
import { GO_ON, NS_PACKAGE_REL, NS_REL, NS_SML, SKIP, XmlHandler, XmlScanner } from "./readXmlStream";
import { findEntry, formatBytes, InflateBudget, readEntryText, streamEntryBytes, ZipEntry, ZipPackage } from "./readZip";

export interface Relationship {
  id: string;
  /** Type URI; compared by its last segment since Strict OOXML uses other namespaces. */
  type: string;
  /** Resolved part name (no leading slash), or the raw target for external links. */
  target: string;
  external: boolean;
}

export function relationshipKind(relationship: Relationship): string {
  const slash = relationship.type.lastIndexOf("/");
  return relationship.type.slice(slash + 1);
}

/** The rels part that belongs to `partName`: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPartName(partName: string): string {
  const slash = partName.lastIndexOf("/");
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Resolves a relationship target against its source part: absolute ("/xl/…") or relative ("worksheets/…", "../…"). */
export function resolveTarget(sourcePart: string, target: string): string {
  const clean = safeDecodeUri(target.replace(/\\/g, "/").split("#")[0] ?? "");
  const base = clean.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const segment of clean.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") base.pop();
    else base.push(segment);
  }
  return base.join("/");
}

/** The scanner's handler for a relationships part. */
class RelationshipsReader implements XmlHandler {
  readonly relationships: Relationship[] = [];
  constructor(private readonly sourcePart: string) {}

  start(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number): number {
    if (scanner.depth === 0) return GO_ON;
    if (ns !== NS_PACKAGE_REL || scanner.depth !== 1 || !bytesEqual(bytes, local, nameEnd, "Relationship")) return SKIP;
    if (this.relationships.length >= MAX_RELATIONSHIPS) {
      throw new WorkbookError("too-large", `The workbook part ${scanner.partName} lists more than ${MAX_RELATIONSHIPS.toLocaleString("en")} relationships.`);
    }
    const id = scanner.attribute(bytes, "Id");
    const type = scanner.attribute(bytes, "Type") ?? "";
    const target = scanner.attribute(bytes, "Target");
    if (id === undefined || target === undefined) return SKIP;
    const external = scanner.attribute(bytes, "TargetMode") === "External";
    this.relationships.push({ id, type, target: external ? target : resolveTarget(this.sourcePart, target), external });
    return SKIP;
  }

  end(): void {}
  text(): void {}
}

/** Streams one part through `handler`, after refusing it from its declared size when over `maxBytes`. */
export function scanPart(
  zip: ZipPackage,
  entry: ZipEntry,
  budget: InflateBudget,
  handler: XmlHandler,
  root: [number, string],
  maxBytes: number,
): void {
  if (entry.size > maxBytes) {
    throw new WorkbookError("too-large", `The workbook part ${entry.name} is ${formatBytes(entry.size)}, over the ${formatBytes(maxBytes)} such a part may have.`);
  }
  const scanner = new XmlScanner(entry.name, handler, root[0], root[1]);
  streamEntryBytes(zip, entry, budget, (bytes, final) => scanner.consume(bytes, final));
  scanner.finish();
}

/** Parses relationships XML held as text (tests; the reader streams the part). */
export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const handler = new RelationshipsReader(sourcePart);
  scanText(xml, relsPartName(sourcePart), handler, [NS_PACKAGE_REL, "Relationships"]);
  return handler.relationships;
}

export function readRelationships(zip: ZipPackage, sourcePart: string, budget: InflateBudget): Relationship[] {
  const entry = findEntry(zip, relsPartName(sourcePart));
  if (!entry) return [];
  const handler = new RelationshipsReader(sourcePart);
  scanPart(zip, entry, budget, handler, [NS_PACKAGE_REL, "Relationships"], MAX_RELATIONSHIPS_PART_BYTES);
  return handler.relationships;
}

/** Scans XML held as text. */
function scanText(xml: string, partName: string, handler: XmlHandler, root: [number, string]): void {
  const scanner = new XmlScanner(partName, handler, root[0], root[1]);
  scanner.consume(new TextEncoder().encode(xml), true);
  scanner.finish();
}

export interface SheetEntry {
  name: string;
  /** Relationship id (r:id) of the sheet's part. */
  relationshipId: string;
  hidden: boolean;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/** GO_ON for a part's root element, SKIP for an element of another namespace, null to look further. */
function rootOrForeign(depth: number, ns: number): number | null {
  if (depth === 0) return GO_ON;
  return ns === NS_SML ? null : SKIP;
}

/** The scanner's handler for the workbook part: the sheet list and the date system. */
class WorkbookReader implements XmlHandler {
  readonly info: WorkbookInfo = { sheets: [], date1904: false };
  private sheetsDepth = 0;

  start(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number, _gt: number, selfClosing: boolean): number {
    const depth = scanner.depth;
    const answer = rootOrForeign(depth, ns);
    if (answer !== null) return answer;
    if (depth === 1) {
      if (bytesEqual(bytes, local, nameEnd, "workbookPr")) {
        this.info.date1904 = isTrue(scanner.attribute(bytes, "date1904"));
        return SKIP;
      }
      if (bytesEqual(bytes, local, nameEnd, "sheets") && !selfClosing) {
        this.sheetsDepth = 2;
        return GO_ON;
      }
      return SKIP;
    }
    if (depth === this.sheetsDepth && bytesEqual(bytes, local, nameEnd, "sheet")) {
      const sheets = this.info.sheets;
      if (sheets.length >= MAX_SHEETS) {
        throw new WorkbookError("too-large", `The workbook lists more than ${MAX_SHEETS.toLocaleString("en")} sheets.`);
      }
      const name = scanner.attribute(bytes, "name");
      // r:id, whatever prefix the relationships namespace is bound to (and only that namespace).
      const relationshipId = scanner.qualifiedAttribute(bytes, NS_REL, "id");
      if (name !== undefined && relationshipId !== undefined) {
        const state = scanner.attribute(bytes, "state");
        sheets.push({ name, relationshipId, hidden: state === "hidden" || state === "veryHidden" });
      }
    }
    return SKIP;
  }

  end(scanner: XmlScanner): void {
    if (scanner.depth === this.sheetsDepth) this.sheetsDepth = 0;
  }

  text(): void {}
}

export function parseWorkbook(xml: string): WorkbookInfo {
  const handler = new WorkbookReader();
  scanText(xml, "xl/workbook.xml", handler, [NS_SML, "workbook"]);
  return handler.info;
}

export function readWorkbookInfo(zip: ZipPackage, entry: ZipEntry, budget: InflateBudget): WorkbookInfo {
  const handler = new WorkbookReader();
  scanPart(zip, entry, budget, handler, [NS_SML, "workbook"], MAX_WORKBOOK_PART_BYTES);
  return handler.info;
}

/**
 * The scanner's handler for styles: for each cellXfs index, the number format id. Only
 * `cellXfs` counts (`cellStyleXfs` also holds `<xf>` elements, for named styles).
 */
class StylesReader implements XmlHandler {
  readonly customFormats = new Map<number, string>();
  readonly formatIds: number[] = [];
  private numFmtsDepth = 0;
  private cellXfsDepth = 0;

  start(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number, _gt: number, selfClosing: boolean): number {
    const depth = scanner.depth;
    const answer = rootOrForeign(depth, ns);
    if (answer !== null) return answer;
    if (depth === 1) {
      if (selfClosing) return SKIP;
      if (bytesEqual(bytes, local, nameEnd, "numFmts")) this.numFmtsDepth = 2;
      else if (bytesEqual(bytes, local, nameEnd, "cellXfs")) this.cellXfsDepth = 2;
      else return SKIP;
      return GO_ON;
    }
    if (depth === this.numFmtsDepth && bytesEqual(bytes, local, nameEnd, "numFmt")) {
      const id = Number(scanner.attribute(bytes, "numFmtId"));
      const code = scanner.attribute(bytes, "formatCode");
      if (Number.isInteger(id) && code !== undefined) {
        if (this.customFormats.size >= MAX_CELL_FORMATS) throw tooManyFormats(scanner.partName);
        this.customFormats.set(id, code);
      }
    } else if (depth === this.cellXfsDepth && bytesEqual(bytes, local, nameEnd, "xf")) {
      if (this.formatIds.length >= MAX_CELL_FORMATS) throw tooManyFormats(scanner.partName);
      this.formatIds.push(Number(scanner.attribute(bytes, "numFmtId") ?? 0));
    }
    return SKIP;
  }

  end(scanner: XmlScanner): void {
    if (scanner.depth === this.numFmtsDepth) this.numFmtsDepth = 0;
    else if (scanner.depth === this.cellXfsDepth) this.cellXfsDepth = 0;
  }

  text(): void {}

  dateStyles(): boolean[] {
    return this.formatIds.map((id) => {
      const custom = this.customFormats.get(id);
      if (custom !== undefined) return isDateFormatCode(custom);
      return isBuiltInDateFormat(id);
    });
  }
}

function tooManyFormats(partName: string): WorkbookError {
  return new WorkbookError("too-large", `The workbook part ${partName} has more than ${MAX_CELL_FORMATS.toLocaleString("en")} cell or number formats.`);
}

/** For each cellXfs index, whether its number format shows a date (styles XML held as text). */
export function parseDateStyles(xml: string): boolean[] {
  const handler = new StylesReader();
  scanText(xml, "xl/styles.xml", handler, [NS_SML, "styleSheet"]);
  return handler.dateStyles();
}

export function readDateStyles(zip: ZipPackage, entry: ZipEntry, budget: InflateBudget): boolean[] {
  const handler = new StylesReader();
  scanPart(zip, entry, budget, handler, [NS_SML, "styleSheet"], MAX_STYLES_PART_BYTES);
  return handler.dateStyles();
}

function readSmallText(zip: ZipPackage, name: string): string | null {
  const entry = findEntry(zip, name);
  if (!entry || entry.size > 1024 * 1024) return null;
  try {
    return readEntryText(zip, entry, new InflateBudget(1024 * 1024));
  } catch {
    return null;
  }
}

/** The error for a zip package that has no workbook part, saying what it is where we can tell. */
export function notAWorkbook(zip: ZipPackage): WorkbookError {
  const mimetype = readSmallText(zip, "mimetype")?.trim() ?? "";
  if (mimetype === "application/vnd.oasis.opendocument.spreadsheet") {
    return new WorkbookError(
      "not-a-workbook",
      "The file is an OpenDocument spreadsheet (.ods) renamed to .xlsx; open it and save it as Excel Workbook (.xlsx).",
    );
  }
  if (mimetype.startsWith("application/vnd.oasis.opendocument.")) {
    return new WorkbookError("not-a-workbook", `The file is an OpenDocument file (${mimetype}), not an Excel workbook.`);
  }
  const contentTypes = readSmallText(zip, "[Content_Types].xml") ?? "";
  if (contentTypes.includes("ms-excel.sheet.binary") || findEntry(zip, "xl/workbook.bin")) {
    return new WorkbookError(
      "not-a-workbook",
      "The file is an Excel binary workbook (.xlsb), which cannot be read; open it in Excel and save it as .xlsx.",
    );
  }
  if (contentTypes.includes("wordprocessingml")) {
    return new WorkbookError("not-a-workbook", "The file is a Word document (.docx), not an Excel workbook.");
  }
  if (contentTypes.includes("presentationml")) {
    return new WorkbookError("not-a-workbook", "The file is a PowerPoint presentation (.pptx), not an Excel workbook.");
  }
  return new WorkbookError("not-a-workbook", "The file is a zip archive but not an Excel workbook (it has no xl/workbook.xml).");
}
