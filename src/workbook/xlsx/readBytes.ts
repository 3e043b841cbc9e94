/**
 * The scanner primitives of readXml.ts, over UTF-8 bytes instead of a decoded string. Worksheets
 * are scanned as bytes: XML markup is ASCII, so structure can be found without decoding, and
 * only the text values a cell actually holds are turned into strings.
 */
import type { AttributeRanges } from "./readXml";

export const LT = 60; // <
export const GT = 62; // >
export const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const COLON = 58; // :
const EQUALS = 61; // =
const DQUOTE = 34; // "
const SQUOTE = 39; // '
const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]

const utf8 = new TextDecoder("utf-8");

export function isSpaceByte(byte: number | undefined): boolean {
  return byte === 32 || byte === 9 || byte === 10 || byte === 13;
}

/** Index just past an element or attribute name that starts at `pos`. */
export function byteNameEnd(bytes: Uint8Array, pos: number): number {
  let i = pos;
  const length = bytes.length;
  while (i < length) {
    const byte = bytes[i]!;
    if (byte === 32 || byte === 9 || byte === 10 || byte === 13 || byte === GT || byte === SLASH || byte === EQUALS) break;
    i++;
  }
  return i;
}

/** Start of the local part of the name in [start, end) (after a namespace prefix, if any). */
export function byteLocalStart(bytes: Uint8Array, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (bytes[i] === COLON) return i + 1;
  return start;
}

/** Whether bytes[start, end) is exactly the ASCII text `ascii`. */
export function bytesEqual(bytes: Uint8Array, start: number, end: number, ascii: string): boolean {
  if (end - start !== ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[start + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Whether the name in bytes[start, end) has local name `local`. */
export function hasLocalNameBytes(bytes: Uint8Array, start: number, end: number, local: string): boolean {
  return bytesEqual(bytes, byteLocalStart(bytes, start, end), end, local);
}

/** scanAttributes (readXml.ts) over bytes: the index of the tag's `>`, or -1 when incomplete. */
export function scanAttributeBytes(bytes: Uint8Array, pos: number, out: AttributeRanges | null): number {
  if (out) out.count = 0;
  const length = bytes.length;
  let i = pos;
  for (;;) {
    while (i < length && isSpaceByte(bytes[i])) i++;
    if (i >= length) return -1;
    const byte = bytes[i]!;
    if (byte === GT) return i;
    if (byte === SLASH) {
      i++;
      continue;
    }
    const end = byteNameEnd(bytes, i);
    if (end === i) {
      i++;
      continue;
    }
    let j = end;
    while (j < length && isSpaceByte(bytes[j])) j++;
    if (j >= length) return -1;
    if (bytes[j] !== EQUALS) {
      i = j;
      continue;
    }
    j++;
    while (j < length && isSpaceByte(bytes[j])) j++;
    if (j >= length) return -1;
    const quote = bytes[j];
    if (quote !== DQUOTE && quote !== SQUOTE) {
      i = j;
      continue;
    }
    let close = j + 1;
    while (close < length && bytes[close] !== quote) close++;
    if (close >= length) return -1;
    if (out) out.add(i, end, j + 1, close);
    i = close + 1;
  }
}

/** Index k of the attribute named exactly `name` among `ranges` over `bytes`, or -1. */
export function findAttributeBytes(bytes: Uint8Array, ranges: AttributeRanges, name: string): number {
  for (let k = 0; k < ranges.count; k++) {
    if (bytesEqual(bytes, ranges.at[4 * k]!, ranges.at[4 * k + 1]!, name)) return k;
  }
  return -1;
}

function indexOfSequence(bytes: Uint8Array, sequence: string, from: number): number {
  const first = sequence.charCodeAt(0);
  let i = bytes.indexOf(first, from);
  while (i >= 0) {
    let match = true;
    for (let k = 1; k < sequence.length; k++) {
      if (bytes[i + k] !== sequence.charCodeAt(k)) {
        match = false;
        break;
      }
    }
    if (match && i + sequence.length <= bytes.length) return i;
    i = bytes.indexOf(first, i + 1);
  }
  return -1;
}

export function isSpecialBytes(bytes: Uint8Array, lt: number): boolean {
  const next = bytes[lt + 1];
  return next === BANG || next === QUESTION;
}

/** skipSpecial (readXml.ts) over bytes: just past a comment, CDATA, PI or declaration, or -1. */
export function skipSpecialBytes(bytes: Uint8Array, lt: number): number {
  if (bytes[lt + 1] === QUESTION) {
    const end = indexOfSequence(bytes, "?>", lt + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (bytes[lt + 2] === 45 && bytes[lt + 3] === 45) {
    const end = indexOfSequence(bytes, "-->", lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (bytes[lt + 2] === OPEN_BRACKET) {
    const end = indexOfSequence(bytes, "]]>", lt + 3);
    return end < 0 ? -1 : end + 3;
  }
  const gt = bytes.indexOf(GT, lt);
  if (gt < 0) return -1;
  const bracket = bytes.indexOf(OPEN_BRACKET, lt);
  if (bracket >= 0 && bracket < gt) {
    let end = bytes.indexOf(CLOSE_BRACKET, bracket);
    while (end >= 0) {
      let after = end + 1;
      while (isSpaceByte(bytes[after])) after++;
      if (bytes[after] === GT) return after + 1;
      end = bytes.indexOf(CLOSE_BRACKET, end + 1);
    }
    return -1;
  }
  return gt + 1;
}

/**
 * Index of the end tag whose qualified name is bytes[nameStart, nameEnd) (allowing whitespace
 * before `>`), searching from `from`; or -1. Returns the index of its `<`.
 */
export function findEndTagBytes(bytes: Uint8Array, nameStart: number, nameEnd: number, from: number): number {
  const nameLength = nameEnd - nameStart;
  let i = bytes.indexOf(LT, from);
  while (i >= 0) {
    if (bytes[i + 1] === SLASH) {
      let match = true;
      for (let k = 0; k < nameLength; k++) {
        if (bytes[i + 2 + k] !== bytes[nameStart + k]) {
          match = false;
          break;
        }
      }
      const after = bytes[i + 2 + nameLength];
      if (match && (after === GT || isSpaceByte(after))) return i;
    }
    i = bytes.indexOf(LT, i + 1);
  }
  return -1;
}

/** bytes[start, end) as text (UTF-8). */
export function bytesToText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 24) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(bytes.subarray(start, end));
}
