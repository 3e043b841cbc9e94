/** Where each section of the bench leaves its numbers (build/bench/results/<section>.json). */
import * as fs from "fs";
import * as path from "path";
import { LoadSample, loadSample } from "./stats";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
export const RESULTS_DIR = path.join(ROOT, "build", "bench", "results");
export const WORK_DIR = path.join(ROOT, "build", "bench", "work");

export interface SectionEnvelope<T> {
  section: string;
  startedAt: LoadSample;
  finishedAt: LoadSample;
  data: T;
}

export async function runSection<T>(section: string, work: () => Promise<T>): Promise<SectionEnvelope<T>> {
  const startedAt = loadSample();
  const data = await work();
  const envelope: SectionEnvelope<T> = { section, startedAt, finishedAt: loadSample(), data };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${section}.json`), `${JSON.stringify(envelope, null, 2)}\n`);
  return envelope;
}

export function readSection<T>(section: string): SectionEnvelope<T> | null {
  const file = path.join(RESULTS_DIR, `${section}.json`);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as SectionEnvelope<T>;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
