/**
 * The Excel builds the add-in is tested on. Each follows Microsoft's documentation:
 * - requirement sets: "Excel JavaScript API requirement sets" (learn.microsoft.com/javascript/api/
 *   requirement-sets/excel/excel-api-requirement-sets): ExcelApi 1.20 on the web and in Microsoft
 *   365 (Windows Version 2509, Mac 16.100); 1.17 in Office LTSC 2024 (Version 2408, volume
 *   licensed: "Office 2024: Version 2302"); 1.14 in Office LTSC 2021 (Version 2108); 1.9 at the
 *   manifest's floor (Microsoft 365 Version 1903, Mac 16.24);
 * - the library file office.js loads for the platform (excel-web / excel-win32 / excel-mac);
 * - payload: "Excel on the web has a payload size limit for requests and responses of 5MB", and
 *   "A range is limited to 5,000,000 cells for read operations" on every platform ("Resource
 *   limits and performance optimization for Office Add-ins", Excel add-ins section);
 * - undo: "Undo support with the Excel JavaScript API" (ExcelApi 1.20, checked with
 *   isSetSupported("ExcelUndoApiAll", "1.0")): hosts without it clear the user's undo stack
 *   when an add-in writes; with it, API changes join the stack, except the APIs listed there
 *   (Worksheet.delete, WorksheetProtection.*, …), which clear it;
 * - downloads: Office on Mac does not save a file from `<a download>` in the task pane (its
 *   WebKit view has no download handling), Windows (WebView2) and browsers do.
 */
import type { LibraryFile } from "./library";

export type ProfileId = "web" | "m365-windows" | "m365-mac" | "ltsc-2024" | "ltsc-2021" | "floor-1.9";

export interface HostProfile {
  id: ProfileId;
  label: string;
  platform: "OfficeOnline" | "PC" | "Mac";
  library: LibraryFile;
  /** Highest ExcelApi minor version (20 → ExcelApi 1.20). */
  excelApi: number;
  /** Other requirement sets the host reports (lower-case names, as office.js keeps them). */
  otherSets: Record<string, string>;
  /** Request and response cap in bytes, null where none is documented. */
  payloadLimitBytes: number | null;
  /** Cells one read may cover ("A range is limited to 5,000,000 cells for read operations"). */
  maxReadCells: number;
  /** What an oversized response does: an error, or (seen on the web) a range with null values. */
  oversizedResponse: "error" | "null-values";
  /** API writes join the undo stack (ExcelUndoApiAll); otherwise they clear it. */
  undoKeepsApiWrites: boolean;
  /** `<a download>` in the task pane saves a file. */
  downloads: boolean;
}

const FIVE_MB = 5 * 1024 * 1024;
const FIVE_MILLION = 5_000_000;

export const PROFILES: Readonly<Record<ProfileId, HostProfile>> = {
  web: {
    id: "web",
    label: "Excel on the web",
    platform: "OfficeOnline",
    library: "excel-web-16.00.debug.js",
    excelApi: 20,
    otherSets: { excelapionline: "1.1", excelundoapiall: "1.0", delayforcelledit: "1.1" },
    payloadLimitBytes: FIVE_MB,
    maxReadCells: FIVE_MILLION,
    oversizedResponse: "error",
    undoKeepsApiWrites: true,
    downloads: true,
  },
  "m365-windows": {
    id: "m365-windows",
    label: "Microsoft 365 on Windows (Version 2509)",
    platform: "PC",
    library: "excel-win32-16.01.debug.js",
    excelApi: 20,
    otherSets: { excelundoapiall: "1.0", delayforcelledit: "1.1" },
    payloadLimitBytes: null,
    maxReadCells: FIVE_MILLION,
    oversizedResponse: "error",
    undoKeepsApiWrites: true,
    downloads: true,
  },
  "m365-mac": {
    id: "m365-mac",
    label: "Microsoft 365 on Mac (16.100)",
    platform: "Mac",
    library: "excel-mac-16.00.debug.js",
    excelApi: 20,
    otherSets: { excelundoapiall: "1.0", delayforcelledit: "1.1" },
    payloadLimitBytes: null,
    maxReadCells: FIVE_MILLION,
    oversizedResponse: "error",
    undoKeepsApiWrites: true,
    downloads: false,
  },
  "ltsc-2024": {
    id: "ltsc-2024",
    label: "Office LTSC 2024 (ExcelApi 1.17)",
    platform: "PC",
    library: "excel-win32-16.01.debug.js",
    excelApi: 17,
    otherSets: { delayforcelledit: "1.1" },
    payloadLimitBytes: null,
    maxReadCells: FIVE_MILLION,
    oversizedResponse: "error",
    undoKeepsApiWrites: false,
    downloads: true,
  },
  "ltsc-2021": {
    id: "ltsc-2021",
    label: "Office LTSC 2021 (ExcelApi 1.14)",
    platform: "PC",
    library: "excel-win32-16.01.debug.js",
    excelApi: 14,
    otherSets: { delayforcelledit: "1.1" },
    payloadLimitBytes: null,
    maxReadCells: FIVE_MILLION,
    oversizedResponse: "error",
    undoKeepsApiWrites: false,
    downloads: true,
  },
  "floor-1.9": {
    id: "floor-1.9",
    label: "Microsoft 365 Version 1903 (ExcelApi 1.9, the manifest's floor)",
    platform: "PC",
    library: "excel-win32-16.01.debug.js",
    excelApi: 9,
    otherSets: {},
    payloadLimitBytes: null,
    maxReadCells: FIVE_MILLION,
    oversizedResponse: "error",
    undoKeepsApiWrites: false,
    downloads: true,
  },
};

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[];

/** The requirement sets a profile reports through Office.context.requirements. */
export function requirementSets(profile: HostProfile): Record<string, string> {
  return { excelapi: `1.${profile.excelApi}`, ...profile.otherSets };
}
