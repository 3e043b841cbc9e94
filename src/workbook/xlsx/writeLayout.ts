/**
 * Writes sheet layouts (src/layouts) into .xlsx files. ExcelJS writes cells, styles, notes,
 * tables and dropdowns; what it cannot write (charts, in-workbook links, defined names that are
 * not plain ranges, scoped names) is added to the zip afterwards by `finishPackage`, which also
 * puts back parts of a person's workbook that ExcelJS would lose on the way. The zip itself
 * (parts, relationships, content types) is package.ts, which the waiver code shares without
 * loading ExcelJS or the layouts.
 *
 * Generated sheets are marked with a workbook-level name `AllianceCheck_Generated_<kind>`
 * referring to the sheet's A1, so that regenerating replaces them and nothing else.
 */
import type { Cell, DataValidation, Workbook, Worksheet } from "exceljs";
import { parseA1, sheetReference } from "../../engine/address";
import type { ChartLayout, LayoutCell, PrintLayout, SheetLayout } from "../../layouts/layout";
import { isGeneratedKind } from "../../layouts/layout";
import { markerName } from "../../layouts/names";
import { resolveStyle } from "../../layouts/styles";
import type { CellStyle } from "../../layouts/styles";
import { escapeXml } from "../xmlText";
import { WORKSHEET_ORDER } from "./copyCells";
import { CONTENT_TYPES, findElements, parseAttributes, RELATIONSHIP_TYPES, resolveTarget, XlsxPackage } from "./package";

// ---------------------------------------------------------------------------------------------
// Fragments copied between producers' parts.

/** The prefix of the document element ("x:" for `<x:worksheet …>`), "" when unprefixed. */
function rootPrefix(xml: string): string {
  const match = /<(?!\?)(?:!--[\s\S]*?-->\s*<)?([\w.-]+:)?[\w.-]+[\s>]/.exec(xml);
  return match?.[1] ?? "";
}

/**
 * A fragment copied from another producer's part, made safe inside an ExcelJS part: the main
 * namespace prefix dropped, and attributes in namespaces the target does not declare (xr:uid,
 * x14ac:…) removed, except r: which every worksheet declares.
 */
export function portableFragment(fragment: string, prefix: string): string {
  let text = fragment;
  if (prefix) {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    text = text.replace(new RegExp(`<(/?)${escaped}`, "g"), "<$1");
  }
  return text.replace(/\s(?!r:)(?!xml:)[\w.-]+:[\w.-]+\s*=\s*(?:"[^"]*"|'[^']*')/g, "");
}

// ---------------------------------------------------------------------------------------------
// Worksheet XML: children must appear in the schema's order.

const WORKSHEET_CHILDREN = WORKSHEET_ORDER;

type WorksheetChild = (typeof WORKSHEET_CHILDREN)[number];

/**
 * Adds `children` (XML of child elements) to the worksheet's `name` element, creating it in its
 * schema position when absent. Only for parts written by ExcelJS (unprefixed, no nesting).
 */
export function addToWorksheetElement(xml: string, name: WorksheetChild, children: string): string {
  const existing = findElements(xml, name)[0];
  if (existing) {
    const start = existing.start.replace(/\scount="\d+"/, "");
    const body = existing.start.endsWith("/>") ? children : `${existing.inner}${children}`;
    return xml.replace(existing.outer, `${start.replace(/\/>$/, ">")}${body}</${name}>`);
  }
  return insertWorksheetChild(xml, name, `<${name}>${children}</${name}>`);
}

export function insertWorksheetChild(xml: string, name: WorksheetChild, element: string): string {
  const position = WORKSHEET_CHILDREN.indexOf(name);
  for (const later of WORKSHEET_CHILDREN.slice(position + 1)) {
    const match = new RegExp(`<${later}[\\s/>]`).exec(xml);
    if (match) return `${xml.slice(0, match.index)}${element}${xml.slice(match.index)}`;
  }
  return xml.replace(/<\/worksheet>\s*$/, `${element}</worksheet>`);
}

/**
 * Puts a worksheet's top-level children in the schema's order. ExcelJS writes `<tableParts>`
 * before `<legacyDrawing>` on a sheet with both a table and notes, which Excel reports as damage.
 */
export function orderWorksheetChildren(xml: string): string {
  const open = /<worksheet\b[^>]*>/.exec(xml);
  const close = xml.lastIndexOf("</worksheet>");
  if (!open || close < 0) return xml;
  const bodyStart = open.index + open[0].length;
  const body = xml.slice(bodyStart, close);
  const children: { name: string; text: string }[] = [];
  let position = 0;
  while (position < body.length) {
    const start = body.indexOf("<", position);
    if (start < 0) break;
    const nameMatch = /^<([\w.:-]+)/.exec(body.slice(start));
    if (!nameMatch) return xml;
    const name = nameMatch[1]!;
    const tagEnd = body.indexOf(">", start);
    if (tagEnd < 0) return xml;
    let end: number;
    if (body[tagEnd - 1] === "/") end = tagEnd + 1;
    else {
      const closing = body.indexOf(`</${name}>`, tagEnd);
      if (closing < 0) return xml;
      end = closing + name.length + 3;
    }
    children.push({ name, text: body.slice(start, end) });
    position = end;
  }
  const rank = (name: string) => {
    const index = WORKSHEET_CHILDREN.indexOf(name as WorksheetChild);
    return index < 0 ? WORKSHEET_CHILDREN.length : index;
  };
  const ordered = children.map((child, index) => ({ ...child, index })).sort((a, b) => rank(a.name) - rank(b.name) || a.index - b.index);
  return `${xml.slice(0, bodyStart)}${ordered.map((child) => child.text).join("")}${xml.slice(close)}`;
}

// ---------------------------------------------------------------------------------------------
// Layouts onto an ExcelJS workbook.

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

function applyCellStyle(cell: Cell, style: CellStyle): void {
  // ExcelJS shares one style object between cells loaded with the same style: assign a copy.
  const next = { ...cell.style };
  if (
    style.bold !== undefined ||
    style.italic !== undefined ||
    style.underline !== undefined ||
    style.size !== undefined ||
    style.fontColor !== undefined ||
    style.strikethrough !== undefined
  ) {
    next.font = {
      ...(next.font ?? {}),
      ...(style.bold !== undefined ? { bold: style.bold } : {}),
      ...(style.italic !== undefined ? { italic: style.italic } : {}),
      ...(style.underline !== undefined ? { underline: style.underline } : {}),
      ...(style.strikethrough !== undefined ? { strike: style.strikethrough } : {}),
      ...(style.size !== undefined ? { size: style.size } : {}),
      ...(style.fontColor !== undefined ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.fill !== undefined) next.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.numberFormat !== undefined) next.numFmt = style.numberFormat;
  if (style.horizontal !== undefined || style.vertical !== undefined || style.wrap !== undefined) {
    next.alignment = {
      ...(next.alignment ?? {}),
      ...(style.horizontal !== undefined ? { horizontal: style.horizontal } : {}),
      ...(style.vertical !== undefined ? { vertical: style.vertical } : {}),
      ...(style.wrap !== undefined ? { wrapText: style.wrap } : {}),
    };
  }
  if (style.bottomBorder !== undefined)
    next.border = { ...(next.border ?? {}), bottom: { style: "thin", color: { argb: argb(style.bottomBorder) } } };
  cell.style = next;
}

export { fitCellText, MAX_CELL_TEXT } from "../../layouts/cellText";
import { fitCellText } from "../../layouts/cellText";

function writeCell(worksheet: Worksheet, layoutCell: LayoutCell): void {
  const cell = worksheet.getCell(layoutCell.row, layoutCell.column);
  const content = layoutCell.content;
  if (content.kind === "value") {
    // A string is written as a string: ExcelJS never turns "=…" text into a formula.
    cell.value = typeof content.value === "string" ? fitCellText(content.value) : content.value;
  } else if (content.kind === "formula") {
    const result = content.result;
    cell.value =
      result === undefined || result === null
        ? { formula: content.formula.text, date1904: false }
        : { formula: content.formula.text, result, date1904: false };
  } else {
    // Links are added to the part afterwards (ExcelJS writes in-workbook links as external ones).
    cell.value = fitCellText(content.text);
  }
  const style = resolveStyle(layoutCell.styles);
  if (Object.keys(style).length > 0) applyCellStyle(cell, style);
  if (layoutCell.note !== undefined) cell.note = fitCellText(layoutCell.note);
}

/** A4, the paper Taiwan's offices print on. */
const PAPER_A4 = 9;

/**
 * pageSetup and sheetPr's fitToPage (without it Excel ignores fitToWidth/fitToHeight). The print
 * titles and area are defined names, written with the others by `finishPackage`.
 */
function applyPageSetup(worksheet: Worksheet, print: PrintLayout): void {
  worksheet.pageSetup = {
    ...worksheet.pageSetup,
    paperSize: PAPER_A4,
    orientation: print.orientation,
    ...(print.fit ? { fitToPage: true, fitToWidth: print.fit.width, fitToHeight: print.fit.height } : { fitToPage: false, scale: 100 }),
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
  };
}

/** `_xlnm.Print_Titles` and `_xlnm.Print_Area` of a layout, as defined-name formulas on `sheet`. */
export function printNames(sheet: string, print: PrintLayout | undefined): { name: string; formula: string }[] {
  if (!print) return [];
  const names: { name: string; formula: string }[] = [];
  if (print.titleRows) names.push({ name: "_xlnm.Print_Titles", formula: sheetReference(sheet, `$${print.titleRows.first}:$${print.titleRows.last}`) });
  if (print.area) names.push({ name: "_xlnm.Print_Area", formula: sheetReference(sheet, print.area.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")) });
  return names;
}

export interface AppliedSheet {
  layout: SheetLayout;
  /** The name the sheet got (the layout's name). */
  name: string;
}

/** Writes layouts as new worksheets of `workbook` (after the existing ones, or at `positions`). */
export function applyLayouts(
  workbook: Workbook,
  layouts: readonly SheetLayout[],
  positions: ReadonlyMap<string, number> = new Map(),
): AppliedSheet[] {
  const applied: AppliedSheet[] = [];
  for (const layout of layouts) {
    const worksheet = workbook.addWorksheet(layout.name, {
      ...(layout.hidden ? { state: "hidden" as const } : {}),
      ...(layout.tabColor ? { properties: { tabColor: { argb: argb(layout.tabColor) } } } : {}),
      ...(layout.frozen && layout.frozen.rows + (layout.frozen.columns ?? 0) > 0
        ? { views: [{ state: "frozen" as const, ySplit: layout.frozen.rows, xSplit: layout.frozen.columns ?? 0 }] }
        : {}),
    });
    if (layout.print) applyPageSetup(worksheet, layout.print);
    const position = positions.get(layout.name);
    // Not in ExcelJS's typings: the sort key of worksheets when written.
    if (position !== undefined) (worksheet as unknown as { orderNo: number }).orderNo = position;
    for (const column of layout.columns ?? []) {
      const sheetColumn = worksheet.getColumn(column.column);
      if (column.width !== undefined) sheetColumn.width = column.width;
      if (column.hidden) sheetColumn.hidden = true;
      const style = resolveStyle(column.styles);
      if (style.numberFormat !== undefined) sheetColumn.numFmt = style.numberFormat;
    }
    for (const table of layout.tables ?? []) {
      worksheet.addTable({
        name: table.name,
        displayName: table.name,
        ref: table.ref,
        headerRow: true,
        style: { theme: table.style as never, showRowStripes: true },
        columns: table.headers.map((name) => ({ name, filterButton: true })),
        rows: table.rows,
      });
    }
    for (const cell of layout.cells) writeCell(worksheet, cell);
    for (const [row, height] of Object.entries(layout.rowHeights ?? {})) worksheet.getRow(Number(row)).height = height;
    for (const range of layout.merges ?? []) worksheet.mergeCells(range);
    if (layout.autoFilter) worksheet.autoFilter = layout.autoFilter;
    for (const validation of layout.validations ?? []) {
      const formula = validation.source.kind === "inline" ? `"${validation.values.join(",")}"` : validation.source.name;
      // A range key keeps one rule for the range (ExcelJS's cell API would write one per cell).
      (worksheet as unknown as { dataValidations: { add(range: string, rule: DataValidation): void } }).dataValidations.add(validation.range, {
        type: "list",
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: validation.error !== undefined,
        ...(validation.error ? { errorStyle: "warning", errorTitle: validation.error.title, error: validation.error.text } : {}),
        ...(validation.prompt ? { showInputMessage: true, promptTitle: validation.prompt.title, prompt: validation.prompt.text } : {}),
      });
    }
    applied.push({ layout, name: layout.name });
  }
  return applied;
}

// ---------------------------------------------------------------------------------------------
// After ExcelJS: links, charts, defined names and restored parts.

/** A defined name to write as is (copied from the source workbook). */
export interface RawDefinedName {
  name: string;
  /** The sheet a local name belongs to, or null for a workbook-level name. */
  localSheet: string | null;
  /** Other attributes, as written (without name and localSheetId). */
  attributes: string;
  /** The formula text, XML-escaped as in the source. */
  text: string;
}

/** Parts of a person's sheet to put back after ExcelJS (which drops or mangles them). */
export interface RestoredSheetParts {
  /** The `<dataValidations>` children. */
  dataValidations?: string;
  /** `<hyperlink location=…>` elements that point inside the workbook. */
  internalHyperlinks?: string;
}

export interface PackageFinish {
  /** Layouts applied to the workbook (for links, charts, names and marks). */
  applied: readonly AppliedSheet[];
  /** The source workbook's defined names, restored in place of ExcelJS's reading of them. */
  definedNames?: readonly RawDefinedName[];
  /** By sheet name. */
  restoredSheets?: ReadonlyMap<string, RestoredSheetParts>;
  /** The source workbook's `<calcPr …/>`, restored with a full recalculation on load. */
  calcPr?: string | null;
  fullCalcOnLoad?: boolean;
  /** Custom XML parts of the source to carry over (waivers and others). */
  customXml?: XlsxPackage | null;
}

function definedNameXml(name: string, localSheetId: number | null, attributes: string, text: string): string {
  const local = localSheetId === null ? "" : ` localSheetId="${localSheetId}"`;
  return `<definedName name="${escapeXml(name)}"${local}${attributes}>${text}</definedName>`;
}

function writeDefinedNames(pkg: XlsxPackage, finish: PackageFinish): void {
  const workbookPart = pkg.workbookPart();
  let xml = pkg.text(workbookPart);
  if (xml === undefined) return;
  const sheets = pkg.sheets();
  const indexOf = (name: string): number | null => sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase())?.index ?? null;
  const names: string[] = [];
  for (const defined of finish.definedNames ?? []) {
    if (defined.localSheet === null) {
      names.push(definedNameXml(defined.name, null, defined.attributes, defined.text));
      continue;
    }
    const index = indexOf(defined.localSheet);
    if (index !== null) names.push(definedNameXml(defined.name, index, defined.attributes, defined.text));
  }
  for (const { layout, name } of finish.applied) {
    for (const defined of layout.definedNames ?? []) {
      names.push(definedNameXml(defined.name, null, defined.hidden ? ' hidden="1"' : "", escapeXml(sheetReference(name, defined.range))));
    }
    if (isGeneratedKind(layout.kind)) {
      names.push(definedNameXml(markerName(layout.kind), null, "", escapeXml(sheetReference(name, "$A$1"))));
    }
    const index = indexOf(name);
    if (index !== null) {
      for (const printName of printNames(name, layout.print)) names.push(definedNameXml(printName.name, index, "", escapeXml(printName.formula)));
    }
    if (layout.autoFilter && index !== null) {
      const range = layout.autoFilter.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      names.push(definedNameXml("_xlnm._FilterDatabase", index, ' hidden="1"', escapeXml(sheetReference(name, range))));
    }
  }
  xml = xml.replace(/<definedNames\s*\/>|<definedNames>[\s\S]*?<\/definedNames>/, "");
  const seen = new Set<string>();
  const unique = names.filter((element) => {
    const attributes = parseAttributes(element.slice(0, element.indexOf(">") + 1));
    const key = `${(attributes.get("name") ?? "").toLowerCase()}|${attributes.get("localSheetId") ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length > 0) {
    const block = `<definedNames>${unique.join("")}</definedNames>`;
    xml = /<calcPr[\s/>]/.test(xml) ? xml.replace(/<calcPr(?=[\s/>])/, `${block}<calcPr`) : xml.replace("</sheets>", `</sheets>${block}`);
  }
  if (finish.calcPr || finish.fullCalcOnLoad) {
    const current = findElements(xml, "calcPr")[0];
    let calcPr = finish.calcPr ?? current?.outer ?? '<calcPr calcId="171027"/>';
    calcPr = portableFragment(calcPr, rootPrefix(calcPr)).replace(/\sfullCalcOnLoad="[^"]*"/, "");
    if (finish.fullCalcOnLoad) calcPr = calcPr.replace(/^<calcPr/, '<calcPr fullCalcOnLoad="1"');
    if (current) xml = xml.replace(current.outer, "");
    xml = xml.includes("</definedNames>")
      ? xml.replace("</definedNames>", `</definedNames>${calcPr}`)
      : xml.replace("</sheets>", `</sheets>${calcPr}`);
  }
  pkg.write(workbookPart, xml);
}

function writeLinks(pkg: XlsxPackage, part: string, layout: SheetLayout): void {
  const links = layout.cells.filter((cell) => cell.content.kind === "link");
  if (links.length === 0) return;
  const elements = links.map((cell) => {
    const content = cell.content as Extract<LayoutCell["content"], { kind: "link" }>;
    const target = parseA1(content.cell);
    const location = target ? sheetReference(content.sheet, content.cell) : sheetReference(content.sheet, "A1");
    const ref = `${columnName(cell.column)}${cell.row}`;
    return `<hyperlink ref="${ref}" location="${escapeXml(location)}" display="${escapeXml(fitCellText(content.text))}"/>`;
  });
  pkg.write(part, addToWorksheetElement(pkg.text(part)!, "hyperlinks", elements.join("")));
}

function columnName(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const remainder = (n - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function richText(text: string, size: number, bold: boolean): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="zh-TW" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>`;
}

const SERIES_COLOURS = ["107C10", "0078D4", "8A8886", "A4262C"];

/** A clustered column chart (DrawingML), with cached values so it shows before recalculation. */
export function chartXml(chart: ChartLayout, sheet: string): string {
  const ref = (range: string) => escapeXml(sheetReference(sheet, range));
  const numCache = (values: readonly (number | null)[], format: string) =>
    `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>${values
      .map((value, index) => (value === null ? "" : `<c:pt idx="${index}"><c:v>${value}</c:v></c:pt>`))
      .join("")}</c:numCache>`;
  const categories = `<c:cat><c:strRef><c:f>${ref(chart.categories.range)}</c:f><c:strCache><c:ptCount val="${chart.categories.cache.length}"/>${chart.categories.cache
    .map((label, index) => `<c:pt idx="${index}"><c:v>${escapeXml(label)}</c:v></c:pt>`)
    .join("")}</c:strCache></c:strRef></c:cat>`;
  const series = chart.series
    .map(
      (entry, index) =>
        `<c:ser><c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:strRef><c:f>${ref(entry.name.cell)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(
          entry.name.text,
        )}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="${SERIES_COLOURS[index % SERIES_COLOURS.length]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${categories}<c:val><c:numRef><c:f>${ref(
          entry.values.range,
        )}</c:f>${numCache(entry.values.cache, "#,##0")}</c:numRef></c:val></c:ser>`,
    )
    .join("");
  const axisTitle = (text: string | undefined) => (text ? `<c:title>${richText(text, 1000, false)}</c:title>` : "");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:roundedCorners val="0"/><c:chart>' +
    `<c:title>${richText(chart.title, 1400, true)}</c:title><c:autoTitleDeleted val="0"/>` +
    '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    series +
    '<c:gapWidth val="150"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>' +
    '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>' +
    axisTitle(chart.axisTitles?.category) +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>' +
    axisTitle(chart.axisTitles?.value) +
    '<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

function anchorXml(chart: ChartLayout, relationshipId: string, id: number): string {
  const point = (tag: string, row: number, column: number) =>
    `<xdr:${tag}><xdr:col>${column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${point("from", chart.from.row, chart.from.column)}${point("to", chart.to.row, chart.to.column)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="Chart ${id}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${relationshipId}"/>` +
    "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
  );
}

function writeCharts(pkg: XlsxPackage, part: string, sheetName: string, charts: readonly ChartLayout[]): void {
  if (charts.length === 0) return;
  let sheetXml = pkg.text(part)!;
  if (/<drawing[\s/>]/.test(sheetXml)) throw new Error(`sheet ${sheetName} already has a drawing`);
  const drawingPart = pkg.freePartName("xl/drawings/drawing", ".xml");
  const anchors: string[] = [];
  charts.forEach((chart, index) => {
    const chartPart = pkg.freePartName("xl/charts/chart", ".xml");
    pkg.write(chartPart, chartXml(chart, sheetName));
    pkg.addContentTypeOverride(chartPart, CONTENT_TYPES.chart);
    anchors.push(anchorXml(chart, pkg.addRelationship(drawingPart, RELATIONSHIP_TYPES.chart, chartPart), index + 1));
  });
  pkg.write(
    drawingPart,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
      anchors.join("") +
      "</xdr:wsDr>",
  );
  pkg.addContentTypeOverride(drawingPart, CONTENT_TYPES.drawing);
  const relationshipId = pkg.addRelationship(part, RELATIONSHIP_TYPES.drawing, drawingPart);
  sheetXml = insertWorksheetChild(sheetXml, "drawing", `<drawing r:id="${relationshipId}"/>`);
  pkg.write(part, sheetXml);
}

function restoreSheet(pkg: XlsxPackage, part: string, restored: RestoredSheetParts): void {
  let xml = pkg.text(part);
  if (xml === undefined) return;
  if (restored.dataValidations) {
    const existing = findElements(xml, "dataValidations")[0];
    if (existing) xml = xml.replace(existing.outer, "");
    xml = addToWorksheetElement(xml, "dataValidations", restored.dataValidations);
  }
  if (restored.internalHyperlinks) xml = addToWorksheetElement(xml, "hyperlinks", restored.internalHyperlinks);
  pkg.write(part, xml);
}

/** Copies the source's custom XML parts (with their properties) into the package. */
export function copyCustomXml(pkg: XlsxPackage, source: XlsxPackage): void {
  const sourceWorkbook = source.workbookPart();
  const workbook = pkg.workbookPart();
  const existing = new Set(
    pkg
      .relationships(workbook)
      .filter((rel) => rel.type === RELATIONSHIP_TYPES.customXml)
      .map((rel) => resolveTarget(workbook, rel.target)),
  );
  for (const relationship of source.relationships(sourceWorkbook)) {
    if (relationship.type !== RELATIONSHIP_TYPES.customXml || relationship.external) continue;
    const item = resolveTarget(sourceWorkbook, relationship.target);
    const data = source.bytes(item);
    if (data === undefined || existing.has(item)) continue;
    const target = pkg.has(item) ? pkg.freePartName("customXml/item", ".xml") : item;
    pkg.write(target, data);
    pkg.addContentTypeDefault("xml", CONTENT_TYPES.xml);
    for (const props of source.relationships(item)) {
      if (props.type !== RELATIONSHIP_TYPES.customXmlProps) continue;
      const propsPart = resolveTarget(item, props.target);
      const propsData = source.bytes(propsPart);
      if (propsData === undefined) continue;
      const propsTarget = pkg.has(propsPart) ? pkg.freePartName("customXml/itemProps", ".xml") : propsPart;
      pkg.write(propsTarget, propsData);
      pkg.addContentTypeOverride(propsTarget, CONTENT_TYPES.customXmlProperties);
      pkg.addRelationship(target, RELATIONSHIP_TYPES.customXmlProps, propsTarget);
    }
    pkg.addRelationship(workbook, RELATIONSHIP_TYPES.customXml, target);
  }
}

/** Post-processes the bytes ExcelJS wrote. */
export function finishPackage(bytes: Uint8Array, finish: PackageFinish): Uint8Array {
  const pkg = XlsxPackage.open(bytes);
  const sheets = pkg.sheets();
  const partOf = (name: string) => sheets.find((sheet) => sheet.name === name)?.part;
  for (const { layout, name } of finish.applied) {
    const part = partOf(name);
    if (!part) continue;
    writeLinks(pkg, part, layout);
    writeCharts(pkg, part, name, layout.charts ?? []);
  }
  for (const [name, restored] of finish.restoredSheets ?? []) {
    const part = partOf(name);
    if (part) restoreSheet(pkg, part, restored);
  }
  for (const sheet of pkg.sheets()) {
    const xml = sheet.part ? pkg.text(sheet.part) : undefined;
    if (xml !== undefined && /<worksheet[\s>]/.test(xml)) pkg.write(sheet.part, orderWorksheetChildren(xml));
  }
  writeDefinedNames(pkg, finish);
  if (finish.customXml) copyCustomXml(pkg, finish.customXml);
  return pkg.toBytes();
}

/** A new workbook holding only `layouts` (the template). */
export async function writeLayoutsToNewWorkbook(layouts: readonly SheetLayout[]): Promise<Uint8Array> {
  const ExcelJS = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "alliance-check";
  workbook.created = new Date();
  const applied = applyLayouts(workbook, layouts);
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  return finishPackage(written, { applied });
}
