/**
 * Timing helpers: warm up, repeat, take the median. The machine is shared (other test runs,
 * 2 cores), so every measure records the load average next to its numbers.
 */
import * as os from "os";

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Collects garbage when node runs with --expose-gc, so a sample does not pay for the previous one's. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Keeps results alive so the optimiser cannot drop the work that produced them. */
let sink: unknown;
export function consume(value: unknown): void {
  sink = value;
}
export function lastConsumed(): unknown {
  return sink;
}

export interface Timing {
  /** Median milliseconds of one call. */
  medianMs: number;
  /** Fastest and slowest sample (per call). */
  minMs: number;
  maxMs: number;
  /** Per-call milliseconds of each timed sample. */
  samplesMs: number[];
  /** Median process CPU milliseconds (user + system) of one call: steadier than wall time under load. */
  cpuMedianMs: number;
  /** Calls per sample: fast functions are repeated so that a sample lasts at least minSampleMs. */
  callsPerSample: number;
}

export interface TimingOptions {
  /** Timed samples (≥ 5). */
  samples?: number;
  /** Untimed calls first, at least (warm-up also lasts at least 250 ms). */
  warmup?: number;
  /** A sample lasts at least this long (fast functions are repeated within it). */
  minSampleMs?: number;
  /**
   * Force a full GC before every sample. Off by default: a forced mark-compact before each run
   * made the engine 2-3× slower on the next run (measured on 10,000 rows), which no user sees;
   * without it each sample pays for the garbage it and its neighbours make, as in real use.
   */
  gcBetweenSamples?: boolean;
}

/** Times a synchronous function: warm up, calibrate, then `samples` samples; median per call. */
export function timeSync(fn: () => unknown, options: TimingOptions = {}): Timing {
  const samples = Math.max(5, options.samples ?? 7);
  const warmupCalls = Math.max(1, options.warmup ?? 2);
  const minSampleMs = options.minSampleMs ?? 20;
  collectGarbage();
  // Warm up until the JIT has settled: at least `warmup` calls and a quarter of a second (a
  // cold first call can be 20× slower than a warm one, so it cannot size the samples).
  const warmupStarted = performance.now();
  let last = Number.POSITIVE_INFINITY;
  for (let calls = 0; calls < 200 && (calls < warmupCalls || performance.now() - warmupStarted < 250); calls += 1) {
    const started = performance.now();
    consume(fn());
    last = Math.min(last, performance.now() - started);
  }
  const callsPerSample = Math.max(1, Math.ceil(minSampleMs / Math.max(last, 1e-4)));
  const cpuMs: number[] = [];
  const samplesMs: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    if (options.gcBetweenSamples) collectGarbage();
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let call = 0; call < callsPerSample; call += 1) consume(fn());
    samplesMs.push((performance.now() - started) / callsPerSample);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000 / callsPerSample);
  }
  return {
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    samplesMs,
    cpuMedianMs: median(cpuMs),
    callsPerSample,
  };
}

export interface LoadSample {
  at: string;
  loadavg: [number, number, number];
}

export function loadSample(): LoadSample {
  const [one, five, fifteen] = os.loadavg() as [number, number, number];
  return { at: new Date().toISOString(), loadavg: [round(one, 2), round(five, 2), round(fifteen, 2)] };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Exponent k of time ∝ rows^k by least squares on log-log points: 1 is linear, 2 quadratic.
 * Points below `minRows` are left out (fixed costs dominate them).
 */
export function growthExponent(points: ReadonlyArray<{ rows: number; ms: number }>, minRows = 0): number {
  const used = points.filter((point) => point.rows >= minRows && point.ms > 0);
  if (used.length < 2) return Number.NaN;
  const xs = used.map((point) => Math.log(point.rows));
  const ys = used.map((point) => Math.log(point.ms));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < xs.length; i += 1) {
    numerator += (xs[i]! - meanX) * (ys[i]! - meanY);
    denominator += (xs[i]! - meanX) ** 2;
  }
  return numerator / denominator;
}

export function machine(): { cpu: string; cores: number; memoryGiB: number; node: string; platform: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}
