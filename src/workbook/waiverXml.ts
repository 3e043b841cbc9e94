/**
 * Waivers as a custom XML part, so they travel with the workbook:
 *
 *   <waivers xmlns="urn:alliance-check:waivers:v1">[{"fingerprint":…,"ruleId":…,"reason":…}]</waivers>
 *
 * The element holds the JSON list as text. Pure functions (no Office.js), so an .xlsx reader
 * can share the format; the part is read with the writers' XML scanner (xlsx/xmlEdit.ts), never
 * with a regular expression.
 */
import { z } from "zod";
import type { Waiver } from "../engine/types";
import { WorkbookError } from "./gateway";
import { scanXml, textContent, XmlEditError, type XmlTag } from "./xlsx/xmlEdit";

export const WAIVER_NAMESPACE = "urn:alliance-check:waivers:v1";

const waiverSchema = z.object({
  fingerprint: z.string().min(1),
  ruleId: z.string(),
  reason: z.string(),
  by: z.string().optional(),
  role: z.enum(["pi", "finance", "reviewer"]).optional(),
  at: z.string().optional(),
  severity: z.enum(["error", "warning", "info"]).optional(),
});

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Keeps only the fields of the Waiver type, in a stable order. */
function plainWaiver(waiver: Waiver): Waiver {
  const { fingerprint, ruleId, reason, by, role, at, severity } = waiver;
  return {
    fingerprint,
    ruleId,
    reason,
    ...(by !== undefined ? { by } : {}),
    ...(role !== undefined ? { role } : {}),
    ...(at !== undefined ? { at } : {}),
    ...(severity !== undefined ? { severity } : {}),
  };
}

export function waiversToJson(waivers: readonly Waiver[]): string {
  return JSON.stringify(waivers.map(plainWaiver));
}

export function waiversToXml(waivers: readonly Waiver[]): string {
  // glossary: format (the stored part's element name)
  return `<?xml version="1.0" encoding="UTF-8"?><waivers xmlns="${WAIVER_NAMESPACE}">${escapeText(waiversToJson(waivers))}</waivers>`;
}

/**
 * Reads the JSON list. Entries that are not waivers (edited by hand, a newer version) are
 * dropped; text that is not a JSON list at all is a corrupt part.
 */
export function waiversFromJson(json: string): Waiver[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new WorkbookError("corrupt", "The stored exception notes are not valid JSON");
  }
  if (!Array.isArray(data)) throw new WorkbookError("corrupt", "The stored exception notes are not a list");
  return data.flatMap((entry: unknown) => {
    const parsed = waiverSchema.safeParse(entry);
    return parsed.success ? [plainWaiver(parsed.data)] : [];
  });
}

/**
 * Whether a custom XML part is a waiver part: its document element is `waivers` in our
 * namespace (any prefix). Only the start of the part is scanned; a part that is not XML this
 * product can read (a DTD, unterminated markup) is not one.
 */
export function isWaiverPart(xml: string): boolean {
  let root: XmlTag | undefined;
  try {
    scanXml(xml, "custom XML part", (tag) => {
      root = tag;
      throw STOP_SCAN;
    });
  } catch (error) {
    if (error !== STOP_SCAN) return false;
  }
  return root !== undefined && root.local === "waivers" && root.ns === WAIVER_NAMESPACE;
}

const STOP_SCAN = new Error("stop");

/**
 * The waivers of a waiver part. The document element must be `waivers` in our namespace (any
 * prefix, an XML declaration and CDATA as other tools may write them) holding only text; a
 * DTD, an element inside it or anything else is a corrupt part.
 */
export function waiversFromXml(xml: string): Waiver[] {
  let root: XmlTag | undefined;
  let close: XmlTag | undefined;
  let nested = false;
  try {
    scanXml(xml, "exception-note part", (tag) => {
      if (tag.depth > 0) nested = true;
      else if (tag.kind === "end") close = tag;
      else root = tag;
    });
  } catch (error) {
    if (error instanceof XmlEditError) throw new WorkbookError("corrupt", `The exception-note part cannot be read: ${error.message}`);
    throw error;
  }
  if (!root || root.local !== "waivers" || root.ns !== WAIVER_NAMESPACE || nested) {
    // glossary: format (names the stored element)
    throw new WorkbookError("corrupt", "The exception-note part is not a <waivers> element holding text");
  }
  const text = close ? textContent(xml, root.end, close.start).trim() : "";
  return text === "" ? [] : waiversFromJson(text);
}

/** Later lists win for the same fingerprint. */
export function mergeWaivers(lists: ReadonlyArray<readonly Waiver[]>): Waiver[] {
  const byFingerprint = new Map<string, Waiver>();
  for (const list of lists) for (const waiver of list) byFingerprint.set(waiver.fingerprint, waiver);
  return [...byFingerprint.values()];
}
