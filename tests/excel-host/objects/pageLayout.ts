/**
 * Worksheet.pageLayout [ExcelApi 1.9] as the layout writer uses it: orientation, paper size, zoom
 * (a percentage scale, or fit to a number of pages wide and tall, where 0 lets that direction run
 * to as many pages as it needs), print title rows and the print area.
 *
 * As documented: orientation is "Portrait" or "Landscape" (default Portrait); zoom is a
 * PageLayoutZoomOptions object whose scale (10–400) and fit-to-pages options exclude each other,
 * so setting one clears the other (default scale 100); setPrintTitleRows takes a Range or an
 * address and repeats the whole rows it covers; setPrintArea takes a Range or an address list.
 */
import { type CellRect, formatAddress, MAX_COLUMNS, parseAreaList } from "../address";
import { HostError } from "../errors";
import type { ExecutionContext, Handle, TypeSpec } from "../spec";
import type { ModelPageLayout, ModelSheet } from "../workbook";
import { liveSheet } from "./common";
import type { RangeAreasHandle, RangeHandle } from "./range";

interface PageLayoutHandle extends Handle {
  type: "PageLayout";
  sheet: ModelSheet;
}

const ORIENTATIONS = ["Portrait", "Landscape"];
const PAPER_TYPES = [
  "Letter",
  "LetterSmall",
  "Tabloid",
  "Ledger",
  "Legal",
  "Statement",
  "Executive",
  "A3",
  "A4",
  "A4Small",
  "A5",
  "B4",
  "B5",
];

export const DEFAULT_PAGE_LAYOUT: Readonly<ModelPageLayout> = {
  orientation: "Portrait",
  paperSize: "Letter",
  zoom: { scale: 100 },
};

function pageLayoutOf(context: ExecutionContext, sheet: ModelSheet): ModelPageLayout {
  const live = liveSheet(context, sheet);
  live.features.pageLayout ??= { ...DEFAULT_PAGE_LAYOUT, zoom: { ...DEFAULT_PAGE_LAYOUT.zoom } };
  return live.features.pageLayout;
}

/** The rectangles a Range argument or an address (on this sheet) stands for. */
function rectsArg(sheet: ModelSheet, value: unknown, name: string): CellRect[] {
  if (typeof value === "object" && value !== null && (value as Handle).type === "Range") {
    const range = value as RangeHandle;
    if (range.sheet !== sheet) throw new HostError("InvalidArgument", `The range '${name}' is not on ${sheet.name}`);
    return [range.rect];
  }
  if (typeof value !== "string" || value.trim() === "")
    throw new HostError("InvalidArgument", `The argument '${name}' is missing`);
  const areas = parseAreaList(value);
  for (const area of areas) {
    if (area.sheet !== null && area.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
      throw new HostError("InvalidArgument", `The address ${value} is not on ${sheet.name}`);
    }
  }
  return areas.map((area) => area.rect);
}

function zoomOf(value: unknown): ModelPageLayout["zoom"] {
  if (typeof value !== "object" || value === null)
    throw new HostError("InvalidArgument", "The zoom must be a PageLayoutZoomOptions object");
  const options = value as Record<string, unknown>;
  const count = (key: string): number | undefined => {
    const n = options[key];
    if (n === undefined || n === null) return undefined;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 32767) {
      throw new HostError("InvalidArgument", `The zoom option ${key} must be a whole number of pages`);
    }
    return n;
  };
  const horizontal = count("horizontalFitToPages");
  const vertical = count("verticalFitToPages");
  const scale = options.scale;
  if (horizontal !== undefined || vertical !== undefined) {
    return { horizontalFitToPages: horizontal ?? 1, verticalFitToPages: vertical ?? 1 };
  }
  if (typeof scale !== "number" || scale < 10 || scale > 400) {
    throw new HostError("InvalidArgument", "The zoom scale must be between 10 and 400");
  }
  return { scale };
}

export const pageLayoutTypes: Record<string, TypeSpec> = {
  PageLayout: {
    since: 9,
    scalars: {
      orientation: {
        get: (h, context) => pageLayoutOf(context, h.sheet).orientation,
        set: (h, value, context) => {
          if (!ORIENTATIONS.includes(String(value)))
            throw new HostError("InvalidArgument", `Invalid orientation ${String(value)}`);
          pageLayoutOf(context, h.sheet).orientation = String(value) as ModelPageLayout["orientation"];
          context.wrote();
        },
      },
      paperSize: {
        get: (h, context) => pageLayoutOf(context, h.sheet).paperSize,
        set: (h, value, context) => {
          if (!PAPER_TYPES.includes(String(value)))
            throw new HostError("InvalidArgument", `Invalid paper size ${String(value)}`);
          pageLayoutOf(context, h.sheet).paperSize = String(value);
          context.wrote();
        },
      },
      zoom: {
        get: (h, context) => ({ ...pageLayoutOf(context, h.sheet).zoom }),
        set: (h, value, context) => {
          pageLayoutOf(context, h.sheet).zoom = zoomOf(value);
          context.wrote();
        },
      },
    },
    methods: {
      SetPrintTitleRows: {
        call: (h, args, context) => {
          const layout = pageLayoutOf(context, h.sheet);
          const rects = rectsArg(h.sheet, args[0], "printTitleRows");
          if (rects.length !== 1) throw new HostError("InvalidArgument", "The print title rows must be one range");
          layout.printTitleRows = { top: rects[0]!.top, bottom: rects[0]!.bottom };
          context.wrote();
        },
      },
      SetPrintArea: {
        call: (h, args, context) => {
          pageLayoutOf(context, h.sheet).printArea = rectsArg(h.sheet, args[0], "printArea");
          context.wrote();
        },
      },
      GetPrintTitleRowsOrNullObject: {
        call: (h, _args, context): RangeHandle | null => {
          const rows = pageLayoutOf(context, h.sheet).printTitleRows;
          if (!rows) return null;
          return {
            type: "Range",
            sheet: h.sheet,
            rect: { top: rows.top, bottom: rows.bottom, left: 1, right: MAX_COLUMNS },
          };
        },
      },
      GetPrintAreaOrNullObject: {
        call: (h, _args, context): Handle | null => {
          const area = pageLayoutOf(context, h.sheet).printArea;
          if (!area) return null;
          return { type: "RangeAreas", sheet: h.sheet, rects: area } as RangeAreasHandle;
        },
      },
    },
  } satisfies TypeSpec<PageLayoutHandle> as TypeSpec,
};

/** "'Sheet'!$7:$7"-style text of the print title rows (for tests and dumps). */
export function printTitleAddress(sheet: ModelSheet): string | null {
  const rows = sheet.features.pageLayout?.printTitleRows;
  return rows ? formatAddress(sheet.name, { top: rows.top, bottom: rows.bottom, left: 1, right: MAX_COLUMNS }) : null;
}
