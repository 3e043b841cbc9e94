/**
 * The package-level parts: relationships, workbook.xml (sheet list, visibility, date system),
 * styles.xml (which cell formats are dates) — and, when there is no workbook, what the
 * package is instead.
 */
import { WorkbookError } from "../gateway";
import { isBuiltInDateFormat, isDateFormatCode } from "./readDates";
import { attribute, forEachTag, plainAttribute } from "./readXml";
import { findEntry, InflateBudget, readEntryText, ZipPackage } from "./readZip";

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

export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const relationships: Relationship[] = [];
  forEachTag(xml, (tag) => {
    if (tag.closing || tag.name !== "Relationship") return;
    const id = plainAttribute(tag.attributes, "Id");
    const type = plainAttribute(tag.attributes, "Type") ?? "";
    const target = plainAttribute(tag.attributes, "Target");
    if (id === undefined || target === undefined) return;
    const external = plainAttribute(tag.attributes, "TargetMode") === "External";
    relationships.push({ id, type, target: external ? target : resolveTarget(sourcePart, target), external });
  });
  return relationships;
}

export function readRelationships(zip: ZipPackage, sourcePart: string, budget: InflateBudget): Relationship[] {
  const entry = findEntry(zip, relsPartName(sourcePart));
  if (!entry) return [];
  return parseRelationships(readEntryText(zip, entry, budget), sourcePart);
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

export function parseWorkbook(xml: string): WorkbookInfo {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  forEachTag(xml, (tag) => {
    if (tag.closing) return;
    if (tag.name === "workbookPr") {
      date1904 = isTrue(attribute(tag.attributes, "date1904"));
    } else if (tag.name === "sheet") {
      const name = plainAttribute(tag.attributes, "name");
      // r:id, whatever prefix the relationships namespace is bound to.
      let relationshipId: string | undefined;
      for (let k = 0; k + 1 < tag.attributes.length; k += 2) {
        const attributeName = tag.attributes[k]!;
        if (attributeName.endsWith(":id")) relationshipId = attribute([attributeName, tag.attributes[k + 1]!], "id");
      }
      if (name === undefined || relationshipId === undefined) return;
      const state = plainAttribute(tag.attributes, "state");
      sheets.push({ name, relationshipId, hidden: state === "hidden" || state === "veryHidden" });
    }
  });
  return { sheets, date1904 };
}

/**
 * For each cellXfs index, whether its number format shows a date. Only `cellXfs` counts
 * (`cellStyleXfs` also holds `<xf>` elements, for named styles).
 */
export function parseDateStyles(xml: string): boolean[] {
  const customFormats = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  let depth = 0;
  forEachTag(xml, (tag) => {
    if (tag.name === "numFmt" && !tag.closing) {
      const id = Number(plainAttribute(tag.attributes, "numFmtId"));
      const code = plainAttribute(tag.attributes, "formatCode");
      if (Number.isInteger(id) && code !== undefined) customFormats.set(id, code);
    } else if (tag.name === "cellXfs") {
      inCellXfs = !tag.closing && !tag.selfClosing;
      depth = 0;
    } else if (inCellXfs && tag.name === "xf") {
      if (!tag.closing && depth === 0) formatIds.push(Number(plainAttribute(tag.attributes, "numFmtId") ?? 0));
      if (!tag.closing && !tag.selfClosing) depth++;
      if (tag.closing) depth--;
    }
  });
  return formatIds.map((id) => {
    const custom = customFormats.get(id);
    if (custom !== undefined) return isDateFormatCode(custom);
    return isBuiltInDateFormat(id);
  });
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
