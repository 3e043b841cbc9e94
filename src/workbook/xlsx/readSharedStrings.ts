/**
 * sharedStrings.xml: the workbook's string table, one `<si>` per string, read as a stream by the
 * namespace-aware scanner (readXmlStream.ts) so the part is never held whole. A string is its
 * direct `<t>` plus every rich-text run's `<t>`, in order; phonetic runs (`<rPh>`, furigana or
 * zhuyin shown above the text) are not part of it.
 */
import { WorkbookError } from "../gateway";
import { bytesEqual, bytesToText } from "./readBytes";
import { decodeOoxmlEscapes } from "./readXml";
import { GO_ON, NS_SML, SKIP, XmlHandler, XmlScanner } from "./readXmlStream";
import { InflateBudget, streamEntryBytes, ZipEntry, ZipPackage } from "./readZip";
import { decodeXmlText } from "../xmlText";

/** The scanner's handler for the shared string table: appends each item's plain text to `strings`. */
export class SharedStringsReader implements XmlHandler {
  /** Depth of the open <si> (0 when none). */
  private itemDepth = 0;
  private collected = "";

  constructor(
    readonly strings: string[],
    private readonly maxStrings: number,
  ) {}

  start(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number, _gt: number, _selfClosing: boolean): number {
    if (ns !== NS_SML) return GO_ON;
    const depth = scanner.depth;
    if (depth === 0) return GO_ON;
    if (depth === 1) {
      if (!bytesEqual(bytes, local, nameEnd, "si")) return SKIP;
      if (this.strings.length >= this.maxStrings) {
        throw new WorkbookError("too-large", `The workbook has more than ${this.maxStrings} shared strings.`);
      }
      this.itemDepth = 2;
      this.collected = "";
      return GO_ON;
    }
    // <si><t> or <si><r><t>; everything else (run properties, phonetic runs) is skipped.
    if (bytesEqual(bytes, local, nameEnd, "t") && (depth === 2 || depth === 3)) {
      scanner.captureText = true;
      return GO_ON;
    }
    return depth === 2 && bytesEqual(bytes, local, nameEnd, "r") ? GO_ON : SKIP;
  }

  end(scanner: XmlScanner, ns: number, bytes: Uint8Array, local: number, nameEnd: number): void {
    if (ns !== NS_SML) return;
    if (scanner.depth === this.itemDepth && scanner.depth === 2) {
      if (bytesEqual(bytes, local, nameEnd, "si")) {
        this.strings.push(decodeOoxmlEscapes(this.collected));
        this.itemDepth = 0;
      }
    } else if (scanner.captureText && bytesEqual(bytes, local, nameEnd, "t")) scanner.captureText = false;
  }

  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void {
    const piece = bytesToText(bytes, start, end);
    this.collected += cdata ? piece : decodeXmlText(piece);
  }
}

export function readSharedStrings(zip: ZipPackage, entry: ZipEntry, budget: InflateBudget, maxStrings: number): string[] {
  const strings: string[] = [];
  const scanner = new XmlScanner(entry.name, new SharedStringsReader(strings, maxStrings), NS_SML, "sst");
  streamEntryBytes(zip, entry, budget, (bytes, final) => scanner.consume(bytes, final));
  scanner.finish();
  return strings;
}
