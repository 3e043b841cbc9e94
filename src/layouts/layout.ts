/**
 * The sheets the product writes, as plain data: one layout, two writers (ExcelJS for files, Office.js
 * in the add-in). A layout says what goes where and how it looks by semantic style key; the
 * writers decide how to realise it.
 *
 * Formulas are a branded type built only from the atoms below: user text can enter a formula
 * only as an escaped string literal (`fx.str`) or as a quoted sheet name (`fx.ref`), never as
 * formula text. Cell values that are strings are always written as text.
 */
import { sheetReference } from "../engine/address";

declare const formulaBrand: unique symbol;

/** A formula written by this product's own templates (without the leading `=`). */
export interface Formula {
  readonly [formulaBrand]: true;
  readonly text: string;
}

function formulaOf(text: string): Formula {
  return { text } as Formula;
}

const CELL_OR_RANGE = /^\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?$/;
const FUNCTION_NAME = /^[A-Z][A-Z0-9.]*$/;
/** Excel rejects string literals longer than this inside a formula. */
export const MAX_FORMULA_STRING = 255;

export type Operator = "+" | "-" | "*" | "/" | "&" | "=" | "<>" | "<" | "<=" | ">" | ">=";

/** Formula atoms and combinators. */
export const fx = {
  /** A cell or range, on `sheet` (quoted) or on the formula's own sheet when `sheet` is null. */
  ref(sheet: string | null, address: string): Formula {
    if (!CELL_OR_RANGE.test(address)) throw new Error(`not a cell or range address: ${address}`);
    return formulaOf(sheet === null ? address : sheetReference(sheet, address));
  },
  /** A string literal; quotes doubled. */
  str(text: string): Formula {
    if (text.length > MAX_FORMULA_STRING) throw new Error(`string literal longer than ${MAX_FORMULA_STRING} characters`);
    return formulaOf(`"${text.replace(/"/g, '""')}"`);
  },
  num(value: number): Formula {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return formulaOf(String(value));
  },
  bool(value: boolean): Formula {
    return formulaOf(value ? "TRUE" : "FALSE");
  },
  call(name: string, ...args: Formula[]): Formula {
    if (!FUNCTION_NAME.test(name)) throw new Error(`not a function name: ${name}`);
    return formulaOf(`${name}(${args.map((arg) => arg.text).join(",")})`);
  },
  /** `(a op b)`. */
  op(left: Formula, operator: Operator, right: Formula): Formula {
    return formulaOf(`(${left.text}${operator}${right.text})`);
  },
  /** a + b + c …; 0 when empty. */
  sum(terms: Formula[]): Formula {
    if (terms.length === 0) return formulaOf("0");
    if (terms.length === 1) return terms[0]!;
    return formulaOf(`(${terms.map((term) => term.text).join("+")})`);
  },
  /** `--(a)`: TRUE/FALSE as 1/0 (SUMPRODUCT). */
  toNumber(value: Formula): Formula {
    return formulaOf(`--(${value.text})`);
  },
};

/** Semantic style keys; styles.ts says what each looks like. */
export type StyleKey =
  | "title"
  | "subtitle"
  | "note"
  | "section"
  | "header"
  | "label"
  | "input"
  | "severity-error"
  | "severity-warning"
  | "severity-info"
  | "waived"
  | "link"
  | "number"
  | "integer"
  | "percent"
  | "year"
  | "text"
  | "date"
  | "check"
  | "ok"
  | "attention"
  | "wrap"
  | "top"
  | "example"
  | "total";

export type LayoutValue = string | number | boolean | null;

export type CellContent =
  /** Written as a value: a string stays text whatever it starts with. */
  | { kind: "value"; value: LayoutValue }
  /** `result` is the engine's value, cached in the file for programs that do not recalculate. */
  | { kind: "formula"; formula: Formula; result?: LayoutValue }
  /** A link inside the workbook: the cell shows `text` and jumps to `sheet`!`cell`. */
  | { kind: "link"; text: string; sheet: string; cell: string };

export interface LayoutCell {
  /** 1-based. */
  row: number;
  column: number;
  content: CellContent;
  /** Applied in order; later keys override earlier ones. */
  styles?: StyleKey[];
  /** A note (comment) on the cell. */
  note?: string;
}

export interface ColumnLayout {
  /** 1-based. */
  column: number;
  width?: number;
  hidden?: boolean;
  /** Number format or look of the whole column (e.g. text for tax IDs), by style key. */
  styles?: StyleKey[];
}

/** A dropdown: `values` are exactly what it offers. */
export interface ListValidation {
  /** A1 range on the layout's sheet. */
  range: string;
  values: string[];
  /**
   * `inline`: the list is written into the rule (short lists);
   * `name`: the rule refers to a workbook-level defined name that the layouts define.
   */
  source: { kind: "inline" } | { kind: "name"; name: string };
  prompt?: { title: string; text: string };
  error?: { title: string; text: string };
}

export interface TableLayout {
  /** Excel table name: letters, digits, underscores. */
  name: string;
  /** Top-left header cell. */
  ref: string;
  headers: string[];
  /** Data rows (may be empty strings/nulls; at least one row). */
  rows: LayoutValue[][];
  style: string;
}

export interface ChartSeries {
  /** The cell holding the series name, and its text. */
  name: { cell: string; text: string };
  /** A vertical range of values on the layout's sheet, and the values at generation time. */
  values: { range: string; cache: (number | null)[] };
}

export interface ChartLayout {
  type: "clusteredColumn";
  title: string;
  /** Category labels: a range on the layout's sheet and the labels at generation time. */
  categories: { range: string; cache: string[] };
  series: ChartSeries[];
  /** Cells the chart covers: from the top-left cell to the bottom-right cell (1-based). */
  from: { row: number; column: number };
  to: { row: number; column: number };
  axisTitles?: { category?: string; value?: string };
}

/** A workbook-level defined name that refers to a range on the layout's sheet. */
export interface DefinedNameLayout {
  name: string;
  range: string;
  hidden?: boolean;
}

/**
 * How a sheet prints: both writers write it (the .xlsx writer as pageSetup, sheetPr's fitToPage
 * and the _xlnm.Print_Titles / _xlnm.Print_Area names; Office.js as Worksheet.pageLayout).
 */
export interface PrintLayout {
  orientation: "portrait" | "landscape";
  /** Fit to this many pages wide and tall (0: as many as the content needs). Absent: 100% scale. */
  fit?: { width: number; height: number };
  /** Rows repeated at the top of every printed page (1-based, inclusive). */
  titleRows?: { first: number; last: number };
  /** The A1 range printed; absent: the used range. */
  area?: string;
}

/** The kinds of sheet the product creates and may later replace. */
export type GeneratedSheetKind = "findings" | "summary" | "summaryCalc" | "fixLog";

export type TemplateSheetKind = "plan" | "budget" | "members" | "income" | "subsidyHistory" | "instructions" | "lists";

/** The sheets of a round's overview workbook (a new workbook: nothing to mark or replace). */
export type OverviewSheetKind = "overview" | "ruleFrequency" | "yearOverYear" | "overviewChart";

export interface SheetLayout {
  /** Generated sheets are marked so that regenerating replaces them and nothing else. */
  kind: GeneratedSheetKind | TemplateSheetKind | OverviewSheetKind;
  name: string;
  cells: LayoutCell[];
  columns?: ColumnLayout[];
  /** Rows (and columns) kept visible while scrolling. */
  frozen?: { rows: number; columns?: number };
  /** A1 range with filter buttons on its first row. */
  autoFilter?: string;
  validations?: ListValidation[];
  tables?: TableLayout[];
  charts?: ChartLayout[];
  definedNames?: DefinedNameLayout[];
  merges?: string[];
  hidden?: boolean;
  tabColor?: string;
  /** Page setup for printing (A4). */
  print?: PrintLayout;
  /**
   * Row heights in points, by 1-based row, for rows of wrapped text: estimated from the text and
   * the column widths (fittedRowHeights). The file writer writes them (other programs, LibreOffice
   * among them, do not grow rows to fit wrapped text on opening); Excel fits rows itself as the
   * add-in writes values, so the Office.js writer leaves them out.
   */
  rowHeights?: Record<number, number>;
}

export function isGeneratedKind(kind: SheetLayout["kind"]): kind is GeneratedSheetKind {
  return kind === "findings" || kind === "summary" || kind === "summaryCalc" || kind === "fixLog";
}

/** Helpers for builders. */
export function valueCell(row: number, column: number, value: LayoutValue, styles?: StyleKey[], note?: string): LayoutCell {
  return { row, column, content: { kind: "value", value }, ...(styles ? { styles } : {}), ...(note !== undefined ? { note } : {}) };
}

export function formulaCell(row: number, column: number, formula: Formula, result?: LayoutValue, styles?: StyleKey[]): LayoutCell {
  return {
    row,
    column,
    content: { kind: "formula", formula, ...(result !== undefined ? { result } : {}) },
    ...(styles ? { styles } : {}),
  };
}

/** Width of `text` in column-width units: East Asian wide characters count about two. */
export function textUnits(text: string): number {
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    // Capitals and digits are about a unit (the unit is a digit's width); lower case and spaces less.
    units += wide ? 1.6 : (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ? 1 : 0.8;
  }
  return units;
}

/** Points per line of 11-point text (CJK fonts need more than Latin ones). */
export const LINE_HEIGHT = 15;

/**
 * Heights for the rows whose wrapped cells need more than one line, from the text and the column
 * widths (characters); rows of one line keep the default height.
 */
export function fittedRowHeights(cells: readonly LayoutCell[], widths: ReadonlyMap<number, number>, lineHeight = LINE_HEIGHT): Record<number, number> {
  const lines = new Map<number, number>();
  for (const cell of cells) {
    if (!cell.styles?.includes("wrap") || cell.content.kind !== "value" || typeof cell.content.value !== "string") continue;
    // Less a little for the last word, which wraps whole.
    const width = Math.max(1, (widths.get(cell.column) ?? 8.43) - 2);
    const count = cell.content.value
      .split("\n")
      .reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(textUnits(paragraph) / width)), 0);
    lines.set(cell.row, Math.max(lines.get(cell.row) ?? 1, count));
  }
  const heights: Record<number, number> = {};
  for (const [row, count] of lines) if (count > 1) heights[row] = Math.ceil(count * lineHeight + 3);
  return heights;
}
