/** Tables [ExcelApi 1.1] and charts [1.1] as the layout writer uses them. */
import { type CellRect, formatAddress, intersects, parseArea } from "../address";
import { HostError } from "../errors";
import type { ExecutionContext, Handle, TypeSpec } from "../spec";
import type { ModelChart, ModelSheet, ModelTable } from "../workbook";
import { assertEditable, handleArg, liveSheet, stringArg } from "./common";
import type { RangeHandle } from "./range";

interface TablesHandle extends Handle {
  type: "TableCollection";
  sheet: ModelSheet | null;
}
interface TableHandle extends Handle {
  type: "Table";
  table: ModelTable;
}
interface ChartsHandle extends Handle {
  type: "ChartCollection";
  sheet: ModelSheet;
}
interface ChartHandle extends Handle {
  type: "Chart" | "ChartTitle" | "ChartAxes";
  sheet: ModelSheet;
  chart: ModelChart;
}
interface AxisHandle extends Handle {
  type: "ChartAxis" | "ChartAxisTitle";
  sheet: ModelSheet;
  chart: ModelChart;
  axis: "category" | "value";
}

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

function tablesOf(h: TablesHandle, context: ExecutionContext): ModelTable[] {
  return context.workbook.tables.filter((table) => h.sheet === null || table.sheetId === h.sheet.id);
}

function tableSheet(context: ExecutionContext, table: ModelTable): ModelSheet {
  const sheet = context.workbook.sheetById(table.sheetId);
  if (!sheet || !context.workbook.tables.includes(table))
    throw new HostError("ItemNotFound", `The table ${table.name} no longer exists`);
  return sheet;
}

function chart(type: ChartHandle["type"], h: { sheet: ModelSheet; chart: ModelChart }): ChartHandle {
  return { type, sheet: h.sheet, chart: h.chart };
}

function addTable(h: TablesHandle, args: unknown[], context: ExecutionContext): TableHandle {
  const { workbook } = context;
  let sheet: ModelSheet;
  let rect: CellRect;
  const address = args[0];
  if (typeof address === "string") {
    const area = parseArea(address);
    const named = area.sheet !== null ? workbook.findSheet(area.sheet) : h.sheet;
    if (!named) throw new HostError("InvalidArgument", `The address ${address} does not name a worksheet`);
    if (h.sheet && named !== h.sheet)
      throw new HostError("InvalidArgument", `The address ${address} is not on ${h.sheet.name}`);
    sheet = liveSheet(context, named);
    rect = area.rect;
  } else {
    const range = handleArg<RangeHandle>(args, 0, "Range", "address");
    sheet = liveSheet(context, range.sheet);
    rect = range.rect;
  }
  assertEditable(sheet, "objects");
  if (workbook.tables.some((table) => table.sheetId === sheet.id && intersects(table.rect, rect))) {
    throw new HostError("InvalidOperation", "A table can't overlap another table.");
  }
  let n = workbook.tables.length + 1;
  while (workbook.nameInUse(`Table${n}`)) n += 1;
  const table: ModelTable = {
    id: String(workbook.newSerial()),
    name: `Table${n}`,
    sheetId: sheet.id,
    rect,
    style: "TableStyleMedium2",
  };
  // Excel fills empty header cells with Column1, Column2, …
  if (args[1] === true) {
    for (let column = rect.left; column <= rect.right; column += 1) {
      const cell = workbook.cellAt(sheet, rect.top, column);
      if (!cell || cell.value === null) workbook.writeValue(sheet, rect.top, column, `Column${column - rect.left + 1}`);
    }
  }
  workbook.tables.push(table);
  context.wrote();
  return { type: "Table", table };
}

export const layoutTypes: Record<string, TypeSpec> = {
  TableCollection: {
    items: (h, context) => tablesOf(h, context).map((table): TableHandle => ({ type: "Table", table })),
    indexer: (h, args, context) => {
      const key = stringArg(args, 0, "key")!;
      const table = tablesOf(h, context).find((t) => t.id === key || t.name.toLowerCase() === key.toLowerCase());
      if (!table) throw new HostError("ItemNotFound", `No table ${key}`);
      return { type: "Table", table } satisfies TableHandle;
    },
    methods: {
      Add: { call: (h, args, context) => addTable(h, args, context) },
      GetCount: { since: 4, call: (h, _args, context) => tablesOf(h, context).length },
      GetItemOrNullObject: {
        since: 4,
        call: (h, args, context) => {
          const key = stringArg(args, 0, "key")!;
          const table = tablesOf(h, context).find((t) => t.id === key || t.name.toLowerCase() === key.toLowerCase());
          return table ? ({ type: "Table", table } satisfies TableHandle) : null;
        },
      },
    },
  } satisfies TypeSpec<TablesHandle> as TypeSpec,

  Table: {
    key: (h) => h.table.id,
    scalars: {
      id: { get: (h) => h.table.id },
      name: {
        get: (h) => h.table.name,
        set: (h, value, context) => {
          const name = String(value);
          tableSheet(context, h.table);
          if (!TABLE_NAME.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
            throw new HostError("InvalidArgument", `The table name ${name} is not valid`);
          // Table names are unique in the workbook and share the namespace of defined names.
          if (name.toLowerCase() !== h.table.name.toLowerCase() && context.workbook.nameInUse(name)) {
            throw new HostError("InvalidArgument", `The name ${name} is already in use in this workbook.`);
          }
          h.table.name = name;
          context.wrote();
        },
      },
      style: {
        get: (h) => h.table.style,
        set: (h, value, context) => {
          tableSheet(context, h.table);
          h.table.style = String(value);
          context.wrote();
        },
      },
    },
    methods: {
      Delete: {
        call: (h, _args, context) => {
          const tables = context.workbook.tables;
          const index = tables.indexOf(h.table);
          if (index >= 0) tables.splice(index, 1);
          context.wrote();
        },
      },
      GetRange: {
        call: (h, _args, context): RangeHandle => ({
          type: "Range",
          sheet: tableSheet(context, h.table),
          rect: h.table.rect,
        }),
      },
    },
  } satisfies TypeSpec<TableHandle> as TypeSpec,

  ChartCollection: {
    items: (h, context) =>
      liveSheet(context, h.sheet).features.charts.map((c) => chart("Chart", { sheet: h.sheet, chart: c })),
    indexer: (h, args, context) => {
      const name = stringArg(args, 0, "name")!;
      const found = liveSheet(context, h.sheet).features.charts.find((c) => c.name === name);
      if (!found) throw new HostError("ItemNotFound", `No chart ${name}`);
      return chart("Chart", { sheet: h.sheet, chart: found });
    },
    methods: {
      Add: {
        call: (h, args, context) => {
          const sheet = liveSheet(context, h.sheet);
          const type = stringArg(args, 0, "type")!;
          const source = handleArg<RangeHandle>(args, 1, "Range", "sourceData");
          if (source.sheet !== sheet)
            throw new HostError("InvalidArgument", "The chart's source data is on another sheet");
          assertEditable(sheet, "objects");
          const added: ModelChart = {
            id: `{${context.workbook.newId("CHART-")}}`,
            name: `Chart ${sheet.features.charts.length + 1}`,
            type,
            source: formatAddress(sheet.name, source.rect),
            seriesBy: stringArg(args, 2, "seriesBy", true) ?? "Auto",
            title: null,
            axisTitles: { category: null, value: null },
          };
          sheet.features.charts.push(added);
          context.wrote();
          return chart("Chart", { sheet, chart: added });
        },
      },
      GetCount: { call: (h, _args, context) => liveSheet(context, h.sheet).features.charts.length },
    },
  } satisfies TypeSpec<ChartsHandle> as TypeSpec,

  Chart: {
    key: (h) => h.chart.name,
    scalars: {
      name: { get: (h) => h.chart.name },
      chartType: { since: 7, get: (h) => h.chart.type },
      id: { since: 7, get: (h) => h.chart.id },
    },
    navigation: {
      title: { get: (h) => chart("ChartTitle", h) },
      axes: { get: (h) => chart("ChartAxes", h) },
    },
    methods: {
      SetPosition: {
        call: (h, args, context) => {
          const start = args[0];
          const end = args[1];
          const text = (value: unknown) =>
            typeof value === "string"
              ? value
              : value && typeof value === "object"
                ? formatAddress(h.sheet.name, (value as RangeHandle).rect)
                : "";
          h.chart.position = [text(start), text(end)].filter((part) => part !== "").join(":");
          context.wrote();
        },
      },
      Delete: {
        call: (h, _args, context) => {
          const charts = liveSheet(context, h.sheet).features.charts;
          charts.splice(charts.indexOf(h.chart), 1);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<ChartHandle> as TypeSpec,

  ChartTitle: {
    scalars: {
      text: {
        get: (h) => h.chart.title ?? "",
        set: (h, value, context) => {
          h.chart.title = String(value);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<ChartHandle> as TypeSpec,

  ChartAxes: {
    navigation: {
      categoryAxis: {
        get: (h) => ({ type: "ChartAxis", sheet: h.sheet, chart: h.chart, axis: "category" }) as AxisHandle,
      },
      valueAxis: { get: (h) => ({ type: "ChartAxis", sheet: h.sheet, chart: h.chart, axis: "value" }) as AxisHandle },
    },
  } satisfies TypeSpec<ChartHandle> as TypeSpec,

  ChartAxis: {
    navigation: {
      title: { get: (h) => ({ ...h, type: "ChartAxisTitle" }) as AxisHandle },
    },
  } satisfies TypeSpec<AxisHandle> as TypeSpec,

  ChartAxisTitle: {
    scalars: {
      text: {
        get: (h) => h.chart.axisTitles[h.axis] ?? "",
        set: (h, value, context) => {
          h.chart.axisTitles[h.axis] = String(value);
          context.wrote();
        },
      },
    },
  } satisfies TypeSpec<AxisHandle> as TypeSpec,
};
