/** Layouts of the sheets the product writes, as data shared by the file writer and the add-in. */
export * from "./layout";
export { STYLES, NUMBER_FORMATS, resolveStyle } from "./styles";
export type { CellStyle } from "./styles";
export { GENERATED_SHEET_NAMES, MARKER_PREFIX, markerName, kindOfMarker, planGeneratedSheetNames, sameSheetName } from "./names";
export type { SheetNamePlan } from "./names";
export { findingsSheetLayout, SEVERITY_WORDS } from "./findings";
export type { FindingsLayoutOptions } from "./findings";
export { describeInputSheets, describeSummaryInputs, exclusionRules } from "./inputs";
export type { InputPlan, InputSheets, InputTable, MemberFigures, SummaryInputs } from "./inputs";
export { summaryLayouts, MAX_ROW, MEMBER_ROWS_BUFFER } from "./summary";
export type { SummaryLayoutOptions } from "./summary";
export { templateLayouts, TEMPLATE_ROWS, TABLE_NAMES, fitsInline } from "./template";
export { vocabularySpellings, spellingsOf, dropdownValues } from "./vocabulary";
export { generatedSheetsOf, isOurSheetName, markerNotices, sheetOfA1Reference } from "./ownership";
export type { GeneratedSheets, MarkerProblem, MarkerProblemReason, NameFacts, SheetFacts } from "./ownership";
