/** One clear line for each way reading a workbook can fail, in both languages. */
import type { Language } from "../engine/types";
import type { WorkbookError, WorkbookErrorCode } from "../workbook/gateway";

const MESSAGES: Record<WorkbookErrorCode, Record<Language, string>> = {
  "not-found": { "zh-TW": "找不到檔案或無法開啟", en: "file not found or cannot be opened" },
  "not-a-workbook": { "zh-TW": "不是 Excel 活頁簿（.xlsx）", en: "not an Excel workbook (.xlsx)" },
  encrypted: { "zh-TW": "活頁簿有密碼保護，請先在 Excel 移除密碼再檢核", en: "the workbook is password-protected; remove the password in Excel and try again" },
  "legacy-format": { "zh-TW": "這是舊版 .xls 檔，請在 Excel 另存為 .xlsx 再檢核", en: "this is a legacy .xls file; save it as .xlsx in Excel and try again" },
  "too-large": { "zh-TW": "檔案內容過大，已停止處理", en: "the file's contents are too large; processing stopped" },
  corrupt: { "zh-TW": "檔案已損毀或不完整", en: "the file is damaged or incomplete" },
  "read-only": { "zh-TW": "活頁簿為唯讀", en: "the workbook is read-only" },
  "api-unsupported": { "zh-TW": "此版本的 Excel 不支援所需功能", en: "this version of Excel lacks a feature the add-in needs" },
  "write-failed": { "zh-TW": "寫入失敗", en: "writing failed" },
  cancelled: { "zh-TW": "已取消", en: "cancelled" },
  "cell-editing": { "zh-TW": "Excel 正在編輯儲存格", en: "Excel is editing a cell" },
  "hidden-sheet": { "zh-TW": "工作表已隱藏", en: "the sheet is hidden" },
};

/** What happened (in the chosen language), then the error's own message and detail. */
export function describeWorkbookError(error: WorkbookError, language: Language): string {
  const text = MESSAGES[error.code]?.[language];
  const parts = text === undefined ? [error.message] : [text, "—", error.message];
  if (error.detail && !error.message.includes(error.detail)) parts.push(`(${error.detail})`);
  return parts.join(" ");
}
