/**
 * What each semantic style key looks like. Both writers (ExcelJS, Office.js) map these plain
 * properties onto their own API. Severity colours are the task pane's flag colours, so a flagged
 * cell looks the same in the add-in and in an annotated copy.
 */
import { FLAG_FORMATS } from "../workbook/flagMarks";
import type { StyleKey } from "./layout";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  /** Font size in points. */
  size?: number;
  /** "#RRGGBB". */
  fontColor?: string;
  /** Solid background, "#RRGGBB". */
  fill?: string;
  numberFormat?: string;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** A thin line under the cell. */
  bottomBorder?: string;
}

export const NUMBER_FORMATS = {
  amount: "#,##0",
  integer: "0",
  percent: "0.0%",
  text: "@",
  date: "yyyy-mm-dd",
} as const;

export const STYLES: Readonly<Record<StyleKey, CellStyle>> = {
  title: { bold: true, size: 14 },
  subtitle: { fontColor: "#605E5C" },
  note: { italic: true, fontColor: "#605E5C" },
  section: { bold: true, size: 12, fontColor: "#004578" },
  header: { bold: true, fill: "#DEECF9", vertical: "middle", wrap: true, bottomBorder: "#8A8886" },
  label: { bold: true },
  input: { fill: "#FFFFFF" },
  "severity-error": { fill: FLAG_FORMATS.error.fill, fontColor: FLAG_FORMATS.error.fontColor },
  "severity-warning": { fill: FLAG_FORMATS.warning.fill, fontColor: FLAG_FORMATS.warning.fontColor },
  "severity-info": { fill: FLAG_FORMATS.info.fill, fontColor: FLAG_FORMATS.info.fontColor },
  waived: { fill: FLAG_FORMATS.waived.fill, fontColor: FLAG_FORMATS.waived.fontColor },
  link: { fontColor: "#0563C1", underline: true },
  number: { numberFormat: NUMBER_FORMATS.amount },
  integer: { numberFormat: NUMBER_FORMATS.integer },
  percent: { numberFormat: NUMBER_FORMATS.percent },
  year: { numberFormat: NUMBER_FORMATS.integer, horizontal: "center" },
  text: { numberFormat: NUMBER_FORMATS.text },
  date: { numberFormat: NUMBER_FORMATS.date },
  check: { fontColor: "#8A8886" },
  ok: { fontColor: "#107C10", horizontal: "center" },
  attention: { fontColor: "#A4262C", bold: true },
  wrap: { wrap: true, vertical: "top" },
  top: { vertical: "top" },
  /** The template's example rows: grey, italic. */
  example: { italic: true, fontColor: "#605E5C", fill: "#F3F2F1" },
  /** The template's 小計／合計 rows. */
  total: { bold: true, fill: "#EDEBE9" },
};

/** The merged look of several keys (later keys win). */
export function resolveStyle(keys: readonly StyleKey[] | undefined): CellStyle {
  const style: CellStyle = {};
  for (const key of keys ?? []) Object.assign(style, STYLES[key]);
  return style;
}
