/**
 * LibreOffice headless as a second spreadsheet program: it opens our files, recalculates every
 * formula and saves them again, so tests can read the values another program computes.
 *
 * LibreOffice does not recalculate .xlsx files on load unless told to (its default keeps the
 * cached values), so each run gets a fresh profile whose settings say "always recalculate".
 */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { describeWithTool } from "../helpers/tools";

/** `describe` when soffice is installed, `describe.skip` otherwise (tests/helpers/tools.ts says what to install). */
export const describeWithLibreOffice: jest.Describe = describeWithTool("soffice");

const RECALC_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens `data` (a file of `extension`) in LibreOffice, recalculates and saves it as .xlsx;
 * returns the saved bytes.
 */
export function convertWithLibreOffice(data: Uint8Array, extension = "xlsx"): Uint8Array {
  const work = mkdtempSync(path.join(tmpdir(), `lo-${process.pid}-`));
  try {
    const profile = path.join(work, "profile");
    mkdirSync(path.join(profile, "user"), { recursive: true });
    writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_SETTINGS);
    const input = path.join(work, `input.${extension}`);
    const out = path.join(work, "out");
    writeFileSync(input, data);
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, input],
      { stdio: "pipe", timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(path.join(out, "input.xlsx")));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
