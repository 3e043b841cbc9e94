/**
 * How much of a workbook file the product will read or rewrite. Every limit is far above what a
 * grant workbook needs (a few thousand rows, a few megabytes) and far below what would exhaust
 * memory, so a hostile file gets a clear "too-large" WorkbookError instead of a hang or a crash.
 * The README's Safety section lists them.
 */

/** Larger files are not spreadsheets anyone reviews; refused before reading them into memory. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Most bytes the parts read may inflate to, declared or actual. */
export const DEFAULT_MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/**
 * Most cells a snapshot may hold, over all sheets, counting each row from column A to its last
 * value (empty cells included) and each row between the first and the last.
 */
export const DEFAULT_MAX_CELLS = 5_000_000;

/**
 * Most cells (`<c>` elements, over every worksheet) of a workbook the annotated copy is made
 * from. ExcelJS, which rewrites the copy, holds each cell as objects of a few kilobytes and takes
 * tens of microseconds per cell: 250,000 cells is about a gigabyte and ten seconds, and fifty
 * times the largest grant workbook seen.
 */
export const MAX_ANNOTATE_CELLS = 250_000;
