/**
 * The 計畫資訊 / Plan sheet: labels in one column, values in the next. Labels match like headers
 * (Chinese or English, units in brackets ignored); the first occurrence of a label wins.
 */
import { toA1 } from "../address";
import { PLAN_SHEET, PlanFieldDefinition } from "../contract";
import { isEmptyCell, normalizeHeader } from "../normalize";
import { CellValue, SheetSnapshot } from "../types";
import { LocatedCell } from "./tables";

export type PlanFieldKey = PlanFieldDefinition["key"];

export interface PlanSheetCells {
  sheet: SheetSnapshot;
  /** The value cell of each label found (the cell right of the label). */
  fields: Partial<Record<PlanFieldKey, LocatedCell>>;
}

const LABEL_KEYS = (() => {
  const map = new Map<string, PlanFieldKey>();
  for (const field of [...PLAN_SHEET.fields, ...PLAN_SHEET.extraFields] as PlanFieldDefinition[]) {
    for (const name of [field.label["zh-TW"], field.label.en, ...(field.aliases ?? [])]) {
      const key = normalizeHeader(name);
      if (!map.has(key)) map.set(key, field.key);
    }
  }
  return map;
})();

export function readPlanCells(sheet: SheetSnapshot): PlanSheetCells {
  const fields: Partial<Record<PlanFieldKey, LocatedCell>> = {};
  sheet.values.forEach((values, r) => {
    // The label is the first non-empty cell of the row; its value is the next cell.
    const c = values.findIndex((value) => !isEmptyCell(value));
    if (c < 0) return;
    const label = values[c];
    if (typeof label !== "string") return;
    const key = LABEL_KEYS.get(normalizeHeader(label));
    if (key === undefined || fields[key] !== undefined) return;
    const row = sheet.originRow + r;
    const column = sheet.originColumn + c + 1;
    const value: CellValue = values[c + 1] ?? null;
    fields[key] = { value, row, column, address: toA1(row, column) };
  });
  return { sheet, fields };
}
