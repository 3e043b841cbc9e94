/** @jest-environment jsdom */
import "../../test/setup";
import { screen, within } from "@testing-library/react";
import { axe } from "jest-axe";
import type { Summary } from "../../../engine/types";
import { validateWorkbook } from "../../../engine/validate";
import { renderInPane, sampleSnapshot } from "../../test/fakes";
import { SummaryCard } from "./SummaryCard";

const BASE = validateWorkbook(sampleSnapshot()).summary;
const MEMBERS = { listed: 10, counted: 8, excluded: 2, paying: 6, free: 2, international: 1, large: 1 };

/** The sample's summary with other figures for the plan's year (115). */
function summary(income: number | null, subsidy: number | null, required = false): Summary {
  const ratio = income !== null && subsidy ? Math.round((income / subsidy) * 100) / 100 : null;
  return {
    ...BASE,
    subsidy,
    operatingIncome: income,
    selfSufficiencyRatio: ratio,
    members: MEMBERS,
    years: BASE.years.map((year) => (year.year === 115 ? { ...year, required } : year)),
  };
}

describe("SummaryCard", () => {
  it("shows income against subsidy as a bar, and the member counts", async () => {
    const { container } = renderInPane(() => <SummaryCard summary={summary(510000, 3000000)} fiscalYear={115} />);
    const card = screen.getByTestId("summary");
    expect(card).toHaveTextContent("510,000 元");
    expect(card).toHaveTextContent("3,000,000 元");
    expect(card).toHaveTextContent("17.0%");
    expect(card).toHaveTextContent("收入未達補助款");
    expect(within(card).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0.17");
    for (const [key, value] of [["counted", 8], ["excluded", 2], ["paying", 6], ["free", 2], ["international", 1]] as const) {
      expect(screen.getByTestId(`members-${key}`)).toHaveTextContent(String(value));
    }
    expect(await axe(container)).toHaveNoViolations();
  });

  it("shows over 100% as met, with a full bar", () => {
    renderInPane(() => <SummaryCard summary={summary(3600000, 3000000, true)} fiscalYear={115} />);
    const card = screen.getByTestId("summary");
    expect(card).toHaveTextContent("120.0%");
    expect(card).toHaveTextContent("收入已超過補助款");
    expect(card).toHaveTextContent("本年度須達成");
    expect(within(card).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1");
  });

  it("says when there is no income sheet or no subsidy", () => {
    const { unmount } = renderInPane(() => <SummaryCard summary={summary(null, 3000000)} fiscalYear={115} />);
    expect(screen.getByTestId("summary")).toHaveTextContent("沒有營運收入工作表。");
    unmount();
    renderInPane(() => <SummaryCard summary={summary(100, null)} fiscalYear={115} />, { language: "en" });
    expect(screen.getByTestId("summary")).toHaveTextContent("Subsidy unknown");
  });
});
