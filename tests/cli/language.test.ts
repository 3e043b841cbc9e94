/**
 * One language per output: with --lang zh-TW (the default) nothing the command line prints is an
 * English sentence, errors from the system included; with --lang en nothing is a Chinese one
 * (the workbook's own names, quoted, aside). Reports, JSON messages, CSV severities, usage and
 * file errors alike.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { describeWorkbookError } from "../../src/cli/messages";
import { WorkbookError } from "../../src/workbook/gateway";

const SAMPLES = path.join(__dirname, "..", "..", "samples");
const dir = mkdtempSync(path.join(tmpdir(), "alliance-language-"));
const sample = (name: string) => path.join(SAMPLES, name);

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (out += t), isTTY: false });
  return { code, out };
}

/** Names that are not sentences: paths, rule IDs, options, file kinds, units. */
function withoutNames(text: string): string {
  return text
    .replace(/\/[\w./+-]+|[\w.-]+\.(?:xlsx|xlsm|csv|md|txt)\b/g, " ")
    .replace(/\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b/g, " ")
    .replace(/--[a-z-]+/g, " ")
    .replace(/\b(?:Excel|Word|PowerPoint|OpenDocument|PDF|CSV|HTML|XML|zip|MiB|NT\$|FIFO|socket|sarif|json|text|csv|zh-TW|en|alliance-check|SARIF)\b/g, " ");
}

/** Three Latin words in a row make an English sentence (or part of one). */
export function englishSentences(text: string): string[] {
  return withoutNames(text).match(/\b[A-Za-z]{2,}[,;:]?(?:\s+[A-Za-z]{2,}[,;:]?){2,}\b/g) ?? [];
}

/** Chinese punctuation or a long run of Chinese outside quotes makes a Chinese sentence. */
export function chineseSentences(text: string): string[] {
  const unquoted = text.replace(/'[^'\n]*'|"[^"\n]*"|\([^()\n]*\)/g, " ");
  return unquoted.match(/[^\n]*(?:[，。；：！？、「」（）]|[\u4e00-\u9fff]{6,})[^\n]*/g) ?? [];
}

describe("the sentence detectors", () => {
  it("find an English sentence in Chinese text and a Chinese one in English text", () => {
    expect(englishSentences("找不到檔案或無法開啟 — nonexist.xlsx: no such file")).toEqual(["no such file"]);
    expect(englishSentences("找不到檔案或無法開啟：nonexist.xlsx（檔案不存在）BUD-OVERHEAD --strict Excel")).toEqual([]);
    expect(chineseSentences("Category '雜支' is not a budget category")).toEqual([]);
    expect(chineseSentences("Income type 不是營運收入類別")).toHaveLength(1);
  });
});

const plainText = path.join(dir, "notes.xlsx");
writeFileSync(plainText, "a,b,c\n1,2,3\n");

const CASES: [string, string[]][] = [
  ["the text report", [sample("sample-mistakes.xlsx")]],
  ["the text report --strict", [sample("sample-mistakes.xlsx"), "--strict"]],
  ["a missing file", [path.join(dir, "nonexist.xlsx")]],
  ["a folder", [dir]],
  ["a text file named .xlsx", [plainText]],
  ["an unknown option", [sample("sample-mistakes.xlsx"), "--frobnicate"]],
  ["an unknown rule pack", [sample("sample-mistakes.xlsx"), "--rules", "nstc-alliance-999"]],
  ["the review text", ["review", sample("sample-mistakes.xlsx"), sample("sample-clean.xlsx"), "--jobs", "1"]],
];

describe("--lang zh-TW: no English sentence", () => {
  it.each(CASES)("%s", async (_name, args) => {
    const { out } = await run(...args);
    expect(out.length).toBeGreaterThan(0);
    expect(englishSentences(out)).toEqual([]);
  });

  it("JSON messages and the review CSV's words", async () => {
    const report = JSON.parse((await run(sample("sample-mistakes.xlsx"), "--format", "json")).out);
    expect(report.findings.flatMap((finding: { message: string }) => englishSentences(finding.message))).toEqual([]);
    const { out } = await run("review", sample("sample-mistakes.xlsx"), "--format", "csv", "--jobs", "1");
    expect(englishSentences(out)).toEqual([]);
  });

  it("system errors are told in Chinese, whatever the code", () => {
    for (const code of ["ENOENT", "EACCES", "EISDIR", "EMFILE", "ENOSPC", "EROFS", "EBUSY"]) {
      const text = describeWorkbookError(new WorkbookError("write-failed", "無法寫入 out.xlsx，未留下不完整的檔案", code), "zh-TW");
      expect({ code, text, english: englishSentences(text) }).toMatchObject({ code, english: [] });
      expect(text).toMatch(/（.+）$/);
    }
    expect(describeWorkbookError(new WorkbookError("corrupt", "The workbook file is damaged: bad zip"), "zh-TW", "a.xlsx")).toBe("檔案已損毀或不完整：a.xlsx");
  });
});

describe("--lang en: no Chinese sentence", () => {
  it.each([...CASES, ["the English sample", [sample("sample-english.xlsx")]] as [string, string[]]])("%s", async (_name, args) => {
    const { out } = await run(...args, "--lang", "en");
    expect(out.length).toBeGreaterThan(0);
    // sample-mistakes quotes its own Chinese cells, and the review's rows name each alliance as
    // its workbook does; every sentence around them is English.
    const lines = out
      .split("\n")
      .filter((line) => !/^\s+[A-Z]+\d+\s+[A-Z]+-/.test(line) || !/'[^']*[\u4e00-\u9fff]/.test(line))
      .filter((line) => !/^\s+\d+\s+\d+\s+[\d.]+%\s+\d+\s/.test(line));
    expect(chineseSentences(lines.join("\n"))).toEqual([]);
  });

  it("system errors are told in English", () => {
    const text = describeWorkbookError(new WorkbookError("write-failed", "could not write out.xlsx; no partial file was left", "ENOSPC"), "en");
    expect(text).toBe("writing failed — could not write out.xlsx; no partial file was left (no space left on the disk)");
  });
});
