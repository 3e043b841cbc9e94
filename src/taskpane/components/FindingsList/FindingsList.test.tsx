/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import type { Finding } from "../../../engine/types";
import { loadRulePack } from "../../../rules";
import { DEFAULT_FILTER, sheetsOf, sortFindings } from "../../findings";
import { renderInPane } from "../../test/fakes";
import { FindingsList, type FindingsListProps } from "./FindingsList";

function findings(count: number): Finding[] {
  return Array.from({ length: count }, (_unused, index) => ({
    ruleId: index % 2 === 0 ? "BUD-NOT-NUMBER" : "BUD-AMOUNT-MISMATCH",
    severity: "error",
    sheet: index < count / 2 ? "經費表" : "會員名單",
    cell: `J${index + 2}`,
    row: index + 2,
    column: 10,
    params: {},
    fingerprint: index.toString(16).padStart(8, "0"),
    sources: ["data"],
  }));
}

function props(list: Finding[], overrides: Partial<FindingsListProps> = {}): FindingsListProps {
  return {
    order: sortFindings(list, DEFAULT_FILTER, ["經費表", "會員名單"]),
    total: list.length,
    sheets: sheetsOf(list),
    filter: DEFAULT_FILTER,
    onFilterChange: jest.fn(),
    active: null,
    focusRequest: 0,
    onActivate: jest.fn(),
    onStep: jest.fn(),
    messageOf: (finding) => `message ${finding.cell}`,
    ruleTitleOf: (ruleId) => `title ${ruleId}`,
    sourcesOf: () => "資料檢核",
    onWaive: jest.fn(async () => true),
    onRemoveWaiver: jest.fn(async () => true),
    author: { policy: loadRulePack("nstc-alliance-115"), role: "pi", name: "", onNameChange: jest.fn() },
    ...overrides,
  };
}

const buttons = () => [...document.querySelectorAll<HTMLButtonElement>("button[data-finding]")];

describe("FindingsList", () => {
  it("lists one flat list of cards: the rule's title, the message and where; no group headings, no rule ID up front", async () => {
    const list = findings(6);
    list[4] = { ...list[4]!, severity: "warning" };
    const { container } = renderInPane(() => <FindingsList {...props(list)} />);
    expect([...document.querySelectorAll("h3, h4")]).toHaveLength(0);
    const cards = [...document.querySelectorAll<HTMLElement>("li[data-rule]")];
    expect(cards.map((card) => card.dataset.cell)).toEqual(["J2", "J3", "J4", "J5", "J7", "J6"]);
    const first = cards[0]!;
    expect(first.querySelector('[data-testid="finding-title"]')).toHaveTextContent("錯誤：title BUD-NOT-NUMBER");
    expect(first.querySelector('[data-testid="finding-message"]')).toHaveTextContent("message J2");
    expect(first.querySelector('[data-testid="finding-cell"]')).toHaveTextContent("經費表 J2");
    expect(first.querySelector("button[data-finding]")).not.toHaveTextContent("BUD-NOT-NUMBER ");
    expect(first.textContent).not.toContain("資料檢核");
    // The rule ID and the source are in the details.
    fireEvent.click(first.querySelector('[data-testid="finding-toggle"]')!);
    expect(screen.getByTestId("finding-rule-id")).toHaveTextContent("BUD-NOT-NUMBER");
    expect(screen.getByTestId("finding-details")).toHaveTextContent("資料檢核");
    // An error in the PI role: the details say who may explain it instead of offering the form.
    expect(screen.getByTestId("waiver-refused")).toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
  });

  it("moves focus with the arrow keys, Home and End, and activates with a click", () => {
    const list = props(findings(6));
    renderInPane(() => <FindingsList {...list} />);
    buttons()[0]!.focus();
    fireEvent.keyDown(buttons()[0]!, { key: "ArrowDown" });
    expect(buttons()[1]).toHaveFocus();
    fireEvent.keyDown(buttons()[1]!, { key: "End" });
    expect(buttons()[5]).toHaveFocus();
    fireEvent.keyDown(buttons()[5]!, { key: "ArrowDown" });
    expect(buttons()[5]).toHaveFocus();
    fireEvent.keyDown(buttons()[5]!, { key: "Home" });
    expect(buttons()[0]).toHaveFocus();
    fireEvent.click(buttons()[2]!);
    expect(list.onActivate).toHaveBeenCalledWith(list.order[2]);
    fireEvent.click(screen.getByTestId("next-finding"));
    expect(list.onStep).toHaveBeenCalledWith(1);
  });

  it("renders a page at a time", () => {
    renderInPane(() => <FindingsList {...props(findings(250))} />);
    expect(buttons()).toHaveLength(100);
    fireEvent.click(screen.getByText("再顯示 100 項"));
    fireEvent.click(screen.getByText("再顯示 50 項"));
    expect(buttons()).toHaveLength(250);
  });

  it("focuses the current finding when asked, moving the page to it", () => {
    const list = findings(250);
    const base = props(list);
    const { rerender } = renderInPane(() => <FindingsList {...base} />);
    const target = base.order[230]!.finding.fingerprint;
    rerender(<FindingsList {...base} active={target} focusRequest={1} />);
    expect(document.activeElement).toHaveAttribute("data-finding", target);
    expect(buttons().length).toBeLessThanOrEqual(100);
    expect(screen.getByTestId("finding-position")).toHaveTextContent("第 231 / 250 項");
  });
});
