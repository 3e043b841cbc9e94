/**
 * Waivers as a custom XML part, so they travel with the workbook:
 *
 *   <waivers xmlns="urn:alliance-check:waivers:v1">[{"fingerprint":…,"ruleId":…,"reason":…}]</waivers>
 *
 * The element holds the JSON list as text. Pure functions (no Office.js), so an .xlsx reader
 * can share the format.
 */
import { z } from "zod";
import type { Waiver } from "../engine/types";
import { WorkbookError } from "./gateway";
import { decodeXmlText } from "./xmlText";

export const WAIVER_NAMESPACE = "urn:alliance-check:waivers:v1";

const waiverSchema = z.object({
  fingerprint: z.string().min(1),
  ruleId: z.string(),
  reason: z.string(),
  by: z.string().optional(),
  at: z.string().optional(),
});

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Character data of the part, CDATA sections included, decoded. */
function unescapeText(text: string): string {
  return decodeXmlText(text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data: string) => escapeText(data)));
}

/** Keeps only the fields of the Waiver type, in a stable order. */
function plainWaiver(waiver: Waiver): Waiver {
  const { fingerprint, ruleId, reason, by, at } = waiver;
  return { fingerprint, ruleId, reason, ...(by !== undefined ? { by } : {}), ...(at !== undefined ? { at } : {}) };
}

export function waiversToJson(waivers: readonly Waiver[]): string {
  return JSON.stringify(waivers.map(plainWaiver));
}

export function waiversToXml(waivers: readonly Waiver[]): string {
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
    throw new WorkbookError("corrupt", "The stored waivers are not valid JSON");
  }
  if (!Array.isArray(data)) throw new WorkbookError("corrupt", "The stored waivers are not a list");
  return data.flatMap((entry: unknown) => {
    const parsed = waiverSchema.safeParse(entry);
    return parsed.success ? [plainWaiver(parsed.data)] : [];
  });
}

/** Tolerates an XML declaration, a namespace prefix and CDATA, which Excel or other tools may add. */
export function waiversFromXml(xml: string): Waiver[] {
  const body = xml.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>)?\s*/, "");
  if (/^<(?:[\w.-]+:)?waivers\b[^>]*\/>\s*$/.test(body)) return [];
  const match = /^<((?:[\w.-]+:)?waivers)\b[^>]*>([\s\S]*)<\/\1>\s*$/.exec(body);
  if (!match) throw new WorkbookError("corrupt", "The waiver part is not a <waivers> element");
  const text = unescapeText(match[2]!).trim();
  return text === "" ? [] : waiversFromJson(text);
}

/** Later lists win for the same fingerprint. */
export function mergeWaivers(lists: ReadonlyArray<readonly Waiver[]>): Waiver[] {
  const byFingerprint = new Map<string, Waiver>();
  for (const list of lists) for (const waiver of list) byFingerprint.set(waiver.fingerprint, waiver);
  return [...byFingerprint.values()];
}
