/**
 * Opens an .xlsx as a new workbook in Excel (Application.createWorkbook [ExcelApi 1.8]): how a
 * file reaches the person where the task pane cannot download one (Office on Mac), and how the
 * add-in hands over a workbook without writing to the open one.
 */
import { runBatch, type ExcelRun } from "./session";

function base64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export async function openWorkbookCopy(bytes: Uint8Array, run?: ExcelRun): Promise<void> {
  await runBatch(run, "Opening a new workbook", "api-unsupported", async (context) => {
    Excel.createWorkbook(base64(bytes));
    await context.sync();
  });
}
