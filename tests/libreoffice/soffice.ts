/**
 * LibreOffice headless as a second spreadsheet program: it opens our files, recalculates every
 * formula and saves them again, so tests can read the values another program computes.
 *
 * LibreOffice does not recalculate .xlsx files on load unless told to (its default keeps the
 * cached values), so each run gets a fresh profile whose settings say "always recalculate".
 */
import { execFileSync, spawnSync } from "child_process";
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
 * Runs LibreOffice on `data` (a file of `extension`) in a fresh profile that always recalculates,
 * converting it with `filter` (e.g. "pdf"); returns the converted file's bytes.
 */
function convert(data: Uint8Array, extension: string, filter: string, outExtension: string): Uint8Array {
  const work = mkdtempSync(path.join(tmpdir(), `lo-${process.pid}-`));
  try {
    const profile = path.join(work, "profile");
    mkdirSync(path.join(profile, "user"), { recursive: true });
    writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_SETTINGS);
    const input = path.join(work, `input.${extension}`);
    const out = path.join(work, "out");
    writeFileSync(input, data);
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", out, input], {
      stdio: "pipe",
      timeout: 120_000,
    });
    return new Uint8Array(readFileSync(path.join(out, `input.${outExtension}`)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Opens `data` (a file of `extension`) in LibreOffice, recalculates and saves it as .xlsx;
 * returns the saved bytes.
 */
export function convertWithLibreOffice(data: Uint8Array, extension = "xlsx"): Uint8Array {
  return convert(data, extension, "xlsx:Calc MS Excel 2007 XML", "xlsx");
}

/** Renders `data` (an .xlsx) to PDF with LibreOffice: every visible sheet, as each sheet's page setup says. */
export function renderPdf(data: Uint8Array, extension = "xlsx"): Uint8Array {
  return convert(data, extension, "pdf", "pdf");
}

export interface PdfFacts {
  pages: number;
  /** Width and height of the first page, in points. */
  width: number;
  height: number;
}

/** Pages and page size of a PDF: by pdfinfo (poppler-utils) when installed, else from the PDF's own page objects. */
export function pdfFacts(pdf: Uint8Array): PdfFacts {
  const work = mkdtempSync(path.join(tmpdir(), `pdfinfo-${process.pid}-`));
  try {
    const file = path.join(work, "doc.pdf");
    writeFileSync(file, pdf);
    const info = spawnSync("pdfinfo", [file], { encoding: "utf8" });
    if (info.status === 0) {
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
      const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info.stdout);
      return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const text = Buffer.from(pdf).toString("latin1");
  const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  return { pages, width: box ? Number(box[3]) - Number(box[1]) : NaN, height: box ? Number(box[4]) - Number(box[2]) : NaN };
}

/** The text of each page of a PDF (pdftotext, poppler-utils), or null when pdftotext is missing. */
export function pdfPageTexts(pdf: Uint8Array): string[] | null {
  const work = mkdtempSync(path.join(tmpdir(), `pdftext-${process.pid}-`));
  try {
    const file = path.join(work, "doc.pdf");
    writeFileSync(file, pdf);
    const result = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) return null;
    return result.stdout.split("\f").slice(0, pdfFacts(pdf).pages);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
