/**
 * A round of submissions as a program office receives it, for the review and compare tests: a
 * folder of workbooks written by ExcelJS and (where LibreOffice is installed) by LibreOffice, in
 * Chinese and English sheet names, with subfolders, broken files, a lock file and a note. One
 * alliance (計畫編號 NSTC 114-2622-E-006-001) submitted for FY114 and FY115: between them members
 * joined (by tax ID and by name) and left, and the FY115 history disagrees with what FY114 reported.
 */
import ExcelJS from "exceljs";
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "fs";
import * as path from "path";
import type { CellValue, WorkbookSnapshot } from "../../src/engine/types";
import { convertWithLibreOffice } from "../helpers/libreoffice";
import { cleanBudget, cleanMembers, cleanPlan, workbook, type Row, type WorkbookParts } from "../helpers/workbook";

const ENGLISH: Record<string, string> = { 計畫資訊: "Plan", 經費表: "Budget", 會員名單: "Members", 營運收入: "Income", 歷年補助款: "Subsidy history" };

/** Writes a snapshot as .xlsx with ExcelJS (sheet names optionally in English). */
export async function writeSnapshot(snapshot: WorkbookSnapshot, file: string, options: { english?: boolean } = {}): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const sheet of snapshot.sheets) {
    const worksheet = book.addWorksheet(options.english ? (ENGLISH[sheet.name] ?? sheet.name) : sheet.name);
    sheet.values.forEach((values, r) =>
      values.forEach((value: CellValue, c) => {
        if (value !== null) worksheet.getCell(sheet.originRow + r, sheet.originColumn + c).value = value as ExcelJS.CellValue;
      }),
    );
  }
  mkdirSync(path.dirname(file), { recursive: true });
  await book.xlsx.writeFile(file);
}

export const PROJECT_NUMBER = "NSTC 114-2622-E-006-001";
export const ALLIANCE_A = "智慧製造產學技術聯盟";

export const A_114: WorkbookParts = {
  plan: { ...cleanPlan, 計畫編號: PROJECT_NUMBER, 計畫年度: 114, 計畫期別: 1, 期別年次: 1, 主持人歷年執行年度: "" } as Row,
  members: [
    { 廠商名稱: "甲科技股份有限公司", 統一編號: "04595257", 企業規模: "大型企業", 年費: 50_000, 入會年度: 114 },
    { 廠商名稱: "乙精密有限公司", 統一編號: "22099131", 企業規模: "中小企業", 年費: 30_000, 入會年度: 114 },
    { 廠商名稱: "丙農場", 組織類型: "農漁民", 年費: 10_000, 入會年度: 114 },
  ],
  income: [
    { 年度: 114, 收入類別: "會員費", 金額: 90_000 },
    { 年度: 114, 收入類別: "技術服務", 金額: 500_000 },
  ],
};

export const A_115: WorkbookParts = {
  // The same number, typed as NSTC writes it (a trailing dash) and with stray spaces.
  plan: { ...cleanPlan, 計畫編號: ` ${PROJECT_NUMBER}- `, 計畫年度: 115, 計畫期別: 1, 期別年次: 2, 主持人歷年執行年度: "114" } as Row,
  members: [
    { 廠商名稱: "乙精密股份有限公司", 統一編號: "22099131", 企業規模: "中小企業", 年費: 30_000, 入會年度: 114 }, // renamed: still by tax ID
    { 廠商名稱: "丙農場", 組織類型: "農漁民", 年費: 10_000, 入會年度: 114 }, // by name
    { 廠商名稱: "丁電子有限公司", 統一編號: "84149961", 年費: 20_000, 入會年度: 115 },
    cleanMembers[3]!, // Nippon Devices
  ],
  income: [
    { 年度: 114, 收入類別: "會員費", 金額: 90_000 },
    { 年度: 114, 收入類別: "技術服務", 金額: 450_000 }, // FY114 reported 500,000
    { 年度: 115, 收入類別: "會員費", 金額: 90_000 },
    { 年度: 115, 收入類別: "技術服務", 金額: 900_000 },
    { 年度: 115, 收入類別: "產學合作", 金額: 300_000 },
  ],
  subsidyHistory: [
    { 年度: 114, 核定補助款: 1_800_000 }, // FY114 asked for 2,000,000
    { 年度: 115, 核定補助款: 2_000_000 },
  ],
};

/** Another alliance, with errors: pay below the floor and a research instrument. */
export const B_115: WorkbookParts = {
  plan: { ...cleanPlan, 計畫名稱: "綠能材料產學技術聯盟", 執行機構: "國立南部大學", 計畫主持人: "李小華" } as Row,
  budget: [
    ...cleanBudget.slice(0, 2),
    { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: "張三", 單價: 12_000, 數量: 1, 月數: 12, 金額: 144_000 },
    { 科目: "業務費", 項目: "光譜儀", 金額: 48_000 },
    ...cleanBudget.slice(3),
  ],
};

/** A third alliance, clean, in a subfolder. */
export const C_115: WorkbookParts = { plan: { ...cleanPlan, 計畫名稱: "智慧醫療產學技術聯盟", 執行機構: "國立北部大學", 計畫主持人: "陳大文" } as Row };

export interface Round {
  root: string;
  /** The workbooks that can be read, relative to the folder the round is reviewed from. */
  readable: string[];
  broken: string[];
  /** Files that are not workbooks (skipped). */
  others: string[];
  /** Which readable files LibreOffice wrote (none without LibreOffice). */
  writtenByLibreOffice: string[];
}

/**
 * Writes the round under `parent`/round. With `libreOffice`, FY115 of alliance A is saved by
 * LibreOffice (English sheet names) and alliance C goes through .ods and back.
 */
export async function writeRound(parent: string, options: { libreOffice?: boolean } = {}): Promise<Round> {
  const root = path.join(parent, "round");
  rmSync(root, { recursive: true, force: true });
  const at = (...parts: string[]) => path.join(root, ...parts);
  const written: string[] = [];
  await writeSnapshot(workbook(A_114), at("alliance-a", "A-114.xlsx"));
  await writeSnapshot(workbook(A_115), at("alliance-a", "A-115.xlsx"), { english: true });
  await writeSnapshot(workbook(B_115), at("B-115.xlsx"));
  await writeSnapshot(workbook(C_115), at("more", "C-115.xlsx"));
  if (options.libreOffice) {
    const work = path.join(parent, "lo-work");
    const saved = convertWithLibreOffice(at("alliance-a", "A-115.xlsx"), path.join(work, "xlsx"), "xlsx");
    renameSync(saved, at("alliance-a", "A-115.xlsx"));
    const ods = convertWithLibreOffice(at("more", "C-115.xlsx"), path.join(work, "ods"), "ods");
    const back = convertWithLibreOffice(ods, path.join(work, "back"), "xlsx");
    renameSync(back, at("more", "C-115.xlsx"));
    rmSync(work, { recursive: true, force: true });
    written.push("round/alliance-a/A-115.xlsx", "round/more/C-115.xlsx");
  }
  mkdirSync(at("broken"), { recursive: true });
  writeFileSync(at("broken", "not-a-zip.xlsx"), "計畫名稱,智慧製造\n這不是活頁簿\n");
  const whole = readFileSync(at("B-115.xlsx"));
  writeFileSync(at("broken", "truncated.xlsx"), whole.subarray(0, Math.floor(whole.length / 2)));
  writeFileSync(at("notes.txt"), "收件紀錄\n");
  // Excel's lock file beside an open workbook: owner name, not a workbook.
  writeFileSync(at("~$B-115.xlsx"), Buffer.from("\u0007reviewer", "latin1"));
  copyFileSync(at("B-115.xlsx"), at("B-115.bak"));
  return {
    root,
    readable: ["round/alliance-a/A-114.xlsx", "round/alliance-a/A-115.xlsx", "round/B-115.xlsx", "round/more/C-115.xlsx"],
    broken: ["round/broken/not-a-zip.xlsx", "round/broken/truncated.xlsx"],
    others: ["round/B-115.bak", "round/notes.txt", "round/~$B-115.xlsx"],
    writtenByLibreOffice: written,
  };
}
