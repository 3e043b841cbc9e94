/**
 * Byte-level primitives of the XML scanner (readXmlStream.ts). Parts are scanned as UTF-8 bytes:
 * XML markup is ASCII, so structure can be found without decoding, and only the text values a
 * cell actually holds are turned into strings.
 */
import type { AttributeRanges } from "./readXml";

export const LT = 60; // <
export const GT = 62; // >
export const SLASH = 47; // /
const EQUALS = 61; // =
const DQUOTE = 34; // "
const SQUOTE = 39; // '

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

/** Whether bytes[start, end) is exactly the ASCII text `ascii`. */
export function bytesEqual(bytes: Uint8Array, start: number, end: number, ascii: string): boolean {
  if (end - start !== ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[start + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/**
 * Reads attributes from `pos` (just after the element name) up to the tag's `>`, recording them
 * in `out` when given; `>` inside quoted values is skipped. The index of `>`, or -1 when the tag
 * is not complete in `bytes`.
 */
export function scanAttributeBytes(bytes: Uint8Array, pos: number, out: AttributeRanges | null): number {
  if (out) out.reset();
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
