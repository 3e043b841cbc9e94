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

// ---------------------------------------------------------------------------------------------
// Per part. A grant workbook has a dozen parts, tens of sheets, a few hundred styles; each bound
// is far above that and keeps the worst file a few seconds and a few hundred megabytes away.

/** Entries in the zip's central directory, refused from its end record before any is listed (Excel writes tens). */
export const MAX_ZIP_ENTRIES = 65_536;

/**
 * Declared (and, while inflating, actual) bytes of the parts read whole-structure but never
 * held: relationships, the workbook part and styles. Excel's own are kilobytes; a part of
 * defined names can reach megabytes.
 */
export const MAX_RELATIONSHIPS_PART_BYTES = 16 * 1024 * 1024;
export const MAX_WORKBOOK_PART_BYTES = 64 * 1024 * 1024;
export const MAX_STYLES_PART_BYTES = 64 * 1024 * 1024;

/** Relationships in one .rels part: one per sheet and a few more. */
export const MAX_RELATIONSHIPS = 10_000;

/** Sheets listed in the workbook part. Excel has no fixed limit; no real workbook has thousands. */
export const MAX_SHEETS = 4_096;

/** Cell formats (cellXfs) and number formats in styles: Excel allows about 64,000 cell formats. */
export const MAX_CELL_FORMATS = 65_536;

/** Nesting of XML elements in any part (SpreadsheetML needs about ten). */
export const MAX_XML_DEPTH = 1_000;

/**
 * Attributes on one element (a cell has at most six). More is refused rather than dropped: a
 * dropped attribute could be the one that says what the cell is.
 */
export const MAX_XML_ATTRIBUTES = 256;

/**
 * The longest single XML construct (a tag, a text node we keep, a comment): a cell's text is at
 * most 32,767 characters, a few hundred kilobytes even as character references.
 */
export const MAX_XML_TOKEN_BYTES = 4 * 1024 * 1024;

/**
 * Wall-clock time one read may take, checked as each inflated piece arrives: a backstop behind
 * the bounds above, which keep every file far below it.
 */
export const MAX_READ_MS = 30_000;
