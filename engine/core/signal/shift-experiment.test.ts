import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analysis/analyze-graph.ts';
import type { GraphDocument } from '../document/graph-document.ts';
import { SeededRandom } from '../onnx/seeded-random.ts';
import { inputWindows, type AxisWindow } from './input-windows.ts';
import { measureShift, shiftSpatial, type Tensor } from './shift-experiment.ts';

function chain(nodes: [string, string, Record<string, unknown>?][]): GraphDocument {
  return {
    format: 'netwright-graph',
    version: 1,
    name: 'chain',
    nodes: nodes.map(([id, type, params]) => ({ id, type, ...(params ? { params } : {}) })),
    edges: nodes.slice(1).map(([id], i) => ({ source: nodes[i]?.[0] ?? '', target: id })),
  };
}

/** A plain single-channel 2-D cross-correlation with zero padding and a stride, as ONNX Conv computes it. */
function conv2d(input: Tensor, kernel: readonly number[], k: number, pad: number, stride: number): Tensor {
  const [, h = 0, w = 0] = input.dims;
  const oh = Math.floor((h + 2 * pad - k) / stride) + 1;
  const ow = Math.floor((w + 2 * pad - k) / stride) + 1;
  const out = new Float64Array(oh * ow);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      let sum = 0;
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++) {
          const r = y * stride - pad + i;
          const c = x * stride - pad + j;
          if (r >= 0 && r < h && c >= 0 && c < w) sum += (input.data[r * w + c] ?? 0) * (kernel[i * k + j] ?? 0);
        }
      out[y * ow + x] = sum;
    }
  return { dims: [1, oh, ow], data: out };
}

function randomImage(h: number, w: number, seed: number): Tensor {
  const data = new Float32Array(h * w);
  new SeededRandom(seed, 'image').fillUniform(data, 0, 1);
  return { dims: [1, h, w], data };
}

describe('shiftSpatial', () => {
  it('moves an image right and down, filling with zeros', () => {
    const image = { dims: [1, 3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] };
    expect([...shiftSpatial(image, [1, 1])]).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    expect([...shiftSpatial(image, [-1, 0])]).toEqual([4, 5, 6, 7, 8, 9, 0, 0, 0]);
  });

  it('moves every channel of a signal', () => {
    const signal = { dims: [2, 4], data: [1, 2, 3, 4, 5, 6, 7, 8] };
    expect([...shiftSpatial(signal, [2])]).toEqual([0, 0, 1, 2, 0, 0, 5, 6]);
  });

  it('refuses a shift per axis that does not match the tensor', () => {
    expect(() => shiftSpatial({ dims: [1, 3, 3], data: new Float32Array(9) }, [1])).toThrow(/2 spatial axes, got 1/);
  });
});

describe('inputWindows', () => {
  it('follows padding, strides and kernels through mnist-8 (5×5 same convs, 2×2 then 3×3 max pools)', () => {
    const analysis = analyzeGraph(
      chain([
        ['input', 'Input', { shape: [1, 28, 28] }],
        ['conv1', 'Conv', { outChannels: 8, kernelSize: 5, padding: 'same' }],
        ['relu1', 'ReLU'],
        ['pool1', 'MaxPool', { kernelSize: 2 }],
        ['conv2', 'Conv', { outChannels: 16, kernelSize: 5, padding: 'same' }],
        ['pool2', 'MaxPool', { kernelSize: 3 }],
        ['flat', 'Flatten'],
        ['dense', 'Dense', { outFeatures: 10 }],
        ['out', 'Output'],
      ]),
    );
    const windows = inputWindows(analysis);
    const axis = (id: string): AxisWindow | undefined => {
      const window = windows.get(id);
      return window === 'global' ? undefined : window?.[0];
    };
    expect(axis('input')).toEqual({ start: 0, jump: 1, size: 1 });
    expect(axis('conv1')).toEqual({ start: 2, jump: 1, size: 5 });
    expect(axis('relu1')).toEqual({ start: 2, jump: 1, size: 5 });
    expect(axis('pool1')).toEqual({ start: 2, jump: 2, size: 6 });
    expect(axis('conv2')).toEqual({ start: 6, jump: 2, size: 14 });
    expect(axis('pool2')).toEqual({ start: 6, jump: 6, size: 18 });
    expect(windows.get('flat')).toBe('global');
    expect(windows.get('out')).toBe('global');
  });

  it('joins the two branches of a residual Add', () => {
    const document: GraphDocument = {
      format: 'netwright-graph',
      version: 1,
      name: 'residual',
      nodes: [
        { id: 'x', type: 'Input', params: { shape: [4, 16] } },
        { id: 'a', type: 'Conv', params: { outChannels: 4, kernelSize: 3, padding: 1 } },
        { id: 'b', type: 'Conv', params: { outChannels: 4, kernelSize: 5, padding: 2 } },
        { id: 'sum', type: 'Add' },
      ],
      edges: [
        { source: 'x', target: 'a' },
        { source: 'a', target: 'b' },
        { source: 'x', target: 'sum', targetPort: 0 },
        { source: 'b', target: 'sum', targetPort: 1 },
      ],
    };
    expect(inputWindows(analyzeGraph(document)).get('sum')).toEqual([{ start: 3, jump: 1, size: 7 }]);
  });
});

describe('measureShift', () => {
  const kernel = [0.2, -0.5, 0.1, 0.7, 0.3, -0.4, 0.05, 0.6, -0.2];

  it('finds a convolution exactly equivariant away from the borders', () => {
    const x = randomImage(12, 12, 1);
    const shift = [2, -1];
    const shifted = { dims: x.dims, data: shiftSpatial(x, shift) };
    const base = conv2d(x, kernel, 3, 1, 1);
    const moved = conv2d(shifted, kernel, 3, 1, 1);
    const window = [
      { start: 1, jump: 1, size: 3 },
      { start: 1, jump: 1, size: 3 },
    ];
    const measured = measureShift(base, moved, window, [12, 12], shift);
    expect(measured.gridShift).toEqual([2, -1]);
    expect(measured.wholeShift).toBe(true);
    expect(measured.equivarianceError).toBeLessThan(1e-12);
    // Rows 3..10 (the window of row y is y−1..y+1, and of y−2 too) and columns 1..9.
    expect(measured.comparedFraction).toBeCloseTo((8 * 9) / 144, 12);
    expect(measured.change).toBeGreaterThan(0.3);
  });

  it('shifts a strided map by the shift over the stride, and says when that is not whole', () => {
    const x = randomImage(16, 16, 2);
    const window = (stride: number) => [
      { start: 0, jump: stride, size: 3 },
      { start: 0, jump: stride, size: 3 },
    ];
    const base = conv2d(x, kernel, 3, 0, 2);
    const even = conv2d({ dims: x.dims, data: shiftSpatial(x, [2, 4]) }, kernel, 3, 0, 2);
    const whole = measureShift(base, even, window(2), [16, 16], [2, 4]);
    expect(whole.gridShift).toEqual([1, 2]);
    expect(whole.equivarianceError).toBeLessThan(1e-12);
    const odd = conv2d({ dims: x.dims, data: shiftSpatial(x, [1, 1]) }, kernel, 3, 0, 2);
    const half = measureShift(base, odd, window(2), [16, 16], [1, 1]);
    expect(half.gridShift).toEqual([0.5, 0.5]);
    expect(half.wholeShift).toBe(false);
    expect(half.equivarianceError).toBeGreaterThan(0.05);
  });

  it('reports only the change for outputs that see the whole input', () => {
    const measured = measureShift({ dims: [3], data: [1, 2, 2] }, { dims: [3], data: [1, 2, 3] }, 'global', [8], [1]);
    expect(measured).toEqual({
      gridShift: undefined,
      wholeShift: false,
      change: 1 / 3,
      equivarianceError: undefined,
      comparedFraction: 0,
    });
  });

  it('refuses outputs of different shapes', () => {
    expect(() => measureShift({ dims: [2], data: [1, 2] }, { dims: [3], data: [1, 2, 3] }, 'global', [], [])).toThrow(
      /one shape/,
    );
  });
});
