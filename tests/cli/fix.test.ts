/**
 * `alliance-check fix`: on the mistakes sample, on the same workbook saved by LibreOffice, and on a
 * budget whose amounts are formulas, the copy's check has no finding left of a kind that was
 * fixed, every other cell holds the value it held, the input is untouched, and LibreOffice opens
 * the copy (recalculating every formula) to the same values.
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { fixSnapshot } from "../../src/cli/fix";
import { main } from "../../src/cli/main";
import { validateWorkbook } from "../../src/engine/validate";
import { budgetWith, cleanPlan, workbook } from "../helpers/workbook";
import type { CellValue, WorkbookSnapshot } from "../../src/engine/types";
import { toA1 } from "../../src/engine/address";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { convertWithLibreOffice, describeWithLibreOffice } from "../libreoffice/soffice";

const ROOT = path.join(__dirname, "..", "..");
const MISTAKES = path.join(ROOT, "samples", "sample-mistakes.xlsx");
const dir = mkdtempSync(path.join(tmpdir(), "alliance-fix-"));

/** Rules whose findings the sample's fixes remove (the 統一編號 tidy-up has no finding of its own). */
const SAMPLE_FIXED = ["BUD-AMOUNT-MISMATCH", "BUD-EQUIPMENT-UNIT", "BUD-FULLTIME-PAY", "BUD-OVERHEAD", "BUD-PHD-PAY", "BUD-TEMP-WAGE", "BUD-TOTAL-MISMATCH", "PLAN-SUBSIDY-MISMATCH"];

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const read = async (file: string, formulas = false) => readWorkbookSnapshot(new Uint8Array(readFileSync(file)), { formulas });

function cells(snapshot: WorkbookSnapshot, sheets?: readonly string[]): Map<string, CellValue> {
  const map = new Map<string, CellValue>();
  for (const sheet of snapshot.sheets) {
    if (sheets && !sheets.includes(sheet.name)) continue;
    sheet.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null) map.set(`${sheet.name}!${toA1(sheet.originRow + r, sheet.originColumn + c)}`, value);
      }),
    );
  }
  return map;
}

/** The Fix log's rows: sheet!cell and rule. */
function logRows(snapshot: WorkbookSnapshot, name = "修正紀錄"): { cell: string; rule: string }[] {
  const log = snapshot.sheets.find((sheet) => sheet.name === name)!;
  expect(log.values[0]).toEqual(name === "修正紀錄" ? ["工作表", "儲存格", "規則", "原值", "新值", "說明"] : ["Sheet", "Cell", "Rule", "Old", "New", "Description"]);
  return log.values.slice(1).map((row) => ({ cell: `${row[0]}!${row[1]}`, rule: String(row[2]) }));
}

async function findingRules(file: string): Promise<string[]> {
  const { stdout } = await run(file, "--format", "json");
  return (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId);
}

/** Fixes `input` into `out` and checks what every copy must satisfy; returns the log's rules. */
async function fixAndCompare(input: string, out: string): Promise<{ rules: string[]; stdout: string; code: number }> {
  const before = sha256(input);
  const result = await run("fix", input, "--out", out);
  expect(result.stderr).toContain(out);
  expect(sha256(input)).toBe(before);
  const original = await read(input);
  const copy = await read(out);
  const personSheets = original.sheets.map((sheet) => sheet.name);
  expect(copy.sheets.map((sheet) => sheet.name)).toEqual([...personSheets, "修正紀錄"]);
  const logged = logRows(copy);
  const changed = new Set(logged.map((row) => row.cell));
  // Every cell not named in the log holds exactly what it held.
  const was = cells(original, personSheets);
  const now = cells(copy, personSheets);
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    if (changed.has(key)) continue;
    expect([key, now.get(key)]).toEqual([key, was.get(key)]);
  }
  // The printed list is the log.
  for (const row of logged) expect(result.stdout).toContain(`${row.cell}  ${row.rule}`);
  const rules = [...new Set(logged.map((row) => row.rule))].sort();
  const remaining = await findingRules(out);
  for (const rule of rules.filter((id) => id !== "MEM-TAXID-INVALID")) expect([rule, remaining.includes(rule)]).toEqual([rule, false]);
  // The exit status is the check of the copy.
  expect(result.code).toBe((await run(out)).code);
  return { rules, stdout: result.stdout, code: result.code };
}

describe("alliance-check fix on the mistakes sample", () => {
  const out = path.join(dir, "fixed.xlsx");
  let outcome: { rules: string[]; stdout: string; code: number };
  beforeAll(async () => {
    outcome = await fixAndCompare(MISTAKES, out);
  });

  it("fixes every kind it can, leaves the rest, and exits as a check of the copy does", async () => {
    expect(outcome.rules).toEqual(SAMPLE_FIXED);
    expect(outcome.code).toBe((await run(out)).code);
    expect(outcome.code).toBe(1); // eligibility, research items, duplicates… stay
    const remaining = await findingRules(out);
    expect(remaining).toEqual(expect.arrayContaining(["PLAN-ELIGIBILITY", "BUD-RESEARCH-ITEM", "MEM-DUPLICATE", "BUD-CATEGORY-UNKNOWN"]));
  });

  it("prints the list, and the suggestions it did not apply", () => {
    expect(outcome.stdout).toContain("經費表!G6  BUD-PHD-PAY  12,000 → 16,000  月支由 12,000 元調為下限 16,000 元");
    expect(outcome.stdout).toContain("經費表!A17  BUD-CATEGORY-UNKNOWN  「雜支」→ ");
  });

  it("writes the total as a SUM of the lines above it, with its value cached", async () => {
    const copy = await read(out, true);
    const budget = copy.sheets.find((sheet) => sheet.name === "經費表")!;
    expect(budget.formulas).toEqual({ J19: "=SUM(J4:J18)" });
  });

  it("replaces its own Fix log when run on its copy", async () => {
    const again = path.join(dir, "fixed-again.xlsx");
    const result = await run("fix", out, "--out", again);
    const copy = await read(again);
    expect(copy.sheets.map((sheet) => sheet.name)).toEqual(["計畫資訊", "經費表", "會員名單", "營運收入", "修正紀錄"]);
    expect(result.stdout).toContain("修正 0 個儲存格");
    expect(copy.sheets[4]!.values[1]).toEqual(["沒有可自動修正的項目。"]);
  });
});

describe("alliance-check fix options", () => {
  it("--dry-run prints the list and writes nothing", async () => {
    const out = path.join(dir, "dry.xlsx");
    const result = await run("fix", MISTAKES, "--out", out, "--dry-run");
    expect(existsSync(out)).toBe(false);
    expect(result.stdout).toContain("BUD-PHD-PAY");
    expect(result.stderr).toContain("--dry-run");
    expect(result.code).toBe(1);
  });

  it("--rule applies only the rules named, in English with --lang en", async () => {
    const out = path.join(dir, "only-phd.xlsx");
    const result = await run("fix", MISTAKES, "--out", out, "--rule", "BUD-PHD-PAY", "--rule", "BUD-TEMP-WAGE", "--lang", "en");
    expect(result.stdout).toContain("4 cells fixed:");
    expect(result.stdout).toContain("Monthly pay raised from NT$12,000 to the floor of NT$16,000");
    expect(result.stdout).not.toMatch(/月支|元|修正|建議/);
    const copy = await read(out);
    expect(logRows(copy, "Fix log").map((row) => row.rule)).toEqual(["BUD-PHD-PAY", "BUD-PHD-PAY", "BUD-TEMP-WAGE", "BUD-TEMP-WAGE"]);
    const remaining = await findingRules(out);
    expect(remaining).toEqual(expect.arrayContaining(["BUD-FULLTIME-PAY", "BUD-OVERHEAD"]));
    expect(remaining).not.toContain("BUD-PHD-PAY");
  });

  it("refuses an --out that is the input, a folder, or missing; an unknown --rule; and exits 2 on an unreadable input", async () => {
    const copy = path.join(dir, "input.xlsx");
    writeFileSync(copy, readFileSync(MISTAKES));
    const before = sha256(copy);
    expect((await run("fix", copy, "--out", copy)).code).toBe(2);
    expect(sha256(copy)).toBe(before);
    const folder = path.join(dir, "folder.xlsx");
    mkdirSync(folder);
    const refused = await run("fix", copy, "--out", folder);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--out");
    expect((await run("fix", copy)).stderr).toContain("--out");
    expect((await run("fix", copy, "--out", path.join(dir, "x.xlsx"), "--rule", "NO-SUCH-RULE")).code).toBe(2);
    const junk = path.join(dir, "junk.xlsx");
    writeFileSync(junk, "not a workbook");
    const unreadable = await run("fix", junk, "--out", path.join(dir, "junk-fixed.xlsx"));
    expect(unreadable.code).toBe(2);
    expect(existsSync(path.join(dir, "junk-fixed.xlsx"))).toBe(false);
  });
});

describe("alliance-check fix on workbooks written by other programs, odd and broken ones", () => {
  const folders = [path.join(ROOT, "tests", "hostile", "corpus"), path.join(ROOT, "tests", "fixtures", "reader")];
  const files = folders.flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith(".xlsx")).map((name) => path.join(folder, name)));

  it.each(files.map((file) => [path.relative(ROOT, file), file]))("%s: a copy that changes only the logged cells, or one line and exit 2", async (_name, file) => {
    const out = path.join(dir, `corpus-${path.basename(file)}`);
    const before = sha256(file);
    const result = await run("fix", file, "--out", out);
    expect(sha256(file)).toBe(before);
    if (result.code === 2) {
      expect(existsSync(out)).toBe(false);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      return;
    }
    const original = await read(file);
    const copy = await read(out);
    const names = original.sheets.map((sheet) => sheet.name);
    const log = copy.sheets.find((sheet) => !names.includes(sheet.name))!;
    const changed = new Set(log.values.slice(1).map((row) => `${row[0]}!${row[1]}`));
    const was = cells(original, names);
    const now = cells(copy, names);
    for (const key of new Set([...was.keys(), ...now.keys()])) if (!changed.has(key)) expect([key, now.get(key)]).toEqual([key, was.get(key)]);
    expect(result.code).toBe((await run(out)).code);
  });
});

describe("fixSnapshot", () => {
  it("applies fixes one by one on the workbook as the earlier ones left it: two pay floors that together cross the cap", () => {
    const phd = (name: string) => ({ 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: name, 單價: 10_000, 數量: 1, 月數: 12, 金額: 120_000 });
    const budget = [...budgetWith(phd("甲生")), phd("乙生"), { 科目: "業務費", 項目: "推廣", 金額: 660_000 }];
    // 申請補助款 differs from the budget, so the two fixes share no cell (neither moves it).
    const snapshot = workbook({ plan: { ...cleanPlan, 申請補助款: 2_000_000 }, budget });
    const before = validateWorkbook(snapshot);
    expect(before.findings.filter((f) => f.ruleId === "BUD-PHD-PAY")).toHaveLength(2);
    const run = fixSnapshot(snapshot, {}, ["BUD-PHD-PAY"], "zh-TW");
    expect(run.applied.map((fix) => fix.ruleId)).toEqual(["BUD-PHD-PAY"]);
    expect(run.result.findings.map((f) => f.ruleId)).not.toContain("BUD-CAP");
    expect(run.result.findings.filter((f) => f.ruleId === "BUD-PHD-PAY")).toHaveLength(1);
  });
});

/** The mistakes sample with its amounts as formulas (single-file ExcelJS write). */
async function withFormulas(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(MISTAKES);
  const budget = workbook.getWorksheet("經費表")!;
  for (const row of [5, 6, 7, 8]) {
    const result = budget.getCell(`J${row}`).value as number;
    const months = budget.getCell(`I${row}`).value;
    budget.getCell(`J${row}`).value = { formula: months === null ? `G${row}*H${row}` : `G${row}*H${row}*I${row}`, result };
  }
  // A 統一編號 typed as a number: its leading zero gone.
  const members = workbook.getWorksheet("會員名單")!;
  members.getCell("B2").value = 4_595_257;
  await workbook.xlsx.writeFile(file);
}

describeWithLibreOffice("alliance-check fix with LibreOffice", () => {
  it("fixes a workbook LibreOffice saved, and LibreOffice opens the copy to the same values", async () => {
    const saved = path.join(dir, "saved-by-libreoffice.xlsx");
    writeFileSync(saved, convertWithLibreOffice(new Uint8Array(readFileSync(MISTAKES))));
    const out = path.join(dir, "saved-fixed.xlsx");
    const { rules } = await fixAndCompare(saved, out);
    expect(rules).toEqual(SAMPLE_FIXED);
    const reopened = await readWorkbookSnapshot(convertWithLibreOffice(new Uint8Array(readFileSync(out))));
    expect(cells(reopened)).toEqual(cells(await read(out)));
  }, 240_000);

  it("keeps amounts as formulas where they were, and LibreOffice recalculates the copy to our values", async () => {
    const excel = path.join(dir, "formulas.xlsx");
    await withFormulas(excel);
    const saved = path.join(dir, "formulas-by-libreoffice.xlsx");
    writeFileSync(saved, convertWithLibreOffice(new Uint8Array(readFileSync(excel))));
    const out = path.join(dir, "formulas-fixed.xlsx");
    await fixAndCompare(saved, out);
    const copy = await read(out, true);
    const formulas = copy.sheets.find((sheet) => sheet.name === "經費表")!.formulas!;
    expect(formulas).toMatchObject({ J5: "=G5*H5*I5", J6: "=G6*H6*I6", J19: "=SUM(J4:J18)" });
    expect(formulas.J11).toMatch(/^=G11\*H11/);
    expect(cells(copy).get("會員名單!B2")).toBe("04595257");
    expect(logRows(copy).map((row) => row.rule)).toContain("MEM-TAXID-INVALID");
    const reopened = await readWorkbookSnapshot(convertWithLibreOffice(new Uint8Array(readFileSync(out))));
    expect(cells(reopened)).toEqual(cells(copy));
  }, 240_000);
});
