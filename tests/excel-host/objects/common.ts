/** Helpers the object model's classes share: arguments, live sheets, protection. */
import { type CellRect, MAX_COLUMNS, MAX_ROWS, parseArea } from "../address";
import { HostError } from "../errors";
import type { ExecutionContext, Handle } from "../spec";
import type { ModelSheet } from "../workbook";

export function stringArg(args: unknown[], index: number, name: string, optional = false): string | undefined {
  const value = args[index];
  if (value === undefined || value === null) {
    if (optional) return undefined;
    throw new HostError("InvalidArgument", `The argument '${name}' is missing`);
  }
  if (typeof value !== "string") throw new HostError("InvalidArgument", `The argument '${name}' must be a string`);
  return value;
}

export function numberArg(args: unknown[], index: number, name: string): number {
  const value = args[index];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new HostError("InvalidArgument", `The argument '${name}' must be a number`);
  }
  return value;
}

/** A handle of `type` among the arguments (the library sends object arguments as object paths). */
export function handleArg<H extends Handle>(args: unknown[], index: number, type: string, name: string): H {
  const value = args[index] as Handle | undefined;
  if (typeof value !== "object" || value === null || value.type !== type) {
    throw new HostError("InvalidArgument", `The argument '${name}' must be a ${type}`);
  }
  return value as H;
}

/** A sheet deleted since the object was obtained is gone: Excel answers ItemNotFound. */
export function liveSheet(context: ExecutionContext, sheet: ModelSheet): ModelSheet {
  if (!context.workbook.sheets.includes(sheet)) {
    throw new HostError("ItemNotFound", `The worksheet ${sheet.name} no longer exists`);
  }
  return sheet;
}

export type ProtectedAction = "cells" | "format" | "objects" | "filter";

/**
 * A protected sheet refuses changes to its (locked) cells, their formats unless formatting is
 * allowed, and notes, comments, charts and tables unless editing objects is allowed
 * (WorksheetProtectionOptions: allowFormatCells, allowEditObjects, allowAutoFilter). Excel
 * answers AccessDenied.
 */
export function assertEditable(sheet: ModelSheet, action: ProtectedAction): void {
  const protection = sheet.protection;
  if (!protection.protected) return;
  if (action === "format" && protection.allowFormatCells) return;
  if (action === "objects" && protection.allowEditObjects) return;
  if (action === "filter" && protection.allowAutoFilter) return;
  throw new HostError(
    "AccessDenied",
    `The sheet ${sheet.name} is protected: the cell or object you are trying to change cannot be changed.`
  );
}

export function isUnbounded(rect: CellRect): boolean {
  return (rect.top === 1 && rect.bottom === MAX_ROWS) || (rect.left === 1 && rect.right === MAX_COLUMNS);
}

export function cellCount(rect: CellRect): number {
  return (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
}

/** Excel's limit on a range address string (Worksheet.getRange: "The address has a limit of 8192 characters"). */
export const MAX_ADDRESS_LENGTH = 8192;

export function checkAddressLength(address: string): void {
  if (address.length > MAX_ADDRESS_LENGTH) {
    throw new HostError(
      "InvalidArgument",
      `The address is ${address.length} characters long; the limit is ${MAX_ADDRESS_LENGTH}.`
    );
  }
}

/** One cell given as an address (with or without its sheet) or as a Range. */
export function cellTarget(
  context: ExecutionContext,
  value: unknown,
  defaultSheet: ModelSheet | null
): { sheet: ModelSheet; row: number; column: number } {
  let sheet: ModelSheet;
  let rect: CellRect;
  if (typeof value === "object" && value !== null && (value as Handle).type === "Range") {
    const range = value as Handle & { sheet: ModelSheet; rect: CellRect };
    sheet = liveSheet(context, range.sheet);
    rect = range.rect;
  } else if (typeof value === "string") {
    const area = parseArea(value);
    const named = area.sheet === null ? defaultSheet : (context.workbook.findSheet(area.sheet) ?? null);
    if (!named) throw new HostError("InvalidArgument", `The address ${value} does not name a worksheet`);
    if (defaultSheet && named !== defaultSheet) {
      throw new HostError("InvalidArgument", `The address ${value} is not on ${defaultSheet.name}`);
    }
    sheet = named;
    rect = area.rect;
  } else throw new HostError("InvalidArgument", "Expected a cell address or a Range");
  if (rect.top !== rect.bottom || rect.left !== rect.right) {
    throw new HostError("InvalidArgument", "A note or comment belongs to a single cell");
  }
  return { sheet, row: rect.top, column: rect.left };
}
