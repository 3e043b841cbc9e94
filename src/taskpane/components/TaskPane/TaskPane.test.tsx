/** @jest-environment jsdom */
import "../../test/setup";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import { validateWorkbook } from "../../../engine/validate";
import { WorkbookError } from "../../../workbook/gateway";
import { fakeHost, FakeGateway, manyFindingsSnapshot, memoryStorage, renderInPane, sampleSnapshot } from "../../test/fakes";
import { SETTINGS_KEY } from "../../settings";
import { TaskPane } from "./TaskPane";

function renderPane(options: Parameters<typeof renderInPane>[1] = {}) {
  return renderInPane(
    (settings) => <TaskPane role={settings.role} onRoleChange={settings.setRole} onLanguageChange={settings.setLanguage} />,
    options,
  );
}

async function validate() {
  fireEvent.click(screen.getByTestId("validate"));
  await screen.findByTestId("findings", {}, { timeout: 10000 });
}

function listedFindings(): string[] {
  return [...document.querySelectorAll<HTMLElement>("li[data-rule]")].map((item) => `${item.dataset.rule}|${item.dataset.sheet}|${item.dataset.cell}`);
}

const expected = validateWorkbook(sampleSnapshot());

describe("TaskPane", () => {
  it("starts with an empty state that lists the sheets the add-in expects", async () => {
    const { container } = renderPane();
    const empty = screen.getByTestId("empty-idle");
    for (const sheet of ["計畫資訊", "經費表", "會員名單", "營運收入", "歷年補助款"]) expect(within(empty).getByText(sheet)).toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
  });

  it("validates and lists every finding grouped by sheet and rule, with counts", async () => {
    const gateway = new FakeGateway();
    const { container } = renderPane({ host: fakeHost(gateway) });
    await validate();
    expect(listedFindings().sort()).toEqual(expected.findings.map((f) => `${f.ruleId}|${f.sheet}|${f.cell}`).sort());
    expect(within(screen.getByTestId("count-error")).getByText("17")).toBeInTheDocument();
    expect(within(screen.getByTestId("count-warning")).getByText("10")).toBeInTheDocument();
    expect(within(screen.getByTestId("count-info")).getByText("1")).toBeInTheDocument();
    expect(screen.getByTestId("plan-summary")).toHaveTextContent("115 年度");
    expect(screen.getByTestId("plan-summary")).toHaveTextContent("nstc-alliance-115");
    expect([...document.querySelectorAll("h3")].map((heading) => heading.textContent)).toContain("經費表（15）");
    // The PI's default: flags are shown on validate.
    expect(gateway.calls.showFlags).toHaveLength(1);
    expect(gateway.calls.showFlags[0]).toHaveLength(expected.findings.length);
    expect(await axe(container)).toHaveNoViolations();
  }, 30000);

  it("selects the cell of the finding that is activated", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway) });
    await validate();
    const item = document.querySelector<HTMLElement>('li[data-rule="BUD-PHD-PAY"]')!;
    fireEvent.click(within(item).getAllByRole("button")[0]!);
    await waitFor(() => expect(gateway.calls.selectCell).toEqual([{ sheet: "經費表", cell: "G6" }]));
    expect(within(item).getAllByRole("button")[0]).toHaveAttribute("aria-current", "true");
  });

  it("walks findings with J/K and Alt+arrows, moving focus and selecting cells", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway) });
    await validate();
    const pane = screen.getByTestId("task-pane");
    fireEvent.keyDown(pane, { key: "j" });
    await waitFor(() => expect(screen.getByTestId("finding-position")).toHaveTextContent("第 1 / 28 項"));
    const first = expected.findings[0]!;
    expect(gateway.calls.selectCell.at(-1)).toEqual({ sheet: first.sheet, cell: first.cell });
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-finding", first.fingerprint));
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown", altKey: true });
    await waitFor(() => expect(screen.getByTestId("finding-position")).toHaveTextContent("第 2 / 28 項"));
    fireEvent.keyDown(document.activeElement!, { key: "k" });
    await waitFor(() => expect(screen.getByTestId("finding-position")).toHaveTextContent("第 1 / 28 項"));
    fireEvent.click(screen.getByTestId("previous-finding"));
    expect(screen.getByTestId("finding-position")).toHaveTextContent("第 1 / 28 項");
  });

  it("refuses a waiver without a reason and stores one with a reason", async () => {
    const user = userEvent.setup();
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway) });
    await validate();
    const item = document.querySelector<HTMLElement>('li[data-rule="BUD-FOREIGN-TRAVEL"]')!;
    await user.click(within(item).getByTestId("finding-toggle"));
    expect(within(item).getByTestId("finding-details")).toHaveTextContent("108年度徵求公告");
    await user.click(within(item).getByTestId("waiver-submit"));
    expect(within(item).getByText("請填寫例外說明的理由。")).toBeInTheDocument();
    expect(gateway.calls.writeWaivers).toHaveLength(0);

    await user.type(within(item).getByTestId("waiver-reason"), "參展為推廣聯盟服務所需");
    await user.click(within(item).getByTestId("waiver-submit"));
    await waitFor(() => expect(gateway.calls.writeWaivers).toHaveLength(1));
    const stored = gateway.calls.writeWaivers[0]![0]!;
    expect(stored).toMatchObject({ ruleId: "BUD-FOREIGN-TRAVEL", reason: "參展為推廣聯盟服務所需", by: "計畫主持人" });
    await waitFor(() => expect(within(screen.getByTestId("count-waived")).getByText("1")).toBeInTheDocument());
    expect(within(item).getByTestId("existing-waiver")).toHaveTextContent("參展為推廣聯盟服務所需");
    expect(item).toHaveAttribute("data-waived", "true");
    // Flags were on the grid, so they are refreshed with the waiver.
    expect(gateway.calls.showFlags.at(-1)!.filter((flag) => flag.waived)).toHaveLength(1);
  });

  it("reads waivers stored in the workbook", async () => {
    const finding = expected.findings.find((f) => f.ruleId === "MEM-FREE-RATIO")!;
    const gateway = new FakeGateway(sampleSnapshot(), [{ fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason: "第一年招募期" }]);
    renderPane({ host: fakeHost(gateway) });
    await validate();
    expect(within(screen.getByTestId("count-waived")).getByText("1")).toBeInTheDocument();
    expect(within(screen.getByTestId("count-warning")).getByText("9")).toBeInTheDocument();
  });

  it("filters by severity, sheet and waived", async () => {
    renderPane();
    await validate();
    fireEvent.click(screen.getByTestId("count-error"));
    expect(screen.getByTestId("count-error")).toHaveAttribute("aria-pressed", "false");
    expect(listedFindings()).toHaveLength(11);
    fireEvent.change(screen.getByTestId("sheet-filter"), { target: { value: "會員名單" } });
    expect(listedFindings().every((entry) => entry.includes("|會員名單|"))).toBe(true);
    expect(listedFindings()).toHaveLength(4);
    fireEvent.click(screen.getByText("清除篩選"));
    expect(listedFindings()).toHaveLength(28);
  });

  it("switches to English: interface and messages", async () => {
    const storage = memoryStorage();
    renderPane({ storage });
    await validate();
    fireEvent.click(screen.getByTitle("Switch to English"));
    expect(screen.getByTestId("validate")).toHaveTextContent("Validate again");
    expect(screen.getByTestId("findings")).toHaveTextContent("Findings");
    const item = document.querySelector<HTMLElement>('li[data-rule="BUD-PHD-PAY"]')!;
    expect(item).toHaveTextContent("Doctoral part-time assistant paid NT$12,000 a month, below the floor");
    expect(JSON.parse(storage.data[SETTINGS_KEY]!)).toMatchObject({ language: "en" });
  });

  it("gives a reviewer no flags by default, and finance flags", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway), storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer", language: "zh-TW" }) }) });
    expect(screen.getByLabelText("檢核時標示儲存格")).not.toBeChecked();
    await validate();
    expect(gateway.calls.showFlags).toHaveLength(0);
    fireEvent.change(screen.getByTestId("role-select"), { target: { value: "finance" } });
    expect(screen.getByLabelText("檢核時標示儲存格")).toBeChecked();
  });

  it("explains a workbook error and what to do next", async () => {
    const gateway = new FakeGateway();
    gateway.failRead = new WorkbookError("encrypted", "password");
    renderPane({ host: fakeHost(gateway) });
    fireEvent.click(screen.getByTestId("validate"));
    const notice = await screen.findByTestId("notice");
    expect(notice).toHaveTextContent("活頁簿有密碼保護");
    expect(notice).toHaveTextContent("請在 Excel 移除開啟密碼");
    gateway.failRead = undefined;
    fireEvent.click(within(notice).getByText("重新檢核"));
    await screen.findByTestId("findings");
  });

  it("does not try to select a cell on a sheet the workbook lacks", async () => {
    const gateway = new FakeGateway({ sheets: [{ name: "Sheet1", originRow: 1, originColumn: 1, values: [["hello"]] }] });
    renderPane({ host: fakeHost(gateway) });
    await validate();
    fireEvent.click(document.querySelector<HTMLElement>('li[data-sheet="計畫資訊"] button[data-finding]')!);
    expect(await screen.findByTestId("notice")).toHaveTextContent("活頁簿中沒有「計畫資訊」工作表，無法前往。");
    expect(gateway.calls.selectCell).toEqual([]);
  });

  it("says when a workbook is not a plan workbook, with the template one click away", async () => {
    const template = jest.fn(async () => "downloaded" as const);
    const gateway = new FakeGateway({ sheets: [{ name: "Sheet1", originRow: 1, originColumn: 1, values: [["hello"]] }] });
    renderPane({ host: fakeHost(gateway, { insertTemplate: template }) });
    fireEvent.click(screen.getByTestId("validate"));
    const empty = await screen.findByTestId("empty-not-plan");
    fireEvent.click(within(empty).getByTestId("empty-template"));
    await waitFor(() => expect(template).toHaveBeenCalledWith("zh-TW", expect.any(Function)));
    expect(await screen.findByTestId("notice")).toHaveTextContent("已下載空白範本。");
  });

  it("exports JSON, SARIF and CSV through src/report", async () => {
    const user = userEvent.setup();
    const host = fakeHost(new FakeGateway());
    renderPane({ host });
    await validate();
    for (const label of ["JSON", "SARIF 2.1.0", "CSV（Excel 可開啟）"]) {
      await user.click(screen.getByTestId("export"));
      await user.click(await screen.findByText(label));
    }
    await waitFor(() => expect(host.saved.map((file) => file.name)).toEqual(["plan-findings.json", "plan-findings.sarif", "plan-findings.csv"]));
    const json = JSON.parse(host.saved[0]!.data as string);
    expect(json.findings).toHaveLength(28);
    expect(JSON.parse(host.saved[1]!.data as string).version).toBe("2.1.0");
    expect(host.saved[2]!.data as string).toContain("BUD-PHD-PAY");
  });

  it("shows and clears flags on request", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway), storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer" }) }) });
    await validate();
    fireEvent.click(screen.getByText("標示儲存格"));
    await waitFor(() => expect(screen.getByTestId("notice")).toHaveTextContent("已標示 28 個儲存格。"));
    fireEvent.click(screen.getByText("清除標示"));
    await waitFor(() => expect(screen.getByTestId("notice")).toHaveTextContent("已清除所有標示，儲存格已恢復原狀。"));
    expect(gateway.calls.clearFlags).toBe(1);
  });

  it("disables the summary in Excel until a summary writer exists, and says why", async () => {
    renderPane({ host: fakeHost(new FakeGateway(), { kind: "excel" }) });
    await validate();
    const summary = screen.getByText("產生營運摘要").closest("button")!;
    expect(summary).toHaveAttribute("aria-disabled", "true");
    expect(summary).toHaveAccessibleDescription("營運摘要將隨摘要寫入功能推出。");
  });

  it("renders thousands of findings a page at a time and still walks past the page", async () => {
    const gateway = new FakeGateway(manyFindingsSnapshot(2500));
    renderPane({ host: fakeHost(gateway), storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer" }) }) });
    await validate();
    expect(document.querySelectorAll("li[data-rule]")).toHaveLength(100);
    fireEvent.click(screen.getByText("再顯示 100 項"));
    expect(document.querySelectorAll("li[data-rule]")).toHaveLength(200);
    // Previous with nothing selected goes to the last finding: the window jumps there.
    fireEvent.keyDown(screen.getByTestId("task-pane"), { key: "k" });
    const total = document.querySelectorAll("li[data-rule]").length;
    await waitFor(() => expect(screen.getByTestId("finding-position")).toHaveTextContent(/第 (25\d\d) \/ \1 項/));
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-finding"));
    expect(document.querySelectorAll("li[data-rule]").length).toBeLessThanOrEqual(100);
    expect(total).toBeGreaterThan(0);
    expect(screen.getByText(/顯示前 100 項/)).toBeInTheDocument();
  }, 60000);

  it("runs live validation in Excel when the role wants it", async () => {
    let request: Parameters<NonNullable<import("../../host").TaskPaneHost["startLiveValidation"]>>[0] | undefined;
    const stop = jest.fn(async () => undefined);
    const host = fakeHost(new FakeGateway(), {
      kind: "excel",
      startLiveValidation: async (live) => {
        request = live;
        return { stop };
      },
    });
    const view = renderPane({ host });
    // A PI in Excel: validated at once, then live.
    await screen.findByTestId("findings", {}, { timeout: 10000 });
    await waitFor(() => expect(request).toBeDefined());
    await act(async () => request!.onStatus("running"));
    expect(screen.getByText("重新檢核中…")).toBeInTheDocument();
    const flags = await act(async () => request!.revalidate());
    expect(flags).toHaveLength(28);
    // A failed round says what to do; dismissing it keeps live validation on.
    await act(async () => request!.onError(new WorkbookError("write-failed", "busy")));
    const notice = screen.getByTestId("notice");
    expect(notice).toHaveTextContent("無法寫入活頁簿");
    fireEvent.click(within(notice).getByLabelText("關閉訊息"));
    expect(screen.queryByTestId("notice")).not.toBeInTheDocument();
    expect(screen.getByLabelText("即時檢核")).toBeChecked();
    fireEvent.click(screen.getByLabelText("即時檢核"));
    await waitFor(() => expect(stop).toHaveBeenCalled());
    view.unmount();
  });

  it("offers a reviewer the round beside this workbook, and keeps both while switching", async () => {
    const finance = renderPane({ storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "finance", language: "zh-TW" }) }) });
    expect(screen.queryByTestId("review-tabs")).not.toBeInTheDocument();
    finance.unmount();
    const reviewer = memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer", language: "zh-TW" }) });
    renderPane({ storage: reviewer });
    const tabs = screen.getByTestId("review-tabs");
    await validate();
    fireEvent.click(within(tabs).getByTestId("tab-round"));
    expect(await screen.findByTestId("round", {}, { timeout: 10000 })).toBeVisible();
    expect(screen.queryByTestId("findings")).not.toBeInTheDocument();
    fireEvent.click(within(tabs).getByTestId("tab-workbook"));
    expect(await screen.findByTestId("findings")).toBeInTheDocument();
    expect(screen.getByTestId("round")).not.toBeVisible();
  });
});
