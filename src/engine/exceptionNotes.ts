/**
 * Who may write an exception note (例外說明) on a finding. Warnings and info may be explained by
 * anyone; an error only in the roles the rule pack names, and with a reason of real length, so a
 * PI cannot make an error stop counting with "ok". Pure: the pane and the tests call it alike.
 */
import type { RulePack } from "../rules/schema";
import type { Finding, Role, Waiver } from "./types";

export type ExceptionNoteRefusal =
  /** An error, and the role is not one that may explain errors. */
  | "role"
  /** An error, and the reason is shorter than the pack's minimum. */
  | "too-short"
  /** No reason at all. */
  | "empty"
  /** No person's name. */
  | "no-name";

export interface ExceptionNoteRequest {
  finding: Pick<Finding, "severity">;
  role: Role;
  reason: string;
  name: string;
}

/** Null when the note may be written, else why not. */
export function exceptionNoteRefusal(pack: Pick<RulePack, "exceptionNotes">, request: ExceptionNoteRequest): ExceptionNoteRefusal | null {
  const reason = request.reason.trim();
  if (request.name.trim() === "") return "no-name";
  if (reason === "") return "empty";
  if (request.finding.severity !== "error") return null;
  if (!pack.exceptionNotes.errorRoles.includes(request.role)) return "role";
  if ([...reason].length < pack.exceptionNotes.minReasonLength) return "too-short";
  return null;
}

/** Whether a role may explain errors at all (the pane hides the form for errors otherwise). */
export function mayExplainErrors(pack: Pick<RulePack, "exceptionNotes">, role: Role): boolean {
  return pack.exceptionNotes.errorRoles.includes(role);
}

/** The local time in Taiwan (UTC+8, no daylight saving) as ISO 8601 with its offset. */
export function taipeiTimestamp(now: Date): string {
  const local = new Date(now.getTime() + 8 * 60 * 60 * 1000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** A waived error: it still counts in a strict check, and reports list it apart. */
export function isWaivedError(finding: Pick<Finding, "severity" | "waiver">): finding is Finding & { waiver: Waiver } {
  return finding.severity === "error" && finding.waiver !== undefined;
}
