/**
 * Quick fixes: for a finding with a safe, deterministic remedy, the cell edits that remove it,
 * computed from the snapshot and the rule pack (the floors, the allowance, the category to move
 * to, the one-line descriptions). Pure: no Office.js. Each edit says what the cell holds now, so
 * whoever applies it can skip a cell the user changed meanwhile.
 *
 * A fix that changes an amount keeps what depended on it consistent: a total row that added up
 * before is moved by the same difference, and so is the plan's 申請補助款 when it matched the
 * budget's 補助款 total. By default every fix is also re-validated on a copy and dropped when it
 * would leave its finding or add another one (a pay floor that pushes the budget over the cap, a
 * lower amount that brings the overhead over its allowance).
 *
 * Vocabulary misses get suggestions (the closest terms), never fixes: the person picks.
 */
import type { RuleId, RulePack, VocabularyName } from "../../rules/schema";
import { toA1 } from "../address";
import { analyse, type Analysis } from "../analysis";
import { overheadFigures } from "../budgetFigures";
import { minimumWageFor, payOf } from "../checks/budget";
import { fillTemplate, packOf } from "../format";
import { buildModel, numberOf, type BudgetLine, type WorkbookModel } from "../model";
import { formatNumber, parseNumberCell } from "../normalize";
import type { LocatedCell, LocatedTable, TableRow } from "../read/tables";
import { isCellError, type CellContent, type CellEdit, type Finding, type Fix, type FixSuggestion, type Language, type MessageParams, type ValidationResult, type WorkbookSnapshot } from "../types";
import { fnv1a } from "../validate";
import { vocabularyFor, type VocabularyResolver } from "../vocabulary";
import { cellContent, isNoOp, sheetNamed } from "./apply";
import { safeAlone } from "./safe";
import { closestTerms } from "./suggest";

export interface ProposeFixesOptions {
  /** The pack the result was computed with; by default the one `result.rulePack` names (the catalogue when none). */
  pack?: RulePack;
  /** Only fixes and suggestions for these rule IDs. */
  rules?: readonly string[];
  /**
   * Re-validate each fix on a copy of the snapshot and drop it when its finding stays or another
   * finding appears (default true). Costs one incremental validation per fix.
   */
  verify?: boolean;
}

export interface ProposedFixes {
  fixes: Fix[];
  suggestions: FixSuggestion[];
}

/** What a fixer may read. */
interface FixContext {
  snapshot: WorkbookSnapshot;
  model: WorkbookModel;
  analysis: Analysis;
  pack: RulePack;
  vocabulary: VocabularyResolver;
  /** Budget lines by sheet row. */
  lineAt: Map<number, BudgetLine>;
  /** Whether any budget line's amount holds a formula (then new amounts are written as formulas too). */
  amountFormulas: boolean;
}

type FixBody = Pick<Fix, "edits" | "description">;
type Fixer = (finding: Finding, context: FixContext) => FixBody | null;

/** The rule's fix description for a variant, or null when the pack gives the rule no fix. */
function describe(context: FixContext, ruleId: RuleId, variant: string, params: MessageParams): Record<Language, string> | null {
  const messages = context.pack.rules[ruleId].fix?.messages;
  const template = messages?.[variant] ?? messages?.default;
  if (!template) return null;
  return { "zh-TW": fillTemplate(template["zh-TW"], params), en: fillTemplate(template.en, params) };
}

function tidyNumber(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** An edit of one cell from what it holds now to `next`; null when that changes nothing. */
function edit(context: FixContext, table: { sheet: { name: string } }, cell: LocatedCell, next: CellContent): CellEdit | null {
  const sheet = sheetNamed(context.snapshot, table.sheet.name);
  if (!sheet) return null;
  const expected = cellContent(sheet, cell.address);
  const change = { sheet: sheet.name, cell: cell.address, expected, next };
  return isNoOp(change) ? null : change;
}

function formulaOf(context: FixContext, table: LocatedTable, cell: LocatedCell): string | undefined {
  return sheetNamed(context.snapshot, table.sheet.name)?.formulas?.[cell.address];
}

/** "=G8*H8*I8" from the line's own cells (an empty 月數 is left out); null when 單價 or 數量 is not a number. */
function productFormula(line: BudgetLine): string | null {
  const unit = line.unitCost.cell;
  const quantity = line.quantity.cell;
  if (!unit || !quantity || numberOf(line.unitCost) === null || numberOf(line.quantity) === null) return null;
  const factors = [unit.address, quantity.address];
  if (line.months.cell && line.months.parse.kind === "number") factors.push(line.months.cell.address);
  else if (line.months.parse.kind !== "empty") return null;
  return `=${factors.join("*")}`;
}

/** The new content of a line's amount: the product formula where the sheet uses formulas for amounts, else the value. */
function amountContent(context: FixContext, line: BudgetLine, value: number, table: LocatedTable): CellContent {
  const cell = line.amount.cell!;
  const held = formulaOf(context, table, cell) !== undefined;
  const formula = held || context.amountFormulas ? productFormula(line) : null;
  return formula !== null ? { value, formula } : { value };
}

/** Each total row with the budget lines it adds up (as the check reads them) and their row ranges. */
interface TotalSpan {
  row: TableRow;
  lines: BudgetLine[];
  ranges: [number, number][];
}

const spansOf = new WeakMap<FixContext, TotalSpan[]>();

function totalSpans(context: FixContext): TotalSpan[] {
  const known = spansOf.get(context);
  if (known) return known;
  const spans = findTotalSpans(context);
  spansOf.set(context, spans);
  return spans;
}

function findTotalSpans(context: FixContext): TotalSpan[] {
  const budget = context.model.budget;
  if (!budget) return [];
  const spans: TotalSpan[] = [];
  let section: BudgetLine[] = [];
  let block: BudgetLine[] = [];
  let blockRanges: [number, number][] = [];
  for (const row of budget.table.rows) {
    if (!row.isTotal) {
      const line = context.lineAt.get(row.row);
      if (line) section.push(line);
      continue;
    }
    if (section.length === 0) {
      spans.push({ row, lines: block, ranges: blockRanges });
      block = [];
      blockRanges = [];
    } else {
      const range: [number, number] = [section[0]!.source.row, section[section.length - 1]!.source.row];
      spans.push({ row, lines: section, ranges: [range] });
      block = [...block, ...section];
      blockRanges = [...blockRanges, range];
    }
    section = [];
  }
  return spans;
}

function sumOf(lines: BudgetLine[], amountOf: (line: BudgetLine) => number | null): number {
  let sum = 0;
  for (const line of lines) sum += amountOf(line) ?? 0;
  return sum;
}

/**
 * New amounts for some lines: the amount cells' edits, and the cells that depended on those
 * amounts and agreed with them before (total rows; 申請補助款 against the 補助款 total).
 */
function amountEdits(context: FixContext, changes: { line: BudgetLine; next: CellContent }[]): CellEdit[] | null {
  const budget = context.model.budget;
  if (!budget) return null;
  const edits: CellEdit[] = [];
  const overrides = new Map<BudgetLine, number>();
  for (const { line, next } of changes) {
    if (!line.amount.cell || typeof next.value !== "number") return null;
    const change = edit(context, budget.table, line.amount.cell, next);
    if (change) edits.push(change);
    overrides.set(line, next.value);
  }
  const before = (line: BudgetLine): number | null => numberOf(line.amount);
  const after = (line: BudgetLine): number | null => overrides.get(line) ?? numberOf(line.amount);

  const totalTolerance = context.pack.rules["BUD-TOTAL-MISMATCH"].params.tolerance;
  for (const span of totalSpans(context)) {
    const cell = span.row.cells.amount;
    if (!cell || !span.lines.some((line) => overrides.has(line))) continue;
    const parsed = parseNumberCell(cell.value);
    if (parsed.kind !== "number") continue;
    const old = sumOf(span.lines, before);
    const delta = sumOf(span.lines, after) - old;
    if (delta === 0 || Math.abs(parsed.value - old) > totalTolerance) continue;
    const formula = formulaOf(context, budget.table, cell);
    const change = edit(context, budget.table, cell, { value: tidyNumber(parsed.value + delta), ...(formula !== undefined ? { formula } : {}) });
    if (change) edits.push(change);
  }

  const requestedCell = context.model.plan.cells?.fields.subsidyRequested;
  const requested = context.model.plan.info.subsidyRequested;
  const subsidyBefore = context.analysis.budgetSubsidyTotal;
  const subsidyDelta = changes.reduce((sum, { line }) => (line.isSubsidy ? sum + (after(line) ?? 0) - (before(line) ?? 0) : sum), 0);
  const planTable = context.model.plan.sheet;
  if (requestedCell && planTable && requested !== null && subsidyBefore !== null && subsidyDelta !== 0) {
    const tolerance = context.pack.rules["PLAN-SUBSIDY-MISMATCH"].params.tolerance;
    if (Math.abs(requested - subsidyBefore) <= tolerance) {
      const formula = sheetNamed(context.snapshot, planTable.name)?.formulas?.[requestedCell.address];
      const change = edit(context, { sheet: planTable }, requestedCell, {
        value: tidyNumber(requested + subsidyDelta),
        ...(formula !== undefined ? { formula } : {}),
      });
      if (change) edits.push(change);
    }
  }
  return edits;
}

/**
 * Whether the line's months are unknown: 月數 empty (or absent) on a personnel line, whose pay is
 * monthly. The check reads an empty 月數 as 1, but the amount may well be for a year: which of the
 * two is wrong is the person's call.
 */
function monthsUnknown(context: FixContext, line: BudgetLine): boolean {
  if (line.months.parse.kind !== "empty") return false;
  const personnel = context.pack.rules["BUD-MISSING"].params.personnelCategories;
  return line.staffType.value !== null || (line.category.value !== null && personnel.includes(line.category.value));
}

/** Whether 金額 = 單價 × 數量 × 月數 holds now (as BUD-AMOUNT-MISMATCH reads it). */
function amountAgrees(context: FixContext, line: BudgetLine): boolean {
  const unit = numberOf(line.unitCost);
  const quantity = line.quantity.parse.kind === "empty" ? 1 : numberOf(line.quantity);
  const months = line.months.parse.kind === "empty" ? 1 : numberOf(line.months);
  const amount = numberOf(line.amount);
  if (unit === null || quantity === null || months === null || amount === null) return false;
  return Math.abs(amount - unit * quantity * months) <= context.pack.rules["BUD-AMOUNT-MISMATCH"].params.tolerance;
}

function budgetLineOf(finding: Finding, context: FixContext): BudgetLine | null {
  const budget = context.model.budget;
  if (!budget || finding.sheet !== budget.table.sheet.name) return null;
  return context.lineAt.get(finding.row) ?? null;
}

/** Pay floors: 單價 raised to the floor and the amount kept equal to 單價 × 數量 × 月數 (or, without 單價, the amount alone). */
function payFixer(ruleId: RuleId, floorOf: (context: FixContext, line: BudgetLine) => number | null): Fixer {
  return (finding, context) => {
    const budget = context.model.budget;
    const line = budgetLineOf(finding, context);
    if (!budget || !line) return null;
    const floor = floorOf(context, line);
    const pay = payOf(line);
    if (floor === null || pay === null || pay >= floor) return null;
    const quantity = line.quantity.parse.kind === "empty" ? 1 : numberOf(line.quantity);
    const months = line.months.parse.kind === "empty" ? 1 : numberOf(line.months);
    const counts = quantity !== null && months !== null && quantity > 0 && months > 0;
    const unit = numberOf(line.unitCost);
    if (unit !== null && line.unitCost.cell) {
      const unitEdit = edit(context, budget.table, line.unitCost.cell, { value: floor });
      if (!unitEdit) return null;
      // The amount follows only when it agreed with 單價 × 數量 × 月數: one that did not is
      // BUD-AMOUNT-MISMATCH's (and with 月數 empty on a personnel line, perhaps for a year).
      if (!counts || !line.amount.cell || !amountAgrees(context, line)) {
        const description = describe(context, ruleId, "unitOnly", { from: formatNumber(unit), to: formatNumber(floor) });
        return description ? { edits: [unitEdit], description } : null;
      }
      const amount = tidyNumber(floor * quantity! * months!);
      const rest = amountEdits(context, [{ line, next: amountContent(context, line, amount, budget.table) }]);
      const description = describe(context, ruleId, "default", { from: formatNumber(unit), to: formatNumber(floor), amount: formatNumber(amount) });
      return rest && description ? { edits: [unitEdit, ...rest], description } : null;
    }
    // No 單價: the check read the pay from 金額 ÷ (數量 × 月數); an unreadable 單價 is BUD-NOT-NUMBER's.
    if (line.unitCost.parse.kind === "invalid" || !counts || !line.amount.cell || monthsUnknown(context, line)) return null;
    const current = numberOf(line.amount);
    if (current === null) return null;
    const amount = tidyNumber(floor * quantity! * months!);
    const edits = amountEdits(context, [{ line, next: { value: amount } }]);
    const description = describe(context, ruleId, "amountOnly", { fromAmount: formatNumber(current), amount: formatNumber(amount), to: formatNumber(floor) });
    return edits && edits.length > 0 && description ? { edits, description } : null;
  };
}

const FIXERS: Partial<Record<RuleId, Fixer>> = {
  "BUD-PHD-PAY": payFixer("BUD-PHD-PAY", (context, line) => {
    const params = context.pack.rules["BUD-PHD-PAY"].params;
    return line.staffType.value !== null && params.staffTypes.includes(line.staffType.value) ? params.minMonthly : null;
  }),
  "BUD-STUDENT-PAY": payFixer("BUD-STUDENT-PAY", (context, line) => {
    const params = context.pack.rules["BUD-STUDENT-PAY"].params;
    return line.staffType.value !== null && params.staffTypes.includes(line.staffType.value) ? params.minMonthly : null;
  }),
  "BUD-FULLTIME-PAY": payFixer("BUD-FULLTIME-PAY", (context, line) => {
    const params = context.pack.rules["BUD-FULLTIME-PAY"].params;
    if (line.staffType.value === null || !params.staffTypes.includes(line.staffType.value)) return null;
    const known = line.degree.value !== null && params.floorsByDegree[line.degree.value] !== undefined;
    return params.floorsByDegree[known ? line.degree.value! : params.defaultDegree] ?? null;
  }),
  "BUD-TEMP-WAGE": payFixer("BUD-TEMP-WAGE", (context, line) => {
    const params = context.pack.rules["BUD-TEMP-WAGE"].params;
    if (line.staffType.value === null || !params.staffTypes.includes(line.staffType.value)) return null;
    return minimumWageFor(params.minimumHourlyWage, context.model.plan.info.fiscalYear, context.pack.fiscalYearStart).hourly;
  }),

  "BUD-AMOUNT-MISMATCH": (finding, context) => {
    const budget = context.model.budget;
    const line = budgetLineOf(finding, context);
    if (!budget || !line || !line.amount.cell) return null;
    const unit = numberOf(line.unitCost);
    const quantity = numberOf(line.quantity);
    const months = line.months.parse.kind === "empty" ? 1 : numberOf(line.months);
    const current = numberOf(line.amount);
    if (unit === null || quantity === null || months === null || current === null || monthsUnknown(context, line)) return null;
    const amount = tidyNumber(unit * quantity * months);
    const next = amountContent(context, line, amount, budget.table);
    const edits = amountEdits(context, [{ line, next }]);
    const params = { from: formatNumber(current), amount: formatNumber(amount), formula: next.formula ?? "" };
    const description = describe(context, "BUD-AMOUNT-MISMATCH", next.formula !== undefined ? "formula" : "default", params);
    return edits && edits.length > 0 && description ? { edits, description } : null;
  },

  "BUD-TOTAL-MISMATCH": (finding, context) => {
    const budget = context.model.budget;
    if (!budget || finding.sheet !== budget.table.sheet.name) return null;
    const span = totalSpans(context).find((candidate) => candidate.row.row === finding.row);
    const cell = span?.row.cells.amount;
    if (!span || !cell) return null;
    const current = parseNumberCell(cell.value);
    const total = tidyNumber(sumOf(span.lines, (line) => numberOf(line.amount)));
    // SUM adds numbers and skips text. An amount the check reads from text ("NT$12,000") becomes
    // the number it reads (nothing else reads it differently); an error value, or such text a
    // formula returns, leaves SUM unusable: the total is then written as a value, unless it is a
    // formula, which stays the person's.
    const textNumbers = span.lines.filter((line) => line.amount.parse.kind === "number" && typeof line.amount.cell?.value === "string");
    const summable =
      span.lines.every((line) => !isCellError(line.amount.cell?.value)) && textNumbers.every((line) => formulaOf(context, budget.table, line.amount.cell!) === undefined);
    const column = cell.column;
    const range = ([first, last]: [number, number]): string => (first === last ? toA1(first, column) : `${toA1(first, column)}:${toA1(last, column)}`);
    const formula = summable && span.ranges.length > 0 && span.ranges.length <= 255 ? `=SUM(${span.ranges.map(range).join(",")})` : null;
    if (formula === null && formulaOf(context, budget.table, cell) !== undefined) return null;
    const edits: CellEdit[] = [];
    if (formula !== null) {
      for (const line of textNumbers) {
        const change = edit(context, budget.table, line.amount.cell!, { value: numberOf(line.amount)! });
        if (change) edits.push(change);
      }
    }
    const change = edit(context, budget.table, cell, formula !== null ? { value: total, formula } : { value: total });
    if (change) edits.push(change);
    const params = { label: span.row.firstText, from: current.kind === "number" ? formatNumber(current.value) : String(cell.value ?? ""), amount: formatNumber(total), formula: formula ?? "" };
    const description = describe(context, "BUD-TOTAL-MISMATCH", formula !== null ? "default" : "value", params);
    return change && description ? { edits, description } : null;
  },

  "BUD-OVERHEAD": (_finding, context) => {
    const budget = context.model.budget;
    const params = context.pack.rules["BUD-OVERHEAD"].params;
    const figures = overheadFigures(context.model, context.analysis, params);
    if (!budget || !figures || figures.amount <= figures.allowed) return null;
    const lines = budget.rows.filter((line) => line.isSubsidy && line.category.value !== null && params.categories.includes(line.category.value) && numberOf(line.amount) !== null);
    if (lines.length !== 1) return null; // more than one overhead line: which to lower is the person's choice
    const line = lines[0]!;
    const edits: CellEdit[] = [];
    const unit = numberOf(line.unitCost);
    if (unit !== null && line.unitCost.cell) {
      const quantity = line.quantity.parse.kind === "empty" ? 1 : numberOf(line.quantity);
      const months = line.months.parse.kind === "empty" ? 1 : numberOf(line.months);
      if (quantity !== 1 || months !== 1) return null;
      const unitEdit = edit(context, budget.table, line.unitCost.cell, { value: figures.allowed });
      if (unitEdit) edits.push(unitEdit);
    }
    const rest = amountEdits(context, [{ line, next: amountContent(context, line, figures.allowed, budget.table) }]);
    const description = describe(context, "BUD-OVERHEAD", "default", {
      from: formatNumber(figures.amount),
      amount: formatNumber(figures.allowed),
      rate: `${formatNumber(figures.rate * 100)}%`,
      base: formatNumber(figures.base),
    });
    return rest && description ? { edits: [...edits, ...rest], description } : null;
  },

  "BUD-EQUIPMENT-UNIT": (finding, context) => {
    const budget = context.model.budget;
    const line = budgetLineOf(finding, context);
    const moveTo = context.pack.rules["BUD-EQUIPMENT-UNIT"].fix?.moveTo;
    if (!budget || !line || !line.category.cell || moveTo === undefined) return null;
    if (context.vocabulary.resolve("budgetCategory", moveTo) !== moveTo || line.category.value === moveTo) return null;
    const change = edit(context, budget.table, line.category.cell, { value: moveTo });
    const from = line.category.value ?? line.category.raw;
    const description = describe(context, "BUD-EQUIPMENT-UNIT", "default", {
      item: line.item,
      from,
      to: moveTo,
      fromEn: context.vocabulary.label("budgetCategory", from, "en"),
      toEn: context.vocabulary.label("budgetCategory", moveTo, "en"),
    });
    return change && description ? { edits: [change], description } : null;
  },

  "PLAN-SUBSIDY-MISMATCH": (_finding, context) => {
    const cell = context.model.plan.cells?.fields.subsidyRequested;
    const sheet = context.model.plan.sheet;
    const total = context.analysis.budgetSubsidyTotal;
    const requested = context.model.plan.info.subsidyRequested;
    if (!cell || !sheet || total === null || requested === null) return null;
    const change = edit(context, { sheet }, cell, { value: tidyNumber(total) });
    const description = describe(context, "PLAN-SUBSIDY-MISMATCH", "default", { from: formatNumber(requested), amount: formatNumber(total) });
    return change && description ? { edits: [change], description } : null;
  },
};

/** The rule whose fix messages describe restoring a 統一編號 stored as a number. */
const TAX_ID_TEXT_RULE: RuleId = "MEM-TAXID-INVALID";

/** 統一編號 stored as a number that lost its leading zero(s): the 8-digit text, stored as text. */
function taxIdTextFixes(context: FixContext): Fix[] {
  const fixes: Fix[] = [];
  const occurrences = new Map<string, number>();
  const consider = (table: LocatedTable, cell: LocatedCell | undefined, taiwanese: boolean): void => {
    if (!cell || !taiwanese || typeof cell.value !== "number") return;
    const value = cell.value;
    if (!Number.isInteger(value) || value <= 0 || value >= 10_000_000) return;
    const text = String(value).padStart(8, "0");
    const change = edit(context, table, cell, { value: text, numberFormat: "@" });
    const description = describe(context, TAX_ID_TEXT_RULE, "default", { from: String(value), to: text });
    if (!change || !description) return;
    const base = `TAXID-TEXT|${table.definition.key}|${text}`;
    const occurrence = occurrences.get(base) ?? 0;
    occurrences.set(base, occurrence + 1);
    fixes.push({ ruleId: TAX_ID_TEXT_RULE, fingerprint: fnv1a(`${base}|${occurrence}`), edits: [change], description, tidy: true });
  };
  const members = context.model.members;
  for (const member of members?.rows ?? []) consider(members!.table, member.source.cells.taxId, member.countryCode === context.pack.defaults.country);
  const income = context.model.income;
  for (const row of income?.rows ?? []) consider(income!.table, row.source.cells.taxId, true);
  return fixes;
}

/** Vocabulary misses: the vocabulary of the column the finding points at. */
function vocabularyAt(finding: Finding, context: FixContext): VocabularyName | null {
  if (finding.ruleId === "BUD-CATEGORY-UNKNOWN") return "budgetCategory";
  if (finding.ruleId === "INC-TYPE-UNKNOWN") return "incomeType";
  const tables = [context.model.budget?.table, context.model.members?.table, context.model.income?.table];
  const table = tables.find((candidate) => candidate?.sheet.name === finding.sheet);
  if (!table) return null;
  const key = Object.entries(table.columns).find(([, column]) => column === finding.column)?.[0];
  const definition = table.definition.columns.find((column) => column.key === key);
  const name = definition?.vocabulary ?? (key === "country" ? "country" : undefined);
  return name !== undefined && name in context.pack.vocabularies ? (name as VocabularyName) : null;
}

const SUGGESTED_RULES: ReadonlySet<string> = new Set(["BUD-CATEGORY-UNKNOWN", "INC-TYPE-UNKNOWN", "WB-VALUE-UNKNOWN"]);

function suggestionFor(finding: Finding, context: FixContext): FixSuggestion | null {
  const vocabulary = vocabularyAt(finding, context);
  const sheet = sheetNamed(context.snapshot, finding.sheet);
  if (vocabulary === null || !sheet) return null;
  const expected = cellContent(sheet, finding.cell);
  const typed = typeof expected.value === "string" ? expected.value : String(finding.params.value ?? "");
  const choices = closestTerms(context.pack, vocabulary, typed);
  if (choices.length === 0) return null;
  return { ruleId: finding.ruleId, fingerprint: finding.fingerprint, sheet: finding.sheet, cell: finding.cell, expected, choices };
}

/**
 * The fixes and suggestions for a validation result of this snapshot. Every parameter comes from
 * the rule pack; a rule without a `fix` in the pack gets no fix.
 */
export function proposeFixes(snapshot: WorkbookSnapshot, result: ValidationResult, options: ProposeFixesOptions = {}): ProposedFixes {
  const pack = options.pack ?? packOf(result);
  const model = buildModel(snapshot, pack);
  const analysis = analyse(model, pack);
  const lineAt = new Map<number, BudgetLine>();
  for (const line of model.budget?.rows ?? []) lineAt.set(line.source.row, line);
  const budgetSheet = model.budget ? sheetNamed(snapshot, model.budget.table.sheet.name) : undefined;
  const amountFormulas = (model.budget?.rows ?? []).some((line) => line.amount.cell !== undefined && budgetSheet?.formulas?.[line.amount.cell.address] !== undefined);
  const context: FixContext = { snapshot, model, analysis, pack, vocabulary: vocabularyFor(pack), lineAt, amountFormulas };
  const wanted = (ruleId: string): boolean => options.rules === undefined || options.rules.includes(ruleId);

  const fixes: Fix[] = [];
  const suggestions: FixSuggestion[] = [];
  for (const finding of result.findings) {
    if (!wanted(finding.ruleId)) continue;
    if (SUGGESTED_RULES.has(finding.ruleId)) {
      const suggestion = suggestionFor(finding, context);
      if (suggestion) suggestions.push(suggestion);
      continue;
    }
    const fixer = FIXERS[finding.ruleId as RuleId];
    const body = fixer?.(finding, context);
    if (body && body.edits.length > 0) fixes.push({ ruleId: finding.ruleId, fingerprint: finding.fingerprint, ...body });
  }
  if (wanted(TAX_ID_TEXT_RULE)) fixes.push(...taxIdTextFixes(context));

  if (options.verify === false) return { fixes, suggestions };
  return { fixes: safeAlone(snapshot, result, fixes, result.rulePack !== null ? { rulePack: result.rulePack } : {}), suggestions };
}
