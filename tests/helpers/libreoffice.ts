/** LibreOffice headless, for tests that need a second spreadsheet program (writer or calculator). */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

/** Converts a file with LibreOffice (a private profile avoids lock clashes between parallel runs). */
export function convertWithLibreOffice(file: string, outDir: string, format: string): string {
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(path.join(tmpdir(), "lo-profile-"));
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", format, "--outdir", outDir, file],
    { stdio: "pipe", timeout: 120_000 },
  );
  const base = path.basename(file).replace(/\.[^.]+$/, "");
  return path.join(outDir, `${base}.${format.split(":")[0]}`);
}
