/**
 * The workbook as the checks see it: every contract sheet located and every row parsed once
 * (numbers, years, vocabulary values resolved to canonical values), with the real cell of each
 * value kept for findings. Parsing never throws: an unreadable value is kept as such and the
 * data checks report it.
 */
import { BUDGET_SHEET, INCOME_SHEET, MEMBERS_SHEET, PLAN_SHEET, SUBSIDY_HISTORY_SHEET, TableSheetDefinition } from "./contract";
import {
  cellText,
  isEmptyCell,
  normalizeFreeText,
  normalizeText,
  NumberParse,
  parseNumberCell,
  parseOrdinal,
  parseRate,
  parseYear,
} from "./normalize";
import { readPlanCells, PlanFieldKey, PlanSheetCells } from "./read/plan";
import { findSheet, LocatedCell, LocatedTable, locateTable, RowCache, TableRow } from "./read/tables";
import { CellValue, PlanInfo, SheetSnapshot, WorkbookSnapshot } from "./types";
import { VocabularyResolver, vocabularyFor } from "./vocabulary";
import type { RulePack } from "../rules/schema";

export interface NumberCell {
  cell: LocatedCell | undefined;
  parse: NumberParse;
}

export function numberOf(cell: NumberCell): number | null {
  return cell.parse.kind === "number" ? cell.parse.value : null;
}

export interface VocabularyCell {
  cell: LocatedCell | undefined;
  raw: string;
  /** Canonical value; null when empty or unknown. */
  value: string | null;
  unknown: boolean;
}

export interface BudgetLine {
  source: TableRow;
  category: VocabularyCell;
  item: string;
  description: string;
  /** Item without spaces, normalised (for item-name rules such as 主持費). */
  itemKey: string;
  /** Item + description, normalised once, for keyword rules. */
  searchText: string;
  staffType: VocabularyCell;
  degree: VocabularyCell;
  name: string;
  /** Person's name without spaces, normalised; empty when there is none. */
  nameKey: string;
  unitCost: NumberCell;
  quantity: NumberCell;
  months: NumberCell;
  amount: NumberCell;
  fundingSource: VocabularyCell;
  /** Empty funding source means subsidy; an unknown one is treated as subsidy too (conservative for the cap). */
  isSubsidy: boolean;
}

export interface MemberRow {
  source: TableRow;
  company: string;
  /** Company name key (see companyKey): NFKC, no spaces, (股) expanded. */
  companyKey: string;
  /** Tax ID as text: a number left-padded to 8 digits, spaces and dashes removed; null when empty. */
  taxId: string | null;
  country: VocabularyCell;
  /** ISO code; TW when empty; null when unrecognised (treated as foreign). */
  countryCode: string | null;
  orgType: VocabularyCell;
  /** Canonical organisation type, defaulting to 公司 when empty. */
  orgTypeValue: string | null;
  size: VocabularyCell;
  capital: NumberCell;
  employees: NumberCell;
  fee: NumberCell;
  yearJoined: { cell: LocatedCell | undefined; year: number | null; invalid: boolean };
}

export interface IncomeRow {
  source: TableRow;
  year: { cell: LocatedCell | undefined; year: number | null; invalid: boolean };
  type: VocabularyCell;
  company: string;
  companyKey: string;
  taxId: string | null;
  amount: NumberCell;
}

export interface SubsidyHistoryRow {
  source: TableRow;
  year: { cell: LocatedCell | undefined; year: number | null; invalid: boolean };
  subsidy: NumberCell;
}

export interface SheetModel<Row> {
  table: LocatedTable;
  rows: Row[];
  /** Total rows (budget) — never line items. */
  totals: TableRow[];
}

export interface PlanModel {
  sheet: SheetSnapshot | null;
  cells: PlanSheetCells | null;
  info: PlanInfo;
  /** Fields present but unreadable, with the text found. */
  unreadable: Partial<Record<PlanFieldKey, string>>;
  pastYearsUnreadable: boolean;
}

export interface WorkbookModel {
  snapshot: WorkbookSnapshot;
  plan: PlanModel;
  budget: SheetModel<BudgetLine> | null;
  members: SheetModel<MemberRow> | null;
  income: SheetModel<IncomeRow> | null;
  subsidyHistory: SheetModel<SubsidyHistoryRow> | null;
  /** Sheets looked for, by key, for WB-SHEET-MISSING. */
  missingSheets: TableSheetDefinition["key"][];
  planSheetMissing: boolean;
}

/** Company-name key: NFKC, no spaces, lower case, (股) expanded to 股份有限公司. */
export function companyKey(name: string): string {
  if (name.length === 0) return "";
  return normalizeFreeText(name)
    .replace(/\s/g, "")
    .replace(/\(股\)公司/g, "股份有限公司")
    .replace(/\(股\)/g, "股份有限公司");
}

function text(cell: LocatedCell | undefined): string {
  return cell ? cellText(cell.value) : "";
}

function numberCell(cell: LocatedCell | undefined): NumberCell {
  return { cell, parse: parseNumberCell(cell?.value) };
}

function yearCell(cell: LocatedCell | undefined): { cell: LocatedCell | undefined; year: number | null; invalid: boolean } {
  if (!cell || isEmptyCell(cell.value)) return { cell, year: null, invalid: false };
  const year = parseYear(cell.value);
  return { cell, year, invalid: year === null };
}

export function normalizeTaxId(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0) return String(value).padStart(8, "0");
    return String(value);
  }
  const raw = cellText(value).normalize("NFKC").replace(/[\s-]/g, "");
  return raw.length === 0 ? null : raw;
}

/**
 * Caches that let an unchanged row of an edited snapshot skip reading and parsing (live
 * validation). Keyed by object identity; see createValidator.
 */
export interface ModelCaches {
  rows: RowCache;
  parsed: WeakMap<TableRow, { pack: string; value: unknown }>;
}

function tableOf(snapshot: WorkbookSnapshot, definition: TableSheetDefinition, caches?: ModelCaches): LocatedTable | null {
  const sheet = findSheet(snapshot, definition.name);
  return sheet ? locateTable(sheet, definition, caches?.rows) : null;
}

function splitRows<Row>(table: LocatedTable, parse: (row: TableRow) => Row, caches: ModelCaches | undefined, packId: string): SheetModel<Row> {
  const rows: Row[] = [];
  const totals: TableRow[] = [];
  for (const row of table.rows) {
    if (row.isTotal) {
      totals.push(row);
      continue;
    }
    if (!caches) {
      rows.push(parse(row));
      continue;
    }
    const cached = caches.parsed.get(row);
    if (cached && cached.pack === packId) {
      rows.push(cached.value as Row);
      continue;
    }
    const value = parse(row);
    caches.parsed.set(row, { pack: packId, value });
    rows.push(value);
  }
  return { table, rows, totals };
}

/** Past alliance years as typed: "111,112,113", "111、113", "111 113", "111-113", "2022~2024". */
export function parsePastYears(value: CellValue | undefined): { years: number[]; unreadable: boolean } {
  if (value === null || value === undefined || isEmptyCell(value)) return { years: [], unreadable: false };
  if (typeof value === "number") {
    const year = parseYear(value);
    return year === null ? { years: [], unreadable: true } : { years: [year], unreadable: false };
  }
  const raw = normalizeText(cellText(value)).replace(/年度|年|民國|fy/g, " ");
  if (/^(無|none|n\/a|na|-)$/.test(raw.trim())) return { years: [], unreadable: false };
  const years = new Set<number>();
  for (const token of raw.split(/[,、，;；/\s]+/).filter((t) => t.length > 0)) {
    const range = /^(\d{2,4})[-~–—至到](\d{2,4})$/.exec(token);
    if (range) {
      const from = parseYear(Number(range[1]));
      const to = parseYear(Number(range[2]));
      if (from === null || to === null || to < from || to - from > 20) return { years: [], unreadable: true };
      for (let y = from; y <= to; y += 1) years.add(y);
      continue;
    }
    const year = /^\d{2,4}$/.test(token) ? parseYear(Number(token)) : null;
    if (year === null) return { years: [], unreadable: true };
    years.add(year);
  }
  return { years: [...years].sort((a, b) => a - b), unreadable: false };
}

export function readPlan(snapshot: WorkbookSnapshot): PlanModel {
  const sheet = findSheet(snapshot, PLAN_SHEET.name);
  const info: PlanInfo = {
    title: null,
    projectNumber: null,
    pi: null,
    institution: null,
    fiscalYear: null,
    phase: null,
    yearInPhase: null,
    subsidyRequested: null,
    pastYears: [],
    overheadRate: null,
    rulePack: null,
  };
  const unreadable: Partial<Record<PlanFieldKey, string>> = {};
  if (!sheet) return { sheet: null, cells: null, info, unreadable, pastYearsUnreadable: false };
  const cells = readPlanCells(sheet);
  const value = (key: PlanFieldKey): CellValue | undefined => cells.fields[key]?.value;
  const present = (key: PlanFieldKey): boolean => !isEmptyCell(value(key));
  const textOf = (key: PlanFieldKey): string | null => (present(key) ? cellText(value(key)) : null);

  info.title = textOf("title");
  info.projectNumber = textOf("projectNumber");
  info.pi = textOf("pi");
  info.institution = textOf("institution");
  info.rulePack = textOf("rulePack");

  const readField = <T>(key: PlanFieldKey, parse: (v: CellValue | undefined) => T | null): T | null => {
    if (!present(key)) return null;
    const parsed = parse(value(key));
    if (parsed === null) unreadable[key] = cellText(value(key));
    return parsed;
  };
  info.fiscalYear = readField("fiscalYear", parseYear);
  info.phase = readField("phase", (v) => {
    if (typeof v === "string" && /^(逐年|逐年延續|逐年核定|annual|annualcontinuation)$/.test(normalizeText(v).replace(/\s/g, ""))) return 3;
    const n = parseOrdinal(v);
    return n !== null && n >= 1 && n <= 9 ? n : null;
  });
  info.yearInPhase = readField("yearInPhase", (v) => {
    const n = parseOrdinal(v);
    return n !== null && n >= 1 && n <= 9 ? n : null;
  });
  info.subsidyRequested = readField("subsidyRequested", (v) => {
    const parsed = parseNumberCell(v);
    return parsed.kind === "number" ? parsed.value : null;
  });
  info.overheadRate = readField("overheadRate", (v) => {
    const rate = parseRate(v);
    return rate !== null && rate >= 0 && rate <= 1 ? rate : null;
  });
  const past = parsePastYears(value("pastYears"));
  info.pastYears = past.years;
  return { sheet, cells, info, unreadable, pastYearsUnreadable: past.unreadable };
}

export function buildModel(
  snapshot: WorkbookSnapshot,
  pack: RulePack,
  plan: PlanModel = readPlan(snapshot),
  caches?: ModelCaches,
): WorkbookModel {
  const vocabulary = vocabularyFor(pack);
  const missingSheets: TableSheetDefinition["key"][] = [];

  const vocabularyCell = (cell: LocatedCell | undefined, name: Parameters<VocabularyResolver["resolve"]>[0]): VocabularyCell => {
    const raw = text(cell);
    if (raw.length === 0) return { cell, raw, value: null, unknown: false };
    const value = vocabulary.resolve(name, raw);
    return { cell, raw, value, unknown: value === null };
  };

  const budgetTable = tableOf(snapshot, BUDGET_SHEET, caches);
  if (!budgetTable) missingSheets.push("budget");
  const budget = budgetTable
    ? splitRows<BudgetLine>(budgetTable, (row) => {
        const fundingSource = vocabularyCell(row.cells.fundingSource, "fundingSource");
        const item = text(row.cells.item);
        const description = text(row.cells.description);
        const name = text(row.cells.name);
        return {
          source: row,
          category: vocabularyCell(row.cells.category, "budgetCategory"),
          item,
          description,
          itemKey: item.length > 0 ? normalizeFreeText(item).replace(/\s/g, "") : "",
          searchText: item.length + description.length > 0 ? normalizeFreeText(`${item} ${description}`) : "",
          staffType: vocabularyCell(row.cells.staffType, "staffType"),
          degree: vocabularyCell(row.cells.degree, "degree"),
          name,
          nameKey: name.length > 0 ? normalizeFreeText(name).replace(/\s/g, "") : "",
          unitCost: numberCell(row.cells.unitCost),
          quantity: numberCell(row.cells.quantity),
          months: numberCell(row.cells.months),
          amount: numberCell(row.cells.amount),
          fundingSource,
          isSubsidy: fundingSource.value === null || fundingSource.value === pack.defaults.subsidyFundingSource,
        };
      }, caches, pack.id)
    : null;

  const membersTable = tableOf(snapshot, MEMBERS_SHEET, caches);
  if (!membersTable) missingSheets.push("members");
  const members = membersTable
    ? splitRows<MemberRow>(membersTable, (row) => {
        const country = vocabularyCell(row.cells.country, "country");
        const orgType = vocabularyCell(row.cells.orgType, "organizationType");
        const company = text(row.cells.company);
        return {
          source: row,
          company,
          companyKey: companyKey(company),
          taxId: normalizeTaxId(row.cells.taxId?.value),
          country,
          countryCode: country.raw.length === 0 ? pack.defaults.country : country.value,
          orgType,
          orgTypeValue: orgType.raw.length === 0 ? pack.defaults.organizationType : orgType.value,
          size: vocabularyCell(row.cells.size, "companySize"),
          capital: numberCell(row.cells.capital),
          employees: numberCell(row.cells.employees),
          fee: numberCell(row.cells.fee),
          yearJoined: yearCell(row.cells.yearJoined),
        };
      }, caches, pack.id)
    : null;

  const incomeTable = tableOf(snapshot, INCOME_SHEET, caches);
  if (!incomeTable) missingSheets.push("income");
  const income = incomeTable
    ? splitRows<IncomeRow>(incomeTable, (row) => ({
        source: row,
        year: yearCell(row.cells.year),
        type: vocabularyCell(row.cells.type, "incomeType"),
        company: text(row.cells.company),
        companyKey: companyKey(text(row.cells.company)),
        taxId: normalizeTaxId(row.cells.taxId?.value),
        amount: numberCell(row.cells.amount),
      }), caches, pack.id)
    : null;

  const historyTable = tableOf(snapshot, SUBSIDY_HISTORY_SHEET, caches);
  const subsidyHistory = historyTable
    ? splitRows<SubsidyHistoryRow>(historyTable, (row) => ({
        source: row,
        year: yearCell(row.cells.year),
        subsidy: numberCell(row.cells.subsidy),
      }), caches, pack.id)
    : null;

  return {
    snapshot,
    plan,
    budget,
    members,
    income,
    subsidyHistory,
    missingSheets,
    planSheetMissing: plan.sheet === null,
  };
}
