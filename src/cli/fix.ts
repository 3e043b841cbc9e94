/**
 * `alliance-check fix IN.xlsx --out OUT.xlsx [--rule ID ...] [--dry-run] [--rules PACK] [--lang zh-TW|en]`
 *
 * Applies the engine's quick fixes (src/engine/fixes) to a copy of the workbook: rounds of
 * check → propose → apply, until nothing more applies (a fix computed before another one changed
 * its cells is proposed again on the new values). Findings with an exception note are left alone;
 * vocabulary misses are only listed as suggestions. The copy (fixCopy.ts) is the person's file
 * with the changed cells rewritten and a 修正紀錄 / Fix log sheet; the same list is printed.
 *
 * Exit status as for a check of OUT: 0 no unwaived error, 1 errors remain (with --dry-run, of the
 * copy that would be written); 2 the input could not be read or the copy could not be written.
 */
import * as path from "path";
import { applySafely, proposeFixes } from "../engine/fixes";
import { createValidator, validateWorkbook, type ValidateOptions } from "../engine/validate";
import type { CellContent, Fix, FixSuggestion, Language, ValidationResult, WorkbookSnapshot } from "../engine/types";
import { contentText, type FixLogEntry } from "../layouts/fixLog";
import { catalogueRulePack } from "../rules";
import type { FixOptions } from "./arguments";
import { UsageError } from "./arguments";
import { terminalSafe } from "../report/terminal";
import { oneLine } from "./failure";
import { readWorkbookFile, refuseOutputTarget, sameFile, writeOutput } from "./files";
import type { CliIo } from "./main";

/** Rounds of check → propose → apply; each applies at least one fix, and fixes rarely chain further. */
const MAX_ROUNDS = 10;

export interface FixRun {
  snapshot: WorkbookSnapshot;
  /** Every cell change, in the order applied. */
  log: FixLogEntry[];
  /** The fixes applied, in order. */
  applied: Fix[];
  suggestions: FixSuggestion[];
  /** The check of the fixed snapshot. */
  result: ValidationResult;
}

/**
 * Applies the quick fixes to a snapshot: the fixed snapshot and the log. Rounds of check →
 * propose → apply (applySafely: each fix removes its finding and adds none, on the workbook as the
 * fixes before it left it; two pay raises that together cross the cap: the second is left) until
 * nothing more applies; a fix whose cells an earlier one changed is proposed again on the new values.
 */
export function fixSnapshot(snapshot: WorkbookSnapshot, validateOptions: ValidateOptions, rules: readonly string[], language: Language): FixRun {
  const validate = createValidator();
  let current = snapshot;
  const log: FixLogEntry[] = [];
  const applied: Fix[] = [];
  let suggestions: FixSuggestion[] | null = null;
  let result = validate(current, validateOptions);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const explained = new Set(result.findings.filter((finding) => finding.waiver).map((finding) => finding.fingerprint));
    // applySafely checks the fixes on the workbook as they leave it.
    const proposed = proposeFixes(current, result, { verify: false, ...(rules.length > 0 ? { rules } : {}) });
    suggestions ??= proposed.suggestions.filter((suggestion) => !explained.has(suggestion.fingerprint));
    const outcome = applySafely(
      current,
      result,
      proposed.fixes.filter((fix) => !explained.has(fix.fingerprint)),
      validateOptions,
      validate,
    );
    if (outcome.applied.length === 0) break;
    for (const fix of outcome.applied) {
      applied.push(fix);
      for (const edit of fix.edits) {
        log.push({ sheet: edit.sheet, cell: edit.cell, ruleId: fix.ruleId, before: edit.expected, after: edit.next, description: fix.description[language] });
      }
    }
    current = outcome.snapshot;
    result = outcome.result;
  }
  return { snapshot: current, log, applied, suggestions: suggestions ?? [], result };
}

/** Each changed cell once: what it held in the input, what it holds at the end. */
export function cellChanges(log: readonly FixLogEntry[]): { sheet: string; cell: string; before: CellContent; after: CellContent }[] {
  const changes = new Map<string, { sheet: string; cell: string; before: CellContent; after: CellContent }>();
  for (const entry of log) {
    const key = `${entry.sheet}\u0000${entry.cell}`;
    const known = changes.get(key);
    if (known) known.after = entry.after;
    else changes.set(key, { sheet: entry.sheet, cell: entry.cell, before: entry.before, after: entry.after });
  }
  return [...changes.values()];
}

/** Longest quote of a cell in the printed list (the Fix log sheet has the whole text). */
const MAX_SHOWN = 60;

/** A cell's content for the terminal: one line, controls made visible, long text cut. */
function shown(text: string): string {
  const line = terminalSafe(text.replace(/[\t\r\n]+/g, " "));
  const characters = [...line];
  return characters.length > MAX_SHOWN ? `${characters.slice(0, MAX_SHOWN).join("")}…` : line;
}

function listText(log: readonly FixLogEntry[], suggestions: readonly FixSuggestion[], language: Language): string {
  const zh = language === "zh-TW";
  const lines: string[] = [];
  lines.push(zh ? `修正 ${log.length} 個儲存格：` : `${log.length} ${log.length === 1 ? "cell" : "cells"} fixed:`);
  if (log.length === 0) lines.push(zh ? "  沒有可自動修正的項目。" : "  Nothing to fix automatically.");
  for (const entry of log) {
    lines.push(`  ${terminalSafe(entry.sheet)}!${entry.cell}  ${entry.ruleId}  ${shown(contentText(entry.before, language))} → ${shown(contentText(entry.after, language))}  ${shown(entry.description)}`);
  }
  if (suggestions.length > 0) {
    lines.push(zh ? `建議（未套用，請自行選擇）${suggestions.length} 項：` : `${suggestions.length} ${suggestions.length === 1 ? "suggestion" : "suggestions"} (not applied; pick one yourself):`);
    for (const suggestion of suggestions) {
      const typed = shown(contentText(suggestion.expected, language));
      lines.push(`  ${terminalSafe(suggestion.sheet)}!${suggestion.cell}  ${suggestion.ruleId}  ${zh ? `「${typed}」→ ${suggestion.choices.join("、")}` : `'${typed}' → ${suggestion.choices.join(", ")}`}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function hasUnwaivedError(result: ValidationResult): boolean {
  return result.findings.some((finding) => finding.severity === "error" && !finding.waiver);
}

function sameInput(language: Language): UsageError {
  return new UsageError(language === "zh-TW" ? "--out 的輸出檔不可與輸入檔相同（輸入檔絕不修改）" : "--out must name a new file: the input is never modified");
}

export async function runFix(options: FixOptions, io: CliIo): Promise<number> {
  const { language } = options;
  const zh = language === "zh-TW";
  const known = Object.keys(catalogueRulePack().rules);
  const unknown = options.rules.filter((rule) => !known.includes(rule));
  if (unknown.length > 0) {
    throw new UsageError(zh ? `沒有規則「${unknown.join("、")}」` : `unknown rule ${unknown.map((rule) => `'${rule}'`).join(", ")}`);
  }
  const out = options.dryRun ? undefined : options.out;
  // Refused before anything is read or printed: the input is never written.
  if (out !== undefined) {
    if (await sameFile(options.file, out)) throw sameInput(language);
    await refuseOutputTarget(out, "--out", language);
  }
  const data = await readWorkbookFile(options.file);
  const { readWorkbookSnapshot } = await import("../workbook/xlsx/read");
  const { nodeInflateRaw } = await import("../workbook/xlsx/readFile");
  const snapshot = await readWorkbookSnapshot(data, { inflateRaw: nodeInflateRaw, formulas: true });
  const { workbookExtension } = await import("../workbook/xlsx/annotate");
  if (out !== undefined) {
    const named = path.extname(out).slice(1).toLowerCase();
    const kind = workbookExtension(data);
    if (["xlsx", "xlsm", "xltx", "xltm"].includes(named) && named !== kind) {
      throw new UsageError(
        zh
          ? `--out 的輸出檔應命名為 .${kind}：副本與輸入檔同類（Excel 不開啟副檔名不符的檔案）`
          : `--out must name a .${kind} file: the copy is the same kind of file as the input (Excel does not open a file whose extension does not match)`,
      );
    }
  }
  const { readWaiversFromXlsx } = await import("../workbook/xlsx/waivers");
  const validateOptions: ValidateOptions = { rulePack: options.rulePack, waivers: readWaiversFromXlsx(data) };
  const run = fixSnapshot(snapshot, validateOptions, options.rules, language);
  io.stdout(listText(run.log, run.suggestions, language));
  if (out === undefined) {
    io.stderr(zh ? "（--dry-run：未寫入任何檔案）\n" : "(--dry-run: nothing was written)\n");
    return hasUnwaivedError(run.result) ? 1 : 0;
  }

  const { writeFixedCopy } = await import("../workbook/xlsx/fixCopy");
  const recalculate = snapshot.sheets.some((sheet) => sheet.formulas !== undefined && Object.keys(sheet.formulas).length > 0);
  const copy = await writeFixedCopy(data, cellChanges(run.log), { language, log: run.log, recalculate });
  // Checked again just before writing: the output may have become a link to the input meanwhile.
  if (await sameFile(options.file, out)) throw sameInput(language);
  await writeOutput(out, copy.chunks, "--out", language);
  for (const warning of copy.warnings) io.stderr(`alliance-check: ${oneLine(warning)}\n`);
  io.stderr(zh ? `已寫入修正副本：${out}\n` : `Fixed copy written: ${out}\n`);

  // The exit status is the check of the file written.
  const written = await readWorkbookFile(out);
  const check = validateWorkbook(await readWorkbookSnapshot(written, { inflateRaw: nodeInflateRaw }), { rulePack: options.rulePack, waivers: readWaiversFromXlsx(written) });
  return hasUnwaivedError(check) ? 1 : 0;
}
