/**
 * `alliance-check compare EARLIER.xlsx LATER.xlsx [--format text|json] [--out OUT.xlsx]`: the
 * year-over-year view of one alliance's two submissions, for a PI preparing a renewal. The
 * earlier fiscal year comes first whatever the order given. Two workbooks that do not look like
 * one alliance (another 計畫編號, or another 計畫名稱 + 執行機構) are still compared, with a line
 * on stderr saying so.
 *
 * Exit status: 0 the comparison was made; 2 a workbook could not be read or the command line is wrong.
 */
import { checkSubmission, compareSubmissions, matchedBy, projectKey, titleKey, type SubmissionFacts } from "../review";
import { yearOverYearJson } from "../report/overview";
import { stringifyForTerminal } from "../report/terminal";
import { UsageError, type CompareOptions } from "./arguments";
import { oneLine } from "./failure";
import { readWorkbookFile, refuseOutputTarget, sameFile, writeOutput } from "./files";
import type { CliIo } from "./main";
import { ROUND_MESSAGES } from "./messages";
import { comparisonText } from "./reviewText";

async function factsOf(file: string, options: CompareOptions): Promise<SubmissionFacts> {
  const data = await readWorkbookFile(file);
  const { readWorkbookSnapshot } = await import("../workbook/xlsx/read");
  const { readWaiversFromXlsx } = await import("../workbook/xlsx/waivers");
  const { nodeInflateRaw } = await import("../workbook/xlsx/readFile");
  const snapshot = await readWorkbookSnapshot(data, { inflateRaw: nodeInflateRaw });
  return checkSubmission(file, snapshot, { rulePack: options.rulePack, waivers: readWaiversFromXlsx(data) }).facts;
}

/** One alliance: the same project number, or (where either lacks one) the same title and host institution. */
function sameAlliance(a: SubmissionFacts, b: SubmissionFacts): boolean {
  const [pa, pb] = [projectKey(a.projectNumber), projectKey(b.projectNumber)];
  if (pa !== null && pb !== null) return pa === pb;
  const [ta, tb] = [titleKey(a.title, a.institution), titleKey(b.title, b.institution)];
  return ta !== null && ta === tb;
}

export async function runCompare(options: CompareOptions, io: CliIo): Promise<number> {
  const { language } = options;
  const words = ROUND_MESSAGES[language];
  const [first, second] = options.paths;
  if (options.out !== undefined) {
    if (!/\.xlsx$/i.test(options.out)) throw new UsageError(words.outNotXlsx(options.out));
    for (const input of options.paths) if (await sameFile(input, options.out)) throw new UsageError(words.outIsInput(options.out));
    await refuseOutputTarget(options.out, "--out", language);
  }
  const a = await factsOf(first, options);
  const b = await factsOf(second, options);
  const alike = sameAlliance(a, b);
  if (!alike) io.stderr(`alliance-check: ${oneLine(words.differentAlliances(first, second))}\n`);
  if (a.fiscalYear !== null && a.fiscalYear === b.fiscalYear) io.stderr(`alliance-check: ${words.sameYear(a.fiscalYear)}\n`);
  const view = compareSubmissions(a, b, alike ? matchedBy(a, b) : null);

  if (options.format === "json") io.stdout(`${stringifyForTerminal(yearOverYearJson(view, language), 2)}\n`);
  else io.stdout(`${comparisonText(view, language).join("\n")}\n`);

  if (options.out !== undefined) {
    const [{ comparisonLayouts }, { writeLayoutsToNewWorkbook }] = await Promise.all([import("../layouts/overview"), import("../workbook/xlsx/writeLayout")]);
    await writeOutput(options.out, await writeLayoutsToNewWorkbook(comparisonLayouts(view, language)), "--out", language);
    io.stderr(`${words.comparisonWritten(options.out)}\n`);
  }
  return 0;
}
