/** Which files of a folder a round reads: the same rule on the command line and in the task pane. */

export type FileKind = "workbook" | "lock" | "other";

/**
 * `workbook` for .xlsx and .xlsm; `lock` for Excel's ~$ owner files beside an open workbook
 * (never a submission, whatever their extension); `other` for the rest. A file a person names
 * on purpose is read whatever its kind: this is for files found in a folder.
 */
export function fileKind(name: string): FileKind {
  const base = name.replace(/^.*[\\/]/, "");
  if (base.startsWith("~$")) return "lock";
  return /\.(xlsx|xlsm)$/i.test(base) ? "workbook" : "other";
}
