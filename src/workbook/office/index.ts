/** The Office.js side of the workbook gateway. */
export {
  type AnnotationKind,
  type ExcelRun,
  FLAG_STATE_SETTING,
  type FlagState,
  OfficeGateway,
  type OfficeGatewayOptions,
  type RequirementCheck,
  WAIVER_SETTING,
} from "./OfficeGateway";
export {
  DEFAULT_DEBOUNCE_MS,
  type FlagWriter,
  LiveValidationController,
  type LiveValidationOptions,
  type LiveValidationStatus,
  type Timers,
} from "./liveValidation";
export { ANNOTATION_MARKER, FLAG_FORMATS, type FlagStyle, markerFormula } from "../flagMarks";
export { WAIVER_NAMESPACE, waiversFromXml, waiversToXml } from "../waiverXml";
