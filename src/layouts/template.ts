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
import { catalogueRulePack, listRulePackIds } from "../rules";
import type { RuleId, RulePack, VocabularyName } from "../rules/schema";
import { COLUMN_HELP, TEMPLATE_TEXT } from "./help";
import type { DefinedNameLayout, LayoutCell, ListValidation, SheetLayout, StyleKey, TableLayout, TemplateSheetKind } from "./layout";
import { valueCell } from "./layout";
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

function tableSheet(definition: TableSheetDefinition, pack: RulePack, lists: ListsCollector, language: Language): SheetLayout {
  const headers = definition.columns.map((column) => column.label[language]);
  const cells: LayoutCell[] = [];
  const validations: ListValidation[] = [];
  definition.columns.forEach((column, index) => {
    const note = headerNote(column.label, COLUMN_HELP[definition.key]?.[column.key], language);
    cells.push(valueCell(1, index + 1, headers[index]!, ["header"], note));
    const vocabulary = (column.vocabulary ?? (column.key === "country" ? "country" : undefined)) as VocabularyName | undefined;
    if (vocabulary) {
      const letter = columnLetters(index + 1);
      validations.push(listValidation(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, dropdownValues(pack, vocabulary), vocabulary, lists, language));
    }
  });
  const table: TableLayout = {
    name: TABLE_NAMES[definition.key],
    ref: "A1",
    headers,
    rows: [headers.map(() => null)],
    style: "TableStyleLight9",
  };
  return {
    kind: definition.key,
    name: definition.name[language],
    cells,
    columns: definition.columns.map((column, index) => ({
      column: index + 1,
      width: WIDTHS[column.kind] ?? (column.key === "description" || column.key === "note" || column.key === "company" ? 28 : 16),
      ...(COLUMN_STYLES[column.kind] ? { styles: COLUMN_STYLES[column.kind] } : {}),
    })),
    frozen: { rows: 1 },
    tables: [table],
    validations,
  };
}

const PLAN_STYLES: Partial<Record<string, StyleKey[]>> = {
  fiscalYear: ["year"],
  phase: ["integer"],
  yearInPhase: ["integer"],
  subsidyRequested: ["number"],
  pastYears: ["text"],
  rulePack: ["text"],
};

function planSheet(lists: ListsCollector, language: Language): SheetLayout {
  const text = TEMPLATE_TEXT[language];
  const cells: LayoutCell[] = text.planHeaders.map((header, index) => valueCell(1, index + 1, header, ["header"]));
  const validations: ListValidation[] = [];
  PLAN_SHEET.fields.forEach((field, index) => {
    const row = index + 2;
    const help = COLUMN_HELP.plan?.[field.key];
    cells.push(valueCell(row, 1, field.label[language], ["label"], headerNote(field.label, help, language)));
    cells.push(valueCell(row, 2, null, ["input", ...(PLAN_STYLES[field.key] ?? [])]));
    if (help) cells.push(valueCell(row, 3, help[language], ["note"]));
    const choices: Partial<Record<string, string[]>> = { phase: ["1", "2", "3"], yearInPhase: ["1", "2", "3"], rulePack: listRulePackIds() };
    const values = choices[field.key];
    if (values) validations.push(listValidation(`B${row}`, values, null, lists, language));
  });
  return {
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
  };
}

const SEVERITY_STYLE: Record<string, StyleKey> = { error: "severity-error", warning: "severity-warning", info: "severity-info" };

function instructionsSheet(pack: RulePack, language: Language): SheetLayout {
  const text = TEMPLATE_TEXT[language];
  const other: Language = language === "zh-TW" ? "en" : "zh-TW";
  const cells: LayoutCell[] = [];
  let row = 1;
  cells.push(valueCell(row, 1, `${GENERATED_SHEETS.instructions["zh-TW"]} ${GENERATED_SHEETS.instructions.en}`, ["title"]));
  row += 1;
  for (const line of text.intro) cells.push(valueCell(row++, 1, line, ["wrap"]));
  row += 1;
  cells.push(valueCell(row++, 1, text.columnsSection, ["section"]));
  text.columnHeaders.forEach((header, index) => cells.push(valueCell(row, index + 1, header, ["header"])));
  row += 1;

  const describe = (sheet: Bilingual, label: Bilingual, required: boolean, help: Bilingual | undefined, vocabulary?: VocabularyName) => {
    let zh = help?.["zh-TW"] ?? "";
    let en = help?.en ?? "";
    if (vocabulary) {
      const entries = pack.vocabularies[vocabulary];
      zh += ` 選項：${entries.map((entry) => entry.label["zh-TW"]).join("、")}`;
      en += ` Values: ${entries.map((entry) => `${entry.label["zh-TW"]} (${entry.label.en})`).join(", ")}`;
    }
    const descriptions = language === "zh-TW" ? [zh.trim(), en.trim()] : [en.trim(), zh.trim()];
    const values = [sheet[language], label[language], label[other], required ? text.required : text.optional, ...descriptions];
    values.forEach((value, index) => cells.push(valueCell(row, index + 1, value, ["wrap"])));
    row += 1;
  };
  for (const field of PLAN_SHEET.fields) describe(PLAN_SHEET.name, field.label, field.required, COLUMN_HELP.plan?.[field.key]);
  for (const definition of [BUDGET_SHEET, MEMBERS_SHEET, INCOME_SHEET, SUBSIDY_HISTORY_SHEET]) {
    for (const column of definition.columns) {
      const vocabulary = (column.vocabulary ?? (column.key === "country" ? "country" : undefined)) as VocabularyName | undefined;
      describe(definition.name, column.label, column.required, COLUMN_HELP[definition.key]?.[column.key], vocabulary);
    }
  }

  row += 1;
  cells.push(valueCell(row++, 1, `${text.rulesSection}（${pack.title[language]}）`, ["section"]));
  text.ruleHeaders.forEach((header, index) => cells.push(valueCell(row, index + 1, header, ["header"])));
  row += 1;
  for (const id of Object.keys(pack.rules) as RuleId[]) {
    const rule = pack.rules[id];
    if (!rule.enabled) continue;
    cells.push(valueCell(row, 1, id));
    cells.push(valueCell(row, 2, text.severity[rule.severity], [SEVERITY_STYLE[rule.severity]!]));
    cells.push(valueCell(row, 3, rule.title[language], ["wrap"]));
    cells.push(valueCell(row, 4, rule.title[other], ["wrap"]));
    row += 1;
  }
  return {
    kind: "instructions",
    name: GENERATED_SHEETS.instructions[language],
    cells,
    columns: [
      { column: 1, width: 26 },
      { column: 2, width: 18 },
      { column: 3, width: 30 },
      { column: 4, width: 8 },
      { column: 5, width: 60 },
      { column: 6, width: 60 },
    ],
  };
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
