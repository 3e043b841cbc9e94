/**
 * A round in the task pane: the workbooks a reviewer chose (several files, or a folder where the
 * browser allows it) read here, one after another, each checked and turned into the round's facts
 * (src/review), and the overview workbook written with the file writer. Nothing is uploaded and
 * nothing is written to the open workbook: the overview goes to Excel as a new workbook, or is
 * downloaded in the browser preview.
 *
 * The .xlsx code is loaded with import() on first use, as the browser preview loads it: inside
 * Excel none of it is downloaded until the reviewer reads a round.
 */
import type { Language, ValidationResult, Waiver, WorkbookSnapshot } from "../engine/types";
import type { SheetLayout } from "../layouts/layout";
import { buildOverview, checkSubmission, fileKind, type Overview, type RoundEntry } from "../review";
import { toPaneError } from "./errors";
import type { Strings } from "./i18n";

export interface RoundLoaders {
  reader: () => Promise<{ readWorkbookSnapshot(data: Uint8Array): Promise<WorkbookSnapshot> }>;
  waivers: () => Promise<{ readWaiversFromXlsx(data: Uint8Array): Waiver[] }>;
  writer: () => Promise<{ overviewBytes(overview: Overview, language: Language): Promise<Uint8Array> }>;
}

export const defaultRoundLoaders: RoundLoaders = {
  reader: () => import(/* webpackChunkName: "xlsx-reader" */ "../workbook/xlsx/read"),
  waivers: () => import(/* webpackChunkName: "xlsx-waivers" */ "../workbook/xlsx/waivers"),
  writer: async () => {
    const [{ overviewLayouts }, { writeLayoutsToNewWorkbook }] = await Promise.all([
      import(/* webpackChunkName: "overview-layouts" */ "../layouts/overview"),
      import("../workbook/xlsx/writeLayout"),
    ]);
    return { overviewBytes: (overview, language) => writeLayoutsToNewWorkbook(overviewLayouts(overview, language) as SheetLayout[]) };
  },
};

/** A file the person chose: its bytes on demand, and the name the round shows (with its folder when a folder was chosen). */
export interface RoundFile {
  name: string;
  bytes: () => Promise<Uint8Array>;
}

export function roundFileOf(file: File): RoundFile {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return { name: relative && relative.length > 0 ? relative : file.name, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
}

export interface PaneRound {
  overview: Overview;
  /** Each checked file's validation (its findings), by the name the round shows. */
  results: ReadonlyMap<string, ValidationResult>;
  /** Files of a chosen folder that are not workbooks (or Excel's lock files). */
  skipped: string[];
}

export interface RoundProgress {
  done: number;
  total: number;
  file: string;
}

/**
 * Reads and checks the files one after another, yielding to the page between them so that the
 * pane keeps drawing its progress. `fromFolder`: the files came from a folder, so only .xlsx and
 * .xlsm count (the others are listed as skipped); files chosen one by one are all read.
 */
export async function reviewFiles(
  files: readonly RoundFile[],
  options: { language: Language; strings: Strings; fromFolder: boolean; loaders?: RoundLoaders; onProgress?: (progress: RoundProgress) => void },
): Promise<PaneRound> {
  const loaders = options.loaders ?? defaultRoundLoaders;
  const chosen = options.fromFolder ? files.filter((file) => fileKind(file.name) === "workbook") : [...files];
  const skipped = options.fromFolder ? files.filter((file) => fileKind(file.name) !== "workbook").map((file) => file.name) : [];
  const [{ readWorkbookSnapshot }, { readWaiversFromXlsx }] = await Promise.all([loaders.reader(), loaders.waivers()]);
  const entries: RoundEntry[] = [];
  const results = new Map<string, ValidationResult>();
  for (const [index, file] of chosen.entries()) {
    options.onProgress?.({ done: index, total: chosen.length, file: file.name });
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    try {
      const data = await file.bytes();
      const { result, facts } = checkSubmission(file.name, await readWorkbookSnapshot(data), { waivers: readWaiversFromXlsx(data) });
      results.set(file.name, result);
      entries.push({ kind: "checked", facts });
    } catch (error) {
      const { key, detail } = toPaneError(error, "corrupt");
      const text = options.strings.errors[key];
      entries.push({ kind: "unreadable", failure: { file: file.name, code: key, message: detail ? `${text.title} (${detail})` : text.title } });
    }
  }
  options.onProgress?.({ done: chosen.length, total: chosen.length, file: "" });
  return { overview: buildOverview(entries), results, skipped };
}

/** The overview workbook's file name: 審查總表-2026-12-04.xlsx / round-overview-2026-12-04.xlsx. */
export function overviewFileName(language: Language, date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  return language === "zh-TW" ? `審查總表-${day}.xlsx` : `round-overview-${day}.xlsx`;
}
