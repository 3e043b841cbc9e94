/**
 * The annotated copy (`--annotate OUT.xlsx`): the person's workbook with every flagged cell
 * filled by severity and a note giving the findings, plus the 檢核結果 sheet (and 營運摘要 with
 * `summary`). The input bytes are never modified.
 *
 * ExcelJS does the cell work. It drops or mangles some content; what this module can put back
 * it does (defined names, data-validation rules, links inside the workbook, calculation
 * settings, custom XML parts such as waivers), and what it cannot it reports as warnings.
 */
import type { Cell, Comment, RichText, Workbook, Worksheet } from "exceljs";
import { createFormatter } from "../../engine/format";
import type { Language, ValidationResult } from "../../engine/types";
import { findingsSheetLayout } from "../../layouts/findings";
import { describeSummaryInputs } from "../../layouts/inputs";
import type { GeneratedSheetKind, SheetLayout } from "../../layouts/layout";
import { kindOfMarker, planGeneratedSheetNames, sameSheetName } from "../../layouts/names";
import { summaryLayouts } from "../../layouts/summary";
import { flagsFromFindings, WorkbookError } from "../gateway";
import { ANNOTATION_MARKER, cellMarks, FLAG_FORMATS } from "../flagMarks";
import { decodeXmlText } from "../xmlText";
import { MAX_ANNOTATE_CELLS } from "./limits";
import { findElements, parseAttributes, resolveTarget, XlsxPackage } from "./package";
import { readWorkbookSnapshot } from "./read";
import {
  applyLayouts,
  fitCellText,
  MAX_CELL_TEXT,
  finishPackage,
  portableFragment,
  RawDefinedName,
  RestoredSheetParts,
} from "./writeLayout";

export interface AnnotateOptions {
  language: Language;
  /** Also write the 營運摘要 / Summary sheet. */
  summary: boolean;
}

export interface AnnotatedCopy {
  bytes: Uint8Array;
  /** One line each, in the chosen language: content the copy could not keep, sheets renamed. */
  warnings: string[];
}

type Loss =
  | "charts"
  | "chartSheets"
  | "pivotTables"
  | "shapes"
  | "macros"
  | "slicers"
  | "timelines"
  | "externalLinks"
  | "threadedComments"
  | "controls"
  | "embeddedObjects"
  | "connections"
  | "dynamicArrays"
  | "extendedValidations"
  | "extendedFormats"
  | "sparklines";

const LOSS_MESSAGES: Readonly<Record<Loss, Record<Language, string>>> = {
  charts: { "zh-TW": "來源檔的圖表無法保留在標註副本中。", en: "The source's charts are not kept in the annotated copy." },
  chartSheets: { "zh-TW": "來源檔的圖表工作表無法保留在標註副本中。", en: "The source's chart sheets are not kept in the annotated copy." },
  pivotTables: { "zh-TW": "來源檔的樞紐分析表無法保留在標註副本中。", en: "The source's pivot tables are not kept in the annotated copy." },
  shapes: {
    "zh-TW": "來源檔的圖案、文字方塊等繪圖物件無法保留在標註副本中。",
    en: "The source's shapes and text boxes are not kept in the annotated copy.",
  },
  macros: {
    "zh-TW": "來源檔的巨集（VBA）無法保留；標註副本為不含巨集的 .xlsx。",
    en: "The source's macros (VBA) are not kept; the annotated copy is a macro-free .xlsx.",
  },
  slicers: { "zh-TW": "來源檔的交叉分析篩選器無法保留在標註副本中。", en: "The source's slicers are not kept in the annotated copy." },
  timelines: { "zh-TW": "來源檔的時間表篩選器無法保留在標註副本中。", en: "The source's timelines are not kept in the annotated copy." },
  externalLinks: {
    "zh-TW": "來源檔連結其他活頁簿的外部參照無法保留在標註副本中。",
    en: "The source's links to other workbooks are not kept in the annotated copy.",
  },
  threadedComments: {
    "zh-TW": "來源檔的交談式註解只保留文字，回覆串無法保留。",
    en: "The source's threaded comments keep only their text, not the conversation.",
  },
  controls: {
    "zh-TW": "來源檔的表單控制項或 ActiveX 控制項無法保留在標註副本中。",
    en: "The source's form or ActiveX controls are not kept in the annotated copy.",
  },
  embeddedObjects: { "zh-TW": "來源檔的內嵌物件無法保留在標註副本中。", en: "The source's embedded objects are not kept in the annotated copy." },
  connections: {
    "zh-TW": "來源檔的資料連線與查詢無法保留在標註副本中。",
    en: "The source's data connections and queries are not kept in the annotated copy.",
  },
  dynamicArrays: {
    "zh-TW": "來源檔的動態陣列公式在標註副本中可能顯示為舊式陣列公式。",
    en: "The source's dynamic-array formulas may appear as legacy array formulas in the annotated copy.",
  },
  extendedValidations: {
    "zh-TW": "來源檔參照其他工作表的資料驗證（Excel 2010 起的格式）無法保留。",
    en: "The source's data validations in the Excel 2010+ extended form are not kept.",
  },
  extendedFormats: {
    "zh-TW": "來源檔部分設定格式化的條件（資料橫條、圖示集等延伸格式）無法保留。",
    en: "Some of the source's conditional formats (extended data bars, icon sets) are not kept.",
  },
  sparklines: { "zh-TW": "來源檔的走勢圖無法保留在標註副本中。", en: "The source's sparklines are not kept in the annotated copy." },
};

const PART_LOSSES: [RegExp, Loss][] = [
  [/^xl\/charts\/chart[^/]*\.xml$/i, "charts"],
  [/^xl\/chartsheets\//i, "chartSheets"],
  [/^xl\/pivotTables\//i, "pivotTables"],
  [/^xl\/pivotCache\//i, "pivotTables"],
  [/^xl\/vbaProject\.bin$/i, "macros"],
  [/^xl\/slicers\//i, "slicers"],
  [/^xl\/slicerCaches\//i, "slicers"],
  [/^xl\/timelines\//i, "timelines"],
  [/^xl\/timelineCaches\//i, "timelines"],
  [/^xl\/externalLinks\//i, "externalLinks"],
  [/^xl\/threadedComments\//i, "threadedComments"],
  [/^xl\/ctrlProps\//i, "controls"],
  [/^xl\/activeX\//i, "controls"],
  [/^xl\/embeddings\//i, "embeddedObjects"],
  [/^xl\/connections\.xml$/i, "connections"],
  [/^xl\/queryTables\//i, "connections"],
  [/^xl\/metadata\.xml$/i, "dynamicArrays"],
];

/** Parts reachable from a sheet part through its relationships (its drawing, charts, …). */
function partsOf(pkg: XlsxPackage, part: string, into: Set<string>): void {
  if (into.has(part)) return;
  into.add(part);
  for (const relationship of pkg.relationships(part)) {
    if (!relationship.external) partsOf(pkg, resolveTarget(part, relationship.target), into);
  }
}

function contentLosses(pkg: XlsxPackage, ownParts: ReadonlySet<string>): Loss[] {
  const losses = new Set<Loss>();
  for (const name of pkg.names()) {
    if (ownParts.has(name)) continue;
    for (const [pattern, loss] of PART_LOSSES) {
      if (pattern.test(name)) losses.add(loss);
    }
    if (/^xl\/drawings\/drawing[^/]*\.xml$/i.test(name)) {
      const xml = pkg.text(name) ?? "";
      if (/<(?:\w+:)?(?:sp|grpSp|cxnSp)[\s>]/.test(xml)) losses.add("shapes");
    }
  }
  for (const sheet of pkg.sheets()) {
    if (ownParts.has(sheet.part)) continue;
    const xml = pkg.text(sheet.part) ?? "";
    if (/<x14:dataValidations[\s>]/.test(xml)) losses.add("extendedValidations");
    if (/<x14:conditionalFormattings[\s>]/.test(xml)) losses.add("extendedFormats");
    if (/<x14:sparklineGroups[\s>]/.test(xml)) losses.add("sparklines");
  }
  return [...losses];
}

interface SourceWorkbook {
  pkg: XlsxPackage;
  sheetNames: string[];
  definedNames: RawDefinedName[];
  /** Sheets we generated earlier, by kind. */
  marked: Partial<Record<GeneratedSheetKind, string>>;
  restored: Map<string, RestoredSheetParts>;
  calcPr: string | null;
  /** The source without data-validation rules (restored verbatim afterwards). */
  forExcelJs: Uint8Array;
}

/** `'Sheet name'!$A$1` or `Sheet!$A$1` → Sheet name. */
function sheetOfReference(reference: string): string | null {
  const quoted = /^'((?:[^']|'')+)'!/.exec(reference);
  if (quoted) return quoted[1]!.replace(/''/g, "'");
  const plain = /^([^'!]+)!/.exec(reference);
  return plain ? plain[1]! : null;
}

/** `<c …>` and `<x:c …>` start tags: the cells ExcelJS would build objects for. */
const CELL_TAG = /<(?:[\w.-]+:)?c[\s/>]/g;

function tooLargeToAnnotate(language: Language): WorkbookError {
  const limit = MAX_ANNOTATE_CELLS.toLocaleString("en-US");
  return new WorkbookError(
    "too-large",
    language === "zh-TW"
      ? `活頁簿超過 ${limit} 個儲存格，超出標註副本的上限；檢核已完成，但未寫入標註副本。`
      : `The workbook has more than ${limit} cells, the most an annotated copy is made from; the check is complete, but no copy was written.`,
  );
}

function readSource(data: Uint8Array, language: Language): SourceWorkbook {
  const pkg = XlsxPackage.open(data);
  const sheets = pkg.sheets();
  const workbookPart = pkg.workbookPart();
  const workbookXml = pkg.text(workbookPart) ?? "";

  const definedNames: RawDefinedName[] = [];
  const marked: Partial<Record<GeneratedSheetKind, string>> = {};
  for (const element of findElements(workbookXml, "definedName")) {
    const attributes = parseAttributes(element.start);
    const name = attributes.get("name") ?? "";
    const kind = kindOfMarker(name);
    if (kind !== null) {
      const sheet = sheetOfReference(decodeXmlText(element.inner).trim());
      if (sheet !== null && sheets.some((candidate) => candidate.name === sheet)) marked[kind] = sheet;
      continue;
    }
    const localId = attributes.get("localSheetId");
    const localSheet = localId === undefined ? null : (sheets[Number(localId)]?.name ?? null);
    if (localId !== undefined && localSheet === null) continue;
    const rest = portableFragment(element.start, "")
      .replace(/^<(?:[\w.-]+:)?definedName/, "")
      .replace(/\/?>$/, "")
      .replace(/\s(?:name|localSheetId)\s*=\s*(?:"[^"]*"|'[^']*')/g, "");
    definedNames.push({ name, localSheet, attributes: rest.replace(/\s+$/, ""), text: element.inner });
  }

  const restored = new Map<string, RestoredSheetParts>();
  const stripped = pkg.copy();
  let cells = 0;
  for (const sheet of sheets) {
    const xml = sheet.part ? pkg.text(sheet.part) : undefined;
    if (xml === undefined) continue;
    // Counted before ExcelJS sees the file: its cost grows with the cells, not with the bytes.
    for (CELL_TAG.lastIndex = 0; CELL_TAG.exec(xml) !== null; ) {
      cells += 1;
      if (cells > MAX_ANNOTATE_CELLS) throw tooLargeToAnnotate(language);
    }
    const prefix = /<([\w.-]+:)?worksheet[\s>]/.exec(xml)?.[1] ?? "";
    const parts: RestoredSheetParts = {};
    const validations = findElements(xml, "dataValidations")[0];
    if (validations) {
      parts.dataValidations = portableFragment(validations.inner, prefix);
      // ExcelJS reads a rule on A2:A1048576 as a million cells, and writes overlapping rules back.
      stripped.write(sheet.part, xml.replace(validations.outer, ""));
    }
    const links = findElements(xml, "hyperlink").filter((element) => {
      const attributes = parseAttributes(element.start);
      return attributes.has("location") && ![...attributes.keys()].some((key) => /(^|:)id$/.test(key));
    });
    if (links.length > 0) parts.internalHyperlinks = links.map((element) => portableFragment(element.outer, prefix)).join("");
    if (parts.dataValidations !== undefined || parts.internalHyperlinks !== undefined) restored.set(sheet.name, parts);
  }
  const calcPr = findElements(workbookXml, "calcPr")[0]?.outer ?? null;
  return {
    pkg,
    sheetNames: sheets.map((sheet) => sheet.name),
    definedNames,
    marked,
    restored,
    calcPr,
    forExcelJs: stripped.toBytes(),
  };
}

function noteTexts(note: string | Comment | undefined): RichText[] {
  if (note === undefined || note === null) return [];
  if (typeof note === "string") return [{ text: note }];
  return (note.texts ?? []).map((run) => ({ ...run }));
}

/** The person's part of a note, without an annotation this product added before. */
function ownNoteTexts(note: string | Comment | undefined): RichText[] {
  const texts: RichText[] = [];
  for (const run of noteTexts(note)) {
    const at = run.text.indexOf(ANNOTATION_MARKER);
    if (at < 0) {
      texts.push(run);
      continue;
    }
    if (at > 0) texts.push({ ...run, text: run.text.slice(0, at) });
    break;
  }
  while (texts.length > 0 && /^\s*$/.test(texts[texts.length - 1]!.text)) texts.pop();
  const last = texts[texts.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, "");
  return texts;
}

/** Sets our note on a cell, below the person's own note (kept as written); null removes ours. */
function setNote(cell: Cell, ours: string | null): void {
  const existing = cell.note as string | Comment | undefined;
  const own = ownNoteTexts(existing);
  if (ours === null && own.length === 0) {
    // ExcelJS has no API to remove a note; its note lives in this field.
    (cell as unknown as { _comment: undefined })._comment = undefined;
    return;
  }
  const texts: RichText[] = [...own];
  if (ours !== null) {
    // A note holds at most 32,767 characters: the person's text is kept whole, ours is cut to fit.
    const room = MAX_CELL_TEXT - own.reduce((sum, run) => sum + run.text.length, 0) - 2;
    const text = fitCellText(ours, Math.max(room, ANNOTATION_MARKER.length + 1));
    texts.push({ text: own.length > 0 ? `\n\n${text}` : text });
  }
  const previous = typeof existing === "object" && existing !== null ? existing : {};
  cell.note = { ...previous, texts };
}

function fillCell(cell: Cell, hex: string): void {
  // A copy: ExcelJS shares style objects between cells that had the same style in the file.
  cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${hex.replace("#", "").toUpperCase()}` } } };
}

function flagCells(workbook: Workbook, result: ValidationResult, language: Language, generated: ReadonlySet<string>): void {
  const format = createFormatter(result);
  const marks = cellMarks(flagsFromFindings(result.findings, (finding) => format(finding, language)));
  const sheetsByName = new Map<string, Worksheet>();
  for (const worksheet of workbook.worksheets) {
    if (!generated.has(worksheet.name.toLowerCase())) sheetsByName.set(worksheet.name.toLowerCase(), worksheet);
  }
  // Notes this product wrote in an earlier copy are taken out first.
  for (const worksheet of sheetsByName.values()) {
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const note = cell.note as string | Comment | undefined;
        if (note !== undefined && noteTexts(note).some((run) => run.text.includes(ANNOTATION_MARKER))) setNote(cell, null);
      });
    });
  }
  for (const mark of marks) {
    const worksheet = sheetsByName.get(mark.sheet.toLowerCase());
    if (!worksheet) continue;
    const cell = worksheet.getCell(mark.row, mark.column);
    fillCell(cell, FLAG_FORMATS[mark.style].fill);
    setNote(cell, mark.note);
  }
}

/**
 * Writes the annotated copy of `data` (an .xlsx) for `result` (the findings on that workbook).
 * Never modifies `data`.
 */
export async function writeAnnotatedCopy(data: Uint8Array, result: ValidationResult, options: AnnotateOptions): Promise<AnnotatedCopy> {
  const { language } = options;
  const source = readSource(data, language);

  const kinds: GeneratedSheetKind[] = options.summary ? ["findings", "summary", "summaryCalc"] : ["findings"];
  const plan = planGeneratedSheetNames(kinds, source.sheetNames, source.marked, language);
  const ownParts = new Set<string>();
  for (const sheet of source.pkg.sheets()) {
    if (Object.values(source.marked).some((name) => name === sheet.name) && sheet.part) partsOf(source.pkg, sheet.part, ownParts);
  }
  const warnings = contentLosses(source.pkg, ownParts).map((loss) => LOSS_MESSAGES[loss][language]);

  const ExcelJS = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(source.forExcelJs as unknown as ArrayBuffer);

  const positions = new Map<string, number>();
  for (const name of plan.replace) {
    const worksheet = workbook.worksheets.find((candidate) => sameSheetName(candidate.name, name));
    if (!worksheet) continue;
    const kind = (Object.entries(source.marked) as [GeneratedSheetKind, string][]).find(([, sheet]) => sameSheetName(sheet, name))?.[0];
    if (kind !== undefined && kinds.includes(kind)) positions.set(plan.names[kind], (worksheet as unknown as { orderNo: number }).orderNo);
    workbook.removeWorksheet(worksheet.id);
  }
  const userSheets = workbook.worksheets.map((worksheet) => worksheet.name);
  const generatedNames = new Set(Object.values(source.marked).map((name) => name.toLowerCase()));
  flagCells(workbook, result, language, generatedNames);

  const layouts: SheetLayout[] = [findingsSheetLayout(result, language, { sheetName: plan.names.findings, existingSheets: userSheets })];
  if (options.summary) {
    const snapshot = await readWorkbookSnapshot(data);
    const inputs = describeSummaryInputs(snapshot, result);
    layouts.push(...summaryLayouts(result, language, inputs, { sheetNames: { summary: plan.names.summary, summaryCalc: plan.names.summaryCalc } }));
  }
  const applied = applyLayouts(workbook, layouts, positions);
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());

  const definedNames = source.definedNames.filter(
    (name) => name.localSheet === null || !plan.replace.some((replaced) => sameSheetName(replaced, name.localSheet!)),
  );
  // What was kept from sheets we replace belonged to our old sheets, not to the new ones.
  const restoredSheets = new Map([...source.restored].filter(([name]) => !plan.replace.some((replaced) => sameSheetName(replaced, name))));
  const bytes = finishPackage(written, {
    applied,
    definedNames,
    restoredSheets,
    calcPr: source.calcPr,
    fullCalcOnLoad: options.summary,
    customXml: source.pkg,
  });
  return { bytes, warnings: [...warnings, ...plan.notices] };
}
