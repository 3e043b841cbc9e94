/**
 * 營運摘要 / Summary: operating income by type and year against the subsidy, the self-sufficiency
 * ratio, member counts and year-on-year growth, and a chart of income against subsidy.
 *
 * The figures are live formulas over the input sheets (the real sheet names and header columns),
 * so the sheet follows later edits. Beside each figure, in hidden columns, is the engine's value
 * at the time of the check, and a visible column says whether the two still agree: text amounts,
 * years typed as text or spellings no formula can foresee make them differ, and then the check
 * is what counts.
 *
 * Member counts need per-row logic (exclusions by organisation type or country, duplicates by tax
 * ID or name, the year joined), which COUNTIFS alone cannot express: a hidden calculation sheet
 * holds one formula row per member row, and the summary counts over it.
 */
import { columnLetters as letter, toA1 } from "../engine/address";
import { packOf, ruleTitle } from "../engine/format";
import type { Language, ValidationResult, YearFigures } from "../engine/types";
import type { RuleId, RulePack } from "../rules/schema";
import type { InputTable, MemberFigures, SummaryInputs } from "./inputs";
import { DUPLICATE_RULE, exclusionRules } from "./inputs";
import type { ChartLayout, Formula, LayoutCell, LayoutValue, SheetLayout, StyleKey } from "./layout";
import { formulaCell, fx, valueCell } from "./layout";
import { displayDate, packLabel } from "./dates";
import { GENERATED_SHEET_NAMES } from "./names";
import { spellingsOf, vocabularySpellings } from "./vocabulary";

export const MAX_ROW = 1_048_576;
/** Rows below the members' last row that the calculation sheet also covers, for rows added later. */
export const MEMBER_ROWS_BUFFER = 500;

const TEXT = {
  "zh-TW": {
    title: "營運摘要",
    subtitle: (fy: string, phase: string, pack: string, date: string) => `${fy}・${phase}・規則版本 ${pack}・產生日期 ${date}`,
    fiscalYear: (year: number) => `${year}年度`,
    phase: (phase: number, year: number) => `第${phase}期第${year}年`,
    explanation:
      "下列數字為公式，會隨輸入工作表更新；隱藏欄保留檢核當時的數值。「與檢核值」欄出現 ≠ 時（例如金額以文字輸入、年度寫成「115年度」，或資料已修改），請重新執行檢核，以檢核結果為準。",
    incomeSection: "營運收入與補助款（新臺幣元）",
    memberSection: "會員家數",
    year: "年度",
    subsidy: "補助款",
    total: "營運收入合計",
    ratio: "自主營運比率",
    met: "收入大於補助款",
    gap: "尚差金額",
    required: "須達成年度",
    incomeGrowth: "營運收入成長率",
    agree: "與檢核值",
    check: (what: string) => `檢核值：${what}`,
    metYes: "達成",
    metNo: "未達成",
    requiredMark: "須達成",
    agreeYes: "✔ 一致",
    agreeNo: "≠ 不一致，請重新檢核",
    allMembers: "全部名單",
    listed: "名單列數",
    counted: "列計家數",
    excluded: "不列計",
    duplicate: "重複列出",
    paying: "付費會員",
    free: "免費會員",
    international: "國際會員",
    large: "大型企業",
    memberGrowth: "會員成長率",
    noYears: "沒有年度資料（計畫年度、營運收入或歷年補助款）。",
    noMembers: "沒有會員名單工作表。",
    chartTitle: "營運收入與補助款",
    chartCategory: "年度",
    chartValue: "新臺幣元",
    calcNote: "此工作表由檢核工具產生，供「營運摘要」計算會員家數；請勿修改。",
  },
  en: {
    title: "Summary",
    subtitle: (fy: string, phase: string, pack: string, date: string) => `${fy} · ${phase} · ${pack} · generated ${date}`,
    fiscalYear: (year: number) => `Fiscal year ${year}`,
    phase: (phase: number, year: number) => `phase ${phase}, year ${year}`,
    explanation:
      'The figures below are formulas that follow the input sheets; hidden columns keep the values found by the check. Where the last column shows ≠ (amounts typed as text, years typed as "115年度", or data changed since), run the check again: the check is what counts.',
    incomeSection: "Operating income and subsidy (NT$)",
    memberSection: "Members",
    year: "Year",
    subsidy: "Subsidy",
    total: "Operating income",
    ratio: "Self-sufficiency ratio",
    met: "Income above subsidy",
    gap: "Gap to close",
    required: "Required year",
    incomeGrowth: "Income growth",
    agree: "Matches check",
    check: (what: string) => `Check: ${what}`,
    metYes: "Met",
    metNo: "Not met",
    requiredMark: "Required",
    agreeYes: "✔ matches",
    agreeNo: "≠ differs: run the check again",
    allMembers: "Whole list",
    listed: "Rows listed",
    counted: "Counted",
    excluded: "Not counted",
    duplicate: "Listed twice",
    paying: "Paying",
    free: "Free",
    international: "International",
    large: "Large",
    memberGrowth: "Member growth",
    noYears: "No years to show (fiscal year, income or subsidy history).",
    noMembers: "There is no members sheet.",
    chartTitle: "Operating income and subsidy",
    chartCategory: "Year",
    chartValue: "NT$",
    calcNote: "Written by the checker for the Summary's member counts; do not edit.",
  },
} as const;

export interface SummaryLayoutOptions {
  /** Names the two sheets get (default 營運摘要 / 營運摘要計算). */
  sheetNames?: { summary?: string; summaryCalc?: string };
  /** The date printed as "layouts" (default today). */
  generatedOn?: Date;
}

const IF = (condition: Formula, then: Formula, otherwise: Formula): Formula => fx.call("IF", condition, then, otherwise);
const EMPTY = fx.str("");

function nonEmpty(value: Formula): Formula {
  return fx.op(fx.call("LEN", fx.call("TRIM", value)), ">", fx.num(0));
}

/** A column below the header, to the last row: `'Sheet'!$E$3:$E$1048576`. */
function wholeColumn(table: InputTable, letter: string): Formula {
  return fx.ref(table.sheet, `$${letter}$${table.headerRow + 1}:$${letter}$${MAX_ROW}`);
}

function columnRange(table: InputTable, key: string): Formula | null {
  const letter = table.columns[key];
  return letter === undefined ? null : wholeColumn(table, letter);
}

/** A SUMIFS/COUNTIFS criterion matching exactly `text` (wildcards and operators escaped). */
function equalsCriterion(text: string): Formula {
  const escaped = text.replace(/[~*?]/g, (ch) => `~${ch}`);
  return fx.str(/^[=<>]/.test(escaped) ? `=${escaped}` : escaped);
}

function notEqualCriterion(text: string): Formula {
  return fx.str(`<>${text.replace(/[~*?]/g, (ch) => `~${ch}`)}`);
}

/**
 * SUMIFS patterns for the engine's total-row labels (see isTotalLabel): 合計/總計/小計 at the end
 * (人事費小計), and Total, Subtotal, Grand total at the start of a label (Total personnel).
 * The patterns never match the same text twice.
 */
export function totalLabelPatterns(): string[] {
  const patterns = ["*合計", "*總計", "*小計"];
  for (const word of ["total", "subtotal", "sub-total", "grandtotal", "grand total"]) patterns.push(word, `${word} *`, `${word}(*`);
  return patterns;
}

/** Whether a cell's text is a total-row label, as the engine decides it (one row of the calculation sheet). */
function isTotalText(cell: Formula): Formula {
  const text = fx.call("LOWER", fx.call("SUBSTITUTE", fx.call("TRIM", cell), fx.str("\u3000"), EMPTY));
  const endsWith = (word: string) => fx.op(fx.call("RIGHT", text, fx.num(2)), "=", fx.str(word));
  const startsWithWord = (word: string) =>
    fx.call(
      "AND",
      fx.op(fx.call("LEFT", text, fx.num(word.length)), "=", fx.str(word)),
      fx.call(
        "OR",
        fx.op(fx.call("LEN", text), "=", fx.num(word.length)),
        fx.call("ISERROR", fx.call("FIND", fx.call("MID", text, fx.num(word.length + 1), fx.num(1)), fx.str("abcdefghijklmnopqrstuvwxyz"))),
      ),
    );
  return fx.call(
    "OR",
    fx.call("AND", fx.op(fx.call("LEN", text), "<=", fx.num(14)), fx.call("OR", endsWith("合計"), endsWith("總計"), endsWith("小計"))),
    ...["total", "subtotal", "sub-total", "grandtotal", "grand total"].map(startsWithWord),
  );
}

/** Operating income of one type in one year: SUMIFS over every spelling and both year forms. */
function incomeFormula(table: InputTable, spellings: string[], year: number): Formula | null {
  const amount = columnRange(table, "amount");
  const type = columnRange(table, "type");
  const yearRange = columnRange(table, "year");
  if (!amount || !type || !yearRange) return null;
  const terms: Formula[] = [];
  for (const spelling of spellings) {
    // The engine reads a Gregorian year as the ROC year (2026 → 115).
    for (const typedYear of [year, year + 1911]) {
      terms.push(fx.call("SUMIFS", amount, type, equalsCriterion(spelling), yearRange, fx.num(typedYear)));
    }
  }
  return fx.sum(terms);
}

/** The budget's 補助款 total: every line item except self-funded ones and total rows. */
function budgetSubsidyFormula(table: InputTable, pack: RulePack): Formula | null {
  const amount = columnRange(table, "amount");
  if (!amount) return null;
  const funding = columnRange(table, "fundingSource");
  const notSelfFunded: Formula[] = [];
  if (funding) {
    for (const entry of pack.vocabularies.fundingSource) {
      if (entry.value === pack.defaults.subsidyFundingSource) continue;
      for (const spelling of spellingsOf(pack, "fundingSource", entry.value)) notSelfFunded.push(funding, notEqualCriterion(spelling));
    }
  }
  const all = notSelfFunded.length > 0 ? fx.call("SUMIFS", amount, ...notSelfFunded) : fx.call("SUM", amount);
  // Total rows carry no funding source in practice; leaving that test out of these terms keeps
  // the formula within Excel's 8,192 characters when labels sit in several columns.
  const totals = table.totalColumns.flatMap((letter) =>
    totalLabelPatterns().map((pattern) => fx.call("SUMIFS", amount, wholeColumn(table, letter), fx.str(pattern))),
  );
  return fx.op(all, "-", fx.sum(totals));
}

function subsidyFormula(inputs: SummaryInputs, pack: RulePack, year: number, planYear: number | null): Formula {
  const { plan, budget, subsidyHistory } = inputs.sheets;
  let fallback: Formula = EMPTY;
  if (year === planYear) {
    const budgetTotal = budget ? budgetSubsidyFormula(budget, pack) : null;
    const planCell = plan?.cells.subsidyRequested;
    const requested = plan && planCell ? fx.ref(plan.sheet, planCell) : null;
    if (requested) fallback = IF(fx.call("ISNUMBER", requested), requested, budgetTotal ?? EMPTY);
    else if (budgetTotal) fallback = budgetTotal;
  }
  const years = subsidyHistory ? columnRange(subsidyHistory, "year") : null;
  const amounts = subsidyHistory ? columnRange(subsidyHistory, "subsidy") : null;
  if (!years || !amounts) return fallback;
  let formula = fallback;
  // The 歷年補助款 entry wins; the year may be typed as ROC or Gregorian.
  for (const typedYear of [year + 1911, year]) {
    const found = fx.call("INDEX", amounts, fx.call("MATCH", fx.num(typedYear), years, fx.num(0)));
    formula = IF(fx.call("ISNUMBER", fx.call("IFERROR", found, EMPTY)), found, formula);
  }
  return formula;
}

interface MemberCalc {
  layout: SheetLayout;
  name: string;
  firstRow: number;
  lastRow: number;
  columns: {
    present: string;
    joinYear: string;
    eligible: string;
    paying: string;
    free: string;
    international: string;
    large: string;
    reasons: Record<string, string>;
  };
}

/** The hidden sheet with one formula row per member row. */
function memberCalcLayout(table: InputTable, pack: RulePack, planYear: number | null, name: string, language: Language): MemberCalc {
  const text = TEXT[language];
  const cellOf = (key: string, row: number): Formula | null => {
    const col = table.columns[key];
    return col === undefined ? null : fx.ref(table.sheet, `${col}${row}`);
  };
  const reasons = [...exclusionRules(pack), DUPLICATE_RULE];
  const headers = [
    "row",
    "present",
    "taxKey",
    "nameKey",
    "country",
    "orgType",
    "joinedTyped",
    "joinYear",
    ...reasons,
    "eligible",
    "paying",
    "free",
    "international",
    "size",
    "large",
  ];
  const col = (header: string): number => headers.indexOf(header) + 1;
  const L = (header: string): string => letter(col(header));
  const cells: LayoutCell[] = headers.map((header, index) => valueCell(1, index + 1, header, ["header"]));

  // Lookup tables (spelling → canonical value) to the right of the rows.
  const lookups: { key: "country" | "organizationType" | "companySize"; at: number }[] = [];
  let next = headers.length + 2;
  const lookupRange: Record<string, { spellings: Formula; values: Formula }> = {};
  for (const key of ["country", "organizationType", "companySize"] as const) {
    const spellings = vocabularySpellings(pack, key);
    cells.push(valueCell(1, next, `${key}`, ["header"]), valueCell(1, next + 1, "value", ["header"]));
    spellings.forEach((spelling, index) => {
      cells.push(valueCell(index + 2, next, spelling.text, ["text"]), valueCell(index + 2, next + 1, spelling.value, ["text"]));
    });
    const last = spellings.length + 1;
    lookupRange[key] = {
      spellings: fx.ref(null, `$${letter(next)}$2:$${letter(next)}$${last}`),
      values: fx.ref(null, `$${letter(next + 1)}$2:$${letter(next + 1)}$${last}`),
    };
    lookups.push({ key, at: next });
    next += 3;
  }
  const lookup = (key: string, value: Formula, fallback: Formula): Formula => {
    const range = lookupRange[key]!;
    return fx.call("IFERROR", fx.call("INDEX", range.values, fx.call("MATCH", fx.call("TRIM", value), range.spellings, fx.num(0))), fallback);
  };

  const known = Object.keys(table.columns);
  const firstRow = 2;
  const rows = table.lastRow - table.headerRow + MEMBER_ROWS_BUFFER;
  const lastRow = firstRow + rows - 1;
  const sizeRule = pack.rules["MEM-SIZE-DERIVED"].params;
  const planYearValue = fx.num(planYear ?? 0);

  for (let i = 0; i < rows; i += 1) {
    const row = firstRow + i;
    const source = table.headerRow + 1 + i;
    const here = (header: string): Formula => fx.ref(null, `${L(header)}${row}`);
    const present = here("present");
    const whenPresent = (formula: Formula, otherwise: Formula = fx.num(0)): Formula => IF(fx.op(present, "=", fx.num(1)), formula, otherwise);
    const put = (header: string, formula: Formula): void => {
      cells.push(formulaCell(row, col(header), formula));
    };
    cells.push(valueCell(row, col("row"), source));

    const isTotal = fx.call("OR", ...table.totalColumns.map((letter) => isTotalText(fx.ref(table.sheet, `${letter}${source}`))));
    const anyValue = fx.call("OR", ...known.map((key) => nonEmpty(cellOf(key, source)!)));
    // A header row repeated further down (a second printed page) is not a member.
    const headerMatches = Object.entries(table.headerTexts).map(([key, header]) =>
      fx.toNumber(fx.op(fx.call("TRIM", cellOf(key, source)!), "=", fx.str(header))),
    );
    const repeatsHeader = fx.op(fx.sum(headerMatches), ">=", fx.num(Math.min(3, headerMatches.length)));
    put("present", IF(fx.call("AND", fx.call("NOT", isTotal), fx.call("NOT", repeatsHeader), anyValue), fx.num(1), fx.num(0)));

    const taxId = cellOf("taxId", source);
    put(
      "taxKey",
      taxId
        ? whenPresent(
            IF(
              fx.call("ISNUMBER", taxId),
              IF(
                fx.call("AND", fx.op(taxId, ">=", fx.num(0)), fx.op(taxId, "=", fx.call("INT", taxId))),
                fx.call("TEXT", taxId, fx.str("00000000")),
                fx.op(taxId, "&", EMPTY),
              ),
              fx.call("SUBSTITUTE", fx.call("SUBSTITUTE", fx.call("TRIM", taxId), fx.str(" "), EMPTY), fx.str("-"), EMPTY),
            ),
            EMPTY,
          )
        : EMPTY,
    );

    const company = cellOf("company", source);
    let nameKey: Formula = company ? fx.call("TRIM", company) : EMPTY;
    for (const [from, to] of [
      [" ", ""],
      ["\u3000", ""],
      ["臺", "台"], // glossary: input
      ["（", "("],
      ["）", ")"],
      ["(股)公司", "股份有限公司"],
      ["(股)", "股份有限公司"],
    ] as const) {
      nameKey = fx.call("SUBSTITUTE", nameKey, fx.str(from), fx.str(to));
    }
    put("nameKey", company ? whenPresent(fx.call("LOWER", nameKey), EMPTY) : EMPTY);

    const country = cellOf("country", source);
    const defaultCountry = fx.str(pack.defaults.country);
    put("country", whenPresent(country ? IF(nonEmpty(country), lookup("country", country, fx.str("?")), defaultCountry) : defaultCountry, EMPTY));

    const orgType = cellOf("orgType", source);
    const defaultOrg = fx.str(pack.defaults.organizationType);
    put("orgType", whenPresent(orgType ? IF(nonEmpty(orgType), lookup("organizationType", orgType, fx.str("?")), defaultOrg) : defaultOrg, EMPTY));

    const joined = cellOf("yearJoined", source);
    if (joined) {
      let typed: Formula = fx.call("LOWER", fx.call("TRIM", joined));
      for (const word of ["中華民國", "民國", "年度", "年", "roc", "fy"]) typed = fx.call("SUBSTITUTE", typed, fx.str(word), EMPTY);
      put(
        "joinedTyped",
        whenPresent(IF(nonEmpty(joined), IF(fx.call("ISNUMBER", joined), joined, fx.call("IFERROR", fx.call("VALUE", typed), EMPTY)), EMPTY), EMPTY),
      );
    } else {
      put("joinedTyped", EMPTY);
    }
    // As the engine: a Gregorian year becomes ROC; an empty or unreadable year is the plan's year.
    const typedYear = here("joinedTyped");
    put(
      "joinYear",
      whenPresent(
        IF(
          fx.op(typedYear, "=", EMPTY),
          planYearValue,
          IF(
            fx.call(
              "AND",
              fx.op(typedYear, ">=", fx.num(1912)),
              fx.op(typedYear, "<=", fx.num(2200)),
              fx.op(typedYear, "=", fx.call("INT", typedYear)),
            ),
            fx.op(typedYear, "-", fx.num(1911)),
            IF(
              fx.call(
                "AND",
                fx.op(typedYear, ">=", fx.num(1)),
                fx.op(typedYear, "<=", fx.num(300)),
                fx.op(typedYear, "=", fx.call("INT", typedYear)),
              ),
              typedYear,
              planYearValue,
            ),
          ),
        ),
        EMPTY,
      ),
    );

    for (const rule of exclusionRules(pack)) {
      const params = pack.rules[rule].params as { organizationTypes?: string[]; countries?: string[] };
      const tests: Formula[] = [
        ...(params.organizationTypes ?? []).map((value) => fx.op(here("orgType"), "=", fx.str(value))),
        ...(params.countries ?? []).map((value) => fx.op(here("country"), "=", fx.str(value))),
      ];
      put(rule, tests.length === 0 ? fx.num(0) : whenPresent(IF(fx.call("OR", ...tests), fx.num(1), fx.num(0))));
    }

    // A later row repeating an earlier tax ID, or an earlier name in the same country.
    if (i === 0) {
      put(DUPLICATE_RULE, fx.num(0));
    } else {
      const above = (header: string): Formula => fx.ref(null, `${L(header)}$${firstRow}:${L(header)}${row - 1}`);
      const sameTaxId = fx.call(
        "AND",
        fx.op(here("taxKey"), "<>", EMPTY),
        fx.op(fx.call("SUMPRODUCT", fx.toNumber(fx.op(above("taxKey"), "=", here("taxKey")))), ">", fx.num(0)),
      );
      const sameName = fx.call(
        "AND",
        fx.op(here("nameKey"), "<>", EMPTY),
        fx.op(
          fx.call(
            "SUMPRODUCT",
            fx.toNumber(fx.op(above("nameKey"), "=", here("nameKey"))),
            fx.toNumber(fx.op(above("country"), "=", here("country"))),
          ),
          ">",
          fx.num(0),
        ),
      );
      put(DUPLICATE_RULE, whenPresent(IF(fx.call("OR", sameTaxId, sameName), fx.num(1), fx.num(0))));
    }

    put("eligible", whenPresent(IF(fx.call("AND", ...reasons.map((rule) => fx.op(here(rule), "=", fx.num(0)))), fx.num(1), fx.num(0))));

    const fee = cellOf("fee", source);
    const feeTest = (comparison: "<=" | ">", whenEmpty: number): Formula => {
      if (!fee) return whenPresent(fx.num(whenEmpty));
      const typed = fx.call("VALUE", fx.call("SUBSTITUTE", fx.call("TRIM", fee), fx.str(","), EMPTY));
      return whenPresent(
        IF(
          fx.call("NOT", nonEmpty(fee)),
          fx.num(whenEmpty),
          IF(
            fx.call("ISNUMBER", fee),
            IF(fx.op(fee, comparison, fx.num(0)), fx.num(1), fx.num(0)),
            fx.call("IFERROR", IF(fx.op(typed, comparison, fx.num(0)), fx.num(1), fx.num(0)), fx.num(0)),
          ),
        ),
      );
    };
    put("paying", feeTest(">", 0));
    put("free", feeTest("<=", 1));
    put("international", whenPresent(IF(fx.op(here("country"), "=", defaultCountry), fx.num(0), fx.num(1))));

    const size = cellOf("size", source);
    put("size", size ? whenPresent(IF(nonEmpty(size), lookup("companySize", size, fx.str("?")), EMPTY), EMPTY) : EMPTY);
    const capital = cellOf("capital", source);
    const employees = cellOf("employees", source);
    const derived =
      capital && employees
        ? IF(
            fx.call(
              "AND",
              fx.call("ISNUMBER", capital),
              fx.call("ISNUMBER", employees),
              fx.op(capital, ">", fx.num(sizeRule.largeCapitalAbove)),
              fx.op(employees, ">=", fx.num(sizeRule.largeEmployeesAtLeast)),
            ),
            fx.num(1),
            fx.num(0),
          )
        : fx.num(0);
    const large = IF(fx.op(here("size"), "=", fx.str(pack.defaults.largeSize)), fx.num(1), fx.num(0));
    put("large", whenPresent(size ? IF(nonEmpty(size), large, derived) : derived));
  }

  cells.push(valueCell(lastRow + 2, 1, text.calcNote, ["note"]));
  const reasonColumns: Record<string, string> = {};
  for (const rule of reasons) reasonColumns[rule] = L(rule);
  return {
    name,
    firstRow,
    lastRow,
    layout: {
      kind: "summaryCalc",
      name,
      cells,
      columns: [{ column: col("nameKey"), width: 24 }, ...lookups.map((lookupColumn) => ({ column: lookupColumn.at, width: 20 }))],
      frozen: { rows: 1 },
      hidden: true,
    },
    columns: {
      present: L("present"),
      joinYear: L("joinYear"),
      eligible: L("eligible"),
      paying: L("paying"),
      free: L("free"),
      international: L("international"),
      large: L("large"),
      reasons: reasonColumns,
    },
  };
}

/** ROUND(N(a),0)=ROUND(N(b),0) for each pair: do the live figures still match the check? */
function agreement(pairs: [string, string][], language: Language): Formula {
  const text = TEXT[language];
  const tests = pairs.map(([live, check]) =>
    fx.op(fx.call("ROUND", fx.call("N", fx.ref(null, live)), fx.num(0)), "=", fx.call("ROUND", fx.call("N", fx.ref(null, check)), fx.num(0))),
  );
  return IF(fx.call("AND", ...tests), fx.str(text.agreeYes), fx.str(text.agreeNo));
}

function lastVisibleColumn(last: number, hidden: ReadonlySet<number>): number {
  let column = last;
  while (column > 1 && hidden.has(column)) column -= 1;
  return column;
}

const FINANCE_TEXT = {
  "zh-TW": {
    section: "經費（新臺幣元）",
    note: "以下為檢核當時經費表的數值。",
    category: "科目",
    subsidy: "補助款",
    matching: "自籌款",
    total: "合計",
    noCategory: "未填科目",
    overhead: "管理費（補助款）",
    base: "計算基礎",
    equipment: (cap: string) => `研究設備費（以 ${cap} 元為限）`,
    rate: "管理費費率",
    rateSource: (fromPlan: boolean) => (fromPlan ? "依計畫資訊" : "依規則預設"),
    allowed: "可列管理費",
    over: (amount: string) => `超出 ${amount} 元`,
    noOverhead: "經費表沒有管理費。",
    cap: "補助上限",
    used: "補助款合計",
    share: "已用比例",
  },
  en: {
    section: "Budget (NT$)",
    note: "Figures of the budget sheet at the time of the check.",
    category: "Category",
    subsidy: "Subsidy",
    matching: "Matching funds",
    total: "Total",
    noCategory: "No category",
    overhead: "Overhead (subsidy)",
    base: "Overhead base",
    equipment: (cap: string) => `Equipment (counted up to NT$${cap})`,
    rate: "Overhead rate",
    rateSource: (fromPlan: boolean) => (fromPlan ? "from the plan sheet" : "the rules' default"),
    allowed: "Overhead allowed",
    over: (amount: string) => `NT$${amount} over`,
    noOverhead: "The budget has no overhead line.",
    cap: "Subsidy cap",
    used: "Subsidy total",
    share: "Share used",
  },
} as const;

/**
 * The finance section (values of the check, from result.summary.budget): amounts by 科目 and by
 * 經費來源 with totals; the overhead against its base, the base as its parts, the rate and the
 * amount allowed; the subsidy cap and the share of it used. Returns the last row written.
 */
function financeSection(cells: LayoutCell[], top: number, result: ValidationResult, language: Language): number {
  const budget = result.summary.budget;
  if (!budget) return top - 2;
  const text = FINANCE_TEXT[language];
  const pack = packOf(result);
  const categoryLabel = (category: string | null) =>
    category === null ? text.noCategory : (pack.vocabularies.budgetCategory.find((entry) => entry.value === category)?.label[language] ?? category);
  const put = (row: number, column: number, value: LayoutValue, styles?: StyleKey[]) => cells.push(valueCell(row, column, value, styles));
  let row = top;
  put(row++, 1, text.section, ["section"]);
  put(row++, 1, text.note, ["note"]);
  [text.category, text.subsidy, text.matching, text.total].forEach((header, index) => put(row, index + 1, header, ["header"]));
  row += 1;
  for (const line of budget.byCategory) {
    put(row, 1, categoryLabel(line.category));
    put(row, 2, line.subsidy, ["number"]);
    put(row, 3, line.matching, ["number"]);
    put(row, 4, line.total, ["number"]);
    row += 1;
  }
  put(row, 1, text.total, ["label"]);
  put(row, 2, budget.subsidyTotal, ["number", "label"]);
  put(row, 3, budget.matchingTotal, ["number", "label"]);
  put(row, 4, budget.total, ["number", "label"]);
  row += 2;

  const overhead = budget.overhead;
  if (!overhead) put(row++, 1, text.noOverhead, ["note"]);
  else {
    put(row, 1, text.overhead, ["label"]);
    put(row++, 2, overhead.amount, ["number"]);
    put(row, 1, text.base, ["label"]);
    put(row++, 2, overhead.base, ["number"]);
    for (const part of overhead.baseParts) {
      put(row, 1, `\u3000${categoryLabel(part.category)}`);
      put(row++, 2, part.amount, ["number"]);
    }
    if (overhead.equipment > 0) {
      put(row, 1, `\u3000${text.equipment(overhead.equipmentBaseCap.toLocaleString("en-US"))}`);
      put(row++, 2, overhead.equipmentInBase, ["number"]);
    }
    put(row, 1, text.rate, ["label"]);
    put(row, 2, overhead.rate, ["percent"]);
    put(row++, 3, text.rateSource(overhead.rateFromPlan), ["note"]);
    put(row, 1, text.allowed, ["label"]);
    put(row, 2, overhead.allowed, ["number"]);
    if (overhead.amount > overhead.allowed) put(row, 3, text.over((overhead.amount - overhead.allowed).toLocaleString("en-US")), ["attention"]);
    row += 1;
  }
  row += 1;
  put(row, 1, text.cap, ["label"]);
  put(row++, 2, budget.cap.limit, ["number"]);
  put(row, 1, text.used, ["label"]);
  put(row++, 2, budget.cap.used, ["number"]);
  put(row, 1, text.share, ["label"]);
  put(row, 2, budget.cap.share ?? null, ["percent", ...(budget.cap.share !== null && budget.cap.share > 1 ? (["attention"] as StyleKey[]) : [])]);
  return row;
}

/**
 * The summary sheet and, when the workbook has a members sheet, the hidden sheet its member counts
 * are computed on. `inputs` comes from describeSummaryInputs (positions of the input data).
 */
export function summaryLayouts(
  result: ValidationResult,
  language: Language,
  inputs: SummaryInputs,
  options: SummaryLayoutOptions = {},
): SheetLayout[] {
  const text = TEXT[language];
  const pack = packOf(result);
  const summaryName = options.sheetNames?.summary ?? GENERATED_SHEET_NAMES.summary[language];
  const calcName = options.sheetNames?.summaryCalc ?? GENERATED_SHEET_NAMES.summaryCalc[language];
  const planYear = result.plan.fiscalYear;
  const years = result.summary.years;
  const cells: LayoutCell[] = [];
  const hiddenColumns = new Set<number>();
  const put = (row: number, column: number, value: LayoutValue, styles?: StyleKey[]) => cells.push(valueCell(row, column, value, styles));
  const putFormula = (row: number, column: number, formula: Formula, cached: LayoutValue, styles?: StyleKey[]) =>
    cells.push(formulaCell(row, column, formula, cached, styles));

  // Title.
  const plan = result.plan;
  put(1, 1, plan.title ? `${text.title}：${plan.title}` : text.title, ["title"]);
  const fiscal = plan.fiscalYear !== null ? text.fiscalYear(plan.fiscalYear) : "—";
  const phase = plan.phase !== null && plan.yearInPhase !== null ? text.phase(plan.phase, plan.yearInPhase) : "—";
  // The rule pack as people name it (115年度規則), the date in the sheet's language (ROC in zh-TW).
  const rules = result.rulePack === null ? "—" : packLabel(pack, language);
  put(2, 1, text.subtitle(fiscal, phase, rules, displayDate(options.generatedOn ?? new Date(), language)), ["subtitle"]);
  put(3, 1, text.explanation, ["note"]);

  // Operating income against subsidy, one row per year.
  const types = pack.vocabularies.incomeType;
  let row = 5;
  put(row, 1, text.incomeSection, ["section"]);
  row += 1;
  const incomeHeaderRow = row;
  const c = {
    year: 1,
    subsidy: 2,
    firstType: 3,
    total: 3 + types.length,
    ratio: 4 + types.length,
    met: 5 + types.length,
    gap: 6 + types.length,
    required: 7 + types.length,
    growth: 8 + types.length,
    agree: 9 + types.length,
    checkSubsidy: 10 + types.length,
    checkFirstType: 11 + types.length,
    checkTotal: 11 + 2 * types.length,
  };
  const incomeHeaders: [number, string][] = [
    [c.year, text.year],
    [c.subsidy, text.subsidy],
    ...types.map((type, index): [number, string] => [c.firstType + index, type.label[language]]),
    [c.total, text.total],
    [c.ratio, text.ratio],
    [c.met, text.met],
    [c.gap, text.gap],
    [c.required, text.required],
    [c.growth, text.incomeGrowth],
    [c.agree, text.agree],
    [c.checkSubsidy, text.check(text.subsidy)],
    ...types.map((type, index): [number, string] => [c.checkFirstType + index, text.check(type.label[language])]),
    [c.checkTotal, text.check(text.total)],
  ];
  for (const [column, header] of incomeHeaders) put(row, column, header, ["header"]);
  for (let column = c.checkSubsidy; column <= c.checkTotal; column += 1) hiddenColumns.add(column);

  const income = inputs.sheets.income;
  const firstYearRow = row + 1;
  years.forEach((figures: YearFigures, index) => {
    const r = firstYearRow + index;
    const at = (column: number) => toA1(r, column);
    put(r, c.year, figures.year, ["year"]);
    putFormula(r, c.subsidy, subsidyFormula(inputs, pack, figures.year, planYear), figures.subsidy, ["number"]);
    types.forEach((type, t) => {
      const formula = income ? incomeFormula(income, spellingsOf(pack, "incomeType", type.value), figures.year) : null;
      const engineValue = figures.incomeByType[type.value] ?? 0;
      if (formula) putFormula(r, c.firstType + t, formula, engineValue, ["number"]);
      else put(r, c.firstType + t, 0, ["number"]);
      put(r, c.checkFirstType + t, engineValue, ["number", "check"]);
    });
    putFormula(r, c.total, fx.call("SUM", fx.ref(null, `${at(c.firstType)}:${at(c.total - 1)}`)), figures.operatingIncome, ["number", "label"]);
    const subsidy = fx.ref(null, at(c.subsidy));
    const total = fx.ref(null, at(c.total));
    const hasSubsidy = fx.call("ISNUMBER", subsidy);
    putFormula(
      r,
      c.ratio,
      IF(fx.call("AND", hasSubsidy, fx.op(fx.call("N", subsidy), "<>", fx.num(0))), fx.op(total, "/", subsidy), EMPTY),
      figures.subsidy ? figures.operatingIncome / figures.subsidy : "",
      ["percent"],
    );
    putFormula(
      r,
      c.met,
      IF(hasSubsidy, IF(fx.op(total, ">", subsidy), fx.str(text.metYes), fx.str(text.metNo)), EMPTY),
      figures.subsidy === null ? "" : figures.operatingIncome > figures.subsidy ? text.metYes : text.metNo,
      ["ok"],
    );
    putFormula(
      r,
      c.gap,
      IF(hasSubsidy, fx.call("MAX", fx.num(0), fx.op(subsidy, "-", total)), EMPTY),
      figures.subsidy === null ? "" : Math.max(0, figures.subsidy - figures.operatingIncome),
      ["number"],
    );
    put(r, c.required, figures.required ? text.requiredMark : null, ["attention"]);
    const previous = index > 0 ? years[index - 1] : undefined;
    if (previous && previous.year === figures.year - 1) {
      const before = fx.ref(null, toA1(r - 1, c.total));
      putFormula(
        r,
        c.growth,
        IF(fx.op(before, ">", fx.num(0)), fx.op(fx.op(total, "/", before), "-", fx.num(1)), EMPTY),
        previous.operatingIncome > 0 ? figures.operatingIncome / previous.operatingIncome - 1 : "",
        ["percent"],
      );
    }
    put(r, c.checkSubsidy, figures.subsidy, ["number", "check"]);
    put(r, c.checkTotal, figures.operatingIncome, ["number", "check"]);
    const pairs: [string, string][] = [
      [at(c.subsidy), at(c.checkSubsidy)],
      ...types.map((_, t): [string, string] => [at(c.firstType + t), at(c.checkFirstType + t)]),
      [at(c.total), at(c.checkTotal)],
    ];
    putFormula(r, c.agree, agreement(pairs, language), text.agreeYes, ["ok"]);
  });
  if (years.length === 0) put(firstYearRow, 1, text.noYears, ["note"]);
  const lastYearRow = firstYearRow + Math.max(years.length, 1) - 1;

  // The chart of income against subsidy goes right below its table (printed on the same page),
  // the members below the chart.
  const chartTop = lastYearRow + 2;
  const CHART_ROWS = 18;

  // Members.
  row = years.length > 0 ? chartTop + CHART_ROWS + 2 : lastYearRow + 2;
  put(row, 1, text.memberSection, ["section"]);
  row += 1;
  const layouts: SheetLayout[] = [];
  const membersTable = inputs.sheets.members;
  let lastMemberRow = row;
  if (!membersTable || !inputs.members) {
    put(row, 1, text.noMembers, ["note"]);
  } else {
    const calc = memberCalcLayout(membersTable, pack, planYear, calcName, language);
    layouts.push(calc.layout);
    const reasons: RuleId[] = [...exclusionRules(pack), DUPLICATE_RULE];
    const m = {
      label: 1,
      listed: 2,
      counted: 3,
      excluded: 4,
      firstReason: 5,
      paying: 5 + reasons.length,
      free: 6 + reasons.length,
      international: 7 + reasons.length,
      large: 8 + reasons.length,
      growth: 9 + reasons.length,
      agree: 10 + reasons.length,
      checkFirst: 11 + reasons.length,
    };
    type Figure = "listed" | "counted" | "excluded" | "paying" | "free" | "international" | "large";
    const figureColumns: [Figure, number][] = [
      ["listed", m.listed],
      ["counted", m.counted],
      ["excluded", m.excluded],
      ["paying", m.paying],
      ["free", m.free],
      ["international", m.international],
      ["large", m.large],
    ];
    const checkColumn = (index: number) => m.checkFirst + index;
    const checked: [string, number][] = [
      ...figureColumns.map(([figure, column]): [string, number] => [figure, column]),
      ...reasons.map((rule, index): [string, number] => [rule, m.firstReason + index]),
    ];
    const figureHeaders: [number, string][] = [
      [m.listed, text.listed],
      [m.counted, text.counted],
      [m.excluded, text.excluded],
      ...reasons.map((rule, index): [number, string] => [
        m.firstReason + index,
        rule === DUPLICATE_RULE ? text.duplicate : ruleTitle(rule, language, pack),
      ]),
      [m.paying, text.paying],
      [m.free, text.free],
      [m.international, text.international],
      [m.large, text.large],
    ];
    const headerOf = new Map(figureHeaders);
    const memberHeaders: [number, string][] = [
      [m.label, text.year],
      ...figureHeaders,
      [m.growth, text.memberGrowth],
      [m.agree, text.agree],
      ...checked.map(([, column], index): [number, string] => [checkColumn(index), text.check(headerOf.get(column) ?? "")]),
    ];
    for (const [column, header] of memberHeaders) put(row, column, header, ["header"]);
    checked.forEach((_, index) => hiddenColumns.add(checkColumn(index)));

    const range = (columnLetter: string) => fx.ref(calc.name, `$${columnLetter}$${calc.firstRow}:$${columnLetter}$${calc.lastRow}`);
    const one = fx.num(1);
    const countIf = (criteria: [string, Formula][]): Formula =>
      fx.call("COUNTIFS", ...criteria.flatMap(([column, criterion]) => [range(column), criterion]));

    const memberRow = (r: number, label: LayoutValue, year: number | null, figures: MemberFigures, growthFrom: MemberFigures | null) => {
      const joined: [string, Formula][] = year === null ? [] : [[calc.columns.joinYear, fx.str(`<=${year}`)]];
      const at = (column: number) => toA1(r, column);
      put(r, m.label, label, year === null ? ["label"] : ["year"]);
      putFormula(r, m.listed, countIf([[calc.columns.present, one], ...joined]), figures.listed, ["integer"]);
      putFormula(r, m.counted, countIf([[calc.columns.eligible, one], ...joined]), figures.counted, ["integer", "label"]);
      putFormula(r, m.excluded, fx.op(fx.ref(null, at(m.listed)), "-", fx.ref(null, at(m.counted))), figures.excluded, ["integer"]);
      reasons.forEach((rule, index) => {
        putFormula(
          r,
          m.firstReason + index,
          countIf([[calc.columns.present, one], [calc.columns.reasons[rule]!, one], ...joined]),
          figures.byReason[rule] ?? 0,
          ["integer"],
        );
      });
      const counted: [string, Formula][] = [[calc.columns.eligible, one], ...joined];
      putFormula(r, m.paying, countIf([...counted, [calc.columns.paying, one]]), figures.paying, ["integer"]);
      putFormula(r, m.free, countIf([...counted, [calc.columns.free, one]]), figures.free, ["integer"]);
      putFormula(r, m.international, countIf([...counted, [calc.columns.international, one]]), figures.international, ["integer"]);
      putFormula(r, m.large, countIf([...counted, [calc.columns.large, one]]), figures.large, ["integer"]);
      if (growthFrom) {
        const before = fx.ref(null, toA1(r - 1, m.counted));
        const now = fx.ref(null, at(m.counted));
        putFormula(
          r,
          m.growth,
          IF(fx.op(before, ">", fx.num(0)), fx.op(fx.op(now, "/", before), "-", fx.num(1)), EMPTY),
          growthFrom.counted > 0 ? figures.counted / growthFrom.counted - 1 : "",
          ["percent"],
        );
      }
      const engineValue = (key: string): number => (key in figures.byReason ? figures.byReason[key]! : (figures[key as Figure] as number));
      checked.forEach(([key], index) => put(r, checkColumn(index), engineValue(key), ["integer", "check"]));
      putFormula(
        r,
        m.agree,
        agreement(
          checked.map(([, column], index): [string, string] => [at(column), at(checkColumn(index))]),
          language,
        ),
        text.agreeYes,
        ["ok"],
      );
    };

    let r = row + 1;
    memberRow(r, text.allMembers, null, inputs.members.all, null);
    years.forEach((figures, index) => {
      r += 1;
      const yearFigures = inputs.members!.byYear[figures.year];
      if (!yearFigures) return;
      const previous = index > 0 ? years[index - 1] : undefined;
      const growthFrom = previous && previous.year === figures.year - 1 ? (inputs.members!.byYear[previous.year] ?? null) : null;
      memberRow(r, figures.year, figures.year, yearFigures, growthFrom);
    });
    lastMemberRow = r;
  }

  // Chart of operating income against subsidy, below the tables.
  const charts: ChartLayout[] = [];
  if (years.length > 0) {
    const top = chartTop;
    const yearsRange = `$A$${firstYearRow}:$A$${lastYearRow}`;
    const columnRangeOf = (column: number) => {
      const colLetter = letter(column);
      return `$${colLetter}$${firstYearRow}:$${colLetter}$${lastYearRow}`;
    };
    charts.push({
      type: "clusteredColumn",
      title: text.chartTitle,
      categories: { range: yearsRange, cache: years.map((figures) => String(figures.year)) },
      series: [
        {
          name: { cell: `$${letter(c.total)}$${incomeHeaderRow}`, text: text.total },
          values: { range: columnRangeOf(c.total), cache: years.map((figures) => figures.operatingIncome) },
        },
        {
          name: { cell: `$${letter(c.subsidy)}$${incomeHeaderRow}`, text: text.subsidy },
          values: { range: columnRangeOf(c.subsidy), cache: years.map((figures) => figures.subsidy) },
        },
      ],
      from: { row: top, column: 1 },
      to: { row: top + CHART_ROWS, column: 10 },
      axisTitles: { category: text.chartCategory, value: text.chartValue },
    });
  }

  // The budget as a finance officer reads it: by 科目 and 經費來源, the overhead against its base, the cap used.
  const lastFinanceRow = financeSection(cells, lastMemberRow + 2, result, language);

  const widths: { column: number; width?: number; hidden?: boolean }[] = [{ column: 1, width: 16 }];
  // A loop, not Math.max(...cells): spreading the cells of 100,000 rows overflows the call stack.
  let lastColumn = c.checkTotal;
  for (const cell of cells) if (cell.column > lastColumn) lastColumn = cell.column;
  for (let column = 2; column <= lastColumn; column += 1) {
    widths.push(hiddenColumns.has(column) ? { column, width: 14, hidden: true } : { column, width: 13 });
  }
  const summary: SheetLayout = {
    kind: "summary",
    name: summaryName,
    cells,
    columns: widths,
    charts,
    tabColor: "#107C10",
    // Landscape, one page wide: the chart sits inside the printed columns, below its table.
    print: {
      orientation: "landscape",
      fit: { width: 1, height: 0 },
      area: `A1:${letter(lastVisibleColumn(lastColumn, hiddenColumns))}${Math.max(lastFinanceRow, lastMemberRow, chartTop + CHART_ROWS)}`,
    },
  };
  return [summary, ...layouts];
}
