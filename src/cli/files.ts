/** Files the command line writes: never over its input, never half-written. */
import { randomBytes } from "crypto";
import { constants, promises as fs } from "fs";
import * as path from "path";
import type { Language } from "../engine/types";
import { isWorkbookError, WorkbookError } from "../workbook/gateway";
import { MAX_FILE_BYTES } from "../workbook/xlsx/limits";
import { UsageError } from "./arguments";
import { LocalizedWorkbookError, systemErrorText } from "./messages";

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

/** What an output path names, when it is not something the command writes. */
export type RefusedTarget =
  | "directory"
  | "character device"
  | "block device"
  | "FIFO"
  | "socket"
  | "symbolic link"
  | "symbolic link to a directory"
  | "symbolic link to a character device"
  | "symbolic link to a block device"
  | "symbolic link to a FIFO"
  | "symbolic link to a socket"
  | "dangling symbolic link"
  | "parent not a directory";

/** The command refuses to write `file`: it names `target`, not a regular file in a folder. */
export class OutputTargetError extends Error {
  constructor(
    readonly file: string,
    readonly target: RefusedTarget,
  ) {
    super(`${file}: ${target}`);
    this.name = "OutputTargetError";
  }
}

function kindOf(stat: import("fs").Stats): "directory" | "character device" | "block device" | "FIFO" | "socket" | null {
  if (stat.isDirectory()) return "directory";
  if (stat.isCharacterDevice()) return "character device";
  if (stat.isBlockDevice()) return "block device";
  if (stat.isFIFO()) return "FIFO";
  if (stat.isSocket()) return "socket";
  return null;
}

/**
 * Throws OutputTargetError unless `file` is a new name or a regular file (not a link) in a
 * folder. A symbolic link is refused whatever it points at: writing through it would put the file
 * somewhere other than the folder named, and replacing it would replace the link, not its target.
 */
export async function checkOutputTarget(file: string): Promise<void> {
  const parent = path.dirname(path.resolve(file));
  const folder = await fs.stat(parent).catch((error: NodeJS.ErrnoException) => {
    // A missing folder is the write's own error (ENOENT), reported as such.
    if (error.code === "ENOTDIR") throw new OutputTargetError(file, "parent not a directory");
    return null;
  });
  if (folder && !folder.isDirectory()) throw new OutputTargetError(file, "parent not a directory");
  const existing = await fs.lstat(file).catch(() => null);
  if (!existing) return;
  if (existing.isSymbolicLink()) {
    const target = await fs.stat(file).catch(() => null);
    if (!target) throw new OutputTargetError(file, "dangling symbolic link");
    const kind = kindOf(target);
    throw new OutputTargetError(file, kind === null ? "symbolic link" : (`symbolic link to a ${kind}` as RefusedTarget));
  }
  const kind = kindOf(existing);
  if (kind !== null) throw new OutputTargetError(file, kind);
}

/**
 * Writes `data` (bytes, or chunks in order) to `file` through a temporary file in the same
 * folder, renamed into place: a failure (disk full, killed process) leaves no partial file, and
 * an existing file is replaced whole or not at all. Only regular files are written: a target that
 * is a device, a FIFO, a socket, a folder or a symbolic link, or whose parent is not a folder, is
 * refused (OutputTargetError), checked before writing and again just before the rename. With
 * `exclusive`, an existing file is never replaced (EEXIST).
 */
export async function writeFileAtomically(file: string, data: Uint8Array | readonly Uint8Array[], options: { exclusive?: boolean } = {}): Promise<void> {
  await checkOutputTarget(file);
  if (options.exclusive && (await fs.lstat(file).catch(() => null))) {
    throw Object.assign(new Error(`EEXIST: file already exists, open '${file}'`), { code: "EEXIST" });
  }
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    // O_EXCL never follows or reuses an existing name; O_NOFOLLOW says so twice.
    const handle = await fs.open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0), 0o666);
    try {
      for (const chunk of data instanceof Uint8Array ? [data] : data) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The target may have become a link or a device while the file was written.
    await checkOutputTarget(file);
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

const TARGET_WORDS: Readonly<Record<RefusedTarget, { "zh-TW": string; en: string }>> = {
  directory: { "zh-TW": "這是資料夾", en: "it is a folder" },
  "character device": { "zh-TW": "這是字元裝置", en: "it is a character device" },
  "block device": { "zh-TW": "這是區塊裝置", en: "it is a block device" },
  FIFO: { "zh-TW": "這是具名管道（FIFO）", en: "it is a named pipe (FIFO)" },
  socket: { "zh-TW": "這是通訊端（socket）", en: "it is a socket" },
  "symbolic link": { "zh-TW": "這是符號連結", en: "it is a symbolic link" },
  "symbolic link to a directory": { "zh-TW": "這是指向資料夾的符號連結", en: "it is a symbolic link to a folder" },
  "symbolic link to a character device": { "zh-TW": "這是指向字元裝置的符號連結", en: "it is a symbolic link to a character device" },
  "symbolic link to a block device": { "zh-TW": "這是指向區塊裝置的符號連結", en: "it is a symbolic link to a block device" },
  "symbolic link to a FIFO": { "zh-TW": "這是指向具名管道的符號連結", en: "it is a symbolic link to a named pipe" },
  "symbolic link to a socket": { "zh-TW": "這是指向通訊端的符號連結", en: "it is a symbolic link to a socket" },
  "dangling symbolic link": { "zh-TW": "這是指向不存在目標的符號連結", en: "it is a symbolic link to nothing" },
  "parent not a directory": { "zh-TW": "其上層路徑不是資料夾", en: "its parent is not a folder" },
};

/** One line for a refused output, in the chosen language. */
export function describeRefusedTarget(error: OutputTargetError, language: "zh-TW" | "en"): string {
  const why = TARGET_WORDS[error.target][language];
  return language === "zh-TW"
    ? `未寫入 ${error.file}：${why}；只會在指定的資料夾寫入一般檔案，請指定一般檔案或新檔名`
    : `${error.file} was not written: ${why}; only a regular file is written, in the folder named — name a regular file or a new one`;
}

/**
 * The bytes of a workbook to check: only a regular file of at most MAX_FILE_BYTES (a folder, a
 * pipe or a device is refused before it is opened), refused from its first bytes when it is no
 * zip, read once and never copied when it is; a failure is a WorkbookError.
 */
export async function readWorkbookFile(file: string): Promise<Uint8Array> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new LocalizedWorkbookError("not-a-workbook", { "zh-TW": `${file} 是資料夾，不是活頁簿`, en: `${file} is a folder, not a workbook` });
    // A FIFO would block forever and /dev/zero never ends: only regular files are read.
    if (!stat.isFile()) throw new LocalizedWorkbookError("not-a-workbook", { "zh-TW": `${file} 不是一般檔案`, en: `${file} is not a regular file` });
    if (stat.size > MAX_FILE_BYTES) {
      const size = Math.round(stat.size / 1024 / 1024);
      const limit = MAX_FILE_BYTES / 1024 / 1024;
      throw new LocalizedWorkbookError("too-large", {
        "zh-TW": `${file} 有 ${size} MiB，超過 ${limit} MiB 的活頁簿不讀取`,
        en: `${file} is ${size} MiB; workbooks over ${limit} MiB are not read`,
      });
    }
    const { readWorkbookBytes } = await import("../workbook/xlsx/readFile");
    return await readWorkbookBytes(file, stat.size);
  } catch (error) {
    if (isWorkbookError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const zh = systemErrorText(code, "zh-TW");
    const en = systemErrorText(code, "en");
    if (zh !== null && en !== null) {
      throw new LocalizedWorkbookError(code === "ENOENT" || code === "EACCES" || code === "EPERM" ? "not-found" : "corrupt", { "zh-TW": `${file}（${zh}）`, en: `${file}: ${en}` }, code);
    }
    throw new LocalizedWorkbookError("corrupt", { "zh-TW": file, en: `${file}: ${(error as Error).message}` }, code);
  }
}

/** Refuses, before anything is read, an output (named by `option`) that is not a regular file in a folder. */
export async function refuseOutputTarget(output: string, option: string, language: Language): Promise<void> {
  try {
    await checkOutputTarget(output);
  } catch (error) {
    if (error instanceof OutputTargetError) throw new UsageError(`${option} ${describeRefusedTarget(error, language)}`);
    throw error;
  }
}

/**
 * Writes a file the command makes (named by `option`): a target that is not a regular file is a
 * UsageError in one line, any other failure a write-failed WorkbookError naming the file.
 */
export async function writeOutput(output: string, data: Uint8Array | readonly Uint8Array[], option: string, language: Language): Promise<void> {
  try {
    await writeFileAtomically(output, data);
  } catch (error) {
    if (error instanceof OutputTargetError) throw new UsageError(`${option} ${describeRefusedTarget(error, language)}`);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WorkbookError(
      "write-failed",
      language === "zh-TW" ? `無法寫入 ${output}，未留下不完整的檔案` : `could not write ${output}; no partial file was left`,
      reason,
    );
  }
}
