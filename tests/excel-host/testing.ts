/** Jest helpers for tests of the add-in's Office.js code on the in-memory Excel. */
import type { WorkbookSnapshot } from "../../src/engine/types";
import { columnLetters } from "./address";
import { ExcelHost, type ExcelHostOptions } from "./host";
import type { ProfileId } from "./profiles";
import type { ExcelWorkbook } from "./workbook";

/**
 * Starts hosts for a test file and stops the one running after each test: `const start = useHosts();`
 * then `const host = start("ltsc-2024")`. Only one host (one loaded library) runs at a time.
 */
export function useHosts(): (profile?: ProfileId, options?: Omit<ExcelHostOptions, "profile">) => ExcelHost {
  let current: ExcelHost | null = null;
  afterEach(async () => {
    if (current) await current.settle();
    current?.stop();
    current = null;
  });
  return (profile = "m365-windows", options = {}) => {
    current?.stop();
    current = ExcelHost.start({ profile, ...options });
    return current;
  };
}

/** Puts a snapshot's sheets and values into the workbook at their real addresses. */
export function loadSnapshot(workbook: ExcelWorkbook, snapshot: WorkbookSnapshot): void {
  for (const sheet of snapshot.sheets) {
    workbook.addSheet(sheet.name, sheet.hidden ? "Hidden" : "Visible");
    const rows = sheet.values.map((row) => row.map((value) => value));
    if (rows.length > 0) workbook.setValues(sheet.name, `${columnLetters(sheet.originColumn)}${sheet.originRow}`, rows);
  }
}

export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; detail?: string };
  }
  throw new Error("expected a rejection");
}
