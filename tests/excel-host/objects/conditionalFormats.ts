/** Conditional formats [ExcelApi 1.6; on RangeAreas 1.9]: the collection, a format, its custom rule and look. */
import type { CellRect } from "../address";
import { HostError } from "../errors";
import type { ExecutionContext, Handle, TypeSpec } from "../spec";
import type { ConditionalFormatKind, ModelConditionalFormat, ModelSheet } from "../workbook";
import { assertEditable, liveSheet, stringArg } from "./common";

interface CollectionHandle extends Handle {
  type: "ConditionalFormatCollection";
  sheet: ModelSheet;
  rects: CellRect[];
}
interface FormatHandle extends Handle {
  type:
    | "ConditionalFormat"
    | "CustomConditionalFormat"
    | "ConditionalFormatRule"
    | "ConditionalRangeFormat"
    | "ConditionalRangeFill"
    | "ConditionalRangeFont";
  cf: ModelConditionalFormat;
}

const KINDS: readonly ConditionalFormatKind[] = ["Custom", "CellValue", "DataBar", "ColorScale", "IconSet"];

function part(type: FormatHandle["type"], cf: ModelConditionalFormat): FormatHandle {
  return { type, cf };
}

/** The sheet holding a format, or ItemNotFound when it was deleted. */
function sheetOf(context: ExecutionContext, cf: ModelConditionalFormat): ModelSheet {
  const found = context.workbook.findConditionalFormat(cf.id);
  if (!found) throw new HostError("ItemNotFound", `The conditional format ${cf.id} no longer exists`);
  return found.sheet;
}

function setLook(h: FormatHandle, context: ExecutionContext, update: (cf: ModelConditionalFormat) => void): void {
  assertEditable(sheetOf(context, h.cf), "format");
  update(h.cf);
  context.wrote();
}

export const conditionalFormatTypes: Record<string, TypeSpec> = {
  ConditionalFormatCollection: {
    since: 6,
    items: (h, context) =>
      context.workbook
        .conditionalFormatsIntersecting(liveSheet(context, h.sheet), h.rects)
        .map((cf) => part("ConditionalFormat", cf)),
    // Items are addressed by id (the library's child paths use Excel's `_Id`).
    indexer: (h, args, context) => {
      const id = stringArg(args, 0, "id")!;
      const found = context.workbook.findConditionalFormat(id);
      if (!found || found.sheet !== h.sheet) throw new HostError("ItemNotFound", `No conditional format ${id}`);
      return part("ConditionalFormat", found.cf);
    },
    methods: {
      /** Excel adds a new conditional format at the top priority. */
      Add: {
        call: (h, args, context) => {
          const sheet = liveSheet(context, h.sheet);
          const type = stringArg(args, 0, "type")! as ConditionalFormatKind;
          if (!KINDS.includes(type))
            throw new HostError("NotImplemented", `The in-memory Excel does not model ${type} conditional formats`);
          assertEditable(sheet, "format");
          const cf = context.workbook.newConditionalFormat(type, h.rects);
          sheet.conditionalFormats.unshift(cf);
          context.wrote();
          return part("ConditionalFormat", cf);
        },
      },
      GetCount: {
        call: (h, _args, context) =>
          context.workbook.conditionalFormatsIntersecting(liveSheet(context, h.sheet), h.rects).length,
      },
      GetItem: {
        call: (h, args, context) => {
          const id = stringArg(args, 0, "id")!;
          const found = context.workbook.findConditionalFormat(id);
          if (!found || found.sheet !== h.sheet) throw new HostError("ItemNotFound", `No conditional format ${id}`);
          return part("ConditionalFormat", found.cf);
        },
      },
      ClearAll: {
        call: (h, _args, context) => {
          const sheet = liveSheet(context, h.sheet);
          assertEditable(sheet, "format");
          for (const cf of context.workbook.conditionalFormatsIntersecting(sheet, h.rects)) {
            sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(cf), 1);
          }
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<CollectionHandle> as TypeSpec,

  ConditionalFormat: {
    since: 6,
    key: (h) => h.cf.id,
    scalars: {
      id: { get: (h) => h.cf.id },
      type: { get: (h) => h.cf.type },
      priority: { get: (h, context) => sheetOf(context, h.cf).conditionalFormats.indexOf(h.cf) },
      stopIfTrue: {
        get: (h) => h.cf.stopIfTrue,
        set: (h, value, context) => setLook(h, context, (cf) => (cf.stopIfTrue = value === true)),
      },
    },
    navigation: {
      custom: {
        get: (h) => {
          if (h.cf.type !== "Custom") {
            throw new HostError("InvalidOperation", `The conditional format ${h.cf.id} is ${h.cf.type}, not Custom`);
          }
          return part("CustomConditionalFormat", h.cf);
        },
      },
      customOrNullObject: { get: (h) => (h.cf.type === "Custom" ? part("CustomConditionalFormat", h.cf) : null) },
    },
    methods: {
      Delete: {
        call: (h, _args, context) => {
          const sheet = sheetOf(context, h.cf);
          assertEditable(sheet, "format");
          sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(h.cf), 1);
          context.wrote();
        },
      },
      GetRanges: {
        since: 9,
        call: (h, _args, context) => ({ type: "RangeAreas", sheet: sheetOf(context, h.cf), rects: h.cf.areas }),
      },
    },
  } satisfies TypeSpec<FormatHandle> as TypeSpec,

  CustomConditionalFormat: {
    since: 6,
    navigation: {
      rule: { get: (h) => part("ConditionalFormatRule", h.cf) },
      format: { get: (h) => part("ConditionalRangeFormat", h.cf) },
    },
  } satisfies TypeSpec<FormatHandle> as TypeSpec,

  ConditionalFormatRule: {
    since: 6,
    scalars: {
      formula: {
        get: (h) => h.cf.formula ?? "",
        set: (h, value, context) =>
          setLook(h, context, (cf) => {
            const formula = String(value);
            if (formula === "") throw new HostError("InvalidArgument", "A custom rule needs a formula");
            cf.formula = formula.startsWith("=") ? formula : `=${formula}`;
          }),
      },
    },
  } satisfies TypeSpec<FormatHandle> as TypeSpec,

  ConditionalRangeFormat: {
    since: 6,
    navigation: {
      fill: { get: (h) => part("ConditionalRangeFill", h.cf) },
      font: { get: (h) => part("ConditionalRangeFont", h.cf) },
    },
  } satisfies TypeSpec<FormatHandle> as TypeSpec,

  ConditionalRangeFill: {
    since: 6,
    scalars: {
      color: {
        get: (h) => h.cf.fill,
        set: (h, value, context) => setLook(h, context, (cf) => (cf.fill = String(value))),
      },
    },
  } satisfies TypeSpec<FormatHandle> as TypeSpec,

  ConditionalRangeFont: {
    since: 6,
    scalars: {
      color: { get: (h) => h.cf.fontColor, set: (h, v, c) => setLook(h, c, (cf) => (cf.fontColor = String(v))) },
      bold: { get: (h) => h.cf.bold, set: (h, v, c) => setLook(h, c, (cf) => (cf.bold = v === true)) },
      italic: { get: (h) => h.cf.italic, set: (h, v, c) => setLook(h, c, (cf) => (cf.italic = v === true)) },
      strikethrough: {
        get: (h) => h.cf.strikethrough,
        set: (h, v, c) => setLook(h, c, (cf) => (cf.strikethrough = v === true)),
      },
    },
  } satisfies TypeSpec<FormatHandle> as TypeSpec,
};
