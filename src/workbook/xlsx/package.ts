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

// ---------------------------------------------------------------------------------------------
// XML text helpers. The parts handled here are small and regular; a regex reading keeps the
// module free of a DOM so that it runs in Node and in the browser alike.

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

export const RELATIONSHIP_TYPES = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  customXml: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
  customXmlProps: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps",
} as const;

export const CONTENT_TYPES = {
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  customXmlProperties: "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
  xml: "application/xml",
} as const;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export interface PackageSheet {
  name: string;
  /** Part name, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  /** 0-based position in the workbook (localSheetId). */
  index: number;
  state: string;
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
function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common += 1;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** Which parts to unzip, judged from the zip directory alone. */
export type PartFilter = (part: { name: string; size: number; originalSize: number }) => boolean;

export class XlsxPackage {
  private constructor(private readonly files: Map<string, Uint8Array>) {}

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

  has(name: string): boolean {
    return this.files.has(name);
  }

  bytes(name: string): Uint8Array | undefined {
    return this.files.get(name);
  }

  text(name: string): string | undefined {
    const data = this.files.get(name);
    return data === undefined ? undefined : decodeText(data);
  }

  write(name: string, data: string | Uint8Array): void {
    this.files.set(name, typeof data === "string" ? strToU8(data) : data);
  }

  remove(name: string): void {
    this.files.delete(name);
  }

  toBytes(): Uint8Array {
    const entries: Record<string, Uint8Array> = {};
    for (const [name, data] of this.files) entries[name] = data;
    return zipSync(entries, { level: 6 });
  }

  relationships(part: string): Relationship[] {
    const xml = this.text(relsPartOf(part));
    if (xml === undefined) return [];
    return findElements(xml, "Relationship").map((element) => {
      const attributes = parseAttributes(element.start);
      return {
        id: attributes.get("Id") ?? "",
        type: attributes.get("Type") ?? "",
        target: attributes.get("Target") ?? "",
        external: attributes.get("TargetMode") === "External",
      };
    });
  }

  /** Adds a relationship from `part` to `targetPart`; returns its id. */
  addRelationship(part: string, type: string, targetPart: string): string {
    const relsName = relsPartOf(part);
    const xml =
      this.text(relsName) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const used = new Set(this.relationships(part).map((relationship) => relationship.id));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n += 1;
    const id = `rId${n}`;
    const element = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(relativeTarget(part, targetPart))}"/>`;
    this.write(
      relsName,
      xml.includes("</Relationships>")
        ? xml.replace("</Relationships>", `${element}</Relationships>`)
        : xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${element}</Relationships>`),
    );
    return id;
  }

  removeRelationship(part: string, id: string): void {
    const relsName = relsPartOf(part);
    const xml = this.text(relsName);
    if (xml === undefined) return;
    const element = findElements(xml, "Relationship").find((candidate) => parseAttributes(candidate.start).get("Id") === id);
    if (element) this.write(relsName, xml.replace(element.outer, ""));
  }

  addContentTypeOverride(part: string, contentType: string): void {
    const xml = this.text("[Content_Types].xml") ?? "";
    const partName = `/${part}`;
    if (findElements(xml, "Override").some((element) => parseAttributes(element.start).get("PartName") === partName)) return;
    this.write("[Content_Types].xml", xml.replace("</Types>", `<Override PartName="${escapeXml(partName)}" ContentType="${contentType}"/></Types>`));
  }

  addContentTypeDefault(extension: string, contentType: string): void {
    const xml = this.text("[Content_Types].xml") ?? "";
    if (findElements(xml, "Default").some((element) => parseAttributes(element.start).get("Extension")?.toLowerCase() === extension)) return;
    this.write("[Content_Types].xml", xml.replace(/<Types([^>]*)>/, `<Types$1><Default Extension="${extension}" ContentType="${contentType}"/>`));
  }

  removeContentTypeOverride(part: string): void {
    const xml = this.text("[Content_Types].xml");
    if (xml === undefined) return;
    const element = findElements(xml, "Override").find((candidate) => parseAttributes(candidate.start).get("PartName") === `/${part}`);
    if (element) this.write("[Content_Types].xml", xml.replace(element.outer, ""));
  }

  workbookPart(): string {
    const officeDocument = this.relationships("").find((relationship) => relationship.type === RELATIONSHIP_TYPES.officeDocument);
    return officeDocument ? resolveTarget("", officeDocument.target) : "xl/workbook.xml";
  }

  /** Worksheets (and other sheets) in workbook order, with their parts. */
  sheets(): PackageSheet[] {
    const workbook = this.workbookPart();
    const xml = this.text(workbook) ?? "";
    const relationships = new Map(this.relationships(workbook).map((relationship) => [relationship.id, relationship]));
    return findElements(xml, "sheet").map((element, index) => {
      const attributes = parseAttributes(element.start);
      const idAttribute = [...attributes.keys()].find((key) => /(^|:)id$/.test(key) && key !== "sheetId");
      const relationship = relationships.get(idAttribute === undefined ? "" : (attributes.get(idAttribute) ?? ""));
      return {
        name: attributes.get("name") ?? "",
        part: relationship ? resolveTarget(workbook, relationship.target) : "",
        index,
        state: attributes.get("state") ?? "visible",
      };
    });
  }

  /** The first unused part name like xl/charts/chart{n}.xml. */
  freePartName(prefix: string, suffix: string): string {
    for (let n = 1; ; n += 1) {
      const name = `${prefix}${n}${suffix}`;
      if (!this.files.has(name)) return name;
    }
  }
}

/** Custom XML parts may be UTF-16 with a byte-order mark. */
export function decodeText(data: Uint8Array): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data.subarray(2));
  const text = strFromU8(data);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
