#!/usr/bin/env node
/**
 * Writes the sample workbooks in samples/ (used by the README's quick start and the browser
 * preview): a clean one and one with the typical mistakes, in Chinese, and an English one.
 * Run: node scripts/make-samples.js [OUT_DIR]
 */
"use strict";
const path = require("path");
const fs = require("fs");
const ExcelJS = require("exceljs");

const BUDGET_ZH = ["科目", "項目", "說明", "人員類別", "學歷", "姓名", "單價", "數量", "月數", "金額(元)", "經費來源"];
const MEMBERS_ZH = ["廠商名稱", "統一編號", "國別", "組織類型", "企業規模", "實收資本額", "員工人數", "會員等級", "年費", "入會年度"];
const INCOME_ZH = ["年度", "收入類別", "廠商名稱", "統一編號", "金額", "收款日期", "說明"];

function addPlan(workbook, name, rows) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 22 }, { width: 36 }];
  for (const [label, value] of rows) sheet.addRow([label, value]);
  sheet.getColumn(1).font = { bold: true };
  return sheet;
}

/** A table sheet with an optional title row above the header, money columns formatted. */
function addTable(workbook, name, headers, rows, { title, moneyColumns = [], textColumns = [] } = {}) {
  const sheet = workbook.addWorksheet(name);
  if (title) {
    sheet.addRow([title]).font = { bold: true, size: 14 };
    sheet.addRow([]);
  }
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } };
  for (const row of rows) sheet.addRow(headers.map((h) => (row[h] === undefined ? null : row[h])));
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  headers.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, h.length * 2 + 4);
    if (moneyColumns.includes(h)) column.numFmt = "#,##0";
    if (textColumns.includes(h)) column.numFmt = "@";
  });
  return sheet;
}

function cleanWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "alliance-check samples";
  addPlan(wb, "計畫資訊", [
    ["計畫名稱", "智慧製造產學技術聯盟"],
    ["計畫主持人", "王大明"],
    ["執行機構", "國立範例科技大學"],
    ["計畫年度", "115年度"],
    ["計畫期別", "第一期"],
    ["期別年次", 2],
    ["申請補助款", 2500000],
    ["主持人歷年執行年度", "114"],
    ["管理費比率", "15%"],
  ]);
  addTable(
    wb,
    "經費表",
    BUDGET_ZH,
    [
      { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 姓名: "陳怡君", 單價: 52000, 數量: 1, 月數: 12, "金額(元)": 624000 },
      { 科目: "人事費", 項目: "專任行銷經理", 人員類別: "專任行銷經理", 學歷: "學士", 姓名: "林志豪", 單價: 42000, 數量: 1, 月數: 12, "金額(元)": 504000 },
      { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 學歷: "碩士", 姓名: "張雅婷", 單價: 16000, 數量: 1, 月數: 12, "金額(元)": 192000 },
      { 科目: "人事費", 項目: "碩士生兼任助理", 人員類別: "碩士生兼任助理", 學歷: "學士", 姓名: "黃冠宇", 單價: 8000, 數量: 2, 月數: 10, "金額(元)": 160000 },
      { 科目: "業務費", 項目: "技術推廣說明會", 說明: "專利技術推廣說明會場地及印刷", 單價: 40000, 數量: 4, "金額(元)": 160000 },
      { 科目: "業務費", 項目: "會員技術服務耗材", 說明: "檢測服務用耗材", "金額(元)": 300000 },
      { 科目: "業務費", 項目: "國內差旅費", 說明: "拜訪會員廠商", "金額(元)": 60000 },
      { 科目: "業務費", 項目: "聯盟網站維運", "金額(元)": 96000 },
      { 科目: "研究設備費", 項目: "聯盟網站伺服器", 說明: "網站及會員服務平台主機", 單價: 120000, 數量: 1, "金額(元)": 120000 },
      { 科目: "自籌", 項目: "", 說明: "" }, // removed below: placeholder to keep the shape obvious
    ].filter((row) => row["科目"] !== "自籌")
      .concat([
        { 科目: "業務費", 項目: "會員聯誼活動", 說明: "由會員費支應", "金額(元)": 80000, 經費來源: "自籌" },
        { 科目: "管理費", 項目: "管理費", "金額(元)": 284000 },
        { 科目: "合計", "金額(元)": 2580000 },
      ]),
    { title: "經費預算表（單位：新臺幣元）", moneyColumns: ["單價", "金額(元)"] },
  );
  addTable(
    wb,
    "會員名單",
    MEMBERS_ZH,
    [
      { 廠商名稱: "台灣精密機械股份有限公司", 統一編號: "04595257", 國別: "台灣", 組織類型: "公司", 企業規模: "大型企業", 會員等級: "白金", 年費: 50000, 入會年度: 114 },
      { 廠商名稱: "宏達自動化有限公司", 統一編號: "22099131", 國別: "台灣", 組織類型: "公司", 企業規模: "中小企業", 會員等級: "金", 年費: 30000, 入會年度: 114 },
      { 廠商名稱: "永盛工業社", 統一編號: "12345675", 國別: "台灣", 組織類型: "獨資", 企業規模: "中小企業", 會員等級: "銀", 年費: 10000, 入會年度: 115 },
      { 廠商名稱: "綠田農場", 國別: "台灣", 組織類型: "農漁民", 會員等級: "銀", 年費: 10000, 入會年度: 115 },
      { 廠商名稱: "Tokyo Robotics K.K.", 國別: "日本", 組織類型: "外國公司", 會員等級: "金", 年費: 30000, 入會年度: 115 },
      { 廠商名稱: "新竹光電股份有限公司", 統一編號: "84149961", 國別: "台灣", 組織類型: "公司", 實收資本額: 80000000, 員工人數: 120, 會員等級: "金", 年費: 30000, 入會年度: 115 },
    ],
    { moneyColumns: ["年費", "實收資本額"], textColumns: ["統一編號"] },
  );
  addTable(
    wb,
    "營運收入",
    INCOME_ZH,
    [
      { 年度: 114, 收入類別: "會員費", 廠商名稱: "台灣精密機械股份有限公司", 統一編號: "04595257", 金額: 50000 },
      { 年度: 114, 收入類別: "技術服務", 廠商名稱: "宏達自動化有限公司", 金額: 600000 },
      { 年度: 115, 收入類別: "會員費", 廠商名稱: "台灣精密機械股份有限公司", 統一編號: "04595257", 金額: 50000 },
      { 年度: 115, 收入類別: "會員費", 廠商名稱: "宏達自動化有限公司", 統一編號: "22099131", 金額: 30000 },
      { 年度: 115, 收入類別: "會員費", 廠商名稱: "永盛工業社", 金額: 10000 },
      { 年度: 115, 收入類別: "技術服務", 廠商名稱: "新竹光電股份有限公司", 金額: 900000 },
      { 年度: 115, 收入類別: "技術移轉", 廠商名稱: "台灣精密機械股份有限公司", 金額: 400000 },
      { 年度: 115, 收入類別: "產學合作", 廠商名稱: "宏達自動化有限公司", 金額: 500000 },
    ],
    { moneyColumns: ["金額"], textColumns: ["統一編號"] },
  );
  const history = addTable(wb, "歷年補助款", ["年度", "核定補助款"], [{ 年度: 114, 核定補助款: 2400000 }], { moneyColumns: ["核定補助款"] });
  history.getColumn(2).width = 16;
  return wb;
}

function mistakesWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "alliance-check samples";
  addPlan(wb, "計畫資訊", [
    ["計畫名稱", "綠能材料產學技術聯盟"],
    ["計畫主持人", "李小華"],
    ["執行機構", "國立範例大學"],
    ["計畫年度", 115],
    ["計畫期別", 1],
    ["期別年次", 2], // PLAN-ELIGIBILITY: three past years mean phase 2 year 1
    ["申請補助款", 3000000], // PLAN-SUBSIDY-MISMATCH against the budget
    ["主持人歷年執行年度", "112-114"],
  ]);
  addTable(
    wb,
    "經費表",
    BUDGET_ZH,
    [
      { 科目: "人事費", 項目: "專任技術經理", 人員類別: "專任技術經理", 學歷: "碩士", 姓名: "吳承恩", 單價: 45000, 數量: 1, 月數: 12, "金額(元)": 540000 },
      { 科目: "人事費", 項目: "專任助理", 人員類別: "專任助理", 學歷: "學士", 姓名: "周佳穎", 單價: 34000, 數量: 1, 月數: 12, "金額(元)": 408000 }, // BUD-FULLTIME-PAY
      { 科目: "人事費", 項目: "博士生兼任助理", 人員類別: "博士生兼任助理", 姓名: "鄭宇翔", 單價: 12000, 數量: 1, 月數: 12, "金額(元)": 144000 }, // BUD-PHD-PAY
      { 科目: "人事費", 項目: "碩士生兼任助理", 人員類別: "碩士生兼任助理", 姓名: "鄭宇翔", 單價: 8000, 數量: 1, 月數: 12, "金額(元)": 96000 }, // BUD-DUPLICATE-PERSON
      { 科目: "人事費", 項目: "臨時工", 人員類別: "臨時工", 單價: 190, 數量: 200, "金額(元)": 38000 }, // BUD-TEMP-WAGE
      { 科目: "研究主持費", 項目: "研究主持費", "金額(元)": 120000 }, // BUD-PI-STIPEND
      { 科目: "業務費", 項目: "專利申請費", 說明: "發明專利兩件", "金額(元)": 150000 }, // BUD-RESEARCH-ITEM
      { 科目: "業務費", 項目: "專利技術推廣說明會", 單價: 500, 數量: 100, "金額(元)": 55000 }, // BUD-AMOUNT-MISMATCH (not a patent fee)
      { 科目: "業務費", 項目: "耗材", "金額(元)": "12萬" }, // BUD-NOT-NUMBER
      { 科目: "國外差旅費", 項目: "赴德國參展", "金額(元)": 180000 }, // BUD-FOREIGN-TRAVEL
      { 科目: "研究設備費", 項目: "光譜儀", 單價: 650000, 數量: 1, "金額(元)": 650000 }, // BUD-RESEARCH-ITEM
      { 科目: "研究設備費", 項目: "恆溫恆濕箱", 單價: 85000, 數量: 1, "金額(元)": 85000 }, // BUD-EQUIPMENT-PURPOSE
      { 科目: "研究設備費", 項目: "網路交換器", 單價: 8000, 數量: 2, "金額(元)": 16000 }, // BUD-EQUIPMENT-UNIT
      { 科目: "雜支", 項目: "茶點", "金額(元)": 20000 }, // BUD-CATEGORY-UNKNOWN
      { 科目: "管理費", 項目: "管理費", "金額(元)": 400000 }, // BUD-OVERHEAD
      { 科目: "合計", "金額(元)": 2900000 }, // BUD-TOTAL-MISMATCH
    ],
    { title: "經費預算表", moneyColumns: ["單價", "金額(元)"] },
  );
  addTable(
    wb,
    "會員名單",
    MEMBERS_ZH,
    [
      { 廠商名稱: "昇陽材料股份有限公司", 統一編號: "04595257", 組織類型: "公司", 企業規模: "中小企業", 年費: 30000, 入會年度: 113 },
      { 廠商名稱: "昇陽材料(股)公司", 統一編號: "04595257", 組織類型: "公司", 年費: 30000, 入會年度: 114 }, // MEM-DUPLICATE
      { 廠商名稱: "工業技術研究院", 統一編號: "02750963", 組織類型: "研究法人", 年費: 0, 入會年度: 114 }, // MEM-EXCLUDED-INSTITUTE
      { 廠商名稱: "王小明", 組織類型: "個人", 年費: 0, 入會年度: 115 }, // MEM-EXCLUDED-INDIVIDUAL
      { 廠商名稱: "深圳新能源有限公司", 國別: "中國大陸", 組織類型: "外國公司", 年費: 30000, 入會年度: 115 }, // MEM-EXCLUDED-PRC
      { 廠商名稱: "立德化工有限公司", 統一編號: "12345678", 組織類型: "公司", 年費: 0, 入會年度: 114 }, // MEM-TAXID-INVALID
      { 廠商名稱: "永興商行", 組織類型: "獨資", 年費: 0, 入會年度: 115 }, // MEM-TAXID-MISSING
      { 廠商名稱: "海洋漁業合作社", 組織類型: "農漁民", 年費: 0, 入會年度: 115 },
    ],
    { moneyColumns: ["年費"], textColumns: ["統一編號"] },
  );
  addTable(
    wb,
    "營運收入",
    INCOME_ZH,
    [
      { 年度: 114, 收入類別: "會員費", 廠商名稱: "昇陽材料股份有限公司", 金額: 30000 },
      { 年度: 114, 收入類別: "技術服務", 廠商名稱: "昇陽材料股份有限公司", 金額: 800000 },
      { 年度: 115, 收入類別: "會員費", 廠商名稱: "昇陽材料股份有限公司", 統一編號: "04595257", 金額: 30000 },
      { 年度: 115, 收入類別: "會員費", 廠商名稱: "大同電子股份有限公司", 金額: 30000 }, // INC-FEE-NONMEMBER
      { 年度: 115, 收入類別: "技術服務", 廠商名稱: "立德化工有限公司", 金額: 450000 },
      { 年度: 115, 收入類別: "政府補助", 金額: 500000 }, // INC-TYPE-UNKNOWN
    ],
    { moneyColumns: ["金額"], textColumns: ["統一編號"] },
  );
  return wb;
}

function englishWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "alliance-check samples";
  addPlan(wb, "Plan", [
    ["Project title", "Smart Healthcare Industry-Academia Alliance"],
    ["PI", "Dr. Mei-Ling Chen"],
    ["Institution", "Example University of Technology"],
    ["Fiscal year", 2026],
    ["Phase", 2],
    ["Year in phase", 1],
    ["Subsidy requested", 2100000],
    ["PI past alliance years", "112, 113, 114"],
  ]);
  addTable(
    wb,
    "Budget",
    ["Category", "Item", "Description", "Staff type", "Degree", "Name", "Unit cost (NT$)", "Quantity", "Months", "Amount (NT$)", "Funding source"],
    [
      { Category: "Personnel", Item: "Technical manager", "Staff type": "Technical manager", Degree: "Master", Name: "Chang Wei", "Unit cost (NT$)": 50000, Quantity: 1, Months: 12, "Amount (NT$)": 600000 },
      { Category: "Personnel", Item: "Marketing manager", "Staff type": "Marketing manager", Degree: "Bachelor", Name: "Lin Yu", "Unit cost (NT$)": 40000, Quantity: 1, Months: 12, "Amount (NT$)": 480000 },
      { Category: "Personnel", Item: "PhD assistant", "Staff type": "PhD part-time", Name: "Wu Hao", "Unit cost (NT$)": 15000, Quantity: 1, Months: 12, "Amount (NT$)": 180000 }, // BUD-PHD-PAY
      { Category: "Operating", Item: "Patent filing fees", Description: "two invention patents", "Amount (NT$)": 120000 }, // BUD-RESEARCH-ITEM
      { Category: "Operating", Item: "Patent promotion seminar", Description: "venue and printing", "Amount (NT$)": 100000 },
      { Category: "Operating", Item: "Service consumables", "Amount (NT$)": 350000 },
      { Category: "Equipment", Item: "Web server", Description: "alliance website", "Unit cost (NT$)": 90000, Quantity: 1, "Amount (NT$)": 90000 },
      { Category: "Overhead", Item: "Overhead", "Amount (NT$)": 180000 },
      { Category: "Total", "Amount (NT$)": 2100000 },
    ],
    { moneyColumns: ["Unit cost (NT$)", "Amount (NT$)"] },
  );
  addTable(
    wb,
    "Members",
    ["Company", "Tax ID", "Country", "Organization type", "Size", "Paid-in capital", "Employees", "Tier", "Annual fee", "Year joined"],
    [
      { Company: "Formosa Medical Devices Co., Ltd.", "Tax ID": "04595257", Country: "Taiwan", "Organization type": "Company", Size: "SME", Tier: "Gold", "Annual fee": 30000, "Year joined": 113 },
      { Company: "Harbor Health Inc.", Country: "USA", "Organization type": "Foreign company", Size: "Large", Tier: "Platinum", "Annual fee": 50000, "Year joined": 114 },
      { Company: "Shanghai Bio Co.", Country: "China", "Organization type": "Foreign company", Tier: "Gold", "Annual fee": 30000, "Year joined": 115 }, // MEM-EXCLUDED-PRC
      { Company: "Kowloon Care Ltd.", Country: "HK", "Organization type": "Foreign company", Tier: "Silver", "Annual fee": 10000, "Year joined": 115 }, // MEM-REVIEW-HKMO
      { Company: "Taipei Rehab Clinic", "Tax ID": "22099131", Country: "Taiwan", "Organization type": "Company", Size: "SME", Tier: "Silver", "Annual fee": 10000, "Year joined": 115 },
    ],
    { moneyColumns: ["Annual fee"], textColumns: ["Tax ID"] },
  );
  addTable(
    wb,
    "Income",
    ["Year", "Income type", "Company", "Tax ID", "Amount (NT$)", "Date received", "Note"],
    [
      { Year: 114, "Income type": "Membership fee", Company: "Formosa Medical Devices Co., Ltd.", "Amount (NT$)": 30000 },
      { Year: 114, "Income type": "Technical service", Company: "Harbor Health Inc.", "Amount (NT$)": 1500000 },
      { Year: 115, "Income type": "Membership fee", Company: "Formosa Medical Devices Co., Ltd.", "Amount (NT$)": 30000 },
      { Year: 115, "Income type": "Membership fee", Company: "Harbor Health Inc.", "Amount (NT$)": 50000 },
      { Year: 115, "Income type": "Technical service", Company: "Harbor Health Inc.", "Amount (NT$)": 1400000, "Date received": new Date(Date.UTC(2026, 5, 30)) },
      { Year: 115, "Income type": "Technology transfer", Company: "Taipei Rehab Clinic", "Amount (NT$)": 400000 },
    ],
    { moneyColumns: ["Amount (NT$)"], textColumns: ["Tax ID"] },
  );
  return wb;
}

async function main() {
  const out = path.resolve(process.argv[2] || path.join(__dirname, "..", "samples"));
  fs.mkdirSync(out, { recursive: true });
  const samples = { "sample-clean.xlsx": cleanWorkbook(), "sample-mistakes.xlsx": mistakesWorkbook(), "sample-english.xlsx": englishWorkbook() };
  for (const [name, workbook] of Object.entries(samples)) {
    await workbook.xlsx.writeFile(path.join(out, name));
    process.stdout.write(`wrote ${path.join(out, name)}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`make-samples: ${error.message}\n`);
  process.exit(1);
});
