/**
 * Grant workbooks of any size, shaped like the contract (docs/workbook-contract.md) and
 * like what people type: a title above the budget's header, category sections closed by
 * subtotal rows and a grand total, students, managers and temps with their pay, equipment,
 * self-funded lines, members with checksum-valid tax IDs, a few foreign members and free
 * memberships, income of two years. A chosen fraction of the data rows breaks exactly one rule
 * each (rotating through a dozen kinds), so the engine has findings to report and the bench can
 * check that each planned row was flagged.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/engine/types";

export const PLAN_SHEET = "計畫資訊";
export const BUDGET_SHEET = "經費表";
export const MEMBERS_SHEET = "會員名單";
export const INCOME_SHEET = "營運收入";

export const BUDGET_HEADERS = ["科目", "項目", "說明", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額", "經費來源"];
export const MEMBER_HEADERS = ["廠商名稱", "統一編號", "國別", "組織類型", "企業規模", "實收資本額", "員工人數", "會員等級", "年費", "入會年度"];
export const INCOME_HEADERS = ["年度", "收入類別", "廠商名稱", "統一編號", "金額", "收款日期", "說明"];

/** Budget sheet: a title in row 1, the header in row 3 (column A), data from row 4. */
export const BUDGET_HEADER_ROW = 3;
/** Line items between two subtotal rows. */
const SECTION_LINES = 50;

export interface GenerateOptions {
  budgetRows: number;
  /** Default: a fifth of budgetRows. */
  memberRows?: number;
  /** Default: a fifth of budgetRows. */
  incomeRows?: number;
  /** Fraction of data rows (budget lines, members, income rows) that break one rule each. */
  violationRate: number;
}

export interface PlannedViolation {
  sheet: string;
  row: number;
  kind: string;
}

export interface GeneratedWorkbook {
  snapshot: WorkbookSnapshot;
  budgetRows: number;
  memberRows: number;
  incomeRows: number;
  /** Data rows (line items, members, income rows), total rows excluded. */
  dataRows: number;
  /** Cells in the snapshot (every position of every row). */
  cells: number;
  violations: PlannedViolation[];
  /** Which column holds a date in each sheet (0-based), for writers that store real dates. */
  dateColumns: Record<string, number[]>;
}

const STAFF: { type: string; degree: string; pay: number; hourly?: boolean }[] = [
  { type: "專任技術經理", degree: "碩士", pay: 62_000 },
  { type: "專任行銷經理", degree: "學士", pay: 48_000 },
  { type: "專任助理", degree: "碩士", pay: 43_000 },
  { type: "專任助理", degree: "學士", pay: 38_000 },
  { type: "博士後研究人員", degree: "博士", pay: 65_000 },
  { type: "博士生兼任助理", degree: "碩士", pay: 20_000 },
  { type: "碩士生兼任助理", degree: "學士", pay: 8_000 },
  { type: "大專生兼任助理", degree: "專科", pay: 6_000 },
  { type: "臨時工", degree: "學士", pay: 200, hourly: true },
];
const SURNAMES = ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭"];
const GIVEN = ["怡君", "志明", "雅婷", "冠宇", "淑芬", "家豪", "佩珊", "建宏", "欣怡", "承恩"];
const OPERATING_ITEMS: { item: string; description: string; unit: number; quantity: number }[] = [
  { item: "技術推廣說明會場地費", description: "聯盟技術推廣說明會", unit: 25_000, quantity: 4 },
  { item: "會員聯誼活動", description: "年度會員大會餐敘", unit: 800, quantity: 60 },
  { item: "印刷費", description: "聯盟簡介手冊", unit: 150, quantity: 500 },
  { item: "國內差旅費", description: "拜訪會員廠商", unit: 1_200, quantity: 24 },
  { item: "耗材", description: "辦公用品及碳粉", unit: 3_000, quantity: 12 },
  { item: "網站維護費", description: "聯盟網站內容更新", unit: 6_000, quantity: 12 },
  { item: "郵電費", description: "寄送會員通訊", unit: 500, quantity: 12 },
  { item: "講師鐘點費", description: "技術講座外聘講師", unit: 2_000, quantity: 30 },
];
const EQUIPMENT_ITEMS: { item: string; description: string; unit: number; quantity: number }[] = [
  { item: "聯盟網站伺服器", description: "會員服務平台主機", unit: 120_000, quantity: 1 },
  { item: "網路交換器", description: "機房網路設備", unit: 35_000, quantity: 2 },
  { item: "筆記型電腦", description: "技術經理出差簡報用", unit: 42_000, quantity: 1 },
  { item: "儲存設備 NAS", description: "會員資料備份", unit: 58_000, quantity: 1 },
  { item: "投影機", description: "說明會使用", unit: 31_000, quantity: 1 },
];
/** Section categories in order; a section of 50 lines of one category, closed by its subtotal. */
const SECTION_CATEGORIES = ["人事費", "業務費", "人事費", "業務費", "研究設備費"];
const COMPANY_PREFIXES = ["宏達", "聯華", "台塑", "精英", "光寶", "華新", "永豐", "友達", "緯創", "英業達", "和碩", "仁寶"];
const COMPANY_KINDS = ["科技", "精密", "電子", "材料", "生技", "智能"];
const EXTERNAL_CLIENTS = ["中鋼碳素化學股份有限公司", "台灣電力股份有限公司", "工業技術研究院", "中華電信股份有限公司"];

/** Weighted digit sum of the Ministry of Finance checksum (weights 1,2,1,2,1,2,4,1). */
function taxIdDigitSum(digits: string): number {
  const weights = [1, 2, 1, 2, 1, 2, 4, 1];
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const product = Number(digits[i]) * weights[i]!;
    sum += Math.floor(product / 10) + (product % 10);
  }
  return sum;
}

/** A checksum-valid tax ID from a 7-digit stem (the last digit has weight 1: pick it). */
export function validTaxId(stem: number): string {
  const first = String(stem).padStart(7, "0").slice(-7);
  const sum = taxIdDigitSum(first);
  const last = (5 - (sum % 5)) % 5;
  return `${first}${last}`;
}

/** A tax ID whose checksum fails (also under the "7th digit is 7" allowance). */
export function invalidTaxId(stem: number): string {
  const valid = validTaxId(stem);
  const last = (Number(valid[7]) + 2) % 10;
  return `${valid.slice(0, 7)}${last}`;
}

/** Whether row `index` (0-based among its sheet's data rows) breaks a rule; spread evenly. */
function violates(index: number, rate: number): boolean {
  if (rate <= 0) return false;
  const every = Math.max(1, Math.round(1 / rate));
  return index % every === Math.floor(every / 2);
}

function personName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i}`;
}

/** ISO date within fiscal year 115 (2026) for the snapshot; writers turn it into a real date. */
function receivedDate(i: number, year: number): string {
  const month = (i % 12) + 1;
  const day = (i % 27) + 1;
  return `${year + 1911}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

interface BudgetLineDraft {
  values: CellValue[];
  /** Numeric amount (null when the amount is not a number). */
  amount: number | null;
  subsidy: boolean;
  /** Counts in the overhead base (not overhead, PI stipend, foreign travel or equipment). */
  overheadBase: boolean;
  equipment: boolean;
}

function normalBudgetLine(i: number, category: string): BudgetLineDraft {
  if (category === "人事費") {
    const staff = STAFF[i % STAFF.length]!;
    const unit = staff.hourly ? staff.pay : staff.pay + (i % 5) * 500;
    const quantity = staff.hourly ? 300 + (i % 4) * 50 : 1;
    const months = staff.hourly ? null : 12;
    const amount = unit * quantity * (months ?? 1);
    const name = staff.hourly ? `臨時人員${i}` : personName(i);
    return {
      values: [category, staff.type, "計畫執行及會員服務", staff.type, staff.degree, name, unit, quantity, months, amount, "補助款"],
      amount,
      subsidy: true,
      overheadBase: true,
      equipment: false,
    };
  }
  if (category === "研究設備費") {
    const item = EQUIPMENT_ITEMS[i % EQUIPMENT_ITEMS.length]!;
    const amount = item.unit * item.quantity;
    return {
      values: [category, item.item, item.description, null, null, null, item.unit, item.quantity, null, amount, "補助款"],
      amount,
      subsidy: true,
      overheadBase: false,
      equipment: true,
    };
  }
  const item = OPERATING_ITEMS[i % OPERATING_ITEMS.length]!;
  const amount = item.unit * item.quantity;
  const selfFunded = i % 5 === 4;
  return {
    values: [category, item.item, item.description, null, null, null, item.unit, item.quantity, null, amount, selfFunded ? "自籌" : "補助款"],
    amount,
    subsidy: !selfFunded,
    overheadBase: !selfFunded,
    equipment: false,
  };
}

const BUDGET_VIOLATIONS = ["BUD-AMOUNT-MISMATCH", "BUD-CATEGORY-UNKNOWN", "BUD-STUDENT-PAY", "BUD-NOT-NUMBER", "BUD-RESEARCH-ITEM", "BUD-MISSING"] as const;

function violatingBudgetLine(i: number, kind: (typeof BUDGET_VIOLATIONS)[number], category: string): BudgetLineDraft {
  switch (kind) {
    case "BUD-AMOUNT-MISMATCH": {
      const line = normalBudgetLine(i, category);
      const amount = (line.amount ?? 0) + 1_000;
      line.values[9] = amount;
      return { ...line, amount };
    }
    case "BUD-CATEGORY-UNKNOWN":
      return {
        values: ["雜支", "文具", "辦公文具", null, null, null, 500, 10, null, 5_000, "補助款"],
        amount: 5_000,
        subsidy: true,
        overheadBase: true,
        equipment: false,
      };
    case "BUD-STUDENT-PAY":
      return {
        values: ["人事費", "碩士生兼任助理", "計畫執行", "碩士生兼任助理", "學士", personName(i), 5_000, 1, 12, 60_000, "補助款"],
        amount: 60_000,
        subsidy: true,
        overheadBase: true,
        equipment: false,
      };
    case "BUD-NOT-NUMBER":
      return {
        values: ["業務費", "會議餐費", "會員座談會", null, null, null, null, null, null, "約5萬", "補助款"],
        amount: null,
        subsidy: true,
        overheadBase: true,
        equipment: false,
      };
    case "BUD-RESEARCH-ITEM":
      return {
        values: ["業務費", "專利申請費", "申請發明專利", null, null, null, 40_000, 1, null, 40_000, "補助款"],
        amount: 40_000,
        subsidy: true,
        overheadBase: true,
        equipment: false,
      };
    case "BUD-MISSING":
      return {
        values: ["業務費", null, "會員大會場地", null, null, null, 20_000, 1, null, 20_000, "補助款"],
        amount: 20_000,
        subsidy: true,
        overheadBase: true,
        equipment: false,
      };
  }
}

function budgetSheet(rows: number, rate: number, violations: PlannedViolation[]): { sheet: SheetSnapshot; subsidyTotal: number } {
  const values: CellValue[][] = [["115年度 產學技術聯盟合作計畫 經費表"], [], BUDGET_HEADERS];
  const width = BUDGET_HEADERS.length;
  const row = (): number => values.length + 1; // 1-based row of the next push (origin A1)
  const totalRow = (label: string, amount: number): CellValue[] => {
    const cells: CellValue[] = new Array<CellValue>(width).fill(null);
    cells[0] = label;
    cells[9] = amount;
    return cells;
  };
  let subsidyTotal = 0;
  let overheadBase = 0;
  let equipment = 0;
  let section = 0;
  let sectionSum = 0;
  let grand = 0;
  let violationIndex = 0;
  const lineCount = Math.max(1, rows) - 1; // the last line is the overhead
  for (let i = 0; i < lineCount; i += 1) {
    const category = SECTION_CATEGORIES[section % SECTION_CATEGORIES.length]!;
    let line: BudgetLineDraft;
    if (violates(i, rate)) {
      const kind = BUDGET_VIOLATIONS[violationIndex % BUDGET_VIOLATIONS.length]!;
      violationIndex += 1;
      line = violatingBudgetLine(i, kind, category);
      violations.push({ sheet: BUDGET_SHEET, row: row(), kind });
    } else {
      line = normalBudgetLine(i, category);
    }
    values.push(line.values);
    if (line.amount !== null) {
      sectionSum += line.amount;
      if (line.subsidy) {
        subsidyTotal += line.amount;
        if (line.equipment) equipment += line.amount;
        else if (line.overheadBase) overheadBase += line.amount;
      }
    }
    const endOfSection = (i + 1) % SECTION_LINES === 0 && i + 1 < lineCount;
    if (endOfSection) {
      values.push(totalRow(`${category}小計`, sectionSum));
      grand += sectionSum;
      sectionSum = 0;
      section += 1;
    }
  }
  // Overhead (管理費) closes the last section: 10% of the base, within the 15% the plan states.
  const overhead = Math.floor((overheadBase + Math.min(equipment, 100_000)) * 0.1);
  values.push(["管理費", "管理費", "學校行政管理費", null, null, null, null, null, null, overhead, "補助款"]);
  subsidyTotal += overhead;
  sectionSum += overhead;
  values.push(totalRow("小計", sectionSum));
  grand += sectionSum;
  values.push(totalRow("合計", grand));
  return { sheet: { name: BUDGET_SHEET, originRow: 1, originColumn: 1, values }, subsidyTotal };
}

interface MemberDraft {
  company: string;
  taxId: string | null;
}

const MEMBER_VIOLATIONS = ["MEM-TAXID-INVALID", "MEM-DUPLICATE", "WB-VALUE-UNKNOWN"] as const;

function membersSheet(rows: number, rate: number, violations: PlannedViolation[]): { sheet: SheetSnapshot; members: MemberDraft[] } {
  const values: CellValue[][] = [MEMBER_HEADERS];
  const members: MemberDraft[] = [];
  let violationIndex = 0;
  for (let i = 0; i < rows; i += 1) {
    const company = `${COMPANY_PREFIXES[i % COMPANY_PREFIXES.length]}${COMPANY_KINDS[i % COMPANY_KINDS.length]}${i}股份有限公司`;
    const foreign = i % 25 === 24;
    const large = i % 10 === 3;
    const free = i % 20 === 11;
    let taxId: string | null = foreign ? null : validTaxId(1_000_000 + i * 3);
    let orgType = foreign ? "外國公司" : i % 15 === 7 ? "財團法人" : "公司";
    let name = foreign ? `Nippon Devices ${i} Co., Ltd.` : company;
    if (!foreign && violates(i, rate) && i > 0) {
      const kind = MEMBER_VIOLATIONS[violationIndex % MEMBER_VIOLATIONS.length]!;
      violationIndex += 1;
      violations.push({ sheet: MEMBERS_SHEET, row: values.length + 1, kind });
      if (kind === "MEM-TAXID-INVALID") taxId = invalidTaxId(1_000_000 + i * 3);
      else if (kind === "MEM-DUPLICATE") {
        taxId = members[0]!.taxId;
        name = `${company}（分公司）`;
      } else orgType = "股份公司";
    }
    members.push({ company: name, taxId });
    values.push([
      name,
      taxId,
      foreign ? "日本" : "TW",
      orgType,
      large ? "大型企業" : "中小企業",
      large ? 800_000_000 + i * 1000 : 5_000_000 + (i % 40) * 250_000,
      large ? 500 + (i % 300) : 12 + (i % 80),
      large ? "白金" : "一般",
      free ? 0 : large ? 100_000 : 50_000,
      113 + (i % 3),
    ]);
  }
  return { sheet: { name: MEMBERS_SHEET, originRow: 1, originColumn: 1, values }, members };
}

const INCOME_VIOLATIONS = ["INC-TYPE-UNKNOWN", "INC-FEE-NONMEMBER", "INC-MISSING"] as const;

function incomeSheet(rows: number, rate: number, members: MemberDraft[], violations: PlannedViolation[]): SheetSnapshot {
  const values: CellValue[][] = [INCOME_HEADERS];
  let violationIndex = 0;
  // Members with a tax ID pay fees; the first is never itself a violating row.
  const paying = members.filter((member) => member.taxId !== null);
  for (let i = 0; i < rows; i += 1) {
    const year = i % 5 === 0 ? 114 : 115;
    const kindOfRow = i % 4;
    let row: CellValue[];
    if (kindOfRow <= 1 && paying.length > 0) {
      const member = paying[i % paying.length]!;
      row = [year, "會員費", member.company, member.taxId, 50_000, receivedDate(i, year), "年費"];
    } else if (kindOfRow === 2) {
      row = [year, "技術服務", EXTERNAL_CLIENTS[i % EXTERNAL_CLIENTS.length]!, null, 120_000 + (i % 7) * 10_000, receivedDate(i, year), "檢測服務"];
    } else {
      row = [year, i % 8 === 3 ? "技術移轉" : "產學合作", EXTERNAL_CLIENTS[(i + 1) % EXTERNAL_CLIENTS.length]!, null, 300_000, receivedDate(i, year), "合作案"];
    }
    if (violates(i, rate)) {
      const kind = INCOME_VIOLATIONS[violationIndex % INCOME_VIOLATIONS.length]!;
      violationIndex += 1;
      violations.push({ sheet: INCOME_SHEET, row: values.length + 1, kind });
      if (kind === "INC-TYPE-UNKNOWN") row[1] = "捐款";
      else if (kind === "INC-FEE-NONMEMBER") row = [year, "會員費", `非會員${i}有限公司`, validTaxId(9_000_000 - i), 30_000, receivedDate(i, year), "年費"];
      else row[4] = null;
    }
    values.push(row);
  }
  return { name: INCOME_SHEET, originRow: 1, originColumn: 1, values };
}

export function generateWorkbook(options: GenerateOptions): GeneratedWorkbook {
  const budgetRows = options.budgetRows;
  const memberRows = options.memberRows ?? Math.max(1, Math.round(budgetRows / 5));
  const incomeRows = options.incomeRows ?? Math.max(1, Math.round(budgetRows / 5));
  const violations: PlannedViolation[] = [];
  const budget = budgetSheet(budgetRows, options.violationRate, violations);
  const members = membersSheet(memberRows, options.violationRate, violations);
  const income = incomeSheet(incomeRows, options.violationRate, members.members, violations);
  const plan: SheetSnapshot = {
    name: PLAN_SHEET,
    originRow: 1,
    originColumn: 1,
    values: [
      ["計畫名稱", "智慧製造產學技術聯盟"],
      ["計畫主持人", "林志明"],
      ["執行機構", "國立範例科技大學"],
      ["計畫年度", 115],
      ["計畫期別", 1],
      ["期別年次", 2],
      ["申請補助款", budget.subsidyTotal],
      ["主持人歷年執行年度", "114"],
      ["管理費比率", "15%"],
    ],
  };
  const sheets = [plan, budget.sheet, members.sheet, income];
  const cells = sheets.reduce((sum, sheet) => sum + sheet.values.reduce((n, row) => n + row.length, 0), 0);
  return {
    snapshot: { sheets },
    budgetRows,
    memberRows,
    incomeRows,
    dataRows: budgetRows + memberRows + incomeRows,
    cells,
    violations,
    dateColumns: { [INCOME_SHEET]: [5] },
  };
}
