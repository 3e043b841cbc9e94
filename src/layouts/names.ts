/**
 * Names of the sheets the product writes, and how it marks them: a workbook-level defined name
 * `AllianceCheck_Generated_<kind>` referring to the sheet's A1. Which sheets are ours is decided
 * by ownership.ts (the marker and the sheet's name must agree); a person's own sheet of the same
 * name has no such mark, so it is never replaced.
 */
import { GENERATED_SHEETS } from "../engine/contract";
import type { Bilingual } from "../engine/contract";
import type { Language } from "../engine/types";
import type { GeneratedSheetKind } from "./layout";

export const GENERATED_SHEET_NAMES: Readonly<Record<GeneratedSheetKind, Bilingual>> = {
  findings: GENERATED_SHEETS.findings,
  summary: GENERATED_SHEETS.summary,
  summaryCalc: { "zh-TW": "營運摘要計算", en: "Summary calc" },
  fixLog: { "zh-TW": "修正紀錄", en: "Fix log" },
};

export const MARKER_PREFIX = "AllianceCheck_Generated_";

export function markerName(kind: GeneratedSheetKind): string {
  return `${MARKER_PREFIX}${kind}`;
}

const KINDS: readonly GeneratedSheetKind[] = ["findings", "summary", "summaryCalc", "fixLog"];

/** The kind of a marker name, compared as Excel compares names (without regard to case). */
export function kindOfMarker(name: string): GeneratedSheetKind | null {
  if (name.length <= MARKER_PREFIX.length || name.slice(0, MARKER_PREFIX.length).toLowerCase() !== MARKER_PREFIX.toLowerCase()) return null;
  const rest = name.slice(MARKER_PREFIX.length).toLowerCase();
  return KINDS.find((kind) => kind.toLowerCase() === rest) ?? null;
}

/** Excel compares sheet names without regard to case. */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface SheetNamePlan {
  /** The name each generated sheet gets. */
  names: Record<GeneratedSheetKind, string>;
  /** Existing sheets (ours, marked) to remove before writing the new ones. */
  replace: string[];
  /** One line per generated sheet that could not take its usual name. */
  notices: string[];
}

/**
 * Chooses names for the generated sheets. A sheet of ours (`marked`, from generatedSheetsOf in
 * ownership.ts) is replaced; a person's own sheet with the same name is kept, and ours takes the
 * next free name: 檢核結果 (2), 檢核結果 (3), …
 */
export function planGeneratedSheetNames(
  kinds: readonly GeneratedSheetKind[],
  existing: readonly string[],
  marked: Partial<Record<GeneratedSheetKind, string>>,
  language: Language,
): SheetNamePlan {
  const replace = kinds
    .map((kind) => marked[kind])
    .filter((name): name is string => name !== undefined && existing.some((sheet) => sameSheetName(sheet, name)));
  const taken = existing.filter((sheet) => !replace.some((name) => sameSheetName(name, sheet)));
  const names = {} as Record<GeneratedSheetKind, string>;
  const notices: string[] = [];
  for (const kind of kinds) {
    const wanted = GENERATED_SHEET_NAMES[kind][language];
    let name = wanted;
    for (let n = 2; taken.some((sheet) => sameSheetName(sheet, name)); n += 1) name = `${wanted} (${n})`;
    taken.push(name);
    names[kind] = name;
    if (name !== wanted) {
      notices.push(
        language === "zh-TW"
          ? `活頁簿已有您自己的「${wanted}」工作表，未覆寫；結果寫在「${name}」。`
          : `The workbook already has its own sheet "${wanted}"; it was left as is and the results are in "${name}".`,
      );
    }
  }
  return { names, replace, notices };
}
