/**
 * The reference for the command line: a bare ExcelJS full load of the file, in its own process,
 * measured exactly as the command line is. Prints what it loaded, so the load cannot be skipped.
 *   node build/bench/bench/excelLoad.js FILE.xlsx
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";

async function main(file: string): Promise<void> {
  const buffer = await fs.readFile(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const rows = workbook.worksheets.reduce((sum, sheet) => sum + sheet.actualRowCount, 0);
  process.stdout.write(`${JSON.stringify({ sheets: workbook.worksheets.length, rows })}\n`);
}

main(process.argv[2] ?? "").catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
