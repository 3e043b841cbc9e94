/**
 * Waivers in the open workbook: a custom XML part in our namespace [ExcelApi 1.5; every host
 * at the manifest's ExcelApi 1.9 floor has it], so they travel with the file (to the command
 * line too). Reading is split into two phases so that it can share syncs with the workbook read.
 */
import type { Waiver } from "../../engine/types";
import { WorkbookError } from "../gateway";
import { mergeWaivers, WAIVER_NAMESPACE, waiversFromXml, waiversToXml } from "../waiverXml";
import { ACTION_OVERHEAD_BYTES, reasonOf, utf8Bytes, withOutcome, type WriteProgress } from "./session";

export class WaiverReader {
  private parts: Excel.CustomXmlPartScopedCollection | undefined;
  private texts: OfficeExtension.ClientResult<string>[] = [];

  constructor(private readonly context: Excel.RequestContext) {}

  queuePhase1(): void {
    this.parts = this.context.workbook.customXmlParts.getByNamespace(WAIVER_NAMESPACE).load("items/id");
  }

  queuePhase2(): void {
    this.texts = this.parts!.items.map((part) => part.getXml());
  }

  /** After phase 2's sync; several parts (copied workbooks) are merged. */
  result(): Waiver[] {
    return mergeWaivers(this.texts.map((xml) => waiversFromXml(xml.value)));
  }
}

export async function readWaivers(context: Excel.RequestContext): Promise<Waiver[]> {
  const reader = new WaiverReader(context);
  reader.queuePhase1();
  await context.sync();
  reader.queuePhase2();
  await context.sync();
  return reader.result();
}

/**
 * Replaces the stored waivers: the new list goes first, as one action, so a failure after it
 * leaves the list saved; duplicates of our part go after.
 */
export async function writeWaivers(
  context: Excel.RequestContext,
  waivers: readonly Waiver[],
  options: { budget: number; progress: WriteProgress }
): Promise<void> {
  const payload = waiversToXml([...waivers]);
  if (utf8Bytes(payload) + ACTION_OVERHEAD_BYTES > options.budget) {
    throw new WorkbookError("too-large", `${waivers.length} exception notes do not fit in one request`);
  }
  const { customXmlParts } = context.workbook;
  const stored = customXmlParts.getByNamespace(WAIVER_NAMESPACE).load("items/id");
  await context.sync();
  const [first, ...duplicates] = stored.items;
  if (first) first.setXml(payload);
  else customXmlParts.add(payload);
  for (const duplicate of duplicates) duplicate.delete();
  options.progress.writeSyncs += 1;
  await context.sync();
}

function waiverKey(waiver: Waiver): string {
  return JSON.stringify([waiver.fingerprint, waiver.ruleId, waiver.reason, waiver.by ?? null, waiver.at ?? null]);
}

function countSaved(stored: readonly Waiver[], wanted: readonly Waiver[]): number {
  const keys = new Set(stored.map(waiverKey));
  return wanted.filter((waiver) => keys.has(waiverKey(waiver))).length;
}

export function sameWaivers(stored: readonly Waiver[], wanted: readonly Waiver[]): boolean {
  return stored.length === wanted.length && countSaved(stored, wanted) === wanted.length;
}

/** The error of a failed save, saying what the workbook holds now (read back after the failure). */
export function waiverSaveOutcome(
  error: unknown,
  wanted: readonly Waiver[],
  stored: Waiver[] | null,
  readFailure: unknown
): unknown {
  if (stored === null) {
    return withOutcome(
      error,
      `The exception notes may be partly saved; reading them back failed too (${reasonOf(readFailure)}). Save them again.`
    );
  }
  const saved = countSaved(stored, wanted);
  return withOutcome(
    error,
    `The workbook now holds ${stored.length} exception note(s): ${saved} of the ${wanted.length} being saved, ${stored.length - saved} other(s). Save them again.`
  );
}
