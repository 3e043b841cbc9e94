/**
 * Deciding where the task pane runs. Everything here receives the Office object as a parameter:
 * only index.tsx reads the `Office` global.
 */

/** The part of office.js the decision needs. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  HostType: { Excel: unknown };
}

export type HostDecision = "excel" | "preview";

export interface DecideOptions {
  /** Reads the Office global (undefined while or when office.js has not loaded). */
  office: () => OfficeLike | undefined;
  /** How long to wait for office.js to appear (blocked, offline) before the preview. */
  scriptWaitMs?: number;
  /** How long Office.onReady may take before we assume no host will answer. */
  readyWaitMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForOffice({ office, scriptWaitMs = 3000, pollMs = 100, sleep = defaultSleep }: DecideOptions): Promise<OfficeLike | undefined> {
  for (let waited = 0; waited < scriptWaitMs; waited += pollMs) {
    const found = office();
    if (found) return found;
    await sleep(pollMs);
  }
  return office();
}

/**
 * "excel" when Office.onReady reports Excel; "preview" when it reports another or no host (what
 * office.js does in a plain browser), when it fails or never answers, or when office.js never loads.
 */
export async function decideHost(options: DecideOptions): Promise<HostDecision> {
  const office = await waitForOffice(options);
  if (!office) return "preview";
  const sleep = options.sleep ?? defaultSleep;
  const timeout = sleep(options.readyWaitMs ?? 15000).then(() => null);
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    return info && info.host === office.HostType.Excel ? "excel" : "preview";
  } catch {
    return "preview";
  }
}

/** The file name from Office's document URL ("…/budget.xlsx" → "budget.xlsx"). */
export function documentNameFromUrl(url: string | null | undefined): string {
  const last = (url ?? "").split(/[\\/]/).pop() ?? "";
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // Not percent-encoded after all.
  }
  return name.split(/[?#]/)[0] || "workbook.xlsx";
}
