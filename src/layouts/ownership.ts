/**
 * Which sheets of a workbook this product made, and may therefore replace. Both writers (the
 * annotated copy and the add-in) ask this one function; everything else is the person's and is
 * never removed or overwritten.
 *
 * A sheet is ours only when everything we stamp on it agrees:
 * - a workbook-level defined name `AllianceCheck_Generated_<kind>` (one, not a sheet-level name
 *   of that name, not two) refers to exactly that sheet's `$A$1`;
 * - the sheet is a worksheet, and its name is one this product gives that kind: 檢核結果 /
 *   Findings, 營運摘要 / Summary, 營運摘要計算 / Summary calc, 修正紀錄 / Fix log, in either language, or that name
 *   with " (n)" after it (what we write beside a person's sheet of that name).
 * A marker that imitates ours but points anywhere else — an input sheet, a sheet the person
 * renamed, a range — makes nothing ours; the writer puts its sheet under a free name instead.
 */
import type { Language } from "../engine/types";
import type { GeneratedSheetKind } from "./layout";
import { GENERATED_SHEET_NAMES, kindOfMarker, sameSheetName } from "./names";

export interface SheetFacts {
  name: string;
  /** A worksheet (not a chart sheet, dialog sheet or macro sheet). */
  worksheet: boolean;
}

export interface NameFacts {
  name: string;
  /** null for a workbook-level name; the sheet's name (or "" when unknown) for a sheet-level one. */
  scope: string | null;
  /** What the name refers to, with or without the leading "=". */
  formula: string;
}

export type MarkerProblemReason =
  /** A sheet-level name: we only ever write workbook-level markers. */
  | "scope"
  /** Two workbook-level names of this kind (a damaged or forged file). */
  | "duplicate"
  /** Not exactly one sheet's $A$1 (a range, another cell, #REF!, a formula). */
  | "reference"
  /** A sheet the workbook does not have. */
  | "missing-sheet"
  /** A chart sheet or other non-worksheet. */
  | "not-a-worksheet"
  /** A sheet whose name is not one we give this kind. */
  | "not-our-name";

export interface MarkerProblem {
  kind: GeneratedSheetKind;
  /** The defined name as written. */
  marker: string;
  scope: string | null;
  /** The sheet it points at, when it points at an existing sheet. */
  sheet: string | null;
  reason: MarkerProblemReason;
}

export interface GeneratedSheets {
  /** Our sheets, by kind (the sheet's name as the workbook spells it). */
  marked: Partial<Record<GeneratedSheetKind, string>>;
  /** Markers that do not agree with their sheet: nothing they point at is ours. */
  problems: MarkerProblem[];
}

const KINDS: readonly GeneratedSheetKind[] = ["findings", "summary", "summaryCalc", "fixLog"];

/** The sheet of a reference to exactly one sheet's $A$1 (`'My sheet'!$A$1`, `Sheet1!$A$1`), else null. */
export function sheetOfA1Reference(formula: string): string | null {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  if (!text.endsWith("!$A$1")) return null;
  const sheet = text.slice(0, -"!$A$1".length);
  if (sheet.startsWith("'")) {
    if (sheet.length < 3 || !sheet.endsWith("'")) return null;
    const inner = sheet.slice(1, -1);
    // Inside quotes a quote is doubled; a lone one would end the name early.
    if (inner.replace(/''/g, "").includes("'")) return null;
    return inner.replace(/''/g, "'");
  }
  // Unquoted: a name Excel writes without quotes has none of these.
  return sheet !== "" && !/[\s'![\]:*?/\\(),;&=<>"+^%$#@{}~`|-]/.test(sheet) ? sheet : null;
}

/** Whether `sheet` is a name this product gives a sheet of `kind` (either language, maybe " (n)"). */
export function isOurSheetName(kind: GeneratedSheetKind, sheet: string): boolean {
  return (["zh-TW", "en"] as const).some((language) => {
    const base = GENERATED_SHEET_NAMES[kind][language];
    if (sameSheetName(sheet, base)) return true;
    if (sheet.length <= base.length || !sameSheetName(sheet.slice(0, base.length), base)) return false;
    return /^ \(([2-9]|[1-9]\d+)\)$/.test(sheet.slice(base.length));
  });
}

/**
 * Decides which sheets are ours. Pure: the workbook's sheets (in order) and its defined names,
 * as either writer reads them.
 */
export function generatedSheetsOf(sheets: readonly SheetFacts[], names: readonly NameFacts[]): GeneratedSheets {
  const marked: Partial<Record<GeneratedSheetKind, string>> = {};
  const problems: MarkerProblem[] = [];
  const sheetNamed = (name: string): SheetFacts | undefined =>
    sheets.find((sheet) => sheet.name === name) ?? sheets.find((sheet) => sameSheetName(sheet.name, name));
  for (const kind of KINDS) {
    const markers = names.filter((name) => kindOfMarker(name.name) === kind);
    const workbookLevel = markers.filter((name) => name.scope === null);
    const pointsAt = (name: NameFacts): string | null => {
      const sheet = sheetOfA1Reference(name.formula.trim());
      return sheet === null ? null : (sheetNamed(sheet)?.name ?? null);
    };
    for (const name of markers) {
      if (name.scope !== null) problems.push({ kind, marker: name.name, scope: name.scope, sheet: pointsAt(name), reason: "scope" });
    }
    if (workbookLevel.length > 1) {
      for (const name of workbookLevel) problems.push({ kind, marker: name.name, scope: null, sheet: pointsAt(name), reason: "duplicate" });
      continue;
    }
    const marker = workbookLevel[0];
    if (!marker) continue;
    const reference = sheetOfA1Reference(marker.formula.trim());
    const problem = (reason: MarkerProblemReason, sheet: string | null) => problems.push({ kind, marker: marker.name, scope: null, sheet, reason });
    if (reference === null) {
      problem("reference", null);
      continue;
    }
    const sheet = sheetNamed(reference);
    if (!sheet) problem("missing-sheet", null);
    else if (!sheet.worksheet) problem("not-a-worksheet", sheet.name);
    else if (!isOurSheetName(kind, sheet.name)) problem("not-our-name", sheet.name);
    else marked[kind] = sheet.name;
  }
  return { marked, problems };
}

/**
 * One line for each workbook-level marker of a kind being written that pointed at an existing
 * sheet of the person's: that sheet was left alone and the marker now points at ours.
 */
export function markerNotices(
  problems: readonly MarkerProblem[],
  written: Partial<Record<GeneratedSheetKind, string>>,
  language: Language,
): string[] {
  const notices: string[] = [];
  for (const problem of problems) {
    const ours = written[problem.kind];
    if (problem.scope !== null || problem.sheet === null || ours === undefined) continue;
    notices.push(
      language === "zh-TW"
        ? `名稱「${problem.marker}」指向「${problem.sheet}」，但那不是本工具產生的工作表：「${problem.sheet}」保持原狀，該名稱改指向「${ours}」。`
        : `The name ${problem.marker} pointed at "${problem.sheet}", which is not a sheet this product made: "${problem.sheet}" was left as is, and the name now points at "${ours}".`,
    );
  }
  return notices;
}
