/**
 * Shared pieces of the reader's XML scanning (readXmlStream.ts, readBytes.ts): where a tag's
 * attributes lie, and SpreadsheetML's `_xHHHH_` escapes.
 */
import { MAX_XML_ATTRIBUTES } from "./limits";

const MAX_ATTRIBUTES = MAX_XML_ATTRIBUTES;

/**
 * Where a tag's attributes lie in the text, reused from tag to tag so scanning allocates nothing:
 * for attribute k, name and value (still entity-encoded) are text[at[4k], at[4k+1]) and
 * text[at[4k+2], at[4k+3]).
 */
export class AttributeRanges {
  at = new Int32Array(64);
  count = 0;
  /** More attributes than MAX_ATTRIBUTES were found (the rest were not recorded). */
  overflow = false;

  reset(): void {
    this.count = 0;
    this.overflow = false;
  }

  add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    // No SpreadsheetML element has this many; a crafted tag with millions must not cost memory.
    if (this.count >= MAX_ATTRIBUTES) {
      this.overflow = true;
      return;
    }
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

