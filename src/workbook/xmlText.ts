/**
 * XML character data: the one decoder of entity and character references for every reader of
 * workbook XML (the .xlsx reader, the package helpers, the waiver part). No imports: the task
 * pane's first chunk (waivers in Excel) and the reader's hot path both use it.
 */

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function replaceEntity(match: string, hex: string | undefined, dec: string | undefined, named: string | undefined): string {
  if (named !== undefined) return NAMED[named] ?? match;
  const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? "", 10);
  // Not a character XML allows: keep the text as written rather than invent one (or throw,
  // as String.fromCodePoint does beyond U+10FFFF).
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return match;
  return String.fromCodePoint(code);
}

/**
 * Decodes character data or an attribute value: XML's end-of-line normalisation (a literal CR
 * becomes LF; `&#13;` stays CR), the five predefined entities and character references, in one
 * pass, so `&amp;lt;` is the text `&lt;`. DTD-declared entities are never expanded.
 */
export function decodeXmlText(raw: string): string {
  let text = raw;
  if (text.indexOf("\r") >= 0) text = text.replace(/\r\n?/g, "\n");
  if (text.indexOf("&") >= 0) text = text.replace(ENTITY, replaceEntity);
  return text;
}

/** Escapes text for an attribute value or character data. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
