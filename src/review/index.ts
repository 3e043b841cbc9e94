/**
 * Reviewing a round of submissions (pure: no I/O): each submission's facts, the overview of the
 * round (a row each, rule frequency, year over year) and the comparison of two submissions of one
 * alliance. The command line reads the files (with worker threads); the task pane reads the files
 * the person chose; both hand the facts here.
 */
export * from "./submission";
export * from "./compare";
export * from "./round";
export * from "./table";
export * from "./files";
