/**
 * The baseline to beat: an Office.js gateway written the obvious way, with a `context.sync()`
 * per row read and per flag written (what eslint-plugin-office-addins' no-context-sync-in-loop
 * warns about). It shows the same marks as OfficeGateway (a conditional format and a note per
 * flagged cell), so only the number of round trips differs. Benchmark only: never shipped.
 */
import { boundsAddress, parseRangeAddress } from "../src/workbook/addresses";
import { cellMarks, FLAG_FORMATS, isOurAnnotation, markerFormula, styleOfFormula } from "../src/workbook/flagMarks";
import type { CellFlag } from "../src/workbook/gateway";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/engine/types";

type ExcelRun = typeof Excel.run;

function toCellValue(value: unknown, type: string | undefined): CellValue {
  if (type === "Error") return { error: String(value) };
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

export class NaiveGateway {
  constructor(private readonly run: ExcelRun) {}

  async readSnapshot(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      const sheets: SheetSnapshot[] = [];
      for (const sheet of worksheets.items) {
        const used = sheet.getUsedRangeOrNullObject(true).load("address");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern this baseline measures
        await context.sync();
        if (used.isNullObject) {
          sheets.push({ name: sheet.name, originRow: 1, originColumn: 1, values: [] });
          continue;
        }
        const bounds = parseRangeAddress(used.address)!;
        const values: CellValue[][] = [];
        for (let row = bounds.top; row <= bounds.bottom; row += 1) {
          const range = sheet.getRange(boundsAddress({ top: row, bottom: row, left: bounds.left, right: bounds.right }));
          range.load("values,valueTypes");
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern this baseline measures
          await context.sync();
          const types = range.valueTypes[0] ?? [];
          values.push(range.values[0]!.map((value, c) => toCellValue(value, types[c])));
        }
        sheets.push({ name: sheet.name, originRow: bounds.top, originColumn: bounds.left, values });
      }
      return { sheets };
    });
  }

  async showFlags(flags: readonly CellFlag[]): Promise<void> {
    await this.clearFlags();
    await this.run(async (context) => {
      for (const mark of cellMarks(flags)) {
        const sheet = context.workbook.worksheets.getItem(mark.sheet);
        const look = FLAG_FORMATS[mark.style];
        const format = sheet.getRange(mark.cell).conditionalFormats.add("Custom");
        format.custom.rule.formula = markerFormula(mark.style);
        format.custom.format.fill.color = look.fill;
        format.custom.format.font.color = look.fontColor;
        if (look.strikethrough) format.custom.format.font.strikethrough = true;
        sheet.notes.add(mark.cell, mark.note);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern this baseline measures
        await context.sync();
      }
    });
  }

  async clearFlags(): Promise<void> {
    await this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const notes = context.workbook.notes.load("items/content");
      await context.sync();
      const formatLists = worksheets.items.map((sheet) =>
        sheet.getRange().conditionalFormats.load("items/customOrNullObject/rule/formula"),
      );
      await context.sync();
      // From the last: a note is addressed by its position, which shifts as earlier ones go.
      for (const note of [...notes.items].reverse()) {
        if (!isOurAnnotation(note.content)) continue;
        note.delete();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern this baseline measures
        await context.sync();
      }
      for (const formats of formatLists) {
        for (const format of formats.items) {
          const custom = format.customOrNullObject;
          if (custom.isNullObject || styleOfFormula(custom.rule.formula) === null) continue;
          format.delete();
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern this baseline measures
          await context.sync();
        }
      }
    });
  }

  /**
   * Writes sheets of values and formulas (what OfficeGateway.writeSummary wrote, copied from the
   * in-memory Excel) the naive way: one sync to add each sheet, then one sync per row.
   */
  async writeSheets(sheets: readonly WrittenSheet[]): Promise<void> {
    await this.run(async (context) => {
      for (const written of sheets) {
        const sheet = context.workbook.worksheets.add(written.name);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern this baseline measures
        await context.sync();
        for (const row of written.rows) {
          const range = sheet.getRange(boundsAddress({ top: row.row, bottom: row.row, left: row.left, right: row.left + row.cells.length - 1 }));
          range.formulas = [row.cells];
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the anti-pattern this baseline measures
          await context.sync();
        }
      }
    });
  }
}

/** A sheet's contents row by row: each row's cells from column `left`, formulas as "=…" text. */
export interface WrittenSheet {
  name: string;
  rows: Array<{ row: number; left: number; cells: Array<string | number | boolean> }>;
}
