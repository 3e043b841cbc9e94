/**
 * How the in-memory Excel describes its object model to the request executor: for each class
 * (by the name Excel's RichApi uses on the wire), its scalar properties, navigation properties,
 * methods, indexer and items, each with the ExcelApi version that introduced it. A member a host
 * build does not have fails with ApiNotFound, as an older Excel answers a newer office.js.
 *
 * Names: scalar and navigation properties are keyed by their JavaScript (camelCase) names, as the
 * library sends them in a query's Select; the wire uses PascalCase for results, property writes
 * and navigation paths. Methods are keyed by their wire names ("GetRange", "Add").
 */
import type { CellRect } from "./address";
import type { HostProfile } from "./profiles";
import type { ExcelWorkbook, ModelSheet } from "./workbook";

/** A resolved object: what an object path points at. `type` names its TypeSpec. */
export interface Handle {
  readonly type: string;
}

export interface ScalarSpec<H extends Handle> {
  since?: number;
  get?(handle: H, context: ExecutionContext): unknown;
  set?(handle: H, value: unknown, context: ExecutionContext): void;
  /**
   * A cell-level property ("values", "numberFormat", …): null on an unbounded range and bounded
   * by the read limit ("Read or write to an unbounded range", "Resource limits").
   */
  cellLevel?: boolean;
  /** Left out of a parameter-less load (Range.numberFormatCategories and the like). */
  notInDefaultLoad?: boolean;
}

export interface NavigationSpec<H extends Handle> {
  since?: number;
  get(handle: H, context: ExecutionContext): Handle | null;
}

export interface MethodSpec<H extends Handle> {
  since?: number;
  /** Returns a Handle (or null: a null object) when used as an object path, a JSON value when invoked. */
  call(handle: H, args: unknown[], context: ExecutionContext): unknown;
}

export interface TypeSpec<H extends Handle = Handle> {
  since?: number;
  scalars?: Record<string, ScalarSpec<H>>;
  navigation?: Record<string, NavigationSpec<H>>;
  methods?: Record<string, MethodSpec<H>>;
  /** collection[key] */
  indexer?(handle: H, args: unknown[], context: ExecutionContext): Handle;
  /** A collection's items, in order. */
  items?(handle: H, context: ExecutionContext): Handle[];
  /** The key Excel reports as `_Id`, so the library addresses the item by it later. */
  key?(handle: H): string | undefined;
}

/** What an event will carry (WorksheetChangedEventArgs as the host sends it). */
export interface PendingChange {
  sheet: ModelSheet;
  rect: CellRect;
}

/** What executing actions may ask of the host. */
export interface ExecutionContext {
  readonly workbook: ExcelWorkbook;
  readonly profile: HostProfile;
  /** Fails with ApiNotFound when the host build lacks ExcelApi 1.`since`. */
  requireApi(member: string, since: number | undefined): void;
  /** A change of cell data (values, formulas): raises onChanged. */
  dataChanged(sheet: ModelSheet, rect: CellRect): void;
  /** The request wrote to the workbook; `undoable: false` for the APIs that clear the undo stack even on hosts with API undo. */
  wrote(undoable?: boolean): void;
  /** Event registrations (eventType:targetId), turned on and off by _Register…/_Unregister… methods. */
  readonly registrations: Set<string>;
  /** Workbooks opened through Application.createWorkbook (base64 of the .xlsx). */
  readonly createdWorkbooks: string[];
}

export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
