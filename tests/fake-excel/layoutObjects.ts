/**
 * Proxies for what the sheet-layout writer uses: defined names, freeze panes, tables, data
 * validation, charts and the worksheet's auto filter. Like objects.ts, each mirrors the real
 * @types/office-js members it implements; the effect happens at sync time on the model.
 */
import { formatAddress, MAX_ROWS, parseArea } from "./address";
import { FakeClientObject, FakeCollectionObject, type FakeRequestContextCore } from "./context";
import { FakeOfficeError } from "./errors";
import type { FakeWorkbookModel, ModelName, ModelSheet } from "./model";
import type { Mirror } from "./objects";

interface RangeLike {
  resolveExisting(): { sheet: ModelSheet; rect: { top: number; left: number; bottom: number; right: number } };
}

function rangeAddress(range: RangeLike): { sheet: ModelSheet; address: string } {
  const { sheet, rect } = range.resolveExisting();
  return { sheet, address: formatAddress(sheet.name, rect) };
}

const NAME_PATTERN = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

export class FakeNamedItemCollection
  extends FakeCollectionObject<ModelName[], FakeNamedItem>
  implements Mirror<Excel.NamedItemCollection, "add" | "getItemOrNullObject" | "load">
{
  constructor(context: FakeRequestContextCore) {
    super(context, () => context.model.names, { label: "names", minApi: 4 });
  }

  protected itemProxies(names: ModelName[]): FakeNamedItem[] {
    return names.map((name) => FakeNamedItem.byName(this.context, name.name, false));
  }

  /** `reference`: a Range or a formula/address text ("=Sheet1!$A$1"). */
  add(name: string, reference: unknown, comment?: string): FakeNamedItem {
    void comment;
    const text = typeof reference === "string" ? reference : null;
    this.enqueueWrite("add", [name, text ?? "(range)"], (names) => {
      if (!NAME_PATTERN.test(name)) throw new FakeOfficeError("InvalidArgument", `Invalid name ${name}`);
      if (names.some((other) => other.name.toLowerCase() === name.toLowerCase())) {
        throw new FakeOfficeError("ItemAlreadyExists", `The name ${name} already exists`);
      }
      let formula: string;
      if (text !== null) formula = text.startsWith("=") ? text : `=${text}`;
      else {
        const { sheet, rect } = (reference as RangeLike).resolveExisting();
        formula = `=${formatAddress(sheet.name, rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
      }
      names.push({ name, formula, visible: true });
    });
    return FakeNamedItem.byName(this.context, name, false);
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return FakeNamedItem.byName(this.context, name, true);
  }
}

export class FakeNamedItem
  extends FakeClientObject<ModelName>
  implements Mirror<Excel.NamedItem, "name" | "formula" | "visible" | "delete" | "load" | "isNullObject">
{
  static byName(context: FakeRequestContextCore, name: string, nullable: boolean): FakeNamedItem {
    const model: FakeWorkbookModel = context.model;
    return new FakeNamedItem(context, () => model.names.find((item) => item.name.toLowerCase() === name.toLowerCase()) ?? null, {
      label: `names[${JSON.stringify(name)}]`,
      nullable,
      minApi: 4,
    });
  }

  protected scalarReaders(): Record<string, (t: ModelName) => unknown> {
    return { name: (t) => t.name, formula: (t) => t.formula, visible: (t) => t.visible };
  }

  get name(): string {
    return this.read("name") as string;
  }
  get formula(): string {
    return this.read("formula") as string;
  }
  get visible(): boolean {
    return this.read("visible") as boolean;
  }
  set visible(visible: boolean) {
    this.enqueueWrite("visible", visible, (t) => {
      t.visible = visible;
    });
  }

  delete(): void {
    this.enqueueWrite("delete", [], (t) => {
      const names = this.context.model.names;
      names.splice(names.indexOf(t), 1);
    });
  }
}

export class FakeWorksheetFreezePanes
  extends FakeClientObject<ModelSheet>
  implements Mirror<Excel.WorksheetFreezePanes, "freezeRows" | "freezeAt">
{
  constructor(context: FakeRequestContextCore, locate: () => ModelSheet | null, label: string) {
    super(context, locate, { label, minApi: 7 });
  }

  protected scalarReaders(): Record<string, (t: ModelSheet) => unknown> {
    return {};
  }

  freezeRows(count?: number): void {
    this.enqueueWrite("freezeRows", [count], (sheet) => {
      sheet.features.frozen = { rows: count ?? 1, columns: 0 };
    });
  }

  /** Freezes the rows above and the columns left of the range's bottom-right corner plus one. */
  freezeAt(frozenRange: unknown): void {
    const address = typeof frozenRange === "string" ? frozenRange : null;
    this.enqueueWrite("freezeAt", [address ?? "(range)"], (sheet) => {
      const rect = address !== null ? parseArea(address).rect : (frozenRange as RangeLike).resolveExisting().rect;
      sheet.features.frozen = { rows: rect.bottom === MAX_ROWS ? 0 : rect.bottom, columns: rect.right };
    });
  }
}

export class FakeTableCollection
  extends FakeClientObject<ModelSheet>
  implements Mirror<Excel.TableCollection, "add">
{
  constructor(context: FakeRequestContextCore, locate: () => ModelSheet | null, label: string) {
    super(context, locate, { label });
  }

  protected scalarReaders(): Record<string, (t: ModelSheet) => unknown> {
    return {};
  }

  add(address: unknown, hasHeaders: boolean): FakeTable {
    if (typeof address !== "string") throw new Error("The fake takes table addresses as text");
    const index = { value: -1 };
    this.enqueueWrite("add", [address, hasHeaders], (sheet) => {
      const area = parseArea(address);
      if (area.sheet !== null && area.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw new FakeOfficeError("InvalidArgument", `${address} is not on ${sheet.name}`);
      }
      index.value = sheet.features.tables.length;
      sheet.features.tables.push({ name: `Table${index.value + 1}`, address: formatAddress(sheet.name, area.rect), style: "TableStyleMedium2" });
    });
    return new FakeTable(this.context, () => {
      const sheet = this.resolve();
      return sheet === null || index.value < 0 ? null : (sheet.features.tables[index.value] ?? null);
    }, `${this.label}.add(${JSON.stringify(address)})`);
  }
}

type ModelTable = ModelSheet["features"]["tables"][number];

export class FakeTable extends FakeClientObject<ModelTable> implements Mirror<Excel.Table, "name" | "style"> {
  constructor(context: FakeRequestContextCore, locate: () => ModelTable | null, label: string) {
    super(context, locate, { label });
  }

  protected scalarReaders(): Record<string, (t: ModelTable) => unknown> {
    return { name: (t) => t.name, style: (t) => t.style };
  }

  get name(): string {
    return this.read("name") as string;
  }
  set name(name: string) {
    this.enqueueWrite("name", name, (t) => {
      t.name = name;
    });
  }
  get style(): string {
    return this.read("style") as string;
  }
  set style(style: string) {
    this.enqueueWrite("style", style, (t) => {
      t.style = style;
    });
  }
}

interface RangeTarget {
  sheet: ModelSheet;
  rect: { top: number; left: number; bottom: number; right: number };
}

/** Range.dataValidation [ExcelApi 1.8]: list rules only. */
export class FakeDataValidation
  extends FakeClientObject<RangeTarget>
  implements Mirror<Excel.DataValidation, "rule" | "errorAlert" | "prompt" | "clear">
{
  constructor(context: FakeRequestContextCore, locate: () => RangeTarget | null, label: string) {
    super(context, locate, { label, minApi: 8 });
  }

  protected scalarReaders(): Record<string, (t: RangeTarget) => unknown> {
    return {};
  }

  private entry(t: RangeTarget): ModelSheet["features"]["validations"][number] {
    const address = formatAddress(t.sheet.name, t.rect);
    let found = t.sheet.features.validations.find((validation) => validation.address === address);
    if (!found) {
      found = { address, source: "" };
      t.sheet.features.validations.push(found);
    }
    return found;
  }

  get rule(): Excel.DataValidationRule {
    return this.read("rule") as Excel.DataValidationRule;
  }
  set rule(rule: Excel.DataValidationRule) {
    this.enqueueWrite("rule", rule, (t) => {
      const source = rule.list?.source;
      if (typeof source !== "string") throw new Error("The fake supports list rules with a text source only");
      this.entry(t).source = source;
    });
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.read("errorAlert") as Excel.DataValidationErrorAlert;
  }
  set errorAlert(alert: Excel.DataValidationErrorAlert) {
    this.enqueueWrite("errorAlert", alert, (t) => {
      this.entry(t).errorTitle = alert.title;
    });
  }
  get prompt(): Excel.DataValidationPrompt {
    return this.read("prompt") as Excel.DataValidationPrompt;
  }
  set prompt(prompt: Excel.DataValidationPrompt) {
    this.enqueueWrite("prompt", prompt, (t) => {
      this.entry(t).promptTitle = prompt.title;
    });
  }

  clear(): void {
    this.enqueueWrite("clear", [], (t) => {
      const address = formatAddress(t.sheet.name, t.rect);
      t.sheet.features.validations = t.sheet.features.validations.filter((validation) => validation.address !== address);
    });
  }
}

type ModelChart = ModelSheet["features"]["charts"][number];

export class FakeChartCollection extends FakeClientObject<ModelSheet> implements Mirror<Excel.ChartCollection, "add"> {
  constructor(context: FakeRequestContextCore, locate: () => ModelSheet | null, label: string) {
    super(context, locate, { label });
  }

  protected scalarReaders(): Record<string, (t: ModelSheet) => unknown> {
    return {};
  }

  add(type: unknown, sourceData: unknown, seriesBy?: unknown): FakeChart {
    void seriesBy;
    const index = { value: -1 };
    this.enqueueWrite("add", [type], (sheet) => {
      const source = rangeAddress(sourceData as RangeLike);
      if (source.sheet !== sheet) throw new FakeOfficeError("InvalidArgument", "The chart's data is on another sheet");
      index.value = sheet.features.charts.length;
      sheet.features.charts.push({ type: String(type), source: source.address, title: null });
    });
    return new FakeChart(this.context, () => {
      const sheet = this.resolve();
      return sheet === null || index.value < 0 ? null : (sheet.features.charts[index.value] ?? null);
    }, `${this.label}.add()`);
  }
}

export class FakeChart extends FakeClientObject<ModelChart> implements Mirror<Excel.Chart, "title" | "setPosition"> {
  readonly title: FakeChartTitle;

  constructor(context: FakeRequestContextCore, locate: () => ModelChart | null, label: string) {
    super(context, locate, { label });
    this.title = new FakeChartTitle(context, locate, `${label}.title`);
  }

  protected scalarReaders(): Record<string, (t: ModelChart) => unknown> {
    return {};
  }

  setPosition(startCell: unknown, endCell?: unknown): void {
    this.enqueueWrite("setPosition", [startCell, endCell], (chart) => {
      chart.position = `${String(startCell)}:${String(endCell ?? startCell)}`;
    });
  }
}

export class FakeChartTitle extends FakeClientObject<ModelChart> implements Mirror<Excel.ChartTitle, "text"> {
  constructor(context: FakeRequestContextCore, locate: () => ModelChart | null, label: string) {
    super(context, locate, { label });
  }

  protected scalarReaders(): Record<string, (t: ModelChart) => unknown> {
    return { text: (t) => t.title };
  }

  get text(): string {
    return this.read("text") as string;
  }
  set text(text: string) {
    this.enqueueWrite("text", text, (chart) => {
      chart.title = text;
    });
  }
}

export class FakeAutoFilter extends FakeClientObject<ModelSheet> implements Mirror<Excel.AutoFilter, "apply"> {
  constructor(context: FakeRequestContextCore, locate: () => ModelSheet | null, label: string) {
    super(context, locate, { label, minApi: 9 });
  }

  protected scalarReaders(): Record<string, (t: ModelSheet) => unknown> {
    return {};
  }

  apply(range: unknown): void {
    const address = typeof range === "string" ? range : null;
    this.enqueueWrite("apply", [address ?? "(range)"], (sheet) => {
      const rect = address !== null ? parseArea(address).rect : (range as RangeLike).resolveExisting().rect;
      sheet.features.autoFilter = formatAddress(sheet.name, rect);
    });
  }
}
