/** Command-line arguments, read with Node's util.parseArgs, with messages in both languages. */
import { parseArgs } from "util";
import type { Language } from "../engine/types";
import { ROUND_MESSAGES } from "./messages";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

interface CommonOptions {
  language: Language;
  rulePack?: string;
  help: boolean;
  version: boolean;
}

/** `alliance-check FILE` and `alliance-check template OUT`. */
export interface CheckOptions extends CommonOptions {
  command: "check" | "template";
  file: string;
  format: "text" | "json" | "sarif";
  annotate?: string;
  summary: boolean;
  force: boolean;
  /** Errors with an exception note count as errors (exit 1). */
  strict: boolean;
}

/** `alliance-check review PATH... [--out OVERVIEW.xlsx]`. */
export interface ReviewOptions extends CommonOptions {
  command: "review";
  paths: string[];
  format: "text" | "json" | "csv";
  out?: string;
  annotateDir?: string;
  /** Worker threads; default the machine's cores. */
  jobs?: number;
  /** Errors with an exception note count as errors (exit 1). */
  strict: boolean;
}

/** `alliance-check compare EARLIER LATER [--out OUT.xlsx]`. */
export interface CompareOptions extends CommonOptions {
  command: "compare";
  paths: [string, string];
  format: "text" | "json";
  out?: string;
}

/** `alliance-check fix IN.xlsx --out OUT.xlsx [--rule ID ...] [--dry-run]`. */
export interface FixOptions extends CommonOptions {
  command: "fix";
  file: string;
  /** The corrected copy; absent only with --dry-run. */
  out?: string;
  /** Only fixes for these rule IDs (all when empty). */
  rules: string[];
  dryRun: boolean;
}

export type CliOptions = CheckOptions | ReviewOptions | CompareOptions | FixOptions;

export function usage(language: Language): string {
  if (language === "en") {
    return `Usage:
  alliance-check FILE.xlsx [--format text|json|sarif] [--rules PACK] [--lang zh-TW|en]
                 [--annotate OUT.xlsx] [--summary] [--strict]
  alliance-check template OUT.xlsx [--lang zh-TW|en] [--force]
  alliance-check review PATH... [--out OVERVIEW.xlsx] [--annotate-dir DIR] [--format text|json|csv]
                 [--rules PACK] [--lang zh-TW|en] [--jobs N] [--strict]
  alliance-check compare EARLIER.xlsx LATER.xlsx [--format text|json] [--out OUT.xlsx] [--lang zh-TW|en]
  alliance-check fix IN.xlsx --out OUT.xlsx [--rule ID ...] [--dry-run] [--rules PACK] [--lang zh-TW|en]

Checks an NSTC Industry-Academia Technology Alliance grant workbook against the program rules.
  --format     text (default), json or sarif (SARIF 2.1.0)
  --rules      rule pack, e.g. nstc-alliance-115 (default: from the Plan sheet's fiscal year)
  --lang       language of messages: zh-TW (default) or en
  --annotate   write a copy with flagged cells highlighted, notes and a findings sheet
  --summary    with --annotate, also add the operating-income summary sheet
  --strict     errors with an exception note still count as errors (exit 1)
review: a round of submissions (workbooks and folders, searched for .xlsx/.xlsm) as one overview
  --out           the overview workbook (overview, rule frequency, year over year, chart)
  --annotate-dir  an annotated copy of each submission in DIR (never over an existing file)
  --format        the overview on stdout: text (default), json or csv
  --jobs          worker threads (default: the machine's cores)
compare: the year-over-year view of one alliance's two submissions
fix: a corrected copy with the safe, mechanical fixes applied and a Fix log sheet; the input is never modified
  --out      the corrected copy
  --rule     only this rule's fixes (repeatable)
  --dry-run  list the fixes, write nothing
Exit status: 0 no error (errors with an exception note do not count unless --strict),
1 errors found, 2 the file could not be read.
`;
  }
  return `用法：
  alliance-check 檔案.xlsx [--format text|json|sarif] [--rules 規則版本] [--lang zh-TW|en]
                 [--annotate 輸出.xlsx] [--summary] [--strict]
  alliance-check template 輸出.xlsx [--lang zh-TW|en] [--force]
  alliance-check review 路徑... [--out 總表.xlsx] [--annotate-dir 資料夾] [--format text|json|csv]
                 [--rules 規則版本] [--lang zh-TW|en] [--jobs N] [--strict]
  alliance-check compare 前一年度.xlsx 後一年度.xlsx [--format text|json] [--out 輸出.xlsx] [--lang zh-TW|en]
  alliance-check fix 輸入.xlsx --out 輸出.xlsx [--rule 規則代碼 ...] [--dry-run] [--rules 規則版本] [--lang zh-TW|en]

依產學技術聯盟合作計畫規定檢核計畫活頁簿。
  --format     輸出格式：text（預設）、json 或 sarif（SARIF 2.1.0）
  --rules      規則版本，例如 nstc-alliance-115（預設依計畫資訊之計畫年度）
  --lang       訊息語言：zh-TW（預設）或 en
  --annotate   另存標註副本：標示問題儲存格、加註說明並新增「檢核結果」工作表
  --summary    搭配 --annotate，另加「營運摘要」工作表
  --strict     已有例外說明的錯誤仍計為錯誤（結束代碼 1）
review：整批審查送件（活頁簿或資料夾，搜尋其中的 .xlsx、.xlsm），產生審查總表
  --out           審查總表活頁簿（審查總表、規則統計、跨年比對、收支圖）
  --annotate-dir  將每份送件的標註副本寫入此資料夾（絕不覆寫既有檔案）
  --format        於標準輸出列出總表：text（預設）、json 或 csv
  --jobs          工作執行緒數（預設為本機核心數）
compare：比對同一聯盟前後兩個年度的送件
fix：另存修正副本，套用可安全自動修正的項目，並新增「修正紀錄」工作表；輸入檔絕不修改
  --out      修正副本
  --rule     只套用此規則的修正（可重複指定）
  --dry-run  只列出修正，不寫入任何檔案
結束代碼：0 無錯誤（已有例外說明的錯誤不計，除非指定 --strict）；1 有錯誤；2 無法讀取檔案。
`;
}

function languageOf(value: string | undefined): Language | null {
  if (value === undefined) return null;
  const key = value.toLowerCase().replace("_", "-");
  if (key === "zh-tw" || key === "zh" || key === "zh-hant") return "zh-TW";
  if (key === "en" || key.startsWith("en-")) return "en";
  return null;
}

const OPTIONS = {
  format: { type: "string" },
  rules: { type: "string" },
  lang: { type: "string" },
  annotate: { type: "string" },
  summary: { type: "boolean" },
  out: { type: "string" },
  "annotate-dir": { type: "string" },
  jobs: { type: "string" },
  force: { type: "boolean" },
  rule: { type: "string", multiple: true },
  "dry-run": { type: "boolean" },
  strict: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

type OptionName = keyof typeof OPTIONS;

function isOption(name: string): name is OptionName {
  return Object.prototype.hasOwnProperty.call(OPTIONS, name);
}

type Token = ReturnType<typeof tokenize>[number];

/**
 * parseArgs splits the arguments (--name value, --name=value, -hv, the -- terminator); its own
 * checks are off (strict: false) so that every usage error is ours, in the chosen language.
 */
function tokenize(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/**
 * parseArgs takes the argument after a string option as its value whatever it is: in
 * "--rules --format json" the value was forgotten, it is not a pack named "--format" (a value
 * may still start with "--" when written --rules=--x).
 */
function forgotValue(token: Token): boolean {
  return token.kind === "option" && token.inlineValue === false && token.value !== undefined && token.value.startsWith("--");
}

/** The first --lang, wherever it stands, an option swallowed as a forgotten value included. */
function languageArgument(argv: string[]): { given: boolean; value?: string } {
  for (const token of tokenize(argv)) {
    if (token.kind !== "option") continue;
    if (token.name === "lang") return { given: true, value: token.value };
    if (forgotValue(token)) return languageArgument(argv.slice(token.index + 1));
  }
  return { given: false };
}

/** Which options each command takes (help, version and lang go with all). */
const COMMAND_OPTIONS: Record<CliOptions["command"], readonly OptionName[]> = {
  check: ["format", "rules", "annotate", "summary", "strict"],
  // The template command has always let the check's options pass unused.
  template: ["format", "rules", "annotate", "summary", "force"],
  review: ["format", "rules", "out", "annotate-dir", "jobs", "strict"],
  compare: ["format", "rules", "out"],
  fix: ["rules", "out", "rule", "dry-run"],
};

const FORMATS = {
  check: ["text", "json", "sarif"],
  template: ["text", "json", "sarif"],
  review: ["text", "json", "csv"],
  compare: ["text", "json"],
  fix: ["text"],
} as const;

export function parseArguments(argv: string[]): CliOptions {
  // --lang first, so that usage errors are in the chosen language.
  const lang = languageArgument(argv);
  const language = lang.given ? languageOf(lang.value) : "zh-TW";
  if (language === null) throw new UsageError(`--lang must be zh-TW or en (got '${lang.value ?? ""}')`);
  const zh = language === "zh-TW";
  const words = ROUND_MESSAGES[language];
  const tokens = tokenize(argv);
  const firstPositional = tokens.find((token) => token.kind === "positional");
  const command: CliOptions["command"] =
    firstPositional?.kind === "positional" &&
    (firstPositional.value === "template" || firstPositional.value === "review" || firstPositional.value === "compare" || firstPositional.value === "fix")
      ? firstPositional.value
      : "check";

  const given: Partial<Record<OptionName, string | true>> = {};
  let help = false;
  let version = false;
  let format: string | undefined;
  const positional: string[] = [];
  const ruleIds: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positional.push(token.value);
    if (token.kind !== "option") continue;
    if (!isOption(token.name)) throw new UsageError(zh ? `不認得的選項 ${token.rawName}（見 --help）` : `unknown option ${token.rawName} (see --help)`);
    const value = (): string => {
      if (token.value === undefined || forgotValue(token)) {
        throw new UsageError(zh ? `${token.rawName} 需要一個值` : `${token.rawName} needs a value`);
      }
      return token.value;
    };
    if (token.name === "help") help = true;
    else if (token.name === "version") version = true;
    else if (token.name === "lang") continue;
    else if (token.name === "rule") {
      given.rule = true;
      ruleIds.push(value());
    }
    else if (OPTIONS[token.name].type === "boolean") given[token.name] = true;
    else {
      given[token.name] = value();
      if (token.name === "format") format = value().toLowerCase();
    }
  }
  if (help || version) return { command: "check", file: "", format: "text", language, summary: false, force: false, strict: false, help, version };
  for (const name of Object.keys(given) as OptionName[]) {
    if (!COMMAND_OPTIONS[command].includes(name)) throw new UsageError(words.notForCommand(`--${name}`, command === "check" ? "alliance-check FILE" : command));
  }
  const formats: readonly string[] = FORMATS[command];
  if (format !== undefined && !formats.includes(format)) {
    throw new UsageError(
      command === "check" || command === "template"
        ? zh
          ? `--format 須為 text、json 或 sarif（收到「${format}」）`
          : `--format must be text, json or sarif (got '${format}')`
        : words.formatFor(command, formats.join(zh ? "、" : ", "), format),
    );
  }
  const rulePack = typeof given.rules === "string" ? given.rules : undefined;
  const common = { language, help, version, ...(rulePack !== undefined ? { rulePack } : {}) };
  const text = (name: OptionName): string | undefined => (typeof given[name] === "string" ? (given[name] as string) : undefined);

  if (command === "review") {
    const paths = positional.slice(1);
    if (paths.length === 0) throw new UsageError(`${words.namePaths}\n${usage(language)}`);
    const jobsText = text("jobs");
    let jobs: number | undefined;
    if (jobsText !== undefined) {
      jobs = /^\d+$/.test(jobsText.trim()) ? Number(jobsText.trim()) : Number.NaN;
      if (!Number.isSafeInteger(jobs) || jobs < 1) throw new UsageError(words.jobs(jobsText));
    }
    const out = text("out");
    const annotateDir = text("annotate-dir");
    return {
      command,
      paths,
      format: (format ?? "text") as ReviewOptions["format"],
      strict: given.strict === true,
      ...common,
      ...(out !== undefined ? { out } : {}),
      ...(annotateDir !== undefined ? { annotateDir } : {}),
      ...(jobs !== undefined ? { jobs } : {}),
    };
  }
  if (command === "compare") {
    const paths = positional.slice(1);
    if (paths.length !== 2) throw new UsageError(words.compareTwo(paths.join(" ")));
    const out = text("out");
    return { command, paths: [paths[0]!, paths[1]!], format: (format ?? "text") as CompareOptions["format"], ...common, ...(out !== undefined ? { out } : {}) };
  }

  if (command === "fix") {
    const files = positional.slice(1);
    if (files.length === 0) throw new UsageError(zh ? `請指定活頁簿檔案\n${usage(language)}` : `name a workbook file\n${usage(language)}`);
    if (files.length > 1) throw new UsageError(zh ? `只能指定一個檔案（收到 ${files.join(" ")}）` : `name one file only (got ${files.join(" ")})`);
    const out = text("out");
    const dryRun = given["dry-run"] === true;
    if (out === undefined && !dryRun) throw new UsageError(zh ? "fix 需要 --out 輸出.xlsx（或 --dry-run 只列出修正）" : "fix needs --out OUT.xlsx (or --dry-run to list the fixes only)");
    return { command, file: files[0]!, rules: ruleIds, dryRun, ...common, ...(out !== undefined ? { out } : {}) };
  }
  if (command === "template") positional.shift();
  const options: CheckOptions = {
    command,
    file: "",
    format: (format ?? "text") as CheckOptions["format"],
    language,
    summary: given.summary === true,
    force: given.force === true,
    strict: given.strict === true,
    help,
    version,
    ...(rulePack !== undefined ? { rulePack } : {}),
  };
  const annotate = text("annotate");
  if (annotate !== undefined) options.annotate = annotate;
  if (positional.length === 0) throw new UsageError(zh ? `請指定活頁簿檔案\n${usage(language)}` : `name a workbook file\n${usage(language)}`);
  if (positional.length > 1) throw new UsageError(zh ? `只能指定一個檔案（收到 ${positional.join(" ")}）` : `name one file only (got ${positional.join(" ")})`);
  options.file = positional[0]!;
  if (options.summary && options.annotate === undefined && options.command === "check") {
    throw new UsageError(zh ? "--summary 須搭配 --annotate 輸出.xlsx" : "--summary goes with --annotate OUT.xlsx");
  }
  return options;
}
