/**
 * Every string the task pane shows, in zh-TW (first) and English. Messages of findings are not
 * here: they come from the engine's formatter in the chosen language.
 */
import type { Language, Severity } from "../engine/types";
import type { WorkbookErrorCode } from "../workbook/gateway";
import type { Role } from "./settings";

/** What went wrong and what to do next. */
export interface ErrorText {
  title: string;
  action: string;
}

export type ErrorKey = WorkbookErrorCode | "rule-pack" | "select-failed" | "unknown";

export interface Strings {
  /** BCP 47 tag for the `lang` attribute. */
  htmlLang: string;
  appTitle: string;
  appSubtitle: string;
  /** The label of the button that switches to the other language (written in that language). */
  otherLanguageLabel: string;
  switchLanguage: string;
  role: string;
  roles: Record<Role, string>;
  roleHints: Record<Role, string>;
  plan: {
    notChecked: string;
    fiscalYear: (year: number) => string;
    phase: (phase: number, year: number | null) => string;
    /** The rule pack as people call it, from its fiscal year: 「115年度規則」. */
    rulePack: (fiscalYear: number) => string;
    noRulePack: string;
    untitled: string;
  };
  validate: string;
  validated: (counts: { error: number; warning: number; info: number; waived: number }) => string;
  validating: string;
  revalidate: string;
  liveValidation: string;
  liveValidationHint: string;
  liveStatus: { idle: string; pending: string; running: string };
  liveListOnly: string;
  flagOnValidate: string;
  flagOnValidateHint: string;
  stages: Record<string, string>;
  working: string;
  severity: Record<Severity, string>;
  severityPlural: Record<Severity, string>;
  waived: string;
  counts: {
    label: string;
    /** The hint of a count tile: selecting it shows only its findings, or (when it is the one shown) every finding. */
    filterHint: (label: string, count: number, shown: boolean) => string;
  };
  filters: {
    label: string;
    sheet: string;
    allSheets: string;
    clear: string;
  };
  findings: {
    heading: string;
    none: string;
    noneMatch: string;
    allClear: string;
    allClearDetail: string;
    /** The passed state when notes or explained findings remain. */
    passedDetail: (info: number, waived: number) => string;
    count: (shown: number, total: number) => string;
    position: (index: number, total: number) => string;
    next: string;
    previous: string;
    shortcuts: string;
    showMore: (count: number) => string;
    showEarlier: (count: number) => string;
    goToCell: (sheet: string, cell: string) => string;
    sheetMissing: (sheet: string) => string;
    details: string;
    hideDetails: string;
    ruleId: string;
    source: string;
    waivedBadge: string;
    location: (sheet: string, cell: string) => string;
  };
  /** Exception notes (例外說明); "waiver" in the code. */
  waiver: {
    heading: string;
    reason: string;
    reasonHint: string;
    reasonRequired: string;
    /** An error's reason shorter than the rule pack's minimum. */
    reasonTooShort: (min: number) => string;
    /** The live count of an error's reason against the minimum. */
    reasonCount: (count: number, min: number) => string;
    errorNote: string;
    name: string;
    nameHint: string;
    nameRequired: string;
    writingAs: (name: string, role: string) => string;
    changeName: string;
    /** Why the form is not offered: an error, in a role that may not explain errors. */
    refused: (roles: string[]) => string;
    submit: string;
    saving: string;
    existing: string;
    by: (who: string) => string;
    role: (role: string) => string;
    at: (when: string) => string;
    /** A stored timestamp ("2026-03-01T07:30:00+08:00" or "2026-03-01") as people read a date. */
    date: (isoDate: string) => string;
    remove: string;
    saved: string;
    removed: string;
  };
  actions: {
    heading: string;
    showFlags: string;
    clearFlags: string;
    flagsShown: (count: number) => string;
    flagsCleared: string;
    summary: string;
    summaryPreview: string;
    summaryPreviewHint: string;
    summaryUnavailable: string;
    summaryDone: string;
    summaryDownloaded: string;
    template: string;
    templatePreview: string;
    templatePreviewHint: string;
    templateUnavailable: string;
    templateDone: string;
    templateDownloaded: string;
    export: string;
    exportTables: string;
    exportData: string;
    exportJson: string;
    exportSarif: string;
    exportCsv: string;
    exported: (name: string) => string;
    needsResult: string;
    flagsSkipped: (sheets: string[]) => string;
    flagsWithoutMessages: string;
    templateWithoutNotes: string;
    flagsSkippedBody: string;
    flagsLeft: (sheets: string[]) => string;
    copyTitle: (name: string) => string;
    copyBody: string;
    copy: string;
    copied: string;
    copyFailed: string;
    copyShown: (name: string) => string;
    /** The reviewer's one-click flags, and what it does (and does not) do to the workbook. */
    reviewerFlags: string;
    reviewerFlagsHint: string;
  };
  summary: {
    heading: string;
    income: string;
    subsidy: string;
    ratio: string;
    ratioValue: (percent: number) => string;
    met: string;
    notMet: string;
    required: string;
    noIncome: string;
    noSubsidy: string;
    members: string;
    counted: string;
    excluded: string;
    paying: string;
    free: string;
    international: string;
    currency: (amount: number) => string;
  };
  /** The finance view: the budget by 科目 and 經費來源, the overhead against its base, the cap used. */
  budget: {
    heading: string;
    category: string;
    subsidy: string;
    matching: string;
    total: string;
    uncategorized: string;
    overhead: string;
    overheadBase: string;
    equipment: (amount: string, cap: string) => string;
    allowed: string;
    charged: string;
    noOverhead: string;
    cap: string;
    capUsed: (used: string, limit: string, percent: string) => string;
    unit: string;
    none: string;
    basePart: (category: string) => string;
    rateLabel: (fromPlan: boolean) => string;
  };
  empty: {
    idleTitle: string;
    idleBody: string;
    notPlanTitle: string;
    notPlanBody: string;
    expects: string;
    optional: string;
    templateCta: string;
  };
  errors: Record<ErrorKey, ErrorText>;
  dismiss: string;
  preview: {
    banner: string;
    bannerDetail: string;
    sample: string;
    samples: Record<string, string>;
    openFile: string;
    opening: string;
    fileLabel: string;
    download: string;
    downloading: string;
    downloaded: (name: string) => string;
    gridLabel: (sheet: string) => string;
    sheets: string;
    noSheets: string;
    rowsCapped: (shown: number, total: number) => string;
    taskPane: string;
    workbook: string;
    annotateWarnings: string;
    /** The accessible name of a sheet tab's badge. */
    sheetBadge: (count: number, severity: string) => string;
  };
  round: {
    tabs: string;
    workbookTab: string;
    roundTab: string;
    heading: string;
    intro: string;
    chooseFiles: string;
    chooseFolder: string;
    reading: (done: number, total: number, file: string) => string;
    totals: (files: number, checked: number, unreadable: number, withErrors: number) => string;
    skipped: (count: number) => string;
    tableLabel: string;
    columns: { name: string; errors: string; warnings: string; ratio: string };
    unreadable: string;
    openRow: (name: string) => string;
    back: string;
    noFindings: string;
    findingsOf: (count: number) => string;
    yearOverYear: (count: number) => string;
    yearOverYearLine: (name: string, earlier: string, later: string, joined: number, left: number, disagreements: number) => string;
    overviewExcel: string;
    overviewExcelHint: string;
    overviewDownload: string;
    overviewDownloadHint: string;
    overviewWriting: string;
    overviewOpened: string;
    overviewDownloaded: (name: string) => string;
    nothingChosen: string;
  };
  close: string;
  /** Quick fixes (修正), their preview, suggestions and undo. */
  fixes: {
    fix: string;
    fixLabel: (cell: string) => string;
    previewHeading: string;
    edit: (cell: string, from: string, to: string) => string;
    empty: string;
    formula: (formula: string, value: string) => string;
    apply: string;
    applying: string;
    cancel: string;
    fixAll: (count: number) => string;
    fixAllHeading: (rule: string, count: number) => string;
    suggestionLabel: (cell: string) => string;
    suggestionPlaceholder: string;
    applySuggestion: string;
    suggestionDescription: (from: string, to: string) => string;
    applied: (cells: number) => string;
    nothingApplied: string;
    skippedChanged: (cells: string) => string;
    skippedProtected: (cells: string) => string;
    undo: string;
    undone: (cells: number) => string;
    undoSkipped: (cells: string) => string;
    revalidated: string;
    unsafe: string;
    held: (count: number) => string;
  };
}

const zhNumber = new Intl.NumberFormat("zh-TW");
const enNumber = new Intl.NumberFormat("en-US");

const ZH: Strings = {
  htmlLang: "zh-Hant-TW",
  appTitle: "產學聯盟檢核",
  appSubtitle: "產學技術聯盟合作計畫",
  otherLanguageLabel: "English",
  switchLanguage: "Switch to English",
  role: "角色",
  roles: { pi: "計畫主持人", finance: "財務", reviewer: "審查" },
  roleHints: {
    pi: "檢核時標示儲存格；在 Excel 中輸入時即時重新檢核。",
    finance: "檢核時在儲存格標示問題。",
    reviewer: "唯讀：除非您按下標示或寫入例外說明，否則不寫入活頁簿。",
  },
  plan: {
    notChecked: "尚未檢核",
    fiscalYear: (year) => `${year} 年度`,
    phase: (phase, year) => (year === null ? `第 ${phase} 期` : `第 ${phase} 期第 ${year} 年`),
    rulePack: (year) => `${year}年度規則`,
    noRulePack: "無適用規則版本",
    untitled: "（未命名計畫）",
  },
  validate: "檢核",
  validated: (c) => `檢核完成：錯誤 ${c.error} 項、警告 ${c.warning} 項、提示 ${c.info} 項、已有例外說明 ${c.waived} 項。`,
  validating: "檢核中…",
  revalidate: "重新檢核",
  liveValidation: "即時檢核",
  liveValidationHint: "編輯儲存格後自動重新檢核並更新標示。",
  liveStatus: { idle: "即時檢核已開啟", pending: "偵測到變更…", running: "重新檢核中…" },
  liveListOnly: "此版本的 Excel 在增益集寫入時會清除復原記錄，所以即時檢核只更新下方清單，不自動改動儲存格標示；需要時請按「標示儲存格」。",
  flagOnValidate: "檢核時標示儲存格",
  flagOnValidateHint: "以設定格式化的條件標示，清除後儲存格恢復原狀。",
  stages: {
    read: "讀取活頁簿",
    waivers: "讀取例外說明",
    check: "套用規則",
    flags: "標示儲存格",
    clear: "清除標示",
    summary: "產生營運摘要",
    annotate: "產生標註副本",
    template: "產生範本",
    open: "開啟檔案",
    overview: "產生審查總表",
  },
  working: "處理中",
  severity: { error: "錯誤", warning: "警告", info: "提示" },
  severityPlural: { error: "錯誤", warning: "警告", info: "提示" },
  waived: "已說明",
  counts: {
    label: "依嚴重度統計（按一下只看該類）",
    filterHint: (label, count, shown) => (shown ? `目前只顯示${label}，再按一下顯示全部` : `${label} ${count} 項，按一下只顯示此類`),
  },
  filters: {
    label: "篩選",
    sheet: "工作表",
    allSheets: "全部工作表",
    clear: "清除篩選",
  },
  findings: {
    heading: "檢核結果",
    none: "沒有發現任何問題。",
    noneMatch: "沒有符合篩選條件的項目。",
    allClear: "檢核通過，可送出",
    allClearDetail: "沒有錯誤或警告。",
    passedDetail: (info, waived) =>
      ["沒有錯誤或警告", info > 0 ? `提示 ${info} 項僅供參考` : "", waived > 0 ? `${waived} 項已有例外說明` : ""].filter(Boolean).join("；") + "。",
    count: (shown, total) => (shown === total ? `共 ${total} 項` : `顯示 ${shown} / ${total} 項`),
    position: (index, total) => `第 ${index} / ${total} 項`,
    next: "下一項",
    previous: "上一項",
    shortcuts: "快速鍵：Alt+↓ / Alt+↑ 或 J / K",
    showMore: (count) => `再顯示 ${count} 項`,
    showEarlier: (count) => `顯示前 ${count} 項`,
    goToCell: (sheet, cell) => `前往 ${sheet}!${cell}`,
    sheetMissing: (sheet) => `活頁簿中沒有「${sheet}」工作表，無法前往。`,
    details: "顯示詳細資料",
    hideDetails: "隱藏詳細資料",
    ruleId: "規則代碼",
    source: "依據",
    waivedBadge: "已有例外說明",
    location: (sheet, cell) => `${sheet} ${cell}`,
  },
  waiver: {
    heading: "寫入例外說明",
    reason: "例外說明理由",
    reasonHint: "說明為何此項可接受；理由會存入活頁簿，隨檔案保存。",
    reasonRequired: "請填寫例外說明的理由。",
    reasonTooShort: (min) => `錯誤的例外說明理由至少要 ${min} 個字。`,
    reasonCount: (count, min) => `${count} / ${min} 字`,
    errorNote: "這是錯誤：寫入例外說明後仍會列在檢核結果中，並註明說明者與日期。",
    name: "說明者姓名",
    nameHint: "只需輸入一次，之後會自動帶入。",
    nameRequired: "請填寫您的姓名。",
    writingAs: (name, role) => `說明者：${name}（${role}）`,
    changeName: "更改姓名",
    refused: (roles) => `錯誤只能由${roles.join("或")}寫入例外說明。請修正儲存格，或請${roles.join("或")}確認後寫入。`,
    submit: "寫入例外說明",
    saving: "儲存中…",
    existing: "已有例外說明",
    by: (who) => `說明者：${who}`,
    role: (role) => `角色：${role}`,
    at: (when) => `日期：${when}`,
    date: (iso) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
      return match ? `${Number(match[1]) - 1911}年${Number(match[2])}月${Number(match[3])}日` : iso;
    },
    remove: "刪除例外說明",
    saved: "例外說明已存入活頁簿。",
    removed: "已刪除例外說明。",
  },
  actions: {
    heading: "動作",
    showFlags: "標示儲存格",
    clearFlags: "清除標示",
    flagsShown: (count) => `已標示 ${zhNumber.format(count)} 個儲存格。`,
    flagsCleared: "已清除所有標示，儲存格已恢復原狀。",
    summary: "產生營運摘要",
    summaryPreview: "下載標註副本（含營運摘要）",
    summaryPreviewHint: "下載此活頁簿的標註副本：原有的工作表，加上「檢核結果」與「營運摘要」。",
    summaryUnavailable: "營運摘要將隨摘要寫入功能推出。",
    summaryDone: "已產生「營運摘要」工作表。",
    summaryDownloaded: "已下載含營運摘要的標註副本。",
    template: "插入範本",
    templatePreview: "下載範本",
    templatePreviewHint: "下載空白的計畫活頁簿範本（含下拉選單與說明）。",
    templateUnavailable: "範本將隨範本寫入功能推出。",
    templateDone: "已插入範本工作表。",
    templateDownloaded: "已下載空白範本。",
    export: "匯出結果",
    exportTables: "表格",
    exportData: "供系統讀取",
    exportJson: "JSON",
    exportSarif: "SARIF 2.1.0",
    exportCsv: "CSV（Excel 可開啟）",
    exported: (name) => `已下載 ${name}。`,
    needsResult: "請先檢核。",
    flagsWithoutMessages: "此版本的 Excel 無法在儲存格加上附註或註解，只以顏色標示；各項說明請見下方清單。",
    templateWithoutNotes: "此版本的 Excel 無法在標題加上附註，各欄位的說明請見「填寫說明」工作表。",
    flagsSkipped: (sheets) => `受保護的工作表未標示：${sheets.map((sheet) => `「${sheet}」`).join("、")}`,
    flagsSkippedBody: "請在 Excel 取消保護工作表（校閱 > 取消保護工作表），再按「標示儲存格」。",
    flagsLeft: (sheets) => `受保護的工作表上的標示無法清除：${sheets.map((sheet) => `「${sheet}」`).join("、")}`,
    copyTitle: (name) => `複製 ${name} 的內容`,
    copyBody: "Mac 版 Office 無法從工作窗格下載檔案。請複製下列內容，貼到文字編輯器後另存新檔。",
    copy: "複製到剪貼簿",
    copied: "已複製到剪貼簿。",
    copyFailed: "無法自動複製；請選取全部文字後按 ⌘C。",
    copyShown: (name) => `已顯示 ${name} 的內容，請複製後另存新檔。`,
    reviewerFlags: "在活頁簿中標示",
    reviewerFlagsHint: "以設定格式化的條件標示有問題的儲存格。本增益集不會儲存活頁簿：要保留標示請自行儲存；按「清除標示」即恢復原狀。",
  },
  summary: {
    heading: "營運摘要",
    income: "營運收入",
    subsidy: "補助款",
    ratio: "自主營運比率",
    ratioValue: (percent) => `${percent.toFixed(1)}%`,
    met: "收入已超過補助款",
    notMet: "收入未達補助款",
    required: "本年度須達成",
    noIncome: "沒有營運收入工作表。",
    noSubsidy: "無法判斷補助款（請填寫計畫資訊的申請補助款）。",
    members: "會員家數",
    counted: "列計",
    excluded: "不列計",
    paying: "付費",
    free: "免費",
    international: "國際",
    currency: (amount) => `${zhNumber.format(amount)} 元`,
  },
  budget: {
    heading: "經費概況",
    category: "科目",
    subsidy: "補助款",
    matching: "自籌款",
    total: "合計",
    uncategorized: "（未填科目）",
    overhead: "管理費",
    overheadBase: "計算基礎",
    equipment: (amount, cap) => `研究設備費 ${amount}（至多 ${cap} 列入計算基礎）`,
    allowed: "可編列上限",
    charged: "已編列",
    noOverhead: "經費表沒有管理費。",
    cap: "補助上限",
    capUsed: (used, limit, percent) => `補助款 ${used} 元，上限 ${limit} 元，已用 ${percent}`,
    unit: "單位：新臺幣元",
    none: "沒有經費表。",
    basePart: (category) => `＋ ${category}`,
    rateLabel: (fromPlan) => `費率（${fromPlan ? "依計畫資訊" : "預設費率"}）`,
  },
  empty: {
    idleTitle: "檢核計畫活頁簿",
    idleBody: "按「檢核」依產學技術聯盟合作計畫的規定檢查經費、會員與營運收入。",
    notPlanTitle: "這不像是產學聯盟計畫的活頁簿",
    notPlanBody: "找不到計畫資訊與經費表。請使用範本，或將工作表命名如下：",
    expects: "需要的工作表",
    optional: "選填",
    templateCta: "取得範本",
  },
  errors: {
    "not-found": { title: "找不到活頁簿或工作表", action: "確認檔案仍在，或重新開啟活頁簿後再試一次。" },
    "not-a-workbook": { title: "這不是 Excel 活頁簿", action: "請開啟 .xlsx 檔案（Excel 活頁簿）。" },
    encrypted: { title: "活頁簿有密碼保護", action: "請在 Excel 移除開啟密碼、另存新檔後再試。" },
    "legacy-format": { title: "不支援舊版 .xls 格式", action: "請在 Excel 另存為 .xlsx 後再試。" },
    "too-large": { title: "活頁簿太大，無法讀取", action: "請刪除不需要的工作表或資料列後再試。" },
    corrupt: { title: "活頁簿已損毀或無法讀取", action: "請在 Excel 開啟並另存新檔，再試一次。" },
    "read-only": { title: "活頁簿為唯讀", action: "請取消保護工作表或以可編輯模式開啟，再試一次。" },
    "api-unsupported": { title: "此版本的 Excel 不支援這項功能", action: "請更新 Excel，或改用 Microsoft 365 / Excel 網頁版。" },
    "write-failed": { title: "無法寫入活頁簿", action: "請確認沒有正在編輯的儲存格（按 Esc），再試一次。" },
    cancelled: { title: "作業已取消", action: "需要時請再執行一次。" },
    "rule-pack": { title: "規則版本有誤", action: "請檢查計畫資訊的「規則版本」，或清空此欄改依年度選擇。" },
    "select-failed": { title: "無法選取該儲存格", action: "工作表可能已改名或刪除；請重新檢核。" },
    "cell-editing": { title: "Excel 正在編輯儲存格", action: "請按 Enter 或 Esc 結束儲存格編輯，再試一次。" },
    "hidden-sheet": { title: "這個儲存格所在的工作表已隱藏", action: "請在工作表索引標籤上按右鍵、選「取消隱藏」，再從清單跳至該儲存格。" },
    unknown: { title: "發生未預期的錯誤", action: "請再試一次；若持續發生，請匯出結果並回報。" },
  },
  dismiss: "關閉訊息",
  preview: {
    banner: "瀏覽器預覽",
    bannerDetail: "未在 Excel 中執行：檢核此瀏覽器中的活頁簿檔案。",
    sample: "範例",
    samples: {
      "sample-mistakes.xlsx": "常見錯誤範例",
      "sample-clean.xlsx": "通過範例",
      "sample-english.xlsx": "英文範例",
    },
    openFile: "開啟活頁簿…",
    opening: "開啟中…",
    fileLabel: "目前檔案",
    download: "下載標註副本",
    downloading: "產生中…",
    downloaded: (name) => `已下載 ${name}。`,
    gridLabel: (sheet) => `工作表「${sheet}」的儲存格`,
    sheets: "工作表",
    noSheets: "此活頁簿沒有工作表。",
    rowsCapped: (shown, total) => `顯示 ${shown} / ${total} 列`,
    taskPane: "工作窗格",
    workbook: "活頁簿",
    annotateWarnings: "標註副本無法保留部分內容：",
    sheetBadge: (count, severity) => `${count} 項，最嚴重：${severity}`,
  },
  round: {
    tabs: "檢核對象",
    workbookTab: "此活頁簿",
    roundTab: "整批審查",
    heading: "整批審查送件",
    intro: "選擇本次收件的多個活頁簿（或整個資料夾），逐一檢核並彙整成審查總表。檔案只在此窗格中讀取，不會上傳，也不會寫入目前開啟的活頁簿。",
    chooseFiles: "選擇活頁簿…",
    chooseFolder: "選擇資料夾…",
    reading: (done, total, file) => (file ? `檢核中 ${done + 1}/${total}：${file}` : `已檢核 ${done}/${total}`),
    totals: (files, checked, unreadable, withErrors) => `共 ${files} 件：已檢核 ${checked} 件、無法讀取 ${unreadable} 件；有錯誤者 ${withErrors} 件`,
    skipped: (count) => `略過資料夾中 ${count} 個非活頁簿檔案`,
    tableLabel: "審查總表（依錯誤數、名稱排序）",
    columns: { name: "計畫名稱／檔案", errors: "錯誤", warnings: "警告", ratio: "自主營運比率" },
    unreadable: "無法讀取",
    openRow: (name) => `開啟「${name}」的檢核結果`,
    back: "回到審查總表",
    noFindings: "此送件沒有發現問題。",
    findingsOf: (count) => `${count} 項檢核結果`,
    yearOverYear: (count) => `跨年比對：${count} 個聯盟有兩個年度的送件`,
    yearOverYearLine: (name, earlier, later, joined, left, disagreements) =>
      `${name}（${earlier} → ${later}）：新加入 ${joined}、退出 ${left}${disagreements > 0 ? `、歷年資料不一致 ${disagreements} 處` : ""}`,
    overviewExcel: "以新活頁簿開啟審查總表",
    overviewExcelHint: "在 Excel 另開一個新活頁簿；目前的活頁簿不會被寫入。",
    overviewDownload: "下載審查總表",
    overviewDownloadHint: "下載 .xlsx：審查總表、規則統計、跨年比對與收支圖。",
    overviewWriting: "產生審查總表中…",
    overviewOpened: "已在新活頁簿開啟審查總表。",
    overviewDownloaded: (name) => `已下載 ${name}。`,
    nothingChosen: "所選的檔案中沒有活頁簿（.xlsx、.xlsm）。",
  },
  close: "關閉",
  fixes: {
    fix: "修正",
    fixLabel: (cell) => `修正 ${cell}`,
    previewHeading: "將修改下列儲存格（原值 → 新值）：",
    edit: (cell, from, to) => `${cell}：${from} → ${to}`,
    empty: "（空白）",
    formula: (formula, value) => `${formula}（${value}）`,
    apply: "套用修正",
    applying: "套用中…",
    cancel: "取消",
    fixAll: (count) => `全部修正（${count}）`,
    fixAllHeading: (rule, count) => `將修正 ${count} 項「${rule}」：`,
    suggestionLabel: (cell) => `${cell} 改為`,
    suggestionPlaceholder: "選擇用語…",
    applySuggestion: "套用",
    suggestionDescription: (from, to) => `「${from}」改為「${to}」`,
    applied: (cells) => `已修正 ${cells} 個儲存格，並已重新檢核。`,
    nothingApplied: "沒有套用任何修正。",
    skippedChanged: (cells) => `${cells} 在預覽之後已被修改，未套用，保留您輸入的內容。`,
    skippedProtected: (cells) => `${cells} 位於受保護的工作表，未修改。`,
    undo: "復原",
    undone: (cells) => `已復原 ${cells} 個儲存格。`,
    undoSkipped: (cells) => `${cells} 在修正之後又被修改，未復原，保留目前的內容。`,
    revalidated: "已重新檢核。",
    unsafe: "這項修正會留下原本的問題或造成新的檢核問題（例如超過補助上限），請自行修改。",
    held: (count) => `另有 ${count} 項修正與其他修正一起套用會造成新的檢核問題（例如超過補助上限），未套用；請參考重新檢核的結果。`,
  },
};

const EN: Strings = {
  htmlLang: "en",
  appTitle: "Alliance Check",
  appSubtitle: "NSTC Industry-Academia Alliance",
  otherLanguageLabel: "中文",
  switchLanguage: "切換為中文",
  role: "Role",
  roles: { pi: "PI", finance: "Finance", reviewer: "Reviewer" },
  roleHints: {
    pi: "Flags cells when you validate; in Excel, re-checks as you type.",
    finance: "Flags problem cells when you validate.",
    reviewer: "Read-only: nothing is written to the workbook unless you show flags or write an exception note.",
  },
  plan: {
    notChecked: "Not checked yet",
    fiscalYear: (year) => `FY${year}`,
    phase: (phase, year) => (year === null ? `phase ${phase}` : `phase ${phase}, year ${year}`),
    rulePack: (year) => `FY${year} rules`,
    noRulePack: "no rule pack for this year",
    untitled: "(untitled plan)",
  },
  validate: "Validate",
  validated: (c) => `Validation done: ${c.error} errors, ${c.warning} warnings, ${c.info} info, ${c.waived} explained.`,
  validating: "Validating…",
  revalidate: "Validate again",
  liveValidation: "Live validation",
  liveValidationHint: "Re-checks and updates flags after you edit a cell.",
  liveStatus: { idle: "Live validation on", pending: "Change detected…", running: "Re-checking…" },
  liveListOnly: "This version of Excel clears the undo history whenever an add-in writes, so live validation updates the list below and leaves the flags in the cells alone; choose Show flags when you want them.",
  flagOnValidate: "Flag cells when validating",
  flagOnValidateHint: "Conditional formatting; clearing restores the cells exactly.",
  stages: {
    read: "Reading the workbook",
    waivers: "Reading exception notes",
    check: "Applying the rules",
    flags: "Flagging cells",
    clear: "Clearing flags",
    summary: "Writing the summary",
    annotate: "Building the annotated copy",
    template: "Building the template",
    open: "Opening the file",
    overview: "Writing the overview",
  },
  working: "Working",
  severity: { error: "Error", warning: "Warning", info: "Info" },
  severityPlural: { error: "Errors", warning: "Warnings", info: "Info" },
  waived: "Explained",
  counts: {
    label: "Counts by severity (select one to see only those)",
    filterHint: (label, count, shown) => (shown ? `Only ${label.toLowerCase()} shown: select again to show all` : `${count} ${label.toLowerCase()}: select to show only these`),
  },
  filters: {
    label: "Filters",
    sheet: "Sheet",
    allSheets: "All sheets",
    clear: "Clear filters",
  },
  findings: {
    heading: "Findings",
    none: "No problems found.",
    noneMatch: "No findings match the filters.",
    allClear: "Passed — ready to submit",
    allClearDetail: "No errors or warnings.",
    passedDetail: (info, waived) =>
      ["No errors or warnings", info > 0 ? `${info} info item(s) for reference` : "", waived > 0 ? `${waived} explained by an exception note` : ""].filter(Boolean).join("; ") + ".",
    count: (shown, total) => (shown === total ? `${total} in all` : `${shown} of ${total}`),
    position: (index, total) => `${index} of ${total}`,
    next: "Next",
    previous: "Previous",
    shortcuts: "Shortcuts: Alt+↓ / Alt+↑ or J / K",
    showMore: (count) => `Show ${count} more`,
    showEarlier: (count) => `Show ${count} earlier`,
    goToCell: (sheet, cell) => `Go to ${sheet}!${cell}`,
    sheetMissing: (sheet) => `The workbook has no sheet "${sheet}" to go to.`,
    details: "Show details",
    hideDetails: "Hide details",
    ruleId: "Rule ID",
    source: "Source",
    waivedBadge: "Explained",
    location: (sheet, cell) => `${sheet} ${cell}`,
  },
  waiver: {
    heading: "Write an exception note",
    reason: "Reason",
    reasonHint: "Why this is acceptable. Stored in the workbook, so it travels with the file.",
    reasonRequired: "Enter the reason for the exception note.",
    reasonTooShort: (min) => `An exception note on an error needs a reason of at least ${min} characters.`,
    reasonCount: (count, min) => `${count} / ${min} characters`,
    errorNote: "This is an error: with an exception note it is still listed in the findings, with who wrote the note and when.",
    name: "Your name",
    nameHint: "Typed once; remembered on this computer.",
    nameRequired: "Enter your name.",
    writingAs: (name, role) => `Written by ${name} (${role})`,
    changeName: "Change name",
    refused: (roles) => `Only ${roles.join(" or ")} can write an exception note on an error. Correct the cell, or ask ${roles.join(" or ")} to review it.`,
    submit: "Save the exception note",
    saving: "Saving…",
    existing: "Explained",
    by: (who) => `By: ${who}`,
    role: (role) => `Role: ${role}`,
    at: (when) => `On: ${when}`,
    date: (iso) => /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso,
    remove: "Remove the exception note",
    saved: "Exception note saved in the workbook.",
    removed: "Exception note removed.",
  },
  actions: {
    heading: "Actions",
    showFlags: "Show flags",
    clearFlags: "Clear flags",
    flagsShown: (count) => `${enNumber.format(count)} cells flagged.`,
    flagsCleared: "All flags cleared; the cells look as before.",
    summary: "Summary sheet",
    summaryPreview: "Download annotated copy with summary",
    summaryPreviewHint: "Downloads an annotated copy of this workbook: its own sheets, plus the Findings and Summary sheets.",
    summaryUnavailable: "The summary arrives with the summary writer.",
    summaryDone: "The Summary sheet was written.",
    summaryDownloaded: "Annotated copy with summary downloaded.",
    template: "Insert template",
    templatePreview: "Get template",
    templatePreviewHint: "Downloads a blank plan workbook with dropdowns and instructions.",
    templateUnavailable: "The template arrives with the template writer.",
    templateDone: "Template sheets inserted.",
    templateDownloaded: "Blank template downloaded.",
    export: "Export",
    exportTables: "Tables",
    exportData: "For other software",
    exportJson: "JSON",
    exportSarif: "SARIF 2.1.0",
    exportCsv: "CSV (opens in Excel)",
    exported: (name) => `${name} downloaded.`,
    flagsWithoutMessages: "This version of Excel cannot add notes or comments to cells, so flags are colours only; the list below explains each one.",
    templateWithoutNotes: "This version of Excel cannot add notes to the headers; the Instructions sheet explains every column.",
    flagsSkipped: (sheets) => `Protected sheets were not flagged: ${sheets.map((sheet) => `"${sheet}"`).join(", ")}`,
    flagsSkippedBody: "Unprotect them in Excel (Review > Unprotect Sheet), then choose Show flags again.",
    flagsLeft: (sheets) => `Flags on protected sheets could not be removed: ${sheets.map((sheet) => `"${sheet}"`).join(", ")}`,
    copyTitle: (name) => `Copy the contents of ${name}`,
    copyBody: "Office on Mac cannot download files from a task pane. Copy the text below, paste it into a text editor and save it.",
    copy: "Copy to clipboard",
    copied: "Copied to the clipboard.",
    copyFailed: "Could not copy automatically; select all the text and press ⌘C.",
    copyShown: (name) => `The contents of ${name} are shown for copying.`,
    needsResult: "Validate first.",
    reviewerFlags: "Show flags in the workbook",
    reviewerFlagsHint: "Marks the cells with problems by conditional formatting. This add-in never saves the workbook: save it yourself to keep the flags, or choose Clear flags to restore the cells.",
  },
  summary: {
    heading: "Operations summary",
    income: "Operating income",
    subsidy: "Subsidy",
    ratio: "Self-sufficiency",
    ratioValue: (percent) => `${percent.toFixed(1)}%`,
    met: "Income exceeds the subsidy",
    notMet: "Income below the subsidy",
    required: "Required this year",
    noIncome: "No income sheet.",
    noSubsidy: "Subsidy unknown (fill in Subsidy requested on the Plan sheet).",
    members: "Members",
    counted: "Counted",
    excluded: "Excluded",
    paying: "Paying",
    free: "Free",
    international: "Intl.",
    currency: (amount) => `NT$${enNumber.format(amount)}`,
  },
  budget: {
    heading: "Budget",
    category: "Category",
    subsidy: "Subsidy",
    matching: "Matching",
    total: "Total",
    uncategorized: "(no category)",
    overhead: "Overhead",
    overheadBase: "Base",
    equipment: (amount, cap) => `Equipment ${amount}, counted up to ${cap}`,
    allowed: "Allowed",
    charged: "Budgeted",
    noOverhead: "The budget has no overhead line.",
    cap: "Subsidy cap",
    capUsed: (used, limit, percent) => `Subsidy NT$${used} of the NT$${limit} cap: ${percent} used`,
    unit: "Amounts in NT$",
    none: "No budget sheet.",
    basePart: (category) => `+ ${category}`,
    rateLabel: (fromPlan) => `Rate (${fromPlan ? "from the Plan sheet" : "default rate"})`,
  },
  empty: {
    idleTitle: "Check a plan workbook",
    idleBody: "Select Validate to check the budget, members and operating income against the alliance program's rules.",
    notPlanTitle: "This does not look like an alliance plan workbook",
    notPlanBody: "The Plan and Budget sheets are missing. Start from the template, or name the sheets:",
    expects: "Sheets expected",
    optional: "optional",
    templateCta: "Get the template",
  },
  errors: {
    "not-found": { title: "Workbook or sheet not found", action: "Check that the file is still there, or reopen the workbook and try again." },
    "not-a-workbook": { title: "This is not an Excel workbook", action: "Open an .xlsx file (Excel workbook)." },
    encrypted: { title: "The workbook is password-protected", action: "Remove the password to open in Excel, save a copy and try again." },
    "legacy-format": { title: "Old .xls files are not supported", action: "Save the file as .xlsx in Excel and try again." },
    "too-large": { title: "The workbook is too large to read", action: "Remove sheets or rows you do not need and try again." },
    corrupt: { title: "The workbook is damaged or unreadable", action: "Open it in Excel, save a copy and try again." },
    "read-only": { title: "The workbook is read-only", action: "Unprotect the sheet or open the workbook for editing, then try again." },
    "api-unsupported": { title: "This version of Excel does not support this", action: "Update Excel, or use Microsoft 365 or Excel on the web." },
    "write-failed": { title: "Could not write to the workbook", action: "Make sure no cell is being edited (press Esc) and try again." },
    cancelled: { title: "Cancelled", action: "Run it again when you are ready." },
    "rule-pack": { title: "Unknown rule pack", action: "Check Rule pack on the Plan sheet, or leave it empty to choose by fiscal year." },
    "select-failed": { title: "Could not select that cell", action: "The sheet may have been renamed or deleted; validate again." },
    "cell-editing": { title: "Excel is editing a cell", action: "Press Enter or Esc to finish editing the cell, then try again." },
    "hidden-sheet": { title: "The cell is on a hidden sheet", action: "Right-click a sheet tab, choose Unhide, then go to the cell from the list again." },
    unknown: { title: "Something went wrong", action: "Try again; if it keeps happening, export the findings and report it." },
  },
  dismiss: "Dismiss",
  preview: {
    banner: "Browser preview",
    bannerDetail: "Not running in Excel: checking a workbook file in this browser.",
    sample: "Sample",
    samples: {
      "sample-mistakes.xlsx": "Common mistakes",
      "sample-clean.xlsx": "Passing sample",
      "sample-english.xlsx": "English sample",
    },
    openFile: "Open workbook…",
    opening: "Opening…",
    fileLabel: "Current file",
    download: "Download annotated copy",
    downloading: "Building…",
    downloaded: (name) => `${name} downloaded.`,
    gridLabel: (sheet) => `Cells of sheet ${sheet}`,
    sheets: "Sheets",
    noSheets: "This workbook has no sheets.",
    rowsCapped: (shown, total) => `Showing ${shown} of ${total} rows`,
    taskPane: "Task pane",
    workbook: "Workbook",
    annotateWarnings: "The annotated copy could not keep:",
    sheetBadge: (count, severity) => `${count} finding(s), worst: ${severity.toLowerCase()}`,
  },
  round: {
    tabs: "What to check",
    workbookTab: "This workbook",
    roundTab: "Review a round",
    heading: "Review a round of submissions",
    intro: "Choose the round's workbooks (or a whole folder): each is checked and the round is summed up in one overview. The files are read in this pane only: nothing is uploaded, and nothing is written to the open workbook.",
    chooseFiles: "Choose workbooks…",
    chooseFolder: "Choose a folder…",
    reading: (done, total, file) => (file ? `Checking ${done + 1}/${total}: ${file}` : `Checked ${done}/${total}`),
    totals: (files, checked, unreadable, withErrors) => `${files} file(s): ${checked} checked, ${unreadable} unreadable; ${withErrors} with errors`,
    skipped: (count) => `${count} file(s) of the folder that are not workbooks skipped`,
    tableLabel: "Overview (by errors, then name)",
    columns: { name: "Alliance / file", errors: "Errors", warnings: "Warnings", ratio: "Ratio" },
    unreadable: "Unreadable",
    openRow: (name) => `Open the findings of ${name}`,
    back: "Back to the overview",
    noFindings: "No problems found in this submission.",
    findingsOf: (count) => `${count} finding(s)`,
    yearOverYear: (count) => `Year over year: ${count} alliance(s) submitted in two fiscal years`,
    yearOverYearLine: (name, earlier, later, joined, left, disagreements) =>
      `${name} (${earlier} → ${later}): ${joined} joined, ${left} left${disagreements > 0 ? `, ${disagreements} history disagreement(s)` : ""}`,
    overviewExcel: "Open the overview as a new workbook",
    overviewExcelHint: "Opens a new workbook in Excel; the open workbook is not written.",
    overviewDownload: "Download the overview",
    overviewDownloadHint: "Downloads an .xlsx: overview, rule frequency, year over year and a chart.",
    overviewWriting: "Writing the overview…",
    overviewOpened: "The overview is open in a new workbook.",
    overviewDownloaded: (name) => `Downloaded ${name}.`,
    nothingChosen: "None of the chosen files is a workbook (.xlsx, .xlsm).",
  },
  close: "Close",
  fixes: {
    fix: "Fix",
    fixLabel: (cell) => `Fix ${cell}`,
    previewHeading: "These cells will change (old → new):",
    edit: (cell, from, to) => `${cell}: ${from} → ${to}`,
    empty: "(empty)",
    formula: (formula, value) => `${formula} (${value})`,
    apply: "Apply fix",
    applying: "Applying…",
    cancel: "Cancel",
    fixAll: (count) => `Fix all (${count})`,
    fixAllHeading: (rule, count) => `${count} finding(s) of "${rule}" will be fixed:`,
    suggestionLabel: (cell) => `Change ${cell} to`,
    suggestionPlaceholder: "Choose a term…",
    applySuggestion: "Apply",
    suggestionDescription: (from, to) => `"${from}" changed to "${to}"`,
    applied: (cells) => `Fixed ${cells} cell(s) and checked again.`,
    nothingApplied: "No fix was applied.",
    skippedChanged: (cells) => `${cells} changed after the preview and were not fixed: what you typed is kept.`,
    skippedProtected: (cells) => `${cells} are on a protected sheet and were not changed.`,
    undo: "Undo",
    undone: (cells) => `Restored ${cells} cell(s).`,
    undoSkipped: (cells) => `${cells} changed again after the fix and were not restored: their current contents are kept.`,
    revalidated: "Checked again.",
    unsafe: "This fix would leave the finding or cause another one (for example, going over the subsidy cap): change the cells yourself.",
    held: (count) => `${count} more fix(es) were not applied: together with the others they would cause another finding (for example, going over the subsidy cap). See the new check.`,
  },
};

export const STRINGS: Readonly<Record<Language, Strings>> = { "zh-TW": ZH, en: EN };

export function stringsFor(language: Language): Strings {
  return STRINGS[language];
}

export function stageLabel(strings: Strings, stage: string): string {
  return strings.stages[stage] ?? strings.working;
}

/** Formats an amount for the pane (whole NT$). */
export function formatNumber(language: Language, value: number): string {
  return (language === "zh-TW" ? zhNumber : enNumber).format(value);
}
