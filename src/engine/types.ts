/**
 * The engine's input and output. Everything here is plain data (JSON-serialisable), so a
 * snapshot can come from Office.js, from an .xlsx file or from a test, and findings can go to
 * the grid, the task pane, the console or a SARIF file.
 */

/** An Excel error value such as #REF! or #VALUE!. */
export interface CellError {
  error: string;
}

/**
 * One cell's value as the spreadsheet shows it: formulas are represented by their cached
 * result, dates by an ISO date string (YYYY-MM-DD), rich text by its plain text.
 */
export type CellValue = string | number | boolean | null | CellError;

export function isCellError(value: CellValue | undefined): value is CellError {
  return typeof value === "object" && value !== null && "error" in value;
}

/** A rectangular block of one worksheet's values, anchored at its real position. */
export interface SheetSnapshot {
  /** The worksheet's name exactly as in the workbook. */
  name: string;
  /** 1-based row number of values[0]. */
  originRow: number;
  /** 1-based column number of values[r][0]. */
  originColumn: number;
  /** Row-major values; rows may be shorter than others (missing cells are empty). */
  values: CellValue[][];
  /** Hidden worksheets are still read; the flag only informs the reader. */
  hidden?: boolean;
  /**
   * The formulas of the cells that hold one, by A1 address ("J8" → "=G8*H8*I8"); sparse and
   * optional. Without it the engine knows only values (quick fixes then write values).
   */
  formulas?: Record<string, string>;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
}

export type Severity = "error" | "warning" | "info";
export type Language = "zh-TW" | "en";

export type MessageParams = Record<string, string | number>;

/** Who is using the product: a PI fills in, finance checks a budget, a reviewer reads a submission. */
export type Role = "pi" | "finance" | "reviewer";

/**
 * An exception note (例外說明; stored as a "waiver"): a person explained why a finding is
 * justified. Keyed by the finding's fingerprint. Errors may be explained only in the roles the
 * rule pack's `exceptionNotes.errorRoles` names, and an explained error still counts as an error
 * in `--strict` checks.
 */
export interface Waiver {
  fingerprint: string;
  ruleId: string;
  reason: string;
  /** The person's name as they typed it (older files: a role's label). */
  by?: string;
  /** The role the note was written in. */
  role?: Role;
  /** Local time in Taiwan, ISO 8601 with its offset: "2026-12-05T07:30:00+08:00" (older files: "2026-03-01"). */
  at?: string;
  /** The severity of the finding when it was explained. */
  severity?: Severity;
}

/** What a cell holds: as a fix expects to find it, or as a fix leaves it. */
export interface CellContent {
  /** The value shown (for a formula, its cached result; null: empty). */
  value: CellValue;
  /** The formula, when the cell holds one ("=SUM(H5:H9)"). */
  formula?: string;
  /** The number format, when it matters (a fix that stores a 統一編號 as text sets "@"). */
  numberFormat?: string;
}

/** One cell changed by a fix. A fix never changes a cell it does not name. */
export interface CellEdit {
  sheet: string;
  /** A1 address of a single cell. */
  cell: string;
  /** What must be in the cell for the edit to apply; a cell the user changed since is skipped. */
  expected: CellContent;
  next: CellContent;
}

/** A safe, deterministic remedy for one finding, computed by the engine from the rule pack. */
export interface Fix {
  ruleId: string;
  /** The fingerprint of the finding it removes. */
  fingerprint: string;
  edits: CellEdit[];
  /** One line in each language: what the fix does. */
  description: Record<Language, string>;
  /**
   * A fix for no finding: the cell reads right but is stored so that information is lost (a
   * 統一編號 stored as a number, its leading zero gone). `fingerprint` is then the fix's own.
   */
  tidy?: true;
}

/** For a vocabulary miss: the closest terms, best first. Never applied without the user's pick. */
export interface FixSuggestion {
  ruleId: string;
  fingerprint: string;
  sheet: string;
  cell: string;
  expected: CellContent;
  /** Canonical terms of the vocabulary, closest first. */
  choices: string[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Worksheet name as it appears in the workbook (or the canonical name when it is missing). */
  sheet: string;
  /** A1 address on `sheet`. */
  cell: string;
  /** 1-based row and column of `cell`. */
  row: number;
  column: number;
  /** Selects one of the rule's messages when it has several. */
  variant?: string;
  /** Values the message is built from (the value found, the limit, …). */
  params: MessageParams;
  /** Stable identity across row moves: rule + sheet + row key. Used for waivers. */
  fingerprint: string;
  /** The rule's source tags, e.g. ["SEED", "NSTC-PHD"]. */
  sources: string[];
  waiver?: Waiver;
}

export interface MemberCounts {
  listed: number;
  counted: number;
  excluded: number;
  paying: number;
  free: number;
  international: number;
  large: number;
}

/** Member counts for one year, with the excluded rows by rule ID (MEM-EXCLUDED-*, MEM-DUPLICATE). */
export interface MemberFigures extends MemberCounts {
  byReason: Record<string, number>;
}

export interface YearFigures {
  year: number;
  subsidy: number | null;
  /** Where the subsidy figure comes from (歷年補助款, the plan's 申請補助款, or the budget's total). */
  subsidySource: "history" | "plan" | "budget" | null;
  /** Operating income by income type (canonical zh-TW type names). */
  incomeByType: Record<string, number>;
  operatingIncome: number;
  selfSufficiencyRatio: number | null;
  countedMembers: number;
  /** Member counts as of this year (members joined in or before it). */
  members: MemberFigures;
  /** Phase-1-year-3 and later: income must exceed the subsidy in this year. */
  required: boolean;
}

/** 管理費 against the base it may be charged on (BUD-OVERHEAD's computation). */
export interface OverheadFigures {
  /** Overhead lines funded by the subsidy, added up. */
  amount: number;
  /** The base, by 科目 (null: lines without a category); the PI stipend, overhead itself and the pack's excluded categories are left out. */
  baseParts: { category: string | null; amount: number }[];
  /** Equipment funded by the subsidy, and how much of it counts towards the base (at most equipmentBaseCap). */
  equipment: number;
  equipmentInBase: number;
  equipmentBaseCap: number;
  /** baseParts plus equipmentInBase. */
  base: number;
  /** The plan's 管理費費率, else the pack's default; rateFromPlan says which. */
  rate: number;
  rateFromPlan: boolean;
  /** floor(rate × base). */
  allowed: number;
}

/** A budget as a finance officer reads it. */
export interface BudgetFigures {
  /** Amounts by 科目 in the pack's order (null: lines without a known category, last), split by 經費來源. */
  byCategory: { category: string | null; subsidy: number; matching: number; total: number }[];
  /** 補助款 and 自籌款 (every other funding source) totals, and both. */
  subsidyTotal: number;
  matchingTotal: number;
  total: number;
  /** Null when the budget has no overhead line. */
  overhead: OverheadFigures | null;
  /** The subsidy cap (BUD-CAP), the budget's 補助款 total against it, and the share used (null for a zero cap). */
  cap: { limit: number; used: number; share: number | null };
}

export interface Summary {
  subsidy: number | null;
  /** The budget's 補助款 line items added up (null without a budget sheet). */
  budgetSubsidyTotal: number | null;
  operatingIncome: number | null;
  selfSufficiencyRatio: number | null;
  /**
   * Member counts for the plan's fiscal year: members listed as joined in or before it (an empty
   * 入會年度 means the plan's year), so listed = counted + excluded.
   */
  members: MemberCounts;
  /** Member rows excluded, by rule ID (for the plan's year). */
  excludedByReason: Record<string, number>;
  incomeByType: Record<string, number>;
  years: YearFigures[];
  /** The budget by 科目 and 經費來源, its overhead and the cap used; null without a budget sheet. */
  budget: BudgetFigures | null;
}

export interface PlanInfo {
  title: string | null;
  /** 計畫編號 as written (optional; identifies the alliance across fiscal years). */
  projectNumber: string | null;
  pi: string | null;
  institution: string | null;
  fiscalYear: number | null;
  phase: number | null;
  yearInPhase: number | null;
  subsidyRequested: number | null;
  pastYears: number[];
  overheadRate: number | null;
  rulePack: string | null;
}

export interface ValidationResult {
  rulePack: string | null;
  fiscalYear: number | null;
  plan: PlanInfo;
  findings: Finding[];
  summary: Summary;
}
