/**
 * The annotated copy (`--annotate OUT.xlsx`): the person's workbook with every flagged cell
 * filled by severity and a note giving the findings, plus the 檢核結果 sheet (and 營運摘要 with
 * `summary`). The input bytes are never modified.
 *
 * The copy is the person's package with a few parts edited in place (packageCopy.ts): the
 * styles part gains a fill per flag colour, flagged cells their new style, the sheets' comments
 * parts and VML drawings our notes, the workbook part our sheets and names. Every other part —
 * charts, pivot tables, macros, merged ranges, validations, names, whatever it holds — is
 * copied as its compressed bytes. Our sheets are written by ExcelJS from src/layouts in a
 * workbook of their own and moved across (their styles renumbered, their strings inline), so no
 * library ever reads the person's parts, and the cost is one pass over the parts we change.
 */
import { createFormatter } from "../../engine/format";
import type { Language, ValidationResult } from "../../engine/types";
import { findingsSheetLayout } from "../../layouts/findings";
import { describeSummaryInputs } from "../../layouts/inputs";
import type { GeneratedSheetKind, SheetLayout } from "../../layouts/layout";
import { planGeneratedSheetNames, sameSheetName } from "../../layouts/names";
import { generatedSheetsOf, markerNotices } from "../../layouts/ownership";
import { summaryLayouts } from "../../layouts/summary";
import { flagsFromFindings, isWorkbookError, WorkbookError } from "../gateway";
import { cellMarks, FLAG_FORMATS, isOurAnnotation, type CellMark } from "../flagMarks";
import { editWorksheet, rewriteGeneratedSheet, sharedStringItems, surveyWorksheet } from "./copyCells";
import { editComments, editVml, newVml, threadedRefs, vmlBlocks, type NoteToWrite } from "./copyNotes";
import { minimalStylesPart, StylesEditor, StylesPart } from "./copyStyles";
import { editWorkbookPart, WorkbookPart, type NewName, type NewSheet } from "./copyWorkbook";
import { MAX_ANNOTATE_CELLS } from "./limits";
import {
  CONTENT_TYPES,
  NAMESPACES,
  relationshipKind,
  relationshipType,
  relationshipsWith,
  relativeTarget,
  relsPartOf,
  XlsxPackage,
} from "./package";
import { joinChunks, PackageCopy } from "./packageCopy";
import { readWorkbookSnapshot } from "./read";
import { applyLayouts, finishPackage } from "./writeLayout";
import { scanXml, Splicer, XmlEditError } from "./xmlEdit";

export interface AnnotateOptions {
  language: Language;
  /** Also write the 營運摘要 / Summary sheet. */
  summary: boolean;
  /** The checked file's name and who checked, for 檢核結果's title block (lines to fill in when absent). */
  fileName?: string;
  checkedBy?: string;
}

/** The kind of file a copy is: the input's own kind, macros and all. */
export type WorkbookExtension = "xlsx" | "xlsm" | "xltx" | "xltm";

export interface AnnotatedCopy {
  /** The copy as zip chunks, in order (most of them views of the input's bytes). */
  chunks: Uint8Array[];
  /** The copy whole (joined when first asked for). */
  readonly bytes: Uint8Array;
  /** One line each, in the chosen language: sheets renamed, markers not trusted, notes not written. */
  warnings: string[];
  /** What the copy is, from its workbook part's content type: it is named for this. */
  extension: WorkbookExtension;
}

/** A part the copy reads whole (workbook, styles, a sheet, its notes) is at most this much XML. */
export const MAX_COPIED_PART_BYTES = 64 * 1024 * 1024;

export const WORKBOOK_CONTENT_TYPES: Readonly<Record<string, WorkbookExtension>> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": "xltm",
};

const THREADED_COMMENTS = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment";

interface Bilingual {
  "zh-TW": string;
  en: string;
}

/** What is being copied, for the message when it cannot be. */
class Stage {
  what: Bilingual = { "zh-TW": "活頁簿", en: "the workbook" };
  part = "";

  set(part: string, zh: string, en: string): void {
    this.part = part;
    this.what = { "zh-TW": zh, en };
  }
}

function tooLargeToAnnotate(language: Language): WorkbookError {
  const limit = MAX_ANNOTATE_CELLS.toLocaleString("en-US");
  return new WorkbookError(
    "too-large",
    language === "zh-TW"
      ? `活頁簿超過 ${limit} 個儲存格，超出標註副本的上限；檢核已完成，但未寫入標註副本。`
      : `The workbook has more than ${limit} cells, the most an annotated copy is made from; the check is complete, but no copy was written.`,
  );
}

/** A part's text, refused beyond what the copy reads whole. */
function readWhole(pkg: PackageCopy, part: string, language: Language, keep = true): string {
  const size = pkg.sizeOf(part) ?? 0;
  if (size > MAX_COPIED_PART_BYTES) {
    const limit = `${MAX_COPIED_PART_BYTES / 1024 / 1024} MiB`;
    throw new WorkbookError(
      "too-large",
      language === "zh-TW"
        ? `${part} 超過 ${limit}，超出標註副本的上限；檢核已完成，但未寫入標註副本。`
        : `${part} is over ${limit}, the most of one part an annotated copy is made from; the check is complete, but no copy was written.`,
    );
  }
  const text = keep ? pkg.text(part) : pkg.peekText(part);
  if (text === undefined) throw new XmlEditError(`${part}: missing`);
  return text;
}

/** What kind of file the workbook in `data` is (xlsx when its content type says nothing known). */
export function workbookExtension(data: Uint8Array): WorkbookExtension {
  const pkg = PackageCopy.open(data);
  return WORKBOOK_CONTENT_TYPES[pkg.contentTypeOf(pkg.workbookPart()) ?? ""] ?? "xlsx";
}

interface SourceSheet {
  name: string;
  index: number;
  sheetId: number;
  part: string;
  kind: string;
}

/**
 * Writes the annotated copy of `data` (an .xlsx) for `result` (the findings on that workbook).
 * Never modifies `data`. Throws WorkbookError: "too-large" past the copy's limits, the reader's
 * refusals for a damaged package, "write-failed" (naming what could not be copied) for a part
 * the copy cannot edit safely.
 */
export async function writeAnnotatedCopy(data: Uint8Array, result: ValidationResult, options: AnnotateOptions): Promise<AnnotatedCopy> {
  const stage = new Stage();
  try {
    return await annotate(data, result, options, stage);
  } catch (error) {
    if (isWorkbookError(error)) throw error;
    const detail = error instanceof XmlEditError ? error.message : undefined;
    const at = stage.part ? ` (${stage.part})` : "";
    throw new WorkbookError(
      "write-failed",
      options.language === "zh-TW"
        ? `未寫入標註副本：無法複製${stage.what["zh-TW"]}${at}`
        : `no annotated copy was written: ${stage.what.en}${at} could not be copied`,
      detail,
    );
  }
}

async function annotate(data: Uint8Array, result: ValidationResult, options: AnnotateOptions, stage: Stage): Promise<AnnotatedCopy> {
  const { language } = options;
  const warnings: string[] = [];
  const pkg = PackageCopy.open(data);
  const workbookPart = pkg.workbookPart();
  stage.set(workbookPart, "活頁簿的工作表清單", "the workbook's list of sheets");
  const workbook = new WorkbookPart(readWhole(pkg, workbookPart, language), workbookPart);
  const strict = workbook.ns === NAMESPACES.strictMain;
  const workbookRels = pkg.relationships(workbookPart);
  const relationshipById = new Map(workbookRels.map((relationship) => [relationship.id, relationship]));
  const sheets: SourceSheet[] = workbook.sheets.map((sheet, index) => {
    const relationship = relationshipById.get(sheet.relationshipId);
    return {
      name: sheet.name,
      index,
      sheetId: sheet.sheetId,
      part: relationship ? (pkg.targetOf(workbookPart, relationship) ?? "") : "",
      kind: relationship ? (relationshipKind(relationship.type) ?? "") : "",
    };
  });
  const extension = WORKBOOK_CONTENT_TYPES[pkg.contentTypeOf(workbookPart) ?? ""] ?? "xlsx";

  // Which sheets are ours: only those whose marker and name agree.
  const ownership = generatedSheetsOf(
    sheets.map((sheet) => ({ name: sheet.name, worksheet: sheet.kind === "worksheet" })),
    workbook.names.map((name) => ({
      name: name.name,
      scope: name.localSheetId === null ? null : (sheets[name.localSheetId]?.name ?? ""),
      formula: name.formula,
    })),
  );
  const kinds: GeneratedSheetKind[] = options.summary ? ["findings", "summary", "summaryCalc"] : ["findings"];
  const plan = planGeneratedSheetNames(
    kinds,
    sheets.map((sheet) => sheet.name),
    ownership.marked,
    language,
  );
  const replaced = new Map<GeneratedSheetKind, SourceSheet>();
  for (const kind of kinds) {
    const name = ownership.marked[kind];
    const sheet = name === undefined ? undefined : sheets.find((candidate) => candidate.name === name);
    if (sheet && plan.replace.some((replace) => sameSheetName(replace, sheet.name))) replaced.set(kind, sheet);
  }
  const isReplaced = (sheet: SourceSheet) => [...replaced.values()].includes(sheet);
  const personSheets = sheets.filter((sheet) => !isReplaced(sheet));
  warnings.push(...plan.notices, ...markerNotices(ownership.problems, Object.fromEntries(kinds.map((kind) => [kind, plan.names[kind]])), language));

  // The cell limit, counted in the person's worksheets.
  let cells = 0;
  const legacyDrawings = new Map<SourceSheet, string | null>();
  for (const sheet of personSheets) {
    if (sheet.kind !== "worksheet" || !sheet.part) continue;
    stage.set(sheet.part, `工作表「${sheet.name}」`, `the sheet "${sheet.name}"`);
    const survey = surveyWorksheet(readWhole(pkg, sheet.part, language, false), sheet.part, cells, MAX_ANNOTATE_CELLS, () => tooLargeToAnnotate(language));
    cells = survey.cells;
    legacyDrawings.set(sheet, survey.legacyDrawing);
  }

  // Our sheets, in a workbook of their own.
  stage.set("", "產生的工作表", "the generated sheets");
  const layouts: SheetLayout[] = [
    findingsSheetLayout(result, language, {
      sheetName: plan.names.findings,
      existingSheets: personSheets.map((sheet) => sheet.name),
      ...(options.fileName !== undefined ? { fileName: options.fileName } : {}),
      ...(options.checkedBy !== undefined ? { checkedBy: options.checkedBy } : {}),
    }),
  ];
  if (options.summary) {
    const snapshot = await readWorkbookSnapshot(data);
    const inputs = describeSummaryInputs(snapshot, result);
    layouts.push(...summaryLayouts(result, language, inputs, { sheetNames: { summary: plan.names.summary, summaryCalc: plan.names.summaryCalc } }));
  }
  const generated = await generatedSheets(layouts, warnings, language);

  // Styles: the person's, with our fills and our sheets' styles appended.
  const stylesRelationship = workbookRels.find((relationship) => relationshipKind(relationship.type) === "styles");
  const stylesPart = stylesRelationship ? pkg.targetOf(workbookPart, stylesRelationship) : undefined;
  stage.set(stylesPart ?? "", "活頁簿的樣式", "the workbook's styles");
  const styles = new StylesEditor(new StylesPart(stylesPart ? readWhole(pkg, stylesPart, language) : minimalStylesPart(workbook.ns), stylesPart ?? "xl/styles.xml"));

  // Flags and notes on the person's sheets.
  const format = createFormatter(result);
  const marksBySheet = new Map<SourceSheet, CellMark[]>();
  for (const mark of cellMarks(flagsFromFindings(result.findings, (finding) => format(finding, language)))) {
    if (mark.row > 1048576 || mark.column > 16384) continue;
    const sheet = personSheets.find((candidate) => candidate.kind === "worksheet" && sameSheetName(candidate.name, mark.sheet));
    if (!sheet?.part) continue;
    const list = marksBySheet.get(sheet) ?? [];
    list.push(mark);
    marksBySheet.set(sheet, list);
  }
  const notes = new NoteWriter(pkg, workbook.ns, strict, language, warnings);
  for (const sheet of personSheets) {
    if (sheet.kind !== "worksheet" || !sheet.part) continue;
    const marks = marksBySheet.get(sheet) ?? [];
    stage.set(sheet.part, `工作表「${sheet.name}」的註解`, `the notes of the sheet "${sheet.name}"`);
    const legacyDrawing = notes.write(sheet, marks, legacyDrawings.get(sheet) ?? null);
    if (marks.length === 0 && legacyDrawing === undefined) continue;
    stage.set(sheet.part, `工作表「${sheet.name}」`, `the sheet "${sheet.name}"`);
    const xml = readWhole(pkg, sheet.part, language);
    const edited = editWorksheet(xml, sheet.part, {
      cells: marks.map((mark) => ({ row: mark.row, column: mark.column, style: (current: number) => styles.withFill(current, FLAG_FORMATS[mark.style].fill.slice(1).toUpperCase()) })),
      ...(legacyDrawing ? { legacyDrawing } : {}),
    });
    pkg.write(sheet.part, edited);
  }

  // Our old sheets out, the new ones in (in their places).
  stage.set("", "先前產生的工作表", "the sheets generated earlier");
  for (const sheet of replaced.values()) removeSheet(pkg, workbookPart, workbook.sheets[sheet.index]!.relationshipId, sheet.part);
  if (replaced.size > 0) removeCalcChain(pkg, workbookPart);
  stage.set("", "產生的工作表", "the generated sheets");
  const moved = transplant(pkg, workbookPart, generated, styles, strict);
  let sheetId = Math.max(0, ...sheets.map((sheet) => sheet.sheetId));
  const newSheets: NewSheet[] = [];
  const indexOf = new Map<string, number>();
  let appended = sheets.length;
  for (const layout of layouts) {
    const kind = layout.kind as GeneratedSheetKind;
    const old = replaced.get(kind);
    sheetId += 1;
    newSheets.push({ name: layout.name, sheetId, relationshipId: moved.get(layout.name)!, hidden: layout.hidden === true, replaces: old ? old.index : null });
    indexOf.set(layout.name.toLowerCase(), old ? old.index : appended++);
  }

  // Names: ours (markers, filters) in; the ones they replace, and those of replaced sheets, out.
  const generatedWorkbook = new WorkbookPart(generated.text(generated.workbookPart())!, "generated workbook");
  const addNames: NewName[] = generatedWorkbook.names.map((name) => {
    const sheet = name.localSheetId === null ? null : generatedWorkbook.sheets[name.localSheetId]!.name;
    return { name: name.name, localSheetId: sheet === null ? null : indexOf.get(sheet.toLowerCase())!, hidden: name.hidden, formula: name.formula };
  });
  const replacedIndexes = new Set([...replaced.values()].map((sheet) => sheet.index));
  const removeNames = new Set<number>();
  workbook.names.forEach((name, index) => {
    if (name.localSheetId !== null && replacedIndexes.has(name.localSheetId)) removeNames.add(index);
    const clash = addNames.some(
      (added) => added.name.toLowerCase() === name.name.toLowerCase() && (added.localSheetId ?? -1) === (name.localSheetId ?? -1),
    );
    if (clash) removeNames.add(index);
  });
  stage.set(workbookPart, "活頁簿的工作表清單", "the workbook's list of sheets");
  pkg.write(workbookPart, editWorkbookPart(workbook, { sheets: newSheets, removeNames, addNames, fullCalcOnLoad: options.summary }));

  if (styles.changed) {
    stage.set(stylesPart ?? "xl/styles.xml", "活頁簿的樣式", "the workbook's styles");
    const part = stylesPart ?? pkg.freePartName("xl/styles", ".xml");
    pkg.write(part, styles.finish());
    if (!stylesPart) {
      pkg.addRelationship(workbookPart, relationshipType("styles", strict), part);
      pkg.addContentTypeOverride(part, CONTENT_TYPES.styles);
    }
  }
  stage.set("", "活頁簿", "the workbook");
  const chunks = pkg.toChunks();
  let whole: Uint8Array | undefined;
  return {
    chunks,
    get bytes() {
      whole ??= joinChunks(chunks);
      return whole;
    },
    warnings,
    extension,
  };
}

// ---------------------------------------------------------------------------------------------
// Our sheets, written by ExcelJS in a workbook of their own.

/** The layouts as a package of their own (ExcelJS, then our links, charts and names). */
export async function generatedSheets(layouts: readonly SheetLayout[], warnings: string[], language: Language): Promise<XlsxPackage> {
  const heard: unknown[][] = [];
  const bytes = await quietly(heard, async () => {
    const ExcelJS = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    const applied = applyLayouts(workbook, layouts);
    return finishPackage(new Uint8Array(await workbook.xlsx.writeBuffer()), { applied });
  });
  if (heard.length > 0) {
    warnings.push(
      language === "zh-TW"
        ? "寫入檢核結果工作表時，試算表程式庫回報了問題；請在 Excel 檢查產生的工作表。"
        : "The spreadsheet library reported a problem while writing the generated sheets; check them in Excel.",
    );
  }
  return XlsxPackage.open(bytes);
}

type ConsoleMethod = "log" | "info" | "warn" | "error" | "debug";

/**
 * Runs `work` with the console's output taken into `heard`: a library's messages (ExcelJS warns
 * on the console) never reach the person's terminal raw; the caller says what they mean.
 */
async function quietly<T>(heard: unknown[][], work: () => Promise<T>): Promise<T> {
  const methods: ConsoleMethod[] = ["log", "info", "warn", "error", "debug"];
  const saved = methods.map((method) => console[method]);
  for (const method of methods) console[method] = (...args: unknown[]) => void heard.push(args);
  try {
    return await work();
  } finally {
    methods.forEach((method, index) => (console[method] = saved[index]!));
  }
}

const STRICT_NAMESPACES: Readonly<Record<string, string>> = {
  [NAMESPACES.main]: NAMESPACES.strictMain,
  [NAMESPACES.r]: NAMESPACES.strictR,
  "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
  "http://schemas.openxmlformats.org/drawingml/2006/chart": "http://purl.oclc.org/ooxml/drawingml/chart",
  "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
};

/** A part we generated, its namespace declarations moved to strict OOXML's. */
function toStrict(xml: string, part: string): string {
  const splicer = new Splicer();
  scanXml(xml, part, (tag) => {
    for (const attribute of tag.attributes) {
      if (attribute.qname !== "xmlns" && !attribute.qname.startsWith("xmlns:")) continue;
      const strict = STRICT_NAMESPACES[attribute.raw];
      if (strict) splicer.replace(attribute.valueStart, attribute.valueEnd, strict);
    }
  });
  return splicer.apply(xml);
}

/** `xl/drawings/drawing3.xml` → ["xl/drawings/drawing", ".xml"]. */
function namePattern(part: string): [string, string] {
  const dot = part.lastIndexOf(".");
  let end = dot < 0 ? part.length : dot;
  while (end > 0 && part[end - 1]! >= "0" && part[end - 1]! <= "9") end -= 1;
  return [part.slice(0, end), dot < 0 ? "" : part.slice(dot)];
}

/**
 * Moves the generated sheets into the person's package: each sheet part (styles renumbered,
 * strings inline) and the parts it refers to (drawing, charts) under free names, with their
 * content types; a workbook relationship each. Returns sheet name → relationship id.
 */
export function transplant(pkg: PackageCopy, workbookPart: string, generated: XlsxPackage, styles: StylesEditor, strict: boolean): Map<string, string> {
  const stylesName = generated.relationships(generated.workbookPart()).find((relationship) => relationshipKind(relationship.type) === "styles");
  const source = new StylesPart(generated.text(generated.targetOf(generated.workbookPart(), stylesName!)!)!, "generated styles");
  const stringsPart = generated.find("xl/sharedStrings.xml");
  const strings = stringsPart ? sharedStringItems(generated.text(stringsPart)!, stringsPart) : [];
  const ids = new Map<string, string>();
  const copyTree = (from: string, to: string, text: string): void => {
    pkg.write(to, strict ? toStrict(text, to) : text);
    const contentType = generated.contentTypeOf(from);
    if (contentType) pkg.addContentTypeOverride(to, contentType);
    let rels: string | undefined;
    for (const relationship of generated.relationships(from)) {
      const target = generated.targetOf(from, relationship);
      if (!target) throw new XmlEditError(`${from}: a relationship the copy does not carry (${relationship.type})`);
      const [prefix, suffix] = namePattern(target);
      const copy = pkg.freePartName(prefix, suffix);
      copyTree(target, copy, generated.text(target)!);
      const kind = relationshipKind(relationship.type);
      const type = kind === null ? relationship.type : relationshipType(kind, strict);
      rels = relationshipsWith(rels, relsPartOf(to), { id: relationship.id, type, target: relativeTarget(to, copy) });
    }
    if (rels !== undefined) pkg.write(relsPartOf(to), rels);
  };
  for (const sheet of generated.sheets()) {
    const text = rewriteGeneratedSheet(generated.text(sheet.part)!, sheet.part, (index) => styles.importXf(source, index), strings);
    const part = pkg.freePartName("xl/worksheets/sheet", ".xml");
    copyTree(sheet.part, part, text);
    pkg.addContentTypeOverride(part, CONTENT_TYPES.worksheet);
    ids.set(sheet.name, pkg.addRelationship(workbookPart, relationshipType("worksheet", strict), part));
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Removing our old sheets.

/** The part a .rels part belongs to ("" for the package's own). */
function sourceOfRels(rels: string): string {
  const slash = rels.lastIndexOf("_rels/");
  return `${rels.slice(0, slash)}${rels.slice(slash + "_rels/".length, -".rels".length)}`;
}

/** Removes a sheet of ours: its relationship, its part and the parts only it refers to. */
export function removeSheet(pkg: PackageCopy, workbookPart: string, relationshipId: string, part: string): void {
  pkg.removeRelationship(workbookPart, relationshipId);
  const doomed = new Set<string>();
  const visit = (name: string) => {
    const stored = pkg.find(name);
    if (stored === undefined || doomed.has(stored.toLowerCase())) return;
    doomed.add(stored.toLowerCase());
    for (const relationship of pkg.relationships(stored)) {
      const target = pkg.targetOf(stored, relationship);
      if (target) visit(target);
    }
  };
  visit(part);
  // A part something else still refers to stays.
  for (const rels of pkg.names().filter((name) => name.toLowerCase().endsWith(".rels"))) {
    const owner = sourceOfRels(rels);
    if (doomed.has(owner.toLowerCase())) continue;
    for (const relationship of pkg.relationships(owner)) {
      const target = pkg.targetOf(owner, relationship);
      if (target) doomed.delete(target.toLowerCase());
    }
  }
  for (const name of doomed) {
    const stored = pkg.find(name)!;
    pkg.remove(relsPartOf(stored));
    pkg.removeContentTypeOverride(stored);
    pkg.remove(stored);
  }
}

/** The calculation chain names cells of sheets by id; with sheets replaced, Excel rebuilds it. */
export function removeCalcChain(pkg: PackageCopy, workbookPart: string): void {
  for (const relationship of pkg.relationships(workbookPart)) {
    if (relationshipKind(relationship.type) !== "calcChain") continue;
    const target = pkg.targetOf(workbookPart, relationship);
    pkg.removeRelationship(workbookPart, relationship.id);
    if (target) {
      pkg.removeContentTypeOverride(target);
      pkg.remove(target);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Notes.

class NoteWriter {
  private nextBlock: number | null = null;

  constructor(
    private readonly pkg: PackageCopy,
    private readonly ns: string,
    private readonly strict: boolean,
    private readonly language: Language,
    private readonly warnings: string[],
  ) {}

  /** A shape-id block no VML part of the package uses. */
  private block(): number {
    if (this.nextBlock === null) {
      let highest = 0;
      for (const name of this.pkg.names().filter((candidate) => candidate.toLowerCase().endsWith(".vml"))) {
        try {
          highest = Math.max(highest, ...vmlBlocks(readWhole(this.pkg, name, this.language, false), name));
        } catch (error) {
          if (!(error instanceof XmlEditError)) throw error;
        }
      }
      this.nextBlock = highest + 1;
    }
    return this.nextBlock++;
  }

  /**
   * Writes the sheet's notes: ours for `marks`, earlier ones of ours out. `legacyId` is the
   * relationship of the sheet's legacyDrawing, if it has one. Returns the legacyDrawing element
   * the sheet needs when its VML part is new.
   */
  write(sheet: SourceSheet, marks: readonly CellMark[], legacyId: string | null): ((prefix: string) => string) | undefined {
    const { pkg, language } = this;
    const rels = pkg.relationships(sheet.part);
    const byKind = (kind: string) => rels.find((relationship) => relationshipKind(relationship.type) === kind);
    const commentsRelationship = byKind("comments");
    const commentsPart = commentsRelationship ? pkg.targetOf(sheet.part, commentsRelationship) : undefined;
    const commentsXml = commentsPart ? readWhole(pkg, commentsPart, language) : undefined;
    if (marks.length === 0 && (commentsXml === undefined || !isOurAnnotation(commentsXml))) return undefined;

    const threaded = rels.find((relationship) => relationship.type === THREADED_COMMENTS);
    const threadedPart = threaded ? pkg.targetOf(sheet.part, threaded) : undefined;
    const skip = threadedPart ? threadedRefs(readWhole(pkg, threadedPart, language), threadedPart) : new Set<string>();
    const skipped = marks.filter((mark) => skip.has(mark.cell)).length;
    if (skipped > 0) {
      this.warnings.push(
        language === "zh-TW"
          ? `工作表「${sheet.name}」有 ${skipped} 個標示的儲存格已有交談式註解，未加上附註；其檢核結果見檢核結果工作表。`
          : `${skipped} flagged cell(s) on the sheet "${sheet.name}" have threaded comments, so no note was added there; their findings are in the findings sheet.`,
      );
    }
    const toWrite: NoteToWrite[] = marks.map((mark) => ({ ref: mark.cell, row: mark.row, column: mark.column, text: mark.note }));

    const vmlRelationship = legacyId === null ? byKind("vmlDrawing") : rels.find((relationship) => relationship.id === legacyId);
    const vmlPart = vmlRelationship ? pkg.targetOf(sheet.part, vmlRelationship) : undefined;

    const commentsName = commentsPart ?? pkg.freePartName("xl/comments", ".xml");
    let vml: { part: string; xml: string; created: boolean } | null = null;
    let edit: ReturnType<typeof editComments>;
    try {
      edit = editComments(commentsXml, commentsName, toWrite, this.ns, skip);
      if (edit.xml === commentsXml && edit.newShapes.length === 0) return undefined;
      if (vmlPart) vml = { part: vmlPart, xml: editVml(readWhole(pkg, vmlPart, language), vmlPart, edit.removedShapes, edit.newShapes, 0), created: false };
      else if (edit.newShapes.length > 0) {
        const block = this.block();
        const part = pkg.freePartName("xl/drawings/vmlDrawing", ".vml");
        vml = { part, xml: editVml(newVml(block), part, [], edit.newShapes, block), created: true };
      }
    } catch (error) {
      if (!(error instanceof XmlEditError)) throw error;
      // Notes we cannot edit safely: no note changes on this sheet, the fills still go on.
      this.warnings.push(
        language === "zh-TW"
          ? `工作表「${sheet.name}」的附註圖層無法安全編輯，未加上附註；其檢核結果見檢核結果工作表。`
          : `The notes layer of the sheet "${sheet.name}" could not be edited safely, so no notes were added there; the findings are in the findings sheet.`,
      );
      return undefined;
    }

    if (edit.xml === null) {
      pkg.removeRelationship(sheet.part, commentsRelationship!.id);
      pkg.removeContentTypeOverride(commentsName);
      pkg.remove(commentsName);
    } else {
      pkg.write(commentsName, edit.xml);
      if (!commentsPart) {
        pkg.addRelationship(sheet.part, relationshipType("comments", this.strict), commentsName);
        pkg.addContentTypeOverride(commentsName, CONTENT_TYPES.comments);
      }
    }
    if (!vml) return undefined;
    pkg.write(vml.part, vml.xml);
    if (!vml.created) return undefined;
    pkg.addContentTypeDefault("vml", CONTENT_TYPES.vml);
    const id = pkg.addRelationship(sheet.part, relationshipType("vmlDrawing", this.strict), vml.part);
    const relationshipsNs = this.strict ? NAMESPACES.strictR : NAMESPACES.r;
    return (prefix: string) => `<${prefix}legacyDrawing xmlns:r="${relationshipsNs}" r:id="${id}"/>`;
  }
}
