/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import { WorkbookError } from "../../../workbook/gateway";
import type { SavedFile } from "../../host";
import { memoryStorage, sampleBytes } from "../../test/fakes";
import { AppRoot } from "../AppRoot/AppRoot";
import { PreviewShell } from "./PreviewShell";

async function fetchSample(url: string): Promise<Uint8Array> {
  const name = decodeURIComponent(url.replace("./samples/", ""));
  if (name === "missing.xlsx") throw new WorkbookError("not-found", url);
  return sampleBytes(name);
}

function renderShell(initialSample = "sample-mistakes.xlsx") {
  const saved: SavedFile[] = [];
  const view = render(
    <AppRoot storage={memoryStorage()} fallbackLanguage="zh-TW">
      {(settings) => (
        <PreviewShell
          settings={settings}
          samplesBase="./samples/"
          samples={["sample-mistakes.xlsx", "sample-english.xlsx", "missing.xlsx"]}
          initialSample={initialSample}
          fetchBytes={fetchSample}
          saveFile={(file) => saved.push(file)}
        />
      )}
    </AppRoot>,
  );
  return { ...view, saved };
}

jest.setTimeout(30000);

describe("PreviewShell", () => {
  it("opens the default sample beside the task pane", async () => {
    const { container } = renderShell();
    expect(await screen.findByTestId("sheet-tab-計畫資訊", {}, { timeout: 10000 })).toBeInTheDocument();
    expect(screen.getByTestId("preview-file-name")).toHaveTextContent("sample-mistakes.xlsx");
    expect(within(screen.getByTestId("pane-column")).getByTestId("validate")).toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
  }, 60000);

  it("colours flagged cells after validating and highlights the cell of an activated finding", async () => {
    renderShell();
    await screen.findByTestId("sheet-tab-計畫資訊", {}, { timeout: 10000 });
    fireEvent.click(screen.getByTestId("validate"));
    await screen.findByTestId("findings", {}, { timeout: 10000 });
    await waitFor(() => expect(document.querySelector('td[data-cell="B5"]')).toHaveAttribute("data-severity", "error"));
    expect(document.querySelector('td[data-cell="B5"]')!.getAttribute("title")).toContain("主持人過去執行");

    const item = document.querySelector<HTMLElement>('li[data-rule="BUD-PHD-PAY"]')!;
    fireEvent.click(within(item).getAllByRole("button")[0]!);
    await waitFor(() => expect(screen.getByTestId("preview-grid")).toHaveAttribute("data-sheet", "經費表"));
    expect(document.querySelector('td[data-cell="G6"]')).toHaveAttribute("data-selected", "true");
  });

  it("opens a workbook chosen through the file input", async () => {
    renderShell();
    await screen.findByTestId("sheet-tab-計畫資訊", {}, { timeout: 10000 });
    const file = new File([new Uint8Array(sampleBytes("sample-english.xlsx"))], "my-plan.xlsx");
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    expect(await screen.findByTestId("sheet-tab-Plan", {}, { timeout: 10000 })).toBeInTheDocument();
    expect(screen.getByTestId("preview-file-name")).toHaveTextContent("my-plan.xlsx");
  });

  it("switches samples", async () => {
    renderShell();
    await screen.findByTestId("sheet-tab-計畫資訊", {}, { timeout: 10000 });
    fireEvent.change(screen.getByTestId("sample-select"), { target: { value: "sample-english.xlsx" } });
    expect(await screen.findByTestId("sheet-tab-Budget", {}, { timeout: 10000 })).toBeInTheDocument();
  });

  it("says what went wrong when a workbook cannot be opened", async () => {
    renderShell("missing.xlsx");
    expect(await screen.findByTestId("notice", {}, { timeout: 10000 })).toHaveTextContent("找不到活頁簿或工作表");
  });

  it("downloads the annotated copy", async () => {
    const { saved } = renderShell();
    await screen.findByTestId("sheet-tab-計畫資訊", {}, { timeout: 10000 });
    fireEvent.click(screen.getByTestId("download-annotated"));
    await waitFor(() => expect(saved).toHaveLength(1), { timeout: 30000 });
    expect(saved[0]!.name).toBe("sample-mistakes-annotated.xlsx");
    expect((saved[0]!.data as Uint8Array).byteLength).toBeGreaterThan(1000);
  }, 60000);
});
