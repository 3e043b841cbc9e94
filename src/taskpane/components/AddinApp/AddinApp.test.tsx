/** @jest-environment jsdom */
import "../../test/setup";
import { render, screen, waitFor } from "@testing-library/react";
import { axe } from "jest-axe";
import type { LiveValidationRequest } from "../../host";
import { SETTINGS_KEY } from "../../settings";
import { fakeHost, FakeGateway, memoryStorage } from "../../test/fakes";
import { AddinApp } from "./AddinApp";

describe("AddinApp (inside Excel)", () => {
  it("is the whole page: a main landmark with the pane, live validation offered", async () => {
    const requests: LiveValidationRequest[] = [];
    const host = fakeHost(new FakeGateway(), {
      kind: "excel",
      startLiveValidation: async (request) => {
        requests.push(request);
        return { stop: async () => undefined };
      },
    });
    const { container } = render(
      <AddinApp host={host} storage={memoryStorage({ [SETTINGS_KEY]: JSON.stringify({ role: "reviewer" }) })} fallbackLanguage="en" />,
    );
    expect(screen.getByRole("main")).toContainElement(screen.getByTestId("task-pane"));
    expect(screen.getByLabelText("Live validation")).not.toBeChecked();
    expect(document.documentElement.lang).toBe("en");
    expect(await axe(container)).toHaveNoViolations();
    // A reviewer's pane reads nothing until asked.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(0);
    expect(screen.getByTestId("empty-idle")).toBeInTheDocument();
  });

  it("uses Excel's display language when nothing is stored", async () => {
    render(<AddinApp host={fakeHost(new FakeGateway(), { kind: "excel" })} storage={memoryStorage()} fallbackLanguage="zh-TW" />);
    await waitFor(() => expect(document.documentElement.lang).toBe("zh-Hant-TW"));
    expect(screen.getByTestId("validate")).toHaveTextContent("檢核");
  });
});
