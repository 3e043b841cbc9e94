/**
 * sharedStrings.xml: the workbook's string table, one `<si>` per string. Read as a stream of
 * complete `<si>` elements so the part is never held whole.
 */
import { WorkbookError } from "../gateway";
import { findEndTag, hasLocalName, isSpecial, nameEnd, richTextContent, scanAttributes, skipSpecial } from "./readXml";
import { InflateBudget, streamEntryText, ZipEntry, ZipPackage } from "./readZip";

const SLASH = 47;

/**
 * Consumes as many complete `<si>` items of `text` as there are, appending their plain text to
 * `strings`; returns how much of `text` was used.
 */
export function consumeSharedStrings(text: string, strings: string[], maxStrings: number): number {
  let pos = 0;
  for (;;) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) return text.length;
    if (isSpecial(text, lt)) {
      const end = skipSpecial(text, lt);
      if (end < 0) return lt;
      pos = end;
      continue;
    }
    if (text.charCodeAt(lt + 1) === SLASH) {
      const gt = text.indexOf(">", lt);
      if (gt < 0) return lt;
      pos = gt + 1;
      continue;
    }
    const nameStop = nameEnd(text, lt + 1);
    const gt = scanAttributes(text, nameStop, null);
    if (gt < 0) return lt;
    if (!hasLocalName(text, lt + 1, nameStop, "si")) {
      pos = gt + 1;
      continue;
    }
    let value = "";
    if (text.charCodeAt(gt - 1) === SLASH) {
      pos = gt + 1;
    } else {
      const close = findEndTag(text, text.slice(lt + 1, nameStop), gt + 1);
      if (close < 0) return lt;
      value = richTextContent(text, gt + 1, close);
      const closeEnd = text.indexOf(">", close);
      pos = closeEnd + 1;
    }
    if (strings.length >= maxStrings) {
      throw new WorkbookError("too-large", `The workbook has more than ${maxStrings} shared strings.`);
    }
    strings.push(value);
  }
}

export function readSharedStrings(zip: ZipPackage, entry: ZipEntry, budget: InflateBudget, maxStrings: number): string[] {
  const strings: string[] = [];
  streamEntryText(zip, entry, budget, (text) => consumeSharedStrings(text, strings, maxStrings));
  return strings;
}
