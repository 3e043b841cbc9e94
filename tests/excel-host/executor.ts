/**
 * Executes one RichApi request — the `{ Actions, ObjectPaths }` body that Microsoft's client
 * library builds for a `context.sync()` — against the in-memory workbook, and builds the body of
 * the answer in the library's format: `{ Results: [{ ActionId, Value }], TraceIds, Error? }`
 * with wire names in PascalCase, `_Items` for collections, `_Id` for items with a key and
 * `_ReferenceId` for objects the library asked to keep (`_KeepReference`).
 *
 * Excel runs a request's actions in order and stops at the first that fails, keeping what the
 * earlier ones did (there are no transactions); the answer then carries the results so far and
 * an `Error` naming the failed action's index. Object paths are resolved when first needed —
 * at their Instantiate action — so a method path such as `worksheets.add()` runs once, in place.
 * Calling a method or setting a property on a null object does nothing, as Microsoft's own
 * samples rely on (`getItemOrNullObject(name).delete()`).
 */
import { HostError } from "./errors";
import { cellCount, isUnbounded } from "./objects/common";
import { NEW_OBJECTS, TYPES, WORKBOOK } from "./objects";
import { camel, type ExecutionContext, type Handle, pascal, type TypeSpec } from "./spec";
import type { CellRect } from "./address";

/** The wire shapes (as the library builds them; see ClientRequestBase.buildRequestMessageBodyAndRequestFlags). */
export interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] };
}

export interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}

export interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export interface ResponseBody {
  Results: Array<{ ActionId: number; Value: unknown }>;
  TraceIds?: number[];
  Error?: { Code: string; Message: string; HttpStatusCode: number; ActionIndex: number; Location: string };
}

const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4, trace: 5 } as const;
const PATH = { global: 1, newObject: 2, method: 3, property: 4, indexer: 5, referenceId: 6, nullObject: 7 } as const;

/** Object references kept across requests (`_KeepReference` → `_ReferenceId`), released by `_RemoveReference`. */
export class ReferenceTable {
  private readonly handles = new Map<string, Handle>();
  private next = 1;

  keep(handle: Handle): string {
    const id = `{ref-${this.next}}`;
    this.next += 1;
    this.handles.set(id, handle);
    return id;
  }

  get(id: string): Handle | undefined {
    return this.handles.get(id);
  }

  release(id: string): void {
    this.handles.delete(id);
  }

  get size(): number {
    return this.handles.size;
  }
}

type SelectTree = Map<string, SelectTree>;

/** "a/b/c" paths as a tree; an empty tree means "all scalar properties" (a parameter-less load). */
function selectTree(select: readonly string[] | undefined, expand: readonly string[] | undefined): SelectTree {
  const root: SelectTree = new Map();
  for (const entry of [...(select ?? []), ...(expand ?? [])]) {
    let node = root;
    for (const segment of entry.split("/").map((part) => part.trim())) {
      if (segment === "" || segment === "items") continue;
      let child = node.get(segment);
      if (!child) {
        child = new Map();
        node.set(segment, child);
      }
      node = child;
    }
  }
  return root;
}

export interface ExecutionOutcome {
  body: ResponseBody;
  /** Index of the action that failed, if one did. */
  failedAt?: number;
}

/**
 * Runs `body` against the host. `stopAfter` (failure injection) makes Excel give up with
 * `injectedCode` after that many actions, keeping what they did.
 */
export function executeRequest(
  body: RequestBody,
  context: ExecutionContext,
  references: ReferenceTable,
  injected?: { afterActions: number; code: string }
): ExecutionOutcome {
  const paths = body.ObjectPaths ?? {};
  const resolved = new Map<number, Handle | null>();
  /** Paths kept during this request: their results carry `_ReferenceId`. */
  const kept = new Map<number, string>();
  const results: ResponseBody["Results"] = [];
  const traceIds: number[] = [];

  const specOf = (handle: Handle): TypeSpec => {
    const spec = TYPES[handle.type];
    if (!spec) throw new HostError("NotImplemented", `The in-memory Excel does not model ${handle.type}`);
    context.requireApi(handle.type, spec.since);
    return spec;
  };

  const resolveArguments = (
    info: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] } | undefined
  ): unknown[] => {
    const args = [...(info?.Arguments ?? [])];
    const referenced = info?.ReferencedObjectPathIds ?? [];
    referenced.forEach((id, index) => {
      if (typeof id === "number" && id > 0) args[index] = resolve(id);
    });
    return args;
  };

  const callMethod = (handle: Handle, name: string, args: unknown[]): unknown => {
    const spec = specOf(handle);
    if (name === "GetItemAt" && spec.items) {
      const index = Number(args[0]);
      const item = spec.items(handle, context)[index];
      if (!item) throw new HostError("ItemNotFound", `${handle.type} has no item at ${index}`);
      return item;
    }
    const method = spec.methods?.[name];
    if (!method) throw new HostError("NotImplemented", `The in-memory Excel does not model ${handle.type}.${name}`);
    context.requireApi(`${handle.type}.${camel(name)}`, method.since);
    return method.call(handle, args, context);
  };

  const asHandle = (value: unknown, where: string): Handle | null => {
    if (value === null) return null;
    if (typeof value === "object" && value !== undefined && typeof (value as Handle).type === "string") {
      specOf(value as Handle);
      return value as Handle;
    }
    throw new HostError("InvalidObjectPath", `${where} does not return an object`);
  };

  function resolve(id: number): Handle | null {
    if (resolved.has(id)) return resolved.get(id)!;
    const info = paths[String(id)];
    if (!info)
      throw new HostError("InvalidObjectPath", `The request refers to object path ${id}, which it does not define`);
    let handle: Handle | null;
    const parent = (): Handle | null => {
      if (info.ParentObjectPathId === undefined)
        throw new HostError("InvalidObjectPath", `Object path ${id} has no parent`);
      return resolve(info.ParentObjectPathId);
    };
    switch (info.ObjectPathType) {
      case PATH.global:
        handle = WORKBOOK;
        break;
      case PATH.newObject: {
        const created = NEW_OBJECTS[info.Name];
        if (!created) throw new HostError("NotImplemented", `The in-memory Excel does not model new ${info.Name}`);
        handle = created;
        break;
      }
      case PATH.property: {
        const owner = parent();
        if (owner === null) {
          handle = null;
          break;
        }
        const name = camel(info.Name);
        const navigation = specOf(owner).navigation?.[name];
        if (!navigation)
          throw new HostError("NotImplemented", `The in-memory Excel does not model ${owner.type}.${name}`);
        context.requireApi(`${owner.type}.${name}`, navigation.since);
        handle = asHandle(navigation.get(owner, context), `${owner.type}.${name}`);
        break;
      }
      case PATH.indexer: {
        const owner = parent();
        if (owner === null) {
          handle = null;
          break;
        }
        const spec = specOf(owner);
        if (!spec.indexer) throw new HostError("NotImplemented", `The in-memory Excel does not index ${owner.type}`);
        handle = asHandle(spec.indexer(owner, resolveArguments(info.ArgumentInfo), context), `${owner.type}[]`);
        break;
      }
      case PATH.method: {
        const owner = parent();
        handle =
          owner === null
            ? null
            : asHandle(callMethod(owner, info.Name, resolveArguments(info.ArgumentInfo)), `${owner.type}.${info.Name}`);
        break;
      }
      case PATH.referenceId: {
        const found = references.get(info.Name);
        if (!found) throw new HostError("InvalidObjectPath", `The object reference ${info.Name} is no longer valid`);
        handle = found;
        break;
      }
      case PATH.nullObject:
        handle = null;
        break;
      default:
        throw new HostError(
          "NotImplemented",
          `The in-memory Excel does not model object path type ${info.ObjectPathType}`
        );
    }
    resolved.set(id, handle);
    return handle;
  }

  const serialize = (handle: Handle, tree: SelectTree, pathId?: number): Record<string, unknown> => {
    const spec = specOf(handle);
    if (spec.items) {
      const items = spec.items(handle, context);
      return {
        _Items: items.map((item, index) => {
          const value = serialize(item, tree);
          if (specOf(item).key === undefined) value._Index = index;
          return value;
        }),
      };
    }
    const out: Record<string, unknown> = {};
    const key = spec.key?.(handle);
    if (key !== undefined) out._Id = key;
    if (pathId !== undefined && kept.has(pathId)) out._ReferenceId = kept.get(pathId);
    const entries: Array<[string, SelectTree]> =
      tree.size === 0
        ? Object.entries(spec.scalars ?? {})
            .filter(
              ([, scalar]) => !scalar.notInDefaultLoad && (scalar.since ?? 1) <= context.profile.excelApi && scalar.get
            )
            .map(([name]) => [name, new Map()])
        : [...tree.entries()];
    for (const [name, subtree] of entries) {
      const scalar = spec.scalars?.[name];
      if (scalar) {
        context.requireApi(`${handle.type}.${name}`, scalar.since);
        if (!scalar.get) throw new HostError("InvalidArgument", `${handle.type}.${name} cannot be read`);
        out[pascal(name)] = readScalar(handle, name, scalar.cellLevel === true, () => scalar.get!(handle, context));
        continue;
      }
      const navigation = spec.navigation?.[name];
      if (!navigation)
        throw new HostError("NotImplemented", `The in-memory Excel does not model ${handle.type}.${name}`);
      context.requireApi(`${handle.type}.${name}`, navigation.since);
      const child = asHandle(navigation.get(handle, context), `${handle.type}.${name}`);
      out[pascal(name)] = child === null ? null : serialize(child, subtree);
    }
    return out;
  };

  /** Cell-level properties: null on unbounded ranges, refused beyond the read limit. */
  const readScalar = (handle: Handle, name: string, cellLevel: boolean, read: () => unknown): unknown => {
    if (!cellLevel) return read();
    const rect = (handle as Handle & { rect: CellRect }).rect;
    if (isUnbounded(rect)) return null;
    if (cellCount(rect) > context.profile.maxReadCells) {
      throw new HostError(
        "RangeExceedsLimit",
        `The cell count in the range has exceeded the maximum supported number (${context.profile.maxReadCells.toLocaleString("en-US")} for ${name}).`
      );
    }
    return read();
  };

  const actions = body.Actions ?? [];
  for (const [index, action] of actions.entries()) {
    if (injected && index >= injected.afterActions) {
      return fail(
        index,
        new HostError(
          injected.code as HostError["code"],
          `Injected failure after ${index} of ${actions.length} action(s)`
        ),
        ""
      );
    }
    try {
      switch (action.ActionType) {
        case ACTION.instantiate: {
          const handle = resolve(action.ObjectPathId);
          if (handle === null) results.push({ ActionId: action.Id, Value: null });
          else {
            const value: Record<string, unknown> = {};
            const key = specOf(handle).key?.(handle);
            if (key !== undefined) value._Id = key;
            const reference = kept.get(action.ObjectPathId);
            if (reference !== undefined) value._ReferenceId = reference;
            results.push({ ActionId: action.Id, Value: value });
          }
          break;
        }
        case ACTION.query: {
          const handle = resolve(action.ObjectPathId);
          const query = action.QueryInfo ?? {};
          let value: unknown = null;
          if (handle !== null) {
            const serialized = serialize(handle, selectTree(query.Select, query.Expand), action.ObjectPathId);
            if (Array.isArray(serialized._Items) && (query.Skip !== undefined || query.Top !== undefined)) {
              const skip = query.Skip ?? 0;
              serialized._Items = serialized._Items.slice(skip, query.Top === undefined ? undefined : skip + query.Top);
            }
            value = serialized;
          }
          results.push({ ActionId: action.Id, Value: value });
          break;
        }
        case ACTION.method: {
          const handle = resolve(action.ObjectPathId);
          const args = resolveArguments(action.ArgumentInfo);
          if (action.Name === "_KeepReference") {
            if (handle !== null) kept.set(action.ObjectPathId, references.keep(handle));
            break;
          }
          if (action.Name === "_RemoveReference" && handle?.type === "Workbook") {
            references.release(String(args[0]));
            break;
          }
          if (handle === null) break;
          const value = callMethod(handle, action.Name, args);
          if (value !== undefined) {
            const isObject = typeof value === "object" && value !== null && typeof (value as Handle).type === "string";
            results.push({ ActionId: action.Id, Value: isObject ? null : value });
          }
          break;
        }
        case ACTION.setProperty: {
          const handle = resolve(action.ObjectPathId);
          if (handle === null) break;
          const name = camel(action.Name);
          const scalar = specOf(handle).scalars?.[name];
          if (!scalar)
            throw new HostError("NotImplemented", `The in-memory Excel does not model ${handle.type}.${name}`);
          context.requireApi(`${handle.type}.${name}`, scalar.since);
          if (!scalar.set) throw new HostError("InvalidArgument", `${handle.type}.${name} is read-only`);
          scalar.set(handle, resolveArguments(action.ArgumentInfo)[0], context);
          break;
        }
        case ACTION.trace:
          traceIds.push(action.Id);
          results.push({ ActionId: action.Id, Value: null });
          break;
        default:
          throw new HostError("NotImplemented", `The in-memory Excel does not model action type ${action.ActionType}`);
      }
    } catch (error) {
      if (error instanceof HostError) return fail(index, error, action.Name || `path ${action.ObjectPathId}`);
      throw error;
    }
  }
  // An injected failure past the last action: every action ran, then Excel gave up.
  // (reported at the last action: Excel names an action of the request)
  if (injected) {
    return fail(
      Math.max(0, actions.length - 1),
      new HostError(injected.code as HostError["code"], `Injected failure after all ${actions.length} action(s)`),
      ""
    );
  }
  return { body: { Results: results, TraceIds: traceIds } };

  function fail(index: number, error: HostError, location: string): ExecutionOutcome {
    return {
      failedAt: index,
      body: {
        Results: results,
        TraceIds: traceIds,
        Error: {
          Code: error.code,
          Message: error.message,
          HttpStatusCode: error.httpStatus,
          ActionIndex: index,
          Location: location,
        },
      },
    };
  }
}
