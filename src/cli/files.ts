/** Files the command line writes: never over its input, never half-written. */
import { randomBytes } from "crypto";
import { constants, promises as fs } from "fs";
import * as path from "path";

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
