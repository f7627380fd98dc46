/** `npm run bench`: runs every benchmark and prints each target as a ratio (≤ 1 meets it). */
import { canvasBenchmark } from './canvas.bench.ts';
import { exportBenchmark } from './export.bench.ts';
import { importBenchmark } from './import.bench.ts';
import { inferenceBenchmark } from './inference.bench.ts';
import { layoutBenchmark } from './layout.bench.ts';
import { runtimeBenchmark } from './runtime.bench.ts';
import type { Benchmark, BenchResult } from './harness.ts';

const BENCHMARKS: readonly Benchmark[] = [
  inferenceBenchmark,
  layoutBenchmark,
  canvasBenchmark,
  importBenchmark,
  exportBenchmark,
  runtimeBenchmark,
];

const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const benchmark of BENCHMARKS) {
  if (only.length > 0 && !only.includes(benchmark.name)) continue;
  process.stdout.write(`${benchmark.name}…\n`);
  for (const result of await benchmark.run()) {
    results.push(result);
    const verdict = result.ratio <= 1 ? 'ok' : 'MISSED';
    process.stdout.write(
      `  ${result.name}: ${result.measured}; ratio ${result.ratio.toFixed(3)} of ${result.target} [${verdict}]\n`,
    );
  }
}
process.exitCode = results.every((r) => r.ratio <= 1) ? 0 : 1;
