/**
 * A small, allocation-light XML scanner for the few SpreadsheetML parts the reader needs.
 * It works on a decoded string with indexOf and never builds a tree. Element names are
 * matched by local name, so files that bind SpreadsheetML to a prefix (`<x:c>`, written by
 * the Open XML SDK) read the same as Excel's own. DTDs and custom entities are never expanded.
 */
import { decodeXmlText } from "../xmlText";

const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const COLON = 58; // :
const EQUALS = 61; // =
const DQUOTE = 34; // "
const SQUOTE = 39; // '

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Index just past an element or attribute name that starts at `pos`. */
export function nameEnd(text: string, pos: number): number {
  let i = pos;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === GT || code === SLASH || code === EQUALS) break;
    i++;
  }
  return i;
}

/** Start of the local part of the name in [start, end) (after a namespace prefix, if any). */
export function localStart(text: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) {
    if (text.charCodeAt(i) === COLON) return i + 1;
  }
  return start;
}

/** Whether the name in [start, end) has local name `local`. */
export function hasLocalName(text: string, start: number, end: number, local: string): boolean {
  const ls = localStart(text, start, end);
  return end - ls === local.length && text.startsWith(local, ls);
}

const MAX_ATTRIBUTES = 256;

/**
 * Where a tag's attributes lie in the text, reused from tag to tag so scanning allocates nothing:
 * for attribute k, name and value (still entity-encoded) are text[at[4k], at[4k+1]) and
 * text[at[4k+2], at[4k+3]).
 */
export class AttributeRanges {
  at = new Int32Array(64);
  count = 0;

  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    // No SpreadsheetML element has this many; a crafted tag with millions must not cost memory.
    if (this.count >= MAX_ATTRIBUTES) return;
    const base = this.count * 4;
    if (base + 4 > this.at.length) {
      const grown = new Int32Array(this.at.length * 2);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[base] = nameStart;
    this.at[base + 1] = nameEnd;
    this.at[base + 2] = valueStart;
    this.at[base + 3] = valueEnd;
    this.count++;
  }

  /** Index k of the attribute named exactly `name` (prefix included), or -1. */
  find(text: string, name: string): number {
    for (let k = 0; k < this.count; k++) {
      const start = this.at[4 * k]!;
      if (this.at[4 * k + 1]! - start === name.length && text.startsWith(name, start)) return k;
    }
    return -1;
  }

  value(text: string, k: number): string {
    return text.slice(this.at[4 * k + 2], this.at[4 * k + 3]);
  }
}

/**
 * Reads attributes from `pos` (just after the element name) up to the tag's `>`, recording
 * them in `out` when given. Returns the index of `>`, or -1 when the tag is not complete in
 * `text`. `>` inside quoted values is skipped.
 */
export function scanAttributes(text: string, pos: number, out: AttributeRanges | null): number {
  if (out) out.count = 0;
  const length = text.length;
  let i = pos;
  for (;;) {
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    if (i >= length) return -1;
    const code = text.charCodeAt(i);
    if (code === GT) return i;
    if (code === SLASH) {
      i++;
      continue;
    }
    const end = nameEnd(text, i);
    if (end === i) {
      // Junk such as a stray "=": skip one character rather than loop forever.
      i++;
      continue;
    }
    let j = end;
    while (j < length && isSpace(text.charCodeAt(j))) j++;
    if (j >= length) return -1;
    if (text.charCodeAt(j) !== EQUALS) {
      i = j;
      continue;
    }
    j++;
    while (j < length && isSpace(text.charCodeAt(j))) j++;
    if (j >= length) return -1;
    const quote = text.charCodeAt(j);
    if (quote !== DQUOTE && quote !== SQUOTE) {
      i = j;
      continue;
    }
    // Values are short: a plain loop beats an indexOf call here.
    let close = j + 1;
    while (close < length && text.charCodeAt(close) !== quote) close++;
    if (close >= length) return -1;
    if (out) out.add(i, end, j + 1, close);
    i = close + 1;
  }
}

/** The value of the attribute with local name `local` among a Tag's pairs, decoded. */
export function attribute(pairs: readonly string[], local: string): string | undefined {
  for (let k = 0; k + 1 < pairs.length; k += 2) {
    const name = pairs[k]!;
    const colon = name.lastIndexOf(":");
    const bare = colon < 0 ? name : name.slice(colon + 1);
    if (bare === local) return decodeXmlText(pairs[k + 1]!);
  }
  return undefined;
}

/** Like `attribute`, but only an unprefixed attribute (`id`, not `r:id`). */
export function plainAttribute(pairs: readonly string[], name: string): string | undefined {
  for (let k = 0; k + 1 < pairs.length; k += 2) {
    if (pairs[k] === name) return decodeXmlText(pairs[k + 1]!);
  }
  return undefined;
}

/**
 * Where the markup construct starting at `lt` (a `<`) ends: the index just past it, or -1 when
 * it is incomplete. Only for comments, CDATA, processing instructions and declarations.
 */
export function skipSpecial(text: string, lt: number): number {
  const next = text.charCodeAt(lt + 1);
  if (next === QUESTION) {
    const end = text.indexOf("?>", lt + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (text.startsWith("<!--", lt)) {
    const end = text.indexOf("-->", lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (text.startsWith("<![CDATA[", lt)) {
    const end = text.indexOf("]]>", lt + 9);
    return end < 0 ? -1 : end + 3;
  }
  // <!DOCTYPE …> possibly with an internal subset in brackets; its entities are never used.
  const bracket = text.indexOf("[", lt);
  const gt = text.indexOf(">", lt);
  if (gt < 0) return -1;
  if (bracket >= 0 && bracket < gt) {
    const end = text.indexOf("]>", bracket);
    return end < 0 ? -1 : end + 2;
  }
  return gt + 1;
}

/** Whether `<` at `lt` opens a comment, CDATA section, declaration or processing instruction. */
export function isSpecial(text: string, lt: number): boolean {
  const next = text.charCodeAt(lt + 1);
  return next === BANG || next === QUESTION;
}

/**
 * Index of the end tag `</qname>` (allowing whitespace before `>`) at or after `from`, or -1.
 * Returns the index of its `<`; the tag ends at the following `>`.
 */
export function findEndTag(text: string, qname: string, from: number): number {
  const needle = "</" + qname;
  let i = from;
  for (;;) {
    const at = text.indexOf(needle, i);
    if (at < 0) return -1;
    const after = text.charCodeAt(at + needle.length);
    if (after === GT || isSpace(after)) return at;
    if (Number.isNaN(after)) return -1;
    i = at + needle.length;
  }
}

/** The visitor's view of one tag from `forEachTag`. */
export interface Tag {
  /** Local name (namespace prefix removed). */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Raw attribute name/value pairs (qualified names, values entity-encoded); empty on closing tags. */
  attributes: string[];
  /** Index of `<` and just past `>`. */
  start: number;
  end: number;
}

/**
 * Calls `visit` for every start, end and empty-element tag in a whole (small) document.
 * Returning false stops the walk.
 */
export function forEachTag(text: string, visit: (tag: Tag) => boolean | void): void {
  const ranges = new AttributeRanges();
  let pos = 0;
  for (;;) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) return;
    if (isSpecial(text, lt)) {
      const end = skipSpecial(text, lt);
      if (end < 0) return;
      pos = end;
      continue;
    }
    const closing = text.charCodeAt(lt + 1) === SLASH;
    const nameStart = closing ? lt + 2 : lt + 1;
    const nameStop = nameEnd(text, nameStart);
    const gt = scanAttributes(text, nameStop, closing ? null : ranges);
    if (gt < 0) return;
    const attributes: string[] = [];
    if (!closing) {
      for (let k = 0; k < ranges.count; k++) {
        attributes.push(text.slice(ranges.at[4 * k], ranges.at[4 * k + 1]), ranges.value(text, k));
      }
    }
    const selfClosing = !closing && text.charCodeAt(gt - 1) === SLASH;
    const name = text.slice(localStart(text, nameStart, nameStop), nameStop);
    const tag: Tag = {
      name,
      closing,
      selfClosing,
      attributes,
      start: lt,
      end: gt + 1,
    };
    if (visit(tag) === false) return;
    pos = gt + 1;
  }
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Decodes SpreadsheetML's `_xHHHH_` escapes (ECMA-376 ST_Xstring), which Excel uses for
 * characters XML cannot carry or would normalise away (`_x000D_` for CR). `_x005F_` escapes the
 * underscore itself, so `_x005F_x000D_` is the literal text "_x000D_".
 */
export function decodeOoxmlEscapes(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(OOXML_ESCAPE, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The raw character data between `from` and `to`, decoded. Handles the rare CDATA sections and
 * comments; elements inside are dropped.
 */
export function decodeContent(text: string, from: number, to: number): string {
  const firstLt = text.indexOf("<", from);
  if (firstLt < 0 || firstLt >= to) return decodeXmlText(text.slice(from, to));
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
      const end = text.indexOf("]]>", lt + 9);
      const stop = end < 0 || end > to ? to : end;
      result += text.slice(lt + 9, stop);
      pos = stop + 3;
    } else {
      const end = isSpecial(text, lt) ? skipSpecial(text, lt) : text.indexOf(">", lt) + 1;
      pos = end <= 0 ? to : end;
    }
  }
  return result;
}

/**
 * The plain text of a shared string item (`<si>`) or inline string (`<is>`) whose content lies
 * in [from, to): direct `<t>` plus every rich-text run's `<t>`, in order. Phonetic runs
 * (`<rPh>`, furigana/zhuyin shown above the text) are not part of the cell's value.
 */
export function richTextContent(text: string, from: number, to: number): string {
  let result = "";
  let pos = from;
  while (pos < to) {
    const lt = text.indexOf("<", pos);
    if (lt < 0 || lt >= to) break;
    if (isSpecial(text, lt)) {
      const end = skipSpecial(text, lt);
      pos = end < 0 ? to : end;
      continue;
    }
    if (text.charCodeAt(lt + 1) === SLASH) {
      const gt = text.indexOf(">", lt);
      pos = gt < 0 ? to : gt + 1;
      continue;
    }
    const nameStop = nameEnd(text, lt + 1);
    const gt = scanAttributes(text, nameStop, null);
    if (gt < 0 || gt >= to) break;
    const selfClosing = text.charCodeAt(gt - 1) === SLASH;
    pos = gt + 1;
    if (selfClosing) continue;
    if (hasLocalName(text, lt + 1, nameStop, "t")) {
      const close = findEndTag(text, text.slice(lt + 1, nameStop), gt + 1);
      const stop = close < 0 || close > to ? to : close;
      result += decodeContent(text, gt + 1, stop);
      pos = stop;
    } else if (hasLocalName(text, lt + 1, nameStop, "rPh")) {
      const close = findEndTag(text, text.slice(lt + 1, nameStop), gt + 1);
      pos = close < 0 || close > to ? to : close;
    }
  }
  return decodeOoxmlEscapes(result);
}
