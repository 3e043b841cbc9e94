import { loadRulePack } from "../rules";
import { exceptionNoteRefusal, isWaivedError, mayExplainErrors, taipeiTimestamp } from "./exceptionNotes";

const pack = loadRulePack("nstc-alliance-115");

describe("exception notes", () => {
  it("refuses an error explained in the PI role, whatever the reason", () => {
    const request = { finding: { severity: "error" as const }, role: "pi" as const, reason: "已與國科會承辦人確認可編列此項目", name: "王小明" };
    expect(exceptionNoteRefusal(pack, request)).toBe("role");
    expect(mayExplainErrors(pack, "pi")).toBe(false);
  });

  it("accepts an error explained by finance with a reason of real length, and refuses 'ok'", () => {
    const base = { finding: { severity: "error" as const }, role: "finance" as const, name: "陳會計" };
    expect(exceptionNoteRefusal(pack, { ...base, reason: "ok" })).toBe("too-short");
    expect(exceptionNoteRefusal(pack, { ...base, reason: "依會計室115年3月核定之簽呈辦理" })).toBeNull();
  });

  it("lets anyone explain a warning, but never without a name or a reason", () => {
    const base = { finding: { severity: "warning" as const }, role: "pi" as const };
    expect(exceptionNoteRefusal(pack, { ...base, reason: "ok", name: "王小明" })).toBeNull();
    expect(exceptionNoteRefusal(pack, { ...base, reason: "  ", name: "王小明" })).toBe("empty");
    expect(exceptionNoteRefusal(pack, { ...base, reason: "ok", name: " " })).toBe("no-name");
  });

  it("records Taiwan's date, not UTC's, before 08:00 in Taipei", () => {
    // 2026-03-01 23:30 UTC is 2026-03-02 07:30 in Taipei.
    expect(taipeiTimestamp(new Date(Date.UTC(2026, 2, 1, 23, 30)))).toBe("2026-03-02T07:30:00+08:00");
  });

  it("tells a waived error from a waived warning", () => {
    const waiver = { fingerprint: "f", ruleId: "R", reason: "r" };
    expect(isWaivedError({ severity: "error", waiver })).toBe(true);
    expect(isWaivedError({ severity: "warning", waiver })).toBe(false);
    expect(isWaivedError({ severity: "error" })).toBe(false);
  });
});
