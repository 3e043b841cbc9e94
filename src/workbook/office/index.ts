/** The Office.js side of the workbook gateway. */
export { OfficeGateway, type OfficeGatewayOptions } from "./OfficeGateway";
export { Capabilities, type AnnotationKind, type ExcelRun, type RequirementCheck } from "./session";
export { FLAG_STATE_SETTING } from "./gridScan";
export { type FlagState } from "./flags";
export {
  DEFAULT_DEBOUNCE_MS,
  type FlagWriter,
  LiveValidationController,
  type LiveValidationOptions,
  type LiveValidationStatus,
  type Timers,
} from "./liveValidation";
export { openWorkbookCopy } from "./newWorkbook";
export { ANNOTATION_MARKER, FLAG_FORMATS, type FlagStyle, markerFormula } from "../flagMarks";
export { WAIVER_NAMESPACE, waiversFromXml, waiversToXml } from "../waiverXml";
