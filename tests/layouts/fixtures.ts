/** Workbooks for the writer tests, built with ExcelJS (the way a person's file might look). */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { CellValue, WorkbookSnapshot } from "../../src/engine/types";
import { cleanBudget, cleanPlan, workbook as snapshotWorkbook } from "../helpers/workbook";
import type { Row } from "../helpers/workbook";

export async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
}

function plainValue(value: CellValue): ExcelJS.CellValue {
  if (typeof value === "object" && value !== null) return { error: value.error } as unknown as ExcelJS.CellValue;
  return value;
}

/** An .xlsx holding exactly the snapshot's values at their positions. */
export async function xlsxFromSnapshot(snapshot: WorkbookSnapshot): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of snapshot.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    sheet.values.forEach((values, r) => {
      values.forEach((value, c) => {
        if (value !== null) worksheet.getCell(sheet.originRow + r, sheet.originColumn + c).value = plainValue(value);
      });
    });
  }
  return bytesOf(workbook);
}

/** The clean contract workbook of the engine tests, as a file. */
export async function cleanWorkbookFile(parts: Parameters<typeof snapshotWorkbook>[0] = {}): Promise<Uint8Array> {
  return xlsxFromSnapshot(snapshotWorkbook(parts));
}

/**
 * A workbook laid out the way people do: title rows above the headers, columns in another order
 * with unknown columns between them, English spellings, Gregorian years, a total row, members
 * that are excluded or listed twice, a subsidy history.
 */
export async function untidyWorkbookFile(options: { planSubsidy?: boolean } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const plan = workbook.addWorksheet("計畫資訊");
  plan.addRow(["計畫基本資料"]);
  const planValues: Row = { ...cleanPlan, 計畫期別: 1, 期別年次: 3, 主持人歷年執行年度: "113,114" };
  if (options.planSubsidy === false) planValues["申請補助款"] = null;
  for (const [label, value] of Object.entries(planValues)) plan.addRow([label, value]);

  const budget = workbook.addWorksheet("經費表");
  budget.addRow(["115年度經費預算"]);
  budget.addRow([]);
  const budgetHeaders = ["序號", "科目", "項目", "說明", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額", "經費來源"];
  budget.addRow(budgetHeaders);
  const amount = (lines: Row[]) => lines.reduce((sum, line) => sum + Number(line["金額"]), 0);
  const personnel = cleanBudget.filter((line) => line["科目"] === "人事費");
  const others = cleanBudget.filter((line) => line["科目"] !== "人事費");
  personnel.forEach((line, index) => budget.addRow([index + 1, ...budgetHeaders.slice(1).map((header) => line[header] ?? null)]));
  budget.addRow([null, "人事費小計", null, null, null, null, null, null, null, null, amount(personnel)]);
  others.forEach((line, index) => budget.addRow([personnel.length + index + 1, ...budgetHeaders.slice(1).map((header) => line[header] ?? null)]));
  budget.addRow([null, "自籌配合款", "場地", null, null, null, null, null, null, null, 50_000, "自籌"]);
  budget.addRow(["合計", null, null, null, null, null, null, null, null, null, amount(cleanBudget) + 50_000]);

  const members = workbook.addWorksheet("Members");
  members.addRow(["聯盟會員名單"]);
  const memberHeaders = ["Company", "備註", "Tax ID", "Country", "Organization type", "Size", "Annual fee", "Year joined"];
  members.addRow(memberHeaders);
  const memberRows: (string | number | null)[][] = [
    ["甲科技股份有限公司", null, "04595257", null, "公司", "大型企業", 50_000, 114],
    ["乙精密有限公司", "老會員", "22099131", "台灣", null, "中小企業", 30_000, 2025],
    ["丙農場", null, null, null, "農漁民", null, 10_000, 115],
    ["Nippon Devices", null, null, "Japan", "Foreign company", null, 30_000, 115],
    ["某研究院", null, "12345675", null, "研究法人", null, 0, 115],
    ["王小明", null, null, null, "個人", null, null, null],
    ["深圳某公司", null, null, "中國", null, null, 20_000, 115],
    ["甲科技(股)公司", null, "04595257", null, null, null, 50_000, 115],
    ["某大學", null, null, null, "學校", null, 0, 116],
    ["丁企業社", null, "84149961", null, "獨資", null, null, 114],
  ];
  memberRows.slice(0, 5).forEach((row) => members.addRow(row));
  members.addRow(memberHeaders);
  memberRows.slice(5).forEach((row) => members.addRow(row));
  members.addRow(["合計", null, null, null, null, null, 190_000, null]);

  const income = workbook.addWorksheet("營運收入");
  income.addRow(["營運收入明細"]);
  income.addRow([]);
  const incomeHeaders = ["收入類別", "年度", "廠商名稱", "統一編號", "收入金額", "備註"];
  income.addRow(incomeHeaders);
  const incomeRows: (string | number | null)[][] = [
    ["會員費", 114, "甲科技股份有限公司", "04595257", 50_000, null],
    ["Membership fee", 2026, "甲科技股份有限公司", "04595257", 50_000, null],
    ["技術服務", 115, "乙精密有限公司", null, 900_000, null],
    ["Technical services", 115, "乙精密有限公司", null, 100_000, null],
    ["技轉", 115, null, null, 400_000, null],
    ["產學合作", 115, null, null, 300_000, null],
    ["其他", 114, null, null, 20_000, null],
    [null, null, null, null, null, null],
    ["其它", 115, null, null, 5_000, null],
  ];
  for (const row of incomeRows) income.addRow(row);
  income.addRow(["合計", null, null, null, 1_825_000, null]);

  const history = workbook.addWorksheet("歷年補助款");
  history.addRow(["年度", "核定補助款"]);
  history.addRow([2024, 2_300_000]);
  history.addRow([114, 2_400_000]);
  return bytesOf(workbook);
}

/** Edits one cell of a file with ExcelJS (as a person would, without this product). */
export async function editCell(data: Uint8Array, sheet: string, address: string, value: ExcelJS.CellValue): Promise<Uint8Array> {
  const workbook = await loadWorkbook(data);
  workbook.getWorksheet(sheet)!.getCell(address).value = value;
  return bytesOf(workbook);
}

/** Replaces parts of a zip (text parts by name); returns new bytes. */
export function patchZip(data: Uint8Array, patch: (files: Record<string, string | Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(data);
  const files: Record<string, string | Uint8Array> = {};
  for (const [name, bytes] of Object.entries(entries)) files[name] = /\.(xml|rels|vml)$/.test(name) ? strFromU8(bytes) : bytes;
  patch(files);
  const out: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(files)) out[name] = typeof value === "string" ? strToU8(value) : value;
  return zipSync(out);
}

export function partBytes(data: Uint8Array, name: string): Uint8Array | undefined {
  return unzipSync(data, { filter: (file) => file.name === name })[name];
}

export function partText(data: Uint8Array, name: string): string | undefined {
  const bytes = partBytes(data, name);
  return bytes ? strFromU8(bytes) : undefined;
}

export function partNames(data: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(data, {
    filter: (file) => {
      names.push(file.name);
      return false;
    },
  });
  return names;
}

/** The part of the sheet named `sheet`. */
export function sheetPart(data: Uint8Array, sheet: string): string {
  const workbook = partText(data, "xl/workbook.xml")!;
  const rels = partText(data, "xl/_rels/workbook.xml.rels")!;
  const escaped = sheet.replace(/&/g, "&amp;").replace(/'/g, "&apos;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const sheetTag = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`name="${escaped}"`));
  const id = /r:id="([^"]+)"/.exec(sheetTag ?? "")?.[1];
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`Id="${id}"`));
  const target = /Target="([^"]+)"/.exec(rel ?? "")?.[1] ?? "";
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}
