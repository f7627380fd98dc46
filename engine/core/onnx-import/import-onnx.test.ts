import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analysis/analyze-graph.ts';
import type { GraphNode } from '../document/graph-document.ts';
import { buildModel, float32Bytes, type ModelSpec, type NodeSpec, type TensorSpec } from './fixtures/build-model.ts';
import { IMPORTABLE_OPERATORS, importOnnx, type ImportResult } from './import-onnx.ts';

const range = (count: number, scale = 0.1): number[] =>
  Array.from({ length: count }, (_, i) => (i - count / 2) * scale);

/** A model with one float input [N, ...shape] and one output `y`. */
function model(
  shape: readonly number[],
  nodes: readonly NodeSpec[],
  initializers: readonly TensorSpec[] = [],
  extra: Partial<ModelSpec> = {},
): Uint8Array {
  return buildModel({
    inputs: [{ name: 'x', dims: ['N', ...shape] }],
    outputs: [{ name: 'y' }],
    initializers,
    nodes,
    ...extra,
  });
}

function imported(result: ImportResult) {
  if (!result.ok) throw new Error(`expected an import, got: ${result.message}`);
  return result;
}

function refused(result: ImportResult) {
  if (result.ok) throw new Error('expected a refusal');
  expect(result.message).not.toContain('\n');
  return result;
}

function node(result: ImportResult, type: string): GraphNode {
  const found = imported(result).document.nodes.find((candidate) => candidate.type === type);
  if (!found) throw new Error(`no ${type} node`);
  return found;
}

const conv = (attributes: NodeSpec['attributes'] = {}, inputs = ['x', 'w', 'b']): NodeSpec => ({
  op: 'Conv',
  name: 'conv',
  inputs,
  outputs: ['y'],
  attributes,
});
const convWeights: TensorSpec[] = [
  { name: 'w', dims: [4, 2, 3, 3], values: range(72) },
  { name: 'b', dims: [4], values: [1, 2, 3, 4] },
];

describe('importOnnx: Conv and padding', () => {
  it('maps a Conv with bias, reading the kernel from its weight and keeping the weights bit for bit', () => {
    const result = imported(importOnnx(model([2, 8, 8], [conv({ pads: { ints: [1, 1, 1, 1] } })], convWeights)));
    expect(node(result, 'Conv').params).toEqual({ outChannels: 4, kernelSize: 3, padding: 1 });
    const weights = result.weights.get('conv');
    expect(weights?.weight?.dims).toEqual([4, 2, 3, 3]);
    expect([...(weights?.weight?.data ?? [])]).toEqual([...Float32Array.from(range(72))]);
    expect([...(weights?.bias?.data ?? [])]).toEqual([1, 2, 3, 4]);
    expect(result.document.nodes.map((n) => n.type)).toEqual(['Input', 'Conv', 'Output']);
    expect(node(result, 'Input').params).toEqual({ shape: [2, 8, 8], name: 'x' });
  });

  it('maps auto_pad and explicit pads onto the padding parameter', () => {
    const padding = (attributes: NodeSpec['attributes'], shape = [2, 8, 8]) =>
      node(importOnnx(model(shape, [conv(attributes)], convWeights)), 'Conv').params?.['padding'];
    expect(padding({ auto_pad: { s: 'SAME_UPPER' } })).toBe('same');
    expect(padding({ auto_pad: { s: 'VALID' } })).toBeUndefined();
    expect(padding({ auto_pad: { s: 'SAME_LOWER' } })).toBe(1);
    expect(padding({ pads: { ints: [1, 2, 1, 2] } })).toEqual([1, 2]);
    // TensorFlow's SAME with stride 2 on an even size pads one more at the end: SAME_UPPER.
    expect(padding({ pads: { ints: [0, 0, 1, 1] }, strides: { ints: [2, 2] } })).toBe('same');
  });

  it('drops end padding that no window reaches, and refuses asymmetric pads that change the output', () => {
    const stride3 = imported(
      importOnnx(model([2, 9, 9], [conv({ pads: { ints: [0, 0, 1, 1] }, strides: { ints: [3, 3] } })], convWeights)),
    );
    expect(node(stride3, 'Conv').params?.['padding']).toBeUndefined();
    expect(stride3.notes.join()).toContain('end padding');
    const result = refused(importOnnx(model([2, 8, 8], [conv({ pads: { ints: [2, 0, 0, 0] } })], convWeights)));
    expect(result.unsupported).toEqual([expect.objectContaining({ opType: 'Conv', count: 1, nodes: ['conv'] })]);
    expect(result.message).toContain('asymmetric pads [2, 0, 0, 0]');
  });

  it('refuses SAME_LOWER where it pads more at the start', () => {
    const result = refused(
      importOnnx(model([2, 8, 8], [conv({ auto_pad: { s: 'SAME_LOWER' }, strides: { ints: [2, 2] } })], convWeights)),
    );
    expect(result.message).toContain('SAME_LOWER');
  });

  it('keeps groups, strides and dilations, and reads 1-D convolutions', () => {
    const result = importOnnx(
      model(
        [4, 20],
        [conv({ group: { i: 2 }, strides: { ints: [2] }, dilations: { ints: [2] } }, ['x', 'w'])],
        [{ name: 'w', dims: [6, 2, 3], values: range(36) }],
      ),
    );
    expect(node(result, 'Conv').params).toEqual({
      outChannels: 6,
      kernelSize: 3,
      stride: 2,
      dilation: 2,
      groups: 2,
      bias: false,
    });
  });

  it('refuses weights fed as a graph input', () => {
    const spec: ModelSpec = {
      inputs: [
        { name: 'x', dims: [1, 2, 8, 8] },
        { name: 'w', dims: [4, 2, 3, 3] },
      ],
      outputs: [{ name: 'y' }],
      nodes: [conv({}, ['x', 'w'])],
    };
    expect(refused(importOnnx(buildModel(spec))).message).toContain('weights fed as a graph input');
  });
});

describe('importOnnx: biases, Gemm and MatMul', () => {
  it('folds a CNTK-style constant Add into the Conv before it', () => {
    const nodes: NodeSpec[] = [
      { op: 'Conv', name: 'conv', inputs: ['x', 'w'], outputs: ['c'] },
      { op: 'Add', name: 'plus', inputs: ['c', 'b'], outputs: ['y'] },
    ];
    const result = imported(
      importOnnx(
        model([2, 8, 8], nodes, [convWeights[0] as TensorSpec, { name: 'b', dims: [4, 1, 1], values: [5, 6, 7, 8] }]),
      ),
    );
    expect(node(result, 'Conv').params).toEqual({ outChannels: 4, kernelSize: 3 });
    expect([...(result.weights.get('conv')?.bias?.data ?? [])]).toEqual([5, 6, 7, 8]);
    expect(result.notes.join()).toContain('plus');
  });

  it('refuses a broadcasting Add it cannot fold, naming the node', () => {
    const nodes: NodeSpec[] = [
      { op: 'Conv', name: 'conv', inputs: ['x', 'w'], outputs: ['c'] },
      { op: 'Relu', name: 'relu', inputs: ['c'], outputs: ['r'] },
      { op: 'Add', name: 'plus', inputs: ['r', 'b'], outputs: ['y'] },
    ];
    const result = refused(
      importOnnx(
        model([2, 8, 8], nodes, [convWeights[0] as TensorSpec, { name: 'b', dims: [4, 1, 1], values: [1, 2, 3, 4] }]),
      ),
    );
    expect(result.unsupported).toEqual([expect.objectContaining({ opType: 'Add', nodes: ['plus'] })]);
    expect(result.message).toContain('broadcasting Add');
  });

  it('folds alpha, beta and transB of a Gemm into a Dense', () => {
    const gemm = (attributes: NonNullable<NodeSpec['attributes']>, b: TensorSpec) =>
      importOnnx(
        model(
          [3],
          [{ op: 'Gemm', name: 'fc', inputs: ['x', 'B', 'C'], outputs: ['y'], attributes }],
          [b, { name: 'C', dims: [2], values: [1, -1] }],
        ),
      );
    const plain = imported(
      gemm({ alpha: { f: 2 }, beta: { f: 0.5 } }, { name: 'B', dims: [3, 2], values: [1, 2, 3, 4, 5, 6] }),
    );
    expect(node(plain, 'Dense').params).toEqual({ outFeatures: 2 });
    expect(plain.weights.get('fc')?.weight?.dims).toEqual([2, 3]);
    expect([...(plain.weights.get('fc')?.weight?.data ?? [])]).toEqual([2, 6, 10, 4, 8, 12]);
    expect([...(plain.weights.get('fc')?.bias?.data ?? [])]).toEqual([0.5, -0.5]);
    const transposed = imported(gemm({ transB: { i: 1 } }, { name: 'B', dims: [2, 3], values: [1, 2, 3, 4, 5, 6] }));
    expect([...(transposed.weights.get('fc')?.weight?.data ?? [])]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(refused(gemm({ transA: { i: 1 } }, { name: 'B', dims: [3, 2], values: range(6) })).message).toContain(
      'transA',
    );
  });

  it('maps MatMul plus a constant Add to one Dense with a bias', () => {
    const nodes: NodeSpec[] = [
      { op: 'MatMul', name: 'times', inputs: ['x', 'W'], outputs: ['m'] },
      { op: 'Add', name: 'plus', inputs: ['m', 'b'], outputs: ['y'] },
    ];
    const result = imported(
      importOnnx(
        model([2], nodes, [
          { name: 'W', dims: [2, 3], values: [1, 2, 3, 4, 5, 6] },
          { name: 'b', dims: [1, 3], values: [7, 8, 9] },
        ]),
      ),
    );
    expect(node(result, 'Dense').params).toEqual({ outFeatures: 3 });
    expect([...(result.weights.get('times')?.weight?.data ?? [])]).toEqual([1, 4, 2, 5, 3, 6]);
    expect([...(result.weights.get('times')?.bias?.data ?? [])]).toEqual([7, 8, 9]);
  });

  it('refuses a MatMul on a tensor that is not flat', () => {
    const result = importOnnx(
      model(
        [2, 3],
        [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] }],
        [{ name: 'W', dims: [3, 2], values: range(6) }],
      ),
    );
    expect(refused(result).message).toContain('add a Flatten first');
  });
});

describe('importOnnx: constants, reshapes and flattens', () => {
  it('folds Constant, Identity, ConstantOfShape and a Reshape of a weight into the weights', () => {
    const nodes: NodeSpec[] = [
      {
        op: 'Constant',
        inputs: [],
        outputs: ['shape'],
        attributes: { value: { t: { dims: [2], values: [4, 18], type: 'int64' } } },
      },
      { op: 'Reshape', inputs: ['w_flat', 'shape'], outputs: ['w2d'] },
      { op: 'Constant', inputs: [], outputs: ['wshape'], attributes: { value_ints: { ints: [4, 2, 3, 3] } } },
      { op: 'Reshape', inputs: ['w2d', 'wshape'], outputs: ['w'] },
      { op: 'Identity', inputs: ['w'], outputs: ['w_id'] },
      {
        op: 'Constant',
        inputs: [],
        outputs: ['bshape'],
        attributes: { value: { t: { dims: [1], values: [4], type: 'int64' } } },
      },
      { op: 'ConstantOfShape', inputs: ['bshape'], outputs: ['b'] },
      { op: 'Conv', name: 'conv', inputs: ['x', 'w_id', 'b'], outputs: ['y'] },
    ];
    const result = imported(importOnnx(model([2, 5, 5], nodes, [{ name: 'w_flat', dims: [72], values: range(72) }])));
    expect(result.document.nodes.map((n) => n.type)).toEqual(['Input', 'Conv', 'Output']);
    expect(result.weights.get('conv')?.weight?.dims).toEqual([4, 2, 3, 3]);
    expect([...(result.weights.get('conv')?.bias?.data ?? [])]).toEqual([0, 0, 0, 0]);
  });

  it('recognises PyTorch’s x.view(x.size(0), -1) as a Flatten', () => {
    const nodes: NodeSpec[] = [
      { op: 'Shape', inputs: ['x'], outputs: ['s'] },
      {
        op: 'Constant',
        inputs: [],
        outputs: ['zero'],
        attributes: { value: { t: { dims: [], values: [0], type: 'int64' } } },
      },
      { op: 'Gather', inputs: ['s', 'zero'], outputs: ['n'], attributes: { axis: { i: 0 } } },
      { op: 'Unsqueeze', inputs: ['n'], outputs: ['n1'], attributes: { axes: { ints: [0] } } },
      {
        op: 'Constant',
        inputs: [],
        outputs: ['rest'],
        attributes: { value: { t: { dims: [1], values: [-1], type: 'int64' } } },
      },
      { op: 'Concat', inputs: ['n1', 'rest'], outputs: ['target'], attributes: { axis: { i: 0 } } },
      { op: 'Reshape', name: 'view', inputs: ['x', 'target'], outputs: ['y'] },
    ];
    const result = imported(importOnnx(model([3, 4, 4], nodes, [], { opset: 11 })));
    expect(result.document.nodes.map((n) => n.type)).toEqual(['Input', 'Flatten', 'Output']);
    expect(analyzeGraph(result.document).outputs.get('y')).toEqual([48]);
  });

  it('reads the shape attribute of an opset-4 Reshape and a fixed batch of 1', () => {
    const result = importOnnx(
      buildModel({
        opset: 4,
        inputs: [{ name: 'x', dims: [1, 2, 3] }],
        outputs: [{ name: 'y' }],
        nodes: [{ op: 'Reshape', inputs: ['x'], outputs: ['y'], attributes: { shape: { ints: [1, 6] } } }],
      }),
    );
    expect(imported(result).document.nodes.map((n) => n.type)).toEqual(['Input', 'Flatten', 'Output']);
    expect(imported(result).notes.join()).toContain('fixes the batch size to 1');
  });

  it('reads a Squeeze that leaves [N, C] after a global pool as a Flatten', () => {
    const nodes = (axes: number[]): NodeSpec[] => [
      { op: 'GlobalAveragePool', inputs: ['x'], outputs: ['g'] },
      { op: 'Squeeze', inputs: ['g'], outputs: ['y'], attributes: { axes: { ints: axes } } },
    ];
    const result = imported(importOnnx(model([8, 5, 5], nodes([2, 3]), [], { opset: 11 })));
    expect(result.document.nodes.map((n) => n.type)).toEqual(['Input', 'GlobalAvgPool', 'Flatten', 'Output']);
    expect(refused(importOnnx(model([8, 5, 5], nodes([3]), [], { opset: 11 }))).message).toContain('Squeeze');
  });

  it('refuses a Reshape that is not a flatten and a Flatten that keeps axes apart', () => {
    const reshape = importOnnx(
      model(
        [4, 4],
        [{ op: 'Reshape', name: 'r', inputs: ['x', 's'], outputs: ['y'] }],
        [{ name: 's', dims: [3], values: [0, 2, 8], type: 'int64' }],
      ),
    );
    expect(refused(reshape).message).toContain('reshapes [N, 4, 4] to [N, 2, 8]');
    const flatten = importOnnx(
      model([2, 3, 4], [{ op: 'Flatten', inputs: ['x'], outputs: ['y'], attributes: { axis: { i: 2 } } }]),
    );
    expect(refused(flatten).message).toContain('Flatten at axis 2');
  });
});

describe('importOnnx: activations, pools and merges', () => {
  it('maps every supported elementwise, pooling and normalisation operator with its parameters', () => {
    const nodes: NodeSpec[] = [
      { op: 'Relu', name: 'relu', inputs: ['x'], outputs: ['a'] },
      { op: 'LeakyRelu', name: 'leaky', inputs: ['a'], outputs: ['b'], attributes: { alpha: { f: 0.25 } } },
      { op: 'Elu', name: 'elu', inputs: ['b'], outputs: ['c'] },
      { op: 'Tanh', name: 'tanh', inputs: ['c'], outputs: ['d'] },
      { op: 'Sigmoid', name: 'sigmoid', inputs: ['d'], outputs: ['e'] },
      { op: 'Gelu', name: 'gelu', inputs: ['e'], outputs: ['f'] },
      { op: 'LRN', name: 'lrn', inputs: ['f'], outputs: ['g'], attributes: { size: { i: 3 }, bias: { f: 2 } } },
      {
        op: 'BatchNormalization',
        name: 'bn',
        inputs: ['g', 's', 'bb', 'm', 'v'],
        outputs: ['h'],
        attributes: { epsilon: { f: 0.001 } },
      },
      {
        op: 'MaxPool',
        name: 'max',
        inputs: ['h'],
        outputs: ['i'],
        attributes: { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } },
      },
      {
        op: 'AveragePool',
        name: 'avg',
        inputs: ['i'],
        outputs: ['j'],
        attributes: { kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] }, count_include_pad: { i: 1 } },
      },
      {
        op: 'LpPool',
        name: 'lp',
        inputs: ['j'],
        outputs: ['k'],
        attributes: { kernel_shape: { ints: [2, 2] }, p: { i: 3 } },
      },
      { op: 'Dropout', name: 'drop', inputs: ['k'], outputs: ['l'], attributes: { ratio: { f: 0.3 } } },
      { op: 'GlobalAveragePool', name: 'gap', inputs: ['l'], outputs: ['m2'] },
      { op: 'Flatten', name: 'flat', inputs: ['m2'], outputs: ['n'] },
      { op: 'Softmax', name: 'softmax', inputs: ['n'], outputs: ['y'], attributes: { axis: { i: 1 } } },
    ];
    const bn = ['s', 'bb', 'm', 'v'].map((name, i) => ({ name, dims: [3], values: [i + 1, i + 1, i + 1] }));
    const result = imported(importOnnx(model([3, 16, 16], nodes, bn, { opset: 11 })));
    const params = Object.fromEntries(result.document.nodes.map((n) => [n.id, n.params]));
    expect(result.document.nodes.map((n) => n.type)).toEqual([
      'Input',
      'ReLU',
      'LeakyReLU',
      'ELU',
      'Tanh',
      'Sigmoid',
      'GELU',
      'LRN',
      'BatchNorm',
      'MaxPool',
      'AvgPool',
      'LpPool',
      'Dropout',
      'GlobalAvgPool',
      'Flatten',
      'Softmax',
      'Output',
    ]);
    expect(params['leaky']).toEqual({ alpha: 0.25 });
    expect(params['lrn']).toEqual({ size: 3, k: 2 });
    expect(params['bn']?.['eps']).toBeCloseTo(0.001);
    expect(params['max']).toEqual({ kernelSize: 2 });
    expect(params['avg']).toEqual({ kernelSize: 3, stride: 1, padding: 1, countIncludePad: true });
    expect(params['lp']).toEqual({ kernelSize: 2, stride: 1, p: 3 });
    expect(params['drop']?.['p']).toBeCloseTo(0.3);
    expect(params['softmax']).toBeUndefined();
    expect(Object.keys(result.weights.get('bn') ?? {})).toEqual(['scale', 'bias', 'mean', 'var']);
  });

  it('maps an opset-11 Softmax only where it equals a one-axis softmax', () => {
    const softmax = (shape: number[], axis: number, opset: number) =>
      importOnnx(
        model(shape, [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], attributes: { axis: { i: axis } } }], [], {
          opset,
        }),
      );
    expect(refused(softmax([3, 4, 4], 1, 11)).message).toContain('normalises over [3, 4, 4] together');
    expect(node(softmax([3, 1, 1], 1, 11), 'Softmax').params).toBeUndefined();
    expect(node(softmax([1, 5], 1, 11), 'Softmax').params).toEqual({ axis: 1 });
    expect(node(softmax([3, 4, 4], 1, 13), 'Softmax').params).toBeUndefined();
    expect(node(softmax([3, 4], -1, 13), 'Softmax').params).toEqual({ axis: 1 });
    expect(refused(softmax([3, 4], 0, 13)).message).toContain('batch axis');
  });

  it('maps Add and Sum of same-shape tensors and a channel Concat, and refuses a batch Concat', () => {
    const nodes: NodeSpec[] = [
      { op: 'Relu', name: 'a', inputs: ['x'], outputs: ['a'] },
      { op: 'Sigmoid', name: 'b', inputs: ['x'], outputs: ['b'] },
      { op: 'Add', name: 'add', inputs: ['a', 'b'], outputs: ['s'] },
      { op: 'Sum', name: 'sum', inputs: ['s', 'a', 'b'], outputs: ['t'] },
      { op: 'Concat', name: 'cat', inputs: ['t', 'x'], outputs: ['y'], attributes: { axis: { i: 1 } } },
    ];
    const result = imported(importOnnx(model([2, 4, 4], nodes)));
    expect(analyzeGraph(result.document).outputs.get('y')).toEqual([4, 4, 4]);
    expect(
      result.document.edges.filter((edge) => edge.target === 'sum').map((edge) => [edge.source, edge.targetPort]),
    ).toEqual([
      ['add', 0],
      ['a', 1],
      ['b', 2],
    ]);
    const batch = importOnnx(
      model([2], [{ op: 'Concat', inputs: ['x', 'x'], outputs: ['y'], attributes: { axis: { i: 0 } } }]),
    );
    expect(refused(batch).message).toContain('batch axis');
  });
});

describe('importOnnx: PyTorch 0.3’s 1-D pools (Unsqueeze, 2-D pool, Squeeze)', () => {
  const pooled = (pool: NodeSpec, unsqueezeAxes = [3], squeezeAxes = [3]) =>
    importOnnx(
      model(
        [3, 12],
        [
          { op: 'Unsqueeze', inputs: ['x'], outputs: ['u'], attributes: { axes: { ints: unsqueezeAxes } } },
          pool,
          { op: 'Squeeze', inputs: ['p'], outputs: ['y'], attributes: { axes: { ints: squeezeAxes } } },
        ],
        [],
        { opset: 6 },
      ),
    );
  const average = (attributes: NodeSpec['attributes']): NodeSpec => ({
    op: 'AveragePool',
    name: 'pool',
    inputs: ['u'],
    outputs: ['p'],
    ...(attributes ? { attributes } : {}),
  });

  it('maps to one 1-D pool', () => {
    const result = imported(pooled(average({ kernel_shape: { ints: [2, 1] }, strides: { ints: [2, 1] } })));
    expect(result.document.nodes.map((n) => n.type)).toEqual(['Input', 'AvgPool', 'Output']);
    expect(node(result, 'AvgPool').params).toEqual({ kernelSize: 2 });
    expect(analyzeGraph(result.document).outputs.get('y')).toEqual([3, 6]);
  });

  it('refuses a window over the added axis, an axis added in the middle, and a tensor left unsqueezed', () => {
    expect(refused(pooled(average({ kernel_shape: { ints: [2, 2] } }))).message).toContain(
      'an axis an Unsqueeze added',
    );
    expect(refused(pooled(average({ kernel_shape: { ints: [1, 2] } }), [2], [2])).message).toContain('Unsqueeze');
    const left = importOnnx(
      model(
        [3, 12],
        [
          { op: 'Unsqueeze', inputs: ['x'], outputs: ['u'], attributes: { axes: { ints: [3] } } },
          { op: 'Flatten', inputs: ['u'], outputs: ['y'] },
        ],
        [],
        { opset: 6 },
      ),
    );
    expect(refused(left).message).toContain('an axis an Unsqueeze added');
  });
});

describe('importOnnx: tensors and refusals', () => {
  const gemmModel = (b: TensorSpec, opset = 13) =>
    model([2], [{ op: 'Gemm', name: 'fc', inputs: ['x', 'B'], outputs: ['y'] }], [b], { opset });

  it('converts float16, double and float_data weights to float32', () => {
    for (const type of ['float16', 'double', 'float-typed'] as const) {
      const result = imported(importOnnx(gemmModel({ name: 'B', dims: [2, 2], values: [0.5, -2, 1.25, 3], type })));
      expect([...(result.weights.get('fc')?.weight?.data ?? [])]).toEqual([0.5, 1.25, -2, 3]);
    }
    expect(
      imported(importOnnx(gemmModel({ name: 'B', dims: [2, 2], values: [1, 2, 3, 4], type: 'float16' }))).notes.join(),
    ).toContain('FLOAT16');
  });

  it('reads external data through the reader it is given, and refuses clearly without the file', () => {
    const bytes = gemmModel({ name: 'B', dims: [2, 2], values: [1, 2, 3, 4], external: 'weights.bin' });
    const absent = refused(importOnnx(bytes));
    expect(absent.message).toContain('external data file "weights.bin", which is not beside the model');
    const file = float32Bytes([1, 2, 3, 4]);
    const present = imported(
      importOnnx(bytes, { readExternal: (location) => (location === 'weights.bin' ? file : undefined) }),
    );
    expect([...(present.weights.get('fc')?.weight?.data ?? [])]).toEqual([1, 3, 2, 4]);
  });

  it('refuses an input whose size is unknown, and one that is not float', () => {
    const unknown = buildModel({
      inputs: [{ name: 'x', dims: ['N', 3, 'height', 'width'] }],
      outputs: [{ name: 'y' }],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
    });
    expect(refused(importOnnx(unknown)).message).toContain('no fixed size on axis 2 ("height")');
    const ints = buildModel({
      inputs: [{ name: 'x', dims: ['N', 3], elemType: 7 }],
      outputs: [{ name: 'y' }],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
    });
    expect(refused(importOnnx(ints)).message).toContain('INT64');
  });

  it('lists every unsupported operator with its count and nodes, and nothing else', () => {
    const nodes: NodeSpec[] = [
      { op: 'Transpose', name: 't1', inputs: ['x'], outputs: ['a'] },
      { op: 'Relu', inputs: ['a'], outputs: ['b'] },
      { op: 'Mul', name: 'm1', inputs: ['b', 'b'], outputs: ['c'] },
      { op: 'Mul', name: 'm2', inputs: ['c', 'c'], outputs: ['d'] },
      { op: 'FusedConv', domain: 'com.microsoft', name: 'f', inputs: ['d'], outputs: ['y'] },
    ];
    const result = refused(importOnnx(model([2, 3], nodes)));
    expect(result.unsupported).toEqual([
      expect.objectContaining({ opType: 'Transpose', count: 1, nodes: ['t1'] }),
      { opType: 'Mul', count: 2, nodes: ['m1', 'm2'] },
      { opType: 'com.microsoft.FusedConv', count: 1, nodes: ['f'] },
    ]);
    expect(result.message).toContain('Mul ×2 (m1, m2): no design equivalent');
  });

  it('understands exactly these operators', () => {
    expect(IMPORTABLE_OPERATORS).toEqual([
      'Add',
      'AveragePool',
      'BatchNormalization',
      'Cast',
      'Concat',
      'Constant',
      'ConstantOfShape',
      'Conv',
      'Dropout',
      'Elu',
      'Flatten',
      'Gather',
      'Gelu',
      'Gemm',
      'GlobalAveragePool',
      'GlobalMaxPool',
      'Identity',
      'LRN',
      'LeakyRelu',
      'LogSoftmax',
      'LpPool',
      'MatMul',
      'MaxPool',
      'Relu',
      'Reshape',
      'Shape',
      'Sigmoid',
      'Softmax',
      'Squeeze',
      'Sum',
      'Tanh',
      'Transpose',
      'Unsqueeze',
    ]);
  });

  it('refuses what is not an ONNX model, and models older than IR version 3', () => {
    expect(refused(importOnnx(new TextEncoder().encode('{"format": "netwright-graph"}'))).message).toMatch(
      /not a valid ONNX model/,
    );
    expect(refused(importOnnx(Uint8Array.of(0x08, 0x96))).message).toMatch(/not a valid ONNX model/);
    const old = buildModel({
      irVersion: 2,
      inputs: [{ name: 'x', dims: [1, 2] }],
      outputs: [{ name: 'y' }],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
    });
    expect(refused(importOnnx(old)).message).toContain('IR version 2');
  });
});
