/**
 * The command line's arguments: every option in both spellings (`--format json`, `--format=json`),
 * and every usage error in the chosen language (zh-TW unless --lang says otherwise, wherever
 * --lang stands). main() turns any UsageError into exit status 2 (tests/cli/cli.test.ts).
 */
import { parseArguments, UsageError, usage } from "./arguments";

const DEFAULTS = { command: "check", format: "text", language: "zh-TW", summary: false, force: false, strict: false, help: false, version: false };

function usageError(argv: string[]): string {
  try {
    parseArguments(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${JSON.stringify(argv)}`);
}

describe("parseArguments", () => {
  it("a file alone: text in zh-TW", () => {
    expect(parseArguments(["budget.xlsx"])).toEqual({ ...DEFAULTS, file: "budget.xlsx" });
  });

  it.each([
    [["f.xlsx", "--format", "json"], { format: "json" }],
    [["f.xlsx", "--format=SARIF"], { format: "sarif" }],
    [["--rules", "nstc-alliance-116", "f.xlsx"], { rulePack: "nstc-alliance-116" }],
    [["f.xlsx", "--rules=nstc-alliance-115"], { rulePack: "nstc-alliance-115" }],
    [["f.xlsx", "--lang", "en"], { language: "en" }],
    [["f.xlsx", "--lang=en_US"], { language: "en" }],
    [["f.xlsx", "--lang", "zh-Hant"], { language: "zh-TW" }],
    [["f.xlsx", "--annotate", "out.xlsx", "--summary"], { annotate: "out.xlsx", summary: true }],
    [["f.xlsx", "--annotate=-odd name.xlsx"], { annotate: "-odd name.xlsx" }],
    [["f.xlsx", "--format", "text", "--format", "json"], { format: "json" }],
    [["-", "--format", "json"], { file: "-", format: "json" }],
    [["--format", "json", "--", "--odd.xlsx"], { file: "--odd.xlsx", format: "json" }],
    [["f.xlsx", "--strict"], { strict: true }],
  ])("%j", (argv, expected) => {
    expect(parseArguments(argv)).toEqual({ ...DEFAULTS, file: "f.xlsx", ...expected });
  });

  it("template OUT.xlsx [--force]", () => {
    expect(parseArguments(["template", "new.xlsx", "--force", "--lang", "en"])).toEqual({ ...DEFAULTS, command: "template", file: "new.xlsx", force: true, language: "en" });
    // --summary belongs to --annotate, which the template command has not.
    expect(parseArguments(["template", "new.xlsx", "--summary"])).toMatchObject({ command: "template", summary: true });
  });

  it.each([[["--help"]], [["-h"]], [["f.xlsx", "-h"]], [["--help", "a", "b"]], [["--help=yes"]]])("%j asks for help, whatever else is there", (argv) => {
    expect(parseArguments(argv).help).toBe(true);
  });

  it.each([[["--version"]], [["-v"]], [["-hv"]]])("%j asks for the version", (argv) => {
    expect(parseArguments(argv).version).toBe(true);
  });

  it("the usage text in each language", () => {
    expect(usage("zh-TW")).toMatch(/^用法：\n {2}alliance-check 檔案\.xlsx \[--format text\|json\|sarif\]/);
    expect(usage("en")).toMatch(/^Usage:\n {2}alliance-check FILE\.xlsx \[--format text\|json\|sarif\]/);
    expect(usage("en")).toMatch(/Exit status: 0 no error \(errors with an exception note do not count unless --strict\),\n1 errors found, 2 the file could not be read\.\n$/);
    expect(usage("zh-TW")).toContain("--strict     已有例外說明的錯誤仍計為錯誤（結束代碼 1）");
  });
});

describe("usage errors, in the language --lang chose (zh-TW by default)", () => {
  it.each<[string[], string, string]>([
    [[], `請指定活頁簿檔案\n${usage("zh-TW")}`, `name a workbook file\n${usage("en")}`],
    [["template"], `請指定活頁簿檔案\n${usage("zh-TW")}`, `name a workbook file\n${usage("en")}`],
    [["a.xlsx", "b.xlsx"], "只能指定一個檔案（收到 a.xlsx b.xlsx）", "name one file only (got a.xlsx b.xlsx)"],
    [["f.xlsx", "--frobnicate"], "不認得的選項 --frobnicate（見 --help）", "unknown option --frobnicate (see --help)"],
    [["f.xlsx", "--frobnicate=1"], "不認得的選項 --frobnicate（見 --help）", "unknown option --frobnicate (see --help)"],
    [["f.xlsx", "-x"], "不認得的選項 -x（見 --help）", "unknown option -x (see --help)"],
    [["f.xlsx", "--format"], "--format 需要一個值", "--format needs a value"],
    [["f.xlsx", "--rules", "--format", "json"], "--rules 需要一個值", "--rules needs a value"],
    [["--annotate", "--summary", "f.xlsx"], "--annotate 需要一個值", "--annotate needs a value"],
    [["f.xlsx", "--format", "xml"], "--format 須為 text、json 或 sarif（收到「xml」）", "--format must be text, json or sarif (got 'xml')"],
    [["f.xlsx", "--format="], "--format 須為 text、json 或 sarif（收到「」）", "--format must be text, json or sarif (got '')"],
    [["f.xlsx", "--summary"], "--summary 須搭配 --annotate 輸出.xlsx", "--summary goes with --annotate OUT.xlsx"],
  ])("%j", (argv, zh, en) => {
    expect(usageError(argv)).toBe(zh);
    expect(usageError([...argv, "--lang", "en"])).toBe(en);
    // --lang counts wherever it stands, even before what fails.
    expect(usageError(["--lang=en", ...argv])).toBe(en);
  });

  it.each([
    [["f.xlsx", "--lang", "fr"], "--lang must be zh-TW or en (got 'fr')"],
    [["f.xlsx", "--lang"], "--lang must be zh-TW or en (got '')"],
    [["f.xlsx", "--lang="], "--lang must be zh-TW or en (got '')"],
  ])("%j: an unknown language", (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe("review and compare", () => {
  it("review PATH... with its options", () => {
    expect(parseArguments(["review", "round", "late.xlsx", "--out", "o.xlsx", "--annotate-dir=copies", "--format", "CSV", "--jobs", "3", "--rules", "nstc-alliance-116"])).toEqual({
      command: "review",
      paths: ["round", "late.xlsx"],
      format: "csv",
      out: "o.xlsx",
      annotateDir: "copies",
      jobs: 3,
      strict: false,
      rulePack: "nstc-alliance-116",
      language: "zh-TW",
      help: false,
      version: false,
    });
    expect(parseArguments(["review", "round"])).toEqual({ command: "review", paths: ["round"], format: "text", strict: false, language: "zh-TW", help: false, version: false });
    expect(parseArguments(["review", "round", "--strict"])).toMatchObject({ command: "review", strict: true });
  });

  it("compare EARLIER LATER with its options", () => {
    expect(parseArguments(["compare", "a.xlsx", "b.xlsx", "--format=json", "--out", "c.xlsx", "--lang", "en"])).toEqual({
      command: "compare",
      paths: ["a.xlsx", "b.xlsx"],
      format: "json",
      out: "c.xlsx",
      language: "en",
      help: false,
      version: false,
    });
  });

  it.each<[string[], string, string]>([
    [["review"], `請指定要審查的活頁簿或資料夾\n${usage("zh-TW")}`, `name the workbooks or folders to review\n${usage("en")}`],
    [["review", "r", "--format", "sarif"], "review 的 --format 須為 text、json、csv（收到「sarif」）", "--format of review must be text, json, csv (got 'sarif')"],
    [["review", "r", "--jobs", "0"], "--jobs 須為正整數（收到「0」）", "--jobs must be a positive whole number (got '0')"],
    [["review", "r", "--jobs", "two"], "--jobs 須為正整數（收到「two」）", "--jobs must be a positive whole number (got 'two')"],
    [["review", "r", "--annotate", "x.xlsx"], "--annotate 不適用於 review（見 --help）", "--annotate is not an option of review (see --help)"],
    [["f.xlsx", "--out", "x.xlsx"], "--out 不適用於 alliance-check FILE（見 --help）", "--out is not an option of alliance-check FILE (see --help)"],
    [["f.xlsx", "--jobs", "2"], "--jobs 不適用於 alliance-check FILE（見 --help）", "--jobs is not an option of alliance-check FILE (see --help)"],
    [["compare", "a.xlsx"], "compare 需要兩個活頁簿：前一年度與後一年度（收到 a.xlsx）", "compare takes two workbooks: the earlier fiscal year's and the later one's (got a.xlsx)"],
    [["compare", "a", "b", "--format", "csv"], "compare 的 --format 須為 text、json（收到「csv」）", "--format of compare must be text, json (got 'csv')"],
    [["compare", "a", "b", "--annotate-dir", "d"], "--annotate-dir 不適用於 compare（見 --help）", "--annotate-dir is not an option of compare (see --help)"],
  ])("%j", (argv, zh, en) => {
    expect(usageError(argv)).toBe(zh);
    expect(usageError([...argv, "--lang", "en"])).toBe(en);
  });
});
