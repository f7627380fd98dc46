/**
 * Inference through the engine path that `netwright run` and the app use (InferenceEngine: a worker
 * thread, cached sessions) costs at most 1.05x a bare onnxruntime-node `session.run` on the same
 * file, input and thread settings: median of 50, LeNet-5 and ResNet-18 at batch 1 (DESIGN.md).
 * The engine runs the design (lowered to the bytes of the exported file the bare session loads) and
 * reports the latency of each run; the bare one is timed the same way around `session.run` here. Bare and engine runs alternate in blocks, so drift in machine load
 * reaches both. The whole call, worker round trip included, is reported as well.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { parseGraphText } from '../engine/core/index.ts';
import { exportOnnx } from '../engine/node/onnx/export-onnx.ts';
import { InferenceEngine } from '../engine/node/runtime/inference-engine.ts';
import { buildInputTensor } from '../engine/node/runtime/input-tensors.ts';
import { sessionOptionsFor } from '../engine/node/runtime/providers.ts';
import { median, percentile, type Benchmark, type BenchResult } from './harness.ts';

const RUNS = 50;
const BLOCK = 10;

async function measure(id: string, name: string, engine: InferenceEngine, dir: string): Promise<BenchResult[]> {
  const template = fileURLToPath(new URL(`../templates/${id}.json`, import.meta.url));
  if (!existsSync(template)) {
    process.stdout.write(`  skipped ${name}: templates/${id}.json is absent\n`);
    return [];
  }
  const parsed = parseGraphText(await readFile(template, 'utf8'));
  if (!parsed.ok) throw new Error(`${template} is not a valid graph`);
  const path = join(dir, `${id}.onnx`);
  const exported = await exportOnnx({ document: parsed.document, weights: new Map() }, { seed: 0 }, path);
  if (!exported.ok) throw new Error(`${template} does not export`);
  const [input] = exported.lowered.inputs;
  if (!input) throw new Error(`${template} has no input`);
  const fed = await buildInputTensor({ kind: 'random', seed: 0 }, input.name, input.shape, 1);

  const session = await ort.InferenceSession.create(path, sessionOptionsFor('cpu'));
  const feeds = { [input.name]: new ort.Tensor('float32', fed.data, [...fed.dims]) };
  // The engine runs the design itself, as `netwright run GRAPH.json` and the app do; it lowers to the
  // very bytes of the exported file (same seed), which the bare session loads.
  const request = {
    model: { kind: 'design', design: { document: parsed.document, weights: new Map() }, seed: 0 },
    inputs: { kind: 'values', data: fed.data },
  } as const;
  const bare: number[] = [];
  const viaEngine: number[] = [];
  const calls: number[] = [];
  // Warm both: session creation, first-run allocations.
  for (let i = 0; i < 5; i++) await session.run(feeds);
  await engine.run({ ...request, repeat: 5 });
  for (let block = 0; block < RUNS / BLOCK; block++) {
    for (let i = 0; i < BLOCK; i++) {
      const start = performance.now();
      await session.run(feeds);
      bare.push(performance.now() - start);
    }
    const result = await engine.run({ ...request, repeat: BLOCK });
    viaEngine.push(...result.latency.samplesMs);
    for (let i = 0; i < BLOCK; i++) {
      const start = performance.now();
      await engine.run(request);
      calls.push(performance.now() - start);
    }
  }
  await session.release();
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const bareMedian = median(sorted(bare));
  const engineMedian = median(sorted(viaEngine));
  const callMedian = median(sorted(calls));
  const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : 2)} ms`;
  const results: BenchResult[] = [
    {
      name: `${name} batch 1, per run`,
      measured: `engine median ${ms(engineMedian)} (p95 ${ms(percentile(sorted(viaEngine), 95))}) against bare session.run ${ms(bareMedian)} (p95 ${ms(percentile(sorted(bare), 95))}); a whole engine.run() call, worker round trip included, ${ms(callMedian)}`,
      ratio: engineMedian / (1.05 * bareMedian),
      target: '1.05x bare session.run',
    },
  ];
  return results;
}

export const runtimeBenchmark: Benchmark = {
  name: 'runtime',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'netwright-bench-runtime-'));
    const engine = new InferenceEngine();
    try {
      return [
        ...(await measure('lenet-5', 'LeNet-5', engine, dir)),
        ...(await measure('resnet-18', 'ResNet-18', engine, dir)),
      ];
    } finally {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
