/**
 * `alliance-check FILE.xlsx [--format text|json|sarif] [--rules PACK] [--lang zh-TW|en]
 *                  [--annotate OUT.xlsx] [--summary] [--strict]`
 * `alliance-check template OUT.xlsx [--lang zh-TW|en]`
 * `alliance-check review PATH... [--out OVERVIEW.xlsx] …` (review.ts) and `compare EARLIER LATER` (compare.ts)
 * `alliance-check fix IN.xlsx --out OUT.xlsx [--rule ID ...] [--dry-run]` (fix.ts)
 *
 * Exit status: 0 no error without an exception note (with --strict: no error at all); 1 at least one error; 2 the input could not be read
 * (one clear line on stderr, never a stack trace).
 */
import * as path from "path";
import { validateWorkbook } from "../engine/validate";
import type { Language, ValidationResult } from "../engine/types";
import { hasRulePack, listRulePackIds } from "../rules";
import { toJsonReport } from "../report/json";
import { toSarif, TOOL_VERSION } from "../report/sarif";
import { stringifyForTerminal } from "../report/terminal";
import { toText } from "../report/text";
import { readWorkbookFile, refuseOutputTarget, sameFile, writeOutput } from "./files";
import { parseArguments, UsageError, usage } from "./arguments";
import { describeFailure, oneLine } from "./failure";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** A terminal for review's progress line (stderr when it is one); absent otherwise. */
  progress?: { write: (text: string) => void; columns: number };
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  ...(process.stderr.isTTY ? { progress: { write: (text: string) => process.stderr.write(text), columns: process.stderr.columns || 80 } } : {}),
};

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let language: Language = "zh-TW";
  let file: string | undefined;
  try {
    const options = parseArguments(argv);
    language = options.language;
    if (options.command === "check") file = options.file;
    if (options.help) {
      io.stdout(usage(language));
      return 0;
    }
    if (options.version) {
      io.stdout(`alliance-check ${TOOL_VERSION}\n`);
      return 0;
    }
    if (options.command === "template") {
      const { writeTemplateFile } = await import("./template");
      await writeTemplateFile(options.file, language, options.force);
      io.stderr(language === "zh-TW" ? `已寫入範本：${options.file}\n` : `Template written: ${options.file}\n`);
      return 0;
    }
    if (options.rulePack !== undefined && !hasRulePack(options.rulePack)) {
      throw new UsageError(
        language === "zh-TW"
          ? `沒有規則版本「${options.rulePack}」（可用：${listRulePackIds().join(", ")}）`
          : `unknown rule pack '${options.rulePack}' (available: ${listRulePackIds().join(", ")})`,
      );
    }
    if (options.command === "review") return await (await import("./review")).runReview(options, io);
    if (options.command === "compare") return await (await import("./compare")).runCompare(options, io);
    if (options.command === "fix") return await (await import("./fix")).runFix(options, io);
    // Refused before anything is read or printed: the input is never written.
    if (options.annotate !== undefined && (await sameFile(options.file, options.annotate))) {
      throw new UsageError(language === "zh-TW" ? "--annotate 的輸出檔不可與輸入檔相同（輸入檔絕不修改）" : "--annotate must name a new file: the input is never modified");
    }
    if (options.annotate !== undefined) await refuseOutputTarget(options.annotate, "--annotate", language);
    const data = await readWorkbookFile(options.file);
    const { readWorkbookSnapshot } = await import("../workbook/xlsx/read");
    const { nodeInflateRaw } = await import("../workbook/xlsx/readFile");
    const snapshot = await readWorkbookSnapshot(data, { inflateRaw: nodeInflateRaw });
    if (options.annotate !== undefined) await refuseExtension(options.annotate, data, language);
    const { readWaiversFromXlsx } = await import("../workbook/xlsx/waivers");
    const waivers = readWaiversFromXlsx(data);
    const result = validateWorkbook(snapshot, { rulePack: options.rulePack, waivers });
    const display = path.basename(options.file);

    if (options.format === "json") io.stdout(`${stringifyForTerminal(toJsonReport(display, result, language), 2)}\n`);
    else if (options.format === "sarif") io.stdout(`${stringifyForTerminal(toSarif(display, result, language), 2)}\n`);
    else io.stdout(toText(options.file, result, language, { color: io.isTTY && !process.env.NO_COLOR, strict: options.strict }));

    if (options.annotate !== undefined) {
      await writeCopy(options.file, options.annotate, data, result, language, options.summary, io);
    }
    return hasCountedError(result, options.strict) ? 1 : 0;
  } catch (error) {
    io.stderr(`alliance-check: ${oneLine(describeFailure(error, language, file))}\n`);
    return 2;
  }
}

/** An error without an exception note; with --strict, any error. */
function hasCountedError(result: ValidationResult, strict: boolean): boolean {
  return result.findings.some((finding) => finding.severity === "error" && (strict || !finding.waiver));
}

async function writeCopy(
  input: string,
  output: string,
  data: Uint8Array,
  result: ValidationResult,
  language: Language,
  withSummary: boolean,
  io: CliIo,
): Promise<void> {
  // Checked again just before writing: the output may have become a link to the input meanwhile.
  if (await sameFile(input, output)) {
    throw new UsageError(language === "zh-TW" ? "--annotate 的輸出檔不可與輸入檔相同（輸入檔絕不修改）" : "--annotate must name a new file: the input is never modified");
  }
  const { writeAnnotatedCopy } = await import("../workbook/xlsx/annotate");
  // 檢核結果's title block names the checked file; who checked is a line to sign on paper.
  const outcome = await writeAnnotatedCopy(data, result, { language, summary: withSummary, fileName: path.basename(input) });
  await writeOutput(output, outcome.chunks, "--annotate", language);
  for (const warning of outcome.warnings) io.stderr(`alliance-check: ${oneLine(warning)}\n`);
  io.stderr(language === "zh-TW" ? `已寫入標註副本：${output}\n` : `Annotated copy written: ${output}\n`);
}

const EXTENSION_WORDS: Readonly<Record<string, Record<Language, string>>> = {
  xlsx: { "zh-TW": "活頁簿（.xlsx）", en: "workbook (.xlsx)" },
  xlsm: { "zh-TW": "含巨集的活頁簿（.xlsm）", en: "macro-enabled workbook (.xlsm)" },
  xltx: { "zh-TW": "範本（.xltx）", en: "template (.xltx)" },
  xltm: { "zh-TW": "含巨集的範本（.xltm）", en: "macro-enabled template (.xltm)" },
};

/**
 * The copy is the same kind of file as the input (macros kept): a name with another Excel
 * extension would not open in Excel, so it is refused before the report is printed.
 */
async function refuseExtension(output: string, data: Uint8Array, language: Language): Promise<void> {
  const named = path.extname(output).slice(1).toLowerCase();
  if (!(named in EXTENSION_WORDS)) return;
  const { workbookExtension } = await import("../workbook/xlsx/annotate");
  const kind = workbookExtension(data);
  if (kind === named) return;
  throw new UsageError(
    language === "zh-TW"
      ? `--annotate 的輸出檔應命名為 .${kind}：輸入檔是${EXTENSION_WORDS[kind]![language]}，副本與它同類（Excel 不開啟副檔名不符的檔案）`
      : `--annotate must name a .${kind} file: the input is a ${EXTENSION_WORDS[kind]![language]} and the copy is one too (Excel does not open a file whose extension does not match)`,
  );
}
