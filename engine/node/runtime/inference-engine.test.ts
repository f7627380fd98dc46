import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type GraphDocument } from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';
import type { LoadedDesign } from '../files/load-design.ts';
import { exportOnnxBytes } from '../onnx/export-onnx.ts';
import { DesignHasErrors, InferenceEngine } from './inference-engine.ts';
import { listProviders } from './providers.ts';

const NET: GraphDocument = {
  format: GRAPH_FORMAT,
  version: 1,
  name: 'net',
  nodes: [
    { id: 'image', type: 'Input', params: { shape: [1, 12, 12] } },
    { id: 'conv', type: 'Conv', params: { outChannels: 4, kernelSize: 3 } },
    { id: 'relu', type: 'ReLU' },
    { id: 'pool', type: 'MaxPool', params: { kernelSize: 2 } },
    { id: 'flat', type: 'Flatten' },
    { id: 'fc', type: 'Dense', params: { outFeatures: 7 } },
    { id: 'scores', type: 'Output', params: { name: 'logits' } },
  ],
  edges: [
    { source: 'image', target: 'conv' },
    { source: 'conv', target: 'relu' },
    { source: 'relu', target: 'pool' },
    { source: 'pool', target: 'flat' },
    { source: 'flat', target: 'fc' },
    { source: 'fc', target: 'scores' },
  ],
};

const design = (document: GraphDocument = NET): { kind: 'design'; design: LoadedDesign } => ({
  kind: 'design',
  design: { document, weights: new Map() },
});

const engine = new InferenceEngine();
afterAll(() => engine.close());

describe('InferenceEngine', () => {
  it('runs a design off the calling thread: outputs, top-k, latency, provider', async () => {
    const result = await engine.run({ model: design(), repeat: 3, batch: 2, topK: 3 });
    expect(result.outputs['logits']?.dims).toEqual([2, 7]);
    expect(result.provider).toBe('cpu');
    expect(result.requestedProvider).toBe('cpu');
    expect(result.fallbackReason).toBeUndefined();
    expect(result.latency.runs).toBe(3);
    expect(result.latency.samplesMs).toHaveLength(3);
    expect(result.latency.medianMs).toBeGreaterThan(0);
    expect(result.latency.p95Ms).toBeGreaterThanOrEqual(result.latency.medianMs);
    const top = result.topK['logits'] ?? [];
    expect(top).toHaveLength(2);
    const scores = Array.from(result.outputs['logits']?.data.subarray(0, 7) ?? []);
    expect(top[0]?.map((e) => e.value)).toEqual([...scores].sort((a, b) => b - a).slice(0, 3));
    expect(result.inputs['image']?.dims).toEqual([2, 1, 12, 12]);
  });

  it('returns the activations of any set of nodes, the Input included', async () => {
    const result = await engine.run({ model: design(), capture: ['conv', 'pool', 'image', 'fc'] });
    expect(Object.fromEntries(Object.entries(result.activations).map(([id, t]) => [id, t.dims]))).toEqual({
      conv: [1, 4, 10, 10],
      pool: [1, 4, 5, 5],
      image: [1, 1, 12, 12],
      fc: [1, 7],
    });
    expect(result.activations['fc']?.data).toEqual(result.outputs['logits']?.data);
    expect(result.activations['image']?.data).toEqual(result.inputs['image']?.data);
    expect(result.activations['relu']).toBeUndefined();
  });

  it('reuses a session for the same content and starts another after an edit', async () => {
    const first = await engine.run({ model: design() });
    const again = await engine.run({ model: design(structuredClone(NET)) });
    expect(again.sessionReused).toBe(true);
    expect(again.outputs['logits']?.data).toEqual(first.outputs['logits']?.data);
    const edited: GraphDocument = {
      ...NET,
      nodes: NET.nodes.map((n) => (n.id === 'fc' ? { ...n, params: { outFeatures: 5 } } : n)),
    };
    const changed = await engine.run({ model: design(edited) });
    expect(changed.sessionReused).toBe(false);
    expect(changed.outputs['logits']?.dims).toEqual([1, 5]);
    const reseeded = await engine.run({ model: { ...design(), seed: 9 } });
    expect(reseeded.sessionReused).toBe(false);
    expect(reseeded.outputs['logits']?.data).not.toEqual(first.outputs['logits']?.data);
  });

  it('serves concurrent runs of one new model from one session start', async () => {
    const model = { ...design(), seed: 21 };
    const [a, b, c] = await Promise.all([
      engine.run({ model }),
      engine.run({ model }),
      engine.run({ model, batch: 2 }),
    ]);
    expect(b.outputs['logits']?.data).toEqual(a.outputs['logits']?.data);
    expect(c.outputs['logits']?.dims).toEqual([2, 7]);
    expect((await engine.run({ model })).sessionReused).toBe(true);
  });

  it('falls back to the CPU when a provider is missing or fails to start, and says why', async () => {
    for (const provider of ['dml', 'coreml', 'webgpu', 'cuda'] as const) {
      const result = await engine.run({ model: design(), provider });
      expect(result.requestedProvider).toBe(provider);
      if (result.provider === provider) continue; // This machine has it.
      expect(result.provider).toBe('cpu');
      expect(result.fallbackReason).toMatch(
        new RegExp(`^${provider} (is not in this onnxruntime build|failed to start: .+)`),
      );
    }
    expect(listProviders().find((p) => p.name === 'cpu')).toEqual({ name: 'cpu', available: true });
  });

  it('runs an ONNX file directly, feeding inputs by name', async () => {
    const exported = exportOnnxBytes({ document: NET, weights: new Map() }, {});
    if (!exported.ok) throw new Error('export failed');
    const path = join(await mkdtemp(join(tmpdir(), 'netwright-run-')), 'net.onnx');
    await writeFile(path, exported.bytes);
    const values = new Float32Array(144).fill(0.25);
    const fromFile = await engine.run({
      model: { kind: 'onnx-file', path },
      inputs: { byName: { image: { kind: 'values', data: values } } },
    });
    const fromDesign = await engine.run({ model: design(), inputs: { kind: 'values', data: values } });
    expect(fromFile.outputs['logits']?.data).toEqual(fromDesign.outputs['logits']?.data);
    await expect(
      engine.run({ model: { kind: 'onnx-file', path }, inputs: { byName: { pixels: { kind: 'random', seed: 0 } } } }),
    ).rejects.toThrow('the model has no input "pixels"; its inputs are "image"');
    await expect(engine.run({ model: { kind: 'onnx-file', path: `${path}.missing` } })).rejects.toThrow(UserError);
  });

  it('refuses a design with errors, and input of the wrong size, with clear messages', async () => {
    const broken: GraphDocument = {
      ...NET,
      edges: NET.edges.filter((e) => e.target !== 'flat').concat([{ source: 'pool', target: 'fc' }]),
    };
    await expect(engine.run({ model: design(broken) })).rejects.toBeInstanceOf(DesignHasErrors);
    await expect(
      engine.run({ model: design(), inputs: { kind: 'values', data: new Float32Array(10) } }),
    ).rejects.toThrow('has 10 values, but the input [1, 12, 12] needs 144 per sample');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine.run({ model: design() }, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    const running = new AbortController();
    const pending = engine.run({ model: design(), repeat: 1_000_000 }, running.signal);
    setTimeout(() => running.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
