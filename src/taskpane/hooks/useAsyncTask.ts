import { useCallback, useEffect, useRef, useState } from "react";
import type { Progress, ProgressListener } from "../../workbook/gateway";

export type TaskStatus = "idle" | "running" | "done" | "failed";

export interface TaskState<T> {
  status: TaskStatus;
  value: T | undefined;
  error: unknown;
  progress: Progress | null;
}

export interface AsyncTask<A extends unknown[], T> extends TaskState<T> {
  /** Starts the work; resolves with its value, or undefined when it failed or was superseded. */
  run: (...args: A) => Promise<T | undefined>;
  /** Back to idle (clears the error). */
  reset: () => void;
}

const IDLE: TaskState<never> = { status: "idle", value: undefined, error: undefined, progress: null };

/**
 * Async work as a state machine: idle → running → done | failed. A newer run supersedes an older
 * one (its outcome is ignored); nothing is set after unmount.
 */
export function useAsyncTask<A extends unknown[], T>(work: (report: ProgressListener, ...args: A) => Promise<T>): AsyncTask<A, T> {
  const [state, setState] = useState<TaskState<T>>(IDLE);
  const workRef = useRef(work);
  workRef.current = work;
  const runId = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    const id = ++runId.current;
    const current = () => mounted.current && id === runId.current;
    setState((previous) => ({ status: "running", value: previous.value, error: undefined, progress: null }));
    const report: ProgressListener = (progress) => {
      if (current()) setState((previous) => (previous.status === "running" ? { ...previous, progress } : previous));
    };
    try {
      const value = await workRef.current(report, ...args);
      if (current()) setState({ status: "done", value, error: undefined, progress: null });
      return current() ? value : undefined;
    } catch (error) {
      if (current()) setState((previous) => ({ status: "failed", value: previous.value, error, progress: null }));
      return undefined;
    }
  }, []);

  const reset = useCallback(() => {
    runId.current += 1;
    setState(IDLE);
  }, []);

  return { ...state, run, reset };
}
