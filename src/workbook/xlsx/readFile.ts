/** Node-only entry point: reads an .xlsx file from disk (the core in read.ts stays browser-safe). */
import { open, stat } from "node:fs/promises";
import { inflateRawSync } from "node:zlib";
import type { WorkbookSnapshot } from "../../engine/types";
import { WorkbookError } from "../gateway";
import { MAX_FILE_BYTES } from "./limits";
import { readWorkbookSnapshot, ReadWorkbookOptions } from "./read";
import { classifyCompoundFile, describeNonZip, isCompoundFile, isZipStart } from "./readZip";

/** Bytes of the file's start that tell what it is (and what it most likely is when not a workbook). */
const HEAD_BYTES = 4096;
/** Of an OLE2 compound file, the head and the tail that are searched for the names of its streams. */
const COMPOUND_SAMPLE_BYTES = 1024 * 1024;

function fileError(path: string, error: unknown): WorkbookError {
  const code = (error as { code?: string }).code;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === "ENOENT") return new WorkbookError("not-found", `File not found: ${path}`, reason);
  if (code === "EISDIR") return new WorkbookError("not-a-workbook", `${path} is a folder, not a workbook file.`, reason);
  if (code === "EACCES" || code === "EPERM") {
    return new WorkbookError("not-found", `${path} cannot be opened (permission denied).`, reason);
  }
  return new WorkbookError("not-found", `${path} cannot be read.`, reason);
}

/**
 * The bytes of a regular file of at most MAX_FILE_BYTES that starts as a zip archive, read whole
 * into one buffer and never copied. Anything else is refused from its first bytes (a gigabyte of
 * text costs four kilobytes), an OLE2 file from its head and tail: WorkbookError "not-a-workbook",
 * "encrypted" or "legacy-format". I/O errors are thrown as they come; the caller words them.
 */
export async function readWorkbookBytes(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (isCompoundFile(head)) {
      const sample = new Uint8Array(Math.min(size, 2 * COMPOUND_SAMPLE_BYTES));
      const first = Math.min(size, COMPOUND_SAMPLE_BYTES);
      await handle.read(sample, 0, first, 0);
      await handle.read(sample, first, sample.length - first, size - (sample.length - first));
      classifyCompoundFile(sample);
    }
    if (!isZipStart(head)) throw new WorkbookError("not-a-workbook", describeNonZip(head));
    const data = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(data, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    // A file that shrank while being read is read as far as it goes (the zip checks then judge it).
    return at === size ? data : data.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/**
 * Node's zlib as the reader's whole-part inflater (see InflateRaw in readZip.ts): native code,
 * several times faster than fflate, and it throws a RangeError past `maxBytes`.
 */
export function nodeInflateRaw(compressed: Uint8Array, maxBytes: number): Uint8Array {
  const out = inflateRawSync(compressed, { maxOutputLength: maxBytes });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Reads the workbook file at `path`; see readWorkbookSnapshot for the errors it throws. */
export async function readWorkbookSnapshotFromFile(path: string, options: ReadWorkbookOptions = {}): Promise<WorkbookSnapshot> {
  let data: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    // A FIFO would block forever and a device may never end: only regular files are read.
    if (!info.isFile()) throw new WorkbookError("not-a-workbook", `${path} is not a regular file.`);
    if (info.size > MAX_FILE_BYTES) {
      throw new WorkbookError("too-large", `${path} is ${Math.round(info.size / 1024 / 1024)} MiB, too large to read.`);
    }
    data = await readWorkbookBytes(path, info.size);
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    throw fileError(path, error);
  }
  return readWorkbookSnapshot(data, { inflateRaw: nodeInflateRaw, ...options });
}
