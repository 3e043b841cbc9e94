/**
 * Workbook text on a terminal. The reports quote what cells hold, and a cell can hold what a
 * terminal obeys: ESC [1A ESC [2K erases the line above (a finding could vanish from the
 * screen), OSC sequences set the window title, a bare CR or a newline forges report lines,
 * and bidirectional overrides (U+202E) show text in another order than it has. Excel stores
 * such characters as _x001B_ escapes, so a workbook can carry them.
 */

/** C0 and C1 controls (without tab), DEL, line and paragraph separators, bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(character: string): string {
  const code = character.charCodeAt(0);
  // Control Pictures (␛, ␇, ␊ …) keep C0 controls and DEL readable without acting on them.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/** `text` with every character a terminal would act on shown as a visible stand-in. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Characters JSON.stringify leaves raw that a terminal (or a JavaScript parser, for U+2028/9) would act on. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with the characters it leaves raw that a terminal would act on written as
 * \uXXXX escapes: the same JSON value, safe to print (JSON.stringify already escapes C0).
 */
export function stringifyForTerminal(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
