/**
 * What each column of the template is for, in both languages (the instructions sheet and the
 * header notes). Vocabulary lists and rule numbers are not written here: they come from the pack.
 */
import type { Bilingual } from "../engine/contract";

type HelpBySheet = Record<string, Record<string, Bilingual>>;

export const COLUMN_HELP: HelpBySheet = {
  plan: {
    title: { "zh-TW": "計畫名稱。", en: "The plan's title." },
    projectNumber: { "zh-TW": "選填。國科會計畫編號（延續計畫請填原編號）。", en: "Optional. The NSTC project number (for a continuing plan, its number so far)." },
    pi: { "zh-TW": "計畫主持人姓名。", en: "The principal investigator's name." },
    institution: { "zh-TW": "執行機構（學校）名稱。", en: "The executing institution." },
    fiscalYear: {
      "zh-TW": "必填。民國年（115）或西元年（2026）；決定適用的規則版本。",
      en: "Required. ROC year (115) or Gregorian year (2026); selects the rule pack.",
    },
    phase: { "zh-TW": "必填。1、2，或 3（第116年度起之逐年延續）。", en: "Required. 1, 2, or 3 (annual continuation from FY116)." },
    yearInPhase: { "zh-TW": "必填。該期第幾年：1–3。", en: "Required. Year within the phase: 1–3." },
    subsidyRequested: { "zh-TW": "必填。本年度申請補助款（新臺幣元）。", en: "Required. Subsidy requested for the year (NT$)." },
    pastYears: {
      "zh-TW": "主持人曾執行本計畫的年度，以逗號或頓號分隔（例：111,112,113）；未曾執行則留空。",
      en: "Fiscal years the PI already ran an alliance, separated by commas (e.g. 111,112,113); empty if none.",
    },
    overheadRate: {
      "zh-TW": "選填。管理費比率，例如 15% 或 0.15；留空時依規則版本預設。",
      en: "Optional. Overhead rate, e.g. 15% or 0.15; empty means the pack's default.",
    },
    rulePack: {
      "zh-TW": "選填。指定規則版本，例如 nstc-alliance-116；留空時依計畫年度。",
      en: "Optional. A rule pack such as nstc-alliance-116; empty means by fiscal year.",
    },
  },
  budget: {
    category: { "zh-TW": "必填。經費科目，請由下拉選單選擇。", en: "Required. Budget category; pick from the dropdown." },
    item: { "zh-TW": "必填。項目名稱，人事費請寫職稱。", en: "Required. The item; for personnel, the position." },
    description: { "zh-TW": "用途說明（設備請說明用於聯盟服務或推廣）。", en: "What it is for (for equipment: how it serves the alliance)." },
    staffType: { "zh-TW": "人事費必填。人員類別，請由下拉選單選擇。", en: "Required on personnel lines. Staff type; pick from the dropdown." },
    degree: { "zh-TW": "專任人員之最高學歷（決定起薪下限）。", en: "Full-time staff's highest degree (sets the pay floor)." },
    name: { "zh-TW": "人員姓名（同一人不得兼任多種人員類別）。", en: "The person's name (one person, one staff type)." },
    unitCost: { "zh-TW": "單價；人事費為月薪，臨時工為時薪。", en: "Unit cost; monthly pay on personnel lines, hourly wage for temporary workers." },
    quantity: { "zh-TW": "數量：人數、件數，臨時工為時數。", en: "Quantity: persons, units, or hours for temporary workers." },
    months: { "zh-TW": "月數，留空視為 1。", en: "Months; empty means 1." },
    amount: { "zh-TW": "必填。金額（新臺幣元）＝單價×數量×月數。", en: "Required. Amount (NT$) = unit cost × quantity × months." },
    fundingSource: { "zh-TW": "經費來源；留空視為補助款。", en: "Funding source; empty means subsidy." },
  },
  members: {
    company: { "zh-TW": "必填。會員廠商名稱。", en: "Required. The member's name." },
    taxId: {
      "zh-TW": "統一編號 8 碼（本欄為文字格式，保留開頭的 0）；本國公司、商號、財團法人必填。",
      en: "8-digit tax ID (the column is text, so leading zeros stay); required for Taiwan companies, firms and foundations.",
    },
    country: { "zh-TW": "國別，留空視為臺灣；可填國名或 ISO 代碼（JP、US…）。", en: "Country; empty means Taiwan; a name or an ISO code (JP, US…)." },
    orgType: {
      "zh-TW": "組織類型，留空視為公司；研究法人、個人、學校、政府機關等不列入會員家數。",
      en: "Organisation type; empty means company; research institutes, individuals, schools and agencies are not counted.",
    },
    size: { "zh-TW": "企業規模；留空時依實收資本額及員工人數判定。", en: "Company size; when empty it is derived from capital and employees." },
    capital: { "zh-TW": "實收資本額（新臺幣元）。", en: "Paid-in capital (NT$)." },
    employees: { "zh-TW": "員工人數。", en: "Number of employees." },
    tier: { "zh-TW": "會員等級（自由填寫，例如金、銀）。", en: "Membership tier (free text, e.g. gold, silver)." },
    fee: { "zh-TW": "年費（新臺幣元）；0 或留空為免費會員。", en: "Annual fee (NT$); 0 or empty is a free member." },
    yearJoined: { "zh-TW": "入會年度（民國年）；留空視為計畫年度。", en: "Year joined (ROC year); empty means the plan's year." },
  },
  income: {
    year: { "zh-TW": "必填。收入所屬年度（民國年）。", en: "Required. The fiscal year of the income (ROC year)." },
    type: {
      "zh-TW": "必填。收入類別，請由下拉選單選擇；補助款不是營運收入。",
      en: "Required. Income type; pick from the dropdown; the subsidy is not operating income.",
    },
    company: { "zh-TW": "付款廠商；會員費須為會員名單上的廠商。", en: "The paying company; membership fees must come from listed members." },
    taxId: { "zh-TW": "付款廠商統一編號（文字格式）。", en: "The paying company's tax ID (text)." },
    amount: { "zh-TW": "必填。金額（新臺幣元）。", en: "Required. Amount (NT$)." },
    dateReceived: { "zh-TW": "收款日期。", en: "Date received." },
    note: { "zh-TW": "說明。", en: "Note." },
  },
  subsidyHistory: {
    year: { "zh-TW": "年度（民國年）。", en: "Fiscal year (ROC year)." },
    subsidy: { "zh-TW": "該年度核定補助款（新臺幣元）。", en: "Subsidy approved for the year (NT$)." },
  },
};

export const TEMPLATE_TEXT = {
  "zh-TW": {
    planHeaders: ["欄位", "填寫內容", "說明"],
    instructionsTitle: "填寫說明",
    intro: [
      "請在「計畫資訊」B 欄填寫計畫資料，並在各表格逐列填寫；藍底標題列請勿修改（檢核工具依標題辨識欄位），灰色列為範例。",
      "有下拉選單的欄位請由選單選擇；金額請填數字（新臺幣元）。填妥後以檢核工具（Excel 增益集或 alliance-check 指令）檢核。",
    ],
    columnsSection: "各欄位說明",
    columnHeaders: ["工作表", "欄位", "英文名稱", "必填", "說明", "Description"],
    required: "是",
    optional: "",
    choices: "選項：",
    rulesSection: "主要檢核規則",
    ruleHeaders: ["規則", "嚴重度", "規則說明", "Rule"],
    severity: { error: "錯誤", warning: "警告", info: "提示" },
    validationTitle: "請由清單選擇",
    validationText: "此值不在清單中，檢核時可能被判為無法辨識。",
    notePrefix: "English",
    examplesNote: "灰色列為填寫範例，不列入檢核；請在標題列下方逐列填寫。",
    budgetNote:
      "灰色列為填寫範例，不列入檢核。請在各科目的空白列填寫，金額由單價×數量×月數自動計算（月數留空視為 1）；列數不足時，請在該科目小計列上方插入列。",
  },
  en: {
    planHeaders: ["Field", "Value", "Notes"],
    instructionsTitle: "Instructions",
    intro: [
      "Fill in the plan in column B of the Plan sheet and one row per line in each table; keep the blue header rows as they are (the checker finds columns by their headers); grey rows are examples.",
      "Pick values from the dropdowns where there is one; amounts are numbers in NT$. Then check the workbook with the add-in or the alliance-check command.",
    ],
    columnsSection: "Columns",
    columnHeaders: ["Sheet", "Column", "中文名稱", "Required", "Description", "說明"],
    required: "yes",
    optional: "",
    choices: "Values: ",
    rulesSection: "Main rules",
    ruleHeaders: ["Rule", "Severity", "Rule", "規則說明"],
    severity: { error: "Error", warning: "Warning", info: "Info" },
    validationTitle: "Pick from the list",
    validationText: "This value is not in the list; the check may not recognise it.",
    notePrefix: "中文",
    examplesNote: "Grey rows are examples and are not checked; fill in one row per line below the header.",
    budgetNote:
      "Grey rows are examples and are not checked. Fill in the blank lines of each category: the amount is unit cost × quantity × months (empty months: 1). Need more lines? Insert rows above the category's subtotal.",
  },
} as const;
