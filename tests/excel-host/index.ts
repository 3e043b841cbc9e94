/**
 * The in-memory Excel the add-in's Office.js code is tested on, under Microsoft's own client
 * library (see host.ts). Start one per test with a host profile; set the workbook up through
 * `host.workbook`; act as the user through `host.user`; read what happened from `host.requests`,
 * `host.undoStack` and the workbook.
 */
export { ExcelHost, type ExcelHostOptions, type InjectedFailure, type RequestRecord } from "./host";
export { PROFILE_IDS, PROFILES, type HostProfile, type ProfileId } from "./profiles";
export { ExcelWorkbook, type ModelValue, type WorkbookCellSnapshot } from "./workbook";
export { errorCode } from "./errors";
export { formatAddress, formatRect, parseArea, parseAreaList, quoteSheetName } from "./address";
