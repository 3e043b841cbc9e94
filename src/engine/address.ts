/** A1 addresses. Columns are 1-based: 1 → A, 27 → AA. */

const LETTERS_CACHE: string[] = [];

export function columnLetters(column: number): string {
  const cached = LETTERS_CACHE[column];
  if (cached !== undefined) return cached;
  const letters = computeColumnLetters(column);
  if (column > 0 && column <= 16384) LETTERS_CACHE[column] = letters;
  return letters;
}

function computeColumnLetters(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const remainder = (n - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function toA1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Parses "B7" or "$B$7" into 1-based row and column; null when it is not a cell address. */
export function parseA1(address: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!match) return null;
  return { row: Number(match[2]), column: columnNumber(match[1]!) };
}

/** Quotes a sheet name for use in a reference: 'My Sheet'!A1 (quotes doubled inside). */
export function sheetReference(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}
