/**
 * Benchmark helpers. Every target is printed as a ratio against a baseline measured in the same
 * run (DESIGN.md, "Performance targets"), so the numbers mean the same on any machine.
 */

export interface BenchResult {
  readonly name: string;
  /** What was measured, e.g. "median 0.41 ms". */
  readonly measured: string;
  /** The measured value divided by the target or baseline; at most 1 meets the target. */
  readonly ratio: number;
  readonly target: string;
}

export interface Benchmark {
  readonly name: string;
  run(): Promise<readonly BenchResult[]>;
}

/** Times `fn` `count` times after `warmup` untimed calls; returns the sorted durations in ms. */
export async function timeRuns(fn: () => unknown, count: number, warmup = Math.min(count, 10)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(sorted: readonly number[]): number {
  return percentile(sorted, 50);
}
