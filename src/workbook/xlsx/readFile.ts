/** Node-only entry point: reads an .xlsx file from disk (the core in read.ts stays browser-safe). */
import { readFile, stat } from "node:fs/promises";
import type { WorkbookSnapshot } from "../../engine/types";
import { WorkbookError } from "../gateway";
import { MAX_FILE_BYTES } from "./limits";
import { readWorkbookSnapshot, ReadWorkbookOptions } from "./read";

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
    const buffer = await readFile(path);
    data = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    throw fileError(path, error);
  }
  return readWorkbookSnapshot(data, options);
}
