/** Workbook settings [ExcelApi 1.4], custom XML parts [1.5] and defined names [1.1; add 1.4]. */
import { absoluteRect, parseArea, quoteSheetName } from "../address";
import { HostError } from "../errors";
import type { ExecutionContext, Handle, TypeSpec } from "../spec";
import { jsonClone, type ModelName, type ModelXmlPart } from "../workbook";
import { handleArg, stringArg } from "./common";
import type { RangeHandle } from "./range";

interface SettingHandle extends Handle {
  type: "Setting";
  key: string;
}
interface PartsHandle extends Handle {
  type: "CustomXmlPartCollection" | "CustomXmlPartScopedCollection";
  namespace: string | null;
}
interface PartHandle extends Handle {
  type: "CustomXmlPart";
  part: ModelXmlPart;
}
interface NameHandle extends Handle {
  type: "NamedItem";
  item: ModelName;
}

function setting(key: string): SettingHandle {
  return { type: "Setting", key };
}

/**
 * The default namespace of a part's root element, after checking the text is one element (the
 * part must be well-formed XML: Excel refuses anything else with InvalidArgument).
 */
function rootNamespace(xml: string): string {
  const body = xml
    .replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?/, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .trim();
  const root = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?(\s[^>]*)?\/?>/.exec(body);
  const invalid = new HostError("InvalidArgument", "The custom XML part is not well-formed XML");
  if (!root) throw invalid;
  const prefix = root[2] === undefined ? null : root[1]!;
  const name = root[2] ?? root[1]!;
  const selfClosing = /\/>$/.test(root[0]);
  const qualified = prefix === null ? name : `${prefix}:${name}`;
  if (!selfClosing && !new RegExp(`</${qualified.replace(/[.]/g, "\\.")}\\s*>$`).test(body)) throw invalid;
  if ((body.match(/</g) ?? []).length !== (body.match(/>/g) ?? []).length) throw invalid;
  const attributes = root[3] ?? "";
  const declaration = prefix === null ? /\sxmlns="([^"]*)"/ : new RegExp(`\\sxmlns:${prefix}="([^"]*)"`);
  return declaration.exec(attributes)?.[1] ?? "";
}

function partsOf(h: PartsHandle, context: ExecutionContext): ModelXmlPart[] {
  return context.workbook.xmlParts.filter((part) => h.namespace === null || part.namespaceUri === h.namespace);
}

function partById(h: PartsHandle, id: string, context: ExecutionContext): ModelXmlPart | undefined {
  return partsOf(h, context).find((part) => part.id === id);
}

/** collection.getItem(id) and collection[id]: the part, or ItemNotFound. */
function partItem(h: PartsHandle, args: unknown[], context: ExecutionContext): PartHandle {
  const part = partById(h, stringArg(args, 0, "id")!, context);
  if (!part) throw new HostError("ItemNotFound", "No such custom XML part");
  return { type: "CustomXmlPart", part };
}

const NAME_PATTERN = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

/** A name's formula as Excel reports it: "=Sheet1!$A$1", the sheet quoted only when Excel quotes it. */
function canonicalFormula(reference: string, context: ExecutionContext): string {
  const text = reference.startsWith("=") ? reference.slice(1) : reference;
  let area: ReturnType<typeof parseArea>;
  try {
    area = parseArea(text);
  } catch {
    return `=${text}`; // a constant or a formula, kept as written
  }
  const sheet = area.sheet === null ? null : context.workbook.findSheet(area.sheet);
  if (area.sheet !== null && !sheet)
    throw new HostError("InvalidArgument", `The reference ${reference} names no worksheet`);
  return `=${sheet ? `${quoteSheetName(sheet.name)}!` : ""}${absoluteRect(area.rect)}`;
}

export const storageTypes: Record<string, TypeSpec> = {
  SettingCollection: {
    since: 4,
    items: (_h, context) => [...context.workbook.settings.keys()].map(setting),
    indexer: (_h, args, context) => {
      const key = stringArg(args, 0, "key")!;
      if (!context.workbook.settings.has(key)) throw new HostError("ItemNotFound", `No setting ${key}`);
      return setting(key);
    },
    methods: {
      Add: {
        call: (_h, args, context) => {
          const key = stringArg(args, 0, "key")!;
          context.workbook.settings.set(key, jsonClone(args[1]));
          context.wrote();
          return setting(key);
        },
      },
      GetItem: {
        call: (_h, args, context) => {
          const key = stringArg(args, 0, "key")!;
          if (!context.workbook.settings.has(key)) throw new HostError("ItemNotFound", `No setting ${key}`);
          return setting(key);
        },
      },
      GetItemOrNullObject: {
        call: (_h, args, context) => {
          const key = stringArg(args, 0, "key")!;
          return context.workbook.settings.has(key) ? setting(key) : null;
        },
      },
      GetCount: { call: (_h, _args, context) => context.workbook.settings.size },
    },
  },

  Setting: {
    since: 4,
    key: (h) => h.key,
    scalars: {
      key: { get: (h) => h.key },
      value: {
        get: (h, context) => {
          if (!context.workbook.settings.has(h.key)) throw new HostError("ItemNotFound", `No setting ${h.key}`);
          return jsonClone(context.workbook.settings.get(h.key));
        },
        set: (h, value, context) => {
          context.workbook.settings.set(h.key, jsonClone(value));
          context.wrote();
        },
      },
    },
    methods: {
      Delete: {
        call: (h, _args, context) => {
          context.workbook.settings.delete(h.key);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<SettingHandle> as TypeSpec,

  CustomXmlPartCollection: {
    since: 5,
    items: (h, context) => partsOf(h, context).map((part): PartHandle => ({ type: "CustomXmlPart", part })),
    indexer: (h, args, context) => partItem(h, args, context),
    methods: {
      Add: {
        call: (_h, args, context) => {
          const xml = stringArg(args, 0, "xml")!;
          const part: ModelXmlPart = {
            id: `{${context.workbook.newId("XML-")}}`,
            namespaceUri: rootNamespace(xml),
            xml,
          };
          context.workbook.xmlParts.push(part);
          context.wrote();
          return { type: "CustomXmlPart", part } satisfies PartHandle;
        },
      },
      GetByNamespace: {
        call: (_h, args) =>
          ({
            type: "CustomXmlPartScopedCollection",
            namespace: stringArg(args, 0, "namespaceUri")!,
          }) satisfies PartsHandle,
      },
      GetItem: { call: (h, args, context) => partItem(h, args, context) },
      GetItemOrNullObject: {
        call: (h, args, context) => {
          const part = partById(h, stringArg(args, 0, "id")!, context);
          return part ? ({ type: "CustomXmlPart", part } satisfies PartHandle) : null;
        },
      },
      GetCount: { call: (h, _args, context) => partsOf(h, context).length },
    },
  } satisfies TypeSpec<PartsHandle> as TypeSpec,

  CustomXmlPartScopedCollection: {
    since: 5,
    items: (h, context) => partsOf(h, context).map((part): PartHandle => ({ type: "CustomXmlPart", part })),
    indexer: (h, args, context) => partItem(h, args, context),
    methods: {
      GetCount: { call: (h, _args, context) => partsOf(h, context).length },
      GetItem: { call: (h, args, context) => partItem(h, args, context) },
      GetOnlyItemOrNullObject: {
        call: (h, _args, context) => {
          const parts = partsOf(h, context);
          if (parts.length > 1)
            throw new HostError("InvalidOperation", `${parts.length} parts have namespace ${h.namespace}`);
          return parts[0] ? ({ type: "CustomXmlPart", part: parts[0] } satisfies PartHandle) : null;
        },
      },
    },
  } satisfies TypeSpec<PartsHandle> as TypeSpec,

  CustomXmlPart: {
    since: 5,
    key: (h) => h.part.id,
    scalars: {
      id: { get: (h) => h.part.id },
      namespaceUri: { get: (h) => h.part.namespaceUri },
    },
    methods: {
      GetXml: {
        call: (h, _args, context) => {
          if (!context.workbook.xmlParts.includes(h.part))
            throw new HostError("ItemNotFound", "The part no longer exists");
          return h.part.xml;
        },
      },
      SetXml: {
        call: (h, args, context) => {
          const xml = stringArg(args, 0, "xml")!;
          h.part.namespaceUri = rootNamespace(xml);
          h.part.xml = xml;
          context.wrote();
        },
      },
      Delete: {
        call: (h, _args, context) => {
          const parts = context.workbook.xmlParts;
          const index = parts.indexOf(h.part);
          if (index >= 0) parts.splice(index, 1);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<PartHandle> as TypeSpec,

  NamedItemCollection: {
    items: (_h, context) => context.workbook.names.map((item): NameHandle => ({ type: "NamedItem", item })),
    indexer: (_h, args, context) => {
      const name = stringArg(args, 0, "name")!;
      const item = context.workbook.names.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (!item) throw new HostError("ItemNotFound", `No name ${name}`);
      return { type: "NamedItem", item } satisfies NameHandle;
    },
    methods: {
      Add: {
        since: 4,
        call: (_h, args, context) => {
          const name = stringArg(args, 0, "name")!;
          if (!NAME_PATTERN.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name)) {
            throw new HostError("InvalidArgument", `The name ${name} is not valid`);
          }
          // Defined names and table names share one namespace in a workbook.
          if (context.workbook.nameInUse(name))
            throw new HostError("ItemAlreadyExists", `The name ${name} already exists`);
          const reference = args[1];
          let formula: string;
          if (typeof reference === "string") formula = canonicalFormula(reference, context);
          else {
            const range = handleArg<RangeHandle>(args, 1, "Range", "reference");
            formula = `=${quoteSheetName(range.sheet.name)}!${absoluteRect(range.rect)}`;
          }
          const item: ModelName = { name, formula, visible: true };
          context.workbook.names.push(item);
          context.wrote();
          return { type: "NamedItem", item } satisfies NameHandle;
        },
      },
      GetItemOrNullObject: {
        since: 4,
        call: (_h, args, context) => {
          const name = stringArg(args, 0, "name")!;
          const item = context.workbook.names.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
          return item ? ({ type: "NamedItem", item } satisfies NameHandle) : null;
        },
      },
      GetCount: { since: 4, call: (_h, _args, context) => context.workbook.names.length },
    },
  },

  NamedItem: {
    key: (h) => h.item.name,
    scalars: {
      name: { get: (h) => h.item.name },
      type: { get: (h) => (h.item.formula.includes("#REF!") ? "Error" : "Range") },
      formula: {
        since: 7,
        get: (h) => h.item.formula,
        set: (h, value, context) => {
          h.item.formula = canonicalFormula(String(value), context);
          context.wrote();
        },
      },
      value: { get: (h) => h.item.formula.replace(/^=/, "") },
      visible: {
        get: (h) => h.item.visible,
        set: (h, value, context) => {
          h.item.visible = value === true;
          context.wrote();
        },
      },
    },
    methods: {
      Delete: {
        since: 4,
        call: (h, _args, context) => {
          const index = context.workbook.names.indexOf(h.item);
          if (index >= 0) context.workbook.names.splice(index, 1);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<NameHandle> as TypeSpec,
};
