/**
 * Office.js's proxy model, faithfully enough to catch the usual mistakes: methods and property
 * writes are queued and only happen at `sync()`; a property can be read only after `load()` and
 * a `sync()`; `*OrNullObject` results say `isNullObject` only after a sync; each sync is counted,
 * its request and response are measured as JSON, and either over the limit fails the sync.
 */
import { FakeOfficeError } from "./errors";
import { type FakeWorkbookModel, jsonClone, type ModelSheet, type SyncRecord } from "./model";
import { type CellRect, formatRect } from "./address";

/** What a load produced at sync time; committed only if the whole response fits the limit. */
export interface StagedLoad {
  bytes: number;
  commit(emptyArrays: boolean): void;
}

/** A write that Excel would report through onChanged. */
export interface ChangedRange {
  sheet: ModelSheet;
  rect: CellRect;
  kind: "values" | "other";
}

export interface ActionResult {
  response?: StagedLoad;
  changed?: ChangedRange;
}

export interface QueuedAction {
  label: string;
  requestBytes: number;
  execute(): ActionResult;
}

const encoder = new TextEncoder();

/** UTF-8 size of the JSON text of a value. */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : encoder.encode(json).length;
}

export type LoadSpec = string | string[] | { select?: string | string[]; expand?: string | string[] };

function specPaths(spec: LoadSpec | undefined): string[][] {
  if (spec === undefined) return [];
  const parts: string[] = [];
  const addList = (value: string | string[] | undefined): void => {
    if (value === undefined) return;
    for (const item of Array.isArray(value) ? value : value.split(",")) {
      const trimmed = item.trim();
      if (trimmed !== "") parts.push(trimmed);
    }
  };
  if (typeof spec === "string" || Array.isArray(spec)) addList(spec);
  else {
    addList(spec.select);
    addList(spec.expand);
  }
  return parts.map((part) => part.split("/").map((segment) => segment.trim()));
}

/** Anything a load path can pass through. */
export interface Loadable {
  stageLoad(paths: string[][]): StagedLoad;
}

interface NullTracked {
  settleNullState(): void;
}

export class FakeRequestContextCore {
  readonly model: FakeWorkbookModel;
  private queue: QueuedAction[] = [];
  private nullables: NullTracked[] = [];
  private pathBytes = 0;

  constructor(model: FakeWorkbookModel) {
    this.model = model;
  }

  get pendingActions(): number {
    return this.queue.length;
  }

  enqueue(action: QueuedAction): void {
    this.model.apiCalls += 1;
    this.queue.push(action);
  }

  /** Arguments of methods that only build an object path (getRange("…")) still travel in the request. */
  addPathBytes(bytes: number): void {
    this.pathBytes += bytes;
  }

  trackNullable(object: NullTracked): void {
    this.nullables.push(object);
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    const actions = this.queue.splice(0);
    const nullables = this.nullables.splice(0);
    const limit = this.model.payloadLimitBytes;
    const requestBytes = actions.reduce((sum, action) => sum + action.requestBytes, this.pathBytes);
    this.pathBytes = 0;
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: actions.length };
    this.model.syncs.push(record);
    const injected = this.model.nextSyncFailure();
    if (requestBytes > limit) {
      record.failed = "RequestPayloadSizeLimitExceeded";
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload (${requestBytes} bytes) exceeds the limit of ${limit} bytes`
      );
    }
    const staged: StagedLoad[] = [];
    const changes: ChangedRange[] = [];
    try {
      for (const [index, action] of actions.entries()) {
        if (injected && index >= injected.afterActions) break;
        const result = action.execute();
        if (result.response) staged.push(result.response);
        if (result.changed) changes.push(result.changed);
      }
      if (injected) {
        throw new FakeOfficeError(injected.code, `Injected failure after ${Math.min(injected.afterActions, actions.length)} of ${actions.length} action(s)`);
      }
    } catch (error) {
      record.failed = error instanceof FakeOfficeError ? error.code : String(error);
      this.fireChanges(changes);
      throw error;
    }
    const responseBytes = staged.reduce((sum, load) => sum + load.bytes, 0);
    record.responseBytes = responseBytes;
    let emptyArrays = false;
    if (responseBytes > limit) {
      if (this.model.oversizedResponse === "throw") {
        record.failed = "ResponsePayloadSizeLimitExceeded";
        this.fireChanges(changes);
        throw new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload (${responseBytes} bytes) exceeds the limit of ${limit} bytes`
        );
      }
      emptyArrays = true;
    }
    for (const load of staged) load.commit(emptyArrays);
    for (const object of nullables) object.settleNullState();
    this.fireChanges(changes);
  }

  private fireChanges(changes: ChangedRange[]): void {
    for (const change of changes) {
      if (change.kind === "other" && this.model.changedEventsFor !== "all") continue;
      this.model.fireChanged(change.sheet, formatRect(change.rect), "Local", "ThisLocalAddin");
    }
  }
}

/**
 * Base of every proxy. `locate` finds the model object at sync time (null when it does not
 * exist); a proxy from an `*OrNullObject` accessor, or derived from one, is `nullable`.
 */
export abstract class FakeClientObject<T> {
  readonly context: FakeRequestContextCore;
  protected readonly locate: () => T | null;
  protected readonly nullable: boolean;
  protected readonly label: string;
  protected readonly minApi: number;
  private readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  protected constructor(
    context: FakeRequestContextCore,
    locate: () => T | null,
    options: { label: string; nullable?: boolean; minApi?: number }
  ) {
    this.context = context;
    this.locate = locate;
    this.label = options.label;
    this.nullable = options.nullable ?? false;
    this.minApi = options.minApi ?? 1;
    if (this.nullable) context.trackNullable(this);
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullState === undefined) {
      throw new FakeOfficeError("PropertyNotLoaded", `${this.label}.isNullObject is not known before context.sync()`);
    }
    return this.nullState;
  }

  /** For derived proxies: same nullability and API floor. */
  protected childOptions(label: string, minApi = this.minApi): { label: string; nullable: boolean; minApi: number } {
    return { label: `${this.label}.${label}`, nullable: this.nullable, minApi: Math.max(minApi, this.minApi) };
  }

  settleNullState(): void {
    try {
      this.nullState = this.locate() === null;
    } catch {
      this.nullState = true;
    }
  }

  /** The model object, at sync time. Throws ItemNotFound when missing (unless nullable). */
  resolve(): T | null {
    if (this.context.model.apiVersion < this.minApi) {
      throw new FakeOfficeError("ApiNotFound", `${this.label} needs ExcelApi 1.${this.minApi}`);
    }
    const target = this.locate();
    if (target === null && !this.nullable) {
      throw new FakeOfficeError("ItemNotFound", `${this.label} does not exist`);
    }
    return target;
  }

  resolveExisting(): T {
    const target = this.resolve();
    if (target === null) throw new FakeOfficeError("InvalidObjectPath", `${this.label} is a null object`);
    return target;
  }

  protected abstract scalarReaders(): Record<string, (target: T) => unknown>;

  protected navigation(name: string): Loadable | undefined {
    void name;
    return undefined;
  }

  protected read(name: string): unknown {
    if (this.nullState === true) {
      throw new FakeOfficeError("InvalidObjectPath", `${this.label} is a null object; it has no ${name}`);
    }
    if (!this.loaded.has(name)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${name}' of ${this.label} is not available. Call load() and context.sync() before reading it.`
      );
    }
    return this.loaded.get(name);
  }

  load(spec?: LoadSpec): this {
    const paths = specPaths(spec);
    this.context.enqueue({
      label: `${this.label}.load`,
      requestBytes: jsonBytes({ load: this.label, paths }),
      execute: () => ({ response: this.stageLoad(paths) }),
    });
    return this;
  }

  stageLoad(paths: string[][]): StagedLoad {
    const target = this.resolve();
    if (target === null) {
      return {
        bytes: 4,
        commit: () => {
          this.nullState = true;
        },
      };
    }
    const readers = this.scalarReaders();
    const allScalars = paths.length === 0 || paths.some((path) => path.length === 0);
    const byHead = new Map<string, string[][]>();
    if (allScalars) for (const name of Object.keys(readers)) byHead.set(name, []);
    for (const path of paths) {
      const [head, ...rest] = path;
      if (head === undefined) continue;
      const list = byHead.get(head) ?? [];
      if (rest.length > 0) list.push(rest);
      byHead.set(head, list);
    }
    const values = new Map<string, unknown>();
    const children: StagedLoad[] = [];
    for (const [head, rests] of byHead) {
      const reader = readers[head];
      if (reader) {
        if (rests.length > 0) throw new FakeOfficeError("InvalidArgument", `${head} is not a navigation property`);
        values.set(head, jsonClone(reader(target)));
        continue;
      }
      const child = this.navigation(head);
      if (!child) throw new FakeOfficeError("InvalidArgument", `${this.label} has no property '${head}'`);
      children.push(child.stageLoad(rests));
    }
    const own = jsonBytes(Object.fromEntries(values));
    return {
      bytes: own + children.reduce((sum, child) => sum + child.bytes, 0),
      commit: (emptyArrays) => {
        this.nullState = false;
        for (const [name, value] of values) this.loaded.set(name, emptyArrays && Array.isArray(value) ? [] : value);
        for (const child of children) child.commit(emptyArrays);
      },
    };
  }

  /** Queues a write or a method call; `effect` runs at sync time. */
  protected enqueueWrite(label: string, args: unknown, effect: (target: T) => ChangedRange | void): void {
    this.context.enqueue({
      label: `${this.label}.${label}`,
      requestBytes: jsonBytes({ call: `${this.label}.${label}`, args }),
      execute: () => {
        const changed = effect(this.resolveExisting());
        return changed ? { changed } : {};
      },
    });
  }
}

/** A collection: `items` after a load of the collection (`load("items/name")` or `load("name")`). */
export abstract class FakeCollectionObject<T, Item extends Loadable> extends FakeClientObject<T> {
  private loadedItems: Item[] | undefined;

  get items(): Item[] {
    if (!this.loadedItems) {
      throw new FakeOfficeError("PropertyNotLoaded", `${this.label}.items is not available before load() and sync()`);
    }
    return this.loadedItems;
  }

  protected abstract itemProxies(target: T): Item[];

  protected scalarReaders(): Record<string, (target: T) => unknown> {
    return {};
  }

  override stageLoad(paths: string[][]): StagedLoad {
    const target = this.resolve();
    if (target === null) return super.stageLoad(paths);
    const itemPaths = paths.map((path) => (path[0] === "items" ? path.slice(1) : path));
    const items = this.itemProxies(target);
    const staged = items.map((item) => item.stageLoad(itemPaths));
    return {
      bytes: 2 + staged.reduce((sum, load) => sum + load.bytes + 1, 0),
      commit: (emptyArrays) => {
        this.loadedItems = items;
        for (const load of staged) load.commit(emptyArrays);
      },
    };
  }
}

/** OfficeExtension.ClientResult: `value` after the sync that computed it. */
export class FakeClientResult<V> {
  private loaded = false;
  private current: V | undefined;

  get value(): V {
    if (!this.loaded)
      throw new FakeOfficeError("ValueNotLoaded", "ClientResult.value is not available before context.sync()");
    return this.current as V;
  }

  stage(value: V): StagedLoad {
    return {
      bytes: jsonBytes(value),
      commit: () => {
        this.current = value;
        this.loaded = true;
      },
    };
  }
}
