/**
 * The overview's columns, shared by the 審查總表 / Overview sheet, the CSV and the text report:
 * what each column is called in each language and what each row holds there. Figures the sheet
 * derives from others in its row (the ratio, members not counted, income above the subsidy) are
 * given here as the engine computed them; the sheet writes them as formulas with these results.
 */
import type { Language } from "../engine/types";
import { catalogueRulePack, hasRulePack, loadRulePack } from "../rules";
import type { RuleId, RulePack } from "../rules/schema";
import type { OverviewRow } from "./round";
import { submissionHead } from "./submission";

export type OverviewColumn =
  | "file"
  | "status"
  | "title"
  | "projectNumber"
  | "institution"
  | "pi"
  | "fiscalYear"
  | "phase"
  | "yearInPhase"
  | "rulePack"
  | "subsidy"
  | "operatingIncome"
  | "ratio"
  | "incomeRequired"
  | "incomeAboveSubsidy"
  | "listed"
  | "counted"
  | "excluded"
  | "paying"
  | "international"
  | "large"
  | "errors"
  | "warnings"
  | "info"
  | "waived"
  | "topRules"
  | "annotated"
  | "note";

export const OVERVIEW_COLUMNS: readonly { key: OverviewColumn; header: Record<Language, string> }[] = [
  { key: "file", header: { "zh-TW": "檔案", en: "File" } },
  { key: "status", header: { "zh-TW": "狀態", en: "Status" } },
  { key: "title", header: { "zh-TW": "計畫名稱", en: "Alliance" } },
  { key: "projectNumber", header: { "zh-TW": "計畫編號", en: "Project number" } },
  { key: "institution", header: { "zh-TW": "執行機構", en: "Host institution" } },
  { key: "pi", header: { "zh-TW": "計畫主持人", en: "PI" } },
  { key: "fiscalYear", header: { "zh-TW": "計畫年度", en: "Fiscal year" } },
  { key: "phase", header: { "zh-TW": "計畫期別", en: "Phase" } },
  { key: "yearInPhase", header: { "zh-TW": "期別年次", en: "Year in phase" } },
  { key: "rulePack", header: { "zh-TW": "規則版本", en: "Rule pack" } },
  { key: "subsidy", header: { "zh-TW": "補助款", en: "Subsidy" } },
  { key: "operatingIncome", header: { "zh-TW": "營運收入", en: "Operating income" } },
  { key: "ratio", header: { "zh-TW": "自主營運比率", en: "Self-sufficiency ratio" } },
  { key: "incomeRequired", header: { "zh-TW": "須收入大於補助款", en: "Income must exceed subsidy" } },
  { key: "incomeAboveSubsidy", header: { "zh-TW": "收入大於補助款", en: "Income above subsidy" } },
  { key: "listed", header: { "zh-TW": "會員名單列數", en: "Members listed" } },
  { key: "counted", header: { "zh-TW": "列計家數", en: "Counted" } },
  { key: "excluded", header: { "zh-TW": "不列計", en: "Not counted" } },
  { key: "paying", header: { "zh-TW": "付費會員", en: "Paying" } },
  { key: "international", header: { "zh-TW": "國際會員", en: "International" } },
  { key: "large", header: { "zh-TW": "大型企業", en: "Large" } },
  { key: "errors", header: { "zh-TW": "錯誤", en: "Errors" } },
  { key: "warnings", header: { "zh-TW": "警告", en: "Warnings" } },
  { key: "info", header: { "zh-TW": "提示", en: "Info" } },
  { key: "waived", header: { "zh-TW": "已有例外說明", en: "Explained" } },
  { key: "topRules", header: { "zh-TW": "最常見規則", en: "Most frequent rules" } },
  { key: "annotated", header: { "zh-TW": "標註副本", en: "Annotated copy" } },
  { key: "note", header: { "zh-TW": "說明", en: "Note" } },
];

export const OVERVIEW_WORDS = {
  "zh-TW": {
    checked: "已檢核",
    unreadable: "無法讀取",
    yes: "是",
    no: "否",
    met: "達成",
    notMet: "未達成",
    notApplicable: "—",
  },
  en: {
    checked: "Checked",
    unreadable: "Unreadable",
    yes: "Yes",
    no: "No",
    met: "Met",
    notMet: "Not met",
    notApplicable: "—",
  },
} as const;

export type OverviewValue = string | number | null;

/**
 * Whether operating income exceeds the subsidy where the phase requires it: met / not met, or
 * "—" where it is not required or a figure is missing.
 */
export function incomeAboveSubsidy(row: Extract<OverviewRow, { kind: "checked" }>, language: Language): string {
  const words = OVERVIEW_WORDS[language];
  const { incomeRequired, subsidy, operatingIncome } = row.facts;
  if (!incomeRequired || subsidy === null || operatingIncome === null) return words.notApplicable;
  return operatingIncome > subsidy ? words.met : words.notMet;
}

/**
 * A row's value in each column. `describeFailure` turns an unreadable file's error code and
 * message into the note shown (the command line's one line, the pane's text).
 */
export function overviewValues(
  row: OverviewRow,
  language: Language,
  describeFailure: (failure: Extract<OverviewRow, { kind: "unreadable" }>["failure"]) => string = (failure) => failure.message,
): Record<OverviewColumn, OverviewValue> {
  const words = OVERVIEW_WORDS[language];
  const empty = Object.fromEntries(OVERVIEW_COLUMNS.map((column) => [column.key, null])) as Record<OverviewColumn, OverviewValue>;
  if (row.kind === "unreadable") {
    return { ...empty, file: row.failure.file, status: words.unreadable, note: describeFailure(row.failure) };
  }
  const f = row.facts;
  return {
    ...submissionHead(f),
    status: words.checked,
    ratio: f.selfSufficiencyRatio,
    incomeRequired: f.incomeRequired ? words.yes : words.no,
    incomeAboveSubsidy: incomeAboveSubsidy(row, language),
    listed: f.members.listed,
    counted: f.members.counted,
    excluded: f.members.excluded,
    paying: f.members.paying,
    international: f.members.international,
    large: f.members.large,
    errors: f.findings.error,
    warnings: f.findings.warning,
    info: f.findings.info,
    waived: f.findings.waived,
    topRules: row.topRules.join(", "),
    annotated: row.annotated,
    note: null,
  };
}

function packNamed(id: string | null): RulePack {
  return id !== null && hasRulePack(id) ? loadRulePack(id) : catalogueRulePack();
}

/** A rule's title and sources (labels) in `language`, from the pack it fired under. */
export function ruleDescription(ruleId: string, rulePack: string | null, language: Language): { title: string; sources: string } {
  const pack = packNamed(rulePack);
  const rule = pack.rules[ruleId as RuleId];
  if (!rule) return { title: ruleId, sources: "" };
  return {
    title: rule.title[language],
    sources: rule.sources.map((tag) => pack.sources[tag]?.label[language] ?? tag).join(language === "zh-TW" ? "、" : "; "),
  };
}

/** An income type's label in `language` (the canonical zh-TW value when the pack does not know it). */
export function incomeTypeLabel(type: string, language: Language): string {
  return catalogueRulePack().vocabularies.incomeType.find((entry) => entry.value === type)?.label[language] ?? type;
}
