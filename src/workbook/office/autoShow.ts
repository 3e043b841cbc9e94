/**
 * Inserting the template from the task pane tags the open workbook so that Office opens our
 * task pane whenever it is opened ("Automatically open a task pane with a document": "Tag the
 * document on the client side"): the document setting Office.AutoShowTaskpaneWithDocument set
 * to true and saved. The manifest names the pane (TaskpaneId Office.AutoShowTaskpaneWithDocument).
 *
 * The settings are refreshed first where the host can (Office.Settings.refreshAsync), so that
 * saving the in-memory copy does not put back older values of our other settings.
 */
export const AUTO_SHOW_SETTING = "Office.AutoShowTaskpaneWithDocument";

type Callback = (result: { status: string; error?: { message?: string } }) => void;

/** The part of Office.Settings used here (injectable for tests). */
export interface DocumentSettings {
  set(name: string, value: unknown): void;
  saveAsync(callback?: Callback): void;
  refreshAsync?(callback?: Callback): void;
}

function call(run: (callback: Callback) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    run((result) => (result.status === "succeeded" ? resolve() : reject(new Error(result.error?.message ?? "failed"))));
  });
}

/**
 * Sets and saves the auto-open setting; true when saved. Never throws: the template is in
 * the workbook already, and a workbook without the setting still works from the ribbon.
 */
export async function enableAutoShow(settings?: DocumentSettings): Promise<boolean> {
  try {
    const target = settings ?? (Office.context.document.settings as unknown as DocumentSettings);
    if (typeof target.refreshAsync === "function") {
      await call((callback) => target.refreshAsync!(callback)).catch(() => undefined);
    }
    target.set(AUTO_SHOW_SETTING, true);
    await call((callback) => target.saveAsync(callback));
    return true;
  } catch {
    return false;
  }
}
