/**
 * The generic layer harness (STYLE.md): every node type, lowered on its own and run through
 * onnxruntime, must produce the shape inference promised, and the trainable weight elements the
 * lowering writes must equal the trainable parameter count.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  elementCount,
  GRAPH_FORMAT,
  LAYER_TYPES,
  type GraphDocument,
  type GraphNode,
  type Shape,
} from '../../core/index.ts';
import { exportOnnxBytes } from './export-onnx.ts';

interface LayerCase {
  readonly name: string;
  readonly type: string;
  readonly params?: Record<string, unknown>;
  /** One shape per input port. */
  readonly inputs: readonly Shape[];
}

const conv = (name: string, input: Shape, params: Record<string, unknown>): LayerCase => ({
  name: `Conv ${name}`,
  type: 'Conv',
  params,
  inputs: [input],
});
const pool = (type: string, name: string, input: Shape, params: Record<string, unknown>): LayerCase => ({
  name: `${type} ${name}`,
  type,
  params,
  inputs: [input],
});
const unary = (type: string, input: Shape, params?: Record<string, unknown>): LayerCase => ({
  name: `${type} on [${input.join(', ')}]${params ? ` ${JSON.stringify(params)}` : ''}`,
  type,
  inputs: [input],
  ...(params ? { params } : {}),
});

const CASES: readonly LayerCase[] = [
  conv('1-D', [3, 32], { outChannels: 4, kernelSize: 5 }),
  conv('1-D stride 2, dilation 2', [3, 33], { outChannels: 4, kernelSize: 3, stride: 2, dilation: 2 }),
  conv('1-D same, stride 2 (asymmetric pads)', [2, 10], { outChannels: 3, kernelSize: 4, stride: 2, padding: 'same' }),
  conv('1-D groups 3, no bias', [6, 20], { outChannels: 9, kernelSize: 3, groups: 3, bias: false }),
  conv('2-D padding 1', [3, 16, 16], { outChannels: 8, kernelSize: 3, padding: 1 }),
  conv('2-D per-axis kernel, stride and padding', [3, 15, 17], {
    outChannels: 5,
    kernelSize: [3, 5],
    stride: [2, 1],
    padding: [1, 2],
  }),
  conv('2-D dilation 2', [2, 20, 20], { outChannels: 4, kernelSize: 3, dilation: 2 }),
  conv('2-D same, even kernel (asymmetric pads)', [3, 9, 9], { outChannels: 4, kernelSize: 4, padding: 'same' }),
  conv('2-D same, stride 2', [3, 15, 16], { outChannels: 4, kernelSize: 3, stride: 2, padding: 'same' }),
  conv('2-D valid', [3, 8, 8], { outChannels: 2, kernelSize: 3, padding: 'valid' }),
  conv('2-D depthwise', [4, 10, 10], { outChannels: 4, kernelSize: 3, groups: 4, padding: 1 }),
  conv('2-D groups 2, dilated, strided', [4, 23, 23], {
    outChannels: 6,
    kernelSize: 3,
    groups: 2,
    dilation: 2,
    stride: 3,
  }),
  conv('3-D', [2, 8, 8, 8], { outChannels: 3, kernelSize: 3 }),
  conv('3-D same, stride 2, groups 2', [2, 7, 8, 9], {
    outChannels: 4,
    kernelSize: 3,
    stride: 2,
    groups: 2,
    padding: 'same',
  }),
  pool('MaxPool', '1-D', [3, 21], { kernelSize: 3 }),
  pool('MaxPool', '2-D stride 2', [3, 17, 17], { kernelSize: 3, stride: 2 }),
  pool('MaxPool', '2-D ceilMode', [2, 17, 17], { kernelSize: 3, stride: 2, ceilMode: true }),
  pool('MaxPool', '2-D ceilMode, padding', [1, 6, 6], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }),
  pool('MaxPool', '2-D ceilMode, last window would start in the padding', [1, 5, 5], {
    kernelSize: 2,
    stride: 2,
    padding: 1,
    ceilMode: true,
  }),
  pool('AvgPool', '2-D ceilMode, last window would start in the padding', [1, 5, 5], {
    kernelSize: 2,
    stride: 2,
    padding: 1,
    ceilMode: true,
  }),
  pool('MaxPool', '2-D dilation 2', [2, 12, 12], { kernelSize: 2, dilation: 2, stride: 1 }),
  pool('MaxPool', '2-D same', [2, 9, 10], { kernelSize: 3, stride: 2, padding: 'same' }),
  pool('MaxPool', '3-D', [2, 8, 8, 8], { kernelSize: 2 }),
  pool('AvgPool', '1-D', [2, 20], { kernelSize: 4 }),
  pool('AvgPool', '2-D padding, countIncludePad', [3, 10, 10], {
    kernelSize: 3,
    stride: 2,
    padding: 1,
    countIncludePad: true,
  }),
  pool('AvgPool', '2-D padding, excluding padding', [3, 10, 10], { kernelSize: 3, stride: 2, padding: 1 }),
  pool('AvgPool', '2-D ceilMode', [2, 11, 11], { kernelSize: 2, ceilMode: true }),
  pool('AvgPool', '2-D same (asymmetric pads)', [2, 9, 9], { kernelSize: 2, stride: 1, padding: 'same' }),
  pool('AvgPool', '3-D', [1, 6, 6, 6], { kernelSize: [2, 3, 3], stride: 1 }),
  pool('LpPool', '1-D p 1', [2, 16], { kernelSize: 4, p: 1 }),
  pool('LpPool', '2-D p 2', [3, 12, 12], { kernelSize: 3, stride: 2 }),
  pool('LpPool', '2-D p 3, padding', [2, 9, 9], { kernelSize: 3, p: 3, padding: 1, stride: 2 }),
  pool('LpPool', '3-D', [1, 4, 4, 4], { kernelSize: 2 }),
  unary('GlobalAvgPool', [3, 20]),
  unary('GlobalAvgPool', [4, 7, 9]),
  unary('GlobalAvgPool', [2, 3, 4, 5]),
  unary('GlobalMaxPool', [3, 20]),
  unary('GlobalMaxPool', [4, 7, 9]),
  unary('ReLU', [3, 4, 4]),
  unary('LeakyReLU', [10], { alpha: 0.2 }),
  unary('ELU', [2, 8], { alpha: 0.5 }),
  unary('GELU', [3, 5, 5]),
  unary('Tanh', [6]),
  unary('Sigmoid', [2, 3, 4, 5]),
  unary('Softmax', [10]),
  unary('Softmax', [3, 4, 5], { axis: 0 }),
  unary('Softmax', [3, 4, 5], { axis: 1 }),
  unary('Softmax', [3, 4, 5], { axis: -1 }),
  unary('LogSoftmax', [10]),
  unary('LogSoftmax', [3, 4, 5], { axis: 2 }),
  unary('LogSoftmax', [3, 4, 5], { axis: -2 }),
  unary('Flatten', [3, 4, 5]),
  unary('Flatten', [7]),
  unary('Dense', [20], { outFeatures: 5 }),
  unary('Dense', [12], { outFeatures: 3, bias: false }),
  {
    name: 'Add of 2',
    type: 'Add',
    inputs: [
      [3, 4, 4],
      [3, 4, 4],
    ],
  },
  { name: 'Add of 3 (Sum)', type: 'Add', inputs: [[5], [5], [5]] },
  {
    name: 'Concat channels',
    type: 'Concat',
    inputs: [
      [2, 4, 4],
      [3, 4, 4],
    ],
  },
  {
    name: 'Concat axis 1',
    type: 'Concat',
    params: { axis: 1 },
    inputs: [
      [2, 3, 4],
      [2, 5, 4],
      [2, 1, 4],
    ],
  },
  {
    name: 'Concat axis -1',
    type: 'Concat',
    params: { axis: -1 },
    inputs: [
      [2, 3, 4],
      [2, 3, 6],
    ],
  },
  { name: 'Concat features', type: 'Concat', inputs: [[3], [4]] },
  unary('BatchNorm', [4, 5, 5]),
  unary('BatchNorm', [3, 16], { eps: 1e-3 }),
  unary('BatchNorm', [6]),
  unary('BatchNorm', [2, 3, 3, 3]),
  unary('Dropout', [3, 8, 8], { p: 0.3 }),
  unary('LRN', [8, 5, 5]),
  unary('LRN', [6, 4, 4], { size: 3, alpha: 1e-3, beta: 0.5, k: 2 }),
  unary('LRN', [6, 4, 4], { size: 4 }),
];

/** Input(s) → the layer → Output. */
function designOf(layer: LayerCase): GraphDocument {
  const inputs: GraphNode[] = layer.inputs.map((shape, port) => ({ id: `x${port}`, type: 'Input', params: { shape } }));
  return {
    format: GRAPH_FORMAT,
    version: 1,
    name: layer.name,
    nodes: [...inputs, { id: 'layer', type: layer.type, params: layer.params ?? {} }, { id: 'y', type: 'Output' }],
    edges: [
      ...inputs.map((input, port) => ({ source: input.id, target: 'layer', targetPort: port })),
      { source: 'layer', target: 'y' },
    ],
  };
}

function randomData(count: number, seed: number): Float32Array {
  const data = new Float32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    data[i] = (state / 2 ** 32) * 4 - 2;
  }
  return data;
}

describe('every layer lowers to ONNX that onnxruntime runs with the inferred shape', () => {
  it('covers every node type', () => {
    const covered = new Set<string>(CASES.map((c) => c.type));
    for (const type of LAYER_TYPES) if (type !== 'Input' && type !== 'Output') expect(covered).toContain(type);
  });

  it.each(CASES)('$name', async (layer) => {
    const exported = exportOnnxBytes({ document: designOf(layer), weights: new Map() }, { seed: 3 });
    if (!exported.ok) throw new Error(exported.diagnostics.map((d) => d.message).join('\n'));
    const { lowered, bytes } = exported;
    const analyzed = lowered.analysis.nodes.get('layer');
    const inferred = analyzed?.output?.shape;
    expect(inferred).toBeDefined();

    const trainable = lowered.initializers.filter((i) => i.trainable).reduce((sum, i) => sum + elementCount(i.dims), 0);
    expect(trainable).toBe(analyzed?.trainableParams);
    const statistics = lowered.initializers
      .filter((i) => !i.trainable && i.origin !== 'constant')
      .reduce((sum, i) => sum + elementCount(i.dims), 0);
    expect(statistics).toBe(analyzed?.nonTrainableParams);

    const session = await ort.InferenceSession.create(bytes);
    try {
      const batch = 2;
      const feeds: Record<string, ort.Tensor> = {};
      for (const [port, input] of lowered.inputs.entries()) {
        const dims = [batch, ...input.shape];
        feeds[input.name] = new ort.Tensor('float32', randomData(elementCount(dims), port + 1), dims);
      }
      const result = await session.run(feeds);
      const output = result['y'];
      expect(output?.dims).toEqual([batch, ...(inferred ?? [])]);
      const values = output?.data as Float32Array;
      expect(values.every(Number.isFinite)).toBe(true);
      if (layer.type === 'Dropout' || layer.type === 'Flatten') expect(values).toEqual(feeds['x0']?.data);
    } finally {
      await session.release();
    }
  });
});

/** ONNX's LRN: the squares summed over channels c − ⌊(size−1)/2⌋ … c + ⌈(size−1)/2⌉. */
function referenceLrn(
  x: Float32Array,
  dims: readonly number[],
  p: { size: number; alpha: number; beta: number; k: number },
) {
  const [batch = 1, channels = 1] = dims;
  const plane = elementCount(dims.slice(2));
  const y = new Float32Array(x.length);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const from = Math.max(0, c - Math.floor((p.size - 1) / 2));
      const to = Math.min(channels - 1, c + Math.ceil((p.size - 1) / 2));
      for (let i = 0; i < plane; i++) {
        let sum = 0;
        for (let j = from; j <= to; j++) sum += (x[(n * channels + j) * plane + i] ?? 0) ** 2;
        const at = (n * channels + c) * plane + i;
        y[at] = (x[at] ?? 0) / (p.k + (p.alpha / p.size) * sum) ** p.beta;
      }
    }
  }
  return y;
}

describe('LRN follows ONNX’s definition for odd and even sizes', () => {
  it.each([1, 2, 3, 4, 5, 6])('size %i', async (size) => {
    const params = { size, alpha: 0.5, beta: 0.75, k: 1.5 };
    const exported = exportOnnxBytes({ document: designOf(unary('LRN', [7, 3, 2], params)), weights: new Map() }, {});
    if (!exported.ok) throw new Error('LRN did not lower');
    const session = await ort.InferenceSession.create(exported.bytes);
    const dims = [2, 7, 3, 2];
    const x = randomData(elementCount(dims), size);
    const y = (await session.run({ x0: new ort.Tensor('float32', x, dims) }))['y']?.data as Float32Array;
    await session.release();
    const expected = referenceLrn(x, dims, params);
    for (const [i, value] of y.entries()) expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 5);
  });
});
