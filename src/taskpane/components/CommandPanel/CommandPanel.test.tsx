/** @jest-environment jsdom */
import "../../test/setup";
import { fireEvent, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { renderInPane } from "../../test/fakes";
import { CommandPanel, type CommandPanelProps } from "./CommandPanel";

function props(overrides: Partial<CommandPanelProps> = {}): CommandPanelProps {
  return {
    running: false,
    progress: null,
    hasResult: false,
    onValidate: jest.fn(),
    liveAvailable: true,
    live: true,
    liveState: "idle",
    onLiveChange: jest.fn(),
    flagOnValidate: true,
    onFlagOnValidateChange: jest.fn(),
    ...overrides,
  };
}

describe("CommandPanel", () => {
  it("validates, and offers live validation where the host has it", async () => {
    const p = props();
    const { container } = renderInPane(() => <CommandPanel {...p} />);
    fireEvent.click(screen.getByTestId("validate"));
    expect(p.onValidate).toHaveBeenCalled();
    expect(screen.getByText("即時檢核已開啟")).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText("即時檢核"));
    expect(p.onLiveChange).toHaveBeenCalledWith(false);
    fireEvent.click(screen.getByLabelText("檢核時標示儲存格"));
    expect(p.onFlagOnValidateChange).toHaveBeenCalledWith(false);
    expect(await axe(container)).toHaveNoViolations();
  });

  it("hides live validation outside Excel", () => {
    renderInPane(() => <CommandPanel {...props({ liveAvailable: false })} />);
    expect(screen.queryByLabelText("即時檢核")).not.toBeInTheDocument();
  });

  it("shows the stage and progress of running work", () => {
    const p = props({ running: true, progress: { stage: "flags", fraction: 0.4 } });
    renderInPane(() => <CommandPanel {...p} />, { language: "en" });
    expect(screen.getByTestId("validate")).toHaveTextContent("Validating…");
    expect(screen.getByTestId("progress")).toHaveTextContent("Flagging cells…");
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0.4");
    fireEvent.click(screen.getByTestId("validate"));
    expect(p.onValidate).not.toHaveBeenCalled();
  });
});
