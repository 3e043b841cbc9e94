/** What the preview's grid shows: cell text, the extent of a sheet, flags by cell, the rows to render. */
import { isCellError, type CellValue, type Severity, type SheetSnapshot } from "../../engine/types";
import type { CellFlag } from "../gateway";

export function displayValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (isCellError(value)) return value.error;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

export function valueAt(sheet: SheetSnapshot, row: number, column: number): CellValue | undefined {
  return sheet.values[row - sheet.originRow]?.[column - sheet.originColumn];
}

/** The last used row and column (1-based), counting from A1 so the grid keeps real addresses. */
export function sheetBounds(sheet: SheetSnapshot): { lastRow: number; lastColumn: number } {
  const width = sheet.values.reduce((max, row) => Math.max(max, row.length), 0);
  return {
    lastRow: Math.max(1, sheet.originRow + sheet.values.length - 1),
    lastColumn: Math.max(1, sheet.originColumn + width - 1),
  };
}

/** Several findings on one cell: the worst unwaived severity shows; the messages are listed (as people read them, without rule IDs). */
export interface CellMark {
  severity: Severity;
  waived: boolean;
  messages: string[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Marks by sheet name, then by A1 address. */
export function marksBySheet(flags: readonly CellFlag[]): Map<string, Map<string, CellMark>> {
  const sheets = new Map<string, Map<string, CellMark>>();
  for (const flag of flags) {
    let cells = sheets.get(flag.sheet);
    if (!cells) {
      cells = new Map();
      sheets.set(flag.sheet, cells);
    }
    const waived = flag.waived === true;
    const line = flag.message;
    const mark = cells.get(flag.cell);
    if (!mark) {
      cells.set(flag.cell, { severity: flag.severity, waived, messages: [line] });
      continue;
    }
    mark.messages.push(line);
    // An unwaived finding outranks any waived one.
    if (mark.waived && !waived) {
      mark.severity = flag.severity;
      mark.waived = false;
    } else if (mark.waived === waived && RANK[flag.severity] > RANK[mark.severity]) {
      mark.severity = flag.severity;
    }
  }
  return sheets;
}

/** Rows to render: the first `cap`, or a window of `cap` rows around the focused row. */
export function rowWindow(lastRow: number, focusRow: number | null, cap: number): { first: number; last: number } {
  if (lastRow <= cap) return { first: 1, last: lastRow };
  if (focusRow === null || focusRow <= cap) return { first: 1, last: cap };
  const first = Math.max(1, Math.min(lastRow - cap + 1, focusRow - Math.floor(cap / 2)));
  return { first, last: first + cap - 1 };
}

/** A sheet tab's badge: its findings (one flag per finding; explained ones left out) and the worst severity among them. */
export interface SheetBadge {
  count: number;
  severity: Severity;
}

export function badgesBySheet(flags: readonly CellFlag[]): Map<string, SheetBadge> {
  const badges = new Map<string, SheetBadge>();
  for (const flag of flags) {
    if (flag.waived === true) continue;
    const badge = badges.get(flag.sheet);
    if (!badge) badges.set(flag.sheet, { count: 1, severity: flag.severity });
    else {
      badge.count += 1;
      if (RANK[flag.severity] > RANK[badge.severity]) badge.severity = flag.severity;
    }
  }
  return badges;
}
