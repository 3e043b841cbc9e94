/**
 * A copy of a package that changes some parts and keeps the others byte for byte: a part that
 * is never written is copied into the new zip as its compressed bytes, never re-encoded. Parts
 * are inflated only when read, within the reader's limits (readZip.ts); the parts that are only
 * copied are still inflated once, in bounded steps and discarding the output, so a part that
 * lies about its size or does not inflate is refused as the reader would refuse it, and its
 * CRC-32 is the one of its real bytes.
 *
 * The new zip comes out as a list of chunks, most of them views of the input's bytes: the copy
 * costs little more memory than the parts it changes.
 */
import { deflateSync, strToU8 } from "fflate";
import { WorkbookError } from "../gateway";
import { DEFAULT_MAX_INFLATED_BYTES } from "./limits";
import { decodeText, PackageParts } from "./package";
import { checkDeclaredSizes, InflateBudget, inflateEntry, openZipPackage, readEntryBytes, type ZipEntry, type ZipPackage } from "./readZip";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (zip's) of `data`, continuing from `previous`. */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i += 1) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Written {
  data: Uint8Array;
}

/** How a part's text was encoded, so a changed part is written back the same way. */
type Encoding = "utf-8" | "utf-16le" | "utf-16be";

function encodingOf(data: Uint8Array): Encoding {
  if (data[0] === 0xff && data[1] === 0xfe) return "utf-16le";
  if (data[0] === 0xfe && data[1] === 0xff) return "utf-16be";
  return "utf-8";
}

function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === "utf-8") return strToU8(text);
  const out = new Uint8Array(2 + text.length * 2);
  const big = encoding === "utf-16be";
  out[0] = big ? 0xfe : 0xff;
  out[1] = big ? 0xff : 0xfe;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[2 + 2 * i + (big ? 1 : 0)] = code & 0xff;
    out[2 + 2 * i + (big ? 0 : 1)] = code >> 8;
  }
  return out;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;

export class PackageCopy extends PackageParts {
  private readonly budget: InflateBudget;
  /** Stored name (lower-cased) → entry of the source. */
  private readonly entries: Map<string, ZipEntry>;
  private readonly order: string[];
  private readonly written = new Map<string, Written>();
  private readonly removed = new Set<string>();
  private readonly cache = new Map<string, { data: Uint8Array; crc: number }>();
  /** Parts whose bytes have counted against the budget once (a part read again does not count twice). */
  private readonly counted = new Set<string>();
  /** Names of parts added, as given (lower-cased key). */
  private readonly addedNames = new Map<string, string>();

  private constructor(private readonly zip: ZipPackage, maxInflatedBytes: number) {
    super();
    this.budget = new InflateBudget(maxInflatedBytes);
    this.entries = zip.entries;
    this.order = [...zip.entries.values()].map((entry) => entry.name);
  }

  /**
   * Opens the package in `data` (never changed). Refuses, as the reader does, what is not a
   * package, and parts whose declared sizes are over the limits, before inflating anything.
   */
  static open(data: Uint8Array, maxInflatedBytes = DEFAULT_MAX_INFLATED_BYTES): PackageCopy {
    const zip = openZipPackage(data);
    checkDeclaredSizes([...zip.entries.values()], maxInflatedBytes);
    return new PackageCopy(zip, maxInflatedBytes);
  }

  names(): string[] {
    const names = this.order.filter((name) => !this.removed.has(name.toLowerCase()));
    return [...names, ...this.addedNames.values()];
  }

  find(name: string): string | undefined {
    const key = name.replace(/^\/+/, "").toLowerCase();
    if (this.removed.has(key)) return undefined;
    return this.addedNames.get(key) ?? this.entries.get(key)?.name;
  }

  /** Whether the part is new or changed. */
  changed(name: string): boolean {
    return this.written.has(name.toLowerCase());
  }

  /** The budget a part's bytes count against: the copy's the first time it is inflated, none after. */
  private budgetFor(entry: ZipEntry): InflateBudget {
    const key = entry.name.toLowerCase();
    const budget = this.counted.has(key) ? new InflateBudget(Number.MAX_SAFE_INTEGER) : this.budget;
    this.counted.add(key);
    return budget;
  }

  private original(name: string): { data: Uint8Array; crc: number } | undefined {
    const key = name.toLowerCase();
    const cached = this.cache.get(key);
    if (cached) return cached;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const data = readEntryBytes(this.zip, entry, this.budgetFor(entry));
    const result = { data, crc: crc32(data) };
    this.cache.set(key, result);
    return result;
  }

  /** The size a source part declares (its inflated bytes), or of a part written; undefined when absent. */
  sizeOf(name: string): number | undefined {
    const stored = this.find(name);
    if (stored === undefined) return undefined;
    return this.written.get(stored.toLowerCase())?.data.length ?? this.entries.get(stored.toLowerCase())?.size;
  }

  /** A part's text, read without keeping its bytes (for parts only looked at once). */
  peekText(name: string): string | undefined {
    const stored = this.find(name);
    if (stored === undefined) return undefined;
    const key = stored.toLowerCase();
    const data = this.written.get(key)?.data ?? this.cache.get(key)?.data;
    if (data) return decodeText(data);
    const entry = this.entries.get(key)!;
    return decodeText(readEntryBytes(this.zip, entry, this.budgetFor(entry)));
  }

  bytes(name: string): Uint8Array | undefined {
    const stored = this.find(name);
    if (stored === undefined) return undefined;
    return this.written.get(stored.toLowerCase())?.data ?? this.original(stored)?.data;
  }

  text(name: string): string | undefined {
    const data = this.bytes(name);
    return data === undefined ? undefined : decodeText(data);
  }

  /** Writes a part; text is encoded as the part it replaces was (UTF-8 for a new part). */
  write(name: string, data: string | Uint8Array): void {
    const stored = this.find(name);
    const key = (stored ?? name).toLowerCase();
    if (stored === undefined) {
      this.removed.delete(key);
      if (!this.entries.has(key)) this.addedNames.set(key, name);
    }
    let bytes: Uint8Array;
    if (typeof data === "string") {
      const before = stored === undefined ? undefined : this.bytes(stored);
      bytes = encode(data, before === undefined ? "utf-8" : encodingOf(before));
    } else bytes = data;
    this.written.set(key, { data: bytes });
  }

  remove(name: string): void {
    const stored = this.find(name);
    if (stored === undefined) return;
    const key = stored.toLowerCase();
    this.written.delete(key);
    this.cache.delete(key);
    this.addedNames.delete(key);
    if (this.entries.has(key)) this.removed.add(key);
  }

  /**
   * The new package as zip chunks: parts in the source's order (then new ones), unchanged parts
   * as their compressed bytes. Every unchanged part is inflated once more to check it, within
   * the same budget as the parts read.
   */
  toChunks(): Uint8Array[] {
    const chunks: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    const add = (name: string, method: number, crc: number, compressed: Uint8Array, size: number): void => {
      const nameBytes = strToU8(name);
      if (offset > 0xfffffff0 || compressed.length >= 0xffffffff || size >= 0xffffffff) {
        throw new WorkbookError("too-large", `The copy would need a zip64 archive (${name}).`);
      }
      // The local header and the central directory entry share their fields from "version
      // needed" on; the central entry has "version made by" before them and more after.
      const header = (signature: number, length: number, shared: number): Uint8Array => {
        const bytes = new Uint8Array(length + nameBytes.length);
        const view = new DataView(bytes.buffer);
        view.setUint32(0, signature, true);
        const fields: [number, number, 2 | 4][] = [
          [20, 0, 2],
          [0x0800, 2, 2],
          [method, 4, 2],
          [DOS_TIME, 6, 2],
          [DOS_DATE, 8, 2],
          [crc, 10, 4],
          [compressed.length, 14, 4],
          [size, 18, 4],
          [nameBytes.length, 22, 2],
        ];
        for (const [value, at, width] of fields) {
          if (width === 2) view.setUint16(shared + at, value, true);
          else view.setUint32(shared + at, value, true);
        }
        bytes.set(nameBytes, length);
        return bytes;
      };
      const local = header(LOCAL_SIGNATURE, 30, 4);
      const entry = header(CENTRAL_SIGNATURE, 46, 6);
      const entryView = new DataView(entry.buffer);
      entryView.setUint16(4, 20, true);
      entryView.setUint32(42, offset, true);
      chunks.push(local, compressed);
      central.push(entry);
      offset += local.length + compressed.length;
    };
    for (const name of this.names()) {
      const key = name.toLowerCase();
      const written = this.written.get(key);
      if (written) {
        const compressed = deflateSync(written.data, { level: 6 });
        add(name, 8, crc32(written.data), compressed, written.data.length);
        continue;
      }
      const entry = this.entries.get(key)!;
      const crc = this.cache.get(key)?.crc ?? this.check(entry);
      add(entry.name, entry.method, crc, this.compressed(entry), entry.size);
    }
    const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
    if (central.length > 0xfffe) throw new WorkbookError("too-large", "The copy would have more parts than a zip without zip64 holds.");
    const end = new Uint8Array(22);
    const endView = new DataView(end.buffer);
    endView.setUint32(0, 0x06054b50, true);
    endView.setUint16(8, central.length, true);
    endView.setUint16(10, central.length, true);
    endView.setUint32(12, centralSize, true);
    endView.setUint32(16, offset, true);
    return [...chunks, ...central, end];
  }

  /** Inflates an unchanged part without keeping it: its CRC-32, or the reader's refusal. */
  private check(entry: ZipEntry): number {
    let crc = 0;
    inflateEntry(this.zip, entry, this.budgetFor(entry), (chunk) => {
      crc = crc32(chunk, crc);
    });
    return crc;
  }

  private compressed(entry: ZipEntry): Uint8Array {
    const { data } = this.zip;
    const at = entry.localHeaderOffset;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    // check() has read the local header already; these bounds held there.
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    return data.subarray(start, start + entry.compressedSize);
  }
}

/** 1 January 2020, 00:00: a fixed time, so copies of one input are alike. */
const DOS_TIME = 0;
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;

/** Joins chunks into one array (for callers that need the bytes whole). */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
  return out;
}
