/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { renderInPane } from "../../test/fakes";
import { EmptyState } from "./EmptyState";

describe("EmptyState", () => {
  it("lists the contract's sheets in both languages, marking the optional one", async () => {
    const { container } = renderInPane(() => <EmptyState variant="idle" onTemplate={undefined} />, { language: "en" });
    const empty = screen.getByTestId("empty-idle");
    for (const name of ["Plan", "Budget", "Members", "Income", "Subsidy history"]) expect(empty).toHaveTextContent(name);
    expect(empty).toHaveTextContent("歷年補助款 · optional");
    expect(screen.getByTestId("empty-template")).toHaveAttribute("aria-disabled", "true");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("offers the template one click away", () => {
    const onTemplate = jest.fn();
    renderInPane(() => <EmptyState variant="not-plan" onTemplate={onTemplate} />);
    expect(screen.getByTestId("empty-not-plan")).toHaveTextContent("這不像是產學聯盟計畫的活頁簿");
    fireEvent.click(screen.getByTestId("empty-template"));
    expect(onTemplate).toHaveBeenCalledTimes(1);
  });
});
