/** Cell text limits shared by both writers (no dependencies: the task pane bundle imports it). */

/** Excel's limit for the text of one cell (and of a note); longer text makes Excel repair the file. */
export const MAX_CELL_TEXT = 32_767;

/**
 * `text` cut to `max` UTF-16 code units, ending with "…" when cut, never inside a surrogate
 * pair. A message quoting a cell that is itself at the limit would otherwise exceed it.
 */
export function fitCellText(text: string, max = MAX_CELL_TEXT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
