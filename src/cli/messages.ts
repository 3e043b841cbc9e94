/** One clear line for each way reading a workbook can fail, in both languages. */
import type { Language } from "../engine/types";
import { WorkbookError, type WorkbookErrorCode } from "../workbook/gateway";

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

/** What the system said (Node's error codes), in both languages. */
const SYSTEM_ERRORS: Readonly<Record<string, Record<Language, string>>> = {
  ENOENT: { "zh-TW": "檔案不存在", en: "no such file" },
  EACCES: { "zh-TW": "沒有存取權限", en: "permission denied" },
  EPERM: { "zh-TW": "沒有存取權限", en: "permission denied" },
  EISDIR: { "zh-TW": "這是資料夾，不是檔案", en: "it is a folder, not a file" },
  ENOTDIR: { "zh-TW": "路徑中有一段不是資料夾", en: "a part of the path is not a folder" },
  EMFILE: { "zh-TW": "同時開啟的檔案過多，請稍後再試", en: "too many open files; try again later" },
  ENFILE: { "zh-TW": "系統同時開啟的檔案過多，請稍後再試", en: "too many open files in the system; try again later" },
  ENOSPC: { "zh-TW": "磁碟空間不足", en: "no space left on the disk" },
  EDQUOT: { "zh-TW": "超過磁碟配額", en: "disk quota exceeded" },
  EROFS: { "zh-TW": "磁碟為唯讀", en: "the disk is read-only" },
  EBUSY: { "zh-TW": "檔案正由其他程式使用中", en: "the file is in use by another program" },
  ENAMETOOLONG: { "zh-TW": "檔名或路徑過長", en: "the file name or path is too long" },
  ELOOP: { "zh-TW": "符號連結形成迴圈", en: "symbolic links form a loop" },
  EIO: { "zh-TW": "磁碟讀寫錯誤", en: "input/output error" },
  EEXIST: { "zh-TW": "檔案已存在", en: "the file already exists" },
  EFBIG: { "zh-TW": "檔案過大", en: "the file is too large" },
  EXDEV: { "zh-TW": "無法跨磁碟搬移檔案", en: "the file cannot be moved across disks" },
  ETIMEDOUT: { "zh-TW": "連線逾時", en: "the connection timed out" },
};

/** A system error code (ENOENT…) in the chosen language; null when the code is not one we know. */
export function systemErrorText(code: string | undefined, language: Language): string | null {
  return code !== undefined && Object.prototype.hasOwnProperty.call(SYSTEM_ERRORS, code) ? SYSTEM_ERRORS[code]![language] : null;
}

/** The system error code in a text such as "ENOSPC" or "ENOENT: no such file or directory, open 'x'". */
function systemCodeIn(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /^(E[A-Z]+)\b/.exec(text.trim())?.[1];
}

/** A WorkbookError whose own text is in both languages (what the command line itself finds). */
export class LocalizedWorkbookError extends WorkbookError {
  readonly texts: Record<Language, string>;
  constructor(code: WorkbookErrorCode, texts: Record<Language, string>, detail?: string) {
    super(code, texts.en, detail);
    this.texts = texts;
  }
}

/**
 * The reader's messages are English; a zh-TW line never carries them, but says the ones people
 * meet most in Chinese (another kind of file, too large) and otherwise only what happened.
 */
const READER_TEXTS: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/is a folder/, () => "這是資料夾，不是活頁簿檔案"],
  [/The file is empty/, () => "檔案是空的"],
  [/PDF document/, () => "這是 PDF 文件，不是 Excel 活頁簿"],
  [/Excel 2003 XML spreadsheet/, () => "這是 Excel 2003 XML 試算表，請在 Excel 開啟後另存為 .xlsx"],
  [/web page \(HTML\)/, () => "這是網頁（HTML），不是 Excel 活頁簿；請在 Excel 開啟後另存為 .xlsx"],
  [/flat OpenDocument/, () => "這是 OpenDocument 單一檔案（.fods），請開啟後另存為 .xlsx"],
  [/plain text/, () => "這是純文字檔（可能是改名為 .xlsx 的 CSV），不是 Excel 活頁簿；請在 Excel 開啟後另存為 .xlsx"],
  [/not a zip package/, () => "檔案不是 zip 封裝，不是 Excel 活頁簿（.xlsx）"],
  [/Excel 97-2003 workbook/, () => "這是舊版 Excel 97-2003 活頁簿（.xls），請在 Excel 另存為 .xlsx"],
  [/zip bomb/, () => "檔案解壓縮後異常龐大，已停止讀取"],
  [/expands? to more than|would expand to/, () => "檔案解壓縮後超過可讀取的大小"],
  [/is not a regular file/, () => "這不是一般檔案"],
  [/Word (?:97-2003 )?document/, () => "這是 Word 文件，不是 Excel 活頁簿"],
  [/PowerPoint presentation/, () => "這是 PowerPoint 簡報，不是 Excel 活頁簿"],
  [/OpenDocument/, () => "這是 OpenDocument 檔案，不是 Excel 活頁簿（請另存為 .xlsx）"],
  [/zip archive but not an Excel workbook/, () => "這是 zip 壓縮檔，但不是 Excel 活頁簿"],
  [/is (\d+) MiB/, (match) => `檔案大小 ${match[1]} MiB`],
  [/took more than (\d+) seconds/, (match) => `讀取超過 ${match[1]} 秒`],
];

function readerText(message: string): string | null {
  for (const [pattern, text] of READER_TEXTS) {
    const match = pattern.exec(message);
    if (match) return text(match);
  }
  return null;
}

/**
 * What happened, in the chosen language only: the kind of failure, then our own text (or, in
 * English, the reader's), the file when known, and what the system said.
 */
export function describeWorkbookError(error: WorkbookError, language: Language, file?: string): string {
  const zh = language === "zh-TW";
  const what = MESSAGES[error.code]?.[language];
  const code = systemCodeIn(error.detail) ?? systemCodeIn(error.message);
  const system = systemErrorText(code, language);
  const own = error instanceof LocalizedWorkbookError ? error.texts[language] : error.code === "write-failed" ? error.message : null;
  if (zh) {
    const text = own ?? readerText(error.message) ?? (file !== undefined ? file : null);
    const parts = [what ?? "無法處理此檔案", text !== null ? `：${text}` : "", system !== null && !(text ?? "").includes(system) ? `（${system}）` : ""];
    return parts.join("");
  }
  const text = own ?? error.message;
  const parts = what === undefined ? [text] : [what, "—", text];
  if (system !== null && !text.includes(system)) parts.push(`(${system})`);
  else if (system === null && error.detail && !text.includes(error.detail)) parts.push(`(${error.detail})`);
  return parts.join(" ");
}

/** What `review` and `compare` say, in both languages (zh-TW first). */
export const ROUND_MESSAGES = {
  "zh-TW": {
    notForCommand: (option: string, command: string) => `${option} 不適用於 ${command}（見 --help）`,
    formatFor: (command: string, formats: string, got: string) => `${command} 的 --format 須為 ${formats}（收到「${got}」）`,
    jobs: (got: string) => `--jobs 須為正整數（收到「${got}」）`,
    namePaths: "請指定要審查的活頁簿或資料夾",
    compareTwo: (got: string) => `compare 需要兩個活頁簿：前一年度與後一年度（收到 ${got || "無"}）`,
    outIsInput: (file: string) => `--out 的輸出檔不可為本次審查的活頁簿：${file}（輸入檔絕不修改；請寫到審查資料夾之外）`,
    outNotXlsx: (file: string) => `--out 須為 .xlsx 檔：${file}`,
    annotateDirNotFolder: (dir: string) => `--annotate-dir 不是資料夾：${dir}`,
    annotateDirIsInput: (dir: string) => `--annotate-dir 不可為送件檔案：${dir}`,
    nothingFound: "沒有找到任何活頁簿（.xlsx、.xlsm）",
    nothingRead: "沒有任何活頁簿可以讀取",
    skipped: (count: number) => `略過 ${count} 個非活頁簿檔案`,
    skipReasons: {
      notWorkbook: "不是活頁簿（.xlsx、.xlsm）",
      lockFile: "Excel 的暫存鎖定檔（~$）",
      annotated: "位於 --annotate-dir 內（標註副本）",
      link: "指向資料夾的連結，未進入",
      unreadableFolder: "無法開啟的資料夾",
    },
    progress: (done: number, total: number, file: string, eta: string) => `審查中 ${done}/${total}  ${file}  剩餘約 ${eta}`,
    overviewWritten: (file: string) => `已寫入審查總表：${file}`,
    comparisonWritten: (file: string) => `已寫入跨年比對：${file}`,
    annotatedNotWritten: (file: string, reason: string) => `${file}：未寫入標註副本（${reason}）`,
    differentAlliances: (a: string, b: string) => `${a} 與 ${b} 的計畫編號或計畫名稱＋執行機構不同，仍依指定比對`,
    sameYear: (year: number) => `兩份送件的計畫年度相同（${year}），歷年資料不比對`,
    workerStopped: (reason: string) => `處理此檔案的工作執行緒中止：${reason}`,
  },
  en: {
    notForCommand: (option: string, command: string) => `${option} is not an option of ${command} (see --help)`,
    formatFor: (command: string, formats: string, got: string) => `--format of ${command} must be ${formats} (got '${got}')`,
    jobs: (got: string) => `--jobs must be a positive whole number (got '${got}')`,
    namePaths: "name the workbooks or folders to review",
    compareTwo: (got: string) => `compare takes two workbooks: the earlier fiscal year's and the later one's (got ${got || "none"})`,
    outIsInput: (file: string) => `--out must not be a workbook this review reads: ${file} (inputs are never modified; write it outside the folders reviewed)`,
    outNotXlsx: (file: string) => `--out must name an .xlsx file: ${file}`,
    annotateDirNotFolder: (dir: string) => `--annotate-dir is not a folder: ${dir}`,
    annotateDirIsInput: (dir: string) => `--annotate-dir must not be a submission: ${dir}`,
    nothingFound: "no workbook (.xlsx, .xlsm) found",
    nothingRead: "no workbook could be read",
    skipped: (count: number) => `${count} file(s) that are not workbooks skipped`,
    skipReasons: {
      notWorkbook: "not a workbook (.xlsx, .xlsm)",
      lockFile: "an Excel lock file (~$)",
      annotated: "inside --annotate-dir (an annotated copy)",
      link: "a link to a folder, not followed",
      unreadableFolder: "a folder that could not be opened",
    },
    progress: (done: number, total: number, file: string, eta: string) => `Reviewing ${done}/${total}  ${file}  about ${eta} left`,
    overviewWritten: (file: string) => `Overview written: ${file}`,
    comparisonWritten: (file: string) => `Year-over-year comparison written: ${file}`,
    annotatedNotWritten: (file: string, reason: string) => `${file}: no annotated copy written (${reason})`,
    differentAlliances: (a: string, b: string) => `${a} and ${b} differ in project number or in title and host institution; compared as asked`,
    sameYear: (year: number) => `both submissions are for fiscal year ${year}: their histories are not compared`,
    workerStopped: (reason: string) => `the worker thread checking this file stopped: ${reason}`,
  },
} as const;

/** The words of review's and compare's text reports. */
export const ROUND_TEXT = {
  "zh-TW": {
    heading: (files: number, checked: number, unreadable: number, withErrors: number) =>
      `審查總表：共 ${files} 個檔案，已檢核 ${checked} 個，無法讀取 ${unreadable} 個，有錯誤者 ${withErrors} 個`,
    columns: ["錯誤", "警告", "自主營運比率", "年度"],
    unreadable: (reason: string) => `無法讀取：${reason}`,
    skippedFile: (file: string, reason: string) => `略過 ${file}：${reason}`,
    rulesHeading: "最常見的規則（送件數／發現數）",
    ruleLine: (submissions: number, findings: number, id: string, title: string) => `${submissions} 件／${findings} 個  ${id}  ${title}`,
    yoyHeading: "跨年比對",
    noPairs: "沒有同一聯盟兩個年度的送件。",
    pair: (name: string, earlier: string, later: string, by: string) => `${name}：${earlier} → ${later}（${by}）`,
    fiscalYear: (year: number | null) => (year === null ? "年度不明" : `${year}年度`),
    matchedBy: { projectNumber: "依計畫編號", titleAndInstitution: "依計畫名稱＋執行機構", given: "依指定" },
    files: (earlier: string, later: string) => `前次：${earlier}；本次：${later}`,
    members: (earlier: number, later: number, stayed: number) => `會員名單：${earlier} → ${later} 列，續留 ${stayed}`,
    joined: (names: string) => `新加入：${names}`,
    left: (names: string) => `退出：${names}`,
    none: "無",
    income: "營運收入",
    incomeLine: (label: string, earlier: string, later: string, growth: string) => `${label}：${earlier} → ${later}${growth}`,
    subsidy: (year: number, earlier: string, later: string) => `${year}年度補助款：前次 ${earlier}，本次 ${later}`,
    disagreements: "與前次送件所報不一致：",
    agree: "歷年資料與前次送件所報一致。",
    disagreement: (year: number, item: string, earlier: string, later: string) => `${year}年度 ${item}：前次 ${earlier}，本次歷年資料 ${later}`,
    subsidyItem: "補助款",
    missing: "（未列）",
    unknown: "—",
    separator: "、",
  },
  en: {
    heading: (files: number, checked: number, unreadable: number, withErrors: number) =>
      `Overview: ${files} file(s), ${checked} checked, ${unreadable} unreadable, ${withErrors} with errors`,
    columns: ["Errors", "Warnings", "Self-sufficiency", "FY"],
    unreadable: (reason: string) => `unreadable: ${reason}`,
    skippedFile: (file: string, reason: string) => `skipped ${file}: ${reason}`,
    rulesHeading: "Most frequent rules (submissions / findings)",
    ruleLine: (submissions: number, findings: number, id: string, title: string) => `${submissions} / ${findings}  ${id}  ${title}`,
    yoyHeading: "Year over year",
    noPairs: "No alliance has submissions from two fiscal years.",
    pair: (name: string, earlier: string, later: string, by: string) => `${name}: ${earlier} → ${later} (${by})`,
    fiscalYear: (year: number | null) => (year === null ? "year unknown" : `FY${year}`),
    matchedBy: { projectNumber: "by project number", titleAndInstitution: "by title and host institution", given: "as asked" },
    files: (earlier: string, later: string) => `earlier: ${earlier}; later: ${later}`,
    members: (earlier: number, later: number, stayed: number) => `members listed: ${earlier} → ${later}, ${stayed} stayed`,
    joined: (names: string) => `joined: ${names}`,
    left: (names: string) => `left: ${names}`,
    none: "none",
    income: "Operating income",
    incomeLine: (label: string, earlier: string, later: string, growth: string) => `${label}: ${earlier} → ${later}${growth}`,
    subsidy: (year: number, earlier: string, later: string) => `FY${year} subsidy: earlier ${earlier}, later ${later}`,
    disagreements: "Disagrees with what the earlier submission reported:",
    agree: "The history agrees with what the earlier submission reported.",
    disagreement: (year: number, item: string, earlier: string, later: string) => `FY${year} ${item}: earlier ${earlier}, later history ${later}`,
    subsidyItem: "subsidy",
    missing: "(missing)",
    unknown: "—",
    separator: ", ",
  },
} as const;
