/** @jest-environment jsdom */
import "../../test/setup";
import { act, fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { PreviewGateway } from "../../../workbook/preview/PreviewGateway";
import { renderInPane, sampleBytes } from "../../test/fakes";
import { PreviewGrid } from "./PreviewGrid";

describe("PreviewGrid", () => {
  it("shows each sheet in a tab with real addresses, flags coloured by severity", async () => {
    const gateway = await PreviewGateway.open(sampleBytes("sample-mistakes.xlsx"), "s.xlsx");
    const { container } = renderInPane(() => <PreviewGrid gateway={gateway} />);
    expect(document.querySelector('td[data-cell="A1"]')).toHaveTextContent("計畫名稱");
    await act(async () => {
      await gateway.showFlags([
        { sheet: "計畫資訊", cell: "B5", severity: "error", message: "期別不符", ruleId: "PLAN-ELIGIBILITY" },
        { sheet: "計畫資訊", cell: "B7", severity: "warning", message: "不符", ruleId: "PLAN-SUBSIDY-MISMATCH", waived: true },
      ]);
    });
    const flagged = document.querySelector('td[data-cell="B5"]')!;
    expect(flagged).toHaveAttribute("data-severity", "error");
    expect(flagged).toHaveAttribute("title", "期別不符");
    expect(document.querySelector('td[data-cell="B7"]')).toHaveAttribute("data-severity", "waived");
    // The tab's badge counts the sheet's findings still to deal with, in the worst severity's colour.
    const badge = screen.getByTestId("sheet-tab-計畫資訊").querySelector('[data-testid="sheet-badge"]')!;
    expect(badge).toHaveTextContent("1");
    expect(badge).toHaveAttribute("data-severity", "error");
    expect(badge).toHaveAttribute("aria-label", "1 項，最嚴重：錯誤");
    expect(screen.getByTestId("sheet-tab-經費表").querySelector('[data-testid="sheet-badge"]')).toBeNull();
    expect(await axe(container)).toHaveNoViolations();
  });

  it("switches to the sheet of a selected cell and marks it", async () => {
    const gateway = await PreviewGateway.open(sampleBytes("sample-mistakes.xlsx"), "s.xlsx");
    renderInPane(() => <PreviewGrid gateway={gateway} />);
    await act(async () => gateway.selectCell("會員名單", "B3"));
    expect(screen.getByTestId("preview-grid")).toHaveAttribute("data-sheet", "會員名單");
    expect(document.querySelector('td[data-cell="B3"]')).toHaveAttribute("aria-current", "true");
    fireEvent.click(screen.getByTestId("sheet-tab-經費表"));
    expect(screen.getByTestId("preview-grid")).toHaveAttribute("data-sheet", "經費表");
  });
});
