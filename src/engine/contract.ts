/**
 * The workbook contract (docs/workbook-contract.md) as data: the sheets we read, their
 * headers in Chinese and English, which columns are required and which hold numbers. Readers,
 * the template writer and the task pane all use this one description.
 */

export type SheetKey = "plan" | "budget" | "members" | "income" | "subsidyHistory";
export type GeneratedSheetKey = "findings" | "summary" | "instructions";

export interface Bilingual {
  "zh-TW": string;
  en: string;
}

export type ColumnKind = "text" | "number" | "year" | "taxId" | "date";

export interface ColumnDefinition {
  key: string;
  /** Canonical header (zh-TW) and English alias. */
  label: Bilingual;
  /** Further accepted spellings (matched after header normalisation). */
  aliases?: string[];
  required: boolean;
  kind: ColumnKind;
  /** The vocabulary (in the rule pack) that values of this column must belong to. */
  vocabulary?: string;
  /** Help text for the template's instructions sheet. */
  help?: Bilingual;
}

/**
 * An input sheet is found by its two names only (canonical zh-TW and English), matched after
 * trimming, NFKC and case-folding: the contract allows no other spelling of a sheet name, so
 * sheets have no `aliases` (columns and Plan labels do).
 */
export interface TableSheetDefinition {
  key: Exclude<SheetKey, "plan">;
  name: Bilingual;
  columns: ColumnDefinition[];
  /** Missing sheet severity (WB-SHEET-MISSING): inputs the program cannot be judged without. */
  missingSeverity: "error" | "warning" | null;
}

export interface PlanFieldDefinition {
  key: keyof PlanFieldKeys;
  label: Bilingual;
  aliases?: string[];
  required: boolean;
  help?: Bilingual;
}

interface PlanFieldKeys {
  title: unknown;
  projectNumber: unknown;
  pi: unknown;
  institution: unknown;
  fiscalYear: unknown;
  phase: unknown;
  yearInPhase: unknown;
  subsidyRequested: unknown;
  pastYears: unknown;
  overheadRate: unknown;
  rulePack: unknown;
}

export const PLAN_SHEET = {
  key: "plan" as const,
  name: { "zh-TW": "計畫資訊", en: "Plan" },
  missingSeverity: "error" as const,
  fields: [
    { key: "title", label: { "zh-TW": "計畫名稱", en: "Project title" }, aliases: ["Title", "Plan title"], required: false },
    { key: "pi", label: { "zh-TW": "計畫主持人", en: "PI" }, aliases: ["主持人", "Principal investigator"], required: false },
    { key: "institution", label: { "zh-TW": "執行機構", en: "Institution" }, aliases: ["申請機構"], required: false },
    { key: "fiscalYear", label: { "zh-TW": "計畫年度", en: "Fiscal year" }, aliases: ["年度", "Year"], required: true },
    { key: "phase", label: { "zh-TW": "計畫期別", en: "Phase" }, aliases: ["期別"], required: true },
    { key: "yearInPhase", label: { "zh-TW": "期別年次", en: "Year in phase" }, aliases: ["年次"], required: true },
    { key: "subsidyRequested", label: { "zh-TW": "申請補助款", en: "Subsidy requested" }, aliases: ["申請補助金額", "補助款"], required: true },
    { key: "pastYears", label: { "zh-TW": "主持人歷年執行年度", en: "PI past alliance years" }, aliases: ["歷年執行年度", "Past years"], required: false },
    { key: "overheadRate", label: { "zh-TW": "管理費比率", en: "Overhead rate" }, aliases: ["管理費率"], required: false },
    { key: "rulePack", label: { "zh-TW": "規則版本", en: "Rule pack" }, required: false },
  ] satisfies PlanFieldDefinition[],
  /**
   * Labels read when present that the template does not ask for and no rule checks: 計畫編號
   * identifies an alliance across fiscal years (review and compare match submissions by it).
   */
  extraFields: [
    { key: "projectNumber", label: { "zh-TW": "計畫編號", en: "Project number" }, aliases: ["NSTC project number"], required: false },
  ] satisfies PlanFieldDefinition[],
};

export const BUDGET_SHEET: TableSheetDefinition = {
  key: "budget",
  name: { "zh-TW": "經費表", en: "Budget" },
  missingSeverity: "error",
  columns: [
    { key: "category", label: { "zh-TW": "科目", en: "Category" }, aliases: ["經費科目", "補助項目"], required: true, kind: "text", vocabulary: "budgetCategory" },
    { key: "item", label: { "zh-TW": "項目", en: "Item" }, aliases: ["項目名稱", "品名"], required: true, kind: "text" },
    { key: "description", label: { "zh-TW": "說明", en: "Description" }, aliases: ["用途說明", "備註", "Note"], required: false, kind: "text" },
    { key: "staffType", label: { "zh-TW": "人員類別", en: "Staff type" }, aliases: ["人員類型", "職稱"], required: false, kind: "text", vocabulary: "staffType" },
    { key: "degree", label: { "zh-TW": "學歷", en: "Degree" }, required: false, kind: "text", vocabulary: "degree" },
    { key: "name", label: { "zh-TW": "姓名", en: "Name" }, required: false, kind: "text" },
    { key: "unitCost", label: { "zh-TW": "單價", en: "Unit cost" }, aliases: ["單價/月薪", "月薪", "Unit price"], required: false, kind: "number" },
    { key: "quantity", label: { "zh-TW": "數量", en: "Quantity" }, aliases: ["人數", "Qty"], required: false, kind: "number" },
    { key: "months", label: { "zh-TW": "月數", en: "Months" }, required: false, kind: "number" },
    { key: "amount", label: { "zh-TW": "金額", en: "Amount" }, aliases: ["經費", "小計金額"], required: true, kind: "number" },
    { key: "fundingSource", label: { "zh-TW": "經費來源", en: "Funding source" }, aliases: ["來源"], required: false, kind: "text", vocabulary: "fundingSource" },
  ],
};

export const MEMBERS_SHEET: TableSheetDefinition = {
  key: "members",
  name: { "zh-TW": "會員名單", en: "Members" },
  missingSeverity: "warning",
  columns: [
    { key: "company", label: { "zh-TW": "廠商名稱", en: "Company" }, aliases: ["會員名稱", "公司名稱", "Company name", "Member"], required: true, kind: "text" },
    { key: "taxId", label: { "zh-TW": "統一編號", en: "Tax ID" }, aliases: ["統編", "Tax number", "Business ID"], required: true, kind: "taxId" },
    { key: "country", label: { "zh-TW": "國別", en: "Country" }, aliases: ["國家"], required: false, kind: "text" },
    { key: "orgType", label: { "zh-TW": "組織類型", en: "Organization type" }, aliases: ["Organisation type", "組織型態", "類型"], required: false, kind: "text", vocabulary: "organizationType" },
    { key: "size", label: { "zh-TW": "企業規模", en: "Size" }, aliases: ["規模", "Company size"], required: false, kind: "text", vocabulary: "companySize" },
    { key: "capital", label: { "zh-TW": "實收資本額", en: "Paid-in capital" }, aliases: ["資本額", "Capital"], required: false, kind: "number" },
    { key: "employees", label: { "zh-TW": "員工人數", en: "Employees" }, aliases: ["員工數"], required: false, kind: "number" },
    { key: "tier", label: { "zh-TW": "會員等級", en: "Tier" }, aliases: ["等級", "Membership tier"], required: false, kind: "text" },
    { key: "fee", label: { "zh-TW": "年費", en: "Annual fee" }, aliases: ["會費", "Fee", "Membership fee"], required: false, kind: "number" },
    { key: "yearJoined", label: { "zh-TW": "入會年度", en: "Year joined" }, aliases: ["加入年度"], required: false, kind: "year" },
  ],
};

export const INCOME_SHEET: TableSheetDefinition = {
  key: "income",
  name: { "zh-TW": "營運收入", en: "Income" },
  missingSeverity: "warning",
  columns: [
    { key: "year", label: { "zh-TW": "年度", en: "Year" }, aliases: ["Fiscal year"], required: true, kind: "year" },
    { key: "type", label: { "zh-TW": "收入類別", en: "Income type" }, aliases: ["類別", "收入類型", "Type"], required: true, kind: "text", vocabulary: "incomeType" },
    { key: "company", label: { "zh-TW": "廠商名稱", en: "Company" }, aliases: ["公司名稱", "Company name"], required: false, kind: "text" },
    { key: "taxId", label: { "zh-TW": "統一編號", en: "Tax ID" }, aliases: ["統編"], required: false, kind: "taxId" },
    { key: "amount", label: { "zh-TW": "金額", en: "Amount" }, aliases: ["收入金額"], required: true, kind: "number" },
    { key: "dateReceived", label: { "zh-TW": "收款日期", en: "Date received" }, aliases: ["日期", "Date"], required: false, kind: "date" },
    { key: "note", label: { "zh-TW": "說明", en: "Note" }, aliases: ["備註", "Description"], required: false, kind: "text" },
  ],
};

export const SUBSIDY_HISTORY_SHEET: TableSheetDefinition = {
  key: "subsidyHistory",
  name: { "zh-TW": "歷年補助款", en: "Subsidy history" },
  missingSeverity: null,
  columns: [
    { key: "year", label: { "zh-TW": "年度", en: "Year" }, required: true, kind: "year" },
    { key: "subsidy", label: { "zh-TW": "核定補助款", en: "Subsidy approved" }, aliases: ["補助款", "Subsidy"], required: true, kind: "number" },
  ],
};

export const TABLE_SHEETS: TableSheetDefinition[] = [BUDGET_SHEET, MEMBERS_SHEET, INCOME_SHEET, SUBSIDY_HISTORY_SHEET];

/** Sheets the product writes. */
export const GENERATED_SHEETS: Record<GeneratedSheetKey, Bilingual> = {
  findings: { "zh-TW": "檢核結果", en: "Findings" },
  summary: { "zh-TW": "營運摘要", en: "Summary" },
  instructions: { "zh-TW": "填寫說明", en: "Instructions" },
};

/** A table row is a total row when its first non-empty cell is one of these (normalised). */
export const TOTAL_ROW_LABELS = ["合計", "總計", "小計", "total", "subtotal", "grandtotal", "總合計"];

/** How many leading rows are searched for a header row. */
export const HEADER_SEARCH_ROWS = 20;
/** How many known headers make a header row (sheets with fewer columns need all of them). */
export const HEADER_MIN_MATCHES = 3;
