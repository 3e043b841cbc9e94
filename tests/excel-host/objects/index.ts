/** The classes of Excel's object model the in-memory Excel executes, by their RichApi names. */
import type { TypeSpec } from "../spec";
import { annotationTypes } from "./annotations";
import { conditionalFormatTypes } from "./conditionalFormats";
import { layoutTypes } from "./layout";
import { pageLayoutTypes } from "./pageLayout";
import { rangeTypes } from "./range";
import { serviceTypes } from "./services";
import { storageTypes } from "./storage";
import { workbookTypes } from "./workbook";

export const TYPES: Readonly<Record<string, TypeSpec>> = {
  ...workbookTypes,
  ...rangeTypes,
  ...conditionalFormatTypes,
  ...annotationTypes,
  ...storageTypes,
  ...layoutTypes,
  ...pageLayoutTypes,
  ...serviceTypes,
};

export { NEW_OBJECTS } from "./services";
export { WORKBOOK } from "./workbook";
