/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { renderInPane } from "../../test/fakes";
import { ActionBar, type ActionBarProps } from "./ActionBar";

function props(overrides: Partial<ActionBarProps> = {}): ActionBarProps {
  return {
    host: "excel",
    hasResult: true,
    busy: false,
    onShowFlags: jest.fn(),
    onClearFlags: jest.fn(),
    onSummary: undefined,
    onTemplate: undefined,
    onExport: jest.fn(),
    ...overrides,
  };
}

function button(text: string): HTMLElement {
  return screen.getByText(text).closest("button")!;
}

describe("ActionBar", () => {
  it("disables the summary and template in Excel until their writers exist, saying why", async () => {
    const { container } = renderInPane(() => <ActionBar {...props()} />);
    expect(button("產生營運摘要")).toHaveAttribute("aria-disabled", "true");
    expect(button("產生營運摘要")).toHaveAccessibleDescription("營運摘要將隨摘要寫入功能推出。");
    expect(button("插入範本")).toHaveAccessibleDescription("範本將隨範本寫入功能推出。");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("offers downloads in the preview", () => {
    const onSummary = jest.fn();
    const onTemplate = jest.fn();
    renderInPane(() => <ActionBar {...props({ host: "preview", onSummary, onTemplate })} />);
    fireEvent.click(button("下載標註副本（含營運摘要）"));
    fireEvent.click(button("下載範本"));
    expect(onSummary).toHaveBeenCalled();
    expect(onTemplate).toHaveBeenCalled();
  });

  it("needs a result before flags, summary and export", () => {
    const onShowFlags = jest.fn();
    renderInPane(() => <ActionBar {...props({ hasResult: false, onShowFlags, onSummary: jest.fn() })} />);
    fireEvent.click(button("標示儲存格"));
    expect(onShowFlags).not.toHaveBeenCalled();
    expect(button("標示儲存格")).toHaveAccessibleDescription("請先檢核。");
    expect(screen.getByTestId("export")).toBeDisabled();
  });

  it("gives a reviewer one labelled action for flags in the workbook, saying the add-in does not save it", async () => {
    const onShowFlags = jest.fn();
    const { container } = renderInPane(() => <ActionBar {...props({ role: "reviewer", onShowFlags })} />);
    fireEvent.click(screen.getByTestId("reviewer-flags"));
    expect(onShowFlags).toHaveBeenCalled();
    expect(screen.getByTestId("reviewer-flags")).toHaveTextContent("在活頁簿中標示");
    expect(screen.getByTestId("reviewer-flags-hint")).toHaveTextContent("本增益集不會儲存活頁簿");
    expect(screen.queryByText("標示儲存格")).toBeNull();
    expect(await axe(container)).toHaveNoViolations();
  });
});
