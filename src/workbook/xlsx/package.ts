/**
 * The package (zip) of an .xlsx file: its parts, relationships and content types, read and
 * changed as text. Both the waiver reader/writer (waivers.ts, which the browser preview loads
 * when it opens a workbook) and the layout writer (writeLayout.ts, with ExcelJS and the
 * template layouts) build on it; it imports neither ExcelJS nor the layouts, so opening a
 * workbook does not load them.
 */
import { strFromU8, strToU8, zipSync } from "fflate";
import { decodeXmlText, escapeXml } from "../xmlText";
import { DEFAULT_MAX_INFLATED_BYTES } from "./limits";
import { checkDeclaredSizes, InflateBudget, openZipPackage, readEntryBytes } from "./readZip";
import { attributeValue, elementsOf, openingOf, scanXml, Splicer, XmlEditError, type XmlElementSpan, type XmlTag } from "./xmlEdit";

// ---------------------------------------------------------------------------------------------
// Regex helpers, for XML this product wrote itself (ExcelJS's output, in tests): they do not
// understand comments, CDATA or namespaces. A person's parts are read with xmlEdit.ts.

export function parseAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const start = tag.search(/\s/);
  if (start < 0) return attributes;
  for (const match of tag.slice(start).matchAll(pattern)) attributes.set(match[1]!, decodeXmlText(match[2] ?? match[3] ?? ""));
  return attributes;
}

export interface XmlElement {
  /** The whole element as written. */
  outer: string;
  /** The start tag. */
  start: string;
  /** Text between the start and end tags ("" when self-closing). */
  inner: string;
  index: number;
}

/** Elements with this local name (any prefix); the element must not nest inside itself. */
export function findElements(xml: string, localName: string): XmlElement[] {
  const pattern = new RegExp(`<((?:[\\w.-]+:)?${localName})(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</\\1\\s*>)`, "g");
  const found: XmlElement[] = [];
  for (const match of xml.matchAll(pattern)) {
    const outer = match[0];
    const start = outer.slice(0, outer.indexOf(">") + 1);
    found.push({ outer, start, inner: match[2] ?? "", index: match.index ?? 0 });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The package (zip) of an .xlsx file.

export const NAMESPACES = {
  relationships: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  /** SpreadsheetML, transitional and strict. */
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  strictMain: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  /** r:id and friends, transitional and strict. */
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  strictR: "http://purl.oclc.org/ooxml/officeDocument/relationships",
} as const;

const TRANSITIONAL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const STRICT_TYPE = "http://purl.oclc.org/ooxml/officeDocument/relationships/";

export const RELATIONSHIP_TYPES = {
  officeDocument: `${TRANSITIONAL_TYPE}officeDocument`,
  worksheet: `${TRANSITIONAL_TYPE}worksheet`,
  drawing: `${TRANSITIONAL_TYPE}drawing`,
  chart: `${TRANSITIONAL_TYPE}chart`,
  customXml: `${TRANSITIONAL_TYPE}customXml`,
  customXmlProps: `${TRANSITIONAL_TYPE}customXmlProps`,
} as const;

/**
 * The kind of a relationship ("worksheet", "comments", …) whether the package is transitional or
 * strict OOXML; null for a type outside both.
 */
export function relationshipKind(type: string): string | null {
  if (type.startsWith(TRANSITIONAL_TYPE)) return type.slice(TRANSITIONAL_TYPE.length);
  if (type.startsWith(STRICT_TYPE)) return type.slice(STRICT_TYPE.length);
  return null;
}

/** The relationship type of `kind` ("worksheet", "comments", …) in a transitional or strict package. */
export function relationshipType(kind: string, strict: boolean): string {
  return `${strict ? STRICT_TYPE : TRANSITIONAL_TYPE}${kind}`;
}

export const CONTENT_TYPES = {
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  customXmlProperties: "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
  xml: "application/xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
} as const;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export interface PackageSheet {
  name: string;
  /** Part name, e.g. xl/worksheets/sheet1.xml ("" when the sheet's relationship is missing). */
  part: string;
  /** 0-based position in the workbook (localSheetId). */
  index: number;
  state: string;
  /** The kind of its relationship: "worksheet", "chartsheet", "dialogsheet", …; "" when missing. */
  kind: string;
}

/** Resolves a relationship target against the part that holds the relationship. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = sourcePart.includes("/") ? sourcePart.slice(0, sourcePart.lastIndexOf("/") + 1) : "";
  const segments: string[] = [];
  for (const segment of `${base}${target}`.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The relative target from one part to another (both inside the package). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common += 1;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** The document element of a part, when it is `local` in namespace `ns`; throws otherwise. */
function rootOf(xml: string, part: string, ns: string, local: string): XmlElementSpan {
  const root = elementsOf(xml, part, (tag) => tag.depth === 0)[0];
  if (!root || root.open.ns !== ns || root.open.local !== local) throw new XmlEditError(`${part}: not a <${local}> part`);
  return root;
}

/** `xml` with `element` added as the last child of its document element. */
function appendToRoot(xml: string, root: XmlElementSpan, element: string): string {
  const splicer = new Splicer();
  if (root.close) splicer.insert(root.close.start, element);
  else splicer.replace(root.open.start, root.open.end, `${openingOf(xml.slice(root.open.start, root.open.end))}${element}</${root.open.qname}>`);
  return splicer.apply(xml);
}

/** The relationships in a .rels part, in order (scanned, namespace-aware). */
export function parseRelationships(xml: string, part: string): Relationship[] {
  const relationships: Relationship[] = [];
  rootOf(xml, part, NAMESPACES.relationships, "Relationships");
  scanXml(xml, part, (tag) => {
    if (tag.kind === "end" || tag.depth !== 1 || tag.ns !== NAMESPACES.relationships || tag.local !== "Relationship") return;
    relationships.push({
      id: attributeValue(tag, "Id") ?? "",
      type: attributeValue(tag, "Type") ?? "",
      target: attributeValue(tag, "Target") ?? "",
      external: attributeValue(tag, "TargetMode") === "External",
    });
  });
  return relationships;
}

const EMPTY_RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NAMESPACES.relationships}"></Relationships>`;

function elementIn(root: XmlElementSpan, local: string, attributes: [string, string][]): string {
  const prefix = root.open.prefix === "" ? "" : `${root.open.prefix}:`;
  return `<${prefix}${local}${attributes.map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join("")}/>`;
}

/** The part's text with a relationship added (the part is created when `xml` is undefined). */
export function relationshipsWith(xml: string | undefined, part: string, relationship: Omit<Relationship, "external">): string {
  const text = xml ?? EMPTY_RELATIONSHIPS;
  const root = rootOf(text, part, NAMESPACES.relationships, "Relationships");
  return appendToRoot(text, root, elementIn(root, "Relationship", [["Id", relationship.id], ["Type", relationship.type], ["Target", relationship.target]]));
}

/** Removes the elements matching `match` among the document element's children. */
function withoutChildren(xml: string, part: string, match: (tag: XmlTag) => boolean): string {
  const splicer = new Splicer();
  for (const element of elementsOf(xml, part, (tag) => tag.depth === 1 && match(tag))) splicer.replace(element.open.start, element.end, "");
  return splicer.apply(xml);
}

export function relationshipsWithout(xml: string, part: string, id: string): string {
  return withoutChildren(xml, part, (tag) => tag.ns === NAMESPACES.relationships && tag.local === "Relationship" && attributeValue(tag, "Id") === id);
}

/** Part names compare without regard to ASCII case (OPC). */
export function samePartName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function isOverrideOf(tag: XmlTag, part: string): boolean {
  return tag.ns === NAMESPACES.contentTypes && tag.local === "Override" && samePartName(attributeValue(tag, "PartName") ?? "", `/${part}`);
}

/** The content type of `part`: its override, else the default for its extension. */
export function contentTypeOf(xml: string, part: string): string | undefined {
  let override: string | undefined;
  let byExtension: string | undefined;
  const extension = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  scanXml(xml, "[Content_Types].xml", (tag) => {
    if (tag.kind === "end" || tag.depth !== 1) return;
    if (isOverrideOf(tag, part)) override ??= attributeValue(tag, "ContentType");
    else if (tag.ns === NAMESPACES.contentTypes && tag.local === "Default" && (attributeValue(tag, "Extension") ?? "").toLowerCase() === extension) {
      byExtension ??= attributeValue(tag, "ContentType");
    }
  });
  return override ?? byExtension;
}

export function contentTypesWithOverride(xml: string, part: string, contentType: string): string {
  const root = rootOf(xml, "[Content_Types].xml", NAMESPACES.contentTypes, "Types");
  const without = withoutChildren(xml, "[Content_Types].xml", (tag) => isOverrideOf(tag, part));
  return appendToRoot(without, rootOf(without, "[Content_Types].xml", NAMESPACES.contentTypes, "Types"), elementIn(root, "Override", [["PartName", `/${part}`], ["ContentType", contentType]]));
}

export function contentTypesWithDefault(xml: string, extension: string, contentType: string): string {
  let present = false;
  scanXml(xml, "[Content_Types].xml", (tag) => {
    if (tag.depth === 1 && tag.kind !== "end" && tag.local === "Default" && (attributeValue(tag, "Extension") ?? "").toLowerCase() === extension.toLowerCase()) present = true;
  });
  if (present) return xml;
  const root = rootOf(xml, "[Content_Types].xml", NAMESPACES.contentTypes, "Types");
  return appendToRoot(xml, root, elementIn(root, "Default", [["Extension", extension], ["ContentType", contentType]]));
}

export function contentTypesWithoutOverride(xml: string, part: string): string {
  return withoutChildren(xml, "[Content_Types].xml", (tag) => isOverrideOf(tag, part));
}

/** Sheets listed by a workbook part, in order, with their relationship ids. */
export function parseSheets(xml: string, part: string): { name: string; sheetId: string; state: string; relationshipId: string }[] {
  const sheets: { name: string; sheetId: string; state: string; relationshipId: string }[] = [];
  let inSheets = false;
  scanXml(xml, part, (tag) => {
    const main = tag.ns === NAMESPACES.main || tag.ns === NAMESPACES.strictMain;
    if (tag.depth === 1 && main && tag.local === "sheets") inSheets = tag.kind === "start";
    if (!inSheets || tag.depth !== 2 || tag.kind === "end" || !main || tag.local !== "sheet") return;
    sheets.push({
      name: attributeValue(tag, "name") ?? "",
      sheetId: attributeValue(tag, "sheetId") ?? "",
      state: attributeValue(tag, "state") ?? "visible",
      relationshipId: attributeValue(tag, "id", NAMESPACES.r) ?? attributeValue(tag, "id", NAMESPACES.strictR) ?? "",
    });
  });
  return sheets;
}

/**
 * Parts, relationships and content types of a package. Relationship and content-type parts
 * are read and changed with the namespace-aware scanner (xmlEdit.ts); subclasses say where
 * the parts' bytes live.
 */
export abstract class PackageParts {
  abstract names(): string[];
  /** The stored name of the part `name` names (part names compare case-insensitively), or undefined. */
  abstract find(name: string): string | undefined;
  abstract text(name: string): string | undefined;
  abstract write(name: string, data: string | Uint8Array): void;
  abstract remove(name: string): void;

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  relationships(part: string): Relationship[] {
    const relsName = relsPartOf(part);
    const xml = this.text(relsName);
    return xml === undefined ? [] : parseRelationships(xml, relsName);
  }

  /** Adds a relationship from `part` to `targetPart` (or to an external `targetPart` as given); returns its id. */
  addRelationship(part: string, type: string, targetPart: string): string {
    const relsName = this.find(relsPartOf(part)) ?? relsPartOf(part);
    const used = new Set(this.relationships(part).map((relationship) => relationship.id.toLowerCase()));
    let n = used.size + 1;
    while (used.has(`rid${n}`)) n += 1;
    const id = `rId${n}`;
    this.write(relsName, relationshipsWith(this.text(relsName), relsName, { id, type, target: relativeTarget(part, targetPart) }));
    return id;
  }

  removeRelationship(part: string, id: string): void {
    const relsName = relsPartOf(part);
    const xml = this.text(relsName);
    if (xml !== undefined) this.write(this.find(relsName) ?? relsName, relationshipsWithout(xml, relsName, id));
  }

  /** The part a relationship points at, as stored; undefined for an external or missing target. */
  targetOf(part: string, relationship: Relationship): string | undefined {
    return relationship.external ? undefined : this.find(resolveTarget(part, relationship.target));
  }

  private contentTypes(): string {
    return this.text("[Content_Types].xml") ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${NAMESPACES.contentTypes}"></Types>`;
  }

  contentTypeOf(part: string): string | undefined {
    return contentTypeOf(this.contentTypes(), part);
  }

  addContentTypeOverride(part: string, contentType: string): void {
    this.write("[Content_Types].xml", contentTypesWithOverride(this.contentTypes(), part, contentType));
  }

  addContentTypeDefault(extension: string, contentType: string): void {
    this.write("[Content_Types].xml", contentTypesWithDefault(this.contentTypes(), extension, contentType));
  }

  removeContentTypeOverride(part: string): void {
    this.write("[Content_Types].xml", contentTypesWithoutOverride(this.contentTypes(), part));
  }

  workbookPart(): string {
    const officeDocument = this.relationships("").find((relationship) => relationshipKind(relationship.type) === "officeDocument");
    const target = officeDocument ? resolveTarget("", officeDocument.target) : "xl/workbook.xml";
    return this.find(target) ?? target;
  }

  /** Worksheets (and other sheets) in workbook order, with their parts. */
  sheets(): PackageSheet[] {
    const workbook = this.workbookPart();
    const xml = this.text(workbook);
    if (xml === undefined) return [];
    const relationships = new Map(this.relationships(workbook).map((relationship) => [relationship.id, relationship]));
    return parseSheets(xml, workbook).map((sheet, index) => {
      const relationship = relationships.get(sheet.relationshipId);
      return {
        name: sheet.name,
        part: relationship ? (this.targetOf(workbook, relationship) ?? "") : "",
        index,
        state: sheet.state,
        kind: relationship ? (relationshipKind(relationship.type) ?? "") : "",
      };
    });
  }

  /** The first unused part name like xl/charts/chart{n}.xml. */
  freePartName(prefix: string, suffix: string): string {
    for (let n = 1; ; n += 1) {
      const name = `${prefix}${n}${suffix}`;
      if (!this.has(name)) return name;
    }
  }
}

/** Which parts to unzip, judged from the zip directory alone. */
export type PartFilter = (part: { name: string; size: number; originalSize: number }) => boolean;

/** A package held whole in memory (small packages: waivers, the files ExcelJS writes). */
export class XlsxPackage extends PackageParts {
  private constructor(private readonly files: Map<string, Uint8Array>) {
    super();
  }

  /**
   * Unzips a copy: the caller's bytes are never changed. Every part is inflated, so a package
   * is held to the reader's limits (readZip.ts): declared sizes checked before inflating
   * anything, actual sizes while inflating, `maxInflatedBytes` in all. Throws WorkbookError
   * ("too-large", "corrupt", "not-a-workbook", "encrypted") for what it refuses.
   */
  static open(data: Uint8Array, filter?: PartFilter, maxInflatedBytes = DEFAULT_MAX_INFLATED_BYTES): XlsxPackage {
    const zip = openZipPackage(data);
    const entries = [...zip.entries.values()].filter(
      (entry) => !filter || filter({ name: entry.name, size: entry.compressedSize, originalSize: entry.size }),
    );
    checkDeclaredSizes(entries, maxInflatedBytes);
    const budget = new InflateBudget(maxInflatedBytes);
    const files = new Map<string, Uint8Array>();
    for (const entry of entries) files.set(entry.name, readEntryBytes(zip, entry, budget));
    return new XlsxPackage(files);
  }

  /** An independent copy (parts are replaced, never changed in place, so they are shared). */
  copy(): XlsxPackage {
    return new XlsxPackage(new Map(this.files));
  }

  names(): string[] {
    return [...this.files.keys()];
  }

  find(name: string): string | undefined {
    if (this.files.has(name)) return name;
    return [...this.files.keys()].find((stored) => samePartName(stored, name));
  }

  bytes(name: string): Uint8Array | undefined {
    const stored = this.find(name);
    return stored === undefined ? undefined : this.files.get(stored);
  }

  text(name: string): string | undefined {
    const data = this.bytes(name);
    return data === undefined ? undefined : decodeText(data);
  }

  write(name: string, data: string | Uint8Array): void {
    this.files.set(this.find(name) ?? name, typeof data === "string" ? strToU8(data) : data);
  }

  remove(name: string): void {
    const stored = this.find(name);
    if (stored !== undefined) this.files.delete(stored);
  }

  toBytes(): Uint8Array {
    const entries: Record<string, Uint8Array> = {};
    for (const [name, data] of this.files) entries[name] = data;
    return zipSync(entries, { level: 6 });
  }
}

/** Custom XML parts may be UTF-16 with a byte-order mark. */
export function decodeText(data: Uint8Array): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data.subarray(2));
  const text = strFromU8(data);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
