/**
 * Workbooks shaped like the grant workbook contract (docs/workbook-contract.md), at any
 * size, for the gateway's tests.
 */
import type { ExcelWorkbook, ModelValue } from "./workbook";

export const BUDGET_HEADERS = [
  "科目",
  "項目",
  "說明",
  "人員類別",
  "學歷",
  "姓名",
  "單價",
  "數量",
  "月數",
  "金額",
  "經費來源",
];
export const MEMBER_HEADERS = [
  "廠商名稱",
  "統一編號",
  "國別",
  "組織類型",
  "企業規模",
  "實收資本額",
  "員工人數",
  "會員等級",
  "年費",
  "入會年度",
];
export const INCOME_HEADERS = ["年度", "收入類別", "廠商名稱", "統一編號", "金額", "收款日期", "說明"];

const STAFF = ["專任助理", "博士後研究人員", "碩士生兼任助理", "臨時工"];
const SURNAMES = ["王", "李", "張", "劉", "陳", "楊"];

export function budgetRow(i: number): ModelValue[] {
  const pay = 30000 + (i % 17) * 1000;
  return [
    "人事費",
    STAFF[i % STAFF.length]!,
    "計畫執行",
    STAFF[i % STAFF.length]!,
    "碩士",
    `${SURNAMES[i % 6]}小明${i}`,
    pay,
    1,
    12,
    pay * 12,
    "補助款",
  ];
}

export function memberRow(i: number): ModelValue[] {
  return [
    `測試科技股份有限公司${i}`,
    String(10000000 + i * 7),
    "TW",
    "公司",
    "中小企業",
    5_000_000,
    30 + (i % 50),
    "一般",
    50000,
    113,
  ];
}

export interface GrantWorkbookSize {
  budgetRows: number;
  memberRows: number;
  incomeRows?: number;
}

/**
 * Plan, budget (from B3, as if a title sat above), members and income sheets. Budget row 7
 * holds #REF! in 金額; income dates are serial numbers (as Office.js returns dates).
 */
export function buildGrantWorkbook(model: ExcelWorkbook, size: GrantWorkbookSize): void {
  model.addSheet("計畫資訊");
  model.setValues("計畫資訊", "A1", [
    ["計畫名稱", "智慧製造產學技術聯盟"],
    ["計畫主持人", "林教授"],
    ["執行機構", "國立某某大學"],
    ["計畫年度", 115],
    ["計畫期別", 1],
    ["期別年次", 2],
    ["申請補助款", 2950000],
  ]);
  model.addSheet("經費表");
  model.setValues("經費表", "B3", [BUDGET_HEADERS, ...Array.from({ length: size.budgetRows }, (_, i) => budgetRow(i))]);
  if (size.budgetRows >= 3) model.setValues("經費表", "K7", [[{ error: "#REF!" }]]);
  model.addSheet("會員名單");
  model.setValues("會員名單", "A1", [
    MEMBER_HEADERS,
    ...Array.from({ length: size.memberRows }, (_, i) => memberRow(i)),
  ]);
  const incomeRows = size.incomeRows ?? 50;
  model.addSheet("營運收入");
  model.setValues("營運收入", "A1", [
    INCOME_HEADERS,
    ...Array.from({ length: incomeRows }, (_, i): ModelValue[] => [
      115,
      "會員費",
      `測試科技股份有限公司${i}`,
      String(10000000 + i * 7),
      50000,
      46023 + i,
      "",
    ]),
  ]);
}
