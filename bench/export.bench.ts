/**
 * ONNX export of VGG-16 (138 M parameters, 553 MB): at most 2x the time of writing the same number
 * of bytes with fs.writeFile in the same run, and peak memory (RSS growth) at most 1.5x the file size
 * (DESIGN.md). Each export runs in a fresh Node process, so its peak RSS is its own; the time covers
 * exportOnnx alone (lowering, initialising the weights from the seed, encoding and writing).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type Benchmark, type BenchResult } from './harness.ts';

const TEMPLATE = fileURLToPath(new URL('../templates/vgg-16.json', import.meta.url));
const ROUNDS = 3;

interface ChildReport {
  readonly ms: number;
  readonly bytes: number;
  readonly rssGrowth: number;
}

/** Exports the template in a new process and reports its time, file size and peak RSS growth. */
function exportInChild(outPath: string): Promise<ChildReport> {
  const core = new URL('../engine/core/index.ts', import.meta.url).href;
  const exporter = new URL('../engine/node/onnx/export-onnx.ts', import.meta.url).href;
  const script = `
    import { readFile } from 'node:fs/promises';
    const { parseGraphText } = await import(${JSON.stringify(core)});
    const { exportOnnx } = await import(${JSON.stringify(exporter)});
    const parsed = parseGraphText(await readFile(${JSON.stringify(TEMPLATE)}, 'utf8'));
    if (!parsed.ok) throw new Error('invalid template');
    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const result = await exportOnnx({ document: parsed.document, weights: new Map() }, { seed: 0 }, ${JSON.stringify(outPath)});
    const ms = performance.now() - start;
    if (!result.ok) throw new Error('export failed');
    const peak = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(JSON.stringify({ ms, bytes: result.written.byteLength, rssGrowth: peak - rssBefore }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as ChildReport);
      else reject(new Error(`the export process exited with ${code}`));
    });
  });
}

export const exportBenchmark: Benchmark = {
  name: 'export',
  async run(): Promise<readonly BenchResult[]> {
    if (!existsSync(TEMPLATE)) {
      process.stdout.write('  skipped: templates/vgg-16.json is absent\n');
      return [];
    }
    const dir = await mkdtemp(join(tmpdir(), 'netwright-bench-export-'));
    try {
      const exports: ChildReport[] = [];
      const writes: number[] = [];
      let baseline: Uint8Array | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        const onnx = join(dir, 'vgg-16.onnx');
        exports.push(await exportInChild(onnx));
        await rm(onnx);
        baseline ??= new Uint8Array((exports[0] as ChildReport).bytes).fill(0x5a);
        const raw = join(dir, 'baseline.bin');
        const start = performance.now();
        await writeFile(raw, baseline);
        writes.push(performance.now() - start);
        await rm(raw);
      }
      baseline = undefined;
      const bytes = (exports[0] as ChildReport).bytes;
      const exportMs = median([...exports.map((e) => e.ms)].sort((a, b) => a - b));
      const writeMs = median([...writes].sort((a, b) => a - b));
      const growth = Math.max(...exports.map((e) => e.rssGrowth));
      const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
      return [
        {
          name: 'VGG-16 export time',
          measured: `${exportMs.toFixed(0)} ms for ${mb(bytes)} (${((bytes / exportMs) * 1e-3).toFixed(0)} MB/s) against fs.writeFile ${writeMs.toFixed(0)} ms (median of ${ROUNDS})`,
          ratio: exportMs / (2 * writeMs),
          target: '2x fs.writeFile of the same bytes',
        },
        {
          name: 'VGG-16 export peak memory',
          measured: `RSS grew ${mb(growth)} for a ${mb(bytes)} file (worst of ${ROUNDS})`,
          ratio: growth / (1.5 * bytes),
          target: '1.5x the file size',
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
