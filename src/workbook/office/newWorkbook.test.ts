/**
 * Excel.createWorkbook on the in-memory Excel under Microsoft's client library: the bytes open as a
 * new workbook, the open one is not written, and a failure reaches the caller as a WorkbookError
 * (the call is awaited, not left to fail unseen).
 */
import { PROFILE_IDS } from "../../../tests/excel-host";
import { rejection, useHosts } from "../../../tests/excel-host/testing";
import { base64, openWorkbookCopy } from "./newWorkbook";

const start = useHosts();
const BYTES = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 70_000 }, (_, i) => i % 251)]);

describe.each(PROFILE_IDS.filter((id) => id !== "web"))("%s", (profile) => {
  it("opens the bytes as a new workbook in one request, writing nothing to the open one", async () => {
    const host = start(profile);
    host.workbook.addSheet("Sheet1");
    const before = host.workbook.snapshotCells();
    await openWorkbookCopy(BYTES);
    await host.settle();
    expect(host.createdWorkbooks).toEqual([base64(BYTES)]);
    expect(Buffer.from(host.createdWorkbooks[0]!, "base64").equals(Buffer.from(BYTES))).toBe(true);
    expect(host.syncCount).toBe(1);
    expect(host.syncs.some((sync) => sync.wrote)).toBe(false);
    expect(host.workbook.snapshotCells()).toEqual(before);
  });

  it("rejects with a WorkbookError when Excel refuses", async () => {
    const host = start(profile);
    host.injectFailure({ nth: 1, code: "GeneralException" });
    const error = await rejection(openWorkbookCopy(BYTES));
    expect(error.name).toBe("WorkbookError");
    expect(host.createdWorkbooks).toEqual([]);
  });
});
