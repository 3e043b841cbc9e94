#!/usr/bin/env node
/**
 * Times the .xlsx reader against ExcelJS. Needs the compiled CLI build:
 *   npm run build:cli && node --expose-gc scripts/bench-reader.js [rows] [runs]
 * (--expose-gc lets each timed run start from a clean heap, so neither reader pays for the
 * other's garbage.)
 */
"use strict";
const path = require("path");

let benchmarkReader;
try {
  ({ benchmarkReader } = require(path.join(__dirname, "..", "lib", "workbook", "xlsx", "read.bench.js")));
} catch {
  console.error("Build first: npm run build:cli (lib/workbook/xlsx/read.bench.js not found)");
  process.exit(2);
}

const rows = Number(process.argv[2] ?? 20000);
const runs = Number(process.argv[3] ?? 5);
benchmarkReader(rows, runs).then(
  (result) => {
    console.log(
      `${result.rows} rows × ${result.columns} columns (${Math.round(result.fileBytes / 1024)} KiB): ` +
        `ExcelJS ${result.excelJsMs} ms, reader ${result.readerMs} ms — ${result.speedup}× faster ` +
        `(CPU: ${result.excelJsCpuMs} vs ${result.readerCpuMs} ms, ${result.cpuSpeedup}×)`,
    );
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
