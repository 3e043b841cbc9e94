/**
 * Opens an .xlsx as a new workbook in Excel (Excel.createWorkbook [ExcelApi 1.8]): how a file
 * reaches the person where the task pane cannot download one (Office on Mac), and how the
 * add-in hands over a workbook without writing to the open one (a round's overview).
 *
 * Excel.createWorkbook runs its own batch (on Excel on the web through the web's own request
 * context), so it is awaited here rather than queued on one of ours: its failure (a host without
 * ExcelApi 1.8, a file over the web's payload limit) reaches the pane as a WorkbookError. The
 * open workbook is not written.
 */
import { batchError } from "./session";

export function base64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export async function openWorkbookCopy(bytes: Uint8Array): Promise<void> {
  try {
    await Excel.createWorkbook(base64(bytes));
  } catch (error) {
    throw batchError(error, "Opening a new workbook", "api-unsupported");
  }
}
