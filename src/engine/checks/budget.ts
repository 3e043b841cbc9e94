/** Budget (經費表) rules: the cap, fundable items, arithmetic, pay floors, overhead. */

/** "2026-01-01" as 「115年1月1日」 (zh-TW messages give dates in the ROC form); other text as it is. */
function rocDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${Number(match[1]) - 1911}年${Number(match[2])}月${Number(match[3])}日` : date;
}
import { formatNumber, normalizeFreeText, normalizeText, parseNumberCell } from "../normalize";
import { overheadFigures } from "../budgetFigures";
import { BudgetLine, numberOf } from "../model";
import { cellTarget, defineCheck, headerTarget, rowTarget } from "./check";
import type { CheckContext } from "./check";
import type { MessageParams } from "../types";
import type { TableRow } from "../read/tables";

/** Matches keyword lists: CJK keywords as substrings; Latin ones as whole words (plural allowed). */
export class KeywordMatcher {
  private readonly patterns: { keyword: string; test: (text: string) => boolean }[];
  /**
   * Answers by text: budget lines repeat the same item and description, and live validation
   * asks again for every line after each edit (about a quarter of re-validating 10,000 rows).
   */
  private answers = new Map<string, string | null>();
  constructor(keywords: string[]) {
    this.patterns = keywords.map((keyword) => {
      const normal = normalizeText(keyword);
      if (/^[\x20-\x7e]+$/.test(normal)) {
        const body = normal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
        const regex = new RegExp(`(?<![a-z0-9])${body}(?:s|es)?(?![a-z0-9])`);
        // Any match contains the keyword's first word: a substring test skips most texts
        // before the regex (whose leading lookbehind prevents a fast literal scan).
        const firstWord = normal.split(/\s+/)[0]!;
        return { keyword, test: (text: string) => text.includes(firstWord) && regex.test(text) };
      }
      return { keyword, test: (text: string) => text.includes(normal) };
    });
  }
  /** The first keyword found in the text, or null. */
  find(text: string): string | null {
    return this.findNormalized(normalizeFreeText(text));
  }
  /** As find, on text already normalised with normalizeFreeText. */
  findNormalized(normal: string): string | null {
    if (normal.length === 0) return null;
    let found = this.answers.get(normal);
    if (found !== undefined) return found;
    found = null;
    for (const pattern of this.patterns) {
      if (pattern.test(normal)) {
        found = pattern.keyword;
        break;
      }
    }
    if (this.answers.size >= MAX_REMEMBERED_TEXTS) this.answers = new Map();
    this.answers.set(normal, found);
    return found;
  }
}

/** Bounds the memory of a KeywordMatcher's answers (texts of about 50,000 distinct lines). */
const MAX_REMEMBERED_TEXTS = 50_000;

const matchers = new WeakMap<string[], KeywordMatcher>();
function matcherFor(keywords: string[]): KeywordMatcher {
  let matcher = matchers.get(keywords);
  if (!matcher) {
    matcher = new KeywordMatcher(keywords);
    matchers.set(keywords, matcher);
  }
  return matcher;
}

function amountText(line: BudgetLine): string {
  const amount = numberOf(line.amount);
  return amount === null ? "—" : formatNumber(amount);
}

/** Monthly pay (or hourly wage): 單價, else 金額 ÷ (數量 × 月數) with empty counts taken as 1. */
export function payOf(line: BudgetLine): number | null {
  const unit = numberOf(line.unitCost);
  if (unit !== null) return unit;
  const amount = numberOf(line.amount);
  if (amount === null) return null;
  const quantity = line.quantity.parse.kind === "empty" ? 1 : numberOf(line.quantity);
  const months = line.months.parse.kind === "empty" ? 1 : numberOf(line.months);
  if (quantity === null || months === null || quantity <= 0 || months <= 0) return null;
  return amount / (quantity * months);
}

function isResearchItem(context: CheckContext, line: BudgetLine): string | null {
  return matcherFor(context.pack.rules["BUD-RESEARCH-ITEM"].params.keywords).findNormalized(line.searchText);
}

function staffParams(context: CheckContext, line: BudgetLine, pay: number, min: number): MessageParams {
  const staffType = line.staffType.value ?? line.staffType.raw;
  return {
    staffType,
    staffTypeEn: context.vocabulary.label("staffType", staffType, "en"),
    pay: formatNumber(pay),
    min: formatNumber(min),
  };
}

export const budgetCap = defineCheck("BUD-CAP", ({ model, analysis, params, report }) => {
  const total = analysis.budgetSubsidyTotal;
  if (!model.budget || total === null || total <= params.cap) return;
  report(headerTarget(model.budget.table, "amount"), { total: formatNumber(total), cap: formatNumber(params.cap) });
});

export const categoryUnknown = defineCheck("BUD-CATEGORY-UNKNOWN", ({ model, vocabulary, report }) => {
  if (!model.budget) return;
  for (const line of model.budget.rows) {
    if (!line.category.unknown || !line.category.cell) continue;
    report(
      cellTarget(model.budget.table, line.category.cell),
      { value: line.category.raw, allowed: vocabulary.list("budgetCategory", "zh-TW"), allowedEn: vocabulary.list("budgetCategory", "en") },
      { key: line.category.raw },
    );
  }
});

export const foreignTravel = defineCheck("BUD-FOREIGN-TRAVEL", ({ model, params, report }) => {
  if (!model.budget) return;
  for (const line of model.budget.rows) {
    if (line.category.value === null || !params.categories.includes(line.category.value)) continue;
    report(rowTarget(model.budget.table, line.source.cells, "category"), { item: line.item, amount: amountText(line) }, { key: line.item });
  }
});

export const piStipend = defineCheck("BUD-PI-STIPEND", ({ model, analysis, params, report }) => {
  if (!model.budget) return;
  const phase = model.plan.info.phase;
  for (const line of model.budget.rows) {
    if (!analysis.isPiStipend(line)) continue;
    const byCategory = line.category.value !== null && params.categories.includes(line.category.value);
    const target = rowTarget(model.budget.table, line.source.cells, byCategory ? "category" : "item");
    const messageParams = { item: line.item || line.category.raw, amount: amountText(line), phase: phase ?? "?" };
    if (params.allowedPhases.length === 0) {
      report(target, messageParams, { key: line.item });
    } else if (phase !== null && !params.allowedPhases.includes(phase)) {
      report(target, messageParams, { variant: "laterPhase", key: line.item });
    }
  }
});

export const researchItem = defineCheck("BUD-RESEARCH-ITEM", (context) => {
  const { model, report } = context;
  if (!model.budget) return;
  for (const line of model.budget.rows) {
    const keyword = isResearchItem(context, line);
    if (keyword === null) continue;
    report(rowTarget(model.budget.table, line.source.cells, "item"), { item: line.item, keyword }, { key: line.item });
  }
});

export const equipmentPurpose = defineCheck("BUD-EQUIPMENT-PURPOSE", (context) => {
  const { model, params, report } = context;
  if (!model.budget) return;
  const service = matcherFor(params.serviceKeywords);
  for (const line of model.budget.rows) {
    if (line.category.value === null || !params.categories.includes(line.category.value)) continue;
    if (isResearchItem(context, line) !== null) continue; // BUD-RESEARCH-ITEM already says it
    if (service.findNormalized(line.searchText) !== null) continue;
    report(rowTarget(model.budget.table, line.source.cells, "item"), { item: line.item }, { key: line.item });
  }
});

export const equipmentUnit = defineCheck("BUD-EQUIPMENT-UNIT", ({ model, params, report }) => {
  if (!model.budget) return;
  for (const line of model.budget.rows) {
    if (line.category.value === null || !params.categories.includes(line.category.value)) continue;
    let unitCost = numberOf(line.unitCost);
    if (unitCost === null && line.unitCost.parse.kind === "empty") {
      const amount = numberOf(line.amount);
      const quantity = line.quantity.parse.kind === "empty" ? 1 : numberOf(line.quantity);
      unitCost = amount !== null && quantity !== null && quantity > 0 ? amount / quantity : null;
    }
    if (unitCost === null || unitCost >= params.minUnitCost) continue;
    report(
      rowTarget(model.budget.table, line.source.cells, "unitCost", "amount"),
      { item: line.item, unitCost: formatNumber(unitCost), min: formatNumber(params.minUnitCost) },
      { key: line.item },
    );
  }
});

export const amountMismatch = defineCheck("BUD-AMOUNT-MISMATCH", ({ model, params, report }) => {
  if (!model.budget) return;
  for (const line of model.budget.rows) {
    const unit = numberOf(line.unitCost);
    const quantity = numberOf(line.quantity);
    const amount = numberOf(line.amount);
    const months = line.months.parse.kind === "empty" ? 1 : numberOf(line.months);
    if (unit === null || quantity === null || amount === null || months === null) continue;
    const expected = unit * quantity * months;
    if (Math.abs(amount - expected) <= params.tolerance) continue;
    report(
      rowTarget(model.budget.table, line.source.cells, "amount"),
      {
        amount: formatNumber(amount),
        expected: formatNumber(expected),
        unitCost: formatNumber(unit),
        quantity: formatNumber(quantity),
        months: formatNumber(months),
      },
      { key: line.item },
    );
  }
});

/** 小計 at the end, or Subtotal / Sub-total at the start: a section's total, not the whole budget's. */
function isSubtotalLabel(text: string): boolean {
  const label = text.trim().replace(/[\s\u3000]/g, "");
  return label.endsWith("小計") || /^sub-?total(?![a-z])/i.test(label);
}

export const totalMismatch = defineCheck("BUD-TOTAL-MISMATCH", ({ model, params, report }) => {
  const budget = model.budget;
  if (!budget) return;
  // A total row sums the line items (any funding source) since the previous total row. A total
  // row that directly follows other total rows (總計 after 小計s) sums every line item since the
  // last such grand total: compared with 0 it would flag the most common layout.
  let section = 0;
  let sectionLines = 0;
  let block = 0;
  // Lines whose amount is not a number are left out of the sum: the message names them.
  let skipped: { row: number; text: string }[] = [];
  let blockSkipped: { row: number; text: string }[] = [];
  // budget.rows are the table's non-total rows in order (see splitRows): walk both together
  // rather than index every line by its row on each validation.
  let next = 0;
  let lines: Map<TableRow, BudgetLine> | null = null;
  const lineOf = (row: TableRow): BudgetLine | undefined => {
    const candidate = budget.rows[next];
    if (lines === null && candidate?.source === row) {
      next += 1;
      return candidate;
    }
    lines ??= new Map(budget.rows.map((line) => [line.source, line] as const));
    return lines.get(row);
  };
  for (const row of budget.table.rows) {
    if (!row.isTotal) {
      const line = lineOf(row);
      const amount = line ? numberOf(line.amount) : null;
      if (amount !== null) section += amount;
      else if (line && line.amount.parse.kind === "invalid") skipped.push({ row: row.row, text: line.amount.parse.text });
      sectionLines += 1;
      continue;
    }
    // A subtotal (人事費小計, Subtotal (Personnel)) is never a grand total: right after another
    // total row it closes an empty section (the template's 科目 a plan leaves blank) and is 0.
    const grandTotal = sectionLines === 0 && !isSubtotalLabel(row.firstText);
    const expected = grandTotal ? block : section;
    const leftOut = grandTotal ? blockSkipped : skipped;
    if (grandTotal) {
      block = 0;
      blockSkipped = [];
    } else {
      block += section;
      blockSkipped = blockSkipped.concat(skipped);
    }
    section = 0;
    sectionLines = 0;
    skipped = [];
    const cell = row.cells.amount;
    if (!cell) continue;
    const amount = numberOf({ cell, parse: parseNumberCell(cell.value) });
    if (amount === null || Math.abs(amount - expected) <= params.tolerance) continue;
    const shown = leftOut.slice(0, 5);
    const more = leftOut.length - shown.length;
    report(
      cellTarget(budget.table, cell),
      {
        label: row.firstText,
        amount: formatNumber(amount),
        expected: formatNumber(expected),
        difference: formatNumber(Math.abs(amount - expected)),
        leftOut: shown.map((line) => `第 ${line.row} 列「${line.text}」`).join("、") + (more > 0 ? ` 等 ${leftOut.length} 列` : ""),
        leftOutEn: shown.map((line) => `row ${line.row} ('${line.text}')`).join(", ") + (more > 0 ? ` and ${more} more` : ""),
      },
      { key: `${row.firstText}@${row.row}`, variant: leftOut.length > 0 ? "leftOut" : undefined },
    );
  }
});

function reportPayFloor(context: CheckContext, staffTypes: string[], minimumFor: (line: BudgetLine) => { min: number; params?: MessageParams; variant?: string }): void {
  const { model, report } = context;
  if (!model.budget) return;
  for (const line of model.budget.rows) {
    if (line.staffType.value === null || !staffTypes.includes(line.staffType.value)) continue;
    const pay = payOf(line);
    if (pay === null) continue;
    const { min, params, variant } = minimumFor(line);
    if (pay >= min) continue;
    report(
      rowTarget(model.budget.table, line.source.cells, "unitCost", "amount"),
      { ...staffParams(context, line, pay, min), ...params },
      { variant, key: `${line.name}|${line.item}` },
    );
  }
}

export const phdPay = defineCheck("BUD-PHD-PAY", (context) => {
  reportPayFloor(context as CheckContext, context.params.staffTypes, () => ({ min: context.params.minMonthly }));
});

export const studentPay = defineCheck("BUD-STUDENT-PAY", (context) => {
  reportPayFloor(context as CheckContext, context.params.staffTypes, () => ({ min: context.params.minMonthly }));
});

export const fulltimePay = defineCheck("BUD-FULLTIME-PAY", (context) => {
  const { params, vocabulary } = context;
  reportPayFloor(context as CheckContext, params.staffTypes, (line) => {
    const known = line.degree.value !== null && params.floorsByDegree[line.degree.value] !== undefined;
    const degree = known ? line.degree.value! : params.defaultDegree;
    return {
      min: params.floorsByDegree[degree] ?? 0,
      params: { degree, degreeEn: vocabulary.label("degree", degree, "en") },
      variant: known ? undefined : "assumedDegree",
    };
  });
});

/** The minimum wage in force on the fiscal year's first day (the newest one when the year is unknown). */
export function minimumWageFor(
  schedule: { from: string; hourly: number }[],
  fiscalYear: number | null,
  fiscalYearStart: string,
): { from: string; hourly: number } {
  const sorted = [...schedule].sort((a, b) => a.from.localeCompare(b.from));
  if (fiscalYear === null) return sorted[sorted.length - 1]!;
  const firstDay = `${fiscalYear + 1911}-${fiscalYearStart}`;
  let inForce = sorted[0]!;
  for (const entry of sorted) if (entry.from <= firstDay) inForce = entry;
  return inForce;
}

export const tempWage = defineCheck("BUD-TEMP-WAGE", (context) => {
  const { params, pack, model } = context;
  const wage = minimumWageFor(params.minimumHourlyWage, model.plan.info.fiscalYear, pack.fiscalYearStart);
  reportPayFloor(context as CheckContext, params.staffTypes, () => ({ min: wage.hourly, params: { since: rocDate(wage.from), sinceEn: wage.from } }));
});

export const noManager = defineCheck("BUD-NO-MANAGER", ({ model, params, report }) => {
  if (!model.budget) return;
  const hasManager = model.budget.rows.some((line) => line.staffType.value !== null && params.staffTypes.includes(line.staffType.value));
  if (!hasManager) report(headerTarget(model.budget.table, "staffType"), {});
});

export const duplicatePerson = defineCheck("BUD-DUPLICATE-PERSON", ({ model, vocabulary, report }) => {
  if (!model.budget) return;
  const first = new Map<string, BudgetLine>();
  for (const line of model.budget.rows) {
    if (line.staffType.value === null || line.nameKey.length === 0) continue;
    const key = line.nameKey;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, line);
      continue;
    }
    if (earlier.staffType.value === line.staffType.value) continue;
    report(
      rowTarget(model.budget.table, line.source.cells, "name"),
      {
        name: line.name,
        staffType: line.staffType.value,
        staffTypeEn: vocabulary.label("staffType", line.staffType.value, "en"),
        firstStaffType: earlier.staffType.value!,
        firstStaffTypeEn: vocabulary.label("staffType", earlier.staffType.value!, "en"),
        firstRow: earlier.source.row,
      },
      { key: `${key}|${line.staffType.value}` },
    );
  }
});

export const overhead = defineCheck("BUD-OVERHEAD", ({ model, analysis, params, vocabulary, report }) => {
  const figures = overheadFigures(model, analysis, params);
  if (!model.budget || figures === null || figures.amount <= figures.allowed) return;
  // The base as its parts, so that the allowance can be rebuilt from the message alone.
  const parts = figures.baseParts.filter((part) => part.amount !== 0);
  const zh = parts.map((part) => `${part.category ?? "未填科目"} ${formatNumber(part.amount)} 元`);
  const en = parts.map((part) => `${part.category === null ? "no category" : vocabulary.label("budgetCategory", part.category, "en")} NT$${formatNumber(part.amount)}`);
  if (figures.equipment > 0) {
    const equipment = params.equipmentCategories[0] ?? "";
    const capped = figures.equipmentInBase < figures.equipment;
    zh.push(
      `${equipment} ${formatNumber(figures.equipmentInBase)} 元${capped ? `（實列 ${formatNumber(figures.equipment)} 元，以 ${formatNumber(figures.equipmentBaseCap)} 元為限）` : ""}`,
    );
    en.push(
      `${vocabulary.label("budgetCategory", equipment, "en")} NT$${formatNumber(figures.equipmentInBase)}${capped ? ` (of NT$${formatNumber(figures.equipment)}, capped at NT$${formatNumber(figures.equipmentBaseCap)})` : ""}`,
    );
  }
  report(
    headerTarget(model.budget.table, "amount"),
    {
      overhead: formatNumber(figures.amount),
      allowed: formatNumber(figures.allowed),
      rate: `${formatNumber(figures.rate * 100)}%`,
      base: formatNumber(figures.base),
      parts: zh.length > 0 ? zh.join(" ＋ ") : "0 元",
      partsEn: en.length > 0 ? en.join(" + ") : "NT$0",
      excess: formatNumber(figures.amount - figures.allowed),
    },
    { variant: figures.rateFromPlan ? undefined : "defaultRate" },
  );
});
