/**
 * What a list of flags looks like on the grid, as plain data: one mark per flagged cell (its
 * style and note text), and the difference between two lists. No Office.js here.
 */
import type { Severity } from "../engine/types";
import type { CellFlag } from "./gateway";
import { normalizeCell } from "./addresses";
import { parseA1 } from "../engine/address";

export type FlagStyle = Severity | "waived";

export const FLAG_STYLES: readonly FlagStyle[] = ["error", "warning", "info", "waived"];

export interface FlagFormat {
  fill: string;
  fontColor: string;
  strikethrough: boolean;
}

/** Fluent UI's status palette: light backgrounds with dark text stay legible in print and on screen. */
export const FLAG_FORMATS: Readonly<Record<FlagStyle, FlagFormat>> = {
  error: { fill: "#FDE7E9", fontColor: "#A4262C", strikethrough: false },
  warning: { fill: "#FFF4CE", fontColor: "#8A5300", strikethrough: false },
  info: { fill: "#DEECF9", fontColor: "#004578", strikethrough: false },
  waived: { fill: "#F3F2F1", fontColor: "#605E5C", strikethrough: true },
};

/**
 * Conditional formats have no name, so ours carry a formula nobody else would write: always TRUE,
 * with the style inside a string literal (Excel keeps string literals as typed).
 */
export function markerFormula(style: FlagStyle): string {
  return `=AND(TRUE,"alliance-check:${style}"<>"")`;
}

export function styleOfFormula(formula: string): FlagStyle | null {
  const match = /"alliance-check:(error|warning|info|waived)"/.exec(formula);
  return match ? (match[1] as FlagStyle) : null;
}

/** First line of every note or comment we write; how we tell ours from a person's. */
export const ANNOTATION_MARKER = "【產學聯盟檢核】";

/** The marker of notes written by earlier versions: still ours when reading or clearing notes. */
export const LEGACY_ANNOTATION_MARKER = "[alliance-check]";

const ANNOTATION_MARKERS = [ANNOTATION_MARKER, LEGACY_ANNOTATION_MARKER];

export function isOurAnnotation(content: string): boolean {
  return annotationIndex(content) >= 0;
}

/** Where our part of a note starts (the first marker, current or earlier), or -1. */
export function annotationIndex(content: string): number {
  let first = -1;
  for (const marker of ANNOTATION_MARKERS) {
    const at = content.indexOf(marker);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

/** Long enough for a cell with many findings; notes beyond this become unwieldy to read. */
const MAX_NOTE_LENGTH = 4000;

export interface CellMark {
  /** Sheet name as the flags spell it. */
  sheet: string;
  /** Normalised A1 address ("B7"). */
  cell: string;
  row: number;
  column: number;
  style: FlagStyle;
  note: string;
}

/** Sheet names are case-insensitive in Excel. */
export function sheetKey(sheet: string): string {
  return sheet.toLowerCase();
}

export function markKey(sheet: string, cell: string): string {
  return `${sheetKey(sheet)}!${cell}`;
}

export function styleKey(sheet: string, style: FlagStyle): string {
  return `${sheetKey(sheet)}|${style}`;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function noteText(flags: readonly CellFlag[]): string {
  const ordered = [...flags].sort(
    (a, b) =>
      Number(a.waived === true) - Number(b.waived === true) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.ruleId.localeCompare(b.ruleId)
  );
  // The messages only: rule IDs are for the findings sheet, a note is read by the person fixing the cell.
  const lines = ordered.map((flag) => `${flag.waived ? "✓" : "•"} ${flag.message}`);
  const text = [ANNOTATION_MARKER, ...lines].join("\n");
  if (text.length <= MAX_NOTE_LENGTH) return text;
  // Never cut an emoji (a surrogate pair) in half: half a pair is not text.
  let end = MAX_NOTE_LENGTH - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * One mark per flagged cell: the most severe unwaived flag decides the colour; a cell whose
 * flags are all waived is grey and struck through. Flags whose cell is not an A1 cell are left out.
 */
export function cellMarks(flags: readonly CellFlag[]): CellMark[] {
  const byCell = new Map<string, { sheet: string; cell: string; flags: CellFlag[] }>();
  for (const flag of flags) {
    const cell = normalizeCell(flag.cell);
    if (cell === null) continue;
    const key = markKey(flag.sheet, cell);
    const entry = byCell.get(key) ?? { sheet: flag.sheet, cell, flags: [] };
    entry.flags.push(flag);
    byCell.set(key, entry);
  }
  const marks: CellMark[] = [];
  for (const { sheet, cell, flags: cellFlags } of byCell.values()) {
    const position = parseA1(cell)!;
    const active = cellFlags.filter((flag) => !flag.waived);
    const style: FlagStyle =
      active.length === 0
        ? "waived"
        : active.reduce(
            (best, flag) => (SEVERITY_RANK[flag.severity] < SEVERITY_RANK[best] ? flag.severity : best),
            "info" as Severity
          );
    marks.push({ sheet, cell, row: position.row, column: position.column, style, note: noteText(cellFlags) });
  }
  return marks;
}

export interface MarkChanges {
  /** styleKey()s whose set of cells differs. */
  styles: Set<string>;
  /** markKey()s whose note text differs (added, removed or changed). */
  cells: Set<string>;
}

export function diffMarks(previous: readonly CellMark[], next: readonly CellMark[]): MarkChanges {
  const before = new Map(previous.map((mark) => [markKey(mark.sheet, mark.cell), mark]));
  const after = new Map(next.map((mark) => [markKey(mark.sheet, mark.cell), mark]));
  const styles = new Set<string>();
  const cells = new Set<string>();
  for (const [key, mark] of before) {
    const now = after.get(key);
    if (!now || now.style !== mark.style) styles.add(styleKey(mark.sheet, mark.style));
    if (!now || now.note !== mark.note) cells.add(key);
  }
  for (const [key, mark] of after) {
    const then = before.get(key);
    if (!then || then.style !== mark.style) styles.add(styleKey(mark.sheet, mark.style));
    if (!then || then.note !== mark.note) cells.add(key);
  }
  return { styles, cells };
}
