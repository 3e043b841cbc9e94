import { useCallback, useEffect, useRef, useState } from "react";
import type { Language } from "../../engine/types";
import type { CellFlag } from "../../workbook/gateway";
import { type LiveStatus, useHost } from "../host";

export type LiveState = LiveStatus | "off" | "starting" | "failed";

export interface LiveValidation {
  state: LiveState;
  /** The last failure (starting or a round), until the next success. */
  error: unknown;
  dismissError: () => void;
}

export interface LiveValidationInput {
  enabled: boolean;
  language: Language;
  revalidate: (language: Language) => Promise<CellFlag[]>;
  /** The flags on the grid now (the pane's record, which validate, show and clear change too). */
  shownFlags: () => readonly CellFlag[];
  /** A live round wrote these flags. */
  onFlagsShown: (flags: readonly CellFlag[]) => void;
}

/** Runs the host's live validation while enabled; stops it when disabled or unmounted. */
export function useLiveValidation({ enabled, language, revalidate, shownFlags, onFlagsShown }: LiveValidationInput): LiveValidation {
  const { startLiveValidation } = useHost();
  const [state, setState] = useState<LiveState>("off");
  const [error, setError] = useState<unknown>(undefined);
  const latest = useRef({ language, revalidate, shownFlags, onFlagsShown });
  latest.current = { language, revalidate, shownFlags, onFlagsShown };

  useEffect(() => {
    if (!enabled || !startLiveValidation) {
      setState("off");
      return undefined;
    }
    let cancelled = false;
    let stop: (() => Promise<void>) | undefined;
    setState("starting");
    setError(undefined);
    startLiveValidation({
      revalidate: () => latest.current.revalidate(latest.current.language),
      // Asked when a round writes, not when live validation starts: the first validate may
      // still be recording its flags when the effect runs.
      shownFlags: () => latest.current.shownFlags(),
      onFlagsShown: (flags) => latest.current.onFlagsShown(flags),
      onStatus: (status) => {
        if (cancelled) return;
        setState(status);
        if (status === "running") setError(undefined);
      },
      onError: (failure) => {
        if (!cancelled) setError(failure);
      },
    }).then(
      (handle) => {
        if (cancelled) void handle.stop().catch(() => undefined);
        else {
          stop = () => handle.stop();
          setState("idle");
        }
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(failure);
        setState("failed");
      },
    );
    return () => {
      cancelled = true;
      void stop?.().catch(() => undefined);
    };
  }, [enabled, startLiveValidation]);

  const dismissError = useCallback(() => setError(undefined), []);
  return { state, error, dismissError };
}
