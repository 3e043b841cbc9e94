/**
 * Small factories for engine tests: a contract workbook as plain data, with defaults that pass
 * every rule, so each test states only what it changes.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";

export type Row = Record<string, CellValue>;

export const BUDGET_HEADERS = ["科目", "項目", "說明", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額", "經費來源"];
export const MEMBER_HEADERS = ["廠商名稱", "統一編號", "國別", "組織類型", "企業規模", "實收資本額", "員工人數", "會員等級", "年費", "入會年度"];
export const INCOME_HEADERS = ["年度", "收入類別", "廠商名稱", "統一編號", "金額", "收款日期", "說明"];

/** Valid Taiwan tax IDs (checksum-correct) for fixtures. */
export const TAX_IDS = ["04595257", "22099131", "12345675", "84149961", "53212539", "27934855", "10458575", "97162640", "23285582", "10007919"];

export function sheet(name: string, values: CellValue[][], originRow = 1, originColumn = 1): SheetSnapshot {
  return { name, originRow, originColumn, values };
}

export function table(name: string, headers: string[], rows: Row[], originRow = 1): SheetSnapshot {
  return sheet(name, [headers, ...rows.map((row) => headers.map((header) => row[header] ?? null))], originRow);
}

export const cleanPlan: Row = {
  計畫名稱: "智慧製造產學技術聯盟",
  計畫主持人: "王大明",
  執行機構: "國立範例大學",
  計畫年度: 115,
  計畫期別: 1,
  期別年次: 2,
  申請補助款: 2_000_000,
  主持人歷年執行年度: "114",
};

export const cleanBudget: Row[] = [
  { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 姓名: "陳一", 單價: 50_000, 數量: 1, 月數: 12, 金額: 600_000 },
  { 科目: "人事費", 項目: "專任行銷經理", 人員類別: "專任行銷經理", 學歷: "學士", 姓名: "林二", 單價: 40_000, 數量: 1, 月數: 12, 金額: 480_000 },
  { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: "張三", 單價: 16_000, 數量: 1, 月數: 12, 金額: 192_000 },
  { 科目: "業務費", 項目: "技術推廣說明會", 說明: "專利技術推廣說明會場地", 單價: 50_000, 數量: 4, 金額: 200_000 },
  { 科目: "業務費", 項目: "耗材", 金額: 206_000 },
  { 科目: "研究設備費", 項目: "網站伺服器", 說明: "聯盟網站主機", 單價: 80_000, 數量: 1, 金額: 80_000 },
  { 科目: "管理費", 項目: "管理費", 金額: 242_000 },
];

export const cleanMembers: Row[] = [
  { 廠商名稱: "甲科技股份有限公司", 統一編號: "04595257", 組織類型: "公司", 企業規模: "大型企業", 年費: 50_000, 入會年度: 114 },
  { 廠商名稱: "乙精密有限公司", 統一編號: "22099131", 企業規模: "中小企業", 年費: 30_000, 入會年度: 114 },
  { 廠商名稱: "丙農場", 組織類型: "農漁民", 年費: 10_000, 入會年度: 115 },
  { 廠商名稱: "Nippon Devices", 國別: "日本", 組織類型: "外國公司", 年費: 30_000, 入會年度: 115 },
];

export const cleanIncome: Row[] = [
  { 年度: 114, 收入類別: "會員費", 廠商名稱: "甲科技股份有限公司", 金額: 50_000 },
  { 年度: 115, 收入類別: "會員費", 廠商名稱: "甲科技股份有限公司", 統一編號: "04595257", 金額: 50_000 },
  { 年度: 115, 收入類別: "技術服務", 廠商名稱: "乙精密有限公司", 金額: 900_000 },
  { 年度: 115, 收入類別: "產學合作", 金額: 300_000 },
];

export interface WorkbookParts {
  plan?: Row | null;
  budget?: Row[] | null;
  members?: Row[] | null;
  income?: Row[] | null;
  subsidyHistory?: { 年度: CellValue; 核定補助款: CellValue }[];
}

export function planSheet(plan: Row): SheetSnapshot {
  return sheet("計畫資訊", Object.entries(plan).map(([label, value]) => [label, value]));
}

/** A contract workbook: clean by default; pass null to leave a sheet out. */
export function workbook(parts: WorkbookParts = {}): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  const plan = parts.plan === undefined ? cleanPlan : parts.plan;
  if (plan) sheets.push(planSheet(plan));
  const budget = parts.budget === undefined ? cleanBudget : parts.budget;
  if (budget) sheets.push(table("經費表", BUDGET_HEADERS, budget));
  const members = parts.members === undefined ? cleanMembers : parts.members;
  if (members) sheets.push(table("會員名單", MEMBER_HEADERS, members));
  const income = parts.income === undefined ? cleanIncome : parts.income;
  if (income) sheets.push(table("營運收入", INCOME_HEADERS, income));
  if (parts.subsidyHistory) sheets.push(table("歷年補助款", ["年度", "核定補助款"], parts.subsidyHistory as Row[]));
  return { sheets };
}

import { validateWorkbook, type ValidateOptions } from "../../src/engine/validate";
import type { Finding, ValidationResult } from "../../src/engine/types";

export function check(parts: WorkbookParts = {}, options: ValidateOptions = {}): ValidationResult {
  return validateWorkbook(workbook(parts), options);
}

/** Findings of one rule, flattened to "sheet!cell" (Frictionless-style flat assertions). */
export function hits(result: ValidationResult, ruleId: string): string[] {
  return result.findings.filter((f: Finding) => f.ruleId === ruleId).map((f: Finding) => `${f.sheet}!${f.cell}`);
}

export function ruleIds(result: ValidationResult): string[] {
  return [...new Set(result.findings.map((f: Finding) => f.ruleId))].sort();
}

/** The clean budget with one line replaced or added (row 2 is the first data row). */
export function budgetWith(line: Row, replaceIndex?: number): Row[] {
  const rows = [...cleanBudget];
  if (replaceIndex === undefined) rows.splice(rows.length - 1, 0, line);
  else rows[replaceIndex] = line;
  return rows;
}
