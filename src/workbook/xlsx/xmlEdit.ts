/**
 * XML for the writers that edit a package's parts in place (the annotated copy): a scanner that
 * reports every element with its exact position in the text, its namespace URI and its
 * attributes, and a splicer that changes a part by replacing and inserting text at those
 * positions, so everything else stays byte for byte as written.
 *
 * The scanner understands what a regular expression over XML does not: comments, CDATA sections
 * and processing instructions (skipped, whatever they contain), quoted attribute values (which
 * may hold `>`), namespace prefixes bound anywhere, and nesting (every end tag must close the
 * element it names). It refuses what a part of a package may not hold or what it cannot read
 * unambiguously: a DOCTYPE (OPC forbids DTDs in parts), unterminated markup, mismatched tags.
 * Entities other than XML's five and character references are never expanded.
 */
import { decodeXmlText } from "../xmlText";

/** A part that cannot be edited safely. */
export class XmlEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlEditError";
  }
}

export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

export interface XmlAttribute {
  /** Qualified name as written. */
  qname: string;
  /** Namespace URI of a prefixed attribute; "" for an unprefixed one (attributes take no default namespace). */
  ns: string;
  local: string;
  /** Where its name starts. */
  start: number;
  /** The value as written (entity-encoded), and where it lies. */
  raw: string;
  valueStart: number;
  valueEnd: number;
}

export interface XmlTag {
  kind: "start" | "empty" | "end";
  /** Qualified name as written; its prefix ("" for none). */
  qname: string;
  prefix: string;
  local: string;
  /** Namespace URI ("" when the name is in no namespace). */
  ns: string;
  /** Index of `<` and just past `>`. */
  start: number;
  end: number;
  /** Depth of the element: 0 for the document element. */
  depth: number;
  /** Empty on end tags. */
  attributes: XmlAttribute[];
  /** Resolves a prefix in scope at this tag ("" for the default namespace); undefined when unbound. */
  resolve(prefix: string): string | undefined;
  /** A prefix bound to `ns` at this tag ("" for the default namespace), or undefined. */
  prefixFor(ns: string): string | undefined;
  /** The decoded value of the unprefixed attribute `name` (found without reading the others). */
  plain(name: string): string | undefined;
}

/** The decoded value of the attribute with this namespace and local name. */
export function attributeValue(tag: XmlTag, local: string, ns = ""): string | undefined {
  for (const attribute of tag.attributes) {
    if (attribute.local === local && attribute.ns === ns) return decodeXmlText(attribute.raw);
  }
  return undefined;
}

export function findAttribute(tag: XmlTag, local: string, ns = ""): XmlAttribute | undefined {
  return tag.attributes.find((attribute) => attribute.local === local && attribute.ns === ns);
}

const [LT, GT, SLASH, EQUALS, DQUOTE, SQUOTE] = [..."<>/=\"'"].map((char) => char.charCodeAt(0)) as [number, number, number, number, number, number];

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function nameStop(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === GT || code === SLASH || code === EQUALS || code === LT || code === DQUOTE || code === SQUOTE) break;
    i += 1;
  }
  return i;
}

/** An open element; frames are never changed, so a tag keeps the scope it was read in. */
interface Frame {
  qname: string;
  /** The nearest frame (this one or an ancestor) that declares namespaces, and its parent's. */
  scope: Scope | null;
}

interface Scope {
  bindings: Map<string, string>;
  parent: Scope | null;
}

/** Deeper than any part of a workbook nests (DrawingML, the deepest, stays under 40). */
const MAX_DEPTH = 256;
/** More than any element of a workbook part has (a cell has a handful, a VML shape a dozen). */
const MAX_ATTRIBUTES = 1024;

function resolveIn(scope: Scope | null, prefix: string): string | undefined {
  for (let at = scope; at !== null; at = at.parent) {
    const bound = at.bindings.get(prefix);
    if (bound !== undefined) return bound;
  }
  if (prefix === "") return "";
  return PREDEFINED.get(prefix);
}

function prefixIn(scope: Scope | null, ns: string): string | undefined {
  for (let at = scope; at !== null; at = at.parent) {
    for (const [prefix, uri] of at.bindings) if (uri === ns && resolveIn(scope, prefix) === ns) return prefix;
  }
  return undefined;
}

const PREDEFINED = new Map([
  ["xml", XML_NAMESPACE],
  ["xmlns", "http://www.w3.org/2000/xmlns/"],
]);

/**
 * Where the comment, CDATA section, processing instruction or declaration at `lt` ends (just
 * past it). A DOCTYPE is refused: its internal subset could make other readers see other text.
 */
function skipMarkup(text: string, lt: number, part: string): number {
  const close = (marker: string, from: number, what: string): number => {
    const end = text.indexOf(marker, from);
    if (end < 0) throw new XmlEditError(`${part}: unterminated ${what}`);
    return end + marker.length;
  };
  if (text.startsWith("<?", lt)) return close("?>", lt + 2, "processing instruction");
  if (text.startsWith("<!--", lt)) return close("-->", lt + 4, "comment");
  if (text.startsWith("<![CDATA[", lt)) return close("]]>", lt + 9, "CDATA section");
  if (text.startsWith("<!DOCTYPE", lt)) throw new XmlEditError(`${part}: a document type declaration (DTD), which a package part may not have`);
  throw new XmlEditError(`${part}: unknown markup at ${lt}`);
}

const EMPTY_RANGES: readonly number[] = [];

/** A tag as the scanner reports it; its attributes are read from the text when first asked for. */
class ScannedTag implements XmlTag {
  private read: XmlAttribute[] | null = null;

  constructor(
    readonly kind: "start" | "empty" | "end",
    readonly qname: string,
    readonly prefix: string,
    readonly local: string,
    readonly ns: string,
    readonly start: number,
    readonly end: number,
    readonly depth: number,
    private readonly scope: Scope | null,
    private readonly text: string,
    /** Per attribute: name start, name end, value start, value end. */
    private readonly ranges: readonly number[],
  ) {}

  get attributes(): XmlAttribute[] {
    if (this.read) return this.read;
    const read: XmlAttribute[] = [];
    for (let k = 0; k < this.ranges.length; k += 4) {
      const qname = this.text.slice(this.ranges[k], this.ranges[k + 1]);
      const at = qname.indexOf(":");
      const prefix = at < 0 ? "" : qname.slice(0, at);
      read.push({
        qname,
        ns: prefix === "" || prefix === "xmlns" ? "" : (resolveIn(this.scope, prefix) ?? ""),
        local: at < 0 ? qname : qname.slice(at + 1),
        start: this.ranges[k]!,
        raw: this.text.slice(this.ranges[k + 2], this.ranges[k + 3]),
        valueStart: this.ranges[k + 2]!,
        valueEnd: this.ranges[k + 3]!,
      });
    }
    this.read = read;
    return read;
  }

  resolve(prefix: string): string | undefined {
    return resolveIn(this.scope, prefix);
  }

  plain(name: string): string | undefined {
    const { text, ranges } = this;
    for (let k = 0; k < ranges.length; k += 4) {
      if (ranges[k + 1]! - ranges[k]! === name.length && text.startsWith(name, ranges[k]!)) return decodeXmlText(text.slice(ranges[k + 2], ranges[k + 3]));
    }
    return undefined;
  }

  prefixFor(ns: string): string | undefined {
    return prefixIn(this.scope, ns);
  }
}

/** Splits qualified names once each: a part repeats a handful of names many times. */
class NameCache {
  private readonly names = new Map<string, [string, string]>();

  split(qname: string): [string, string] {
    let split = this.names.get(qname);
    if (!split) {
      const colon = qname.indexOf(":");
      split = colon < 0 ? ["", qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
      if (this.names.size < 4096) this.names.set(qname, split);
    }
    return split;
  }
}

/**
 * Calls `visit` for every start, empty-element and end tag of `text` in document order. Throws
 * XmlEditError (naming `part`) on anything it cannot read unambiguously.
 */
export function scanXml(text: string, part: string, visit: (tag: XmlTag) => void): void {
  const stack: Frame[] = [];
  const names = new NameCache();
  const scopeNow = (): Scope | null => stack[stack.length - 1]?.scope ?? null;
  let pos = 0;
  let rootSeen = false;
  for (;;) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      pos = skipMarkup(text, lt, part);
      continue;
    }
    if (next === SLASH) {
      const stop = nameStop(text, lt + 2);
      const qname = text.slice(lt + 2, stop);
      let gt = stop;
      while (gt < text.length && isSpace(text.charCodeAt(gt))) gt += 1;
      if (text.charCodeAt(gt) !== GT) throw new XmlEditError(`${part}: malformed end tag </${qname}`);
      const frame = stack[stack.length - 1];
      if (!frame || frame.qname !== qname) throw new XmlEditError(`${part}: </${qname}> does not close <${frame?.qname ?? "(nothing)"}>`);
      const [prefix, local] = names.split(qname);
      const scope = scopeNow();
      visit(new ScannedTag("end", qname, prefix, local, resolveIn(scope, prefix) ?? "", lt, gt + 1, stack.length - 1, scope, text, EMPTY_RANGES));
      stack.pop();
      pos = gt + 1;
      continue;
    }
    const stop = nameStop(text, lt + 1);
    const qname = text.slice(lt + 1, stop);
    if (qname === "") throw new XmlEditError(`${part}: a "<" that starts no tag at ${lt}`);
    if (stack.length === 0 && rootSeen) throw new XmlEditError(`${part}: more than one document element`);
    // Attributes, as positions.
    let ranges: number[] | null = null;
    let bindings: Map<string, string> | null = null;
    let prefixedAttribute = false;
    let seen: Set<string> | null = null;
    let i = stop;
    let selfClosing = false;
    for (;;) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i += 1;
      if (i >= text.length) throw new XmlEditError(`${part}: unterminated tag <${qname}`);
      const code = text.charCodeAt(i);
      if (code === GT) break;
      if (code === SLASH) {
        if (text.charCodeAt(i + 1) !== GT) throw new XmlEditError(`${part}: stray "/" in <${qname}>`);
        selfClosing = true;
        i += 1;
        break;
      }
      const attributeStop = nameStop(text, i);
      if (attributeStop === i) throw new XmlEditError(`${part}: malformed attribute in <${qname}>`);
      let j = attributeStop;
      while (j < text.length && isSpace(text.charCodeAt(j))) j += 1;
      if (text.charCodeAt(j) !== EQUALS) throw new XmlEditError(`${part}: attribute ${text.slice(i, attributeStop)} of <${qname}> has no value`);
      j += 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j += 1;
      const quote = text.charCodeAt(j);
      if (quote !== DQUOTE && quote !== SQUOTE) throw new XmlEditError(`${part}: attribute ${text.slice(i, attributeStop)} of <${qname}> is not quoted`);
      const close = text.indexOf(quote === DQUOTE ? '"' : "'", j + 1);
      if (close < 0) throw new XmlEditError(`${part}: unterminated attribute ${text.slice(i, attributeStop)} of <${qname}>`);
      for (let k = j + 1; k < close; k += 1) {
        if (text.charCodeAt(k) === LT) throw new XmlEditError(`${part}: "<" in attribute ${text.slice(i, attributeStop)} of <${qname}>`);
      }
      ranges ??= [];
      if (ranges.length >= MAX_ATTRIBUTES * 4) throw new XmlEditError(`${part}: more than ${MAX_ATTRIBUTES} attributes in <${qname}>`);
      const name = text.slice(i, attributeStop);
      if (ranges.length > 0) {
        seen ??= new Set([text.slice(ranges[0], ranges[1])]);
        if (seen.has(name)) throw new XmlEditError(`${part}: attribute ${name} twice in <${qname}>`);
        seen.add(name);
      }
      ranges.push(i, attributeStop, j + 1, close);
      // Namespace declarations, and whether any attribute has a prefix to check.
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        (bindings ??= new Map()).set(name === "xmlns" ? "" : name.slice(6), decodeXmlText(text.slice(j + 1, close)));
      } else if (name.includes(":")) prefixedAttribute = true;
      i = close + 1;
    }
    if (stack.length >= MAX_DEPTH) throw new XmlEditError(`${part}: elements nested more than ${MAX_DEPTH} deep`);
    const scope = bindings ? { bindings, parent: scopeNow() } : scopeNow();
    stack.push({ qname, scope });
    const [prefix, local] = names.split(qname);
    const ns = resolveIn(scope, prefix);
    if (ns === undefined) throw new XmlEditError(`${part}: the prefix of <${qname}> is not declared`);
    const tag = new ScannedTag(selfClosing ? "empty" : "start", qname, prefix, local, ns, lt, i + 1, stack.length - 1, scope, text, ranges ?? EMPTY_RANGES);
    if (prefixedAttribute) {
      for (const attribute of tag.attributes) {
        const colon = attribute.qname.indexOf(":");
        if (colon >= 0 && attribute.qname.slice(0, colon) !== "xmlns" && tag.resolve(attribute.qname.slice(0, colon)) === undefined) {
          throw new XmlEditError(`${part}: the prefix of attribute ${attribute.qname} is not declared`);
        }
      }
    }
    rootSeen = true;
    visit(tag);
    if (selfClosing) stack.pop();
    pos = i + 1;
  }
  if (stack.length > 0) throw new XmlEditError(`${part}: <${stack[stack.length - 1]!.qname}> is never closed`);
  if (!rootSeen) throw new XmlEditError(`${part}: no document element`);
}

/** One element found by `elementsOf`: its tags and where its content lies. */
export interface XmlElementSpan {
  open: XmlTag;
  /** The end tag; null for an empty-element tag. */
  close: XmlTag | null;
  /** Just past the element. */
  end: number;
  /** Where its content starts and ends ("" for an empty-element tag: both at `open.end`). */
  innerStart: number;
  innerEnd: number;
}

/**
 * Every element of the document matching `match` (on its start tag), with its extent. Nested
 * matches are reported too, innermost last.
 */
export function elementsOf(text: string, part: string, match: (tag: XmlTag) => boolean): XmlElementSpan[] {
  const found: XmlElementSpan[] = [];
  const open: { tag: XmlTag; index: number }[] = [];
  scanXml(text, part, (tag) => {
    if (tag.kind === "end") {
      const top = open[open.length - 1];
      if (top && top.tag.depth === tag.depth) {
        open.pop();
        found[top.index] = { open: top.tag, close: tag, end: tag.end, innerStart: top.tag.end, innerEnd: tag.start };
      }
      return;
    }
    if (!match(tag)) return;
    if (tag.kind === "empty") found.push({ open: tag, close: null, end: tag.end, innerStart: tag.end, innerEnd: tag.end });
    else {
      open.push({ tag, index: found.length });
      found.push(undefined as unknown as XmlElementSpan);
    }
  });
  return found;
}

/**
 * Changes to a text at positions in the original: replacements of ranges and insertions, which
 * must not overlap. Insertions at one position keep the order they were made in.
 */
export class Splicer {
  private readonly edits: { start: number; end: number; text: string; order: number }[] = [];

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  get size(): number {
    return this.edits.length;
  }

  apply(text: string): string {
    if (this.edits.length === 0) return text;
    const edits = [...this.edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || a.order - b.order);
    const pieces: string[] = [];
    let at = 0;
    for (const edit of edits) {
      if (edit.start < at) throw new XmlEditError("overlapping edits");
      pieces.push(text.slice(at, edit.start), edit.text);
      at = edit.end;
    }
    pieces.push(text.slice(at));
    return pieces.join("");
  }
}

/**
 * A start tag with some attributes set (added at the end, or their values replaced in place)
 * and some removed; the rest exactly as written. `values` are plain text, escaped here.
 */
export function editStartTag(text: string, tag: XmlTag, set: ReadonlyMap<string, string>, remove: readonly string[] = []): string {
  const splicer = new Splicer();
  const done = new Set<string>();
  for (const attribute of tag.attributes) {
    if (remove.includes(attribute.qname)) {
      // From the space before the name to the closing quote.
      let from = attribute.start;
      while (from > tag.start && isSpace(text.charCodeAt(from - 1))) from -= 1;
      splicer.replace(from - tag.start, attribute.valueEnd + 1 - tag.start, "");
      continue;
    }
    const value = set.get(attribute.qname);
    if (value === undefined) continue;
    splicer.replace(attribute.valueStart - tag.start, attribute.valueEnd - tag.start, escapeAttribute(value, text.charCodeAt(attribute.valueStart - 1)));
    done.add(attribute.qname);
  }
  const added = [...set].filter(([name]) => !done.has(name)).map(([name, value]) => ` ${name}="${escapeAttribute(value, DQUOTE)}"`);
  const source = text.slice(tag.start, tag.end);
  const closeAt = source.length - (tag.kind === "empty" ? 2 : 1);
  if (added.length > 0) splicer.insert(closeAt, added.join(""));
  return splicer.apply(source);
}

function escapeAttribute(value: string, quote: number): string {
  const escaped = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
  return quote === SQUOTE ? escaped.replace(/'/g, "&apos;") : escaped.replace(/"/g, "&quot;");
}

/**
 * The qualified name to write for an element in namespace `ns` inside `tag` (with the default
 * namespace or a prefix bound to `ns` there); null when no binding of `ns` is in scope.
 */
export function qualifiedName(tag: XmlTag, ns: string, local: string): string | null {
  const prefix = tag.prefixFor(ns);
  if (tag.resolve("") === ns) return local;
  return prefix === undefined || prefix === "" ? null : `${prefix}:${local}`;
}

/** An empty-element tag's text (`<a x="1"/>`) as a start tag (`<a x="1">`); a start tag as is. */
export function openingOf(tagText: string): string {
  if (!tagText.endsWith("/>")) return tagText;
  let end = tagText.length - 2;
  while (end > 0 && " \t\r\n".includes(tagText[end - 1]!)) end -= 1;
  return `${tagText.slice(0, end)}>`;
}

/** Just past the `>` of the tag starting at `lt`, with quoted attribute values (which may hold `>`) skipped. */
function tagEnd(text: string, lt: number, to: number): number {
  let quote = 0;
  for (let i = lt + 1; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === DQUOTE || code === SQUOTE) quote = code;
    else if (code === GT) return i + 1;
  }
  return to;
}

/** Just past a comment, CDATA section or processing instruction starting at `lt` (within `to`). */
function markupEnd(text: string, lt: number, to: number): number {
  const close = text.startsWith("<!--", lt) ? "-->" : text.startsWith("<![CDATA[", lt) ? "]]>" : text.startsWith("<?", lt) ? "?>" : ">";
  const at = text.indexOf(close, lt + 2);
  return at < 0 || at + close.length > to ? to : at + close.length;
}

/**
 * The character data of an element whose content lies in [from, to) of a part `scanXml` has
 * accepted: entity-decoded, CDATA kept as written, comments and processing instructions dropped,
 * and the text of nested elements kept (a formula or a name is plain text in practice).
 */
export function textContent(text: string, from: number, to: number): string {
  let result = "";
  let pos = from;
  while (pos < to) {
    const lt = text.indexOf("<", pos);
    if (lt < 0 || lt >= to) {
      result += decodeXmlText(text.slice(pos, to));
      break;
    }
    result += decodeXmlText(text.slice(pos, lt));
    if (text.startsWith("<![CDATA[", lt)) {
      const end = markupEnd(text, lt, to);
      result += text.slice(lt + 9, Math.max(lt + 9, end - 3));
      pos = end;
    } else if (text.charCodeAt(lt + 1) === 33 /* ! */ || text.charCodeAt(lt + 1) === 63 /* ? */) pos = markupEnd(text, lt, to);
    else pos = tagEnd(text, lt, to);
  }
  return result;
}

/**
 * The plain text of rich text (a note's `<text>`, a shared string's `<si>`) whose content lies in
 * [from, to) of a part `scanXml` has accepted: every `<t>` in order, except those inside phonetic
 * runs (`<rPh>`, text shown above the cell's, not part of it).
 */
export function richTextContent(text: string, from: number, to: number): string {
  let result = "";
  let pos = from;
  let phonetic = 0;
  while (pos < to) {
    const lt = text.indexOf("<", pos);
    if (lt < 0 || lt >= to) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      pos = markupEnd(text, lt, to);
      continue;
    }
    const end = tagEnd(text, lt, to);
    const closing = next === SLASH;
    const stop = nameStop(text, closing ? lt + 2 : lt + 1);
    const qname = text.slice(closing ? lt + 2 : lt + 1, stop);
    const local = qname.slice(qname.indexOf(":") + 1);
    const selfClosing = !closing && text.charCodeAt(end - 2) === SLASH;
    pos = end;
    if (local === "rPh" && !selfClosing) phonetic += closing ? -1 : 1;
    else if (local === "t" && !closing && !selfClosing) {
      const close = text.indexOf(`</${qname}`, end);
      const contentEnd = close < 0 || close > to ? to : close;
      if (phonetic === 0) result += textContent(text, end, contentEnd);
      pos = contentEnd;
    }
  }
  return result;
}
