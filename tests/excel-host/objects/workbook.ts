/** Workbook, worksheets and the sheet-level objects (protection, freeze panes, auto filter), and Application. */
import { type CellRect, formatAddress, MAX_COLUMNS, MAX_ROWS, parseArea, parseAreaList } from "../address";
import { HostError } from "../errors";
import type { ExecutionContext, Handle, TypeSpec } from "../spec";
import { isValidSheetName, type ModelSheet, type SheetVisibility } from "../workbook";
import { assertEditable, checkAddressLength, handleArg, liveSheet, numberArg, stringArg } from "./common";
import type { RangeAreasHandle, RangeHandle } from "./range";

export interface WorkbookHandle extends Handle {
  type: "Workbook";
}
export interface WorksheetsHandle extends Handle {
  type: "WorksheetCollection";
}
export interface SheetHandle extends Handle {
  type: "Worksheet";
  sheet: ModelSheet;
}
interface SheetPartHandle<T extends string> extends Handle {
  type: T;
  sheet: ModelSheet;
}

export const WORKBOOK: WorkbookHandle = { type: "Workbook" };

export function sheetHandle(sheet: ModelSheet): SheetHandle {
  return { type: "Worksheet", sheet };
}

function rangeHandle(sheet: ModelSheet, rect: CellRect): RangeHandle {
  return { type: "Range", sheet, rect };
}

/** Sheets are found by name (case-insensitively) or by id. */
function findSheet(context: ExecutionContext, key: string): ModelSheet | undefined {
  return context.workbook.sheetById(key) ?? context.workbook.findSheet(key);
}

function onSheet(sheet: ModelSheet, address: string): CellRect {
  checkAddressLength(address);
  const area = parseArea(address);
  if (area.sheet !== null && area.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
    throw new HostError("InvalidArgument", `The address ${address} is not on ${sheet.name}`);
  }
  return area.rect;
}

const WHOLE_SHEET: CellRect = { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS };

export const workbookTypes: Record<string, TypeSpec> = {
  Workbook: {
    navigation: {
      worksheets: { get: () => ({ type: "WorksheetCollection" }) },
      names: { get: () => ({ type: "NamedItemCollection" }) },
      tables: { get: () => ({ type: "TableCollection", sheet: null }) },
      settings: { since: 4, get: () => ({ type: "SettingCollection" }) },
      customXmlParts: { since: 5, get: () => ({ type: "CustomXmlPartCollection", namespace: null }) },
      comments: { since: 10, get: () => ({ type: "CommentCollection", sheet: null }) },
      notes: { since: 18, get: () => ({ type: "NoteCollection", sheet: null }) },
      application: { get: () => ({ type: "Application" }) },
    },
    scalars: {
      name: { since: 7, get: () => "workbook.xlsx" },
    },
    methods: {
      // Excel on the web: office.js runs Excel.createWorkbook in a WacSpecificRequestContext whose
      // global object is WacWorkbook (custom data "WacPartition", which the host bridge does not
      // carry), so the call arrives on the global object path. Other platforms use
      // Application.createWorkbook(base64).open().
      CreateAndOpenWorkbook: {
        since: 8,
        call: (_h, args, context) => {
          if (context.profile.platform !== "OfficeOnline") {
            throw new HostError("ApiNotFound", "WacWorkbook.createAndOpenWorkbook exists only in Excel on the web");
          }
          context.createdWorkbooks.push(stringArg(args, 0, "base64", true) ?? "");
        },
      },
    },
  } satisfies TypeSpec<WorkbookHandle> as TypeSpec,

  WorksheetCollection: {
    items: (_h, context) => context.workbook.sheets.map(sheetHandle),
    indexer: (_h, args, context) => {
      const key = stringArg(args, 0, "key")!;
      const sheet = findSheet(context, key);
      if (!sheet) throw new HostError("ItemNotFound", `The requested resource doesn't exist: worksheet ${key}.`);
      return sheetHandle(sheet);
    },
    methods: {
      GetItemOrNullObject: {
        since: 4,
        call: (_h, args, context) => {
          const sheet = findSheet(context, stringArg(args, 0, "key")!);
          return sheet ? sheetHandle(sheet) : null;
        },
      },
      Add: {
        call: (_h, args, context) => {
          const { workbook } = context;
          let name = stringArg(args, 0, "name", true);
          if (name === undefined || name === "") {
            let n = workbook.sheets.length + 1;
            while (workbook.findSheet(`Sheet${n}`)) n += 1;
            name = `Sheet${n}`;
          }
          if (!isValidSheetName(name))
            throw new HostError("InvalidArgument", `The sheet name ${JSON.stringify(name)} is not valid.`);
          if (workbook.findSheet(name))
            throw new HostError("ItemAlreadyExists", `A worksheet named ${name} already exists.`);
          context.wrote();
          return sheetHandle(workbook.addSheet(name));
        },
      },
      GetActiveWorksheet: {
        call: (_h, _args, context) => {
          const sheet = context.workbook.activeSheetId
            ? context.workbook.sheetById(context.workbook.activeSheetId)
            : undefined;
          if (!sheet) throw new HostError("ItemNotFound", "There is no active worksheet");
          return sheetHandle(sheet);
        },
      },
      GetCount: {
        since: 4,
        call: (_h, args, context) =>
          context.workbook.sheets.filter((sheet) => args[0] !== true || sheet.visibility === "Visible").length,
      },
      _RegisterDataChangedEvent: {
        since: 9,
        call: (_h, _args, context) => {
          context.registrations.add("10:Workbook");
        },
      },
      _UnregisterDataChangedEvent: {
        since: 9,
        call: (_h, _args, context) => {
          context.registrations.delete("10:Workbook");
        },
      },
    },
  } satisfies TypeSpec<WorksheetsHandle> as TypeSpec,

  Worksheet: {
    key: (h) => h.sheet.id,
    scalars: {
      name: {
        get: (h) => h.sheet.name,
        set: (h, value, context) => {
          const name = String(value);
          if (!isValidSheetName(name))
            throw new HostError("InvalidArgument", `The sheet name ${JSON.stringify(name)} is not valid.`);
          const other = context.workbook.findSheet(name);
          if (other && other !== h.sheet)
            throw new HostError("ItemAlreadyExists", `A worksheet named ${name} already exists.`);
          liveSheet(context, h.sheet).name = name;
          context.wrote();
        },
      },
      id: { get: (h) => h.sheet.id },
      position: { get: (h, context) => context.workbook.sheets.indexOf(h.sheet) },
      visibility: {
        get: (h) => h.sheet.visibility,
        set: (h, value, context) => {
          const visibility = String(value) as SheetVisibility;
          if (!["Visible", "Hidden", "VeryHidden"].includes(visibility)) {
            throw new HostError("InvalidArgument", `Invalid visibility ${visibility}`);
          }
          const sheet = liveSheet(context, h.sheet);
          if (
            visibility !== "Visible" &&
            !context.workbook.sheets.some((other) => other !== sheet && other.visibility === "Visible")
          ) {
            throw new HostError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
          }
          sheet.visibility = visibility;
          context.wrote();
        },
      },
      tabColor: {
        since: 7,
        get: (h) => h.sheet.features.tabColor ?? "",
        set: (h, value, context) => {
          liveSheet(context, h.sheet).features.tabColor = String(value);
          context.wrote();
        },
      },
    },
    navigation: {
      protection: { since: 2, get: (h) => ({ type: "WorksheetProtection", sheet: h.sheet }) },
      freezePanes: { since: 7, get: (h) => ({ type: "WorksheetFreezePanes", sheet: h.sheet }) },
      autoFilter: { since: 9, get: (h) => ({ type: "AutoFilter", sheet: h.sheet }) },
      pageLayout: { since: 9, get: (h) => ({ type: "PageLayout", sheet: h.sheet }) },
      tables: { get: (h) => ({ type: "TableCollection", sheet: h.sheet }) },
      charts: { get: (h) => ({ type: "ChartCollection", sheet: h.sheet }) },
      comments: { since: 10, get: (h) => ({ type: "CommentCollection", sheet: h.sheet }) },
      notes: { since: 18, get: (h) => ({ type: "NoteCollection", sheet: h.sheet }) },
    },
    methods: {
      GetRange: {
        call: (h, args, context) => {
          const sheet = liveSheet(context, h.sheet);
          const address = stringArg(args, 0, "address", true);
          return rangeHandle(sheet, address === undefined || address === "" ? WHOLE_SHEET : onSheet(sheet, address));
        },
      },
      GetRangeByIndexes: {
        since: 7,
        call: (h, args, context) => {
          const [row, column, rows, columns] = [0, 1, 2, 3].map((i) => numberArg(args, i, "index"));
          const rect = { top: row! + 1, left: column! + 1, bottom: row! + rows!, right: column! + columns! };
          return rangeHandle(liveSheet(context, h.sheet), rect);
        },
      },
      GetRanges: {
        since: 9,
        call: (h, args, context): RangeAreasHandle => {
          const sheet = liveSheet(context, h.sheet);
          const address = stringArg(args, 0, "address", true);
          if (address === undefined || address === "") return { type: "RangeAreas", sheet, rects: [WHOLE_SHEET] };
          checkAddressLength(address);
          const areas = parseAreaList(address);
          for (const area of areas) {
            if (area.sheet !== null && area.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
              throw new HostError("InvalidArgument", `The address ${area.sheet} is not on ${sheet.name}`);
            }
          }
          return { type: "RangeAreas", sheet, rects: areas.map((area) => area.rect) };
        },
      },
      GetUsedRange: {
        call: (h, args, context) => {
          const sheet = liveSheet(context, h.sheet);
          const rect = context.workbook.usedRect(sheet, args[0] === true) ?? { top: 1, left: 1, bottom: 1, right: 1 };
          return rangeHandle(sheet, rect);
        },
      },
      GetUsedRangeOrNullObject: {
        since: 4,
        call: (h, args, context) => {
          const sheet = liveSheet(context, h.sheet);
          const rect = context.workbook.usedRect(sheet, args[0] === true);
          return rect === null ? null : rangeHandle(sheet, rect);
        },
      },
      Activate: {
        call: (h, _args, context) => {
          const sheet = liveSheet(context, h.sheet);
          // Excel cannot show a hidden sheet: "This operation is not permitted for the current object."
          if (sheet.visibility !== "Visible") {
            throw new HostError("InvalidOperation", `The worksheet ${sheet.name} is hidden and cannot be activated.`);
          }
          context.workbook.activeSheetId = sheet.id;
        },
      },
      Delete: {
        call: (h, _args, context) => {
          context.workbook.deleteSheet(liveSheet(context, h.sheet));
          // Worksheet.delete is on the undo page's list of APIs without undo support.
          context.wrote(false);
        },
      },
      _RegisterDataChangedEvent: {
        since: 7,
        call: (h, _args, context) => {
          context.registrations.add(`10:${h.sheet.id}`);
        },
      },
      _UnregisterDataChangedEvent: {
        since: 7,
        call: (h, _args, context) => {
          context.registrations.delete(`10:${h.sheet.id}`);
        },
      },
    },
  } satisfies TypeSpec<SheetHandle> as TypeSpec,

  WorksheetProtection: {
    since: 2,
    scalars: {
      protected: { get: (h) => h.sheet.protection.protected },
      options: {
        get: (h) => ({
          allowFormatCells: h.sheet.protection.allowFormatCells,
          allowEditObjects: h.sheet.protection.allowEditObjects,
          allowAutoFilter: h.sheet.protection.allowAutoFilter,
        }),
      },
    },
    methods: {
      Protect: {
        call: (h, args, context) => {
          const options = (args[0] ?? {}) as Record<string, unknown>;
          h.sheet.protection = {
            protected: true,
            allowFormatCells: options.allowFormatCells === true,
            allowEditObjects: options.allowEditObjects === true,
            allowAutoFilter: options.allowAutoFilter === true,
          };
          context.wrote(false);
        },
      },
      Unprotect: {
        call: (h, _args, context) => {
          h.sheet.protection = { ...h.sheet.protection, protected: false };
          context.wrote(false);
        },
      },
    },
  } satisfies TypeSpec<SheetPartHandle<"WorksheetProtection">> as TypeSpec,

  WorksheetFreezePanes: {
    since: 7,
    methods: {
      FreezeRows: {
        call: (h, args, context) => {
          h.sheet.features.frozen = { rows: args[0] === undefined ? 1 : numberArg(args, 0, "count"), columns: 0 };
          context.wrote();
        },
      },
      FreezeColumns: {
        call: (h, args, context) => {
          h.sheet.features.frozen = { rows: 0, columns: args[0] === undefined ? 1 : numberArg(args, 0, "count") };
          context.wrote();
        },
      },
      FreezeAt: {
        call: (h, args, context) => {
          const value = args[0];
          const rect =
            typeof value === "string"
              ? onSheet(h.sheet, value)
              : handleArg<RangeHandle>(args, 0, "Range", "frozenRange").rect;
          h.sheet.features.frozen = { rows: rect.bottom, columns: rect.right };
          context.wrote();
        },
      },
      Unfreeze: {
        call: (h, _args, context) => {
          delete h.sheet.features.frozen;
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<SheetPartHandle<"WorksheetFreezePanes">> as TypeSpec,

  AutoFilter: {
    since: 9,
    scalars: { enabled: { get: (h) => h.sheet.features.autoFilter !== undefined } },
    methods: {
      Apply: {
        call: (h, args, context) => {
          assertEditable(h.sheet, "filter");
          const value = args[0];
          const rect =
            typeof value === "string"
              ? onSheet(h.sheet, value)
              : handleArg<RangeHandle>(args, 0, "Range", "range").rect;
          h.sheet.features.autoFilter = formatAddress(h.sheet.name, rect);
          context.wrote();
        },
      },
      Remove: {
        call: (h, _args, context) => {
          delete h.sheet.features.autoFilter;
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<SheetPartHandle<"AutoFilter">> as TypeSpec,

  Application: {
    methods: {
      CreateWorkbook: {
        since: 8,
        call: (_h, args) => ({ type: "WorkbookCreated", base64: stringArg(args, 0, "base64", true) ?? "" }),
      },
    },
  },

  WorkbookCreated: {
    since: 8,
    methods: {
      Open: {
        call: (h, _args, context) => {
          context.createdWorkbooks.push((h as Handle & { base64: string }).base64);
        },
      },
    },
  },
};
