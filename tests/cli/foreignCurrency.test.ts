/**
 * An amount in another currency is not an NT$ amount: US$5,000 was once read as 5,000. In a
 * numeric column it is a NOT-NUMBER finding whose message says it is a foreign currency and to
 * convert it to 新臺幣; the accepted forms (NT$, ＄, 元, 新臺幣) still read as numbers. Checked
 * through the command line on an .xlsx written by ExcelJS and on the same file saved again by
 * LibreOffice.
 */
import ExcelJS from "exceljs";
import { readFileSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { columnLetters } from "../../src/engine/address";
import { parseNumberCell } from "../../src/engine/normalize";
import { convertWithLibreOffice, describeWithLibreOffice } from "../libreoffice/soffice";

const FOREIGN = ["US$5,000", "USD 5000", "5,000 USD", "€300", "JPY 1000", "¥1000", "￥1000", "RMB 200", "HK$100", "人民幣200", "美金500", "3萬日圓", "1000日圓", "200 EUR", "£50", "美元 800", "港幣 300"];
const ACCEPTED: [string, number][] = [
  ["NT$5,000", 5000],
  ["＄5,000", 5000],
  ["$5,000", 5000],
  ["5,000元", 5000],
  ["新臺幣5,000元", 5000],
  ["新台幣 5,000", 5000],
  ["NTD 5000", 5000],
  ["５，０００圓", 5000],
];

describe("parseNumberCell and currencies", () => {
  it.each(FOREIGN)("%s is not an NT$ amount: invalid, naming the currency", (text) => {
    const parsed = parseNumberCell(text);
    expect(parsed).toMatchObject({ kind: "invalid", text });
    expect(parsed.kind === "invalid" && parsed.currency).toBeTruthy();
  });
  it.each(ACCEPTED)("%s is NT$ %d", (text, value) => {
    expect(parseNumberCell(text)).toEqual({ kind: "number", value });
  });
  it("other text is invalid without a currency", () => {
    expect(parseNumberCell("12萬")).toEqual({ kind: "invalid", text: "12萬" });
  });
});

const dir = mkdtempSync(path.join(tmpdir(), "alliance-currency-"));
const CELLS = ["US$5,000", "5,000 USD", "人民幣200", "€300"];

async function run(...args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: () => undefined, isTTY: false });
  return { code, stdout };
}

/** sample-clean.xlsx with the first budget amounts typed in foreign currencies; returns the file and the cells. */
async function foreignWorkbook(): Promise<{ file: string; cells: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(__dirname, "..", "..", "samples", "sample-clean.xlsx"));
  const sheet = workbook.getWorksheet("經費表")!;
  let amountColumn = 0;
  let headerRow = 0;
  for (let row = 1; row <= 10 && headerRow === 0; row += 1) {
    sheet.getRow(row).eachCell((cell, column) => {
      if (String(cell.value).startsWith("金額")) [amountColumn, headerRow] = [column, row];
    });
  }
  expect(amountColumn).toBeGreaterThan(0);
  const cells: string[] = [];
  CELLS.forEach((text, i) => {
    sheet.getRow(headerRow + 1 + i).getCell(amountColumn).value = text;
    cells.push(`${columnLetters(amountColumn)}${headerRow + 1 + i}`);
  });
  const file = path.join(dir, "foreign.xlsx");
  await workbook.xlsx.writeFile(file);
  return { file, cells };
}

interface JsonFinding {
  ruleId: string;
  cell: string;
  sheet: string;
  message: string;
}

async function notNumbers(file: string, language: "zh-TW" | "en"): Promise<JsonFinding[]> {
  const { stdout } = await run(file, "--format", "json", "--lang", language);
  return (JSON.parse(stdout).findings as JsonFinding[]).filter((finding) => finding.ruleId === "BUD-NOT-NUMBER");
}

async function expectForeignFindings(file: string, cells: string[]): Promise<void> {
  const zh = await notNumbers(file, "zh-TW");
  expect(zh.map((finding) => finding.cell)).toEqual(cells);
  zh.forEach((finding, i) => {
    expect(finding.message).toContain(`現為「${CELLS[i]}」，是外幣。請依匯率換算為新臺幣後填入數字`);
  });
  const en = await notNumbers(file, "en");
  expect(en.map((finding) => finding.message)).toEqual(
    CELLS.map((text) => expect.stringContaining(`must be an amount in NT$; found '${text}', a foreign currency. Convert it to NT$`)),
  );
  expect((await run(file)).code).toBe(1);
}

describe("the command line on a workbook with foreign-currency amounts", () => {
  let workbook: { file: string; cells: string[] };
  beforeAll(async () => {
    workbook = await foreignWorkbook();
  });

  it("gives a NOT-NUMBER finding at each, saying it is a foreign currency (ExcelJS-written .xlsx)", async () => {
    await expectForeignFindings(workbook.file, workbook.cells);
  });

  describeWithLibreOffice("saved again by LibreOffice", () => {
    it("gives the same findings", async () => {
      const saved = path.join(dir, "foreign-libreoffice.xlsx");
      writeFileSync(saved, convertWithLibreOffice(new Uint8Array(readFileSync(workbook.file))));
      await expectForeignFindings(saved, workbook.cells);
    }, 180_000);
  });
});
