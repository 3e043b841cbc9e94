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
    const startWorker = () => {
      if (next >= jobs.length) {
        if (running === 0) resolve();
        return;
      }
      const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      running += 1;
      let current = -1;
      let stopped = false;
      const feed = () => {
        if (next >= jobs.length) {
          stopped = true;
          void worker.terminate();
          return;
        }
        current = next;
        next += 1;
        options.onStart?.(jobs[current]!);
        worker.postMessage(jobs[current]);
      };
      worker.on("message", (outcome: SubmissionOutcome) => {
        finish(current, outcome);
        current = -1;
        feed();
      });
      const lost = (reason: string, code: string) => {
        if (current >= 0) {
          finish(current, { id: jobs[current]!.id, ok: false, code, message: ROUND_MESSAGES[options.language].workerStopped(reason) });
          current = -1;
        }
      };
      worker.on("error", (error: Error & { code?: string }) => {
        lost(error.message, error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "too-large" : "corrupt");
      });
      worker.on("exit", (code) => {
        running -= 1;
        if (!stopped) {
          lost(`exit ${code}`, "corrupt");
          // Its file is a row now; a new worker takes the rest.
          startWorker();
          return;
        }
        if (running === 0 && next >= jobs.length) resolve();
      });
      feed();
    };
    for (let i = 0; i < threads; i += 1) startWorker();
  });
  return results;
}
