/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { DEFAULT_FILTER } from "../../findings";
import { renderInPane } from "../../test/fakes";
import { SeverityCounts } from "./SeverityCounts";

describe("SeverityCounts", () => {
  it("shows a count per severity and toggles filters", async () => {
    const onToggle = jest.fn();
    const { container } = renderInPane(() => (
      <SeverityCounts
        counts={{ error: 3, warning: 2, info: 1, waived: 4, total: 10 }}
        filter={{ ...DEFAULT_FILTER, showWaived: false }}
        onToggle={onToggle}
      />
    ));
    expect(screen.getByTestId("count-error")).toHaveTextContent("3錯誤");
    expect(screen.getByTestId("count-waived")).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByTestId("count-warning")).toHaveAttribute("aria-pressed", "true");
    fireEvent.click(screen.getByTestId("count-info"));
    fireEvent.click(screen.getByTestId("count-waived"));
    expect(onToggle.mock.calls).toEqual([["info"], ["waived"]]);
    expect(await axe(container)).toHaveNoViolations();
  });
});
