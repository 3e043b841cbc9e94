/**
 * The task pane's host inside Excel: the Office.js gateway, live validation (flags written by
 * live rounds only where Excel keeps the person's undo stack), the summary and template writers,
 * downloads where the platform's task pane can download, and workbooks the pane makes (a round's
 * overview) opened as new workbooks.
 */
import type { Language, ValidationResult } from "../engine/types";
import type { ProgressListener } from "../workbook/gateway";
import { LiveValidationController, OfficeGateway, openWorkbookCopy, type RequirementCheck } from "../workbook/office";
import { enableAutoShow } from "../workbook/office/autoShow";
import { saveFileInBrowser } from "./download";
import type { TaskPaneHost } from "./host";

export interface ExcelHostOptions {
  documentName: string;
  isSetSupported: RequirementCheck;
  /** Office.context.platform: "PC", "Mac", "OfficeOnline", … */
  platform?: string | null;
}

export function createExcelHost({ documentName, isSetSupported, platform }: ExcelHostOptions): TaskPaneHost {
  const gateway = new OfficeGateway(undefined, { isSetSupported });
  const liveWritesFlags = gateway.capabilities.undoKeepsAddinWrites();
  return {
    kind: "excel",
    gateway,
    documentName,
    saveFile: saveFileInBrowser,
    // Office on Mac runs the pane in a WebKit view that does not save downloads.
    canDownload: platform !== "Mac",
    liveWritesFlags,
    cellMessages: gateway.annotationKind(),
    startLiveValidation: async (request) => {
      const controller = new LiveValidationController({
        gateway,
        revalidate: request.revalidate,
        shownFlags: request.shownFlags,
        onFlagsShown: request.onFlagsShown,
        writeFlags: liveWritesFlags,
        onStatus: request.onStatus,
        onError: request.onError,
        isSetSupported,
      });
      await controller.start();
      return { stop: () => controller.stop() };
    },
    generateSummary: async (result: ValidationResult, language: Language, onProgress: ProgressListener, checkedBy?: string) => {
      await gateway.writeSummary(result, language, onProgress, {
        fileName: documentName,
        ...(checkedBy !== undefined ? { checkedBy } : {}),
      });
      return "written";
    },
    insertTemplate: async (language: Language, onProgress: ProgressListener) => {
      await gateway.insertTemplate(language, onProgress);
      // The pane opens by itself the next time this workbook is opened (a bonus: never fails the insert).
      await enableAutoShow();
      return "written";
    },
    // A new workbook in Excel (ExcelApi 1.8, below the add-in's floor): nothing written to the open one.
    openWorkbook: async ({ bytes }) => {
      await openWorkbookCopy(bytes);
      return "opened";
    },
  };
}
