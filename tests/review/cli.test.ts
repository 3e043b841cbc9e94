/**
 * `alliance-check review` and `compare` on a round written by other programs: rows that agree
 * with the single-file command, unreadable files as rows, skipped files, year over year, the
 * overview workbook, annotated copies that never replace a file, exit statuses, the progress
 * line, and the worker threads of the compiled command (the same overview as one thread).
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import type { JsonOverview, JsonSubmission } from "../../src/report/overview";
import { runPool } from "../../src/cli/pool";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { compiledCommandProblem, CORPUS, READER_FIXTURES, runMain, runProcess, STACK_TRACE, stderrLines } from "../hostile/cli";
import { ALLIANCE_A, writeRound, type Round } from "./round";

const parent = mkdtempSync(path.join(tmpdir(), "alliance-review-"));
let round: Round;
const at = (relative: string) => path.join(parent, relative);
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

beforeAll(async () => {
  round = await writeRound(parent);
});

async function review(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: JsonOverview }> {
  const run = await runMain("review", at("round"), "--format", "json", ...args);
  return { ...run, json: JSON.parse(run.stdout) as JsonOverview };
}

function row(json: JsonOverview, relative: string): JsonSubmission {
  const found = json.submissions.find((submission) => submission.file === at(relative));
  if (!found) throw new Error(`no row for ${relative}`);
  return found;
}

describe("alliance-check review FOLDER", () => {
  it("has a row per workbook that agrees with `alliance-check FILE --format json`, and exits 1", async () => {
    const { code, json } = await review();
    expect(code).toBe(1);
    expect(json.round).toMatchObject({ files: 6, checked: 4, unreadable: 2 });
    for (const relative of round.readable) {
      const single = await runMain(at(relative), "--format", "json");
      const report = JSON.parse(single.stdout);
      const unwaived = (severity: string) => report.findings.filter((f: { severity: string; waived?: unknown }) => f.severity === severity && !f.waived).length;
      const submission = row(json, relative);
      expect(submission).toMatchObject({
        status: "checked",
        rulePack: report.rulePack,
        fiscalYear: report.fiscalYear,
        subsidy: report.summary.subsidy,
        operatingIncome: report.summary.operatingIncome,
        selfSufficiencyRatio: report.summary.selfSufficiencyRatio,
        members: report.summary.members,
        findings: { error: unwaived("error"), warning: unwaived("warning"), info: unwaived("info"), waived: 0 },
      });
      // Exit 1 comes from the rows with errors, as the single-file command's own exit 1.
      expect(single.code === 1).toBe(submission.status === "checked" && submission.findings.error > 0);
    }
  });

  it("turns each unreadable file into a row with the single-file command's one line, and goes on", async () => {
    const { json } = await review();
    for (const relative of round.broken) {
      const single = await runMain(at(relative));
      expect(single.code).toBe(2);
      expect(row(json, relative)).toEqual({ status: "unreadable", file: at(relative), error: { code: expect.any(String), message: single.stderr.replace(/^alliance-check: /, "").trim() } });
    }
    // Unreadable first, then by errors.
    expect(json.submissions.slice(0, 2).map((submission) => submission.status)).toEqual(["unreadable", "unreadable"]);
    const errors = json.submissions.slice(2).map((submission) => (submission.status === "checked" ? submission.findings.error : -1));
    expect(errors).toEqual([...errors].sort((a, b) => b - a));
  });

  it("lists what it skipped (not workbooks, Excel's lock file) and reads each file once", async () => {
    const { json } = await review(at("round/B-115.xlsx"), at("round/alliance-a"));
    expect(json.round.skipped.map((entry) => entry.file).sort()).toEqual(round.others.map(at).sort());
    expect(json.round.skipped.find((entry) => entry.file.endsWith("~$B-115.xlsx"))!.reason).toMatch(/鎖定檔/);
    expect(json.submissions.filter((submission) => submission.file.endsWith("B-115.xlsx"))).toHaveLength(1);
  });

  it("compares the alliance's two fiscal years: members who joined and left, and where the history disagrees", async () => {
    const { json } = await review("--lang", "en");
    expect(json.yearOverYear).toHaveLength(1);
    const [view] = json.yearOverYear;
    expect(view).toMatchObject({
      earlier: { file: at("round/alliance-a/A-114.xlsx"), fiscalYear: 114, title: ALLIANCE_A },
      later: { file: at("round/alliance-a/A-115.xlsx"), fiscalYear: 115 },
      matchedBy: "projectNumber",
      members: { earlier: 3, later: 4, stayed: 2 },
    });
    expect(view!.members.joined.map((member) => member.name)).toEqual(["丁電子有限公司", "Nippon Devices"]);
    expect(view!.members.left).toEqual([{ name: "甲科技股份有限公司", taxId: "04595257", yearJoined: 114 }]);
    expect(view!.disagreements).toEqual([
      { year: 114, item: "subsidy", type: null, label: null, earlier: 2_000_000, later: 1_800_000, earlierSource: "plan" },
      { year: 114, item: "income", type: "技術服務", label: "Technical service", earlier: 500_000, later: 450_000, earlierSource: "plan" },
    ]);
    expect(view!.income.find((entry) => entry.type === "技術服務")).toMatchObject({ earlier: 500_000, later: 900_000, growth: 0.8 });
  });

  it("writes the overview workbook: four sheets, a row per file, text as text", async () => {
    const out = at("overview.xlsx");
    const { code, stderr } = await review("--out", out);
    expect(code).toBe(1);
    expect(stderr).toBe(`已寫入審查總表：${out}\n`);
    const snapshot = await readWorkbookSnapshot(new Uint8Array(readFileSync(out)));
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(["審查總表", "規則統計", "跨年比對", "收支圖"]);
    const overview = snapshot.sheets[0]!;
    expect(overview.values).toHaveLength(7);
    expect(overview.values[0]![0]).toBe("檔案");
    const yoy = snapshot.sheets[2]!.values.flat();
    for (const name of ["丁電子有限公司", "Nippon Devices", "甲科技股份有限公司"]) expect(yoy).toContain(name);
  });

  it.each([
    ["a workbook of a folder reviewed", "round/B-115.xlsx", ["round"]],
    ["a workbook named", "round/B-115.xlsx", ["round/B-115.xlsx"]],
    ["a file read under another name (a link)", "round/link-to-B.xlsx", ["round/more", "round/B-115.xlsx"]],
  ])("refuses --out naming %s, before reading anything (exit 2, one line)", async (_label, out, inputs) => {
    if (out.includes("link") && !existsSync(at(out))) symlinkSync(at("round/B-115.xlsx"), at(out));
    const input = at("round/B-115.xlsx");
    const before = sha256(input);
    const run = await runMain("review", ...inputs.map(at), "--out", at(out));
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderrLines(run)).toEqual([`alliance-check: --out 的輸出檔不可為本次審查的活頁簿：${at(out)}（輸入檔絕不修改；請寫到審查資料夾之外）`]);
    expect(sha256(input)).toBe(before);
    if (out.includes("link")) unlinkSync(at(out));
  });

  it.each([
    ["review", () => ["review", at("round")]],
    ["compare", () => ["compare", at("round/alliance-a/A-114.xlsx"), at("round/alliance-a/A-115.xlsx")]],
  ])("%s refuses an --out that is a link to a device, before reading anything (exit 2, one line)", async (_command, args) => {
    const link = at("overview-link.xlsx");
    if (!existsSync(link)) symlinkSync("/dev/null", link);
    const run = await runMain(...args(), "--out", link, "--lang", "en");
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderrLines(run)).toEqual([
      `alliance-check: --out ${link} was not written: it is a symbolic link to a character device; only a regular file is written, in the folder named — name a regular file or a new one`,
    ]);
    unlinkSync(link);
  });

  it("writes an annotated copy of each submission beside the others, never over an existing file, and does not read them back", async () => {
    // A round of its own: the copies go inside its folder.
    const own = mkdtempSync(path.join(tmpdir(), "alliance-review-copies-"));
    await writeRound(own);
    const copies = path.join(own, "round", "copies");
    const hashes = Object.fromEntries(round.readable.map((relative) => [relative, sha256(path.join(own, relative))]));
    mkdirSync(copies, { recursive: true });
    writeFileSync(path.join(copies, "B-115-annotated.xlsx"), "a file that was there before");
    const reviewOwn = async () => JSON.parse((await runMain("review", path.join(own, "round"), "--format", "json", "--annotate-dir", copies)).stdout) as JsonOverview;
    const first = await reviewOwn();
    expect(readFileSync(path.join(copies, "B-115-annotated.xlsx"), "utf8")).toBe("a file that was there before");
    expect(first.submissions.find((submission) => submission.file.endsWith("B-115.xlsx"))).toMatchObject({ annotated: path.join(copies, "B-115-annotated (2).xlsx") });
    const second = { json: await reviewOwn() };
    // The copies inside the round are not submissions; nothing was replaced.
    expect(second.json.round.files).toBe(6);
    expect(second.json.round.skipped.some((entry) => entry.file === copies)).toBe(true);
    expect(readdirSync(copies).sort()).toEqual([
      "A-114-annotated (2).xlsx",
      "A-114-annotated.xlsx",
      "A-115-annotated (2).xlsx",
      "A-115-annotated.xlsx",
      "B-115-annotated (2).xlsx",
      "B-115-annotated (3).xlsx",
      "B-115-annotated.xlsx",
      "C-115-annotated (2).xlsx",
      "C-115-annotated.xlsx",
    ]);
    for (const relative of round.readable) expect(sha256(path.join(own, relative))).toBe(hashes[relative]);
    const copy = await readWorkbookSnapshot(new Uint8Array(readFileSync(path.join(copies, "B-115-annotated (2).xlsx"))));
    expect(copy.sheets.map((sheet) => sheet.name)).toContain("檢核結果");
  });

  it("exits 2 when nothing could be read, and when there is no workbook at all", async () => {
    const broken = await runMain("review", at("round/broken"), "--format", "json");
    expect(broken.code).toBe(2);
    expect((JSON.parse(broken.stdout) as JsonOverview).submissions).toHaveLength(2);
    expect(stderrLines(broken)).toEqual(["alliance-check: 沒有任何活頁簿可以讀取"]);
    const empty = at("empty");
    mkdirSync(empty, { recursive: true });
    writeFileSync(path.join(empty, "readme.txt"), "");
    const none = await runMain("review", empty, "--lang", "en");
    expect(none).toMatchObject({ code: 2, stdout: "" });
    expect(stderrLines(none)).toEqual([`alliance-check: ${path.join(empty, "readme.txt")}: not a workbook (.xlsx, .xlsm)`, "alliance-check: no workbook (.xlsx, .xlsm) found"]);
  });

  it("exits 0 when no submission has an error", async () => {
    const run = await runMain("review", at("round/more"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^審查總表：共 1 個檔案，已檢核 1 個，無法讀取 0 個，有錯誤者 0 個\n/);
  });

  it("prints CSV with the overview's columns, formula-safe", async () => {
    const run = await runMain("review", at("round"), "--format", "csv", "--lang", "en");
    const lines = run.stdout.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^"File","Status","Alliance","Project number",/);
    expect(lines).toHaveLength(7);
  });

  it("draws a progress line on a terminal (done / total, the file, time left), and none otherwise", async () => {
    let drawn = "";
    let stderr = "";
    const { main } = await import("../../src/cli/main");
    await main(["review", at("round/more"), at("round/B-115.xlsx")], {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      isTTY: false,
      progress: { write: (text) => (drawn += text), columns: 200 },
    });
    expect(drawn).toContain(`\r審查中 0/2  ${at("round/more/C-115.xlsx")}`);
    expect(drawn).toMatch(/\r審查中 2\/2 .* 剩餘約 0:00\u001b\[K\r\u001b\[K$/);
    expect(stderr).toBe("");
  });
});

describe("alliance-check compare EARLIER LATER", () => {
  it("gives the year-over-year view in either order, as JSON and text, and as a workbook", async () => {
    const earlier = at("round/alliance-a/A-114.xlsx");
    const later = at("round/alliance-a/A-115.xlsx");
    const json = await runMain("compare", later, earlier, "--format", "json");
    expect(json.code).toBe(0);
    const view = JSON.parse(json.stdout);
    expect([view.earlier.fiscalYear, view.later.fiscalYear, view.matchedBy]).toEqual([114, 115, "projectNumber"]);
    expect(view.members.left.map((member: { name: string }) => member.name)).toEqual(["甲科技股份有限公司"]);
    const out = at("compare.xlsx");
    const text = await runMain("compare", earlier, later, "--lang", "en", "--out", out);
    expect(text.stdout).toContain("joined: 丁電子有限公司 (84149961), Nippon Devices");
    expect(text.stdout).toContain("FY114 subsidy: earlier 2,000,000, later history 1,800,000");
    expect(existsSync(out)).toBe(true);
    const sheets = (await readWorkbookSnapshot(new Uint8Array(readFileSync(out)))).sheets;
    expect(sheets.map((sheet) => sheet.name)).toEqual(["Year over year"]);
  });

  it("says on stderr when the two do not look like one alliance, and still compares", async () => {
    const run = await runMain("compare", at("round/B-115.xlsx"), at("round/more/C-115.xlsx"), "--format", "json");
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toHaveLength(2);
    expect(JSON.parse(run.stdout).matchedBy).toBeNull();
  });

  it("refuses an unreadable workbook with one line (exit 2)", async () => {
    const run = await runMain("compare", at("round/broken/truncated.xlsx"), at("round/B-115.xlsx"));
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("worker threads", () => {
  it("a worker that dies costs only its file: a row that says why, and a new worker takes the rest", async () => {
    const script = at("crashing-worker.js");
    writeFileSync(
      script,
      `const { parentPort } = require("worker_threads");
       parentPort.on("message", (job) => {
         if (job.file.includes("crash")) process.exit(7);
         parentPort.postMessage({ id: job.id, ok: true, facts: { file: job.display }, annotated: null, annotateFailure: null });
       });`,
    );
    const jobs = ["a", "crash", "b", "c", "crash-too", "d"].map((name, id) => ({ id, file: name, display: name, annotate: null, language: "en" as const }));
    const outcomes = await runPool(jobs, { jobs: 2, language: "en", script });
    expect(outcomes.map((outcome) => (outcome.ok ? "ok" : outcome.message))).toEqual([
      "ok",
      "the worker thread checking this file stopped: exit 7",
      "ok",
      "ok",
      "the worker thread checking this file stopped: exit 7",
      "ok",
    ]);
  });

  const problem = compiledCommandProblem();
  (problem ? it.skip : it)(`the hostile corpus and the reader's fixtures on two threads: a row each, unreadable exactly where the single-file command refuses${problem ? ` (${problem})` : ""}`, async () => {
    const folders = [CORPUS, READER_FIXTURES];
    const run = runProcess(["review", ...folders, "--format", "json", "--jobs", "2"], { timeoutMs: 120_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as JsonOverview;
    expect(json.submissions.length + json.round.skipped.length).toBe(folders.flatMap((folder) => readdirSync(folder)).length);
    for (const submission of json.submissions) {
      const single = await runMain(submission.file, "--format", "json");
      expect({ file: submission.file, unreadable: submission.status === "unreadable" }).toEqual({ file: submission.file, unreadable: single.code === 2 });
      if (submission.status === "unreadable") expect(submission.error.message).toBe(single.stderr.replace(/^alliance-check: /, "").trim());
    }
  }, 180_000);

  (problem ? it.skip : it)(`the compiled command on two threads gives the overview of one thread${problem ? ` (${problem})` : ""}`, async () => {
    const threaded = runProcess(["review", at("round"), "--format", "json", "--jobs", "2"]);
    const single = await review("--jobs", "1");
    expect(threaded.code).toBe(1);
    expect(threaded.stderr).toBe("");
    expect(JSON.parse(threaded.stdout)).toEqual(single.json);
  });
});
