/** @jest-environment jsdom */
import "../../test/setup";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import type { Role, Severity } from "../../../engine/types";
import { loadRulePack } from "../../../rules";
import { renderInPane } from "../../test/fakes";
import { ExistingWaiver, type NoteAuthor, WaiverForm } from "./WaiverForm";

const PACK = loadRulePack("nstc-alliance-115");

function author(role: Role, name = "", onNameChange = jest.fn()): NoteAuthor {
  return { policy: PACK, role, name, onNameChange };
}

function renderForm(severity: Severity, who: NoteAuthor, onWaive = jest.fn(async () => true), language: "zh-TW" | "en" = "zh-TW") {
  const rendered = renderInPane(() => <WaiverForm severity={severity} author={who} onWaive={onWaive} />, { language });
  return { ...rendered, onWaive };
}

describe("WaiverForm (exception notes)", () => {
  it("takes the person's name once and a reason for a warning; the name is remembered", async () => {
    const user = userEvent.setup();
    const onNameChange = jest.fn();
    const { container, onWaive } = renderForm("warning", author("pi", "", onNameChange));
    await user.click(screen.getByTestId("waiver-submit"));
    expect(screen.getByText("請填寫您的姓名。")).toBeInTheDocument();
    expect(screen.getByTestId("waiver-name")).toHaveFocus();
    await user.type(screen.getByTestId("waiver-name"), "王小明");
    await user.click(screen.getByTestId("waiver-submit"));
    expect(screen.getByText("請填寫例外說明的理由。")).toBeInTheDocument();
    expect(screen.getByTestId("waiver-reason")).toHaveFocus();
    // A warning's reason has no minimum length (and no counter).
    expect(screen.queryByTestId("waiver-count")).toBeNull();
    await user.type(screen.getByTestId("waiver-reason"), "已說明");
    await user.click(screen.getByTestId("waiver-submit"));
    await waitFor(() => expect(onWaive).toHaveBeenCalledWith("已說明", "王小明"));
    expect(onNameChange).toHaveBeenCalledWith("王小明");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("a remembered name is not asked again, and can be changed", async () => {
    const user = userEvent.setup();
    renderForm("info", author("finance", "林會計"));
    expect(screen.queryByTestId("waiver-name")).toBeNull();
    expect(screen.getByTestId("waiver-author")).toHaveTextContent("說明者：林會計（財務）");
    await user.click(screen.getByText("更改姓名"));
    expect(screen.getByTestId("waiver-name")).toHaveValue("林會計");
  });

  it("refuses the form for an error in the PI role and names who may explain errors", async () => {
    const { container, onWaive } = renderForm("error", author("pi", "王小明"));
    expect(screen.queryByTestId("waiver-submit")).toBeNull();
    expect(screen.queryByTestId("waiver-reason")).toBeNull();
    expect(screen.getByTestId("waiver-refused")).toHaveTextContent("錯誤只能由財務或審查寫入例外說明");
    expect(onWaive).not.toHaveBeenCalled();
    expect(await axe(container)).toHaveNoViolations();
  });

  it.each(["finance", "reviewer"] as const)("lets %s explain an error with a reason of the pack's minimum length, counting as they type", async (role) => {
    const user = userEvent.setup();
    const { onWaive } = renderForm("error", author(role, "林會計"));
    const min = PACK.exceptionNotes.minReasonLength;
    expect(screen.getByTestId("waiver-count")).toHaveTextContent(`0 / ${min} 字`);
    await user.type(screen.getByTestId("waiver-reason"), "ok");
    expect(screen.getByTestId("waiver-count")).toHaveTextContent(`2 / ${min} 字`);
    await user.click(screen.getByTestId("waiver-submit"));
    expect(screen.getByText(`錯誤的例外說明理由至少要 ${min} 個字。`)).toBeInTheDocument();
    expect(onWaive).not.toHaveBeenCalled();
    await user.clear(screen.getByTestId("waiver-reason"));
    const reason = "國科會核定函同意以自籌款支應主持費";
    await user.type(screen.getByTestId("waiver-reason"), reason);
    expect(screen.getByTestId("waiver-count")).toHaveTextContent(`${[...reason].length} / ${min} 字`);
    await user.click(screen.getByTestId("waiver-submit"));
    await waitFor(() => expect(onWaive).toHaveBeenCalledWith(reason, "林會計"));
  });

  it("says in English who may explain errors", () => {
    renderForm("error", author("pi", "Wang"), undefined, "en");
    expect(screen.getByTestId("waiver-refused")).toHaveTextContent("Only Finance or Reviewer can write an exception note on an error.");
  });

  it("shows a stored note's name, role and date (ROC date in zh-TW) and lets it be withdrawn", async () => {
    const user = userEvent.setup();
    const onRemove = jest.fn();
    const waiver = { fingerprint: "f", ruleId: "R", reason: "OK", by: "林會計", role: "finance" as const, at: "2026-03-01T07:30:00+08:00", severity: "error" as const };
    const { unmount } = renderInPane(() => <ExistingWaiver waiver={waiver} onRemove={onRemove} removing={false} />);
    expect(screen.getByTestId("waiver-meta")).toHaveTextContent("說明者：林會計角色：財務日期：115年3月1日");
    await user.click(screen.getByText("刪除例外說明"));
    expect(onRemove).toHaveBeenCalled();
    unmount();
    renderInPane(() => <ExistingWaiver waiver={waiver} onRemove={onRemove} removing={false} />, { language: "en" });
    expect(screen.getByTestId("waiver-meta")).toHaveTextContent("By: 林會計Role: FinanceOn: 2026-03-01");
  });

  it("shows an older note (a role's label as its author, a plain date)", () => {
    renderInPane(() => <ExistingWaiver waiver={{ fingerprint: "f", ruleId: "R", reason: "OK", by: "審查", at: "2026-03-01" }} onRemove={jest.fn()} removing={false} />);
    expect(screen.getByTestId("existing-waiver")).toHaveTextContent("OK說明者：審查日期：115年3月1日");
  });
});
