/** Range, RangeAreas and a range's format, borders and data validation. */
import { type CellRect, formatAddress, formatRect, MAX_COLUMNS, MAX_ROWS, parseArea } from "../address";
import { HostError } from "../errors";
import type { ExecutionContext, Handle, TypeSpec } from "../spec";
import type { BorderEdge, ModelCellFormat, ModelSheet, ModelValue } from "../workbook";
import { assertEditable, cellCount, isUnbounded, liveSheet } from "./common";

export interface RangeHandle extends Handle {
  type: "Range";
  sheet: ModelSheet;
  rect: CellRect;
}
export interface RangeAreasHandle extends Handle {
  type: "RangeAreas";
  sheet: ModelSheet;
  rects: CellRect[];
}
interface RangePartHandle<T extends string> extends Handle {
  type: T;
  range: RangeHandle;
}
interface BorderHandle extends RangePartHandle<"RangeBorder"> {
  edge: BorderEdge;
}

function outputValue(value: ModelValue): string | number | boolean {
  if (value === null) return "";
  if (typeof value === "object") return value.error;
  return value;
}

function valueType(value: ModelValue): string {
  if (value === null) return "Empty";
  if (typeof value === "object") return "Error";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return "String";
}

/** Cell-level grids of a bounded range, built row by row. */
function grid<V>(h: RangeHandle, cell: (row: number, column: number) => V): V[][] {
  const rows: V[][] = [];
  for (let row = h.rect.top; row <= h.rect.bottom; row += 1) {
    const line: V[] = [];
    for (let column = h.rect.left; column <= h.rect.right; column += 1) line.push(cell(row, column));
    rows.push(line);
  }
  return rows;
}

/**
 * A 2-D input of the range's size, or one value for every cell ("If the value is a single value,
 * it is applied to all cells", Range.values). Excel refuses other shapes: "The number of rows or
 * columns in the input array doesn't match the size or dimensions of the range."
 */
function eachInput(
  h: RangeHandle,
  input: unknown,
  name: string,
  visit: (row: number, column: number, value: unknown) => void
): void {
  const height = h.rect.bottom - h.rect.top + 1;
  const width = h.rect.right - h.rect.left + 1;
  if (!Array.isArray(input)) {
    for (let row = h.rect.top; row <= h.rect.bottom; row += 1) {
      for (let column = h.rect.left; column <= h.rect.right; column += 1) visit(row, column, input);
    }
    return;
  }
  const rows = input as unknown[];
  if (rows.length !== height || rows.some((row) => !Array.isArray(row) || row.length !== width)) {
    throw new HostError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${name}: ${height}×${width}).`
    );
  }
  (rows as unknown[][]).forEach((row, r) => row.forEach((value, c) => visit(h.rect.top + r, h.rect.left + c, value)));
}

/** "You cannot set cell-level properties such as values, numberFormat, and formula on an unbounded range." */
function refuseUnbounded(h: RangeHandle, name: string): void {
  if (isUnbounded(h.rect)) {
    throw new HostError(
      "InvalidArgument",
      `Cannot set ${name} on the unbounded range ${formatAddress(h.sheet.name, h.rect)}: the input request is too large.`
    );
  }
}

function isWholeColumns(rect: CellRect): boolean {
  return rect.top === 1 && rect.bottom === MAX_ROWS;
}

function setFormatProperty(h: RangeHandle, context: ExecutionContext, update: (format: ModelCellFormat) => void): void {
  const sheet = liveSheet(context, h.sheet);
  assertEditable(sheet, "format");
  if (isUnbounded(h.rect))
    throw new HostError("NotImplemented", "The in-memory Excel keeps cell formats of bounded ranges only");
  context.workbook.forEachCell(h.rect, (row, column) => context.workbook.updateFormat(sheet, row, column, update));
  context.wrote();
}

/** The property's value when every cell agrees, else null (as Excel reports mixed formats). */
function uniform<V>(h: RangeHandle, context: ExecutionContext, read: (format: ModelCellFormat) => V): V | null {
  let first: V | undefined;
  let same = true;
  context.workbook.forEachCell(h.rect, (row, column) => {
    const value = read(context.workbook.formatAt(h.sheet, row, column));
    if (first === undefined) first = value;
    else if (first !== value) same = false;
  });
  return same ? (first ?? null) : null;
}

function writeValues(h: RangeHandle, input: unknown, context: ExecutionContext, asFormulas: boolean): void {
  const sheet = liveSheet(context, h.sheet);
  refuseUnbounded(h, asFormulas ? "formulas" : "values");
  assertEditable(sheet, "cells");
  const { workbook } = context;
  eachInput(h, input, asFormulas ? "formulas" : "values", (row, column, value) => {
    // A null in the input leaves that cell as it is.
    if (value === null || value === undefined) return;
    if (typeof value === "string") {
      if (asFormulas && value.startsWith("=") && value.length > 1) {
        const cell = workbook.ensureCell(sheet, row, column);
        cell.formula = value;
        cell.value = null;
      } else workbook.enterText(sheet, row, column, value);
    } else if (typeof value === "number" || typeof value === "boolean") workbook.writeValue(sheet, row, column, value);
    else throw new HostError("InvalidArgument", `Unsupported cell value ${JSON.stringify(value)}`);
  });
  context.dataChanged(sheet, h.rect);
  context.wrote();
}

export const rangeTypes: Record<string, TypeSpec> = {
  Range: {
    scalars: {
      address: { get: (h) => formatAddress(h.sheet.name, h.rect) },
      addressLocal: { get: (h) => formatAddress(h.sheet.name, h.rect) },
      rowCount: { get: (h) => h.rect.bottom - h.rect.top + 1 },
      columnCount: { get: (h) => h.rect.right - h.rect.left + 1 },
      cellCount: { get: (h) => cellCount(h.rect) },
      rowIndex: { get: (h) => h.rect.top - 1 },
      columnIndex: { get: (h) => h.rect.left - 1 },
      isEntireColumn: { since: 7, get: (h) => isWholeColumns(h.rect) },
      isEntireRow: { since: 7, get: (h) => h.rect.left === 1 && h.rect.right === MAX_COLUMNS },
      values: {
        cellLevel: true,
        get: (h, context) =>
          grid(h, (row, column) => outputValue(context.workbook.cellAt(h.sheet, row, column)?.value ?? null)),
        set: (h, value, context) => writeValues(h, value, context, false),
      },
      valueTypes: {
        cellLevel: true,
        get: (h, context) =>
          grid(h, (row, column) => valueType(context.workbook.cellAt(h.sheet, row, column)?.value ?? null)),
      },
      text: {
        cellLevel: true,
        get: (h, context) =>
          grid(h, (row, column) => String(outputValue(context.workbook.cellAt(h.sheet, row, column)?.value ?? null))),
      },
      formulas: {
        cellLevel: true,
        get: (h, context) =>
          grid(h, (row, column) => {
            const cell = context.workbook.cellAt(h.sheet, row, column);
            return cell?.formula ?? outputValue(cell?.value ?? null);
          }),
        set: (h, value, context) => writeValues(h, value, context, true),
      },
      numberFormat: {
        cellLevel: true,
        get: (h, context) => grid(h, (row, column) => context.workbook.numberFormatAt(h.sheet, row, column)),
        set: (h, value, context) => {
          const sheet = liveSheet(context, h.sheet);
          refuseUnbounded(h, "numberFormat");
          assertEditable(sheet, "format");
          eachInput(h, value, "numberFormat", (row, column, format) => {
            if (format === null || format === undefined) return;
            context.workbook.ensureCell(sheet, row, column).numberFormat = String(format);
          });
          context.wrote();
        },
      },
      hyperlink: {
        since: 7,
        get: (h, context) => context.workbook.cellAt(h.sheet, h.rect.top, h.rect.left)?.hyperlink ?? null,
        set: (h, value, context) => {
          const sheet = liveSheet(context, h.sheet);
          assertEditable(sheet, "cells");
          const link = (value ?? {}) as Record<string, unknown>;
          context.workbook.forEachCell(h.rect, (row, column) => {
            const cell = context.workbook.ensureCell(sheet, row, column);
            cell.hyperlink = {};
            for (const key of ["documentReference", "address", "textToDisplay", "screenTip"] as const) {
              if (typeof link[key] === "string") cell.hyperlink[key] = link[key] as string;
            }
            // The display text becomes the cell's value, as typed text.
            if (typeof link.textToDisplay === "string")
              context.workbook.enterText(sheet, row, column, link.textToDisplay);
          });
          context.dataChanged(sheet, h.rect);
          context.wrote();
        },
      },
      columnHidden: {
        since: 2,
        get: (h) => {
          for (let column = h.rect.left; column <= h.rect.right; column += 1) {
            if (!h.sheet.features.hiddenColumns.has(column)) return false;
          }
          return true;
        },
        set: (h, value, context) => {
          const sheet = liveSheet(context, h.sheet);
          assertEditable(sheet, "format");
          for (let column = h.rect.left; column <= h.rect.right; column += 1) {
            if (value === true) sheet.features.hiddenColumns.add(column);
            else sheet.features.hiddenColumns.delete(column);
          }
          context.wrote();
        },
      },
    },
    navigation: {
      format: { get: (h) => ({ type: "RangeFormat", range: h }) },
      conditionalFormats: {
        since: 6,
        get: (h) => ({ type: "ConditionalFormatCollection", sheet: h.sheet, rects: [h.rect] }),
      },
      dataValidation: { since: 8, get: (h) => ({ type: "DataValidation", range: h }) },
      worksheet: { get: (h) => ({ type: "Worksheet", sheet: h.sheet }) },
    },
    methods: {
      Select: {
        call: (h, _args, context) => {
          const sheet = liveSheet(context, h.sheet);
          if (sheet.id !== context.workbook.activeSheetId) {
            throw new HostError("InvalidOperation", "The range cannot be selected: its worksheet is not active.");
          }
          context.workbook.selection = formatAddress(sheet.name, h.rect);
        },
      },
      Merge: {
        since: 2,
        call: (h, _args, context) => {
          const sheet = liveSheet(context, h.sheet);
          assertEditable(sheet, "cells");
          sheet.features.merges.push(formatRect(h.rect));
          context.wrote();
        },
      },
      Clear: {
        call: (h, _args, context) => {
          const sheet = liveSheet(context, h.sheet);
          assertEditable(sheet, "cells");
          if (isUnbounded(h.rect))
            throw new HostError("NotImplemented", "The in-memory Excel clears bounded ranges only");
          context.workbook.forEachCell(h.rect, (row, column) => sheet.cells.delete(`${row}:${column}`));
          context.dataChanged(sheet, h.rect);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<RangeHandle> as TypeSpec,

  RangeAreas: {
    since: 9,
    scalars: {
      address: { get: (h) => h.rects.map((rect) => formatAddress(h.sheet.name, rect)).join(",") },
      areaCount: { get: (h) => h.rects.length },
      cellCount: { get: (h) => h.rects.reduce((sum, rect) => sum + cellCount(rect), 0) },
    },
    navigation: {
      conditionalFormats: {
        get: (h) => ({ type: "ConditionalFormatCollection", sheet: h.sheet, rects: h.rects }),
      },
      worksheet: { get: (h) => ({ type: "Worksheet", sheet: h.sheet }) },
    },
  } satisfies TypeSpec<RangeAreasHandle> as TypeSpec,

  RangeFormat: {
    scalars: {
      columnWidth: {
        since: 2,
        get: (h) => h.range.sheet.features.columnWidths.get(h.range.rect.left) ?? 48,
        set: (h, value, context) => {
          const sheet = liveSheet(context, h.range.sheet);
          assertEditable(sheet, "format");
          for (let column = h.range.rect.left; column <= h.range.rect.right; column += 1) {
            sheet.features.columnWidths.set(column, Number(value));
          }
          context.wrote();
        },
      },
      wrapText: {
        get: (h, context) => uniform(h.range, context, (f) => f.wrapText ?? false),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.wrapText = value === true)),
      },
      horizontalAlignment: {
        get: (h, context) => uniform(h.range, context, (f) => f.horizontalAlignment ?? "General"),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.horizontalAlignment = String(value))),
      },
      verticalAlignment: {
        get: (h, context) => uniform(h.range, context, (f) => f.verticalAlignment ?? "Bottom"),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.verticalAlignment = String(value))),
      },
    },
    navigation: {
      fill: { get: (h) => ({ type: "RangeFill", range: h.range }) },
      font: { get: (h) => ({ type: "RangeFont", range: h.range }) },
      borders: { get: (h) => ({ type: "RangeBorderCollection", range: h.range }) },
    },
  } satisfies TypeSpec<RangePartHandle<"RangeFormat">> as TypeSpec,

  RangeFill: {
    scalars: {
      color: {
        get: (h, context) => uniform(h.range, context, (f) => f.fill ?? "#FFFFFF"),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.fill = String(value))),
      },
    },
  } satisfies TypeSpec<RangePartHandle<"RangeFill">> as TypeSpec,

  RangeFont: {
    scalars: {
      bold: {
        get: (h, context) => uniform(h.range, context, (f) => f.bold),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.bold = value === true)),
      },
      italic: {
        get: (h, context) => uniform(h.range, context, (f) => f.italic ?? false),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.italic = value === true)),
      },
      underline: {
        get: (h, context) => uniform(h.range, context, (f) => f.underline ?? "None"),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.underline = String(value))),
      },
      strikethrough: {
        get: (h, context) => uniform(h.range, context, (f) => f.strikethrough ?? false),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.strikethrough = value === true)),
      },
      size: {
        get: (h, context) => uniform(h.range, context, (f) => f.size ?? 11),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.size = Number(value))),
      },
      color: {
        get: (h, context) => uniform(h.range, context, (f) => f.fontColor),
        set: (h, value, context) => setFormatProperty(h.range, context, (f) => (f.fontColor = String(value))),
      },
    },
  } satisfies TypeSpec<RangePartHandle<"RangeFont">> as TypeSpec,

  RangeBorderCollection: {
    indexer: (h, args): BorderHandle => {
      const edge = String(args[0]) as BorderEdge;
      if (!["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"].includes(edge)) {
        throw new HostError("NotImplemented", `The in-memory Excel does not model the border ${edge}`);
      }
      return { type: "RangeBorder", range: (h as RangePartHandle<"RangeBorderCollection">).range, edge };
    },
  },

  RangeBorder: {
    scalars: {
      style: {
        get: (h, context) => uniform(h.range, context, (f) => f.borders[h.edge]?.style ?? "None"),
        set: (h, value, context) =>
          setFormatProperty(h.range, context, (f) => {
            f.borders[h.edge] = { color: f.borders[h.edge]?.color ?? "#000000", style: String(value) };
          }),
      },
      color: {
        get: (h, context) => uniform(h.range, context, (f) => f.borders[h.edge]?.color ?? "#000000"),
        set: (h, value, context) =>
          setFormatProperty(h.range, context, (f) => {
            f.borders[h.edge] = { style: f.borders[h.edge]?.style ?? "Continuous", color: String(value) };
          }),
      },
    },
  } satisfies TypeSpec<BorderHandle> as TypeSpec,

  DataValidation: {
    since: 8,
    scalars: {
      rule: {
        get: (h) => {
          const found = h.range.sheet.features.validations.find((v) => v.address === formatRect(h.range.rect));
          return found ? { list: { inCellDropDown: true, source: found.source } } : {};
        },
        set: (h, value, context) => {
          const sheet = liveSheet(context, h.range.sheet);
          assertEditable(sheet, "cells");
          const list = (value as { list?: { source?: unknown } } | null)?.list;
          if (!list || typeof list.source !== "string") {
            throw new HostError("NotImplemented", "The in-memory Excel models list validations only");
          }
          const source = list.source;
          if (source.startsWith("=")) checkListSource(source.slice(1), context);
          const validations = sheet.features.validations;
          const address = formatRect(h.range.rect);
          const existing = validations.find((v) => v.address === address);
          if (existing) existing.source = source;
          else validations.push({ address, rect: h.range.rect, source });
          context.wrote();
        },
      },
      errorAlert: {
        get: () => null,
        set: (h, value) => {
          const found = h.range.sheet.features.validations.find((v) => v.address === formatRect(h.range.rect));
          const alert = value as { title?: string; message?: string };
          if (found) Object.assign(found, { errorTitle: alert.title, errorMessage: alert.message });
        },
      },
      prompt: {
        get: () => null,
        set: (h, value) => {
          const found = h.range.sheet.features.validations.find((v) => v.address === formatRect(h.range.rect));
          if (found) found.promptTitle = (value as { title?: string }).title;
        },
      },
    },
    methods: {
      Clear: {
        call: (h, _args, context) => {
          const validations = h.range.sheet.features.validations;
          const index = validations.findIndex((v) => v.address === formatRect(h.range.rect));
          if (index >= 0) validations.splice(index, 1);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<RangePartHandle<"DataValidation">> as TypeSpec,
};

/**
 * A list validation's source formula must evaluate to a range: a defined name that exists (at
 * the time the rule is set) or a reference. Excel refuses anything else, as its dialog does
 * ("The source currently evaluates to an error").
 */
function checkListSource(formula: string, context: ExecutionContext): void {
  const { workbook } = context;
  const named = workbook.names.find((name) => name.name.toLowerCase() === formula.toLowerCase());
  if (named) {
    if (named.formula.includes("#REF!")) throw new HostError("InvalidArgument", `The name ${formula} refers to #REF!`);
    return;
  }
  try {
    const area = parseArea(formula);
    if (area.sheet !== null && !workbook.findSheet(area.sheet)) throw new Error("no sheet");
  } catch {
    throw new HostError("InvalidArgument", `The list source =${formula} currently evaluates to an error.`);
  }
}
