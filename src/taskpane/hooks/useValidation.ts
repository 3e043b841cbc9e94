import { useCallback, useMemo, useRef, useState } from "react";
import { createFormatter } from "../../engine/format";
import type { Language, ValidationResult, Waiver, WorkbookSnapshot } from "../../engine/types";
import { createValidator } from "../../engine/validate";
import { type CellFlag, type FlagReport, flagsFromFindings, type ProgressListener } from "../../workbook/gateway";
import { applyWaivers } from "../findings";
import { useGateway } from "../host";
import { type AsyncTask, useAsyncTask } from "./useAsyncTask";

export interface ValidateRequest {
  /** Show flags in the workbook once validated. */
  flag: boolean;
  language: Language;
}

export interface Validated {
  result: ValidationResult;
  /** What showing the flags did, when they were shown. */
  flags: FlagReport | null;
}

export interface Validation {
  task: AsyncTask<[ValidateRequest], Validated>;
  result: ValidationResult | null;
  /** Every waiver stored in the workbook (also those whose finding is gone). */
  waivers: readonly Waiver[];
  /** The names of the sheets the last check read. */
  sheetNames: ReadonlySet<string>;
  /** Reads, validates and returns flags without touching the pane's task state (live validation). */
  revalidate: (language: Language) => Promise<CellFlag[]>;
  /** Stores the waivers in the workbook and marks the findings; returns the updated result. */
  saveWaivers: (waivers: Waiver[]) => Promise<ValidationResult | null>;
  /** The snapshot the last check read (quick fixes are computed from it). */
  snapshot: WorkbookSnapshot | null;
}

/** Lets the browser paint the progress indicator before the engine's synchronous work. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function flagsFor(result: ValidationResult, language: Language): CellFlag[] {
  const format = createFormatter(result);
  return flagsFromFindings(result.findings, (finding) => format(finding, language));
}

export function useValidation(): Validation {
  const gateway = useGateway();
  const [result, setResult] = useState<ValidationResult | null>(null);
  const [waivers, setWaivers] = useState<readonly Waiver[]>([]);
  const [sheetNames, setSheetNames] = useState<ReadonlySet<string>>(() => new Set());
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  // Remembers parsed rows between runs, so live validation re-reads only what changed.
  const validator = useMemo(() => createValidator(), []);
  const resultRef = useRef<ValidationResult | null>(null);

  const check = useCallback(
    async (report: ProgressListener | undefined) => {
      report?.({ stage: "read", fraction: 0 });
      // The snapshot and the waivers in the same round trips (and, in Excel, the grid the flags need next).
      const { snapshot, waivers: stored } = await gateway.readWorkbook(report);
      report?.({ stage: "check", fraction: 0 });
      await nextFrame();
      const validated = validator(snapshot, { waivers: stored });
      resultRef.current = validated;
      setSheetNames(new Set(snapshot.sheets.map((sheet) => sheet.name)));
      setSnapshot(snapshot);
      setWaivers(stored);
      setResult(validated);
      return validated;
    },
    [gateway, validator],
  );

  const task = useAsyncTask(async (report, request: ValidateRequest): Promise<Validated> => {
    const validated = await check(report);
    let flags: FlagReport | null = null;
    if (request.flag) {
      report({ stage: "flags", fraction: 0 });
      flags = await gateway.showFlags(flagsFor(validated, request.language), report);
    }
    return { result: validated, flags };
  });

  const revalidate = useCallback(async (language: Language) => flagsFor(await check(undefined), language), [check]);

  const saveWaivers = useCallback(
    async (next: Waiver[]) => {
      await gateway.writeWaivers(next);
      setWaivers(next);
      const current = resultRef.current;
      if (!current) return null;
      const byFingerprint = new Map(next.map((waiver) => [waiver.fingerprint, waiver] as const));
      const updated = { ...current, findings: applyWaivers(current.findings, byFingerprint) };
      resultRef.current = updated;
      setResult(updated);
      return updated;
    },
    [gateway],
  );

  return { task, result, waivers, sheetNames, revalidate, saveWaivers, snapshot };
}
