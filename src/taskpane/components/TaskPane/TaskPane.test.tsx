/** @jest-environment jsdom */
import "../../test/setup";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import { validateWorkbook } from "../../../engine/validate";
import { WorkbookError } from "../../../workbook/gateway";
import { fakeHost, FakeGateway, manyFindingsSnapshot, memoryStorage, renderInPane, sampleSnapshot } from "../../test/fakes";
import { PERSON_KEY, SETTINGS_KEY } from "../../settings";
import { TaskPane } from "./TaskPane";

function renderPane(options: Parameters<typeof renderInPane>[1] = {}) {
  return renderInPane(
    (settings) => (
      <TaskPane
        role={settings.role}
        onRoleChange={settings.setRole}
        onLanguageChange={settings.setLanguage}
        personName={settings.personName}
        onPersonNameChange={settings.setPersonName}
      />
    ),
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

  it("validates and lists every finding in one list, errors first, with counts", async () => {
    const gateway = new FakeGateway();
    const { container } = renderPane({ host: fakeHost(gateway) });
    await validate();
    expect(listedFindings().sort()).toEqual(expected.findings.map((f) => `${f.ruleId}|${f.sheet}|${f.cell}`).sort());
    expect(within(screen.getByTestId("count-error")).getByText("17")).toBeInTheDocument();
    expect(within(screen.getByTestId("count-warning")).getByText("10")).toBeInTheDocument();
    expect(within(screen.getByTestId("count-info")).getByText("1")).toBeInTheDocument();
    expect(screen.getByTestId("plan-summary")).toHaveTextContent("115 年度");
    // The rule pack by its fiscal year, never its ID.
    expect(screen.getByTestId("rule-pack-name")).toHaveTextContent("115年度規則");
    expect(screen.getByTestId("plan-summary")).not.toHaveTextContent("nstc-alliance-115");
    // Errors first, then warnings, then info; no one-item rule groups.
    const severities = [...document.querySelectorAll<HTMLElement>("li[data-rule]")].map((item) => item.dataset.severity);
    expect(severities).toEqual([...Array(17).fill("error"), ...Array(10).fill("warning"), "info"]);
    expect(document.querySelectorAll("h3, h4")).toHaveLength(0);
    // The first card is the first error of the first sheet, with its rule's title.
    const first = document.querySelector<HTMLElement>("li[data-rule]")!;
    expect(first.dataset.sheet).toBe("計畫資訊");
    expect(within(first).getByTestId("finding-title")).toHaveTextContent("期別年次與主持人執行年度不符");
    // Findings come before the collapsed summary and budget.
    const order = [...document.querySelectorAll('[data-testid="counts"], [data-testid="findings"], [data-testid="sections"]')].map((node) => node.getAttribute("data-testid"));
    expect(order).toEqual(["counts", "findings", "sections"]);
    expect(screen.queryByTestId("budget")).toBeNull();
    // The PI's default: flags are shown on validate.
    expect(gateway.calls.showFlags).toHaveLength(1);
    expect(gateway.calls.showFlags[0]).toHaveLength(expected.findings.length);
    expect(await axe(container)).toHaveNoViolations();
  }, 90000);

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

  it("stores an exception note on a warning with the person's name, role, severity and Taiwan's time", async () => {
    const user = userEvent.setup();
    const gateway = new FakeGateway();
    const storage = memoryStorage();
    renderPane({ host: fakeHost(gateway), storage });
    await validate();
    const item = document.querySelector<HTMLElement>('li[data-rule="BUD-FOREIGN-TRAVEL"]')!;
    expect(item).toHaveAttribute("data-severity", "warning");
    await user.click(within(item).getByTestId("finding-toggle"));
    expect(within(item).getByTestId("finding-details")).toHaveTextContent("108年度徵求公告");
    await user.click(within(item).getByTestId("waiver-submit"));
    expect(within(item).getByText("請填寫您的姓名。")).toBeInTheDocument();
    expect(gateway.calls.writeWaivers).toHaveLength(0);

    await user.type(within(item).getByTestId("waiver-name"), "王小明");
    await user.type(within(item).getByTestId("waiver-reason"), "參展為推廣聯盟服務所需");
    const before = Date.now();
    await user.click(within(item).getByTestId("waiver-submit"));
    await waitFor(() => expect(gateway.calls.writeWaivers).toHaveLength(1));
    const stored = gateway.calls.writeWaivers[0]![0]!;
    expect(stored).toMatchObject({ ruleId: "BUD-FOREIGN-TRAVEL", reason: "參展為推廣聯盟服務所需", by: "王小明", role: "pi", severity: "warning" });
    // Asia/Taipei local time with its offset, never a UTC date.
    expect(stored.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Math.abs(Date.parse(stored.at!) - before)).toBeLessThan(60000);
    // The name is remembered for the next note.
    expect(JSON.parse(storage.data[PERSON_KEY]!)).toEqual({ name: "王小明" });
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

  it("refuses an exception note on an error in the PI role; finance may write one with a long enough reason", async () => {
    const user = userEvent.setup();
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway), storage: memoryStorage({ [PERSON_KEY]: JSON.stringify({ name: "林會計" }) }) });
    await validate();
    const errorItem = () => document.querySelector<HTMLElement>('li[data-rule="BUD-OVERHEAD"]')!;
    await user.click(within(errorItem()).getByTestId("finding-toggle"));
    expect(within(errorItem()).getByTestId("waiver-refused")).toHaveTextContent("錯誤只能由財務或審查寫入例外說明");
    expect(within(errorItem()).queryByTestId("waiver-submit")).toBeNull();

    fireEvent.change(screen.getByTestId("role-select"), { target: { value: "finance" } });
    const form = within(errorItem());
    expect(form.getByTestId("waiver-author")).toHaveTextContent("說明者：林會計（財務）");
    await user.type(form.getByTestId("waiver-reason"), "ok");
    await user.click(form.getByTestId("waiver-submit"));
    expect(form.getByText("錯誤的例外說明理由至少要 10 個字。")).toBeInTheDocument();
    expect(gateway.calls.writeWaivers).toHaveLength(0);
    await user.type(form.getByTestId("waiver-reason"), "：核定清單已列管理費計算方式");
    await user.click(form.getByTestId("waiver-submit"));
    await waitFor(() => expect(gateway.calls.writeWaivers).toHaveLength(1));
    expect(gateway.calls.writeWaivers[0]![0]).toMatchObject({ ruleId: "BUD-OVERHEAD", by: "林會計", role: "finance", severity: "error" });
    await waitFor(() => expect(within(screen.getByTestId("count-error")).getByText("16")).toBeInTheDocument());
    expect(within(errorItem()).getByTestId("waiver-meta")).toHaveTextContent(/說明者：林會計角色：財務日期：\d+年\d+月\d+日/);
  });

  it("a count shows only its severity; selecting it again shows all; the sheet filter narrows further", async () => {
    renderPane();
    await validate();
    fireEvent.click(screen.getByTestId("count-error"));
    expect(screen.getByTestId("count-error")).toHaveAttribute("aria-pressed", "true");
    expect(listedFindings()).toHaveLength(17);
    expect([...document.querySelectorAll<HTMLElement>("li[data-rule]")].every((item) => item.dataset.severity === "error")).toBe(true);
    fireEvent.click(screen.getByTestId("count-error"));
    expect(screen.getByTestId("count-error")).toHaveAttribute("aria-pressed", "false");
    expect(listedFindings()).toHaveLength(28);
    fireEvent.click(screen.getByTestId("count-warning"));
    expect(listedFindings()).toHaveLength(10);
    fireEvent.change(screen.getByTestId("sheet-filter"), { target: { value: "會員名單" } });
    expect(listedFindings().every((entry) => entry.includes("|會員名單|"))).toBe(true);
    fireEvent.click(screen.getByText("清除篩選"));
    expect(listedFindings()).toHaveLength(28);
  });

  it("says 「檢核通過，可送出」 when no error or warning is left", async () => {
    renderPane({ host: fakeHost(new FakeGateway(sampleSnapshot("sample-clean.xlsx"))) });
    fireEvent.click(screen.getByTestId("validate"));
    const passed = await screen.findByTestId("all-clear", {}, { timeout: 10000 });
    expect(passed).toHaveTextContent("檢核通過，可送出");
    expect(screen.queryByTestId("count-error")?.textContent ?? "0").toMatch(/^0/);
  });

  it("opens the budget view by default for finance (subtotals by 科目 and source, the overhead base in parts, the cap used)", async () => {
    renderPane({ storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "finance", language: "zh-TW" }) }) });
    await validate();
    const budget = await screen.findByTestId("budget");
    const figures = expected.summary.budget!;
    const total = within(budget).getByTestId("budget-total");
    expect(total).toHaveTextContent(new Intl.NumberFormat("zh-TW").format(figures.total));
    expect(within(budget).getByTestId("budget-table")).toHaveTextContent("補助款");
    expect(within(budget).getByTestId("budget-table")).toHaveTextContent("自籌款");
    expect(within(budget).getByTestId("overhead-base")).toHaveTextContent(new Intl.NumberFormat("zh-TW").format(figures.overhead!.base));
    expect(within(budget).getByTestId("overhead-allowed")).toHaveTextContent(new Intl.NumberFormat("zh-TW").format(figures.overhead!.allowed));
    expect(within(budget).getByTestId("overhead-rate")).toHaveTextContent(`${(figures.overhead!.rate * 100).toFixed(1)}%`);
    expect(within(budget).getByTestId("budget-cap")).toHaveTextContent(`${(figures.cap.share! * 100).toFixed(1)}%`);
    // Another role: collapsed below the findings.
    fireEvent.change(screen.getByTestId("role-select"), { target: { value: "pi" } });
    await waitFor(() => expect(screen.queryByTestId("budget")).toBeNull());
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

  it("leaves no status in the other language after switching", async () => {
    renderPane();
    await validate();
    fireEvent.click(screen.getByText("清除標示"));
    await waitFor(() => expect(screen.getByTestId("notice")).toHaveTextContent("已清除所有標示"), { timeout: 10000 });
    fireEvent.click(screen.getByTitle("Switch to English"));
    expect(screen.getByTestId("notice")).toHaveTextContent("All flags cleared");
    expect(screen.getByTestId("task-pane").textContent).not.toMatch(/已清除|檢核完成/);
    expect(screen.getByTestId("rule-pack-name")).toHaveTextContent("FY115 rules");
  });

  it("gives a reviewer no flags by default in Excel, and finance flags", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway, { kind: "excel" }), storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer", language: "zh-TW" }) }) });
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

  it("exports JSON, SARIF and CSV through src/report; the menu lists CSV first", async () => {
    const user = userEvent.setup();
    const host = fakeHost(new FakeGateway());
    renderPane({ host });
    await validate();
    await user.click(screen.getByTestId("export"));
    const items = (await screen.findAllByRole("menuitem")).map((item) => item.textContent);
    expect(items).toEqual(["CSV（Excel 可開啟）", "JSON", "SARIF 2.1.0"]);
    await user.keyboard("{Escape}");
    for (const label of ["JSON", "SARIF 2.1.0", "CSV（Excel 可開啟）"]) {
      await user.click(screen.getByTestId("export"));
      await user.click(await screen.findByText(label));
    }
    await waitFor(() => expect(host.saved.map((file) => file.name)).toEqual(["plan-findings.json", "plan-findings.sarif", "plan-findings.csv"]));
    const json = JSON.parse(host.saved[0]!.data as string);
    expect(json.findings).toHaveLength(28);
    expect(JSON.parse(host.saved[1]!.data as string).version).toBe("2.1.0");
    expect(host.saved[2]!.data as string).toContain("BUD-PHD-PAY");
  }, 120000);

  it("the preview's grid always gets the flags, whatever the role", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway), storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer", language: "zh-TW" }) }) });
    await validate();
    expect(gateway.calls.showFlags).toHaveLength(1);
  });

  it("gives a reviewer one click to show flags in the workbook, saying the workbook is not saved; clears on request", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway, { kind: "excel" }), storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer" }) }) });
    await validate();
    expect(screen.getByTestId("reviewer-flags-hint")).toHaveTextContent("本增益集不會儲存活頁簿");
    fireEvent.click(screen.getByTestId("reviewer-flags"));
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
