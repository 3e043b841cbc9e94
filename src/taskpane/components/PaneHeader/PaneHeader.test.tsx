/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import type { PlanInfo } from "../../../engine/types";
import { renderInPane } from "../../test/fakes";
import { PaneHeader } from "./PaneHeader";

const PLAN: PlanInfo = {
  title: "綠能材料產學技術聯盟",
  projectNumber: null,
  pi: null,
  institution: null,
  fiscalYear: 116,
  phase: 3,
  yearInPhase: 1,
  subsidyRequested: null,
  pastYears: [],
  overheadRate: null,
  rulePack: null,
};

describe("PaneHeader", () => {
  it("shows the plan: fiscal year, phase and year, rule pack", async () => {
    const { container } = renderInPane(() => (
      <PaneHeader plan={PLAN} rulePack="nstc-alliance-116" role="finance" onRoleChange={jest.fn()} onLanguageChange={jest.fn()} />
    ));
    const plan = screen.getByTestId("plan-summary");
    expect(plan).toHaveTextContent("綠能材料產學技術聯盟");
    expect(plan).toHaveTextContent("116 年度");
    expect(plan).toHaveTextContent("第 3 期第 1 年");
    expect(plan).toHaveTextContent("116年度規則");
    expect(plan).not.toHaveTextContent("nstc-alliance-116");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("產學聯盟檢核");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("switches language and role", () => {
    const onLanguageChange = jest.fn();
    const onRoleChange = jest.fn();
    renderInPane(() => <PaneHeader plan={null} rulePack={null} role="pi" onRoleChange={onRoleChange} onLanguageChange={onLanguageChange} />, { language: "en" });
    expect(screen.getByTestId("plan-summary")).toHaveTextContent("Not checked yet");
    fireEvent.click(screen.getByTitle("切換為中文"));
    expect(onLanguageChange).toHaveBeenCalledWith("zh-TW");
    fireEvent.change(screen.getByTestId("role-select"), { target: { value: "reviewer" } });
    expect(onRoleChange).toHaveBeenCalledWith("reviewer");
  });

  it("says when no rule pack applies", () => {
    renderInPane(() => <PaneHeader plan={{ ...PLAN, fiscalYear: 99 }} rulePack={null} role="pi" onRoleChange={jest.fn()} onLanguageChange={jest.fn()} />);
    expect(screen.getByTestId("plan-summary")).toHaveTextContent("無適用規則版本");
  });
});
