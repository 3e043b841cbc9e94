/**
 * Opens a workbook in LibreOffice, recalculating every formula, and exports every sheet as CSV:
 * what another spreadsheet program shows in each cell. LibreOffice failing to open the file
 * throws (non-zero exit, or no CSV written).
 */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

const RECALC_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Sheet name → CSV text (UTF-8, comma-separated, every sheet: LibreOffice 7.2+). */
export function sheetsAsCsv(data: Uint8Array): Map<string, string> {
  const work = mkdtempSync(path.join(tmpdir(), `lo-csv-${process.pid}-`));
  try {
    const profile = path.join(work, "profile");
    mkdirSync(path.join(profile, "user"), { recursive: true });
    writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_SETTINGS);
    const input = path.join(work, "book.xlsx");
    const out = path.join(work, "out");
    writeFileSync(input, data);
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        out,
        input,
      ],
      { stdio: "pipe", timeout: 180_000 },
    );
    const sheets = new Map<string, string>();
    for (const file of readdirSync(out)) {
      const match = /^book-(.*)\.csv$/.exec(file);
      if (match) sheets.set(match[1]!, readFileSync(path.join(out, file), "utf8"));
    }
    if (sheets.size === 0) throw new Error("LibreOffice wrote no CSV: it could not open the workbook");
    return sheets;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
