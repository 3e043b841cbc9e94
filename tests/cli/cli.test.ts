/**
 * The command line as a user meets it: output formats, languages, exit codes, clear one-line
 * errors, and an annotated copy that never touches the input.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLES = path.join(ROOT, "samples");
const dir = mkdtempSync(path.join(tmpdir(), "alliance-cli-"));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

const sample = (name: string) => path.join(SAMPLES, name);
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("alliance-check FILE --format json", () => {
  it("prints the contract's JSON object and exits 1 when there are errors", async () => {
    const { code, stdout, stderr } = await run(sample("sample-mistakes.xlsx"), "--format", "json");
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ file: "sample-mistakes.xlsx", rulePack: "nstc-alliance-115", fiscalYear: 115 });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: "BUD-PHD-PAY", severity: "error", sheet: "經費表", cell: "G6", message: expect.stringContaining("12,000") }),
    );
    expect(Object.keys(report.summary.members)).toEqual(["listed", "counted", "excluded", "paying", "free", "international", "large"]);
    expect(report.summary).toMatchObject({ subsidy: 3_000_000, operatingIncome: 510_000, selfSufficiencyRatio: 0.17 });
  });

  it("exits 0 on the clean sample", async () => {
    const { code, stdout } = await run(sample("sample-clean.xlsx"), "--format=json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).findings.every((f: { severity: string }) => f.severity === "info")).toBe(true);
  });

  it("writes messages in English with --lang en", async () => {
    const { stdout } = await run(sample("sample-english.xlsx"), "--format", "json", "--lang", "en");
    const phd = JSON.parse(stdout).findings.find((f: { ruleId: string }) => f.ruleId === "BUD-PHD-PAY");
    expect(phd.message).toBe("Doctoral part-time assistant paid NT$15,000 a month, below the floor of NT$16,000. Raise the monthly pay to NT$16,000 or more (FY115 call briefing; NSTC doctoral part-timer rule)");
    expect(phd.sheet).toBe("Budget");
  });

  it("uses the pack named with --rules", async () => {
    const { stdout } = await run(sample("sample-clean.xlsx"), "--format", "json", "--rules", "nstc-alliance-116");
    expect(JSON.parse(stdout).rulePack).toBe("nstc-alliance-116");
  });
});

describe("alliance-check FILE --format sarif", () => {
  it("is SARIF 2.1.0 with levels, rule metadata and the cell as a logical location", async () => {
    const { code, stdout } = await run(sample("sample-mistakes.xlsx"), "--format", "sarif");
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe("2.1.0");
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toContain("BUD-PHD-PAY");
    const phd = run0.results.find((r: { ruleId: string }) => r.ruleId === "BUD-PHD-PAY");
    expect(phd.level).toBe("error");
    expect(phd.locations[0].logicalLocations[0].fullyQualifiedName).toBe("'經費表'!G6");
    expect(phd.locations[0].physicalLocation.artifactLocation.uri).toBe("sample-mistakes.xlsx");
    const info = run0.results.find((r: { ruleId: string }) => r.ruleId === "OPS-SELF-SUFFICIENCY-TREND");
    expect(info.level).toBe("note");
  });
});

describe("alliance-check FILE (text)", () => {
  it("groups findings by sheet and severity and ends with the summary", async () => {
    const { stdout } = await run(sample("sample-mistakes.xlsx"));
    const budget = stdout.indexOf("\n經費表\n");
    const members = stdout.indexOf("\n會員名單\n");
    expect(budget).toBeGreaterThan(0);
    expect(members).toBeGreaterThan(budget);
    expect(stdout.indexOf("錯誤（", budget)).toBeLessThan(stdout.indexOf("警告（", budget));
    // The ratio as a percent with one decimal (the JSON keeps 0.17).
    expect(stdout).toMatch(/摘要\n {2}補助款：3,000,000 元，營運收入：510,000 元，自主營運比率：17\.0%\n/);
    expect(stdout.trim().split("\n").pop()).toMatch(/^共 \d+ 個錯誤、\d+ 個警告、\d+ 個提示$/);
  });
});

describe("errors: exit 2 with one clear line on stderr", () => {
  const expectOneLine = (result: { code: number; stdout: string; stderr: string }, pattern: RegExp) => {
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };
  it("a missing file", async () => expectOneLine(await run(path.join(dir, "nope.xlsx")), /找不到檔案/));
  it("a text file renamed to .xlsx", async () => {
    const file = path.join(dir, "fake.xlsx");
    writeFileSync(file, "年度,金額\n115,100\n");
    expectOneLine(await run(file, "--lang", "en"), /not an Excel workbook/);
  });
  it("an unknown rule pack", async () => expectOneLine(await run(sample("sample-clean.xlsx"), "--rules", "nstc-alliance-999"), /nstc-alliance-999/));
  it("an unknown option", async () => expectOneLine(await run(sample("sample-clean.xlsx"), "--frobnicate"), /--frobnicate/));
  it("a bad --format", async () => expectOneLine(await run(sample("sample-clean.xlsx"), "--format", "xml", "--lang", "en"), /text, json or sarif/));
});

describe("--annotate OUT.xlsx", () => {
  it("writes a copy with a findings sheet and never modifies the input", async () => {
    const input = path.join(dir, "input.xlsx");
    copyFileSync(sample("sample-mistakes.xlsx"), input);
    const before = sha256(input);
    const out = path.join(dir, "annotated.xlsx");
    const { code, stderr } = await run(input, "--annotate", out);
    expect(code).toBe(1);
    expect(stderr).toContain(out);
    expect(sha256(input)).toBe(before);
    const snapshot = await readWorkbookSnapshot(new Uint8Array(readFileSync(out)));
    expect(snapshot.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["計畫資訊", "經費表", "會員名單", "營運收入", "檢核結果"]));
    // The printed title block names the checked file; who checked is a line to sign.
    const findings = snapshot.sheets.find((s) => s.name === "檢核結果")!;
    const cell = (row: number, column: number) => findings.values[row - findings.originRow]?.[column - findings.originColumn];
    expect(cell(3, 6)).toBe("檔案：input.xlsx");
    expect(cell(5, 1)).toMatch(/^檢核人：＿+$/);
  });
  it("refuses to write over the input", async () => {
    const input = path.join(dir, "same.xlsx");
    copyFileSync(sample("sample-clean.xlsx"), input);
    const before = sha256(input);
    const { code } = await run(input, "--annotate", input);
    expect(code).toBe(2);
    expect(sha256(input)).toBe(before);
  });
});

describe("the installed command (bin/alliance-check.js, compiled by npm install)", () => {
  const bin = path.join(ROOT, "bin", "alliance-check.js");
  const built = existsSync(path.join(ROOT, "lib", "cli", "main.js"));
  (built ? it : it.skip)("exits 1 with findings, 2 on an unreadable file, and never prints a stack trace", () => {
    const ok = spawnSync(process.execPath, [bin, sample("sample-mistakes.xlsx"), "--format", "json"], { encoding: "utf8" });
    expect(ok.status).toBe(1);
    expect(JSON.parse(ok.stdout).findings.length).toBeGreaterThan(10);
    const bad = spawnSync(process.execPath, [bin, path.join(dir, "missing.xlsx")], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
