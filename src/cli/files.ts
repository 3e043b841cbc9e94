/** Files the command line writes: never over its input, never half-written. */
import { randomBytes } from "crypto";
import { constants, promises as fs } from "fs";
import * as path from "path";
import type { Language } from "../engine/types";
import { isWorkbookError, WorkbookError } from "../workbook/gateway";
import { MAX_FILE_BYTES } from "../workbook/xlsx/limits";

async function realPathOrNull(file: string): Promise<string | null> {
  try {
    return await fs.realpath(file);
  } catch {
    return null;
  }
}

/**
 * Whether writing `output` would reach the file `input`: the same path, a symbolic link to it,
 * a path through a linked folder, a hard link, or another spelling on a case-insensitive disk.
 */
export async function sameFile(input: string, output: string): Promise<boolean> {
  if (path.resolve(input) === path.resolve(output)) return true;
  const realInput = await realPathOrNull(input);
  if (realInput === null) return false;
  const realOutput = (await realPathOrNull(output)) ?? path.join((await realPathOrNull(path.dirname(path.resolve(output)))) ?? path.dirname(path.resolve(output)), path.basename(output));
  if (realInput === realOutput) return true;
  try {
    const [a, b] = await Promise.all([fs.stat(input), fs.stat(output)]);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/**
 * Writes `bytes` to `file` through a temporary file in the same folder, renamed into place: a
 * failure (disk full, killed process) leaves no partial file, and an existing file is replaced
 * whole or not at all. With `exclusive`, an existing file is never replaced (EEXIST). Targets
 * that are not regular files (/dev/null, a pipe) are written directly.
 */
export async function writeFileAtomically(file: string, bytes: Uint8Array, options: { exclusive?: boolean } = {}): Promise<void> {
  const existing = await fs.lstat(file).catch(() => null);
  if (existing && options.exclusive) {
    throw Object.assign(new Error(`EEXIST: file already exists, open '${file}'`), { code: "EEXIST" });
  }
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
    await fs.writeFile(file, bytes);
    return;
  }
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await fs.open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o666);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      // link() fails if the name exists: an exclusive create that is still all or nothing.
      await fs.link(temporary, file).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code === "EEXIST") throw error;
        // Disks without hard links (FAT, some network shares): an exclusive copy instead.
        await fs.copyFile(temporary, file, constants.COPYFILE_EXCL);
      });
    } else {
      await fs.rename(temporary, file);
    }
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/**
 * The bytes of a workbook to check: only a regular file of at most MAX_FILE_BYTES (a folder, a
 * pipe or a device is refused before it is opened); a failure is a WorkbookError.
 */
export async function readWorkbookFile(file: string): Promise<Uint8Array> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new WorkbookError("not-a-workbook", `${file} is a folder, not a workbook`);
    // A FIFO would block forever and /dev/zero never ends: only regular files are read.
    if (!stat.isFile()) throw new WorkbookError("not-a-workbook", `${file} is not a regular file`);
    if (stat.size > MAX_FILE_BYTES) {
      throw new WorkbookError("too-large", `${file} is ${Math.round(stat.size / 1024 / 1024)} MiB; workbooks over ${MAX_FILE_BYTES / 1024 / 1024} MiB are not read`);
    }
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    if (isWorkbookError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WorkbookError("not-found", `${file}: no such file`);
    if (code === "EACCES" || code === "EPERM") throw new WorkbookError("not-found", `${file}: permission denied`);
    throw new WorkbookError("corrupt", `${file}: ${(error as Error).message}`);
  }
}

/** Writes a file the command makes; a failure is a write-failed WorkbookError naming the file. */
export async function writeOutput(output: string, bytes: Uint8Array, language: Language): Promise<void> {
  try {
    await writeFileAtomically(output, bytes);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WorkbookError(
      "write-failed",
      language === "zh-TW" ? `無法寫入 ${output}，未留下不完整的檔案` : `could not write ${output}; no partial file was left`,
      reason,
    );
  }
}
