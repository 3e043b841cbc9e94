/**
 * Notes in the annotated copy, written into the sheet's comments part and its VML drawing (the
 * shape Excel shows for each note). A person's note is kept as written and ours goes below it,
 * as a run of its own; a note this product wrote in an earlier copy (it carries the annotation
 * marker) is taken out first. A cell with a threaded comment keeps it untouched.
 */
import { columnLetters } from "../../engine/address";
import { escapeXml } from "../xmlText";
import { annotationIndex } from "../flagMarks";
import { attributeValue, elementsOf, openingOf, richTextContent, scanXml, Splicer, XmlEditError, type XmlElementSpan } from "./xmlEdit";

export const VML = {
  v: "urn:schemas-microsoft-com:vml",
  o: "urn:schemas-microsoft-com:office:office",
  x: "urn:schemas-microsoft-com:office:excel",
} as const;

export const AUTHOR = "alliance-check";

/**
 * Text for a `<t>` element: SpreadsheetML's `_xHHHH_` escape for what XML cannot carry (control
 * characters, a CR, which XML would turn into a line feed, half surrogate pairs), an underscore
 * that would read as such an escape doubled as `_x005F_`, then XML's own escapes.
 */
export function spreadsheetText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x5f && /^_x[0-9A-Fa-f]{4}_/.test(text.slice(i, i + 7))) {
      out += "_x005F_";
      continue;
    }
    const high = code >= 0xd800 && code <= 0xdbff;
    const low = code >= 0xdc00 && code <= 0xdfff;
    if (high && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      out += text[i]! + text[i + 1]!;
      i += 1;
      continue;
    }
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff || high || low) {
      out += `_x${code.toString(16).toUpperCase().padStart(4, "0")}_`;
      continue;
    }
    out += text[i]!;
  }
  return escapeXml(out);
}

/** A note's run, in the look Excel gives notes. */
function noteRun(prefix: string, text: string): string {
  return `<${prefix}r><${prefix}rPr><${prefix}sz val="9"/><${prefix}rFont val="Tahoma"/><${prefix}family val="2"/></${prefix}rPr><${prefix}t xml:space="preserve">${spreadsheetText(text)}</${prefix}t></${prefix}r>`;
}

interface CommentSpan {
  ref: string;
  span: XmlElementSpan;
  /** The `text` element. */
  text: XmlElementSpan | null;
  /** The runs (`r`) and direct text (`t`) of `text`, in order. */
  runs: XmlElementSpan[];
}

/** A comments part read once. */
class CommentsPart {
  readonly comments: CommentSpan[] = [];
  authors: XmlElementSpan | null = null;
  authorNames: string[] = [];
  commentList: XmlElementSpan | null = null;
  root: XmlElementSpan;

  constructor(
    readonly xml: string,
    readonly part: string,
  ) {
    const spans = elementsOf(xml, part, (tag) => tag.depth <= 4);
    const root = spans[0];
    if (!root || root.open.local !== "comments") throw new XmlEditError(`${part}: not a comments part`);
    this.root = root;
    const ns = root.open.ns;
    let comment: CommentSpan | null = null;
    for (const span of spans.slice(1)) {
      const { open } = span;
      if (open.ns !== ns) continue;
      if (open.depth === 1 && open.local === "authors") this.authors ??= span;
      else if (open.depth === 1 && open.local === "commentList") this.commentList ??= span;
      else if (open.depth === 2 && open.local === "author" && this.authors && span.open.start < this.authors.end) {
        this.authorNames.push(richTextContent(xml, span.innerStart, span.innerEnd));
      } else if (open.depth === 2 && open.local === "comment" && this.commentList && open.start < this.commentList.end) {
        comment = { ref: (attributeValue(open, "ref") ?? "").toUpperCase(), span, text: null, runs: [] };
        this.comments.push(comment);
      } else if (open.depth === 3 && open.local === "text" && comment && open.start < comment.span.end) comment.text ??= span;
      else if (open.depth === 4 && (open.local === "r" || open.local === "t") && comment?.text && open.start < comment.text.end) comment.runs.push(span);
    }
  }

  get prefix(): string {
    return this.root.open.prefix === "" ? "" : `${this.root.open.prefix}:`;
  }

  plainText(comment: CommentSpan): string {
    return comment.text ? richTextContent(this.xml, comment.text.innerStart, comment.text.innerEnd) : "";
  }
}

export interface NoteToWrite {
  /** Normalised A1 reference ("B4"). */
  ref: string;
  row: number;
  column: number;
  text: string;
}

export interface CommentsEdit {
  /** The part's new text, or null when it has no comment left (remove the part). */
  xml: string | null;
  /** Cells whose note shape must go (their comment went). */
  removedShapes: string[];
  /** Cells that need a new shape (their comment is new). */
  newShapes: NoteToWrite[];
}

/**
 * Edits a comments part (or makes one, `xml` undefined): our earlier notes out, ours in.
 * `skip`: cells whose notes are left alone (threaded comments).
 */
export function editComments(xml: string | undefined, part: string, notes: readonly NoteToWrite[], ns: string, skip: ReadonlySet<string>): CommentsEdit {
  const source = xml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${ns}"><authors/><commentList/></comments>`;
  const comments = new CommentsPart(source, part);
  const prefix = comments.prefix;
  const splicer = new Splicer();
  const removedShapes: string[] = [];
  const newShapes: NoteToWrite[] = [];
  const byRef = new Map(notes.map((note) => [note.ref, note]));
  const existing = new Set<string>();
  let kept = 0;

  for (const comment of comments.comments) {
    existing.add(comment.ref);
    if (skip.has(comment.ref)) {
      kept += 1;
      continue;
    }
    const note = byRef.get(comment.ref);
    const plain = comments.plainText(comment);
    const ours = annotationIndex(plain);
    // The person's part: the runs before the one holding the marker, that one cut before it.
    const personText = ours >= 0 ? plain.slice(0, ours).trimEnd() : plain;
    // A comment that was only ours and gets no new note goes whole; otherwise ours is cut out of it.
    if (ours >= 0 && (note || personText !== "")) cutAtMarker(comments, comment, splicer);
    if (note) {
      const text = personText === "" ? note.text : `\n\n${note.text}`;
      insertRun(comments, comment, splicer, noteRun(prefix, text));
      kept += 1;
      continue;
    }
    if (ours >= 0 && personText === "") {
      splicer.replace(comment.span.open.start, comment.span.end, "");
      removedShapes.push(comment.ref);
    } else kept += 1;
  }

  const fresh = notes.filter((note) => !existing.has(note.ref) && !skip.has(note.ref));
  if (fresh.length > 0) {
    let authorId = comments.authorNames.indexOf(AUTHOR);
    if (authorId < 0) {
      authorId = comments.authorNames.length;
      const author = `<${prefix}author>${AUTHOR}</${prefix}author>`;
      const authors = comments.authors;
      if (!authors) throw new XmlEditError(`${part}: no authors`);
      if (authors.close) splicer.insert(authors.close.start, author);
      else splicer.replace(authors.open.start, authors.open.end, `${openingOf(source.slice(authors.open.start, authors.open.end))}${author}</${authors.open.qname}>`);
    }
    const elements = fresh
      .map((note) => `<${prefix}comment ref="${note.ref}" authorId="${authorId}"><${prefix}text>${noteRun(prefix, note.text)}</${prefix}text></${prefix}comment>`)
      .join("");
    const list = comments.commentList;
    if (!list) throw new XmlEditError(`${part}: no commentList`);
    if (list.close) splicer.insert(list.close.start, elements);
    else splicer.replace(list.open.start, list.open.end, `${openingOf(source.slice(list.open.start, list.open.end))}${elements}</${list.open.qname}>`);
    newShapes.push(...fresh);
    kept += fresh.length;
  }
  if (splicer.size === 0 && xml !== undefined) return { xml, removedShapes, newShapes };
  return { xml: kept === 0 ? null : splicer.apply(source), removedShapes, newShapes };
}

/** Removes the marker's run and every run after it; the run before the marker keeps its text before it. */
function cutAtMarker(comments: CommentsPart, comment: CommentSpan, splicer: Splicer): void {
  const { xml } = comments;
  let found = false;
  for (const run of comment.runs) {
    if (found) {
      splicer.replace(run.open.start, run.end, "");
      continue;
    }
    const text = richTextContent(xml, run.open.local === "t" ? run.open.start : run.innerStart, run.open.local === "t" ? run.end : run.innerEnd);
    const at = annotationIndex(text);
    if (at < 0) continue;
    found = true;
    const kept = text.slice(0, at).trimEnd();
    if (kept === "") {
      splicer.replace(run.open.start, run.end, "");
      continue;
    }
    // The run's text element, rewritten with the person's part of it.
    const inner = run.open.local === "t" ? [run] : elementsOf(xml.slice(run.open.start, run.end), comments.part, (tag) => tag.depth === 1 && tag.local === "t");
    const t = inner[0];
    if (!t) continue;
    const offset = run.open.local === "t" ? 0 : run.open.start;
    const start = offset + t.innerStart;
    const end = offset + t.innerEnd;
    if (t.close) splicer.replace(start, end, spreadsheetText(kept));
  }
}

/** Adds `run` to the comment's text, after its runs (before phonetic runs). */
function insertRun(comments: CommentsPart, comment: CommentSpan, splicer: Splicer, run: string): void {
  const text = comment.text;
  if (!text) {
    const close = comment.span.close;
    const prefix = comments.prefix;
    const element = `<${prefix}text>${run}</${prefix}text>`;
    if (close) splicer.insert(close.start, element);
    else splicer.replace(comment.span.open.start, comment.span.end, `${openingOf(comments.xml.slice(comment.span.open.start, comment.span.open.end))}${element}</${comment.span.open.qname}>`);
    return;
  }
  if (!text.close) {
    splicer.replace(text.open.start, text.end, `${openingOf(comments.xml.slice(text.open.start, text.open.end))}${run}</${text.open.qname}>`);
    return;
  }
  // After the last run (before phonetic runs); a run removed by a cut ends there too.
  const last = comment.runs[comment.runs.length - 1];
  splicer.insert(last ? last.end : text.innerStart, run);
}

// ---------------------------------------------------------------------------------------------
// The VML drawing of notes.

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function noteShape(id: number, note: NoteToWrite, z: number): string {
  const row = note.row - 1;
  const column = note.column - 1;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:90pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${column + 1}, 15, ${row}, 2, ${column + 4}, 15, ${row + 6}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
  );
}

/** A VML part for notes only, its shape ids in block `block` (o:idmap). */
export function newVml(block: number): string {
  return (
    `<xml xmlns:v="${VML.v}" xmlns:o="${VML.o}" xmlns:x="${VML.x}">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${SHAPE_TYPE}</xml>`
  );
}

/** The shape-id blocks (o:idmap data) a VML part uses. */
export function vmlBlocks(xml: string, part: string): number[] {
  const blocks: number[] = [];
  scanXml(xml, part, (tag) => {
    if (tag.kind !== "end" && tag.ns === VML.o && tag.local === "idmap") {
      for (const piece of (attributeValue(tag, "data") ?? "").split(",")) if (/^\d+$/.test(piece.trim())) blocks.push(Number(piece));
    }
  });
  return blocks;
}

/**
 * The VML part with the shapes of removed notes taken out and shapes for new ones added.
 * Throws XmlEditError when the part cannot be edited safely: a VML part that is not
 * well-formed XML, or that binds v:, o: and x: to other namespaces.
 */
export function editVml(xml: string, part: string, removed: readonly string[], added: readonly NoteToWrite[], block: number): string {
  const splicer = new Splicer();
  const gone = new Set(removed);
  const spans = elementsOf(xml, part, (tag) => tag.depth === 0 || (tag.ns === VML.v && (tag.local === "shape" || tag.local === "shapetype")) || (tag.ns === VML.x && (tag.local === "ClientData" || tag.local === "Row" || tag.local === "Column")));
  const root = spans[0];
  if (!root || root.open.depth !== 0) throw new XmlEditError(`${part}: no root element`);
  for (const [prefix, ns] of Object.entries(VML)) {
    if (root.open.resolve(prefix) !== ns) throw new XmlEditError(`${part}: ${prefix}: is not bound to ${ns}`);
  }
  let hasType = false;
  let highest = block * 1024;
  let shapes = 0;
  let shape: { span: XmlElementSpan; row: number | null; column: number | null; note: boolean } | null = null;
  const finish = () => {
    if (shape && shape.note && shape.row !== null && shape.column !== null) {
      const ref = `${columnLetters(shape.column + 1)}${shape.row + 1}`;
      if (gone.has(ref)) splicer.replace(shape.span.open.start, shape.span.end, "");
    }
    shape = null;
  };
  for (const span of spans.slice(1)) {
    const { open } = span;
    if (open.ns === VML.v && open.local === "shapetype" && attributeValue(open, "id") === "_x0000_t202") hasType = true;
    if (open.ns === VML.v && open.local === "shape") {
      finish();
      shapes += 1;
      shape = { span, row: null, column: null, note: false };
      const id = /^_x0000_s(\d+)$/.exec(attributeValue(open, "id") ?? "");
      if (id) highest = Math.max(highest, Number(id[1]));
      continue;
    }
    if (!shape || open.start >= shape.span.end) continue;
    if (open.local === "ClientData") shape.note = attributeValue(open, "ObjectType") === "Note";
    const value = Number(xml.slice(span.innerStart, span.innerEnd).trim());
    if (open.local === "Row" && Number.isInteger(value)) shape.row = value;
    if (open.local === "Column" && Number.isInteger(value)) shape.column = value;
  }
  finish();
  if (added.length > 0) {
    const elements = (hasType ? "" : SHAPE_TYPE) + added.map((note, index) => noteShape(highest + 1 + index, note, shapes + index + 1)).join("");
    if (root.close) splicer.insert(root.close.start, elements);
    else splicer.replace(root.open.start, root.open.end, `${openingOf(xml.slice(root.open.start, root.open.end))}${elements}</${root.open.qname}>`);
  }
  return splicer.apply(xml);
}

/** Cells with a threaded comment (`ref` of each threadedComment). */
export function threadedRefs(xml: string, part: string): Set<string> {
  const refs = new Set<string>();
  scanXml(xml, part, (tag) => {
    if (tag.kind !== "end" && tag.depth === 1 && tag.local === "threadedComment") refs.add((attributeValue(tag, "ref") ?? "").toUpperCase());
  });
  return refs;
}
