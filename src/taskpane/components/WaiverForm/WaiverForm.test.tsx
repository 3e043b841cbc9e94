/** @jest-environment jsdom */
import "../../test/setup";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import { renderInPane } from "../../test/fakes";
import { ExistingWaiver, WaiverForm } from "./WaiverForm";

describe("WaiverForm", () => {
  it("requires a reason", async () => {
    const user = userEvent.setup();
    const onWaive = jest.fn(async () => true);
    const { container } = renderInPane(() => <WaiverForm onWaive={onWaive} />);
    await user.click(screen.getByTestId("waiver-submit"));
    expect(screen.getByText("請填寫例外說明的理由。")).toBeInTheDocument();
    expect(screen.getByTestId("waiver-reason")).toHaveFocus();
    await user.type(screen.getByTestId("waiver-reason"), "   ");
    await user.click(screen.getByTestId("waiver-submit"));
    expect(onWaive).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("waiver-reason"), "經審查同意");
    await user.click(screen.getByTestId("waiver-submit"));
    await waitFor(() => expect(onWaive).toHaveBeenCalledWith("經審查同意"));
    expect(await axe(container)).toHaveNoViolations();
  });

  it("shows an existing waiver and lets it be removed", async () => {
    const user = userEvent.setup();
    const onRemove = jest.fn();
    renderInPane(() => <ExistingWaiver waiver={{ fingerprint: "f", ruleId: "R", reason: "OK", by: "審查", at: "2026-03-01" }} onRemove={onRemove} removing={false} />, {
      language: "en",
    });
    expect(screen.getByTestId("existing-waiver")).toHaveTextContent("OKBy: 審查On: 2026-03-01");
    await user.click(screen.getByText("Remove the exception note"));
    expect(onRemove).toHaveBeenCalled();
  });
});
