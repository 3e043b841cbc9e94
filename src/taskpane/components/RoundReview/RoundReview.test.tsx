/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import { readFileSync } from "fs";
import { join } from "path";
import { createFormatter } from "../../../engine/format";
import { validateWorkbook } from "../../../engine/validate";
import { readWorkbookSnapshot } from "../../../workbook/xlsx/read";
import { FakeGateway, fakeHost, renderInPane, sampleBytes, sampleSnapshot } from "../../test/fakes";
import { RoundReview } from "./RoundReview";

const READER_FIXTURES = join(__dirname, "..", "..", "..", "..", "tests", "fixtures", "reader");

function file(name: string, bytes: Uint8Array, relative?: string): File {
  const result = new File([new Uint8Array(bytes)], name);
  if (relative) Object.defineProperty(result, "webkitRelativePath", { value: relative });
  return result;
}

function choose(testId: string, files: File[]): void {
  fireEvent.change(screen.getByTestId(testId), { target: { files } });
}

const round = () => [
  file("sample-clean.xlsx", sampleBytes("sample-clean.xlsx")),
  file("sample-mistakes.xlsx", sampleBytes("sample-mistakes.xlsx")),
  file("truncated.xlsx", new Uint8Array(readFileSync(join(READER_FIXTURES, "truncated.xlsx")))),
];

describe("RoundReview", () => {
  it("checks the chosen workbooks and lists them: unreadable first, then by errors", async () => {
    const { container } = renderInPane(() => <RoundReview />);
    choose("round-files", round());
    const table = await screen.findByTestId("round-table", {}, { timeout: 20_000 });
    const rows = within(table).getAllByTestId("round-row");
    expect(rows.map((row) => row.dataset.file)).toEqual(["truncated.xlsx", "sample-mistakes.xlsx", "sample-clean.xlsx"]);
    expect(rows[0]).toHaveTextContent("無法讀取");
    const errors = validateWorkbook(sampleSnapshot("sample-mistakes.xlsx")).findings.filter((f) => f.severity === "error" && !f.waiver).length;
    expect(within(rows[1]!).getAllByRole("cell")[1]).toHaveTextContent(String(errors));
    expect(screen.getByTestId("round-totals")).toHaveTextContent("共 3 件：已檢核 2 件、無法讀取 1 件；有錯誤者 1 件");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("opens a row's findings, with the messages the engine formats, and goes back", async () => {
    renderInPane(() => <RoundReview />, { language: "en" });
    choose("round-files", round());
    await screen.findByTestId("round-table", {}, { timeout: 20_000 });
    fireEvent.click(screen.getByRole("button", { name: /Open the findings of 綠能材料/ }));
    const list = await screen.findByTestId("round-findings");
    const result = validateWorkbook(sampleSnapshot("sample-mistakes.xlsx"));
    const format = createFormatter(result);
    const items = list.querySelectorAll("li[data-rule]");
    expect(items).toHaveLength(result.findings.length);
    expect(items[0]).toHaveTextContent(format(result.findings[0]!, "en"));
    fireEvent.click(screen.getByTestId("round-back"));
    expect(await screen.findByTestId("round-table")).toBeInTheDocument();
  });

  it("reads only workbooks from a chosen folder, and says what it skipped", async () => {
    const original = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "webkitdirectory");
    Object.defineProperty(HTMLInputElement.prototype, "webkitdirectory", { configurable: true, value: false, writable: true });
    try {
      renderInPane(() => <RoundReview />);
      choose("round-folder", [
        file("sample-clean.xlsx", sampleBytes("sample-clean.xlsx"), "收件/甲/sample-clean.xlsx"),
        file("notes.txt", new TextEncoder().encode("備註"), "收件/notes.txt"),
        file("~$sample-clean.xlsx", new Uint8Array([7]), "收件/甲/~$sample-clean.xlsx"),
      ]);
      const table = await screen.findByTestId("round-table", {}, { timeout: 20_000 });
      expect(within(table).getAllByTestId("round-row").map((row) => row.dataset.file)).toEqual(["收件/甲/sample-clean.xlsx"]);
      expect(screen.getByTestId("round-totals")).toHaveTextContent("略過資料夾中 2 個非活頁簿檔案");
    } finally {
      if (original) Object.defineProperty(HTMLInputElement.prototype, "webkitdirectory", original);
      else delete (HTMLInputElement.prototype as unknown as Record<string, unknown>).webkitdirectory;
    }
  });

  it("hands the overview workbook to the host (a download in the preview)", async () => {
    const host = fakeHost(new FakeGateway());
    renderInPane(() => <RoundReview />, { host });
    choose("round-files", round());
    await screen.findByTestId("round-table", {}, { timeout: 20_000 });
    expect(screen.getByTestId("round-overview")).toHaveTextContent("下載審查總表");
    fireEvent.click(screen.getByTestId("round-overview"));
    await waitFor(() => expect(host.saved).toHaveLength(1), { timeout: 20_000 });
    expect(host.saved[0]!.name).toMatch(/^審查總表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const snapshot = await readWorkbookSnapshot(host.saved[0]!.data as Uint8Array);
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(["審查總表", "規則統計", "跨年比對", "收支圖"]);
    expect(await screen.findByText(/已下載 審查總表-/)).toBeInTheDocument();
  });
});
