/**
 * The workbook part of the annotated copy: its sheets and defined names as written, read with
 * their positions, and changed in place — a sheet of ours replaced where it stood, new sheets
 * after the person's, our names in, the names of what we replace out, and a full recalculation
 * on load when we add formulas.
 */
import { escapeXml } from "../xmlText";
import { NAMESPACES } from "./package";
import { attributeValue, editStartTag, elementsOf, openingOf, Splicer, textContent, XmlEditError, type XmlElementSpan } from "./xmlEdit";

/** Children of workbook, in the schema's order. */
const ORDER = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "appStartup",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

export interface WorkbookSheet {
  name: string;
  sheetId: number;
  relationshipId: string;
  state: string;
  span: XmlElementSpan;
}

export interface WorkbookName {
  name: string;
  /** The sheet index of a sheet-level name; null for a workbook-level one. */
  localSheetId: number | null;
  /** What it refers to, decoded. */
  formula: string;
  hidden: boolean;
  span: XmlElementSpan;
}

export class WorkbookPart {
  readonly root: XmlElementSpan;
  readonly ns: string;
  /** The namespace of r:id attributes (transitional or strict, as the root's). */
  readonly relationshipsNs: string;
  readonly sheets: WorkbookSheet[] = [];
  readonly names: WorkbookName[] = [];
  sheetsElement: XmlElementSpan | null = null;
  definedNames: XmlElementSpan | null = null;
  calcPr: XmlElementSpan | null = null;
  private readonly children: { local: string; start: number }[] = [];

  constructor(
    readonly xml: string,
    readonly part: string,
  ) {
    const spans = elementsOf(xml, part, (tag) => tag.depth <= 2);
    const root = spans[0];
    if (!root || root.open.local !== "workbook" || (root.open.ns !== NAMESPACES.main && root.open.ns !== NAMESPACES.strictMain)) {
      throw new XmlEditError(`${part}: not a workbook part`);
    }
    this.root = root;
    this.ns = root.open.ns;
    this.relationshipsNs = this.ns === NAMESPACES.strictMain ? NAMESPACES.strictR : NAMESPACES.r;
    for (const span of spans.slice(1)) {
      const { open } = span;
      if (open.ns !== this.ns) {
        if (open.depth === 1) this.children.push({ local: "", start: open.start });
        continue;
      }
      if (open.depth === 1) {
        this.children.push({ local: open.local, start: open.start });
        if (open.local === "sheets") this.sheetsElement ??= span;
        if (open.local === "definedNames") this.definedNames ??= span;
        if (open.local === "calcPr") this.calcPr ??= span;
        continue;
      }
      if (open.local === "sheet" && this.sheetsElement && open.start < this.sheetsElement.end) {
        this.sheets.push({
          name: attributeValue(open, "name") ?? "",
          sheetId: Number(attributeValue(open, "sheetId")) || 0,
          relationshipId: attributeValue(open, "id", NAMESPACES.r) ?? attributeValue(open, "id", NAMESPACES.strictR) ?? "",
          state: attributeValue(open, "state") ?? "visible",
          span,
        });
      } else if (open.local === "definedName" && this.definedNames && open.start < this.definedNames.end) {
        const local = attributeValue(open, "localSheetId");
        this.names.push({
          name: attributeValue(open, "name") ?? "",
          localSheetId: local === undefined ? null : Number(local),
          formula: textContent(xml, span.innerStart, span.innerEnd),
          hidden: ["1", "true"].includes(attributeValue(open, "hidden") ?? ""),
          span,
        });
      }
    }
    if (!this.sheetsElement) throw new XmlEditError(`${part}: no sheets`);
  }

  get prefix(): string {
    return this.root.open.prefix === "" ? "" : `${this.root.open.prefix}:`;
  }

  /** Where a missing child `local` goes: before the first later child present, else before the end tag. */
  insertionPoint(local: string): number {
    const rank = ORDER.indexOf(local);
    const later = this.children.find((child) => child.local !== "" && ORDER.indexOf(child.local) > rank);
    if (later) return later.start;
    if (!this.root.close) throw new XmlEditError(`${this.part}: an empty workbook element`);
    return this.root.close.start;
  }
}

export interface NewSheet {
  name: string;
  sheetId: number;
  relationshipId: string;
  hidden: boolean;
  /** The index of a sheet of ours it takes the place of; null to add it after the others. */
  replaces: number | null;
}

export interface NewName {
  name: string;
  localSheetId: number | null;
  hidden: boolean;
  /** The formula text (plain, escaped here). */
  formula: string;
}

export interface WorkbookChanges {
  sheets: readonly NewSheet[];
  /** Indexes into `names` of the existing names to remove. */
  removeNames: ReadonlySet<number>;
  addNames: readonly NewName[];
  fullCalcOnLoad: boolean;
}

/** The workbook part with `changes` made; everything else as written. */
export function editWorkbookPart(workbook: WorkbookPart, changes: WorkbookChanges): string {
  const { xml } = workbook;
  const splicer = new Splicer();
  const p = workbook.prefix;
  const sheetElement = (sheet: NewSheet) => {
    const relationshipPrefix = workbook.root.open.prefixFor(workbook.relationshipsNs);
    const id =
      relationshipPrefix !== undefined && relationshipPrefix !== ""
        ? `${relationshipPrefix}:id="${escapeXml(sheet.relationshipId)}"`
        : `xmlns:r="${workbook.relationshipsNs}" r:id="${escapeXml(sheet.relationshipId)}"`;
    return `<${p}sheet name="${escapeXml(sheet.name)}" sheetId="${sheet.sheetId}"${sheet.hidden ? ' state="hidden"' : ""} ${id}/>`;
  };
  const appended: string[] = [];
  for (const sheet of changes.sheets) {
    if (sheet.replaces === null) appended.push(sheetElement(sheet));
    else {
      const old = workbook.sheets[sheet.replaces]!;
      splicer.replace(old.span.open.start, old.span.end, sheetElement(sheet));
    }
  }
  const sheets = workbook.sheetsElement!;
  if (appended.length > 0) {
    if (sheets.close) splicer.insert(sheets.close.start, appended.join(""));
    else splicer.replace(sheets.open.start, sheets.open.end, `${openingOf(xml.slice(sheets.open.start, sheets.open.end))}${appended.join("")}</${sheets.open.qname}>`);
  }

  const names = changes.addNames
    .map(
      (name) =>
        `<${p}definedName name="${escapeXml(name.name)}"${name.localSheetId === null ? "" : ` localSheetId="${name.localSheetId}"`}${name.hidden ? ' hidden="1"' : ""}>${escapeXml(name.formula)}</${p}definedName>`,
    )
    .join("");
  const element = workbook.definedNames;
  if (element && !names && changes.removeNames.size === workbook.names.length && workbook.names.length > 0) {
    // An empty definedNames element is not allowed: it goes with its last name.
    splicer.replace(element.open.start, element.end, "");
  } else {
    for (const index of changes.removeNames) {
      const name = workbook.names[index]!;
      splicer.replace(name.span.open.start, name.span.end, "");
    }
    if (!names) {
      // Nothing to add.
    } else if (!element) splicer.insert(workbook.insertionPoint("definedNames"), `<${p}definedNames>${names}</${p}definedNames>`);
    else if (element.close) splicer.insert(element.close.start, names);
    else splicer.replace(element.open.start, element.open.end, `${openingOf(xml.slice(element.open.start, element.open.end))}${names}</${element.open.qname}>`);
  }

  if (changes.fullCalcOnLoad) {
    const calcPr = workbook.calcPr;
    if (calcPr) splicer.replace(calcPr.open.start, calcPr.open.end, editStartTag(xml, calcPr.open, new Map([["fullCalcOnLoad", "1"]])));
    else splicer.insert(workbook.insertionPoint("calcPr"), `<${p}calcPr fullCalcOnLoad="1"/>`);
  }
  return splicer.apply(xml);
}
