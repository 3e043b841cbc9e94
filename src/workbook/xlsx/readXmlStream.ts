/**
 * The one XML scanner of the reader: UTF-8 bytes in, streamed (see createByteFeeder), with
 * namespaces as XML Namespaces and ECMA-376 Part 3 (Markup Compatibility) define them. Every
 * part the reader looks into goes through it, and the handler of each part sees only elements
 * in a namespace we understand, by namespace URI, whatever prefix binds it:
 *
 * - SpreadsheetML in its Transitional and Strict namespaces, relationships, package
 *   relationships; `<x:c>` (Open XML SDK) reads as `<c>`, a `<c>` of another namespace is not a
 *   cell, and a default-namespace redeclaration is honoured.
 * - Markup Compatibility: `mc:AlternateContent` takes the first `mc:Choice` whose `Requires`
 *   names only namespaces we understand, else `mc:Fallback`; `mc:MustUnderstand` naming another
 *   namespace refuses the part; an element of an ignorable (`mc:Ignorable`) or any other foreign
 *   namespace is skipped with its content, unless `mc:ProcessContent` says to read its content.
 * - A DTD (`<!DOCTYPE`), which OPC forbids in every part, refuses the part: nothing is ever
 *   skipped "up to the end of the internal subset".
 * - Tags must nest (an end tag names the element it ends), within MAX_XML_DEPTH, with at most
 *   MAX_XML_ATTRIBUTES attributes, and no construct is longer than MAX_XML_TOKEN_BYTES.
 *
 * No tree, no object per tag: the state is a depth, a hash of each open element's name and the
 * namespace declarations in scope. Browser-safe.
 */
import { WorkbookError } from "../gateway";
import { decodeXmlText } from "../xmlText";
import { MAX_XML_ATTRIBUTES, MAX_XML_DEPTH, MAX_XML_TOKEN_BYTES } from "./limits";
import { byteNameEnd, bytesEqual, bytesToText, GT, LT, scanAttributeBytes, SLASH } from "./readBytes";
import { AttributeRanges } from "./readXml";

/** Namespaces, as the scanner tells them to handlers. */
export const NS_OTHER = 0;
export const NS_SML = 1;
export const NS_REL = 2;
export const NS_PACKAGE_REL = 3;
export const NS_MC = 4;
export const NS_XML = 5;

const NAMESPACES = new Map<string, number>([
  ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", NS_SML],
  ["http://purl.oclc.org/ooxml/spreadsheetml/main", NS_SML],
  ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", NS_REL],
  ["http://purl.oclc.org/ooxml/officeDocument/relationships", NS_REL],
  ["http://schemas.openxmlformats.org/package/2006/relationships", NS_PACKAGE_REL],
  ["http://schemas.openxmlformats.org/markup-compatibility/2006", NS_MC],
  ["http://www.w3.org/XML/1998/namespace", NS_XML],
]);

/** What `start` may answer besides the index just past an element it read whole itself. */
export const GO_ON = -1;
/** The element is not complete in these bytes: the scanner stops before it and waits for more. */
export const INCOMPLETE = -2;
/** Skip the element with everything in it. */
export const SKIP = -3;

export interface XmlHandler {
  /**
   * A start or empty-element tag in a namespace we understand, outside anything skipped. Its
   * attributes are in `scanner.attributes` over `bytes`; its local name is bytes[local, nameEnd).
   * Returns GO_ON, SKIP, INCOMPLETE, or the index just past the whole element when the handler
   * read it itself (only for an element that declares no namespace).
   */
  start(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number, gt: number, selfClosing: boolean): number;
  /**
   * The end of an element `start` was called for (also right after an empty-element tag).
   * `scanner.depth` is the element's own depth here, and its parent's in `start`.
   */
  end(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number): void;
  /** Character data while `scanner.captureText` is set: raw (entity-encoded) unless `cdata`. */
  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void;
}

interface Binding {
  /** "" for the default namespace. */
  prefix: string;
  uri: string;
  ns: number;
}

/** What the declarations on one element changed, undone when it ends. */
interface Frame {
  depth: number;
  bindings: Binding[];
  /** URIs made ignorable here (mc:Ignorable). */
  ignorable: string[];
  /** "uri local" or "uri *" (mc:ProcessContent). */
  processContent: string[];
}

/** How an open element takes part: given to the handler, or only looked through. */
const ROLE_DELIVERED = 0;
/** mc:Choice or mc:Fallback taken, or a ProcessContent element: its children count as its parent's. */
const ROLE_TRANSPARENT = 1;
/** mc:AlternateContent that has not taken a branch yet, and one that has. */
const ROLE_ALTERNATE_OPEN = 2;
const ROLE_ALTERNATE_TAKEN = 3;

const BANG = 33;
const QUESTION = 63;
const COLON = 58;
const DASH = 45;
const OPEN_BRACKET = 91;

function indexOfSequence(bytes: Uint8Array, sequence: string, from: number): number {
  const first = sequence.charCodeAt(0);
  let i = bytes.indexOf(first, from);
  while (i >= 0 && i + sequence.length <= bytes.length) {
    let k = 1;
    while (k < sequence.length && bytes[i + k] === sequence.charCodeAt(k)) k++;
    if (k === sequence.length) return i;
    i = bytes.indexOf(first, i + 1);
  }
  return -1;
}

function nameHash(bytes: Uint8Array, start: number, end: number): number {
  let hash = end - start;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + bytes[i]!) | 0;
  return hash;
}

/** Whether the attribute name in bytes[start, end) is p:Ignorable, p:ProcessContent or p:MustUnderstand. */
function isMcAttributeName(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length >= 11 && bytes[end - 10] === COLON && bytesEqual(bytes, end - 9, end, "Ignorable")) return true;
  if (length < 16 || bytes[end - 15] !== COLON) return false;
  return bytesEqual(bytes, end - 14, end, "ProcessContent") || bytesEqual(bytes, end - 14, end, "MustUnderstand");
}

function corrupt(message: string): WorkbookError {
  return new WorkbookError("corrupt", `The workbook file is damaged: ${message}`);
}

export class XmlScanner {
  /** Attributes of the tag being handed to `start`. */
  readonly attributes = new AttributeRanges();
  /** Set by the handler while it wants character data. */
  captureText = false;
  /**
   * Open elements as handlers see them: mc:AlternateContent, the branch taken and elements read
   * through for mc:ProcessContent do not count, so their content sits where they sit.
   */
  depth = 0;
  /** Open elements as written. */
  private level = 0;
  private hashes = new Int32Array(64);
  private roles = new Uint8Array(64);
  private elementNs = new Uint8Array(64);
  /** Depth of the outermost element being skipped, or Infinity. */
  private skipFrom = Number.POSITIVE_INFINITY;
  private readonly frames: Frame[] = [];
  private defaultNs = NS_OTHER;
  private sawRoot = false;
  private truncated = false;
  /** Whether the tag handed to `start` declared namespaces or Markup Compatibility attributes. */
  tagDeclares = false;

  /**
   * `root`: the local name the part's root element must have in namespace `rootNs` (anything
   * else is not the part it claims to be).
   */
  constructor(
    readonly partName: string,
    private readonly handler: XmlHandler,
    private readonly rootNs: number,
    private readonly root: string,
  ) {}

  /** The part ended: refuses one whose root never closed or never came (`cutShort`: how to say the first). */
  finish(cutShort = `the part ${this.partName} is cut short (its XML ends inside an element or a tag).`): void {
    if (this.level > 0 || this.truncated) throw corrupt(cutShort);
    if (!this.sawRoot) throw corrupt(`the part ${this.partName} has no XML root element.`);
  }

  /** Reads every complete construct of `bytes`; returns how many bytes were used. */
  consume(bytes: Uint8Array, final: boolean): number {
    const used = this.scan(bytes, final);
    if (!final && bytes.length - used > MAX_XML_TOKEN_BYTES) {
      throw new WorkbookError(
        "too-large",
        `The workbook part ${this.partName} has a single XML construct longer than ${MAX_XML_TOKEN_BYTES / 1024 / 1024} MiB.`,
      );
    }
    if (final && used < bytes.length) this.truncated = true;
    return used;
  }

  private scan(bytes: Uint8Array, final: boolean): number {
    const length = bytes.length;
    let pos = 0;
    for (;;) {
      // A plain loop: the next '<' is usually a few bytes away, nearer than a call to indexOf pays off.
      let lt = pos;
      while (lt < length && bytes[lt] !== LT) lt++;
      if (lt === length) lt = -1;
      const capturing = this.captureText && this.level < this.skipFrom;
      if (lt < 0) {
        if (!capturing) return length;
        if (!final) return pos;
        if (pos < length) this.handler.text(bytes, pos, length, false);
        return length;
      }
      if (capturing && lt > pos) this.handler.text(bytes, pos, lt, false);
      if (lt + 1 >= length) return lt;
      const next = bytes[lt + 1];
      if (next === SLASH) {
        const gt = bytes.indexOf(GT, lt + 2);
        if (gt < 0) return lt;
        this.endTag(bytes, lt + 2, byteNameEnd(bytes, lt + 2));
        pos = gt + 1;
        continue;
      }
      if (next === BANG) {
        const end = this.special(bytes, lt, capturing);
        if (end < 0) return lt;
        pos = end;
        continue;
      }
      if (next === QUESTION) {
        const end = indexOfSequence(bytes, "?>", lt + 2);
        if (end < 0) return lt;
        pos = end + 2;
        continue;
      }
      const nameStop = byteNameEnd(bytes, lt + 1);
      if (nameStop >= length) return lt;
      if (nameStop === lt + 1) throw corrupt(`the part ${this.partName} is not well-formed XML (a "<" that starts no tag).`);
      if (this.level >= this.skipFrom) {
        const gt = scanAttributeBytes(bytes, nameStop, null);
        if (gt < 0) return lt;
        if (bytes[gt - 1] !== SLASH) this.push(nameHash(bytes, lt + 1, nameStop), ROLE_DELIVERED, NS_OTHER);
        pos = gt + 1;
        continue;
      }
      const gt = scanAttributeBytes(bytes, nameStop, this.attributes);
      if (gt < 0) return lt;
      const end = this.startTag(bytes, lt, nameStop, gt);
      if (end === INCOMPLETE) return lt;
      pos = end;
    }
  }

  /** A comment, CDATA section or declaration at `lt` (`<!`): the index past it, or -1. */
  private special(bytes: Uint8Array, lt: number, capturing: boolean): number {
    // "<!-" and "<![" need their next byte before they can be told apart.
    if (lt + 4 > bytes.length) return -1;
    if (bytes[lt + 2] === DASH && bytes[lt + 3] === DASH) {
      const end = indexOfSequence(bytes, "-->", lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (bytes[lt + 2] === OPEN_BRACKET) {
      if (lt + 9 > bytes.length) return -1;
      if (!bytesEqual(bytes, lt, lt + 9, "<![CDATA[")) throw corrupt(`the part ${this.partName} is not well-formed XML (a "<![" that starts no CDATA section).`);
      const end = indexOfSequence(bytes, "]]>", lt + 9);
      if (end < 0) return -1;
      if (capturing) this.handler.text(bytes, lt + 9, end, true);
      return end + 3;
    }
    // <!DOCTYPE, or any other declaration: OPC (ECMA-376 Part 2, §8.1.4) forbids DTDs in parts.
    throw corrupt(
      `the part ${this.partName} declares a DTD (<!DOCTYPE …>), which Office Open XML forbids (Excel refuses such a file too).`,
    );
  }

  private push(hash: number, role: number, ns: number): void {
    const depth = this.level;
    if (depth >= MAX_XML_DEPTH) {
      throw new WorkbookError("too-large", `The workbook part ${this.partName} nests XML elements more than ${MAX_XML_DEPTH} deep.`);
    }
    if (depth + 1 >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const roles = new Uint8Array(this.roles.length * 2);
      roles.set(this.roles);
      this.roles = roles;
      const elementNs = new Uint8Array(this.elementNs.length * 2);
      elementNs.set(this.elementNs);
      this.elementNs = elementNs;
    }
    this.level = depth + 1;
    if (role === ROLE_DELIVERED) this.depth++;
    this.hashes[depth + 1] = hash;
    this.roles[depth + 1] = role;
    this.elementNs[depth + 1] = ns;
  }

  private endTag(bytes: Uint8Array, nameStart: number, nameStop: number): void {
    const depth = this.level;
    if (depth === 0 || this.hashes[depth] !== nameHash(bytes, nameStart, nameStop)) {
      throw corrupt(`the part ${this.partName} is not well-formed XML (the end tag </${bytesToText(bytes, nameStart, Math.min(nameStop, nameStart + 40))}> ends no open element).`);
    }
    if (depth < this.skipFrom && this.roles[depth] === ROLE_DELIVERED) {
      let local = nameStop;
      while (local > nameStart && bytes[local - 1] !== COLON) local--;
      this.handler.end(this, this.elementNs[depth]!, bytes, local, nameStop);
    }
    this.pop();
  }

  private pop(): void {
    const depth = this.level;
    if (this.roles[depth] === ROLE_DELIVERED) this.depth--;
    if (depth === this.skipFrom) this.skipFrom = Number.POSITIVE_INFINITY;
    const frames = this.frames;
    if (frames.length > 0 && frames[frames.length - 1]!.depth === depth) {
      frames.pop();
      this.defaultNs = this.resolve("");
    }
    this.level = depth - 1;
  }

  /** The namespace bound to `prefix` in scope: its URI, or undefined when undeclared. */
  private uriOf(prefix: string): string | undefined {
    const frames = this.frames;
    for (let f = frames.length - 1; f >= 0; f--) {
      const bindings = frames[f]!.bindings;
      for (let b = bindings.length - 1; b >= 0; b--) if (bindings[b]!.prefix === prefix) return bindings[b]!.uri;
    }
    if (prefix === "xml") return "http://www.w3.org/XML/1998/namespace";
    return prefix === "" ? "" : undefined;
  }

  private resolve(prefix: string): number {
    const uri = this.uriOf(prefix);
    return uri === undefined ? -1 : (NAMESPACES.get(uri) ?? NS_OTHER);
  }

  /** The namespace of the prefix in bytes[start, colon), or -1 when undeclared. */
  private resolvePrefix(bytes: Uint8Array, start: number, colon: number): number {
    return this.resolve(bytesToText(bytes, start, colon));
  }

  private isIgnorable(uri: string): boolean {
    for (let f = this.frames.length - 1; f >= 0; f--) if (this.frames[f]!.ignorable.includes(uri)) return true;
    return false;
  }

  private processesContent(uri: string, local: string): boolean {
    for (let f = this.frames.length - 1; f >= 0; f--) {
      const list = this.frames[f]!.processContent;
      if (list.includes(`${uri} ${local}`) || list.includes(`${uri} *`)) return true;
    }
    return false;
  }

  /** Whole-value prefixes of an mc attribute ("x14 x14ac") as their URIs; undeclared ones are errors. */
  private prefixList(value: string, what: string): string[] {
    const uris: string[] = [];
    for (const prefix of value.split(/[ \t\r\n]+/)) {
      if (prefix === "") continue;
      const uri = this.uriOf(prefix);
      if (uri === undefined || uri === "") throw corrupt(`the part ${this.partName} names an undeclared namespace prefix "${prefix}" in ${what}.`);
      uris.push(uri);
    }
    return uris;
  }

  /**
   * Namespace declarations and Markup Compatibility attributes of the tag in `this.attributes`:
   * pushes a frame for them (at the depth the element will have) and applies mc:MustUnderstand.
   */
  private declarations(bytes: Uint8Array): void {
    const ranges = this.attributes;
    const at = ranges.at;
    // Most tags (every cell) declare nothing: one cheap pass, no allocation.
    let declares = false;
    let mcAttributes = false;
    for (let k = 0; k < ranges.count; k++) {
      const start = at[4 * k]!;
      const end = at[4 * k + 1]!;
      if (end - start < 5) continue;
      if (bytes[start] === 120 /* x */ && bytesEqual(bytes, start, start + 5, "xmlns") && (end - start === 5 || bytes[start + 5] === COLON)) declares = true;
      else if (isMcAttributeName(bytes, start, end)) mcAttributes = true;
    }
    this.tagDeclares = declares || mcAttributes;
    if (!this.tagDeclares) return;
    const frame: Frame = { depth: this.level + 1, bindings: [], ignorable: [], processContent: [] };
    // The frame is in scope for the element's own mc attributes, which may use its prefixes.
    this.frames.push(frame);
    for (let k = 0; k < ranges.count && declares; k++) {
      const start = at[4 * k]!;
      const end = at[4 * k + 1]!;
      if (end - start < 5 || !bytesEqual(bytes, start, start + 5, "xmlns") || (end - start !== 5 && bytes[start + 5] !== COLON)) continue;
      const prefix = end - start === 5 ? "" : bytesToText(bytes, start + 6, end);
      const uri = decodeXmlText(bytesToText(bytes, at[4 * k + 2]!, at[4 * k + 3]!));
      if (prefix !== "" && uri === "") throw corrupt(`the part ${this.partName} undeclares the namespace prefix "${prefix}", which XML 1.0 namespaces forbid.`);
      frame.bindings.push({ prefix, uri, ns: NAMESPACES.get(uri) ?? NS_OTHER });
    }
    if (!mcAttributes) return;
    // Ignorable, ProcessContent, MustUnderstand: resolved with this element's own declarations.
    for (let k = 0; k < ranges.count; k++) {
      const start = at[4 * k]!;
      const end = at[4 * k + 1]!;
      if (!isMcAttributeName(bytes, start, end)) continue;
      let colon = end;
      while (colon > start && bytes[colon - 1] !== COLON) colon--;
      const local = bytesToText(bytes, colon, end);
      if (this.resolvePrefix(bytes, start, colon - 1) !== NS_MC) continue;
      const value = decodeXmlText(bytesToText(bytes, at[4 * k + 2]!, at[4 * k + 3]!));
      this.tagDeclares = true;
      if (local === "Ignorable") {
        frame.ignorable.push(...this.prefixList(value, "mc:Ignorable"));
      } else if (local === "MustUnderstand") {
        for (const uri of this.prefixList(value, "mc:MustUnderstand")) {
          if ((NAMESPACES.get(uri) ?? NS_OTHER) === NS_OTHER) {
            throw corrupt(`the part ${this.partName} must be understood in the namespace ${uri} (mc:MustUnderstand), which this program cannot read.`);
          }
        }
      } else {
        for (const item of value.split(/[ \t\r\n]+/)) {
          const colonAt = item.indexOf(":");
          if (colonAt <= 0) continue;
          const uri = this.uriOf(item.slice(0, colonAt));
          if (uri !== undefined) frame.processContent.push(`${uri} ${item.slice(colonAt + 1)}`);
        }
      }
    }
  }

  /** Handles the start tag at `lt`; returns the index to go on from, or INCOMPLETE. */
  private startTag(bytes: Uint8Array, lt: number, nameStop: number, gt: number): number {
    if (this.attributes.overflow) {
      throw new WorkbookError("too-large", `The workbook part ${this.partName} has an element with more than ${MAX_XML_ATTRIBUTES} attributes.`);
    }
    const selfClosing = bytes[gt - 1] === SLASH;
    const framesBefore = this.frames.length;
    this.tagDeclares = false;
    this.declarations(bytes);
    if (this.frames.length !== framesBefore) this.defaultNs = this.resolve("");
    let local = nameStop;
    while (local > lt + 1 && bytes[local - 1] !== COLON) local--;
    let ns: number;
    if (local === lt + 1) ns = this.defaultNs;
    else {
      ns = this.resolvePrefix(bytes, lt + 1, local - 1);
      if (ns < 0) {
        throw corrupt(`the part ${this.partName} uses the undeclared namespace prefix "${bytesToText(bytes, lt + 1, local - 1)}".`);
      }
    }
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (ns !== this.rootNs || !bytesEqual(bytes, local, nameStop, this.root)) {
        throw corrupt(
          `the part ${this.partName} is not ${this.rootNs === NS_SML ? "SpreadsheetML" : "a relationships part"} (its root element is <${bytesToText(bytes, lt + 1, Math.min(nameStop, lt + 41))}> in ${ns === NS_OTHER || ns < 0 ? "another namespace" : "another role"}, not <${this.root}>).`,
        );
      }
    }

    const parentRole = this.roles[this.level]!;
    let role = ROLE_DELIVERED;
    let skip = false;
    if (parentRole === ROLE_ALTERNATE_OPEN || parentRole === ROLE_ALTERNATE_TAKEN) {
      // Inside mc:AlternateContent only mc:Choice and mc:Fallback count.
      const choice = ns === NS_MC && bytesEqual(bytes, local, nameStop, "Choice");
      const fallback = ns === NS_MC && bytesEqual(bytes, local, nameStop, "Fallback");
      if (parentRole === ROLE_ALTERNATE_OPEN && ((choice && this.requirementsMet(bytes)) || fallback)) {
        role = ROLE_TRANSPARENT;
        this.roles[this.level] = ROLE_ALTERNATE_TAKEN;
      } else skip = true;
    } else if (ns === NS_MC) {
      if (bytesEqual(bytes, local, nameStop, "AlternateContent")) role = ROLE_ALTERNATE_OPEN;
      else skip = true;
    } else if (ns === NS_OTHER) {
      const uri = this.uriOf(local === lt + 1 ? "" : bytesToText(bytes, lt + 1, local - 1)) ?? "";
      if (uri !== "" && this.isIgnorable(uri) && this.processesContent(uri, bytesToText(bytes, local, nameStop))) role = ROLE_TRANSPARENT;
      else skip = true;
    }

    if (selfClosing) {
      if (!skip && role === ROLE_DELIVERED) {
        const answer = this.handler.start(this, ns, bytes, local, nameStop, gt, true);
        if (answer === INCOMPLETE) {
          this.undoFrames(framesBefore);
          return INCOMPLETE;
        }
        if (answer !== SKIP) {
          // The element's own depth while it ends, as for an element with content.
          this.depth++;
          this.handler.end(this, ns, bytes, local, nameStop);
          this.depth--;
        }
      }
      this.undoFrames(framesBefore);
      return gt + 1;
    }
    if (!skip && role === ROLE_DELIVERED) {
      const answer = this.handler.start(this, ns, bytes, local, nameStop, gt, false);
      if (answer === INCOMPLETE) {
        this.undoFrames(framesBefore);
        return INCOMPLETE;
      }
      if (answer >= 0) {
        this.undoFrames(framesBefore);
        return answer;
      }
      if (answer === SKIP) skip = true;
    }
    this.push(nameHash(bytes, lt + 1, nameStop), role, ns);
    if (skip) this.skipFrom = this.level;
    return gt + 1;
  }

  private undoFrames(count: number): void {
    if (this.frames.length === count) return;
    this.frames.length = count;
    this.defaultNs = this.resolve("");
  }

  /** Whether the mc:Choice in `this.attributes` requires only namespaces we understand. */
  private requirementsMet(bytes: Uint8Array): boolean {
    const ranges = this.attributes;
    for (let k = 0; k < ranges.count; k++) {
      // Requires is unqualified on mc:Choice.
      if (bytesEqual(bytes, ranges.at[4 * k]!, ranges.at[4 * k + 1]!, "Requires")) {
        const value = decodeXmlText(bytesToText(bytes, ranges.at[4 * k + 2]!, ranges.at[4 * k + 3]!));
        const uris = this.prefixList(value, "mc:Choice Requires");
        return uris.length > 0 && uris.every((uri) => (NAMESPACES.get(uri) ?? NS_OTHER) !== NS_OTHER);
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // For handlers: the attributes of the tag being handed to `start`.

  /** The decoded value of the unqualified attribute `name`, or undefined. */
  attribute(bytes: Uint8Array, name: string): string | undefined {
    const ranges = this.attributes;
    for (let k = 0; k < ranges.count; k++) {
      if (bytesEqual(bytes, ranges.at[4 * k]!, ranges.at[4 * k + 1]!, name)) {
        return decodeXmlText(bytesToText(bytes, ranges.at[4 * k + 2]!, ranges.at[4 * k + 3]!));
      }
    }
    return undefined;
  }

  /** The decoded value of the attribute `local` in namespace `ns` (any prefix), or undefined. */
  qualifiedAttribute(bytes: Uint8Array, ns: number, local: string): string | undefined {
    const ranges = this.attributes;
    for (let k = 0; k < ranges.count; k++) {
      const start = ranges.at[4 * k]!;
      const end = ranges.at[4 * k + 1]!;
      const colon = end - local.length - 1;
      if (colon <= start || bytes[colon] !== COLON || !bytesEqual(bytes, colon + 1, end, local)) continue;
      if (this.resolvePrefix(bytes, start, colon) === ns) {
        return decodeXmlText(bytesToText(bytes, ranges.at[4 * k + 2]!, ranges.at[4 * k + 3]!));
      }
    }
    return undefined;
  }
}
