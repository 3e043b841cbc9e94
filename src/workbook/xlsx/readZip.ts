/**
 * The zip container of an .xlsx file: recognises what a file is before trusting it, lists the
 * parts from the central directory, and inflates only the parts asked for, in bounded steps.
 * Sizes are checked twice: as declared (before inflating anything) and as actually produced
 * (a zip bomb can lie in its headers).
 */
import { Inflate } from "fflate";
import { WorkbookError } from "../gateway";
import { MAX_READ_MS, MAX_ZIP_ENTRIES } from "./limits";

export interface ZipEntry {
  /** Part name as stored (backslashes turned to slashes, no leading slash). */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size as declared in the central directory. */
  size: number;
  localHeaderOffset: number;
}

/**
 * A whole-part raw-deflate inflater supplied by the host (Node's zlib, several times faster than
 * fflate); it must throw a RangeError rather than produce more than `maxBytes`.
 */
export type InflateRaw = (compressed: Uint8Array, maxBytes: number) => Uint8Array;

export interface ZipPackage {
  data: Uint8Array;
  /** See InflateRaw; without it, fflate inflates every part in bounded steps. */
  inflateRaw?: InflateRaw;
  /** Keyed by the part name as OPC compares names (see partKey): case-insensitively, percent-decoded. */
  entries: Map<string, ZipEntry>;
}

/** Counts bytes actually inflated against the caller's limit, and the time spent against MAX_READ_MS. */
export class InflateBudget {
  used = 0;
  private readonly deadline: number;
  constructor(
    readonly limit: number,
    readonly maxMs = MAX_READ_MS,
  ) {
    this.deadline = Date.now() + maxMs;
  }

  take(bytes: number, partName: string): void {
    this.used += bytes;
    if (this.used > this.limit) {
      throw new WorkbookError(
        "too-large",
        `The workbook expands to more than ${formatBytes(this.limit)} (while reading ${partName}).`,
      );
    }
    if (Date.now() > this.deadline) {
      throw new WorkbookError("too-large", `Reading the workbook took more than ${Math.round(this.maxMs / 1000)} seconds (while reading ${partName}).`);
    }
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Deflate cannot expand beyond about 1032:1; anything near that is not a spreadsheet. */
const MAX_PLAUSIBLE_RATIO = 500;
/** Small parts may compress absurdly well (a part of spaces); only judge the ratio above this. */
const RATIO_CHECK_FLOOR = 16 * 1024 * 1024;
/** Parts up to this declared size go to a host's whole-part inflater when there is one. */
const WHOLE_INFLATE_MAX = 64 * 1024 * 1024;
/** …and are handed on in pieces of this size, as fflate's steps are. */
const WHOLE_INFLATE_PIECE = 1024 * 1024;
/** Compressed bytes per inflate step: bounds one step's output to ~1032 × this. */
const INFLATE_STEP = 32 * 1024;

function u16(data: Uint8Array, at: number): number {
  return (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8);
}

function u32(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) | ((data[at + 1] ?? 0) << 8) | ((data[at + 2] ?? 0) << 16)) + (data[at + 3] ?? 0) * 0x1000000;
}

function u64(data: Uint8Array, at: number): number {
  return u32(data, at) + u32(data, at + 4) * 0x100000000;
}

function startsWithBytes(data: Uint8Array, bytes: readonly number[]): boolean {
  if (data.length < bytes.length) return false;
  return bytes.every((byte, i) => data[i] === byte);
}

/** Whether `pattern` (ASCII) occurs in `data` as UTF-16LE. */
function containsUtf16(data: Uint8Array, pattern: string): boolean {
  const first = pattern.charCodeAt(0);
  let i = data.indexOf(first);
  while (i >= 0 && i + pattern.length * 2 <= data.length) {
    let match = true;
    for (let k = 0; k < pattern.length; k++) {
      if (data[i + 2 * k] !== pattern.charCodeAt(k) || data[i + 2 * k + 1] !== 0) {
        match = false;
        break;
      }
    }
    if (match) return true;
    i = data.indexOf(first, i + 1);
  }
  return false;
}

function asciiPrefix(data: Uint8Array, length: number): string {
  let text = "";
  const end = Math.min(length, data.length);
  for (let i = 0; i < end; i++) text += String.fromCharCode(data[i] ?? 0);
  return text;
}

/**
 * What a file that is not a zip archive most likely is, for the error message, from its first
 * few kilobytes (the whole file is never needed for that).
 */
export function describeNonZip(data: Uint8Array): string {
  if (data.length === 0) return "The file is empty.";
  const head = asciiPrefix(data, 4096);
  const lower = head.toLowerCase();
  if (head.startsWith("%PDF")) return "The file is a PDF document, not an Excel workbook.";
  if (lower.includes("urn:schemas-microsoft-com:office:spreadsheet")) {
    return "The file is an Excel 2003 XML spreadsheet; open it in Excel and save it as .xlsx.";
  }
  if (lower.includes("<html") || lower.includes("<!doctype html")) {
    return "The file is a web page (HTML), not an Excel workbook; open it in Excel and save it as .xlsx.";
  }
  if (lower.includes("office:document")) {
    return "The file is a flat OpenDocument (.fods) file; open it and save it as .xlsx.";
  }
  const sample = data.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) if (byte < 9 || (byte > 13 && byte < 32)) control++;
  if (control === 0) {
    return "The file is plain text (perhaps CSV renamed to .xlsx), not an Excel workbook; open it in Excel and save it as .xlsx.";
  }
  return "The file is not an Excel workbook (.xlsx): it is not a zip package.";
}

/** Whether `head` starts as an OLE2 compound file (.xls, .doc, an encrypted package). */
export function isCompoundFile(head: Uint8Array): boolean {
  return startsWithBytes(head, OLE2_MAGIC);
}

/** Whether `head` starts as a zip archive. */
export function isZipStart(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b;
}

/**
 * Refuses an OLE2 compound file, saying what it is: encrypted (an Office package behind a
 * password), a Word document, or an Excel 97-2003 workbook. `data` may be only the file's head
 * and tail, where Office writes the directory that names the streams.
 */
export function classifyCompoundFile(data: Uint8Array): never {
  if (containsUtf16(data, "EncryptionInfo") || containsUtf16(data, "EncryptedPackage")) {
    throw new WorkbookError(
      "encrypted",
      "The workbook is password-protected (encrypted); remove the password in Excel (File > Info > Protect Workbook) and try again.",
    );
  }
  if (containsUtf16(data, "WordDocument")) {
    throw new WorkbookError("not-a-workbook", "The file is a Word 97-2003 document, not an Excel workbook.");
  }
  throw new WorkbookError(
    "legacy-format",
    "The file is an Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx.",
  );
}

function corrupt(message: string, detail?: string): WorkbookError {
  return new WorkbookError("corrupt", `The workbook file is damaged: ${message}`, detail);
}

function findEndOfCentralDirectory(data: Uint8Array): number {
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= lowest; at--) {
    if (data[at] === 0x50 && data[at + 1] === 0x4b && u32(data, at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

interface Zip64Sizes {
  size: number;
  compressedSize: number;
  localHeaderOffset: number;
}

function readZip64Extra(data: Uint8Array, from: number, to: number, base: Zip64Sizes): Zip64Sizes {
  let at = from;
  const result = { ...base };
  while (at + 4 <= to) {
    const id = u16(data, at);
    const length = u16(data, at + 2);
    if (id === 0x0001) {
      // Only the fields whose 32-bit value is 0xFFFFFFFF are present, in this order.
      let field = at + 4;
      if (base.size === 0xffffffff && field + 8 <= to) {
        result.size = u64(data, field);
        field += 8;
      }
      if (base.compressedSize === 0xffffffff && field + 8 <= to) {
        result.compressedSize = u64(data, field);
        field += 8;
      }
      if (base.localHeaderOffset === 0xffffffff && field + 8 <= to) result.localHeaderOffset = u64(data, field);
      break;
    }
    at += 4 + length;
  }
  return result;
}

const utf8 = new TextDecoder("utf-8");

function decodeEntryName(bytes: Uint8Array, utf8Flag: boolean): string {
  // Part names are ASCII in practice; CP437 names (no UTF-8 flag) decode alike for ASCII.
  const raw = utf8Flag ? utf8.decode(bytes) : asciiPrefix(bytes, bytes.length);
  return raw.replace(/\\/g, "/").replace(/^\/+/, "");
}

/**
 * Recognises the file and lists its parts. Throws WorkbookError: "encrypted" and
 * "legacy-format" for OLE2 compound files, "not-a-workbook" for anything that is not a zip,
 * "corrupt" for a damaged zip.
 */
export function openZipPackage(data: Uint8Array, inflateRaw?: InflateRaw): ZipPackage {
  if (isCompoundFile(data)) classifyCompoundFile(data);
  if (!isZipStart(data)) throw new WorkbookError("not-a-workbook", describeNonZip(data));
  const eocd = findEndOfCentralDirectory(data);
  if (eocd < 0) throw corrupt("the zip archive is truncated or incomplete (no central directory).");

  let count = u16(data, eocd + 10);
  let directorySize = u32(data, eocd + 12);
  let directoryOffset = u32(data, eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && u32(data, locator) === ZIP64_LOCATOR_SIGNATURE) {
      const record = u64(data, locator + 8);
      if (record + 56 > data.length || u32(data, record) !== ZIP64_EOCD_SIGNATURE) {
        throw corrupt("the zip64 end record is missing.");
      }
      count = u64(data, record + 32);
      directorySize = u64(data, record + 40);
      directoryOffset = u64(data, record + 48);
    }
  }
  // Refused from the end record, before one entry is listed.
  if (count > MAX_ZIP_ENTRIES) {
    throw new WorkbookError("too-large", `The workbook's zip archive lists ${count.toLocaleString("en")} parts, more than the ${MAX_ZIP_ENTRIES.toLocaleString("en")} a workbook could have.`);
  }
  if (directorySize > data.length) throw corrupt("the zip central directory is larger than the file.");
  // Tolerate bytes prepended to the archive: the directory then sits later than it says.
  if (u32(data, directoryOffset) !== CENTRAL_SIGNATURE && count > 0) {
    const shifted = eocd - directorySize;
    if (shifted >= 0 && u32(data, shifted) === CENTRAL_SIGNATURE) directoryOffset = shifted;
    else throw corrupt("the zip central directory is not where the archive says.");
  }

  const entries = new Map<string, ZipEntry>();
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > data.length || u32(data, at) !== CENTRAL_SIGNATURE) {
      throw corrupt("the zip central directory is cut short.");
    }
    const flags = u16(data, at + 8);
    const method = u16(data, at + 10);
    const nameLength = u16(data, at + 28);
    const extraLength = u16(data, at + 30);
    const commentLength = u16(data, at + 32);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > data.length) throw corrupt("the zip central directory is cut short.");
    const sizes = readZip64Extra(data, extraStart, extraStart + extraLength, {
      compressedSize: u32(data, at + 20),
      size: u32(data, at + 24),
      localHeaderOffset: u32(data, at + 42),
    });
    const name = decodeEntryName(data.subarray(nameStart, extraStart), (flags & 0x800) !== 0);
    if (name !== "" && !name.endsWith("/")) {
      const key = partKey(name);
      const same = entries.get(key);
      // OPC (ECMA-376 Part 2, §9.1.1.1): part names are equivalent under ASCII case folding and
      // percent-decoding; a package with two equivalent names is invalid, and which of the two a
      // program reads would be anyone's guess.
      if (same) throw corrupt(`the package holds two parts with equivalent names, ${same.name} and ${name}.`);
      entries.set(key, { name, method, flags, ...sizes });
    }
    at = next;
  }
  return inflateRaw ? { data, entries, inflateRaw } : { data, entries };
}

/** A part name as OPC compares it: no leading slash, percent-encoding decoded, ASCII case folded. */
function partKey(name: string): string {
  let key = name.replace(/^\/+/, "");
  if (key.includes("%")) {
    try {
      key = decodeURIComponent(key);
    } catch {
      // Not valid percent-encoding: compared as written.
    }
  }
  return key.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

export function findEntry(zip: ZipPackage, name: string): ZipEntry | undefined {
  return zip.entries.get(partKey(name.replace(/\\/g, "/")));
}

/**
 * Rejects, before inflating anything, parts whose declared sizes exceed `limit` in total or
 * whose compression ratio no spreadsheet reaches.
 */
export function checkDeclaredSizes(entries: readonly ZipEntry[], limit: number): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    if (entry.size > RATIO_CHECK_FLOOR && entry.size > MAX_PLAUSIBLE_RATIO * Math.max(entry.compressedSize, 1)) {
      const ratio = Math.round(entry.size / Math.max(entry.compressedSize, 1));
      throw new WorkbookError(
        "too-large",
        `The workbook part ${entry.name} claims to expand ${ratio}:1 (${formatBytes(entry.compressedSize)} to ${formatBytes(entry.size)}); that is a zip bomb, not a spreadsheet.`,
      );
    }
  }
  if (total > limit) {
    throw new WorkbookError(
      "too-large",
      `The workbook's parts would expand to ${formatBytes(total)}, over the limit of ${formatBytes(limit)}.`,
    );
  }
}

function compressedData(zip: ZipPackage, entry: ZipEntry): Uint8Array {
  const { data } = zip;
  const at = entry.localHeaderOffset;
  if (at + 30 > data.length || u32(data, at) !== LOCAL_SIGNATURE) {
    throw corrupt(`the part ${entry.name} is missing from the archive (truncated file?).`);
  }
  const start = at + 30 + u16(data, at + 26) + u16(data, at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw corrupt(`the part ${entry.name} is cut short (truncated file?).`);
  return data.subarray(start, end);
}

/**
 * Inflates one part, handing its bytes to `onChunk` as they come. Output is capped at the
 * declared size and at the budget; input is fed in small steps so one step's output stays small.
 */
export function inflateEntry(
  zip: ZipPackage,
  entry: ZipEntry,
  budget: InflateBudget,
  onChunk: (bytes: Uint8Array) => void,
): void {
  if (entry.flags & 0x1) {
    throw new WorkbookError(
      "encrypted",
      `The workbook's zip parts are encrypted (${entry.name}); remove the password and save it as .xlsx.`,
    );
  }
  const source = compressedData(zip, entry);
  let produced = 0;
  const accept = (bytes: Uint8Array): void => {
    if (bytes.length === 0) return;
    produced += bytes.length;
    if (produced > entry.size) {
      throw new WorkbookError(
        "too-large",
        `The workbook part ${entry.name} expands beyond the ${formatBytes(entry.size)} its header declares; that is a zip bomb, not a spreadsheet.`,
      );
    }
    budget.take(bytes.length, entry.name);
    onChunk(bytes);
  };
  if (entry.method === 0) {
    for (let at = 0; at < source.length; at += INFLATE_STEP * 16) accept(source.subarray(at, at + INFLATE_STEP * 16));
  } else if (entry.method === 8 && zip.inflateRaw && entry.size <= WHOLE_INFLATE_MAX) {
    // Declared sizes are checked before this, so the part is small enough to hold whole; the
    // inflater stops at the declared size, so a lying header is caught as below.
    let whole: Uint8Array;
    try {
      whole = zip.inflateRaw(source, Math.max(entry.size, 1));
    } catch (error) {
      // By name: Node's errors may come from another realm (a test runner's), where instanceof fails.
      if ((error as { name?: unknown } | null)?.name === "RangeError") accept(new Uint8Array(entry.size + 1));
      // The inflater's own words ("invalid block type") say nothing to a person.
      throw corrupt(`the part ${entry.name} cannot be decompressed.`);
    }
    for (let at = 0; at < whole.length; at += WHOLE_INFLATE_PIECE) accept(whole.subarray(at, at + WHOLE_INFLATE_PIECE));
  } else if (entry.method === 8) {
    const inflater = new Inflate((chunk) => accept(chunk));
    try {
      if (source.length === 0) inflater.push(new Uint8Array(0), true);
      for (let at = 0; at < source.length; at += INFLATE_STEP) {
        inflater.push(source.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= source.length);
      }
    } catch (error) {
      if (error instanceof WorkbookError) throw error;
      throw corrupt(`the part ${entry.name} cannot be decompressed.`);
    }
  } else {
    throw corrupt(`the part ${entry.name} uses an unsupported compression method (${entry.method}).`);
  }
  if (produced !== entry.size) {
    throw corrupt(`the part ${entry.name} is ${produced} bytes, not the ${entry.size} its header declares.`);
  }
}

/** A whole part as bytes. */
export function readEntryBytes(zip: ZipPackage, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const chunks: Uint8Array[] = [];
  inflateEntry(zip, entry, budget, (chunk) => chunks.push(chunk));
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * XML parts are UTF-8 unless a byte-order mark says UTF-16 (OPC allows both), or, without one,
 * the part starts `<` as UTF-16 does (XML 1.0, Appendix F).
 */
function decoderFor(firstBytes: Uint8Array): TextDecoder {
  if (firstBytes[0] === 0xff && firstBytes[1] === 0xfe) return new TextDecoder("utf-16le");
  if (firstBytes[0] === 0xfe && firstBytes[1] === 0xff) return new TextDecoder("utf-16be");
  if (firstBytes[0] === 0x3c && firstBytes[1] === 0x00) return new TextDecoder("utf-16le");
  if (firstBytes[0] === 0x00 && firstBytes[1] === 0x3c) return new TextDecoder("utf-16be");
  return new TextDecoder("utf-8");
}

/** A whole (small) part as text. */
export function readEntryText(zip: ZipPackage, entry: ZipEntry, budget: InflateBudget): string {
  const bytes = readEntryBytes(zip, entry, budget);
  return decoderFor(bytes).decode(bytes);
}

/** Receives a part piece by piece and hands its consumer only what it can use. */
export interface Feeder<Piece> {
  push(piece: Piece): void;
  end(): void;
}

/**
 * Feeds bytes to `consume`, which returns how many it has used; the rest is handed back with the
 * next piece. While a construct stays incomplete, more is gathered before trying again (at least
 * doubling), so a huge element costs linear, not quadratic, time.
 */
export function createByteFeeder(consume: (bytes: Uint8Array, final: boolean) => number): Feeder<Uint8Array> {
  let carry: Uint8Array = new Uint8Array(0);
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let retryAt = 0;
  const gather = (): Uint8Array => {
    let bytes: Uint8Array;
    if (carry.length === 0 && pending.length === 1) bytes = pending[0]!;
    else {
      bytes = new Uint8Array(carry.length + pendingLength);
      bytes.set(carry);
      let at = carry.length;
      for (const chunk of pending) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
    }
    pending = [];
    pendingLength = 0;
    return bytes;
  };
  return {
    push(chunk) {
      if (chunk.length === 0) return;
      pending.push(chunk);
      pendingLength += chunk.length;
      if (carry.length + pendingLength < retryAt) return;
      const bytes = gather();
      carry = bytes.subarray(consume(bytes, false));
      retryAt = carry.length * 2;
    },
    end() {
      consume(gather(), true);
      carry = new Uint8Array(0);
    },
  };
}

/**
 * Streams a part's UTF-8 bytes through `consume` (see createByteFeeder). A part written in
 * UTF-16 (rare, but allowed) is converted to UTF-8 piece by piece as it inflates, so it is never
 * held whole either and every bound applies to it as it comes.
 */
export function streamEntryBytes(
  zip: ZipPackage,
  entry: ZipEntry,
  budget: InflateBudget,
  consume: (bytes: Uint8Array, final: boolean) => number,
): void {
  const feeder = createByteFeeder(consume);
  const state: { utf16?: TextDecoder | null } = {};
  const encoder = new TextEncoder();
  inflateEntry(zip, entry, budget, (bytes) => {
    if (state.utf16 === undefined) {
      const decoder = decoderFor(bytes);
      state.utf16 = decoder.encoding === "utf-8" ? null : decoder;
    }
    if (state.utf16) feeder.push(encoder.encode(state.utf16.decode(bytes, { stream: true })));
    else feeder.push(bytes);
  });
  if (state.utf16) feeder.push(encoder.encode(state.utf16.decode()));
  feeder.end();
}
