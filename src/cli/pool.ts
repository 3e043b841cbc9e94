/**
 * Runs a round's submissions on worker threads (`--jobs N`, default the machine's cores), one
 * file per worker at a time, in the order given; results come back in that order. A worker that
 * dies (out of memory on a hostile file, a crash) costs only its file: the file becomes a row
 * that says why, and a new worker takes the next one. Without the compiled worker (the tests run
 * the TypeScript sources) or with one job, the files are checked here, one after another.
 */
import { existsSync } from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import type { Language } from "../engine/types";
import { ROUND_MESSAGES } from "./messages";
import { processSubmission, type SubmissionJob, type SubmissionOutcome } from "./submission";

export interface PoolOptions {
  jobs: number;
  language: Language;
  /** Called as a worker starts a file and as each file is done. */
  onStart?: (job: SubmissionJob) => void;
  onDone?: (outcome: SubmissionOutcome, done: number) => void;
  /** The worker's script (default: the compiled reviewWorker.js beside this file, when there is one). */
  script?: string | null;
}

/** Files sent to a worker before it answers the first. */
const IN_FLIGHT = 2;

/** A worker's heap limit: a hostile file stops its worker, not the round. */
const WORKER_HEAP_MB = 2048;

export function workerScript(): string | null {
  const script = path.join(__dirname, "reviewWorker.js");
  return existsSync(script) ? script : null;
}

export async function runPool(jobs: readonly SubmissionJob[], options: PoolOptions): Promise<SubmissionOutcome[]> {
  const results: SubmissionOutcome[] = new Array(jobs.length);
  let done = 0;
  const finish = (index: number, outcome: SubmissionOutcome) => {
    results[index] = outcome;
    done += 1;
    options.onDone?.(outcome, done);
  };
  const script = options.script === undefined ? workerScript() : options.script;
  const threads = Math.max(1, Math.min(options.jobs, jobs.length));
  if (script === null || threads === 1) {
    for (const [index, job] of jobs.entries()) {
      options.onStart?.(job);
      finish(index, await processSubmission(job));
    }
    return results;
  }

  let next = 0;
  await new Promise<void>((resolve) => {
    let running = 0;
    const startWorker = (retry: number[] = []) => {
      if (next >= jobs.length && retry.length === 0) {
        if (running === 0) resolve();
        return;
      }
      const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      running += 1;
      // Jobs sent and not answered, oldest first: the worker checks them in that order. Two at a
      // time, so that it never waits for this thread between files.
      const inFlight: number[] = [];
      const pending = [...retry];
      let stopped = false;
      const feed = () => {
        while (inFlight.length < IN_FLIGHT) {
          const index = pending.length > 0 ? pending.shift()! : next < jobs.length ? next++ : -1;
          if (index < 0) break;
          inFlight.push(index);
          options.onStart?.(jobs[index]!);
          worker.postMessage(jobs[index]);
        }
        if (inFlight.length === 0 && !stopped) {
          stopped = true;
          void worker.terminate();
        }
      };
      worker.on("message", (outcome: SubmissionOutcome) => {
        finish(inFlight.shift()!, outcome);
        feed();
      });
      let lostReason: { reason: string; code: string } | null = null;
      worker.on("error", (error: Error & { code?: string }) => {
        lostReason = { reason: error.message, code: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "too-large" : "corrupt" };
      });
      worker.on("exit", (code) => {
        running -= 1;
        if (stopped) {
          if (running === 0 && next >= jobs.length) resolve();
          return;
        }
        // The file it was checking (the oldest sent) is a row that says why; a new worker takes
        // the ones sent after it, and the rest.
        const lost = inFlight.shift();
        if (lost !== undefined) {
          const { reason, code: errorCode } = lostReason ?? { reason: `exit ${code}`, code: "corrupt" };
          finish(lost, { id: jobs[lost]!.id, ok: false, code: errorCode, message: ROUND_MESSAGES[options.language].workerStopped(reason) });
        }
        startWorker(inFlight);
      });
      feed();
    };
    for (let i = 0; i < threads; i += 1) startWorker();
  });
  return results;
}
