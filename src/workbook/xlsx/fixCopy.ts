/**
 * The fixed copy (`alliance-check fix IN --out OUT`): the person's package with the cells that
 * quick fixes changed rewritten in place, and a 修正紀錄 / Fix log sheet (marked as ours, so a later
 * fix replaces it). Like the annotated copy (annotate.ts), every part not changed is copied as
 * its compressed bytes, and in a changed worksheet only the changed `<c>` elements differ.
 *
 * A cell is written as what the fix says: a number as `<v>`, text as an inline string (never a
 * formula, whatever it starts with), a formula as `<f>` with its computed value cached in `<v>`
 * (a formula left as it was keeps its `<f>` exactly, shared-formula attributes and all). A number
 * format "@" (a 統一編號 restored as text) gives the cell a copy of its style with the text format.
 */
import { parseA1 } from "../../engine/address";
import { isCellError, type CellContent, type Language } from "../../engine/types";
import { fixLogSheetLayout, type FixLogEntry } from "../../layouts/fixLog";
import { planGeneratedSheetNames, sameSheetName } from "../../layouts/names";
import { generatedSheetsOf, markerNotices } from "../../layouts/ownership";
import { isWorkbookError, WorkbookError } from "../gateway";
import { generatedSheets, removeCalcChain, removeSheet, transplant, WORKBOOK_CONTENT_TYPES, type WorkbookExtension } from "./annotate";
import { editWorksheet, isSpreadsheetMl } from "./copyCells";
import { minimalStylesPart, StylesEditor, StylesPart } from "./copyStyles";
import { editWorkbookPart, WorkbookPart, type NewName, type NewSheet } from "./copyWorkbook";
import { CONTENT_TYPES, NAMESPACES, relationshipKind, relationshipType } from "./package";
import { joinChunks, PackageCopy } from "./packageCopy";
import { editStartTag, elementsOf, openingOf, Splicer, XmlEditError, type XmlElementSpan } from "./xmlEdit";

/** One cell of the copy: what it holds in the input, and what it holds in the copy. */
export interface CellChange {
  sheet: string;
  cell: string;
  before: CellContent;
  after: CellContent;
}

export interface FixedCopyOptions {
  language: Language;
  /** The rows of the Fix log sheet. */
  log: readonly FixLogEntry[];
  /** Ask Excel to recalculate when it opens the copy (cells that depend on the changed ones). */
  recalculate: boolean;
}

export interface FixedCopy {
  chunks: Uint8Array[];
  readonly bytes: Uint8Array;
  warnings: string[];
  extension: WorkbookExtension;
}

/** The built-in number format "@" (text). */
const TEXT_FORMAT_ID = 49;

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The children and type attribute of a `<c>` holding `content` (prefix: the cell's own). */
function cellBody(content: CellContent, prefix: string, keptFormula: string | null): { type: string | null; body: string } {
  const value = content.value;
  let formula = "";
  if (keptFormula !== null) formula = keptFormula;
  else if (content.formula !== undefined) formula = `<${prefix}f>${escapeText(content.formula.replace(/^=/, ""))}</${prefix}f>`;
  if (value === null) return { type: null, body: formula };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new XmlEditError("a value that is not a finite number");
    return { type: null, body: `${formula}<${prefix}v>${String(value)}</${prefix}v>` };
  }
  if (typeof value === "boolean") return { type: "b", body: `${formula}<${prefix}v>${value ? 1 : 0}</${prefix}v>` };
  if (isCellError(value)) return { type: "e", body: `${formula}<${prefix}v>${escapeText(value.error)}</${prefix}v>` };
  if (formula !== "") return { type: "str", body: `${formula}<${prefix}v>${escapeText(value)}</${prefix}v>` };
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return { type: "inlineStr", body: `<${prefix}is><${prefix}t${space}>${escapeText(value)}</${prefix}t></${prefix}is>` };
}

/**
 * The worksheet with the cells of `changes` rewritten (they must all exist: editWorksheet made
 * them). Throws XmlEditError for a change the part cannot take safely: a new formula over the
 * first cell of a shared or array formula, which the others read.
 */
export function writeCellContents(xml: string, part: string, changes: readonly CellChange[]): string {
  const byReference = new Map(changes.map((change) => [change.cell, change] as const));
  const cells = elementsOf(xml, part, (tag) => tag.local === "c" && tag.depth === 3 && isSpreadsheetMl(tag.ns) && byReference.has(tag.plain("r") ?? ""));
  const formulas = elementsOf(xml, part, (tag) => tag.local === "f" && tag.depth === 4 && isSpreadsheetMl(tag.ns));
  const others = elementsOf(xml, part, (tag) => tag.depth === 4 && !(isSpreadsheetMl(tag.ns) && ["f", "v", "is"].includes(tag.local)));
  const inside = (outer: XmlElementSpan, inner: XmlElementSpan): boolean => inner.open.start >= outer.innerStart && inner.end <= outer.innerEnd;
  const splicer = new Splicer();
  const done = new Set<string>();
  for (const span of cells) {
    const reference = span.open.plain("r")!;
    const change = byReference.get(reference)!;
    if (done.has(reference)) throw new XmlEditError(`${part}: two cells ${reference}`);
    done.add(reference);
    const prefix = span.open.prefix === "" ? "" : `${span.open.prefix}:`;
    const original = formulas.find((formula) => inside(span, formula));
    let kept: string | null = null;
    if (original) {
      const type = original.open.plain("t");
      const unchanged = change.after.formula !== undefined && change.after.formula === change.before.formula;
      if (unchanged) kept = xml.slice(original.open.start, original.end);
      else if ((type === "shared" || type === "array") && original.open.plain("ref") !== undefined) {
        throw new XmlEditError(`${part}: ${reference} starts a ${type} formula other cells use`);
      }
    }
    const { type, body } = cellBody(change.after, prefix, kept);
    const rest = others.filter((other) => inside(span, other)).map((other) => xml.slice(other.open.start, other.end)).join("");
    const start = editStartTag(xml, span.open, type === null ? new Map() : new Map([["t", type]]), type === null ? ["t", "cm", "vm"] : ["cm", "vm"]);
    splicer.replace(span.open.start, span.end, body === "" && rest === "" ? start : `${openingOf(start)}${body}${rest}</${span.open.qname}>`);
  }
  const missing = changes.find((change) => !done.has(change.cell));
  if (missing) throw new XmlEditError(`${part}: cell ${missing.cell} not found`);
  return splicer.apply(xml);
}

function cannotWrite(language: Language, what: string, detail?: string): WorkbookError {
  return new WorkbookError("write-failed", language === "zh-TW" ? `未寫入修正副本：無法複製${what}` : `no fixed copy was written: ${what} could not be copied`, detail);
}

/**
 * Writes the fixed copy of `data`. Never modifies `data`. Throws WorkbookError: the reader's
 * refusals for a damaged package, "write-failed" for a part the copy cannot edit safely.
 */
export async function writeFixedCopy(data: Uint8Array, changes: readonly CellChange[], options: FixedCopyOptions): Promise<FixedCopy> {
  try {
    return await fixedCopy(data, changes, options);
  } catch (error) {
    if (isWorkbookError(error)) throw error;
    const detail = error instanceof XmlEditError ? error.message : error instanceof Error ? error.message : undefined;
    throw cannotWrite(options.language, options.language === "zh-TW" ? "活頁簿" : "the workbook", detail);
  }
}

async function fixedCopy(data: Uint8Array, changes: readonly CellChange[], options: FixedCopyOptions): Promise<FixedCopy> {
  const { language } = options;
  const warnings: string[] = [];
  const pkg = PackageCopy.open(data);
  const workbookPart = pkg.workbookPart();
  const workbook = new WorkbookPart(pkg.text(workbookPart) ?? "", workbookPart);
  const strict = workbook.ns === NAMESPACES.strictMain;
  const workbookRels = pkg.relationships(workbookPart);
  const relationshipById = new Map(workbookRels.map((relationship) => [relationship.id, relationship]));
  const sheets = workbook.sheets.map((sheet, index) => {
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

  const ownership = generatedSheetsOf(
    sheets.map((sheet) => ({ name: sheet.name, worksheet: sheet.kind === "worksheet" })),
    workbook.names.map((name) => ({ name: name.name, scope: name.localSheetId === null ? null : (sheets[name.localSheetId]?.name ?? ""), formula: name.formula })),
  );
  const plan = planGeneratedSheetNames(["fixLog"], sheets.map((sheet) => sheet.name), ownership.marked, language);
  const oldLog = ownership.marked.fixLog === undefined ? undefined : sheets.find((sheet) => sheet.name === ownership.marked.fixLog && plan.replace.some((name) => sameSheetName(name, sheet.name)));
  const personSheets = sheets.filter((sheet) => sheet !== oldLog);
  warnings.push(...plan.notices, ...markerNotices(ownership.problems, { fixLog: plan.names.fixLog }, language));

  const stylesRelationship = workbookRels.find((relationship) => relationshipKind(relationship.type) === "styles");
  const stylesPart = stylesRelationship ? pkg.targetOf(workbookPart, stylesRelationship) : undefined;
  const styles = new StylesEditor(new StylesPart(stylesPart ? (pkg.text(stylesPart) ?? "") : minimalStylesPart(workbook.ns), stylesPart ?? "xl/styles.xml"));

  // The person's cells.
  const bySheet = new Map<string, CellChange[]>();
  for (const change of changes) bySheet.set(change.sheet, [...(bySheet.get(change.sheet) ?? []), change]);
  let formulasTouched = false;
  for (const [name, list] of bySheet) {
    const sheet = personSheets.find((candidate) => candidate.kind === "worksheet" && candidate.name === name);
    if (!sheet?.part) throw cannotWrite(language, language === "zh-TW" ? `工作表「${name}」` : `the sheet "${name}"`, "no such worksheet");
    try {
      const xml = pkg.text(sheet.part) ?? "";
      const placed = editWorksheet(xml, sheet.part, {
        cells: list.map((change) => {
          const at = parseA1(change.cell)!;
          return { row: at.row, column: at.column, style: (current: number) => (change.after.numberFormat === "@" ? styles.withNumberFormat(current, TEXT_FORMAT_ID) : current) };
        }),
      });
      pkg.write(sheet.part, writeCellContents(placed, sheet.part, list));
    } catch (error) {
      if (isWorkbookError(error)) throw error;
      throw cannotWrite(language, language === "zh-TW" ? `工作表「${name}」` : `the sheet "${name}"`, error instanceof Error ? error.message : undefined);
    }
    if (list.some((change) => change.before.formula !== change.after.formula)) formulasTouched = true;
  }

  // The Fix log: ours out, the new one in (in its place).
  const layout = fixLogSheetLayout(options.log, language, { sheetName: plan.names.fixLog, existingSheets: personSheets.map((sheet) => sheet.name) });
  const generated = await generatedSheets([layout], warnings, language);
  if (oldLog) removeSheet(pkg, workbookPart, workbook.sheets[oldLog.index]!.relationshipId, oldLog.part);
  // The calculation chain lists formula cells by sheet id: with formulas added or removed, or a sheet replaced, Excel rebuilds it.
  if (oldLog || formulasTouched) removeCalcChain(pkg, workbookPart);
  const moved = transplant(pkg, workbookPart, generated, styles, strict);
  const sheetId = Math.max(0, ...sheets.map((sheet) => sheet.sheetId)) + 1;
  const newSheets: NewSheet[] = [{ name: layout.name, sheetId, relationshipId: moved.get(layout.name)!, hidden: false, replaces: oldLog ? oldLog.index : null }];
  const logIndex = oldLog ? oldLog.index : sheets.length;

  const generatedWorkbook = new WorkbookPart(generated.text(generated.workbookPart())!, "generated workbook");
  const addNames: NewName[] = generatedWorkbook.names.map((name) => ({ name: name.name, localSheetId: name.localSheetId === null ? null : logIndex, hidden: name.hidden, formula: name.formula }));
  const removeNames = new Set<number>();
  workbook.names.forEach((name, index) => {
    if (oldLog && name.localSheetId === oldLog.index) removeNames.add(index);
    if (addNames.some((added) => added.name.toLowerCase() === name.name.toLowerCase() && (added.localSheetId ?? -1) === (name.localSheetId ?? -1))) removeNames.add(index);
  });
  pkg.write(workbookPart, editWorkbookPart(workbook, { sheets: newSheets, removeNames, addNames, fullCalcOnLoad: options.recalculate }));

  if (styles.changed) {
    const part = stylesPart ?? pkg.freePartName("xl/styles", ".xml");
    pkg.write(part, styles.finish());
    if (!stylesPart) {
      pkg.addRelationship(workbookPart, relationshipType("styles", strict), part);
      pkg.addContentTypeOverride(part, CONTENT_TYPES.styles);
    }
  }
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
