/**
 * A fake of the Excel JavaScript API for tests (and the browser preview): see model.ts for the
 * data, objects.ts for the proxies. `createFakeExcel().run` stands in for `Excel.run`; it is the
 * one place where the fake is cast to the real type.
 */
import { FakeRequestContext } from "./objects";
import { FakeWorkbookModel, type FakeExcelOptions } from "./model";

export { FakeWorkbookModel } from "./model";
export type {
  FakeChangedEvent,
  FakeExcelOptions,
  InjectedSyncFailure,
  ModelCellFormat,
  ModelValue,
  SyncRecord,
  WorkbookCellSnapshot,
} from "./model";
export { FakeOfficeError, isFakeOfficeError } from "./errors";
export { FakeRequestContext } from "./objects";
export { parseArea, parseAreaList, formatAddress, quoteSheetName } from "./address";

export interface FakeExcel {
  model: FakeWorkbookModel;
  /** Drop-in for `Excel.run`. */
  run: typeof Excel.run;
  /** Drop-in for `Office.context.requirements.isSetSupported`. */
  isSetSupported: (name: string, minVersion?: string) => boolean;
}

function hasFakeContext(value: unknown): value is { context: FakeRequestContext } {
  return (
    typeof value === "object" && value !== null && "context" in value && value.context instanceof FakeRequestContext
  );
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const model = new FakeWorkbookModel(options);

  /**
   * Excel.run's overloads: (batch), (options, batch), (object or context, batch). A batch that
   * resolves with actions still queued is a bug (they would never reach Excel), so it fails.
   */
  async function run(...args: unknown[]): Promise<unknown> {
    const batch = args[args.length - 1];
    if (typeof batch !== "function") throw new TypeError("Excel.run needs a batch function");
    const first = args.length > 1 ? args[0] : undefined;
    let context: FakeRequestContext;
    if (first instanceof FakeRequestContext) context = first;
    else if (hasFakeContext(first)) context = first.context;
    else {
      context = new FakeRequestContext(model);
      model.runOptions.push(first ?? {});
    }
    model.runs += 1;
    const result: unknown = await (batch as (context: FakeRequestContext) => Promise<unknown>)(context);
    if (context.pendingActions > 0) {
      throw new Error(`Excel.run ended with ${context.pendingActions} queued action(s) that were never synced`);
    }
    return result;
  }

  return {
    model,
    run: run as unknown as typeof Excel.run,
    isSetSupported: (name, minVersion) => model.isSetSupported(name, minVersion),
  };
}
