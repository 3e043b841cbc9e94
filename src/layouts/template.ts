/**
 * The fill-in template: the five input sheets with the contract's headers (zh-TW names, or the
 * English aliases in an English template), dropdowns offering exactly the pack's vocabularies,
 * number formats, frozen header rows, and an instructions sheet in both languages.
 */
import { columnLetters } from "../engine/address";
import {
  BUDGET_SHEET,
  GENERATED_SHEETS,
  INCOME_SHEET,
  MEMBERS_SHEET,
  PLAN_SHEET,
  SUBSIDY_HISTORY_SHEET,
  TableSheetDefinition,
} from "../engine/contract";
import type { Bilingual, ColumnDefinition } from "../engine/contract";
import type { Language } from "../engine/types";
import { catalogueRulePack } from "../rules";
import type { RuleId, RulePack, VocabularyName } from "../rules/schema";
import { COLUMN_HELP, TEMPLATE_TEXT } from "./help";
import type { DefinedNameLayout, Formula, LayoutCell, LayoutValue, ListValidation, PrintLayout, SheetLayout, StyleKey, TableLayout, TemplateSheetKind } from "./layout";
import { fittedRowHeights, formulaCell, fx, valueCell } from "./layout";
import { dropdownValues } from "./vocabulary";

/** Rows of each table that get dropdowns and number formats. */
export const TEMPLATE_ROWS = 1000;
/** Excel's limit on the text of an inline list. */
export const MAX_INLINE_LIST = 255;

export const TABLE_NAMES: Readonly<Record<TableSheetDefinition["key"], string>> = {
  budget: "Budget",
  members: "Members",
  income: "Income",
  subsidyHistory: "SubsidyHistory",
};

const LISTS_SHEET: Bilingual = { "zh-TW": "選項清單", en: "Lists" };

const COLUMN_STYLES: Partial<Record<ColumnDefinition["kind"], StyleKey[]>> = {
  number: ["number"],
  year: ["year"],
  taxId: ["text"],
  date: ["date"],
};

const WIDTHS: Partial<Record<ColumnDefinition["kind"], number>> = { number: 14, year: 10, taxId: 12, date: 12 };

/** An inline list is safe when it fits Excel's limit and no value holds a comma or a quote. */
export function fitsInline(values: readonly string[]): boolean {
  return values.join(",").length + 2 <= MAX_INLINE_LIST && values.every((value) => !/[,"]/.test(value));
}

interface ListsCollector {
  /** Vocabulary name → defined name of its range on the lists sheet. */
  names: Map<VocabularyName, string>;
  columns: { vocabulary: VocabularyName; values: string[] }[];
}

function listValidation(
  range: string,
  values: string[],
  vocabulary: VocabularyName | null,
  lists: ListsCollector,
  language: Language,
): ListValidation {
  const text = TEMPLATE_TEXT[language];
  let source: ListValidation["source"] = { kind: "inline" };
  if (vocabulary !== null && !fitsInline(values)) {
    let name = lists.names.get(vocabulary);
    if (name === undefined) {
      name = `AllianceCheck_List_${vocabulary}`;
      lists.names.set(vocabulary, name);
      lists.columns.push({ vocabulary, values });
    }
    source = { kind: "name", name };
  }
  return { range, values, source, error: { title: text.validationTitle, text: text.validationText } };
}

function headerNote(label: Bilingual, help: Bilingual | undefined, language: Language): string {
  const other: Language = language === "zh-TW" ? "en" : "zh-TW";
  const text = TEMPLATE_TEXT[language];
  const lines = [`${text.notePrefix}: ${label[other]}`];
  if (help) lines.push(help[language], help[other]);
  return lines.join("\n");
}

/** Every template sheet prints landscape on A4, one page wide, its header row on every page. */
function printLayout(headerRow: number | null, lastColumn: number, lastRow: number): PrintLayout {
  return {
    orientation: "landscape",
    fit: { width: 1, height: 0 },
    ...(headerRow !== null ? { titleRows: { first: headerRow, last: headerRow } } : {}),
    area: `A1:${columnLetters(lastColumn)}${lastRow}`,
  };
}

function widthsOf(layout: Pick<SheetLayout, "columns">): Map<number, number> {
  return new Map((layout.columns ?? []).map((column) => [column.column, column.width ?? 8.43]));
}

/**
 * Example rows, above the header row: the engine reads data below its header only, so examples
 * never count, and a person who leaves them in changes nothing. Values by column key; the
 * vocabulary values are the zh-TW labels the dropdowns offer.
 */
type ExampleRow = Record<string, LayoutValue | "amount-formula">;

const EXAMPLES: Readonly<Record<TableSheetDefinition["key"], Record<Language, ExampleRow[]>>> = {
  budget: {
    "zh-TW": [
      { category: "人事費", item: "專任助理", description: "會員服務及活動聯繫", staffType: "專任助理", degree: "學士", name: "王小明", unitCost: 36_000, quantity: 1, months: 12, amount: "amount-formula", fundingSource: "補助款" },
      { category: "業務費", item: "技術推廣說明會", description: "場地租金及講義印刷", unitCost: 25_000, quantity: 2, amount: "amount-formula", fundingSource: "自籌" },
    ],
    en: [
      { category: "人事費", item: "Full-time assistant", description: "Member services and events", staffType: "專任助理", degree: "學士", name: "Wang Hsiao-ming", unitCost: 36_000, quantity: 1, months: 12, amount: "amount-formula", fundingSource: "補助款" },
      { category: "業務費", item: "Technology briefing", description: "Venue and handouts", unitCost: 25_000, quantity: 2, amount: "amount-formula", fundingSource: "自籌" },
    ],
  },
  members: {
    "zh-TW": [{ company: "甲科技股份有限公司", taxId: "04595257", orgType: "公司", size: "中小企業", capital: 50_000_000, employees: 120, tier: "金級", fee: 50_000, yearJoined: 115 }],
    en: [{ company: "Example Tech Co., Ltd.", taxId: "04595257", orgType: "公司", size: "中小企業", capital: 50_000_000, employees: 120, tier: "Gold", fee: 50_000, yearJoined: 115 }],
  },
  income: {
    "zh-TW": [{ year: 115, type: "會員費", company: "甲科技股份有限公司", taxId: "04595257", amount: 50_000, note: "115年度年費" }],
    en: [{ year: 115, type: "會員費", company: "Example Tech Co., Ltd.", taxId: "04595257", amount: 50_000, note: "FY115 membership fee" }],
  },
  subsidyHistory: {
    "zh-TW": [{ year: 114, subsidy: 2_000_000 }],
    en: [{ year: 114, subsidy: 2_000_000 }],
  },
};

/** The row of each table sheet's header: below a note and the example rows. */
export const TEMPLATE_HEADER_ROWS: Readonly<Record<TableSheetDefinition["key"], number>> = {
  budget: 2 + EXAMPLES.budget["zh-TW"].length,
  members: 2 + EXAMPLES.members["zh-TW"].length,
  income: 2 + EXAMPLES.income["zh-TW"].length,
  subsidyHistory: 2 + EXAMPLES.subsidyHistory["zh-TW"].length,
};

/** Blank lines the budget offers under each 科目 before its subtotal (more can be inserted above the subtotal). */
const BUDGET_SECTION_ROWS: Readonly<Record<string, number>> = { 人事費: 6, 業務費: 6, 研究設備費: 2, 國外差旅費: 2, 管理費: 1, 研究主持費: 1 };

const BUDGET_TEXT = {
  "zh-TW": {
    subtotal: (category: string) => `${category}小計`,
    total: "合計",
  },
  en: {
    subtotal: (category: string) => `Subtotal (${category})`,
    total: "Total",
  },
} as const;

interface BudgetColumns {
  amount: number;
  unitCost: number;
  quantity: number;
  months: number;
}

/** 金額 = 單價 × 數量 × 月數 (月數 empty: 1), as BUD-AMOUNT-MISMATCH computes it; empty until 單價 and 數量 are numbers. */
function amountFormula(row: number, columns: BudgetColumns): Formula {
  const at = (column: number) => fx.ref(null, `${columnLetters(column)}${row}`);
  const months = fx.call("IF", fx.op(at(columns.months), "=", fx.str("")), fx.num(1), at(columns.months));
  return fx.call(
    "IF",
    fx.call("AND", fx.call("ISNUMBER", at(columns.unitCost)), fx.call("ISNUMBER", at(columns.quantity))),
    fx.op(fx.op(at(columns.unitCost), "*", at(columns.quantity)), "*", months),
    fx.str(""),
  );
}

function tableSheet(definition: TableSheetDefinition, pack: RulePack, lists: ListsCollector, language: Language): SheetLayout {
  const text = TEMPLATE_TEXT[language];
  const headers = definition.columns.map((column) => column.label[language]);
  const headerRow = TEMPLATE_HEADER_ROWS[definition.key];
  const cells: LayoutCell[] = [];
  const validations: ListValidation[] = [];
  const columnOf = (key: string) => definition.columns.findIndex((column) => column.key === key) + 1;
  const budgetColumns: BudgetColumns | null =
    definition.key === "budget"
      ? { amount: columnOf("amount"), unitCost: columnOf("unitCost"), quantity: columnOf("quantity"), months: columnOf("months") }
      : null;

  cells.push(valueCell(1, 1, definition.key === "budget" ? text.budgetNote : text.examplesNote, ["note"]));
  EXAMPLES[definition.key][language].forEach((example, index) => {
    const row = 2 + index;
    definition.columns.forEach((column, c) => {
      const value = example[column.key];
      if (value === undefined) {
        cells.push(valueCell(row, c + 1, null, ["example"]));
        return;
      }
      const styles: StyleKey[] = ["example", ...(COLUMN_STYLES[column.kind] ?? [])];
      if (value === "amount-formula" && budgetColumns) {
        const unit = example.unitCost as number;
        const result = unit * (example.quantity as number) * ((example.months as number | undefined) ?? 1);
        cells.push(formulaCell(row, c + 1, amountFormula(row, budgetColumns), result, styles));
      } else cells.push(valueCell(row, c + 1, value === "amount-formula" ? null : value, styles));
    });
  });

  definition.columns.forEach((column, index) => {
    const note = headerNote(column.label, COLUMN_HELP[definition.key]?.[column.key], language);
    cells.push(valueCell(headerRow, index + 1, headers[index]!, ["header"], note));
    const vocabulary = (column.vocabulary ?? (column.key === "country" ? "country" : undefined)) as VocabularyName | undefined;
    if (vocabulary) {
      const letter = columnLetters(index + 1);
      validations.push(
        listValidation(`${letter}${headerRow + 1}:${letter}${headerRow + TEMPLATE_ROWS}`, dropdownValues(pack, vocabulary), vocabulary, lists, language),
      );
    }
  });

  let lastRow = headerRow + 1;
  const tables: TableLayout[] = [];
  if (budgetColumns) {
    // The budget as a form: blank lines per 科目 with the amount formula, a subtotal under each
    // (a total row to the engine: BUD-TOTAL-MISMATCH compares it with the lines above it) and
    // 合計 last (a total row right after subtotals: the sum of every line). No Excel table:
    // sorting one would scatter the lines away from their subtotals.
    const budgetText = BUDGET_TEXT[language];
    const amountLetter = columnLetters(budgetColumns.amount);
    const lastColumn = definition.columns.length;
    const subtotals: number[] = [];
    let row = headerRow + 1;
    for (const entry of pack.vocabularies.budgetCategory) {
      const lines = BUDGET_SECTION_ROWS[entry.value] ?? 1;
      const first = row;
      for (let line = 0; line < lines; line += 1, row += 1) {
        cells.push(formulaCell(row, budgetColumns.amount, amountFormula(row, budgetColumns), "", ["number"]));
      }
      cells.push(valueCell(row, 1, budgetText.subtotal(entry.label[language]), ["total"]));
      for (let column = 2; column <= lastColumn; column += 1) {
        if (column === budgetColumns.amount) {
          cells.push(formulaCell(row, column, fx.call("SUM", fx.ref(null, `${amountLetter}${first}:${amountLetter}${row - 1}`)), 0, ["total", "number"]));
        } else cells.push(valueCell(row, column, null, ["total"]));
      }
      subtotals.push(row);
      row += 1;
    }
    cells.push(valueCell(row, 1, budgetText.total, ["total", "label"]));
    for (let column = 2; column <= lastColumn; column += 1) {
      if (column === budgetColumns.amount) {
        const terms = subtotals.map((subtotal) => fx.ref(null, `${amountLetter}${subtotal}`));
        cells.push(formulaCell(row, column, fx.call("SUM", ...terms), 0, ["total", "label", "number"]));
      } else cells.push(valueCell(row, column, null, ["total"]));
    }
    lastRow = row;
  } else {
    tables.push({
      name: TABLE_NAMES[definition.key],
      ref: `A${headerRow}`,
      headers,
      rows: [headers.map(() => null)],
      style: "TableStyleLight9",
    });
  }

  const layout: SheetLayout = {
    kind: definition.key,
    name: definition.name[language],
    cells,
    columns: definition.columns.map((column, index) => ({
      column: index + 1,
      width: WIDTHS[column.kind] ?? (column.key === "description" || column.key === "note" || column.key === "company" ? 28 : 16),
      ...(COLUMN_STYLES[column.kind] ? { styles: COLUMN_STYLES[column.kind] } : {}),
    })),
    frozen: { rows: headerRow },
    ...(tables.length > 0 ? { tables } : {}),
    validations,
    print: printLayout(headerRow, definition.columns.length, lastRow),
  };
  return layout;
}

const PLAN_STYLES: Partial<Record<string, StyleKey[]>> = {
  fiscalYear: ["year"],
  phase: ["integer"],
  yearInPhase: ["integer"],
  subsidyRequested: ["number"],
  pastYears: ["text"],
  rulePack: ["text"],
};

/**
 * The plan's fields as the template asks for them: the rule version is not asked for (the fiscal
 * year selects it, and people know the year, not a pack's id); 計畫編號 is, after the title.
 */
export function templatePlanFields(): { key: string; label: Bilingual; required: boolean }[] {
  const fields = PLAN_SHEET.fields.filter((field) => field.key !== "rulePack");
  const [title, ...rest] = fields;
  return [title!, ...PLAN_SHEET.extraFields, ...rest];
}

function planSheet(lists: ListsCollector, language: Language): SheetLayout {
  const text = TEMPLATE_TEXT[language];
  const cells: LayoutCell[] = text.planHeaders.map((header, index) => valueCell(1, index + 1, header, ["header"]));
  const validations: ListValidation[] = [];
  const fields = templatePlanFields();
  fields.forEach((field, index) => {
    const row = index + 2;
    const help = COLUMN_HELP.plan?.[field.key];
    cells.push(valueCell(row, 1, field.label[language], ["label", "top"], headerNote(field.label, help, language)));
    cells.push(valueCell(row, 2, null, ["input", ...(PLAN_STYLES[field.key] ?? [])]));
    if (help) cells.push(valueCell(row, 3, help[language], ["note", "wrap"]));
    const choices: Partial<Record<string, string[]>> = { phase: ["1", "2", "3"], yearInPhase: ["1", "2", "3"] };
    const values = choices[field.key];
    if (values) validations.push(listValidation(`B${row}`, values, null, lists, language));
  });
  const layout: SheetLayout = {
    kind: "plan",
    name: PLAN_SHEET.name[language],
    cells,
    columns: [
      { column: 1, width: 22 },
      { column: 2, width: 36 },
      { column: 3, width: 70 },
    ],
    frozen: { rows: 1 },
    validations,
    print: printLayout(1, 3, fields.length + 1),
  };
  return { ...layout, rowHeights: fittedRowHeights(cells, widthsOf(layout)) };
}

/** Vocabularies longer than this are not spelled out on the instructions sheet. */
const MAX_LISTED_VALUES = 20;

const SEVERITY_STYLE: Record<string, StyleKey> = { error: "severity-error", warning: "severity-warning", info: "severity-info" };

function instructionsSheet(pack: RulePack, language: Language): SheetLayout {
  const text = TEMPLATE_TEXT[language];
  const other: Language = language === "zh-TW" ? "en" : "zh-TW";
  const cells: LayoutCell[] = [];
  let row = 1;
  cells.push(valueCell(row, 1, `${GENERATED_SHEETS.instructions["zh-TW"]} ${GENERATED_SHEETS.instructions.en}`, ["title"]));
  row += 1;
  // Not wrapped: each line runs across the empty cells beside it.
  for (const line of text.intro) cells.push(valueCell(row++, 1, line));
  row += 1;
  cells.push(valueCell(row++, 1, text.columnsSection, ["section"]));
  text.columnHeaders.forEach((header, index) => cells.push(valueCell(row, index + 1, header, ["header"])));
  row += 1;

  const describe = (sheet: Bilingual, label: Bilingual, required: boolean, help: Bilingual | undefined, vocabulary?: VocabularyName) => {
    let zh = help?.["zh-TW"] ?? "";
    let en = help?.en ?? "";
    // Long lists (countries) are in the dropdown; the help says what else may be typed.
    if (vocabulary && pack.vocabularies[vocabulary].length <= MAX_LISTED_VALUES) {
      const entries = pack.vocabularies[vocabulary];
      zh += ` 選項：${entries.map((entry) => entry.label["zh-TW"]).join("、")}`;
      en += ` Values: ${entries.map((entry) => `${entry.label["zh-TW"]} (${entry.label.en})`).join(", ")}`;
    }
    const descriptions = language === "zh-TW" ? [zh.trim(), en.trim()] : [en.trim(), zh.trim()];
    const values = [sheet[language], label[language], label[other], required ? text.required : text.optional, ...descriptions];
    values.forEach((value, index) => cells.push(valueCell(row, index + 1, value, ["wrap"])));
    row += 1;
  };
  for (const field of templatePlanFields()) describe(PLAN_SHEET.name, field.label, field.required, COLUMN_HELP.plan?.[field.key]);
  for (const definition of [BUDGET_SHEET, MEMBERS_SHEET, INCOME_SHEET, SUBSIDY_HISTORY_SHEET]) {
    for (const column of definition.columns) {
      const vocabulary = (column.vocabulary ?? (column.key === "country" ? "country" : undefined)) as VocabularyName | undefined;
      describe(definition.name, column.label, column.required, COLUMN_HELP[definition.key]?.[column.key], vocabulary);
    }
  }

  row += 1;
  const packTitle = language === "zh-TW" ? `（${pack.title[language]}）` : ` (${pack.title[language]})`;
  cells.push(valueCell(row++, 1, `${text.rulesSection}${packTitle}`, ["section"]));
  // Rule ID, severity, and the titles in the two wide columns: one line each.
  const ruleColumns = [2, 1, 5, 6];
  text.ruleHeaders.forEach((header, index) => cells.push(valueCell(row, ruleColumns[index]!, header, ["header"])));
  row += 1;
  for (const id of Object.keys(pack.rules) as RuleId[]) {
    const rule = pack.rules[id];
    if (!rule.enabled) continue;
    cells.push(valueCell(row, 1, text.severity[rule.severity], [SEVERITY_STYLE[rule.severity]!]));
    cells.push(valueCell(row, 2, id));
    cells.push(valueCell(row, 5, rule.title[language], ["wrap"]));
    cells.push(valueCell(row, 6, rule.title[other], ["wrap"]));
    row += 1;
  }
  const layout: SheetLayout = {
    kind: "instructions",
    name: GENERATED_SHEETS.instructions[language],
    cells,
    columns: [
      { column: 1, width: 14 },
      { column: 2, width: 27 },
      { column: 3, width: 22 },
      { column: 4, width: 6 },
      { column: 5, width: 58 },
      { column: 6, width: 58 },
    ],
    // Two pages at most: the sheet is a handout (a little smaller print when the rules outgrow it).
    print: { ...printLayout(null, 6, row - 1), fit: { width: 1, height: 2 } },
  };
  // Every instruction shown whole: rows as tall as their wrapped text (other programs do not grow them).
  return { ...layout, rowHeights: fittedRowHeights(cells, widthsOf(layout)) };
}

function listsSheet(lists: ListsCollector, language: Language): SheetLayout | null {
  if (lists.columns.length === 0) return null;
  const cells: LayoutCell[] = [];
  const definedNames: DefinedNameLayout[] = [];
  lists.columns.forEach(({ vocabulary, values }, index) => {
    const column = index + 1;
    const letter = columnLetters(column);
    cells.push(valueCell(1, column, vocabulary, ["header"]));
    values.forEach((value, row) => cells.push(valueCell(row + 2, column, value, ["text"])));
    definedNames.push({ name: lists.names.get(vocabulary)!, range: `$${letter}$2:$${letter}$${values.length + 1}` });
  });
  return { kind: "lists" satisfies TemplateSheetKind, name: LISTS_SHEET[language], cells, definedNames, hidden: true };
}

/** The template's sheets, in order: plan, budget, members, income, subsidy history, instructions. */
export function templateLayouts(language: Language, pack: RulePack = catalogueRulePack()): SheetLayout[] {
  const lists: ListsCollector = { names: new Map(), columns: [] };
  const sheets = [
    planSheet(lists, language),
    tableSheet(BUDGET_SHEET, pack, lists, language),
    tableSheet(MEMBERS_SHEET, pack, lists, language),
    tableSheet(INCOME_SHEET, pack, lists, language),
    tableSheet(SUBSIDY_HISTORY_SHEET, pack, lists, language),
    instructionsSheet(pack, language),
  ];
  const listSheet = listsSheet(lists, language);
  return listSheet ? [...sheets, listSheet] : sheets;
}
