/**
 * Worksheet parts in the annotated copy: counting their cells, giving flagged cells a style with
 * the flag's fill (adding an empty cell where a flagged cell has none), adding the element that
 * ties notes to the sheet, and rewriting the sheets we generate for their new package. Every
 * change is made at the positions the scanner reports; the rest of the part is left as written.
 */
import { columnLetters } from "../../engine/address";
import { NAMESPACES } from "./package";
import { attributeValue, editStartTag, elementsOf, findAttribute, openingOf, scanXml, Splicer, XmlEditError, type XmlTag } from "./xmlEdit";

export function isSpreadsheetMl(ns: string): boolean {
  return ns === NAMESPACES.main || ns === NAMESPACES.strictMain;
}

/** Children of worksheet, in the schema's order. */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
] as const;

const MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/** A1 reference → 1-based row and column; null when it is not one. */
function cellPosition(reference: string): { row: number; column: number } | null {
  let column = 0;
  let i = 0;
  for (; i < reference.length && i < 4; i += 1) {
    const code = reference.charCodeAt(i) & ~32;
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  const digits = reference.length - i;
  if (i === 0 || i > 3 || digits < 1 || digits > 7) return null;
  let row = 0;
  for (; i < reference.length; i += 1) {
    const code = reference.charCodeAt(i);
    if (code < 48 || code > 57) return null;
    row = row * 10 + code - 48;
  }
  if (column > 16384 || row < 1 || row > 1048576) return null;
  return { row, column };
}

/** How a worksheet's cells are laid out, found by one scan. */
interface SheetWalk {
  root: XmlTag;
  /** Top-level children: local name (of the first element inside mc:AlternateContent), start. */
  children: { local: string; start: number; tag: XmlTag }[];
  /** The root's end tag. */
  close: XmlTag | null;
}

/** What the copy needs to know of a worksheet before changing anything. */
export interface WorksheetSurvey {
  /** The running count of cells, this sheet's included. */
  cells: number;
  /** The r:id of its legacyDrawing (the VML part of its notes), or null. */
  legacyDrawing: string | null;
}

/**
 * Counts the cells of a worksheet part (its `c` elements in rows of sheetData), stopping with
 * `tooMany()` as soon as the count passes `limit`, and finds its legacyDrawing, in one scan.
 */
export function surveyWorksheet(xml: string, part: string, already: number, limit: number, tooMany: () => Error): WorksheetSurvey {
  let count = already;
  let legacyDrawing: string | null = null;
  let inSheetData = false;
  scanXml(xml, part, (tag) => {
    if (tag.depth === 1) {
      inSheetData = tag.kind === "start" && tag.local === "sheetData" && isSpreadsheetMl(tag.ns);
      if (tag.kind !== "end" && tag.local === "legacyDrawing" && isSpreadsheetMl(tag.ns)) {
        legacyDrawing = attributeValue(tag, "id", NAMESPACES.r) ?? attributeValue(tag, "id", NAMESPACES.strictR) ?? null;
      }
      return;
    }
    if (inSheetData && tag.depth === 3 && tag.kind !== "end" && tag.local === "c" && isSpreadsheetMl(tag.ns)) {
      count += 1;
      if (count > limit) throw tooMany();
    }
  });
  return { cells: count, legacyDrawing };
}

export interface CellStyleEdit {
  row: number;
  column: number;
  /** The new style for the cell, given the one it has (0 for none). */
  style: (current: number) => number;
}

export interface SheetEdits {
  cells: readonly CellStyleEdit[];
  /** The element to add to the sheet (its legacyDrawing), unless it has one, given the sheet's prefix. */
  legacyDrawing?: (prefix: string) => string;
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/**
 * The worksheet with `edits` applied. Throws XmlEditError when the part cannot be edited safely
 * (no sheetData, rows or cells out of order).
 */
export function editWorksheet(xml: string, part: string, edits: SheetEdits): string {
  const splicer = new Splicer();
  const pending = [...edits.cells].sort((a, b) => a.row - b.row || a.column - b.column);
  let next = 0;
  const walk: SheetWalk = { root: undefined as unknown as XmlTag, children: [], close: null };
  const columnStyles: { min: number; max: number; style: number }[] = [];
  let prefix = "";
  let sheetDataSeen = false;
  let inSheetData = false;
  let inCols = false;
  let alternate: { start: number; tag: XmlTag; named: boolean } | null = null;
  let row: { number: number; tag: XmlTag; style: number; lastColumn: number; touched: boolean } | null = null;
  let lastRow = 0;

  const baseStyle = (rowStyle: number, column: number): number => {
    if (rowStyle >= 0) return rowStyle;
    return columnStyles.find((range) => column >= range.min && column <= range.max)?.style ?? 0;
  };
  const newCell = (rowNumber: number, edit: CellStyleEdit, rowStyle: number): string =>
    `<${prefix}c r="${columnLetters(edit.column)}${rowNumber}" s="${edit.style(baseStyle(rowStyle, edit.column))}"/>`;
  /** Rows for the pending edits before row `before` (Infinity: all), as XML. */
  const newRows = (before: number): string => {
    let text = "";
    while (next < pending.length && pending[next]!.row < before) {
      const number = pending[next]!.row;
      let cells = "";
      while (next < pending.length && pending[next]!.row === number) cells += newCell(number, pending[next++]!, -1);
      text += `<${prefix}row r="${number}">${cells}</${prefix}row>`;
    }
    return text;
  };
  /** Cells for the pending edits of the current row before column `before`. */
  const newCells = (before: number): string => {
    let text = "";
    while (row && next < pending.length && pending[next]!.row === row.number && pending[next]!.column < before) {
      text += newCell(row.number, pending[next++]!, row.style);
      row.touched = true;
    }
    return text;
  };
  const closeRow = (at: number, selfClosing: XmlTag | null) => {
    if (!row) return;
    const cells = newCells(Infinity);
    if (cells) {
      if (selfClosing) {
        const open = openingOf(editStartTag(xml, selfClosing, new Map(), ["spans"]));
        splicer.replace(selfClosing.start, selfClosing.end, `${open}${cells}</${selfClosing.qname}>`);
        row = null;
        return;
      }
      splicer.insert(at, cells);
    }
    if (row.touched && findAttribute(row.tag, "spans")) splicer.replace(row.tag.start, row.tag.end, editStartTag(xml, row.tag, new Map(), ["spans"]));
    row = null;
  };

  scanXml(xml, part, (tag) => {
    if (tag.depth === 0) {
      if (tag.kind !== "end") {
        if (tag.local !== "worksheet" || !isSpreadsheetMl(tag.ns)) throw new XmlEditError(`${part}: not a worksheet`);
        walk.root = tag;
      } else walk.close = tag;
      return;
    }
    if (tag.depth === 1) {
      if (tag.kind === "end") {
        if (inSheetData) {
          closeRow(tag.start, null);
          splicer.insert(tag.start, newRows(Infinity));
        }
        inSheetData = false;
        inCols = false;
        if (alternate && !alternate.named) walk.children.push({ local: "", start: alternate.start, tag: alternate.tag });
        alternate = null;
        return;
      }
      if (tag.ns === MARKUP_COMPATIBILITY && tag.local === "AlternateContent") {
        alternate = { start: tag.start, tag, named: false };
        return;
      }
      if (!isSpreadsheetMl(tag.ns)) return;
      walk.children.push({ local: tag.local, start: tag.start, tag });
      if (tag.local === "cols") inCols = tag.kind === "start";
      if (tag.local === "sheetData") {
        if (sheetDataSeen) throw new XmlEditError(`${part}: two sheetData elements`);
        sheetDataSeen = true;
        prefix = tag.prefix === "" ? "" : `${tag.prefix}:`;
        if (tag.kind === "empty") {
          const rows = newRows(Infinity);
          if (rows) splicer.replace(tag.start, tag.end, `${openingOf(xml.slice(tag.start, tag.end))}${rows}</${tag.qname}>`);
        } else inSheetData = true;
      }
      return;
    }
    if (alternate && !alternate.named && tag.depth === 3 && tag.kind !== "end") {
      walk.children.push({ local: tag.local, start: alternate.start, tag: alternate.tag });
      alternate.named = true;
    }
    if (inCols && tag.depth === 2 && tag.kind !== "end" && tag.local === "col" && isSpreadsheetMl(tag.ns)) {
      const style = attributeValue(tag, "style");
      const min = Number(attributeValue(tag, "min"));
      const max = Number(attributeValue(tag, "max"));
      if (style !== undefined && Number.isInteger(min) && Number.isInteger(max)) columnStyles.push({ min, max, style: Number(style) || 0 });
      return;
    }
    if (!inSheetData || tag.depth > 3 || (tag.local !== "row" && tag.local !== "c") || !isSpreadsheetMl(tag.ns)) return;
    if (tag.depth === 2 && tag.local === "row") {
      if (tag.kind === "end") {
        closeRow(tag.start, null);
        return;
      }
      const r = tag.plain("r");
      const number = r === undefined ? lastRow + 1 : Number(r);
      if (!Number.isInteger(number) || number <= lastRow || number > 1048576) throw new XmlEditError(`${part}: rows out of order at row ${r ?? lastRow + 1}`);
      lastRow = number;
      splicer.insert(tag.start, newRows(number));
      const rowStyle = isTrue(tag.plain("customFormat")) ? Number(tag.plain("s") ?? "0") || 0 : -1;
      row = { number, tag, style: rowStyle, lastColumn: 0, touched: false };
      if (tag.kind === "empty") closeRow(tag.end, tag);
      return;
    }
    if (row && tag.depth === 3 && tag.kind !== "end" && tag.local === "c") {
      const r = tag.plain("r");
      const position = r === undefined ? { row: row.number, column: row.lastColumn + 1 } : cellPosition(r);
      if (!position || position.row !== row.number || position.column <= row.lastColumn) {
        throw new XmlEditError(`${part}: cells out of order at ${r ?? `row ${row.number}`}`);
      }
      row.lastColumn = position.column;
      const before = newCells(position.column);
      if (before) splicer.insert(tag.start, before);
      if (next < pending.length && pending[next]!.row === row.number && pending[next]!.column === position.column) {
        const edit = pending[next++]!;
        const current = Number(tag.plain("s") ?? "0") || 0;
        const changes = new Map([["s", String(edit.style(current))]]);
        // A cell without a reference keeps its place only while nothing is added before it.
        if (r === undefined) changes.set("r", `${columnLetters(position.column)}${row.number}`);
        splicer.replace(tag.start, tag.end, editStartTag(xml, tag, changes));
      }
    }
  });
  if (!sheetDataSeen) throw new XmlEditError(`${part}: no sheetData`);
  if (next < pending.length) throw new XmlEditError(`${part}: flagged cells not placed`);
  if (edits.legacyDrawing && !walk.children.some((child) => child.local === "legacyDrawing")) {
    insertChild(splicer, walk, "legacyDrawing", edits.legacyDrawing(prefix));
  }
  return splicer.apply(xml);
}

/** Inserts `element` among the worksheet's children where the schema puts `local`. */
function insertChild(splicer: Splicer, walk: SheetWalk, local: (typeof WORKSHEET_ORDER)[number], element: string): void {
  const rank = (name: string) => {
    const index = WORKSHEET_ORDER.indexOf(name as (typeof WORKSHEET_ORDER)[number]);
    return index < 0 ? WORKSHEET_ORDER.length - 1 : index;
  };
  const wanted = rank(local);
  const later = walk.children.find((child) => rank(child.local) > wanted);
  if (later) splicer.insert(later.start, element);
  else if (walk.close) splicer.insert(walk.close.start, element);
  else throw new XmlEditError("an empty worksheet element");
}

/** The qualified name for a new worksheet child next to the root's own (its prefix). */
export function worksheetPrefix(xml: string, part: string): string {
  const root = elementsOf(xml, part, (tag) => tag.depth === 0)[0];
  return root && root.open.prefix !== "" ? `${root.open.prefix}:` : "";
}

/**
 * A sheet ExcelJS wrote for us, made ready for the person's package: cell, row and column styles
 * renumbered by `style`, and shared strings (`strings`: the raw content of each `si`) written
 * inline, so the person's shared-string part is never touched.
 */
export function rewriteGeneratedSheet(xml: string, part: string, style: (index: number) => number, strings: readonly string[]): string {
  const splicer = new Splicer();
  const cells = elementsOf(xml, part, (tag) => tag.local === "c" || tag.local === "row" || tag.local === "col");
  for (const span of cells) {
    const { open } = span;
    const attribute = open.local === "col" ? "style" : "s";
    const current = attributeValue(open, attribute);
    const changes = new Map<string, string>();
    if (current !== undefined) changes.set(attribute, String(style(Number(current) || 0)));
    if (open.local === "c" && attributeValue(open, "t") === "s") {
      const value = elementsOf(xml.slice(span.innerStart, span.innerEnd), part, (tag) => tag.local === "v" && tag.depth === 0)[0];
      const index = value ? Number(xml.slice(span.innerStart + value.innerStart, span.innerStart + value.innerEnd)) : NaN;
      const text = strings[index];
      if (text === undefined) throw new XmlEditError(`${part}: shared string ${index} missing`);
      changes.set("t", "inlineStr");
      const start = openingOf(editStartTag(xml, open, changes));
      splicer.replace(open.start, span.end, `${start}<is>${text}</is></c>`);
      continue;
    }
    if (changes.size > 0) splicer.replace(open.start, open.end, editStartTag(xml, open, changes));
  }
  return splicer.apply(xml);
}

/** The raw content of each `si` of a shared-strings part. */
export function sharedStringItems(xml: string, part: string): string[] {
  return elementsOf(xml, part, (tag) => tag.depth === 1 && tag.local === "si").map((span) => xml.slice(span.innerStart, span.innerEnd));
}
