/**
 * Threaded comments [ExcelApi 1.10] and notes [ExcelApi 1.18]. A cell holds a note or a comment
 * thread, not both: Excel refuses a second one (InvalidArgument). Adding either on a protected
 * sheet needs "edit objects" permission.
 */
import { HostError } from "../errors";
import type { ExecutionContext, Handle, TypeSpec } from "../spec";
import type { ModelComment, ModelNote, ModelSheet } from "../workbook";
import { assertEditable, cellTarget, liveSheet, stringArg } from "./common";

interface CollectionHandle extends Handle {
  type: "CommentCollection" | "NoteCollection";
  sheet: ModelSheet | null;
}
interface CommentHandle extends Handle {
  type: "Comment";
  comment: ModelComment;
}
interface NoteHandle extends Handle {
  type: "Note";
  sheet: ModelSheet;
  note: ModelNote;
}

function commentSheet(context: ExecutionContext, comment: ModelComment): ModelSheet {
  const sheet = context.workbook.sheetById(comment.sheetId);
  if (!sheet || !context.workbook.comments.includes(comment)) {
    throw new HostError("ItemNotFound", `The comment ${comment.id} no longer exists`);
  }
  return sheet;
}

function commentsOf(h: CollectionHandle, context: ExecutionContext): ModelComment[] {
  const sheet = h.sheet ? liveSheet(context, h.sheet) : null;
  return context.workbook.comments.filter((comment) => sheet === null || comment.sheetId === sheet.id);
}

function notesOf(h: CollectionHandle, context: ExecutionContext): NoteHandle[] {
  const sheets = h.sheet ? [liveSheet(context, h.sheet)] : context.workbook.sheets;
  return sheets.flatMap((sheet) => sheet.notes.map((note): NoteHandle => ({ type: "Note", sheet, note })));
}

function cellRange(sheet: ModelSheet, row: number, column: number): Handle {
  return { type: "Range", sheet, rect: { top: row, left: column, bottom: row, right: column } } as Handle;
}

/** Workbook-level collections need the sheet in the address ("'Sheet1'!A1"). */
function targetOf(h: CollectionHandle, value: unknown, context: ExecutionContext) {
  if (h.sheet === null && typeof value === "string" && !value.includes("!")) {
    throw new HostError("InvalidArgument", `The address ${value} must include the worksheet name`);
  }
  return cellTarget(context, value, h.sheet ? liveSheet(context, h.sheet) : null);
}

export const annotationTypes: Record<string, TypeSpec> = {
  CommentCollection: {
    since: 10,
    items: (h, context) => commentsOf(h, context).map((comment): CommentHandle => ({ type: "Comment", comment })),
    indexer: (h, args, context) => {
      const id = stringArg(args, 0, "commentId")!;
      const comment = commentsOf(h, context).find((candidate) => candidate.id === id);
      if (!comment) throw new HostError("ItemNotFound", `No comment ${id}`);
      return { type: "Comment", comment } satisfies CommentHandle;
    },
    methods: {
      Add: {
        call: (h, args, context) => {
          const target = targetOf(h, args[0], context);
          const content = stringArg(args, 1, "content")!;
          if (args[2] !== undefined && args[2] !== null && args[2] !== "Plain") {
            throw new HostError("NotImplemented", "The in-memory Excel models plain-text comments only");
          }
          assertEditable(target.sheet, "objects");
          context.workbook.assertCellFree(target.sheet, target.row, target.column);
          const comment: ModelComment = {
            id: `{${context.workbook.newId("COMMENT-")}}`,
            sheetId: target.sheet.id,
            row: target.row,
            column: target.column,
            content,
            authorName: context.workbook.userName,
            resolved: false,
          };
          context.workbook.comments.push(comment);
          context.wrote();
          return { type: "Comment", comment } satisfies CommentHandle;
        },
      },
      GetCount: { call: (h, _args, context) => commentsOf(h, context).length },
      GetItem: {
        call: (h, args, context) => {
          const id = stringArg(args, 0, "commentId")!;
          const comment = commentsOf(h, context).find((candidate) => candidate.id === id);
          if (!comment) throw new HostError("ItemNotFound", `No comment ${id}`);
          return { type: "Comment", comment } satisfies CommentHandle;
        },
      },
      GetItemByCell: {
        call: (h, args, context) => {
          const target = targetOf(h, args[0], context);
          const comment = context.workbook.commentAt(target.sheet, target.row, target.column);
          if (!comment) throw new HostError("ItemNotFound", "The cell has no comment");
          return { type: "Comment", comment } satisfies CommentHandle;
        },
      },
    },
  } satisfies TypeSpec<CollectionHandle> as TypeSpec,

  Comment: {
    since: 10,
    key: (h) => h.comment.id,
    scalars: {
      id: { get: (h) => h.comment.id },
      content: {
        get: (h) => h.comment.content,
        set: (h, value, context) => {
          assertEditable(commentSheet(context, h.comment), "objects");
          h.comment.content = String(value);
          context.wrote();
        },
      },
      authorName: { get: (h) => h.comment.authorName },
      authorEmail: { get: () => "" },
      resolved: { since: 11, get: (h) => h.comment.resolved },
    },
    methods: {
      Delete: {
        call: (h, _args, context) => {
          assertEditable(commentSheet(context, h.comment), "objects");
          const comments = context.workbook.comments;
          comments.splice(comments.indexOf(h.comment), 1);
          context.wrote();
        },
      },
      GetLocation: {
        call: (h, _args, context) => cellRange(commentSheet(context, h.comment), h.comment.row, h.comment.column),
      },
    },
  } satisfies TypeSpec<CommentHandle> as TypeSpec,

  NoteCollection: {
    since: 18,
    items: (h, context) => notesOf(h, context),
    methods: {
      Add: {
        call: (h, args, context) => {
          const target = targetOf(h, args[0], context);
          const content = stringArg(args, 1, "content")!;
          assertEditable(target.sheet, "objects");
          context.workbook.assertCellFree(target.sheet, target.row, target.column);
          const note: ModelNote = {
            serial: context.workbook.newSerial(),
            row: target.row,
            column: target.column,
            content,
            authorName: context.workbook.userName,
          };
          target.sheet.notes.push(note);
          context.wrote();
          return { type: "Note", sheet: target.sheet, note } satisfies NoteHandle;
        },
      },
      GetCount: { call: (h, _args, context) => notesOf(h, context).length },
      GetItem: {
        call: (h, args, context) => {
          const target = targetOf(h, args[0], context);
          const note = context.workbook.noteAt(target.sheet, target.row, target.column);
          if (!note) throw new HostError("ItemNotFound", "The cell has no note");
          return { type: "Note", sheet: target.sheet, note } satisfies NoteHandle;
        },
      },
      GetItemOrNullObject: {
        call: (h, args, context) => {
          const target = targetOf(h, args[0], context);
          const note = context.workbook.noteAt(target.sheet, target.row, target.column);
          return note ? ({ type: "Note", sheet: target.sheet, note } satisfies NoteHandle) : null;
        },
      },
    },
  } satisfies TypeSpec<CollectionHandle> as TypeSpec,

  Note: {
    since: 18,
    scalars: {
      content: {
        get: (h) => h.note.content,
        set: (h, value, context) => {
          assertEditable(liveSheet(context, h.sheet), "objects");
          h.note.content = String(value);
          context.wrote();
        },
      },
      authorName: { get: (h) => h.note.authorName },
    },
    methods: {
      Delete: {
        call: (h, _args, context) => {
          const sheet = liveSheet(context, h.sheet);
          assertEditable(sheet, "objects");
          const index = sheet.notes.indexOf(h.note);
          if (index < 0) throw new HostError("ItemNotFound", "The note no longer exists");
          sheet.notes.splice(index, 1);
          context.wrote();
        },
      },
      GetLocation: { call: (h, _args, context) => cellRange(liveSheet(context, h.sheet), h.note.row, h.note.column) },
    },
  } satisfies TypeSpec<NoteHandle> as TypeSpec,
};
