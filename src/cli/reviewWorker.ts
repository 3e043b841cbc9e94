/**
 * A worker thread of `alliance-check review`: checks the submissions the pool sends, one at a
 * time, and posts back each one's facts (or why it could not be read).
 */
import { parentPort } from "worker_threads";
import { processSubmission, type SubmissionJob } from "./submission";

parentPort?.on("message", (job: SubmissionJob) => {
  void processSubmission(job).then((outcome) => parentPort?.postMessage(outcome));
});
