/**
 * The overview workbook of a round (a new workbook, written by the file writer; inside Excel its
 * bytes are opened with Excel.createWorkbook):
 * - 審查總表 / Overview: a row per submission (src/review/table.ts), sorted by errors then name;
 * - 規則統計 / Rule frequency: per rule ID, submissions and findings, with title and source;
 * - 跨年比對 / Year over year: each alliance that submitted in two fiscal years;
 * - 收支圖 / Income vs subsidy: a chart of operating income against subsidy across the round.
 *
 * Values where a figure comes from a submission; formulas where the sheet derives it from other
 * cells (the ratio, members not counted, income above the subsidy, shares, totals, growth,
 * differences), with the engine's figure as the cached result, so a program that does not
 * recalculate shows the same. Every text from a submission is written as text; the only text
 * inside a formula is a quoted literal (the annotated copy's path in HYPERLINK).
 */
import { columnLetters } from "../engine/address";
import type { Language } from "../engine/types";
import type { Overview, OverviewColumn, OverviewRow, OverviewValue, YearOverYear } from "../review";
import { incomeTypeLabel, OVERVIEW_COLUMNS, OVERVIEW_WORDS, overviewValues, ruleDescription } from "../review";
import { SEVERITY_WORDS } from "./findings";
import type { ChartLayout, Formula, LayoutCell, LayoutValue, SheetLayout, StyleKey } from "./layout";
import { formulaCell, fx, MAX_FORMULA_STRING, valueCell } from "./layout";

export const OVERVIEW_SHEET_NAMES = {
  overview: { "zh-TW": "審查總表", en: "Overview" },
  ruleFrequency: { "zh-TW": "規則統計", en: "Rule frequency" },
  yearOverYear: { "zh-TW": "跨年比對", en: "Year over year" },
  overviewChart: { "zh-TW": "收支圖", en: "Income vs subsidy" },
} as const;

/** The chart's words, in both languages at once (as the summary sheet's chart). */
const CHART = { title: "營運收入與補助款 Operating income and subsidy", category: "聯盟 Alliance", value: "新臺幣元 NT$" } as const;

const TEXT = {
  "zh-TW": {
    ruleTitle: "規則統計：下次徵求說明宜多加說明之處",
    checkedLabel: "已檢核送件",
    ruleHeaders: ["規則", "標題", "嚴重度", "送件數", "占已檢核送件", "發現數", "已有例外說明", "依據"],
    total: "合計",
    noFindings: "本次送件沒有任何檢核發現。",
    yoyTitle: "跨年比對：同一聯盟兩個年度的送件",
    noPairs: "本次送件中沒有同一聯盟兩個年度的送件（依計畫編號，無計畫編號時依計畫名稱＋執行機構比對）。",
    pairTitle: (name: string, earlier: string, later: string) => `${name}：${earlier} → ${later}`,
    fiscalYear: (year: number | null) => (year === null ? "年度不明" : `${year}年度`),
    files: (earlier: string, later: string, by: string) => `前次送件：${earlier}；本次送件：${later}；比對依據：${by}`,
    matchedBy: { projectNumber: "計畫編號", titleAndInstitution: "計畫名稱＋執行機構", given: "指定比對" },
    memberHeaders: ["會員家數", "前次", "本次", "續留", "新加入", "退出"],
    memberRow: "名單列數",
    joined: "新加入",
    left: "退出",
    memberColumns: ["廠商名稱", "統一編號", "入會年度"],
    noneJoined: "（無）",
    incomeHeaders: (earlier: string, later: string) => ["收入類別", earlier, later, "成長率"],
    incomeTotal: "營運收入合計",
    subsidySection: "各年度補助款（依兩次送件所報）",
    incomeSection: "營運收入（各送件本身的計畫年度）",
    subsidyHeaders: ["年度", "前次送件", "本次送件", "差額"],
    disagreementSection: "本次送件的歷年資料與前次送件所報不一致之處",
    disagreementHeaders: ["年度", "項目", "收入類別", "前次送件所報", "本次歷年資料", "差額"],
    items: { subsidy: "補助款", income: "營運收入" },
    missing: "（本次歷年補助款未列此年度）",
    agree: "本次送件的歷年補助款與營運收入，與前次送件所報一致。",
    subsidy: "補助款",
    income: "營運收入",
    chartLeftOut: (count: number) => `${count} 件送件缺補助款或營運收入，未列入圖表。`,
  },
  en: {
    ruleTitle: "Rule frequency: what the next call should explain better",
    checkedLabel: "Submissions checked",
    ruleHeaders: ["Rule", "Title", "Severity", "Submissions", "Share of checked", "Findings", "Explained", "Source"],
    total: "Total",
    noFindings: "No submission of the round has a finding.",
    yoyTitle: "Year over year: alliances that submitted in two fiscal years",
    noPairs: "No alliance has submissions from two fiscal years in this round (matched by project number, else by title and host institution).",
    pairTitle: (name: string, earlier: string, later: string) => `${name}: ${earlier} → ${later}`,
    fiscalYear: (year: number | null) => (year === null ? "year unknown" : `FY${year}`),
    files: (earlier: string, later: string, by: string) => `Earlier: ${earlier}; later: ${later}; matched by ${by}`,
    matchedBy: { projectNumber: "project number", titleAndInstitution: "title and host institution", given: "request" },
    memberHeaders: ["Members", "Earlier", "Later", "Stayed", "Joined", "Left"],
    memberRow: "Rows listed",
    joined: "Joined",
    left: "Left",
    memberColumns: ["Company", "Tax ID", "Year joined"],
    noneJoined: "(none)",
    incomeHeaders: (earlier: string, later: string) => ["Income type", earlier, later, "Growth"],
    incomeTotal: "Operating income",
    subsidySection: "Subsidy of each year, as each submission gives it",
    incomeSection: "Operating income in each submission's own fiscal year",
    subsidyHeaders: ["Year", "Earlier", "Later", "Difference"],
    disagreementSection: "Where the later submission's history disagrees with what the earlier one reported",
    disagreementHeaders: ["Year", "Item", "Income type", "Earlier reported", "Later history", "Difference"],
    items: { subsidy: "Subsidy", income: "Operating income" },
    missing: "(not in the later 歷年補助款)",
    agree: "The later submission's subsidy and income history agrees with what the earlier one reported.",
    subsidy: "Subsidy",
    income: "Operating income",
    chartLeftOut: (count: number) => `${count} submission(s) without a subsidy or income figure are not in the chart.`,
  },
} as const;

export interface OverviewLayoutOptions {
  /**
   * Where a row's annotated copy is, as a link from the overview workbook (a path relative to
   * it); null for no link (the path is then shown as text). Default: the path as the row has it.
   */
  annotatedLink?: (annotated: string) => string | null;
  /** The note shown for an unreadable file. */
  describeFailure?: (failure: { code: string; message: string }) => string;
}

const COLUMN_STYLES: Partial<Record<OverviewColumn, StyleKey[]>> = {
  file: ["text"],
  title: ["text"],
  projectNumber: ["text"],
  institution: ["text"],
  pi: ["text"],
  rulePack: ["text"],
  topRules: ["text"],
  note: ["wrap"],
  fiscalYear: ["year"],
  phase: ["integer"],
  yearInPhase: ["integer"],
  subsidy: ["number"],
  operatingIncome: ["number"],
  ratio: ["percent"],
  listed: ["integer"],
  counted: ["integer"],
  excluded: ["integer"],
  paying: ["integer"],
  international: ["integer"],
  large: ["integer"],
  errors: ["integer"],
  warnings: ["integer"],
  info: ["integer"],
  waived: ["integer"],
};

const COLUMN_WIDTHS: Partial<Record<OverviewColumn, number>> = {
  file: 30,
  status: 10,
  title: 30,
  projectNumber: 26,
  institution: 22,
  pi: 12,
  fiscalYear: 9,
  phase: 8,
  yearInPhase: 8,
  rulePack: 19,
  subsidy: 13,
  operatingIncome: 13,
  ratio: 9,
  incomeRequired: 11,
  incomeAboveSubsidy: 11,
  topRules: 40,
  annotated: 30,
  note: 60,
};

/** The overview sheet's column of each key (1-based). */
const COLUMN_OF = Object.fromEntries(OVERVIEW_COLUMNS.map((column, index) => [column.key, index + 1])) as Record<OverviewColumn, number>;

/** `A2`-style address of a column on a row of the overview sheet. */
function at(key: OverviewColumn, row: number): string {
  return `${columnLetters(COLUMN_OF[key])}${row}`;
}

const IF = (condition: Formula, then: Formula, otherwise: Formula): Formula => fx.call("IF", condition, then, otherwise);
const isNumber = (address: string): Formula => fx.call("ISNUMBER", fx.ref(null, address));
const both = (a: string, b: string): Formula => fx.call("AND", isNumber(a), isNumber(b));
const EMPTY = fx.str("");

/** (later − earlier) / earlier where earlier is a number other than 0, else "". */
function growthFormula(earlier: string, later: string): Formula {
  return IF(
    fx.call("AND", both(earlier, later), fx.op(fx.ref(null, earlier), "<>", fx.num(0))),
    fx.op(fx.op(fx.ref(null, later), "-", fx.ref(null, earlier)), "/", fx.ref(null, earlier)),
    EMPTY,
  );
}

/** later − earlier where both are numbers, else "". */
function differenceFormula(earlier: string, later: string): Formula {
  return IF(both(earlier, later), fx.op(fx.ref(null, later), "-", fx.ref(null, earlier)), EMPTY);
}

function growthOf(earlier: number | null, later: number | null): LayoutValue {
  return earlier === null || later === null || earlier === 0 ? "" : (later - earlier) / earlier;
}

function differenceOf(earlier: number | null, later: number | null): LayoutValue {
  return earlier === null || later === null ? "" : later - earlier;
}

function overviewCells(row: OverviewRow, r: number, language: Language, options: OverviewLayoutOptions): LayoutCell[] {
  const words = OVERVIEW_WORDS[language];
  const values = overviewValues(row, language, options.describeFailure);
  const cells: LayoutCell[] = [];
  for (const column of OVERVIEW_COLUMNS) {
    const c = COLUMN_OF[column.key];
    const value: OverviewValue = values[column.key];
    const styles: StyleKey[] = [...(COLUMN_STYLES[column.key] ?? [])];
    if (row.kind === "unreadable") {
      if (value !== null) cells.push(valueCell(r, c, value, column.key === "status" ? ["severity-error"] : styles));
      continue;
    }
    switch (column.key) {
      case "ratio":
        cells.push(
          formulaCell(
            r,
            c,
            IF(
              fx.call("AND", both(at("subsidy", r), at("operatingIncome", r)), fx.op(fx.ref(null, at("subsidy", r)), "<>", fx.num(0))),
              fx.op(fx.ref(null, at("operatingIncome", r)), "/", fx.ref(null, at("subsidy", r))),
              EMPTY,
            ),
            row.facts.subsidy && row.facts.operatingIncome !== null ? row.facts.operatingIncome / row.facts.subsidy : "",
            styles,
          ),
        );
        break;
      case "excluded":
        cells.push(formulaCell(r, c, IF(both(at("listed", r), at("counted", r)), fx.op(fx.ref(null, at("listed", r)), "-", fx.ref(null, at("counted", r))), EMPTY), value, styles));
        break;
      case "incomeAboveSubsidy": {
        const subsidy = fx.ref(null, at("subsidy", r));
        const income = fx.ref(null, at("operatingIncome", r));
        const formula = IF(
          fx.op(fx.ref(null, at("incomeRequired", r)), "=", fx.str(words.yes)),
          IF(both(at("subsidy", r), at("operatingIncome", r)), IF(fx.op(income, ">", subsidy), fx.str(words.met), fx.str(words.notMet)), fx.str(words.notApplicable)),
          fx.str(words.notApplicable),
        );
        // Centred whatever the word (ok centres; the later key gives the colour).
        const tone: StyleKey[] = value === words.met ? ["ok"] : value === words.notMet ? ["ok", "severity-error"] : ["ok", "check"];
        cells.push(formulaCell(r, c, formula, value, tone));
        break;
      }
      case "errors":
      case "warnings":
        cells.push(valueCell(r, c, value, typeof value === "number" && value > 0 ? [...styles, column.key === "errors" ? "severity-error" : "severity-warning"] : styles));
        break;
      case "annotated": {
        if (row.annotated === null) break;
        const target = options.annotatedLink ? options.annotatedLink(row.annotated) : row.annotated;
        const label = row.annotated.replace(/^.*[\\/]/, "");
        if (target !== null && target.length <= MAX_FORMULA_STRING && label.length <= MAX_FORMULA_STRING) {
          cells.push(formulaCell(r, c, fx.call("HYPERLINK", fx.str(target), fx.str(label)), label, ["link"]));
        } else {
          cells.push(valueCell(r, c, row.annotated, ["text"]));
        }
        break;
      }
      default:
        if (value !== null) cells.push(valueCell(r, c, value, styles));
    }
  }
  return cells;
}

function overviewSheet(overview: Overview, language: Language, options: OverviewLayoutOptions): SheetLayout {
  const cells: LayoutCell[] = OVERVIEW_COLUMNS.map((column, index) => valueCell(1, index + 1, column.header[language], ["header"]));
  overview.rows.forEach((row, index) => cells.push(...overviewCells(row, index + 2, language, options)));
  const last = columnLetters(OVERVIEW_COLUMNS.length);
  return {
    kind: "overview",
    name: OVERVIEW_SHEET_NAMES.overview[language],
    cells,
    columns: OVERVIEW_COLUMNS.map((column, index) => ({ column: index + 1, width: COLUMN_WIDTHS[column.key] ?? 9 })),
    frozen: { rows: 1, columns: 1 },
    autoFilter: `A1:${last}${Math.max(overview.rows.length + 1, 2)}`,
    tabColor: "#0078D4",
  };
}

function ruleFrequencySheet(overview: Overview, language: Language): SheetLayout {
  const text = TEXT[language];
  const cells: LayoutCell[] = [valueCell(1, 1, text.ruleTitle, ["title"]), valueCell(2, 1, text.checkedLabel, ["label"])];
  // Derived from the overview sheet: how many of its rows were checked.
  const statusColumn = columnLetters(COLUMN_OF.status);
  const lastRow = Math.max(overview.rows.length + 1, 2);
  cells.push(
    formulaCell(
      2,
      2,
      fx.call("COUNTIF", fx.ref(OVERVIEW_SHEET_NAMES.overview[language], `$${statusColumn}$2:$${statusColumn}$${lastRow}`), fx.str(OVERVIEW_WORDS[language].checked)),
      overview.totals.checked,
      ["integer"],
    ),
  );
  const header = 4;
  text.ruleHeaders.forEach((title, index) => cells.push(valueCell(header, index + 1, title, ["header"])));
  let r = header + 1;
  for (const entry of overview.ruleFrequency) {
    const { title, sources } = ruleDescription(entry.ruleId, entry.rulePack, language);
    cells.push(valueCell(r, 1, entry.ruleId, ["text"]));
    cells.push(valueCell(r, 2, title, ["text"]));
    cells.push(valueCell(r, 3, SEVERITY_WORDS[language][entry.severity], [`severity-${entry.severity}`]));
    cells.push(valueCell(r, 4, entry.submissions, ["integer"]));
    cells.push(
      formulaCell(
        r,
        5,
        IF(fx.op(fx.ref(null, "$B$2"), ">", fx.num(0)), fx.op(fx.ref(null, `D${r}`), "/", fx.ref(null, "$B$2")), EMPTY),
        overview.totals.checked > 0 ? entry.submissions / overview.totals.checked : "",
        ["percent"],
      ),
    );
    cells.push(valueCell(r, 6, entry.findings, ["integer"]));
    cells.push(valueCell(r, 7, entry.waived, ["integer"]));
    cells.push(valueCell(r, 8, sources, ["text"]));
    r += 1;
  }
  if (overview.ruleFrequency.length === 0) {
    cells.push(valueCell(r, 1, text.noFindings, ["note"]));
  } else {
    const sum = (column: string, total: number) => formulaCell(r, column === "F" ? 6 : 7, fx.call("SUM", fx.ref(null, `${column}${header + 1}:${column}${r - 1}`)), total, ["integer", "label"]);
    cells.push(valueCell(r, 1, text.total, ["label"]));
    cells.push(sum("F", overview.ruleFrequency.reduce((total, entry) => total + entry.findings, 0)));
    cells.push(sum("G", overview.ruleFrequency.reduce((total, entry) => total + entry.waived, 0)));
  }
  return {
    kind: "ruleFrequency",
    name: OVERVIEW_SHEET_NAMES.ruleFrequency[language],
    cells,
    columns: [26, 30, 14, 12, 14, 10, 10, 40].map((width, index) => ({ column: index + 1, width })),
    frozen: { rows: header },
    ...(overview.ruleFrequency.length > 0 ? { autoFilter: `A${header}:H${r - 1}` } : {}),
    merges: ["A1:H1"],
    tabColor: "#A4262C",
  };
}

/** One alliance's comparison from `top`; returns its cells, its merged lines and the next free row. */
function comparisonBlock(view: YearOverYear, top: number, language: Language): { cells: LayoutCell[]; merges: string[]; next: number } {
  const text = TEXT[language];
  const cells: LayoutCell[] = [];
  const earlierYear = text.fiscalYear(view.earlier.fiscalYear);
  const laterYear = text.fiscalYear(view.later.fiscalYear);
  const name = [view.later.title ?? view.later.file, view.later.projectNumber].filter((part) => part !== null).join(" · ");
  let r = top;
  const merges = [`A${r}:G${r}`, `A${r + 1}:G${r + 1}`];
  cells.push(valueCell(r++, 1, text.pairTitle(name, earlierYear, laterYear), ["section"]));
  cells.push(valueCell(r++, 1, text.files(view.earlier.file, view.later.file, text.matchedBy[view.matchedBy ?? "given"]), ["note"]));
  r += 1;

  // Members: counts (joined and left derived from them), then who.
  text.memberHeaders.forEach((title, index) => cells.push(valueCell(r, index + 1, title, ["header"])));
  r += 1;
  const m = view.members;
  cells.push(valueCell(r, 1, text.memberRow, ["label"]));
  cells.push(valueCell(r, 2, m.earlier, ["integer"]));
  cells.push(valueCell(r, 3, m.later, ["integer"]));
  cells.push(valueCell(r, 4, m.stayed, ["integer"]));
  cells.push(formulaCell(r, 5, fx.op(fx.ref(null, `C${r}`), "-", fx.ref(null, `D${r}`)), m.joined.length, ["integer"]));
  cells.push(formulaCell(r, 6, fx.op(fx.ref(null, `B${r}`), "-", fx.ref(null, `D${r}`)), m.left.length, ["integer"]));
  r += 2;
  cells.push(valueCell(r, 1, text.joined, ["label"]));
  cells.push(valueCell(r, 5, text.left, ["label"]));
  r += 1;
  text.memberColumns.forEach((title, index) => {
    cells.push(valueCell(r, index + 1, title, ["header"]));
    cells.push(valueCell(r, index + 5, title, ["header"]));
  });
  r += 1;
  const listRows = Math.max(m.joined.length, m.left.length, 1);
  const list = (members: YearOverYear["members"]["joined"], column: number) => {
    if (members.length === 0) cells.push(valueCell(r, column, text.noneJoined, ["note"]));
    members.forEach((member, index) => {
      cells.push(valueCell(r + index, column, member.name, ["text"]));
      if (member.taxId !== null) cells.push(valueCell(r + index, column + 1, member.taxId, ["text"]));
      if (member.yearJoined !== null) cells.push(valueCell(r + index, column + 2, member.yearJoined, ["year"]));
    });
  };
  list(m.joined, 1);
  list(m.left, 5);
  r += listRows + 1;

  // Operating income by type in each submission's own fiscal year.
  merges.push(`A${r}:G${r}`);
  cells.push(valueCell(r++, 1, text.incomeSection, ["label"]));
  text.incomeHeaders(earlierYear, laterYear).forEach((title, index) => cells.push(valueCell(r, index + 1, title, ["header"])));
  r += 1;
  const firstIncome = r;
  for (const entry of view.income) {
    cells.push(valueCell(r, 1, incomeTypeLabel(entry.type, language), ["text"]));
    cells.push(valueCell(r, 2, entry.earlier, ["number"]));
    cells.push(valueCell(r, 3, entry.later, ["number"]));
    cells.push(formulaCell(r, 4, growthFormula(`B${r}`, `C${r}`), growthOf(entry.earlier, entry.later), ["percent"]));
    r += 1;
  }
  cells.push(valueCell(r, 1, text.incomeTotal, ["label"]));
  const total = (column: string, value: number | null) =>
    view.income.length > 0 ? formulaCell(r, column === "B" ? 2 : 3, fx.call("SUM", fx.ref(null, `${column}${firstIncome}:${column}${r - 1}`)), value ?? 0, ["number", "label"]) : valueCell(r, column === "B" ? 2 : 3, value, ["number", "label"]);
  cells.push(total("B", view.incomeTotal.earlier));
  cells.push(total("C", view.incomeTotal.later));
  const totalEarlier = view.income.length > 0 ? view.incomeTotal.earlier ?? 0 : view.incomeTotal.earlier;
  const totalLater = view.income.length > 0 ? view.incomeTotal.later ?? 0 : view.incomeTotal.later;
  cells.push(formulaCell(r, 4, growthFormula(`B${r}`, `C${r}`), growthOf(totalEarlier, totalLater), ["percent", "label"]));
  r += 2;

  // Subsidy of each year, as each submission gives it.
  merges.push(`A${r}:G${r}`);
  cells.push(valueCell(r++, 1, text.subsidySection, ["label"]));
  text.subsidyHeaders.forEach((title, index) => cells.push(valueCell(r, index + 1, title, ["header"])));
  r += 1;
  for (const entry of view.subsidy) {
    cells.push(valueCell(r, 1, entry.year, ["year"]));
    cells.push(valueCell(r, 2, entry.earlier, ["number"]));
    cells.push(valueCell(r, 3, entry.later, ["number"]));
    cells.push(formulaCell(r, 4, differenceFormula(`B${r}`, `C${r}`), differenceOf(entry.earlier, entry.later), ["number"]));
    r += 1;
  }
  r += 1;

  // Where the later history disagrees.
  merges.push(`A${r}:G${r}`);
  cells.push(valueCell(r++, 1, text.disagreementSection, ["label"]));
  if (view.disagreements.length === 0) {
    merges.push(`A${r}:G${r}`);
    cells.push(valueCell(r++, 1, text.agree, ["note"]));
  } else {
    text.disagreementHeaders.forEach((title, index) => cells.push(valueCell(r, index + 1, title, ["header"])));
    r += 1;
    for (const entry of view.disagreements) {
      cells.push(valueCell(r, 1, entry.year, ["year"]));
      cells.push(valueCell(r, 2, text.items[entry.item], ["attention"]));
      if (entry.type !== null) cells.push(valueCell(r, 3, incomeTypeLabel(entry.type, language), ["text"]));
      cells.push(valueCell(r, 4, entry.earlier, ["number"]));
      cells.push(entry.later === null ? valueCell(r, 5, text.missing, ["attention"]) : valueCell(r, 5, entry.later, ["number"]));
      cells.push(formulaCell(r, 6, differenceFormula(`D${r}`, `E${r}`), differenceOf(entry.earlier, entry.later), ["number"]));
      r += 1;
    }
  }
  return { cells, merges, next: r + 2 };
}

function yearOverYearSheet(overview: Overview, language: Language): SheetLayout {
  const text = TEXT[language];
  const cells: LayoutCell[] = [valueCell(1, 1, text.yoyTitle, ["title"])];
  // Titles and notes span the block's width, so that they read as one line in every program.
  const merges = ["A1:G1"];
  let r = 3;
  if (overview.yearOverYear.length === 0) {
    cells.push(valueCell(r, 1, text.noPairs, ["note"]));
    merges.push(`A${r}:G${r}`);
  }
  for (const view of overview.yearOverYear) {
    const block = comparisonBlock(view, r, language);
    cells.push(...block.cells);
    merges.push(...block.merges);
    r = block.next;
  }
  return {
    kind: "yearOverYear",
    name: OVERVIEW_SHEET_NAMES.yearOverYear[language],
    cells,
    columns: [30, 16, 16, 14, 30, 16, 12].map((width, index) => ({ column: index + 1, width })),
    merges,
    tabColor: "#8764B8",
  };
}

function chartSheet(overview: Overview, language: Language): SheetLayout {
  const text = TEXT[language];
  const overviewName = OVERVIEW_SHEET_NAMES.overview[language];
  const cells: LayoutCell[] = [
    valueCell(1, 1, OVERVIEW_COLUMNS[COLUMN_OF.title - 1]!.header[language], ["header"]),
    valueCell(1, 2, text.income, ["header"]),
    valueCell(1, 3, text.subsidy, ["header"]),
  ];
  const categories: string[] = [];
  const subsidies: number[] = [];
  const incomes: number[] = [];
  let leftOut = 0;
  let r = 2;
  overview.rows.forEach((row, index) => {
    if (row.kind !== "checked") return;
    const { facts } = row;
    if (facts.subsidy === null || facts.operatingIncome === null) {
      leftOut += 1;
      return;
    }
    const source = index + 2;
    // Derived from the overview sheet: the chart follows an edit there. The fiscal year tells
    // an alliance's two submissions apart.
    const name = fx.ref(overviewName, at(facts.title !== null ? "title" : "file", source));
    const label = `${facts.title ?? facts.file}${facts.fiscalYear !== null ? ` ${facts.fiscalYear}` : ""}`;
    const formula = facts.fiscalYear !== null ? fx.op(name, "&", fx.op(fx.str(" "), "&", fx.ref(overviewName, at("fiscalYear", source)))) : name;
    cells.push(formulaCell(r, 1, formula, label, ["text"]));
    cells.push(formulaCell(r, 2, fx.ref(overviewName, at("operatingIncome", source)), facts.operatingIncome, ["number"]));
    cells.push(formulaCell(r, 3, fx.ref(overviewName, at("subsidy", source)), facts.subsidy, ["number"]));
    categories.push(label);
    subsidies.push(facts.subsidy);
    incomes.push(facts.operatingIncome);
    r += 1;
  });
  if (leftOut > 0) cells.push(valueCell(r + 1, 1, text.chartLeftOut(leftOut), ["note"]));
  const charts: ChartLayout[] = [];
  if (categories.length > 0) {
    const last = categories.length + 1;
    charts.push({
      type: "clusteredColumn",
      title: CHART.title,
      categories: { range: `$A$2:$A$${last}`, cache: categories },
      series: [
        { name: { cell: "$B$1", text: text.income }, values: { range: `$B$2:$B$${last}`, cache: incomes } },
        { name: { cell: "$C$1", text: text.subsidy }, values: { range: `$C$2:$C$${last}`, cache: subsidies } },
      ],
      from: { row: 1, column: 5 },
      to: { row: 34, column: 5 + Math.min(40, Math.max(12, Math.ceil(categories.length / 2))) },
      axisTitles: { category: CHART.category, value: CHART.value },
    });
  }
  return {
    kind: "overviewChart",
    name: OVERVIEW_SHEET_NAMES.overviewChart[language],
    cells,
    columns: [30, 14, 14].map((width, index) => ({ column: index + 1, width })),
    frozen: { rows: 1 },
    charts,
    tabColor: "#107C10",
  };
}

/** The overview workbook's sheets, in order. */
export function overviewLayouts(overview: Overview, language: Language, options: OverviewLayoutOptions = {}): SheetLayout[] {
  return [overviewSheet(overview, language, options), ruleFrequencySheet(overview, language), yearOverYearSheet(overview, language), chartSheet(overview, language)];
}

/** The year-over-year sheet alone (`alliance-check compare --out`). */
export function comparisonLayouts(view: YearOverYear, language: Language): SheetLayout[] {
  const overview: Overview = { rows: [], ruleFrequency: [], yearOverYear: [view], totals: { files: 2, checked: 2, unreadable: 0, withErrors: 0 } };
  return [yearOverYearSheet(overview, language)];
}
