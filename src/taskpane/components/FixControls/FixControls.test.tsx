/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import type { CellValue, WorkbookSnapshot } from "../../../engine/types";
import { SETTINGS_KEY } from "../../settings";
import { fakeHost, FakeGateway, memoryStorage, renderInPane, sampleSnapshot } from "../../test/fakes";
import { TaskPane } from "../TaskPane/TaskPane";

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

function item(rule: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`li[data-rule="${rule}"]`);
}

function budgetValue(snapshot: WorkbookSnapshot, address: [number, number]): CellValue | undefined {
  const sheet = snapshot.sheets.find((candidate) => candidate.name === "經費表")!;
  return sheet.values[address[0] - sheet.originRow]?.[address[1] - sheet.originColumn];
}

/** The person types into a cell of the fake workbook (between the preview and the apply). */
function typeInto(gateway: FakeGateway, row: number, column: number, value: CellValue) {
  const sheets = gateway.snapshot.sheets.map((sheet) => {
    if (sheet.name !== "經費表") return sheet;
    const values = sheet.values.map((line) => [...line]);
    values[row - sheet.originRow]![column - sheet.originColumn] = value;
    return { ...sheet, values };
  });
  gateway.snapshot = { sheets };
}

/** The sample's budget with a second PhD assistant below the floor (row 7): two fixes of BUD-PHD-PAY. */
function withSecondPhdAssistant(): FakeGateway {
  const gateway = new FakeGateway();
  typeInto(gateway, 7, 2, "博士生兼任助理");
  typeInto(gateway, 7, 4, "博士生兼任助理");
  typeInto(gateway, 7, 6, "林小華");
  typeInto(gateway, 7, 7, 12000);
  typeInto(gateway, 7, 10, 144000);
  return gateway;
}

describe("quick fixes in the pane", () => {
  it("shows old → new before applying, applies, checks again, and 復原 brings the finding back", async () => {
    const gateway = new FakeGateway();
    const { container } = renderPane({ host: fakeHost(gateway) });
    await validate();
    const phd = item("BUD-PHD-PAY")!;
    fireEvent.click(within(phd).getByTestId("fix-button"));
    const preview = within(phd).getByTestId("fix-preview");
    // The unit cost and the amount, each with its old and new value, before anything is written.
    expect(within(preview).getByTestId("fix-edits")).toHaveTextContent("經費表!G6：12,000 → 16,000");
    expect(within(preview).getByTestId("fix-edits")).toHaveTextContent("經費表!J6：144,000 → 192,000");
    expect(gateway.calls.applyEdits).toBeUndefined();
    expect(await axe(container)).toHaveNoViolations();

    fireEvent.click(within(preview).getByTestId("fix-apply"));
    await waitFor(() => expect(item("BUD-PHD-PAY")).toBeNull(), { timeout: 10000 });
    expect(gateway.calls.applyEdits).toHaveLength(1);
    expect(budgetValue(gateway.snapshot, [6, 7])).toBe(16000);
    const bar = screen.getByTestId("undo-bar");
    expect(bar).toHaveTextContent(/已修正 \d+ 個儲存格，並已重新檢核。/);

    fireEvent.click(within(bar).getByTestId("undo-button"));
    await waitFor(() => expect(item("BUD-PHD-PAY")).not.toBeNull(), { timeout: 10000 });
    expect(budgetValue(gateway.snapshot, [6, 7])).toBe(12000);
    expect(budgetValue(gateway.snapshot, [6, 10])).toBe(144000);
    expect(screen.getByTestId("undo-bar")).toHaveTextContent(/已復原 \d+ 個儲存格。/);
    expect(screen.queryByTestId("undo-button")).toBeNull();
  }, 30000);

  it("skips a cell changed after the preview, keeps what was typed, and says which", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway) });
    await validate();
    const phd = item("BUD-PHD-PAY")!;
    fireEvent.click(within(phd).getByTestId("fix-button"));
    // Between the preview and the apply the person types 15,000 into G6.
    typeInto(gateway, 6, 7, 15000);
    fireEvent.click(within(phd).getByTestId("fix-apply"));
    const bar = await screen.findByTestId("undo-bar", {}, { timeout: 10000 });
    expect(bar).toHaveTextContent("經費表!G6 在預覽之後已被修改，未套用，保留您輸入的內容。");
    expect(budgetValue(gateway.snapshot, [6, 7])).toBe(15000);
    // Never half a fix: the amount the fix would have changed is as it was.
    expect(budgetValue(gateway.snapshot, [6, 10])).toBe(144000);
  }, 30000);

  it("fixes all findings of one rule from a preview list", async () => {
    // A second PhD assistant below the floor (row 7): two fixes of BUD-PHD-PAY.
    const gateway = withSecondPhdAssistant();
    // Room under the 3,000,000 cap for both raises (+96,000).
    typeInto(gateway, 9, 10, 20000);
    renderPane({ host: fakeHost(gateway) });
    await validate();
    expect(document.querySelectorAll('li[data-rule="BUD-PHD-PAY"]')).toHaveLength(2);
    fireEvent.click(screen.getByTestId("fix-all-button"));
    const preview = screen.getByTestId("fix-all-preview");
    expect(preview).toHaveTextContent("將修正 2 項");
    expect(preview).toHaveTextContent("經費表!G6：12,000 → 16,000");
    expect(preview).toHaveTextContent("經費表!G7：12,000 → 16,000");
    fireEvent.click(within(preview).getByTestId("fix-all-apply"));
    await waitFor(() => expect(item("BUD-PHD-PAY")).toBeNull(), { timeout: 10000 });
    expect(gateway.calls.applyEdits).toHaveLength(1);
    expect([budgetValue(gateway.snapshot, [6, 7]), budgetValue(gateway.snapshot, [7, 7])]).toEqual([16000, 16000]);
  }, 30000);

  it("leaves out of 全部修正 a fix that, with the others, would cross the subsidy cap, and says so", async () => {
    // Two PhD raises of 48,000 each; the budget has room for one under the 3,000,000 cap.
    const gateway = withSecondPhdAssistant();
    renderPane({ host: fakeHost(gateway) });
    await validate();
    fireEvent.click(screen.getByTestId("fix-all-button"));
    fireEvent.click(within(screen.getByTestId("fix-all-preview")).getByTestId("fix-all-apply"));
    const bar = await screen.findByTestId("undo-bar", {}, { timeout: 10000 });
    await waitFor(() => expect(document.querySelectorAll('li[data-rule="BUD-PHD-PAY"]')).toHaveLength(1), { timeout: 10000 });
    expect(bar).toHaveTextContent("另有 1 項修正與其他修正一起套用會造成新的檢核問題");
    expect(item("BUD-CAP")).toBeNull();
    expect([budgetValue(gateway.snapshot, [6, 7]), budgetValue(gateway.snapshot, [7, 7])]).toEqual([16000, 12000]);
  }, 30000);

  it("does not offer a fix that would cause another finding (a pay floor that crosses the subsidy cap)", async () => {
    const gateway = new FakeGateway();
    // The budget 18,000 under the 3,000,000 cap: raising the PhD pay adds 48,000 and crosses it.
    typeInto(gateway, 9, 10, 200000);
    renderPane({ host: fakeHost(gateway) });
    await validate();
    const phd = item("BUD-PHD-PAY")!;
    fireEvent.click(within(phd).getByTestId("fix-button"));
    expect(within(phd).getByTestId("fix-unsafe")).toHaveTextContent("補助上限");
    expect(within(phd).queryByTestId("fix-apply")).toBeNull();
    expect(gateway.calls.applyEdits).toBeUndefined();
  }, 30000);

  it("offers the closest terms for a vocabulary miss and applies the one picked", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway) });
    await validate();
    const unknown = item("BUD-CATEGORY-UNKNOWN")!;
    const picker = within(unknown).getByTestId("suggestion-picker") as HTMLSelectElement;
    const options = [...picker.querySelectorAll("option")].map((option) => option.value).filter(Boolean);
    expect(options.length).toBeGreaterThan(0);
    expect(within(unknown).getByTestId("suggestion-apply")).toBeDisabled();
    fireEvent.change(picker, { target: { value: options[0] } });
    fireEvent.click(within(unknown).getByTestId("suggestion-apply"));
    await waitFor(() => expect(item("BUD-CATEGORY-UNKNOWN")).toBeNull(), { timeout: 10000 });
    expect(budgetValue(gateway.snapshot, [17, 1])).toBe(options[0]);
  }, 30000);

  it("gives a reviewer no fix controls at all", async () => {
    const gateway = new FakeGateway(sampleSnapshot());
    renderPane({ host: fakeHost(gateway), storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer" }) }) });
    await validate();
    expect(item("BUD-PHD-PAY")).not.toBeNull();
    expect(screen.queryAllByTestId("fix-button")).toEqual([]);
    expect(screen.queryAllByTestId("suggestion-picker")).toEqual([]);
    expect(screen.queryAllByTestId("fix-all-button")).toEqual([]);
  }, 30000);

  it("speaks English too", async () => {
    const gateway = new FakeGateway();
    renderPane({ host: fakeHost(gateway), language: "en", storage: memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ language: "en" }) }) });
    await validate();
    const phd = item("BUD-PHD-PAY")!;
    fireEvent.click(within(phd).getByTestId("fix-button"));
    expect(within(phd).getByTestId("fix-edits")).toHaveTextContent("經費表!G6: 12,000 → 16,000");
    expect(within(phd).getByTestId("fix-apply")).toHaveTextContent("Apply fix");
  }, 30000);
});
