/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { DEFAULT_FILTER } from "../../findings";
import { renderInPane } from "../../test/fakes";
import { SeverityCounts } from "./SeverityCounts";

describe("SeverityCounts", () => {
  it("shows a count per severity; selecting one asks to show only it", async () => {
    const onToggle = jest.fn();
    const { container } = renderInPane(() => (
      <SeverityCounts counts={{ error: 3, warning: 2, info: 1, waived: 4, total: 10 }} filter={DEFAULT_FILTER} onToggle={onToggle} />
    ));
    expect(screen.getByTestId("count-error")).toHaveTextContent("3錯誤");
    expect(screen.getByTestId("count-waived")).toHaveTextContent("4已說明");
    // Nothing filtered: no tile is pressed (every finding shows).
    for (const tone of ["error", "warning", "info", "waived"]) expect(screen.getByTestId(`count-${tone}`)).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByTestId("count-error")).toHaveAttribute("title", "錯誤 3 項，按一下只顯示此類");
    fireEvent.click(screen.getByTestId("count-info"));
    fireEvent.click(screen.getByTestId("count-waived"));
    expect(onToggle.mock.calls).toEqual([["info"], ["waived"]]);
    expect(await axe(container)).toHaveNoViolations();
  });

  it("marks the one shown, and says selecting it again shows all", () => {
    renderInPane(() => <SeverityCounts counts={{ error: 3, warning: 2, info: 1, waived: 0, total: 6 }} filter={{ ...DEFAULT_FILTER, only: "warning" }} onToggle={jest.fn()} />, {
      language: "en",
    });
    expect(screen.getByTestId("count-warning")).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("count-error")).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByTestId("count-warning")).toHaveAttribute("title", "Only warnings shown: select again to show all");
  });
});
