/** Command-line arguments, parsed by hand (no dependency) with messages in both languages. */
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

export function parseArguments(argv: string[]): CliOptions {
  // Find --lang first so that usage errors are in the chosen language.
  const langIndex = argv.findIndex((arg) => arg === "--lang" || arg.startsWith("--lang="));
  const langValue = langIndex < 0 ? undefined : argv[langIndex]!.includes("=") ? argv[langIndex]!.split("=")[1] : argv[langIndex + 1];
  const language = langIndex < 0 ? "zh-TW" : languageOf(langValue);
  if (language === null) throw new UsageError(`--lang must be zh-TW or en (got '${langValue ?? ""}')`);
  const zh = language === "zh-TW";

  const options: CliOptions = { command: "check", file: "", format: "text", language, summary: false, force: false, help: false, version: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i]!;
    const [flag, inline] = raw.startsWith("--") && raw.includes("=") ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)] : [raw, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(zh ? `${flag} 需要一個值` : `${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--version":
      case "-v":
        options.version = true;
        break;
      case "--format": {
        const format = value().toLowerCase();
        if (format !== "text" && format !== "json" && format !== "sarif") {
          throw new UsageError(zh ? `--format 須為 text、json 或 sarif（收到「${format}」）` : `--format must be text, json or sarif (got '${format}')`);
        }
        options.format = format;
        break;
      }
      case "--rules":
        options.rulePack = value();
        break;
      case "--lang":
        value();
        break;
      case "--annotate":
        options.annotate = value();
        break;
      case "--summary":
        options.summary = true;
        break;
      case "--force":
        options.force = true;
        break;
      default:
        if (flag.startsWith("-") && flag.length > 1) throw new UsageError(zh ? `不認得的選項 ${flag}（見 --help）` : `unknown option ${flag} (see --help)`);
        positional.push(raw);
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
