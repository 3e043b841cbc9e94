/** @jest-environment jsdom */
import "../../test/setup";
import { screen, within } from "@testing-library/react";
import { axe } from "jest-axe";
import type { BudgetFigures } from "../../../engine/types";
import { renderInPane } from "../../test/fakes";
import { BudgetView, percent } from "./BudgetView";

const BUDGET: BudgetFigures = {
  byCategory: [
    { category: "人事費", subsidy: 1_000_000, matching: 200_000, total: 1_200_000 },
    { category: "研究設備費", subsidy: 300_000, matching: 0, total: 300_000 },
    { category: null, subsidy: 20_000, matching: 0, total: 20_000 },
  ],
  subsidyTotal: 1_320_000,
  matchingTotal: 200_000,
  total: 1_520_000,
  overhead: {
    amount: 200_000,
    baseParts: [
      { category: "人事費", amount: 1_000_000 },
      { category: null, amount: 20_000 },
    ],
    equipment: 300_000,
    equipmentInBase: 100_000,
    equipmentBaseCap: 100_000,
    base: 1_120_000,
    rate: 0.15,
    rateFromPlan: false,
    allowed: 168_000,
  },
  cap: { limit: 3_000_000, used: 1_320_000, share: 0.44 },
};

const label = (category: string | null) => (category === "人事費" ? "Personnel" : category === "研究設備費" ? "Equipment" : String(category));

describe("BudgetView", () => {
  it("shows the budget by 科目 and source, the overhead base as its parts with the rate and allowance, and the cap used", async () => {
    const { container } = renderInPane(() => <BudgetView budget={BUDGET} categoryLabel={(category) => category ?? ""} />);
    const rows = [...screen.getByTestId("budget-table").querySelectorAll("tbody tr")].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["人事費", "1,000,000", "200,000", "1,200,000"],
      ["研究設備費", "300,000", "0", "300,000"],
      ["（未填科目）", "20,000", "0", "20,000"],
      ["合計", "1,320,000", "200,000", "1,520,000"],
    ]);
    const overhead = screen.getByTestId("budget-overhead");
    expect(overhead).toHaveTextContent("＋ 人事費1,000,000");
    expect(overhead).toHaveTextContent("＋ 研究設備費 300,000（至多 100,000 列入計算基礎）100,000");
    expect(within(overhead).getByTestId("overhead-base")).toHaveTextContent("1,120,000");
    expect(within(overhead).getByTestId("overhead-rate")).toHaveTextContent("15.0%");
    expect(overhead).toHaveTextContent("費率（預設費率）");
    expect(within(overhead).getByTestId("overhead-allowed")).toHaveTextContent("168,000");
    expect(screen.getByTestId("budget-cap")).toHaveTextContent("補助款 1,320,000 元，上限 3,000,000 元，已用 44.0%");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("in English, and without an overhead line or a budget", () => {
    const { unmount } = renderInPane(() => <BudgetView budget={{ ...BUDGET, overhead: null }} categoryLabel={label} />, { language: "en" });
    expect(screen.getByTestId("budget-table")).toHaveTextContent("Personnel");
    expect(screen.getByTestId("budget-overhead")).toHaveTextContent("The budget has no overhead line.");
    expect(screen.getByTestId("budget-cap")).toHaveTextContent("Subsidy NT$1,320,000 of the NT$3,000,000 cap: 44.0% used");
    unmount();
    renderInPane(() => <BudgetView budget={null} categoryLabel={label} />);
    expect(screen.getByText("沒有經費表。")).toBeInTheDocument();
  });

  it("formats a share as a percent with one decimal", () => {
    expect([percent(0.756), percent(1), percent(0.0004)]).toEqual(["75.6%", "100.0%", "0.0%"]);
  });
});
