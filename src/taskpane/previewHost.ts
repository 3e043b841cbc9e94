/** The task pane's host in the browser preview: the in-memory workbook, with downloads for what Excel would write. */
import type { Language } from "../engine/types";
import type { PreviewGateway } from "../workbook/preview/PreviewGateway";
import { baseName, MIME } from "./download";
import type { SavedFile, TaskPaneHost } from "./host";

const TEMPLATE_NAMES: Record<Language, string> = {
  "zh-TW": "產學聯盟計畫範本.xlsx",
  en: "alliance-plan-template.xlsx",
};

export function annotatedName(fileName: string, summary: boolean): string {
  return `${baseName(fileName)}-${summary ? "summary" : "annotated"}.xlsx`;
}

export function createPreviewHost(gateway: PreviewGateway, saveFile: (file: SavedFile) => void): TaskPaneHost {
  return {
    kind: "preview",
    gateway,
    documentName: gateway.fileName,
    generateSummary: async (result, language, onProgress, checkedBy) => {
      onProgress({ stage: "annotate", fraction: 0 });
      const copy = await gateway.annotatedCopy(result, {
        language,
        summary: true,
        fileName: gateway.fileName,
        ...(checkedBy !== undefined ? { checkedBy } : {}),
      });
      saveFile({ name: annotatedName(gateway.fileName, true), type: MIME.xlsx, data: copy.bytes });
      return "downloaded";
    },
    insertTemplate: async (language, onProgress) => {
      onProgress({ stage: "template", fraction: 0 });
      const bytes = await gateway.templateBytes(language);
      saveFile({ name: TEMPLATE_NAMES[language], type: MIME.xlsx, data: bytes });
      return "downloaded";
    },
    saveFile,
    openWorkbook: async ({ name, bytes }) => {
      saveFile({ name, type: MIME.xlsx, data: bytes });
      return "downloaded";
    },
  };
}
