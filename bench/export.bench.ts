/**
 * ONNX export of VGG-16 (138 M parameters, 553 MB): at most 2x the time of writing the same number
 * of bytes with fs.writeFile in the same run, and peak memory (RSS growth) at most 1.5x the file size
 * (DESIGN.md). The export covers everything exportOnnx does: lowering, initialising the weights from
 * the seed, encoding and writing. Exports and plain writes alternate, so drift in machine load and in
 * the kernel's page cache reaches both; each file is deleted before the next write. RSS is sampled
 * every 2 ms during each export, on top of the baseline's buffer, which is allocated first.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGraphText } from '../engine/core/index.ts';
import { exportOnnx } from '../engine/node/onnx/export-onnx.ts';
import { median, type Benchmark, type BenchResult } from './harness.ts';

const TEMPLATE = fileURLToPath(new URL('../templates/vgg-16.json', import.meta.url));
const ROUNDS = 5;

export const exportBenchmark: Benchmark = {
  name: 'export',
  async run(): Promise<readonly BenchResult[]> {
    if (!existsSync(TEMPLATE)) {
      process.stdout.write('  skipped: templates/vgg-16.json is absent\n');
      return [];
    }
    const parsed = parseGraphText(await readFile(TEMPLATE, 'utf8'));
    if (!parsed.ok) throw new Error(`${TEMPLATE} is not a valid graph`);
    const design = { document: parsed.document, weights: new Map() };
    const dir = await mkdtemp(join(tmpdir(), 'netwright-bench-export-'));
    const onnx = join(dir, 'vgg-16.onnx');
    const raw = join(dir, 'baseline.bin');
    try {
      // Warm-up, untimed: learns the size of the file for the baseline.
      const first = await exportOnnx(design, { seed: 0 }, onnx);
      if (!first.ok) throw new Error(`${TEMPLATE} does not export`);
      const bytes = first.written.byteLength;
      await rm(onnx);
      const baseline = new Uint8Array(bytes).fill(0x5a);
      await writeFile(raw, baseline);
      await rm(raw);

      const exports: number[] = [];
      const writes: number[] = [];
      let growth = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const rssBefore = process.memoryUsage().rss;
        let peak = rssBefore;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
        let start = performance.now();
        await exportOnnx(design, { seed: 0 }, onnx);
        exports.push(performance.now() - start);
        clearInterval(sampler);
        growth = Math.max(growth, Math.max(peak, process.memoryUsage().rss) - rssBefore);
        await rm(onnx);
        start = performance.now();
        await writeFile(raw, baseline);
        writes.push(performance.now() - start);
        await rm(raw);
      }
      const exportMs = median([...exports].sort((a, b) => a - b));
      const writeMs = median([...writes].sort((a, b) => a - b));
      const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
      return [
        {
          name: 'VGG-16 export time',
          measured: `${exportMs.toFixed(0)} ms for ${mb(bytes)} (${((bytes / exportMs) * 1e-3).toFixed(0)} MB/s) against fs.writeFile ${writeMs.toFixed(0)} ms (medians of ${ROUNDS})`,
          ratio: exportMs / (2 * writeMs),
          target: '2x fs.writeFile of the same bytes',
        },
        {
          name: 'VGG-16 export peak memory',
          measured: `RSS grew at most ${mb(growth)} during an export of a ${mb(bytes)} file`,
          ratio: growth / (1.5 * bytes),
          target: '1.5x the file size',
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
