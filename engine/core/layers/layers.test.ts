/**
 * One generic harness checks every layer the same way: given input shapes and parameters, the
 * output shape, the parameter counts and the MACs, or the diagnostic code. The ONNX harness
 * (engine/core/onnx) checks the same layers against onnxruntime.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../diagnostics.ts';
import type { Shape } from './conv-arithmetic.ts';
import { isLayerError } from './layer.ts';
import { resolveParams } from './params.ts';
import { LAYER_TYPES, layerOf, type LayerType } from './registry.ts';

interface LayerCase {
  readonly type: LayerType;
  readonly params?: Record<string, unknown>;
  readonly inputs: readonly Shape[];
  readonly shape?: Shape;
  readonly trainable?: number;
  readonly nonTrainable?: number;
  readonly macs?: number;
  readonly error?: DiagnosticCode;
  /** A fragment the error message must contain. */
  readonly says?: string;
}

function runLayer(type: LayerType, params: Record<string, unknown> | undefined, inputs: readonly Shape[]) {
  const layer = layerOf(type);
  const resolved = resolveParams(layer.params, params);
  if (!resolved.ok)
    return { error: { code: 'invalid-param' as const, message: resolved.problems.map((p) => p.message).join('; ') } };
  return layer.infer(inputs, resolved.values);
}

const CASES: readonly LayerCase[] = [
  { type: 'Input', params: { shape: [1, 32, 32] }, inputs: [], shape: [1, 32, 32] },
  { type: 'Output', inputs: [[10]], shape: [10] },
  // Conv: 1-D, 2-D and 3-D from one node; out = floor((n + 2p - d(k-1) - 1)/s) + 1.
  {
    type: 'Conv',
    params: { outChannels: 8, kernelSize: 5 },
    inputs: [[1, 32]],
    shape: [8, 28],
    trainable: 48,
    macs: 8 * 28 * 5,
  },
  {
    type: 'Conv',
    params: { outChannels: 6, kernelSize: 5 },
    inputs: [[1, 32, 32]],
    shape: [6, 28, 28],
    trainable: 156,
    macs: 117_600,
  },
  {
    type: 'Conv',
    params: { outChannels: 4, kernelSize: 3, padding: 1 },
    inputs: [[2, 8, 8, 8]],
    shape: [4, 8, 8, 8],
    trainable: 220,
    macs: 4 * 512 * 54,
  },
  {
    type: 'Conv',
    params: { outChannels: 64, kernelSize: 7, stride: 2, padding: 3, bias: false },
    inputs: [[3, 224, 224]],
    shape: [64, 112, 112],
    trainable: 9408,
    macs: 118_013_952,
  },
  {
    type: 'Conv',
    params: { outChannels: 2, kernelSize: [3, 5], stride: [1, 2] },
    inputs: [[1, 10, 11]],
    shape: [2, 8, 4],
    trainable: 32,
  },
  { type: 'Conv', params: { outChannels: 3, kernelSize: 3, dilation: 2 }, inputs: [[1, 10]], shape: [3, 6] },
  {
    type: 'Conv',
    params: { outChannels: 3, kernelSize: 3, stride: 2, padding: 'same' },
    inputs: [[1, 7, 8]],
    shape: [3, 4, 4],
  },
  { type: 'Conv', params: { outChannels: 3, kernelSize: 4, padding: 'valid' }, inputs: [[1, 7]], shape: [3, 4] },
  {
    type: 'Conv',
    params: { outChannels: 32, kernelSize: 3, groups: 32, padding: 1 },
    inputs: [[32, 16, 16]],
    shape: [32, 16, 16],
    trainable: 32 * 9 + 32,
    macs: 32 * 256 * 9,
  },
  {
    type: 'Conv',
    params: { outChannels: 6, kernelSize: 3, groups: 4 },
    inputs: [[8, 5, 5]],
    error: 'groups-mismatch',
    says: 'groups = 2',
  },
  {
    type: 'Conv',
    params: { outChannels: 6, kernelSize: 5 },
    inputs: [[1, 3, 3]],
    error: 'kernel-too-large',
    says: 'at most 3',
  },
  {
    type: 'Conv',
    params: { outChannels: 6, kernelSize: [3, 3, 3] },
    inputs: [[1, 9, 9]],
    error: 'rank-mismatch',
    says: 'kernelSize has 3 values',
  },
  { type: 'Conv', params: { outChannels: 6, kernelSize: 3 }, inputs: [[120]], error: 'rank-mismatch', says: 'Flatten' },
  {
    type: 'Conv',
    params: { outChannels: -6, kernelSize: 3 },
    inputs: [[1, 9]],
    error: 'invalid-param',
    says: 'at least 1',
  },
  {
    type: 'Conv',
    params: { outChannels: 6.5, kernelSize: 3 },
    inputs: [[1, 9]],
    error: 'invalid-param',
    says: 'whole number',
  },
  {
    type: 'Conv',
    params: { outChannels: 6, kernelSize: 3, padding: 'full' },
    inputs: [[1, 9]],
    error: 'invalid-param',
    says: '"same"',
  },
  // Pools: stride defaults to the kernel.
  { type: 'MaxPool', params: { kernelSize: 2 }, inputs: [[6, 28, 28]], shape: [6, 14, 14], trainable: 0, macs: 0 },
  { type: 'MaxPool', params: { kernelSize: 3, stride: 2, padding: 1 }, inputs: [[64, 112, 112]], shape: [64, 56, 56] },
  {
    type: 'MaxPool',
    params: { kernelSize: 3, stride: 2, ceilMode: true },
    inputs: [[96, 55, 55]],
    shape: [96, 27, 27],
  },
  { type: 'MaxPool', params: { kernelSize: 2, stride: 2, ceilMode: true }, inputs: [[1, 5]], shape: [1, 3] },
  {
    type: 'MaxPool',
    params: { kernelSize: 2, padding: 2 },
    inputs: [[1, 8]],
    error: 'invalid-param',
    says: 'at most half the kernel',
  },
  { type: 'AvgPool', params: { kernelSize: 2 }, inputs: [[6, 28, 28]], shape: [6, 14, 14] },
  { type: 'AvgPool', params: { kernelSize: 4, stride: 4 }, inputs: [[1, 1000]], shape: [1, 250] },
  { type: 'LpPool', params: { kernelSize: 3, stride: 1 }, inputs: [[2, 5, 5]], shape: [2, 3, 3] },
  { type: 'GlobalAvgPool', inputs: [[512, 7, 7]], shape: [512, 1, 1] },
  { type: 'GlobalMaxPool', inputs: [[16, 100]], shape: [16, 1] },
  { type: 'GlobalAvgPool', inputs: [[16]], error: 'rank-mismatch' },
  // Elementwise.
  ...(['ReLU', 'Tanh', 'Sigmoid', 'GELU', 'LeakyReLU', 'ELU', 'Dropout'] as const).map((type): LayerCase => ({
    type,
    inputs: [[3, 4, 5]],
    shape: [3, 4, 5],
    trainable: 0,
  })),
  { type: 'Dropout', params: { p: 1.5 }, inputs: [[3]], error: 'invalid-param' },
  { type: 'Softmax', inputs: [[10]], shape: [10] },
  { type: 'LogSoftmax', params: { axis: -1 }, inputs: [[4, 10]], shape: [4, 10] },
  { type: 'Softmax', params: { axis: 2 }, inputs: [[10]], error: 'axis-out-of-range' },
  // Flatten and Dense: Dense's parameters grow with its input.
  { type: 'Flatten', inputs: [[16, 5, 5]], shape: [400] },
  { type: 'Dense', params: { outFeatures: 120 }, inputs: [[400]], shape: [120], trainable: 48_120, macs: 48_000 },
  { type: 'Dense', params: { outFeatures: 10, bias: false }, inputs: [[84]], shape: [10], trainable: 840 },
  {
    type: 'Dense',
    params: { outFeatures: 10 },
    inputs: [[16, 5, 5]],
    error: 'needs-vector',
    says: 'Flatten (giving [400])',
  },
  // Merges.
  {
    type: 'Add',
    inputs: [
      [64, 56, 56],
      [64, 56, 56],
    ],
    shape: [64, 56, 56],
  },
  { type: 'Add', inputs: [[8], [8], [8]], shape: [8] },
  {
    type: 'Add',
    inputs: [
      [64, 56, 56],
      [128, 28, 28],
    ],
    error: 'shape-mismatch',
    says: 'outChannels 128, kernelSize 1, stride 2) on the input 0 branch',
  },
  {
    type: 'Add',
    inputs: [
      [128, 28, 28],
      [64, 56, 56],
    ],
    error: 'shape-mismatch',
    says: '[128, 28, 28] and input 1 is [64, 56, 56]',
  },
  {
    type: 'Concat',
    inputs: [
      [64, 8, 8],
      [32, 8, 8],
    ],
    shape: [96, 8, 8],
  },
  {
    type: 'Concat',
    params: { axis: -1 },
    inputs: [
      [2, 3],
      [2, 4],
    ],
    shape: [2, 7],
  },
  {
    type: 'Concat',
    inputs: [
      [64, 8, 8],
      [32, 4, 4],
    ],
    error: 'shape-mismatch',
  },
  // Normalisation.
  { type: 'BatchNorm', inputs: [[64, 56, 56]], shape: [64, 56, 56], trainable: 128, nonTrainable: 128 },
  { type: 'BatchNorm', params: { eps: 0 }, inputs: [[4]], error: 'invalid-param', says: 'greater than 0' },
  { type: 'LRN', inputs: [[96, 55, 55]], shape: [96, 55, 55] },
  { type: 'LRN', inputs: [[16, 100]], error: 'needs-image' },
];

describe('layer catalogue', () => {
  it.each(CASES.map((c) => [`${c.type} ${JSON.stringify(c.params ?? {})} on ${JSON.stringify(c.inputs)}`, c] as const))(
    '%s',
    (_, c) => {
      const result = runLayer(c.type, c.params, c.inputs);
      if (c.error) {
        expect(isLayerError(result) && result.error.code).toBe(c.error);
        if (c.says && isLayerError(result)) expect(result.error.message).toContain(c.says);
        return;
      }
      if (isLayerError(result)) throw new Error(result.error.message);
      expect(result.shape).toEqual(c.shape);
      if (c.trainable !== undefined) expect(result.trainableParams ?? 0).toBe(c.trainable);
      if (c.nonTrainable !== undefined) expect(result.nonTrainableParams ?? 0).toBe(c.nonTrainable);
      if (c.macs !== undefined) expect(result.macs ?? 0).toBe(c.macs);
    },
  );

  it('covers every registered layer type', () => {
    expect(new Set(CASES.map((c) => c.type))).toEqual(new Set(LAYER_TYPES));
  });

  it('gives every layer and parameter teaching help', () => {
    for (const type of LAYER_TYPES) {
      const layer = layerOf(type);
      expect(layer.help.length, type).toBeGreaterThan(40);
      for (const [name, spec] of Object.entries(layer.params))
        expect(spec.help.length, `${type}.${name}`).toBeGreaterThan(10);
    }
    expect(layerOf('Conv').help).toContain('out = floor((n + 2p − d(k−1) − 1)/s) + 1');
    expect(layerOf('Conv').help).toContain('K·F_in·F_out/groups + F_out');
  });
});

describe('the lecture, as properties', () => {
  const size = fc.integer({ min: 1, max: 2000 });

  it('a K-tap 1-D conv on N samples gives N − K + 1', () => {
    fc.assert(
      fc.property(size, size, (n, k) => {
        fc.pre(k <= n);
        const result = runLayer('Conv', { outChannels: 1, kernelSize: k }, [[1, n]]);
        expect(!isLayerError(result) && result.shape).toEqual([1, n - k + 1]);
      }),
    );
  });

  it('a conv layer has K·F_{ℓ−1}·F_ℓ weights whatever N is, and F filter banks give F channels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        size,
        (k, fIn, fOut, extra) => {
          const n = k + extra;
          const result = runLayer('Conv', { outChannels: fOut, kernelSize: k, bias: false }, [[fIn, n]]);
          if (isLayerError(result)) throw new Error(result.error.message);
          expect(result.trainableParams).toBe(k * fIn * fOut);
          expect(result.shape[0]).toBe(fOut);
        },
      ),
    );
  });

  it('a dense layer on a flattened N-sample signal has N·F weights: it grows with N', () => {
    fc.assert(
      fc.property(size, fc.integer({ min: 1, max: 100 }), (n, f) => {
        const result = runLayer('Dense', { outFeatures: f, bias: false }, [[n]]);
        expect(!isLayerError(result) && result.trainableParams).toBe(n * f);
      }),
    );
  });

  it('stride and pooling shrink the signal', () => {
    fc.assert(
      fc.property(size, fc.integer({ min: 2, max: 8 }), (n, s) => {
        fc.pre(n >= s);
        const strided = runLayer('Conv', { outChannels: 1, kernelSize: 1, stride: s }, [[1, n]]);
        const pooled = runLayer('MaxPool', { kernelSize: s }, [[1, n]]);
        expect(!isLayerError(strided) && strided.shape[1]).toBe(Math.ceil(n / s));
        expect(!isLayerError(pooled) && pooled.shape[1]).toBe(Math.floor(n / s));
      }),
    );
  });
});
