/**
 * The styles part of the annotated copy: the person's styles kept as written, with what the copy
 * needs appended — a fill per flag colour and, for every style a flagged cell had, a copy of it
 * with that fill; and the styles of the sheets we generate (written by ExcelJS in a workbook of
 * their own), whose fonts, fills, borders and number formats are appended and renumbered.
 */
import { escapeXml } from "../xmlText";
import { NAMESPACES } from "./package";
import { attributeValue, editStartTag, elementsOf, openingOf, Splicer, XmlEditError, type XmlElementSpan } from "./xmlEdit";

/** The children of styleSheet, in the schema's order. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"] as const;
type Container = (typeof ORDER)[number];

/** What a container holds: numFmt for numFmts, font for fonts, … */
const ITEM: Partial<Record<Container, string>> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellStyleXfs: "xf",
  cellXfs: "xf",
};

const MINIMAL: Partial<Record<Container, string[]>> = {
  fonts: ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'],
  fills: ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'],
  borders: ["<border><left/><right/><top/><bottom/><diagonal/></border>"],
  cellXfs: ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'],
};

export function minimalStylesPart(ns: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}"/>`;
}

/** An item to append: `own` when copied from this part (written as it was), else unprefixed SpreadsheetML. */
interface Added {
  text: string;
  own: boolean;
}

interface Item {
  /** The element as written. */
  outer: string;
  span: XmlElementSpan;
}

/** A styles part read once: its containers and their items, with positions in `xml`. */
export class StylesPart {
  readonly ns: string;
  readonly root: XmlElementSpan;
  readonly containers = new Map<Container, { span: XmlElementSpan; items: Item[] }>();

  constructor(
    readonly xml: string,
    readonly part: string,
  ) {
    const spans = elementsOf(xml, part, (tag) => tag.depth <= 2);
    const root = spans[0];
    if (!root || root.open.depth !== 0 || root.open.local !== "styleSheet" || (root.open.ns !== NAMESPACES.main && root.open.ns !== NAMESPACES.strictMain)) {
      throw new XmlEditError(`${part}: not a styles part`);
    }
    this.root = root;
    this.ns = root.open.ns;
    let current: { span: XmlElementSpan; items: Item[] } | null = null;
    let currentName: Container | null = null;
    for (const span of spans.slice(1)) {
      if (span.open.ns !== this.ns) {
        if (span.open.depth === 1) current = null;
        continue;
      }
      if (span.open.depth === 1) {
        const name = ORDER.find((candidate) => candidate === span.open.local) ?? null;
        current = name && !this.containers.has(name) ? { span, items: [] } : null;
        currentName = name;
        if (current && name) this.containers.set(name, current);
      } else if (current && currentName && span.open.local === ITEM[currentName]) {
        current.items.push({ outer: xml.slice(span.open.start, span.end), span });
      }
    }
  }

  items(container: Container): Item[] {
    return this.containers.get(container)?.items ?? [];
  }
}

/** Appends to a person's styles part; `finish()` gives the part's new text. */
export class StylesEditor {
  private readonly added = new Map<Container, Added[]>();
  private readonly flagFills = new Map<string, number>();
  private readonly flagXfs = new Map<string, number>();
  private readonly imported = new Map<string, number>();
  private nextNumFmt: number;
  private readonly numFmtByCode = new Map<string, number>();

  constructor(private readonly styles: StylesPart) {
    let highest = 163;
    for (const item of styles.items("numFmts")) {
      const id = Number(attributeValue(item.span.open, "numFmtId"));
      const code = attributeValue(item.span.open, "formatCode");
      if (Number.isInteger(id)) highest = Math.max(highest, id);
      if (code !== undefined && Number.isInteger(id)) this.numFmtByCode.set(code, id);
    }
    this.nextNumFmt = highest + 1;
  }

  /** How many items `container` holds, with the minimal ones a missing container gets. */
  private count(container: Container): number {
    const present = this.styles.containers.has(container) ? this.styles.items(container).length : (MINIMAL[container]?.length ?? 0);
    return present + (this.added.get(container)?.length ?? 0);
  }

  private append(container: Container, element: string | Added): number {
    const index = this.count(container);
    const list = this.added.get(container) ?? [];
    list.push(typeof element === "string" ? { text: element, own: false } : element);
    this.added.set(container, list);
    return index;
  }

  /** The xf (as written) at `index` of cellXfs, or the default one. */
  private baseXf(index: number): { text: string; span: XmlElementSpan | null } {
    const items = this.styles.items("cellXfs");
    const item = items[index] ?? items[0];
    return item ? { text: item.outer, span: item.span } : { text: MINIMAL.cellXfs![0]!, span: null };
  }

  /** A cellXfs index: style `index` with a solid fill of `rgb` ("FDE7E9"). */
  withFill(index: number, rgb: string): number {
    const key = `${index}|${rgb}`;
    const known = this.flagXfs.get(key);
    if (known !== undefined) return known;
    let fill = this.flagFills.get(rgb);
    if (fill === undefined) {
      fill = this.append("fills", `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/></patternFill></fill>`);
      this.flagFills.set(rgb, fill);
    }
    const base = this.baseXf(index);
    const changes = new Map([
      ["fillId", String(fill)],
      ["applyFill", "1"],
    ]);
    const xf = base.span ? this.relative(base.span, changes) : `<xf numFmtId="0" fontId="0" fillId="${fill}" borderId="0" applyFill="1"/>`;
    const created = this.append("cellXfs", xf);
    this.flagXfs.set(key, created);
    return created;
  }

  /** A cellXfs index: style `index` with the built-in number format `numFmtId` (49: text, "@"). */
  withNumberFormat(index: number, numFmtId: number): number {
    const key = `${index}|numFmt${numFmtId}`;
    const known = this.flagXfs.get(key);
    if (known !== undefined) return known;
    const base = this.baseXf(index);
    const changes = new Map([
      ["numFmtId", String(numFmtId)],
      ["applyNumberFormat", "1"],
    ]);
    const xf = base.span ? this.relative(base.span, changes) : `<xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>`;
    const created = this.append("cellXfs", xf);
    this.flagXfs.set(key, created);
    return created;
  }

  /** The item at `span` of this part, its start tag changed (it goes back into the same container). */
  private relative(span: XmlElementSpan, changes: ReadonlyMap<string, string>): Added {
    const xml = this.styles.xml;
    return { text: `${editStartTag(xml, span.open, changes)}${xml.slice(span.open.end, span.end)}`, own: true };
  }

  /**
   * A cellXfs index in this part for style `index` of `source` (a styles part ExcelJS wrote):
   * its font, fill, border and number format appended (once each) and the xf renumbered.
   */
  importXf(source: StylesPart, index: number): number {
    const key = String(index);
    const known = this.imported.get(key);
    if (known !== undefined) return known;
    const xf = source.items("cellXfs")[index];
    if (!xf) return 0;
    const tag = xf.span.open;
    const pick = (container: Container, attribute: string): string | null => {
      const id = Number(attributeValue(tag, attribute) ?? "0");
      const item = source.items(container)[id];
      if (!item) return null;
      const memo = `${container}|${item.outer}`;
      const done = this.imported.get(memo);
      if (done !== undefined) return String(done);
      const at = this.append(container, item.outer);
      this.imported.set(memo, at);
      return String(at);
    };
    const changes = new Map<string, string>();
    for (const [container, attribute] of [
      ["fonts", "fontId"],
      ["fills", "fillId"],
      ["borders", "borderId"],
    ] as const) {
      const id = pick(container, attribute);
      changes.set(attribute, id ?? "0");
    }
    const numFmtId = Number(attributeValue(tag, "numFmtId") ?? "0");
    if (numFmtId >= 164) {
      const format = source.items("numFmts").find((item) => Number(attributeValue(item.span.open, "numFmtId")) === numFmtId);
      const code = format ? attributeValue(format.span.open, "formatCode") : undefined;
      changes.set("numFmtId", code === undefined ? "0" : String(this.numFmt(code)));
    }
    const remove: string[] = [];
    if (this.styles.items("cellStyleXfs").length > 0) changes.set("xfId", "0");
    else remove.push("xfId");
    const text = `${editStartTag(source.xml, tag, changes, remove)}${source.xml.slice(tag.end, xf.span.end)}`;
    const created = this.append("cellXfs", text);
    this.imported.set(key, created);
    return created;
  }

  private numFmt(code: string): number {
    const known = this.numFmtByCode.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmt;
    this.nextNumFmt += 1;
    this.append("numFmts", `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    this.numFmtByCode.set(code, id);
    return id;
  }

  get changed(): boolean {
    return this.added.size > 0;
  }

  /** The part's new text: every container that gained items, with its count. */
  finish(): string {
    const { xml, root } = this.styles;
    const splicer = new Splicer();
    const foreign = root.open.resolve("") !== this.styles.ns;
    const declare = foreign ? ` xmlns="${this.styles.ns}"` : "";
    const prefixed = (items: readonly Added[]) => items.map((item) => (foreign && !item.own ? withDefaultNamespace(item.text, this.styles.ns) : item.text));
    const rootPrefix = root.open.prefix === "" ? "" : `${root.open.prefix}:`;
    let missing: string[] = [];
    const flushMissing = (at: number) => {
      if (missing.length > 0) splicer.insert(at, missing.join(""));
      missing = [];
    };
    for (const name of ORDER) {
      const container = this.styles.containers.get(name);
      const added = this.added.get(name) ?? [];
      if (container) {
        flushMissing(container.span.open.start);
        if (added.length === 0) continue;
        const { span } = container;
        const count = container.items.length + added.length;
        const hasCount = span.open.attributes.some((attribute) => attribute.qname === "count");
        const start = hasCount ? editStartTag(xml, span.open, new Map([["count", String(count)]])) : xml.slice(span.open.start, span.open.end);
        if (span.close) {
          splicer.replace(span.open.start, span.open.end, start);
          splicer.insert(span.close.start, prefixed(added).join(""));
        } else {
          const open = openingOf(start);
          splicer.replace(span.open.start, span.open.end, `${open}${prefixed(added).join("")}</${span.open.qname}>`);
        }
        continue;
      }
      const minimal = MINIMAL[name] ?? [];
      const items = [...minimal, ...added.map((item) => item.text)];
      if (items.length === 0) continue;
      missing.push(`<${rootPrefix}${name} count="${items.length}"${declare}>${items.join("")}</${rootPrefix}${name}>`);
    }
    if (missing.length > 0) {
      if (root.close) flushMissing(root.close.start);
      else {
        const open = openingOf(xml.slice(root.open.start, root.open.end));
        splicer.replace(root.open.start, root.open.end, `${open}${missing.join("")}</${root.open.qname}>`);
      }
    }
    return splicer.apply(xml);
  }
}

/** `element` (written unprefixed) with a default-namespace declaration on its start tag. */
function withDefaultNamespace(element: string, ns: string): string {
  let end = 1;
  while (end < element.length && !" \t\r\n/>".includes(element[end]!)) end += 1;
  return `${element.slice(0, end)} xmlns="${ns}"${element.slice(end)}`;
}
