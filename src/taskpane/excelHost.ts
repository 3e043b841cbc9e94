/**
 * The task pane's host inside Excel: the Office.js gateway and live validation. The summary and
 * template writers are used when the gateway offers them (they arrive with the summary writer).
 */
import type { Language, ValidationResult } from "../engine/types";
import type { ProgressListener } from "../workbook/gateway";
import { LiveValidationController, OfficeGateway, type RequirementCheck } from "../workbook/office";
import { saveFileInBrowser } from "./download";
import type { TaskPaneHost } from "./host";

/** What a gateway offers once the summary writer exists. */
interface SummaryWriter {
  writeSummary(result: ValidationResult, language: Language, onProgress?: ProgressListener): Promise<void>;
}

/** What a gateway offers once the template writer exists. */
interface TemplateWriter {
  insertTemplate(language: Language, onProgress?: ProgressListener): Promise<void>;
}

function hasMethod<T extends object, W>(value: T, name: keyof W): value is T & W {
  return typeof (value as Record<PropertyKey, unknown>)[name] === "function";
}

export interface ExcelHostOptions {
  documentName: string;
  isSetSupported: RequirementCheck;
}

export function createExcelHost({ documentName, isSetSupported }: ExcelHostOptions): TaskPaneHost {
  const gateway = new OfficeGateway(undefined, { isSetSupported });
  const host: TaskPaneHost = {
    kind: "excel",
    gateway,
    documentName,
    saveFile: saveFileInBrowser,
    startLiveValidation: async (request) => {
      const controller = new LiveValidationController({
        gateway,
        revalidate: request.revalidate,
        initialFlags: request.initialFlags,
        onStatus: request.onStatus,
        onError: request.onError,
        isSetSupported,
      });
      await controller.start();
      return { stop: () => controller.stop() };
    },
  };
  if (hasMethod<OfficeGateway, SummaryWriter>(gateway, "writeSummary")) {
    host.generateSummary = async (result, language, onProgress) => {
      await gateway.writeSummary(result, language, onProgress);
      return "written";
    };
  }
  if (hasMethod<OfficeGateway, TemplateWriter>(gateway, "insertTemplate")) {
    host.insertTemplate = async (language, onProgress) => {
      await gateway.insertTemplate(language, onProgress);
      return "written";
    };
  }
  return host;
}
