/** Hands a file to the person through a temporary object URL (works in browsers and in Excel on the web). */
import type { SavedFile } from "./host";

export function saveFileInBrowser(file: SavedFile): void {
  const part: BlobPart = typeof file.data === "string" ? file.data : new Uint8Array(file.data);
  const url = URL.createObjectURL(new Blob([part], { type: file.type }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = file.name;
  anchor.rel = "noopener";
  anchor.style.display = "none";
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** "budget.xlsx" → "budget". */
export function baseName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "");
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base || "workbook";
}

export const MIME = {
  json: "application/json",
  sarif: "application/sarif+json",
  csv: "text/csv;charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
