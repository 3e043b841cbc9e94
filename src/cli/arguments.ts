/** Command-line arguments, read with Node's util.parseArgs, with messages in both languages. */
import { parseArgs } from "util";
import type { Language } from "../engine/types";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface CliOptions {
  command: "check" | "template";
  file: string;
  format: "text" | "json" | "sarif";
  rulePack?: string;
  language: Language;
  annotate?: string;
  summary: boolean;
  force: boolean;
  help: boolean;
  version: boolean;
}

export function usage(language: Language): string {
  if (language === "en") {
    return `Usage:
  alliance-check FILE.xlsx [--format text|json|sarif] [--rules PACK] [--lang zh-TW|en]
                 [--annotate OUT.xlsx] [--summary]
  alliance-check template OUT.xlsx [--lang zh-TW|en] [--force]

Checks an NSTC Industry-Academia Technology Alliance grant workbook against the program rules.
  --format     text (default), json or sarif (SARIF 2.1.0)
  --rules      rule pack, e.g. nstc-alliance-115 (default: from the Plan sheet's fiscal year)
  --lang       language of messages: zh-TW (default) or en
  --annotate   write a copy with flagged cells highlighted, notes and a findings sheet
  --summary    with --annotate, also add the operating-income summary sheet
Exit status: 0 no error, 1 errors found, 2 the file could not be read.
`;
  }
  return `用法：
  alliance-check 檔案.xlsx [--format text|json|sarif] [--rules 規則版本] [--lang zh-TW|en]
                 [--annotate 輸出.xlsx] [--summary]
  alliance-check template 輸出.xlsx [--lang zh-TW|en] [--force]

依產學技術聯盟合作計畫規定檢核計畫工作簿。
  --format     輸出格式：text（預設）、json 或 sarif（SARIF 2.1.0）
  --rules      規則版本，例如 nstc-alliance-115（預設依計畫資訊之計畫年度）
  --lang       訊息語言：zh-TW（預設）或 en
  --annotate   另存標註副本：標示問題儲存格、加註說明並新增「檢核結果」工作表
  --summary    搭配 --annotate，另加「營運摘要」工作表
結束代碼：0 無錯誤；1 有錯誤；2 無法讀取檔案。
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
  force: { type: "boolean" },
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

export function parseArguments(argv: string[]): CliOptions {
  // --lang first, so that usage errors are in the chosen language.
  const lang = languageArgument(argv);
  const language = lang.given ? languageOf(lang.value) : "zh-TW";
  if (language === null) throw new UsageError(`--lang must be zh-TW or en (got '${lang.value ?? ""}')`);
  const zh = language === "zh-TW";
  const tokens = tokenize(argv);

  const options: CliOptions = { command: "check", file: "", format: "text", language, summary: false, force: false, help: false, version: false };
  const positional: string[] = [];
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
    switch (token.name) {
      case "help":
        options.help = true;
        break;
      case "version":
        options.version = true;
        break;
      case "format": {
        const format = value().toLowerCase();
        if (format !== "text" && format !== "json" && format !== "sarif") {
          throw new UsageError(zh ? `--format 須為 text、json 或 sarif（收到「${format}」）` : `--format must be text, json or sarif (got '${format}')`);
        }
        options.format = format;
        break;
      }
      case "rules":
        options.rulePack = value();
        break;
      case "lang":
        break;
      case "annotate":
        options.annotate = value();
        break;
      case "summary":
        options.summary = true;
        break;
      case "force":
        options.force = true;
        break;
    }
  }
  if (options.help || options.version) return options;
  if (positional[0] === "template") {
    options.command = "template";
    positional.shift();
  }
  if (positional.length === 0) throw new UsageError(zh ? `請指定工作簿檔案\n${usage(language)}` : `name a workbook file\n${usage(language)}`);
  if (positional.length > 1) throw new UsageError(zh ? `只能指定一個檔案（收到 ${positional.join(" ")}）` : `name one file only (got ${positional.join(" ")})`);
  options.file = positional[0]!;
  if (options.summary && options.annotate === undefined && options.command === "check") {
    throw new UsageError(zh ? "--summary 須搭配 --annotate 輸出.xlsx" : "--summary goes with --annotate OUT.xlsx");
  }
  return options;
}
