/**
 * The Run panel's payloads through the real host and onnxruntime: kernels are the weights the run
 * used, activations are bounded, and a pure-conv network is translation-equivariant away from the
 * borders (the equivariance figure's claim, checked on numbers onnxruntime computed).
 */
import { mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphDocument } from '../../core/index.ts';
import type { RunRequest, TensorValue } from '../../core/host/host-api.ts';
import { inputWindows } from '../../core/signal/input-windows.ts';
import { measureShift, shiftSpatial } from '../../core/signal/shift-experiment.ts';
import { FolderGuard } from './folder-guard.ts';
import { EngineHost } from './host-operations.ts';
import { RecentFiles } from './recent-files.ts';
import { boundedActivations, PAYLOAD_LIMITS } from './run-payload.ts';

let host: EngineHost;

beforeAll(async () => {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'netwright-run-')));
  host = new EngineHost({ guard: await FolderGuard.create([root]), recent: await RecentFiles.load(undefined) });
});

afterAll(() => host.close());

function chain(name: string, nodes: [string, string, Record<string, unknown>?][]): GraphDocument {
  return {
    format: 'netwright-graph',
    version: 1,
    name,
    nodes: nodes.map(([id, type, params]) => ({ id, type, ...(params ? { params } : {}) })),
    edges: nodes.slice(1).map(([id], i) => ({ source: nodes[i]?.[0] ?? '', target: id })),
  };
}

function run(document: GraphDocument, data: readonly number[], extra: Partial<RunRequest> = {}) {
  return host.runInference({
    runId: `run-${Math.random()}`,
    handle: 'new',
    document,
    input: { kind: 'tensor', data },
    provider: 'cpu',
    repeat: 1,
    ...extra,
  });
}

/** Drops the batch axis of a returned activation. */
function sample(value: TensorValue | undefined): { dims: number[]; data: readonly number[] } {
  if (!value) throw new Error('the activation is missing');
  return { dims: value.dims.slice(1), data: value.data };
}

describe('kernels', () => {
  it('are the weights the run used: a unit impulse through a bias-free 3×3 conv returns the kernel, flipped', async () => {
    const document = chain('impulse', [
      ['x', 'Input', { shape: [1, 5, 5] }],
      ['conv', 'Conv', { outChannels: 2, kernelSize: 3, padding: 1, bias: false }],
      ['y', 'Output'],
    ]);
    const impulse = Array.from({ length: 25 }, (_, i) => (i === 12 ? 1 : 0));
    const result = await run(document, impulse, { weightNodeIds: ['conv', 'x'] });
    expect(Object.keys(result.weights)).toEqual(['conv']);
    const kernel = result.weights['conv'];
    expect(kernel?.dims).toEqual([2, 1, 3, 3]);
    expect(kernel?.fullDims).toBeUndefined();
    const output = result.outputs['y'];
    for (let filter = 0; filter < 2; filter++)
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 3; c++) {
          // Cross-correlation of an impulse at (2, 2): output (1 + r, 1 + c) holds kernel tap (2 − r, 2 − c).
          const shown = kernel?.data[filter * 9 + (2 - r) * 3 + (2 - c)] ?? Number.NaN;
          expect(output?.data[filter * 25 + (1 + r) * 5 + 1 + c]).toBeCloseTo(shown, 6);
        }
  });

  it('keeps the first filters and input channels of a large kernel, with its real shape', async () => {
    const document = chain('wide', [
      ['x', 'Input', { shape: [20, 4, 4] }],
      ['conv', 'Conv', { outChannels: 70, kernelSize: 1 }],
      ['y', 'Output'],
    ]);
    const result = await run(
      document,
      Array.from({ length: 320 }, () => 1),
      { weightNodeIds: ['conv'], captureNodeIds: ['conv'] },
    );
    expect(result.weights['conv']?.dims).toEqual([PAYLOAD_LIMITS.filters, PAYLOAD_LIMITS.kernelInputs, 1, 1]);
    expect(result.weights['conv']?.fullDims).toEqual([70, 20, 1, 1]);
    expect(result.activations['conv']?.dims).toEqual([1, PAYLOAD_LIMITS.channels, 4, 4]);
    expect(result.activations['conv']?.fullDims).toEqual([1, 70, 4, 4]);
    expect(result.activations['conv']?.data).toEqual(result.outputs['y']?.data.slice(0, PAYLOAD_LIMITS.channels * 16));
  });
});

describe('boundedActivations', () => {
  it('keeps one channel of a huge map and leaves out maps past the run budget, in request order', () => {
    const big = { dims: [1, 3, 600, 600], data: new Float32Array(3 * 600 * 600) };
    const vector = { dims: [1, 10], data: Float32Array.from({ length: 10 }, (_, i) => i) };
    const bounded = boundedActivations({ a: big, b: big, c: big, v: vector }, ['v', 'a', 'b', 'c', 'missing']);
    expect(Object.keys(bounded)).toEqual(['v', 'a', 'b']);
    expect(bounded['a']?.dims).toEqual([1, 1, 600, 600]);
    expect(bounded['v']).toEqual({ dims: [1, 10], data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
  });
});

describe('the shift experiment on a pure-conv network, through onnxruntime', () => {
  it('finds the shifted input’s feature maps equal to the shifted feature maps away from the borders', async () => {
    const document = chain('pure conv', [
      ['x', 'Input', { shape: [1, 24, 24] }],
      ['c1', 'Conv', { outChannels: 4, kernelSize: 5, padding: 'same' }],
      ['r1', 'ReLU'],
      ['c2', 'Conv', { outChannels: 6, kernelSize: 3 }],
      ['y', 'Output'],
    ]);
    const x = Array.from({ length: 576 }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.11));
    const shift = [3, -2];
    const shifted = shiftSpatial({ dims: [1, 24, 24], data: x }, shift);
    const capture = { captureNodeIds: ['c1', 'c2'] };
    const before = await run(document, x, capture);
    const after = await run(document, Array.from(shifted), capture);
    const windows = inputWindows(analyzeGraph(document));
    for (const id of ['c1', 'c2']) {
      const window = windows.get(id);
      if (!window) throw new Error(`no window for ${id}`);
      const measured = measureShift(
        sample(before.activations[id]),
        sample(after.activations[id]),
        window,
        [24, 24],
        shift,
      );
      expect(measured.wholeShift).toBe(true);
      expect(measured.comparedFraction).toBeGreaterThan(0.4);
      // Equal up to float32 rounding, although the maps as a whole changed a lot.
      expect(measured.equivarianceError).toBeLessThan(1e-5);
      expect(measured.change).toBeGreaterThan(0.3);
    }
  });
});
