/**
 * Errors with an exception note (例外說明) on the command line: listed apart with the reason, who
 * wrote the note, their role and the day (ROC form in zh-TW); JSON keeps the note and counts
 * explained findings apart; CSV and SARIF say it; --strict counts explained errors (exit 1).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import type { Waiver } from "../../src/engine/types";
import { toCsv } from "../../src/report/csv";
import { validateWorkbook } from "../../src/engine/validate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { readWaiversFromXlsx, writeWaiversToXlsx } from "../../src/workbook/xlsx/waivers";

const SAMPLES = path.join(__dirname, "..", "..", "samples");
const dir = mkdtempSync(path.join(tmpdir(), "alliance-explained-"));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  fingerprint: string;
  waived?: { reason: string; by?: string; role?: string; at?: string };
}

/** The sample with every finding explained: errors by finance before 08:00 Taiwan time. */
async function explainedCopy(): Promise<{ file: string; errors: number; findings: JsonFinding[] }> {
  const source = path.join(SAMPLES, "sample-mistakes.xlsx");
  const { stdout } = await run(source, "--format", "json");
  const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
  const waivers: Waiver[] = findings.map((finding) =>
    finding.ruleId === "BUD-OVERHEAD"
      ? { fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: "管理費已依校方核定比率調整", by: "王會計", role: "finance", at: "2026-03-01T07:30:00+08:00", severity: "error" }
      : finding.severity === "error"
        ? { fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: "審查會議同意保留此項", by: "林審查", role: "reviewer", at: "2026-02-28" }
        : { fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: "已說明", by: "陳主持人", role: "pi", at: "2026-02-28T23:59:00Z" },
  );
  const file = path.join(dir, "explained.xlsx");
  writeFileSync(file, writeWaiversToXlsx(new Uint8Array(readFileSync(source)), waivers));
  return { file, errors: findings.filter((finding) => finding.severity === "error").length, findings };
}

describe("errors with an exception note", () => {
  let copy: Awaited<ReturnType<typeof explainedCopy>>;
  beforeAll(async () => {
    copy = await explainedCopy();
  });

  it("exit 0 when every error is explained, 1 with --strict (check and review)", async () => {
    expect(copy.errors).toBeGreaterThan(1);
    expect((await run(copy.file)).code).toBe(0);
    expect((await run(copy.file, "--strict")).code).toBe(1);
    expect((await run(copy.file, "--format", "json", "--strict")).code).toBe(1);
    expect((await run("review", copy.file, "--format", "json")).code).toBe(0);
    expect((await run("review", copy.file, "--format", "json", "--strict")).code).toBe(1);
  });

  it("the zh-TW text lists them apart with the reason, who, role and the ROC date", async () => {
    const { stdout } = await run(copy.file, "--strict");
    const section = stdout.indexOf(`已有例外說明的錯誤（${copy.errors}）`);
    expect(section).toBeGreaterThan(0);
    expect(stdout.indexOf("\n經費表\n")).toBeLessThan(section);
    const after = stdout.slice(section);
    expect(after).toMatch(/BUD-OVERHEAD .+\n {8}理由：管理費已依校方核定比率調整；說明者：王會計（會計・研發處）；日期：115年3月1日\n/);
    expect(after).toContain("理由：審查會議同意保留此項；說明者：林審查（審查人員）；日期：115年2月28日");
    // Before the section no error is listed; the warnings carry their note inline.
    expect(stdout.slice(0, section)).not.toMatch(/錯誤（/);
    expect(stdout).toMatch(/\[例外說明：已說明\]/);
    expect(stdout).toContain(`；另有 ${copy.errors} 個已有例外說明的錯誤（--strict：已有例外說明的錯誤仍計為錯誤，共 ${copy.errors} 個錯誤）`);
    expect(stdout).not.toContain("檢核通過");
  });

  it("the English text says the same in English, with ISO dates (a UTC time read as Taiwan's day)", async () => {
    const { stdout } = await run(copy.file, "--lang", "en");
    expect(stdout).toContain(`Errors with an exception note (${copy.errors})`);
    expect(stdout).toContain("Reason: 審查會議同意保留此項; by: 林審查 (reviewer); on: 2026-02-28");
    expect(stdout).toMatch(/by: 王會計 \(finance\); on: 2026-03-01/);
    expect(stdout).toContain("[exception note: 已說明]");
    expect(stdout).toContain("Passed, ready to submit");
  });

  it("JSON keeps the note (reason, by, role, at) and counts explained findings apart", async () => {
    const report = JSON.parse((await run(copy.file, "--format", "json")).stdout);
    const overhead = report.findings.find((finding: JsonFinding) => finding.ruleId === "BUD-OVERHEAD");
    expect(overhead.waived).toEqual({ reason: "管理費已依校方核定比率調整", by: "王會計", role: "finance", at: "2026-03-01T07:30:00+08:00" });
    const bySeverity = (severity: string) => copy.findings.filter((finding) => finding.severity === severity).length;
    expect(report.counts).toEqual({ error: 0, warning: 0, info: 0, explained: { error: copy.errors, warning: bySeverity("warning"), info: bySeverity("info") } });
  });

  it("SARIF suppresses with the justification and who; CSV has the note, who and the day in its language", async () => {
    const sarif = JSON.parse((await run(copy.file, "--format", "sarif")).stdout);
    const overhead = sarif.runs[0].results.find((result: { ruleId: string }) => result.ruleId === "BUD-OVERHEAD");
    expect(overhead.suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "管理費已依校方核定比率調整", properties: { by: "王會計", role: "finance", at: "2026-03-01T07:30:00+08:00" } },
    ]);
    const data = new Uint8Array(readFileSync(copy.file));
    const result = validateWorkbook(await readWorkbookSnapshot(data), { waivers: readWaiversFromXlsx(data) });
    const zh = toCsv(result, "zh-TW").split("\r\n");
    expect(zh[0]).toBe('\uFEFF"嚴重度","規則","工作表","儲存格","說明","例外說明","說明者","說明日期","識別碼"');
    expect(zh.find((line) => line.includes("BUD-OVERHEAD"))).toMatch(/^"錯誤","BUD-OVERHEAD",.*,"管理費已依校方核定比率調整","王會計／會計・研發處","115年3月1日",/);
    const en = toCsv(result, "en").split("\r\n");
    expect(en.find((line) => line.includes("BUD-OVERHEAD"))).toMatch(/^"error","BUD-OVERHEAD",.*,"王會計 \/ finance","2026-03-01",/);
  });
});
