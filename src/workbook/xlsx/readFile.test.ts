import * as os from "os";
import * as path from "path";
import { readWorkbookSnapshotFromFile } from "./readFile";

const FIXTURES = path.join(__dirname, "..", "..", "..", "tests", "fixtures", "reader");

describe("readWorkbookSnapshotFromFile", () => {
  it("reads a workbook from disk", async () => {
    const snapshot = await readWorkbookSnapshotFromFile(path.join(FIXTURES, "exceljs-inline.xlsx"));
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(["Inline"]);
  });

  it("passes options through", async () => {
    const snapshot = await readWorkbookSnapshotFromFile(path.join(FIXTURES, "exceljs-budget.xlsx"), {
      sheetFilter: (name) => name === "Offset",
    });
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(["Offset"]);
  });

  it.each([
    ["a missing file", path.join(os.tmpdir(), "no-such-workbook-4711.xlsx"), "not-found", /File not found/],
    ["a folder", FIXTURES, "not-a-workbook", /is a folder/],
    ["an encrypted workbook", path.join(FIXTURES, "ole2-encrypted.xlsx"), "encrypted", /password/],
  ])("reports %s", async (_label, file, code, message) => {
    await expect(readWorkbookSnapshotFromFile(file)).rejects.toMatchObject({ name: "WorkbookError", code, message: expect.stringMatching(message) });
  });
});
