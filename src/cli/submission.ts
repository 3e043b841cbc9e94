/**
 * One submission of a round, read and checked: the work of a worker thread (reviewWorker.ts), or
 * of the command itself with --jobs 1. Everything it holds (the bytes, the snapshot, the
 * result) is let go when it returns: only the submission's facts travel back.
 */
import * as path from "path";
import type { Language } from "../engine/types";
import { checkSubmission, type SubmissionFacts } from "../review";
import { isWorkbookError } from "../workbook/gateway";
import { describeFailure, oneLine } from "./failure";
import { systemErrorText } from "./messages";
import { readWorkbookFile, writeFileAtomically } from "./files";

export interface SubmissionJob {
  id: number;
  /** The file to read. */
  file: string;
  /** The file as the overview shows it. */
  display: string;
  /** Where to write the annotated copy: a folder and a name stem unique within the round. */
  annotate: { dir: string; stem: string } | null;
  rulePack?: string;
  language: Language;
}

export type SubmissionOutcome =
  | { id: number; ok: true; facts: SubmissionFacts; annotated: string | null; annotateFailure: string | null }
  | { id: number; ok: false; code: string; message: string };

/**
 * Copies are never written over an existing file: `stem.xlsx`, else `stem (2).xlsx`, `stem (3).xlsx`,
 * … (`.xlsm` for a macro-enabled workbook: a copy is the same kind of file as its input).
 */
export const MAX_COPY_SUFFIX = 999;

async function writeCopyExclusively(dir: string, stem: string, extension: string, chunks: readonly Uint8Array[]): Promise<string> {
  for (let n = 1; n <= MAX_COPY_SUFFIX; n += 1) {
    const file = path.join(dir, n === 1 ? `${stem}.${extension}` : `${stem} (${n}).${extension}`);
    try {
      await writeFileAtomically(file, chunks, { exclusive: true });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw Object.assign(new Error(`${stem}.${extension} … (${MAX_COPY_SUFFIX}) all exist`), { code: "EEXIST" });
}

export async function processSubmission(job: SubmissionJob): Promise<SubmissionOutcome> {
  let data: Uint8Array;
  let facts: SubmissionFacts;
  let result;
  try {
    data = await readWorkbookFile(job.file);
    const { readWorkbookSnapshot } = await import("../workbook/xlsx/read");
    const { nodeInflateRaw } = await import("../workbook/xlsx/readFile");
    const snapshot = await readWorkbookSnapshot(data, { inflateRaw: nodeInflateRaw });
    const { readWaiversFromXlsx } = await import("../workbook/xlsx/waivers");
    ({ result, facts } = checkSubmission(job.display, snapshot, { rulePack: job.rulePack, waivers: readWaiversFromXlsx(data) }));
  } catch (error) {
    return { id: job.id, ok: false, code: isWorkbookError(error) ? error.code : "corrupt", message: oneLine(describeFailure(error, job.language, job.file)) };
  }
  if (job.annotate === null) return { id: job.id, ok: true, facts, annotated: null, annotateFailure: null };
  try {
    const { writeAnnotatedCopy } = await import("../workbook/xlsx/annotate");
    const copy = await writeAnnotatedCopy(data, result, { language: job.language, summary: false, fileName: path.basename(job.file) });
    const written = await writeCopyExclusively(job.annotate.dir, job.annotate.stem, copy.extension, copy.chunks);
    return { id: job.id, ok: true, facts, annotated: written, annotateFailure: null };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "";
    return { id: job.id, ok: true, facts, annotated: null, annotateFailure: oneLine(reason && !isWorkbookError(error) ? (systemErrorText(reason, job.language) ?? reason) : describeFailure(error, job.language)) };
  }
}
