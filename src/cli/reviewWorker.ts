/**
 * A worker thread of `alliance-check review`: checks the submissions the pool sends, one at a
 * time, and posts back each one's facts (or why it could not be read).
 */
import { parentPort } from "worker_threads";
import { processSubmission, type SubmissionJob } from "./submission";

// One file at a time, in the order sent (the pool sends the next before this one is done).
let queue: Promise<void> = Promise.resolve();
parentPort?.on("message", (job: SubmissionJob) => {
  queue = queue.then(async () => parentPort?.postMessage(await processSubmission(job)));
});
