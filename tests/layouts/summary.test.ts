import { validateWorkbook } from "../../src/engine";
import type { ValidationResult, WorkbookSnapshot } from "../../src/engine/types";
import { describeInputSheets, describeSummaryInputs } from "../../src/layouts/inputs";
import type { LayoutCell, SheetLayout } from "../../src/layouts/layout";
import { summaryLayouts } from "../../src/layouts/summary";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { workbook } from "../helpers/workbook";
import { untidyWorkbookFile } from "./fixtures";

function cellAt(layout: SheetLayout, row: number, column: number): LayoutCell | undefined {
  return layout.cells.find((cell) => cell.row === row && cell.column === column);
}

function rowOf(layout: SheetLayout, column: number, value: unknown, after = 0): number {
  const cell = layout.cells.find(
    (candidate) => candidate.row > after && candidate.column === column && candidate.content.kind === "value" && candidate.content.value === value,
  );
  if (!cell) throw new Error(`no ${String(value)} in column ${column}`);
  return cell.row;
}

function columnOf(layout: SheetLayout, row: number, header: string): number {
  const cell = layout.cells.find((candidate) => candidate.row === row && candidate.content.kind === "value" && candidate.content.value === header);
  if (!cell) throw new Error(`no header ${header}`);
  return cell.column;
}

function formulaText(cell: LayoutCell | undefined): string {
  if (cell?.content.kind !== "formula") throw new Error("not a formula cell");
  return cell.content.formula.text;
}

describe("summary layouts", () => {
  let snapshot: WorkbookSnapshot;
  let result: ValidationResult;
  let summary: SheetLayout;
  let calc: SheetLayout;
  const date = new Date(2026, 10, 27);

  beforeAll(async () => {
    snapshot = await readWorkbookSnapshot(await untidyWorkbookFile());
    result = validateWorkbook(snapshot);
    [summary, calc] = summaryLayouts(result, "zh-TW", describeSummaryInputs(snapshot, result), { generatedOn: date }) as [SheetLayout, SheetLayout];
  });

  it("finds the input sheets' headers where they are", () => {
    const inputs = describeInputSheets(snapshot);
    expect(inputs.income).toMatchObject({ sheet: "營運收入", headerRow: 3, firstColumn: "A", columns: { type: "A", year: "B", amount: "E" } });
    expect(inputs.members).toMatchObject({ sheet: "Members", headerRow: 2, columns: { company: "A", taxId: "C", fee: "G", yearJoined: "H" } });
    expect(inputs.budget).toMatchObject({ headerRow: 3, firstColumn: "A", columns: { category: "B", amount: "K", fundingSource: "L" } });
    expect(inputs.plan?.cells.subsidyRequested).toBe("B8");
  });

  it("titles the sheet with the plan, its year and phase, and the date", () => {
    expect(summary.name).toBe("營運摘要");
    expect(cellAt(summary, 1, 1)?.content).toEqual({ kind: "value", value: "營運摘要：智慧製造產學技術聯盟" });
    const subtitle = (cellAt(summary, 2, 1)?.content as { value: string }).value;
    expect(subtitle).toContain("115年度");
    expect(subtitle).toContain("第1期第3年");
    // The date in ROC form, the rules by their year: never an ISO date or the pack's id in a zh-TW sheet.
    expect(subtitle).toContain("115年11月27日");
    expect(subtitle).toContain("115年度規則");
    expect(subtitle).not.toContain("nstc-alliance");
  });

  it("sums income per type over every spelling and both year forms, on the real columns", () => {
    const header = rowOf(summary, 1, "年度");
    const row = rowOf(summary, 1, 115, header);
    const fee = formulaText(cellAt(summary, row, columnOf(summary, header, "會員費")));
    expect(fee).toContain(`SUMIFS('營運收入'!$E$4:$E$1048576,'營運收入'!$A$4:$A$1048576,"會員費",'營運收入'!$B$4:$B$1048576,115)`);
    for (const spelling of ["Membership fee", "Membership fees", "會費"]) expect(fee).toContain(`"${spelling}"`);
    expect(fee).toContain(",2026)");
    expect(formulaText(cellAt(summary, row, columnOf(summary, header, "營運收入合計")))).toMatch(/^SUM\(C\d+:G\d+\)$/);
  });

  it("takes the subsidy from the history first, else the plan, else the budget's subsidy lines", () => {
    const header = rowOf(summary, 1, "年度");
    const column = columnOf(summary, header, "補助款");
    const planYear = formulaText(cellAt(summary, rowOf(summary, 1, 115, header), column));
    expect(planYear).toContain("MATCH(115,'歷年補助款'!$A$2:$A$1048576,0)");
    expect(planYear).toContain("MATCH(2026,'歷年補助款'!$A$2:$A$1048576,0)");
    expect(planYear).toContain("ISNUMBER('計畫資訊'!B8)");
    expect(planYear).toContain(`SUMIFS('經費表'!$K$4:$K$1048576,'經費表'!$L$4:$L$1048576,"<>自籌"`);
    expect(planYear).toContain(`'經費表'!$A$4:$A$1048576,"*合計"`);
    expect(planYear.length).toBeLessThan(8192);
    const earlier = formulaText(cellAt(summary, rowOf(summary, 1, 113, header), column));
    expect(earlier).not.toContain("計畫資訊");
  });

  it("caches the engine's values and keeps them in hidden check columns", () => {
    const header = rowOf(summary, 1, "年度");
    for (const figures of result.summary.years) {
      const row = rowOf(summary, 1, figures.year, header);
      const total = cellAt(summary, row, columnOf(summary, header, "營運收入合計"))!;
      expect(total.content).toMatchObject({ kind: "formula", result: figures.operatingIncome });
      const check = columnOf(summary, header, "檢核值：營運收入合計");
      expect(cellAt(summary, row, check)?.content).toEqual({ kind: "value", value: figures.operatingIncome });
      expect(summary.columns?.find((column) => column.column === check)?.hidden).toBe(true);
      expect(cellAt(summary, row, columnOf(summary, header, "須達成年度"))?.content).toEqual({
        kind: "value",
        value: figures.required ? "須達成" : null,
      });
      expect(formulaText(cellAt(summary, row, columnOf(summary, header, "與檢核值")))).toMatch(/^IF\(AND\(/);
    }
  });

  it("shows growth only against the year before", () => {
    const header = rowOf(summary, 1, "年度");
    const growth = columnOf(summary, header, "營運收入成長率");
    expect(cellAt(summary, rowOf(summary, 1, 113, header), growth)).toBeUndefined();
    expect(formulaText(cellAt(summary, rowOf(summary, 1, 115, header), growth))).toContain("-1)");
  });

  it("counts members over a hidden sheet with one formula row per member row", () => {
    expect(calc.kind).toBe("summaryCalc");
    expect(calc.hidden).toBe(true);
    const header = rowOf(summary, 2, "名單列數");
    const whole = rowOf(summary, 1, "全部名單");
    expect(whole).toBe(header + 1);
    const counted = formulaText(cellAt(summary, whole, columnOf(summary, header, "列計家數")));
    expect(counted).toMatch(/^COUNTIFS\('營運摘要計算'!\$[A-Z]+\$2:\$[A-Z]+\$\d+,1\)$/);
    const planYear = formulaText(cellAt(summary, rowOf(summary, 1, 115, whole), columnOf(summary, header, "列計家數")));
    expect(planYear).toContain('"<=115"');
    const reason = columnOf(summary, header, "研究法人不列入會員");
    expect(cellAt(summary, whole, reason)?.content).toMatchObject({ kind: "formula", result: 1 });
    const firstRow = calc.cells
      .filter((cell) => cell.row === 2 && cell.content.kind === "formula")
      .map((cell) => formulaText(cell))
      .join("\n");
    expect(firstRow).toContain("'Members'!C3");
    expect(firstRow).toContain("'Members'!H3");
  });

  it("charts income against subsidy by year", () => {
    const chart = summary.charts?.[0];
    expect(chart?.type).toBe("clusteredColumn");
    // One language per sheet, the chart's words included.
    expect(chart?.title).toBe("營運收入與補助款");
    expect(chart?.axisTitles).toEqual({ category: "年度", value: "新臺幣元" });
    expect(chart?.categories.cache).toEqual(["113", "114", "115"]);
    expect(chart?.series.map((series) => series.name.text)).toEqual(["營運收入合計", "補助款"]);
    expect(chart?.series[0]?.values.cache).toEqual(result.summary.years.map((figures) => figures.operatingIncome));
    expect(chart?.series[1]?.values.cache).toEqual(result.summary.years.map((figures) => figures.subsidy));
  });

  it("shows the budget as a finance officer reads it: by 科目 × 經費來源, the overhead against its base as parts, the cap used", () => {
    const budget = result.summary.budget!;
    const texts = summary.cells.map((cell) => (cell.content.kind === "value" ? cell.content.value : null));
    const rowOf = (label: string) => summary.cells.find((cell) => cell.column === 1 && cell.content.kind === "value" && cell.content.value === label)?.row;
    const valueRight = (label: string, column = 2) => {
      const row = rowOf(label);
      return row === undefined ? undefined : (cellAt(summary, row, column)?.content as { value: unknown } | undefined)?.value;
    };
    expect(texts).toContain("經費（新臺幣元）");
    const header = rowOf("科目")!;
    expect([2, 3, 4].map((column) => (cellAt(summary, header, column)?.content as { value: string }).value)).toEqual(["補助款", "自籌款", "合計"]);
    for (const line of budget.byCategory.filter((entry) => entry.category !== null)) {
      expect([valueRight(line.category!, 2), valueRight(line.category!, 3), valueRight(line.category!, 4)]).toEqual([line.subsidy, line.matching, line.total]);
    }
    const overhead = budget.overhead!;
    expect(valueRight("管理費（補助款）")).toBe(overhead.amount);
    expect(valueRight("計算基礎")).toBe(overhead.base);
    // The base as its parts, indented below it; they add up to it.
    const base = rowOf("計算基礎")!;
    const parts = overhead.baseParts.map((_, index) => (cellAt(summary, base + 1 + index, 2)?.content as { value: number }).value);
    expect(parts).toEqual(overhead.baseParts.map((part) => part.amount));
    const rate = rowOf("管理費費率")!;
    expect(cellAt(summary, rate, 2)).toMatchObject({ content: { value: overhead.rate }, styles: ["percent"] });
    expect(valueRight("可列管理費")).toBe(overhead.allowed);
    expect(valueRight("補助上限")).toBe(budget.cap.limit);
    expect(valueRight("補助款合計")).toBe(budget.cap.used);
    expect(cellAt(summary, rowOf("已用比例")!, 2)?.styles?.[0]).toBe("percent");
  });

  it("prints landscape one page wide, its chart right below the income table and inside the printed columns", () => {
    expect(summary.print).toMatchObject({ orientation: "landscape", fit: { width: 1, height: 0 } });
    const chart = summary.charts![0]!;
    const incomeRows = summary.cells.filter((cell) => cell.column === 1 && typeof (cell.content as { value?: unknown }).value === "number").map((cell) => cell.row);
    const lastYearRow = Math.max(...incomeRows.filter((row) => row < chart.from.row));
    expect(chart.from.row).toBe(lastYearRow + 2);
    expect(result.summary.years.map((figures) => figures.year)).toContain((cellAt(summary, lastYearRow, 1)?.content as { value: number }).value);
    const area = /^A1:([A-Z]+)(\d+)$/.exec(summary.print!.area!)!;
    const lastColumn = area[1]!.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    expect(chart.to.column).toBeLessThanOrEqual(lastColumn);
    expect(chart.to.row).toBeLessThanOrEqual(Number(area[2]));
  });

  it("writes only the summary, saying so, when there is no members sheet", () => {
    const noMembers = workbook({ members: null });
    const plain = validateWorkbook(noMembers);
    const layouts = summaryLayouts(plain, "en", describeSummaryInputs(noMembers, plain));
    expect(layouts).toHaveLength(1);
    expect(layouts[0]!.cells.some((cell) => cell.content.kind === "value" && cell.content.value === "There is no members sheet.")).toBe(true);
  });

  it("writes no formula from the workbook's text", () => {
    const texts = [...summary.cells, ...calc.cells].filter((cell) => cell.content.kind === "formula").map((cell) => formulaText(cell));
    expect(texts.every((text) => !text.startsWith("="))).toBe(true);
    expect(texts.some((text) => text.includes("智慧製造"))).toBe(false);
  });
});
