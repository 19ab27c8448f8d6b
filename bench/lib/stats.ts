import { constants, PerformanceObserver } from 'node:perf_hooks';

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0..100) of a non-empty list, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Peak memory seen while some work ran, in bytes. */
export interface PeakMemory {
  /** Resident set size when sampling started (after a GC when `--expose-gc` is on). */
  readonly baselineRss: number;
  readonly peakRss: number;
  readonly peakHeapUsed: number;
  /** The most heap still in use right after a full (mark-sweep) GC: what the work retained; 0 without a full GC. */
  readonly peakHeapAfterFullGc: number;
  readonly fullGcs: number;
}

/** Samples the process's resident set size and used heap while `work` runs; returns the result and the peaks. */
export async function withPeakMemory<T>(
  work: () => Promise<T>,
  everyMs = 20,
): Promise<{ result: T } & PeakMemory> {
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeapUsed = process.memoryUsage().heapUsed;
  let peakHeapAfterFullGc = 0;
  let fullGcs = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeapUsed = Math.max(peakHeapUsed, now.heapUsed);
  };
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      fullGcs += 1;
      peakHeapAfterFullGc = Math.max(peakHeapAfterFullGc, process.memoryUsage().heapUsed);
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  const timer = setInterval(sample, everyMs);
  try {
    const result = await work();
    sample();
    return { result, baselineRss, peakRss, peakHeapUsed, peakHeapAfterFullGc, fullGcs };
  } finally {
    clearInterval(timer);
    gcs.disconnect();
  }
}

/** Runs `work` and returns its result with the elapsed milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Runs `count` tasks with at most `concurrency` in flight. */
export async function inParallel(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Values as whole numbers, comma-separated (the per-round values in a row's note). */
export function listed(values: readonly number[]): string {
  return values.map((v) => v.toFixed(0)).join(', ');
}
