import { decideHost, documentNameFromUrl, type OfficeLike } from "./bootstrap";

const EXCEL = "Excel";

function office(onReady: () => Promise<{ host: string | null }>): OfficeLike {
  return { onReady, HostType: { Excel: EXCEL } };
}

/** Sleeps that resolve at once (but only after pending promises), counting the time "waited". */
function fakeSleep() {
  const slept: number[] = [];
  return { slept, sleep: async (ms: number) => void slept.push(ms) };
}

describe("decideHost", () => {
  it("runs in Excel when Office.onReady reports Excel", async () => {
    expect(await decideHost({ office: () => office(async () => ({ host: EXCEL })), sleep: () => new Promise(() => undefined) })).toBe("excel");
  });

  it("opens the preview when office.js reports no host (a plain browser)", async () => {
    expect(await decideHost({ office: () => office(async () => ({ host: null })) })).toBe("preview");
  });

  it("opens the preview when office.js never loads", async () => {
    const { slept, sleep } = fakeSleep();
    expect(await decideHost({ office: () => undefined, scriptWaitMs: 300, pollMs: 100, sleep })).toBe("preview");
    expect(slept).toEqual([100, 100, 100]);
  });

  it("waits for office.js that loads late", async () => {
    let calls = 0;
    const late = office(async () => ({ host: EXCEL }));
    const { sleep } = fakeSleep();
    expect(await decideHost({ office: () => (++calls > 2 ? late : undefined), sleep: (ms) => (ms === 15000 ? new Promise(() => undefined) : sleep(ms)) })).toBe("excel");
  });

  it("opens the preview when Office.onReady fails or never answers", async () => {
    expect(await decideHost({ office: () => office(() => Promise.reject(new Error("blocked"))) })).toBe("preview");
    const { sleep } = fakeSleep();
    expect(await decideHost({ office: () => office(() => new Promise(() => undefined)), sleep })).toBe("preview");
  });
});

describe("documentNameFromUrl", () => {
  it.each([
    ["https://contoso.sharepoint.com/sites/x/Shared%20Documents/%E7%B6%93%E8%B2%BB.xlsx?web=1", "經費.xlsx"],
    ["C:\\Users\\pi\\budget.xlsx", "budget.xlsx"],
    ["", "workbook.xlsx"],
    [undefined, "workbook.xlsx"],
    ["https://x/%E0%A4%A.xlsx", "%E0%A4%A.xlsx"],
  ])("%p → %p", (url, name) => {
    expect(documentNameFromUrl(url)).toBe(name);
  });
});
