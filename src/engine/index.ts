/**
 * The engine's public API: a pure function from a workbook snapshot (and a rule pack) to
 * findings and summary figures, and the formatter that turns a finding into a sentence.
 * (Being implemented; signatures are stable.)
 */
export * from "./types";
