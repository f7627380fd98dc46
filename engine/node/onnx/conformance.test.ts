/**
 * Numbers checked against ONNX's own reference outputs. For each of ONNX's operator tests (model.onnx
 * plus test_data_set_0/input_*.pb and output_0.pb) whose operator maps to a Netwright node type, the
 * equivalent design is built with the test's tensors as its weights, exported, run in onnxruntime and
 * compared with the reference output. Three small tests are copied into fixtures/ so this runs
 * everywhere; the full sweep reads ../shared/conformance/{onnx-node,pytorch-converted} when it exists.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AttributeProto_AttributeType,
  ModelProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
  type AttributeProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  analyzeGraph,
  GRAPH_FORMAT,
  type DesignWeights,
  type GraphDocument,
  type GraphNode,
  type NodeWeights,
} from '../../core/index.ts';
import { resolvePads } from '../../core/layers/conv-arithmetic.ts';
import { exportOnnxBytes } from './export-onnx.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../../shared/conformance/', import.meta.url));
/** ONNX's operator tests, and its tests exported from PyTorch modules (the only 1-D convolution data). */
const SUITES = ['onnx-node', 'pytorch-converted'] as const;

/**
 * Every test of the shared sweep that does not map, and why. A test missing here must map and pass;
 * a test listed here must be refused by the mapping.
 */
const NOT_MAPPED: Readonly<Record<string, string>> = {
  test_add_bcast: 'Add takes inputs of identical shape; this one broadcasts [5] over [3, 4, 5]',
  test_add_int16: 'designs compute in float32',
  test_add_int8: 'designs compute in float32',
  test_add_uint16: 'designs compute in float32',
  test_add_uint32: 'designs compute in float32',
  test_add_uint64: 'designs compute in float32',
  test_add_uint8: 'designs compute in float32',
  test_averagepool_2d_dilations: 'AvgPool has no dilation',
  test_averagepool_2d_pads: 'pads 2 with kernel 3: Netwright (like PyTorch) pads a pool by at most half its kernel',
  test_averagepool_2d_pads_count_include_pad: 'pads 2 with kernel 3 (more than half the kernel)',
  test_averagepool_2d_same_lower: 'SAME_LOWER pads the odd pixel at the start; Netwright pads "same" as SAME_UPPER',
  test_averagepool_3d_dilations_large_count_include_pad_is_0_ceil_mode_is_False: 'AvgPool has no dilation',
  test_averagepool_3d_dilations_large_count_include_pad_is_0_ceil_mode_is_True: 'AvgPool has no dilation',
  test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_False: 'AvgPool has no dilation',
  test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_True: 'AvgPool has no dilation',
  test_averagepool_3d_dilations_small: 'AvgPool has no dilation',
  test_batchnorm_epsilon_training_mode: 'training mode (batch statistics, three outputs)',
  test_batchnorm_example_training_mode: 'training mode (batch statistics, three outputs)',
  test_concat_1d_axis_0: 'a rank-1 tensor has no axis besides the batch',
  test_concat_1d_axis_negative_1: 'a rank-1 tensor has no axis besides the batch',
  test_concat_2d_axis_0: 'concatenates along the batch axis',
  test_concat_2d_axis_negative_2: 'concatenates along the batch axis',
  test_concat_3d_axis_0: 'concatenates along the batch axis',
  test_concat_3d_axis_negative_3: 'concatenates along the batch axis',
  test_dropout_default_mask: 'returns the mask as a second output',
  test_dropout_default_mask_ratio: 'returns the mask as a second output',
  test_dropout_default_old: 'a rank-1 tensor has no axis besides the batch',
  test_flatten_axis0: 'flattens the batch axis too (axis 0)',
  test_flatten_axis2: 'keeps two leading axes (axis 2); Flatten keeps only the batch',
  test_flatten_axis3: 'keeps three leading axes (axis 3); Flatten keeps only the batch',
  test_flatten_negative_axis1: 'keeps three leading axes (axis -1)',
  test_flatten_negative_axis2: 'keeps two leading axes (axis -2)',
  test_flatten_negative_axis4: 'flattens the batch axis too (axis -4)',
  test_gemm_all_attributes: 'alpha, beta and transA have no Dense equivalent',
  test_gemm_alpha: 'alpha scales the product; Dense has no such factor',
  test_gemm_beta: 'beta scales the bias; Dense has no such factor',
  test_gemm_default_matrix_bias: 'a bias per sample and output ([3, 4]); Dense has one per output',
  test_gemm_default_scalar_bias: 'one bias broadcast to every output; Dense has one per output',
  test_gemm_default_single_elem_vector_bias: 'one bias broadcast to every output; Dense has one per output',
  test_gemm_transposeA: 'transA has no Dense equivalent',
  test_leakyrelu_default_expanded: 'a function expanded into 5 operators',
  test_leakyrelu_example: 'a rank-1 tensor has no axis besides the batch',
  test_leakyrelu_example_expanded: 'a function expanded into 5 operators',
  test_leakyrelu_expanded: 'a function expanded into 5 operators',
  test_logsoftmax_axis_0: 'normalises along the batch axis',
  test_lppool_2d_dilations: 'LpPool has no dilation',
  test_lppool_2d_pads: 'pads 2 with kernel 3 (more than half the kernel)',
  test_lppool_2d_same_lower: 'SAME_LOWER pads the odd pixel at the start',
  test_matmul_1d_1d: 'MatMul of vectors',
  test_matmul_1d_3d: 'MatMul broadcasting over a stack of matrices',
  test_matmul_3d: 'MatMul of stacks of matrices',
  test_matmul_4d: 'MatMul of stacks of matrices',
  test_matmul_4d_1d: 'MatMul broadcasting a vector',
  test_matmul_bcast: 'MatMul broadcasting over a stack of matrices',
  test_maxpool_2d_pads: 'pads 2 with kernel 3 (more than half the kernel)',
  test_maxpool_2d_same_lower: 'SAME_LOWER pads the odd pixel at the start',
  test_maxpool_2d_uint8: 'designs compute in float32',
  test_maxpool_with_argmax_2d_precomputed_pads: 'returns the arg-max indices as a second output',
  test_maxpool_with_argmax_2d_precomputed_strides: 'returns the arg-max indices as a second output',
  test_relu_expanded_ver18: 'a function expanded into 3 operators',
  test_sigmoid_example: 'a rank-1 tensor has no axis besides the batch',
  test_softmax_axis_0: 'normalises along the batch axis',
  test_tanh_example: 'a rank-1 tensor has no axis besides the batch',
  test_AvgPool1d: 'PyTorch exported a 1-D pool as Unsqueeze, a 2-D AveragePool and Squeeze: three operators',
  test_AvgPool1d_stride: 'PyTorch exported a 1-D pool as Unsqueeze, a 2-D AveragePool and Squeeze: three operators',
  test_Linear_no_bias: 'PyTorch exported it as Transpose then MatMul: two operators',
};

const NOT_MAPPED_PATTERNS: readonly [RegExp, string][] = [
  [/_expanded(_ver18)?$/, 'a function expanded into several operators'],
  [/^test_reshape_/, 'Reshape has no node type (Flatten is the only reshaping layer)'],
];

function notMappedReason(name: string): string | undefined {
  return NOT_MAPPED[name] ?? NOT_MAPPED_PATTERNS.find(([pattern]) => pattern.test(name))?.[1];
}

interface Tensor {
  readonly dims: number[];
  readonly data: Float32Array;
}

function tensorOf(proto: TensorProto): Tensor | string {
  if ((proto.dataType as TensorProto_DataType) !== TensorProto_DataType.FLOAT) return 'designs compute in float32';
  const dims = proto.dims.map(Number);
  if (proto.rawData.length > 0) {
    const raw = proto.rawData;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const data = new Float32Array(raw.byteLength / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
    return { dims, data };
  }
  return { dims, data: Float32Array.from(proto.floatData) };
}

function readTensor(path: string): Tensor | string {
  return tensorOf(fromBinary(TensorProtoSchema, readFileSync(path)));
}

function transpose(matrix: Tensor): Tensor {
  const [rows = 0, columns = 0] = matrix.dims;
  const data = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) data[c * rows + r] = matrix.data[r * columns + c] ?? 0;
  return { dims: [columns, rows], data };
}

function attribute(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}
function intAttr(node: NodeProto, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a?.type === AttributeProto_AttributeType.INT ? Number(a.i) : fallback;
}
function floatAttr(node: NodeProto, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a?.type === AttributeProto_AttributeType.FLOAT ? a.f : fallback;
}
function intsAttr(node: NodeProto, name: string): number[] | undefined {
  const a = attribute(node, name);
  return a?.type === AttributeProto_AttributeType.INTS ? a.ints.map(Number) : undefined;
}
function stringAttr(node: NodeProto, name: string): string | undefined {
  const a = attribute(node, name);
  return a?.type === AttributeProto_AttributeType.STRING ? new TextDecoder().decode(a.s) : undefined;
}

interface MappedTest {
  readonly document: GraphDocument;
  readonly weights: DesignWeights;
  /** Feeds by design input name. */
  readonly feeds: Readonly<Record<string, Tensor>>;
  readonly expected: Tensor;
}

/** The padding parameter for ONNX's auto_pad or pads on `spatial`, or why there is none. */
function paddingOf(
  node: NodeProto,
  spatial: readonly number[],
  kernel: number[],
  stride: number[],
  dilation: number[],
): { readonly padding: number[] | 'same' | 'valid' } | string {
  const autoPad = stringAttr(node, 'auto_pad') ?? 'NOTSET';
  if (autoPad === 'VALID') return { padding: 'valid' };
  if (autoPad === 'SAME_UPPER') return { padding: 'same' };
  let begin: number[];
  let end: number[];
  if (autoPad === 'SAME_LOWER') {
    const upper = resolvePads(spatial, { kernel, stride, dilation, padding: 'same' });
    if (!upper) return 'SAME_LOWER on a mismatched rank';
    // SAME_LOWER puts the odd pixel first: the upper pads swapped.
    [begin, end] = [[...upper.end], [...upper.begin]];
  } else {
    const pads = intsAttr(node, 'pads') ?? spatial.flatMap(() => [0, 0]);
    begin = pads.slice(0, spatial.length);
    end = pads.slice(spatial.length);
  }
  if (begin.every((b, i) => b === end[i])) return { padding: begin };
  return 'asymmetric explicit pads';
}

/** The design equivalent of a one-operator ONNX test, or why there is none. */
function mapTest(dir: string): MappedTest | string {
  const model = fromBinary(ModelProtoSchema, readFileSync(`${dir}/model.onnx`));
  const graph = model.graph;
  if (!graph) return 'no graph';
  if (graph.node.length !== 1) return `a function expanded into ${graph.node.length} operators`;
  const node = graph.node[0] as NodeProto;
  if (graph.output.length !== 1 || node.output.length !== 1) return 'more than one output';
  // Graph inputs that are not initializers take the test's input_K.pb in order; the node reads both.
  const values = new Map<string, Tensor | string>(graph.initializer.map((t) => [t.name, tensorOf(t)]));
  let fed = 0;
  for (const input of graph.input) {
    if (!values.has(input.name)) values.set(input.name, readTensor(`${dir}/test_data_set_0/input_${fed++}.pb`));
  }
  const tensors: Tensor[] = [];
  for (const name of node.input) {
    const tensor = values.get(name);
    if (typeof tensor === 'string') return tensor;
    if (tensor) tensors.push(tensor);
  }
  const opset = Number(model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 0);
  const expected = readTensor(`${dir}/test_data_set_0/output_0.pb`);
  if (typeof expected === 'string') return expected;
  const [x] = tensors;
  if (!x) return 'no input';
  if (x.dims.length < 2) return 'a rank-1 tensor has no axis besides the batch';
  const spatial = x.dims.slice(2);
  const rank = x.dims.length;

  type Layer = { type: string; params?: Record<string, unknown>; weights?: NodeWeights; dataInputs?: number };
  const layer = ((): Layer | string => {
    const axisOf = (axis: number): number | string => {
      const normalised = axis < 0 ? axis + rank : axis;
      return normalised === 0 ? 'works along the batch axis' : normalised - 1;
    };
    const windowed = (withDilation: boolean): Record<string, unknown> | string => {
      const kernel = intsAttr(node, 'kernel_shape') ?? [];
      const stride = intsAttr(node, 'strides') ?? kernel.map(() => 1);
      const dilation = intsAttr(node, 'dilations') ?? kernel.map(() => 1);
      if (!withDilation && dilation.some((d) => d !== 1)) return `${node.opType} dilation has no Netwright equivalent`;
      const padding = paddingOf(node, spatial, kernel, stride, dilation);
      if (typeof padding === 'string') return padding;
      return { kernelSize: kernel, stride, padding: padding.padding, ...(withDilation ? { dilation } : {}) };
    };
    switch (node.opType) {
      case 'Relu':
        return { type: 'ReLU' };
      case 'Tanh':
      case 'Sigmoid':
        return { type: node.opType };
      case 'LeakyRelu':
        return { type: 'LeakyReLU', params: { alpha: floatAttr(node, 'alpha', 0.01) } };
      case 'Softmax':
      case 'LogSoftmax': {
        const onnxAxis = intAttr(node, 'axis', opset < 13 ? 1 : -1);
        // Before opset 13 these normalised over every axis from `axis` on, together.
        if (opset < 13 && (onnxAxis < 0 ? onnxAxis + rank : onnxAxis) !== rank - 1)
          return 'normalises over several axes at once (opset < 13)';
        const axis = axisOf(onnxAxis);
        return typeof axis === 'string' ? axis : { type: node.opType, params: { axis } };
      }
      case 'Concat': {
        const axis = axisOf(intAttr(node, 'axis', 0));
        return typeof axis === 'string' ? axis : { type: 'Concat', params: { axis }, dataInputs: tensors.length };
      }
      case 'Add':
        return tensors.every((t) => t.dims.join() === x.dims.join()) ? { type: 'Add', dataInputs: 2 } : 'broadcasting';
      case 'Flatten':
        return axisOf(intAttr(node, 'axis', 1)) === 0 ? { type: 'Flatten' } : 'keeps more than the batch axis';
      case 'GlobalAveragePool':
        return { type: 'GlobalAvgPool' };
      case 'GlobalMaxPool':
        return { type: 'GlobalMaxPool' };
      case 'BatchNormalization': {
        if (intAttr(node, 'training_mode', 0) !== 0) return 'training mode';
        const [, scale, bias, mean, variance] = tensors;
        if (!scale || !bias || !mean || !variance) return 'missing statistics';
        return {
          type: 'BatchNorm',
          params: { eps: floatAttr(node, 'epsilon', 1e-5) },
          weights: { scale, bias, mean, var: variance },
        };
      }
      case 'Dropout': {
        const ratio = tensors[1]?.data[0] ?? floatAttr(node, 'ratio', 0.5);
        return tensors.length > 2 ? 'training mode given as an input' : { type: 'Dropout', params: { p: ratio } };
      }
      case 'Conv': {
        const weight = tensors[1];
        if (!weight) return 'no weight';
        const bias = tensors[2];
        const window = windowed(true);
        if (typeof window === 'string') return window;
        return {
          type: 'Conv',
          params: {
            ...window,
            kernelSize: weight.dims.slice(2),
            outChannels: weight.dims[0],
            groups: intAttr(node, 'group', 1),
            bias: bias !== undefined,
          },
          weights: bias ? { weight, bias } : { weight },
        };
      }
      case 'MaxPool': {
        if (intAttr(node, 'storage_order', 0) !== 0) return 'column-major indices';
        const window = windowed(true);
        return typeof window === 'string'
          ? window
          : { type: 'MaxPool', params: { ...window, ceilMode: intAttr(node, 'ceil_mode', 0) === 1 } };
      }
      case 'AveragePool': {
        const window = windowed(false);
        if (typeof window === 'string') return window;
        const flags = {
          ceilMode: intAttr(node, 'ceil_mode', 0) === 1,
          countIncludePad: intAttr(node, 'count_include_pad', 0) === 1,
        };
        return { type: 'AvgPool', params: { ...window, ...flags } };
      }
      case 'LpPool': {
        if (intAttr(node, 'ceil_mode', 0) !== 0) return 'LpPool has no ceil mode';
        const window = windowed(false);
        return typeof window === 'string'
          ? window
          : { type: 'LpPool', params: { ...window, p: intAttr(node, 'p', 2) } };
      }
      case 'Gemm':
      case 'MatMul': {
        const b = tensors[1];
        if (!b || b.dims.length !== 2 || rank !== 2) return 'not a matrix product of one sample per row';
        if (floatAttr(node, 'alpha', 1) !== 1 || floatAttr(node, 'beta', 1) !== 1 || intAttr(node, 'transA', 0) !== 0)
          return 'alpha, beta or transA';
        const weight = intAttr(node, 'transB', 0) === 1 ? b : transpose(b);
        const outFeatures = weight.dims[0] ?? 0;
        const c = tensors[2];
        if (c && c.data.length !== outFeatures) return 'a bias that is not one per output';
        const bias = c ? { dims: [outFeatures], data: c.data } : undefined;
        return {
          type: 'Dense',
          params: { outFeatures, bias: bias !== undefined },
          weights: bias ? { weight, bias } : { weight },
        };
      }
      default:
        return `${node.opType} has no Netwright node type`;
    }
  })();
  if (typeof layer === 'string') return layer;

  const inputCount = layer.dataInputs ?? 1;
  const inputs: GraphNode[] = tensors
    .slice(0, inputCount)
    .map((t, i) => ({ id: `x${i}`, type: 'Input', params: { shape: t.dims.slice(1) } }));
  const document: GraphDocument = {
    format: GRAPH_FORMAT,
    version: 1,
    name: dir,
    nodes: [...inputs, { id: 'layer', type: layer.type, params: layer.params ?? {} }, { id: 'y', type: 'Output' }],
    edges: [
      ...inputs.map((input, port) => ({ source: input.id, target: 'layer', targetPort: port })),
      { source: 'layer', target: 'y' },
    ],
  };
  const analysis = analyzeGraph(document);
  if (!analysis.valid) return analysis.diagnostics.find((d) => d.severity === 'error')?.message ?? 'invalid';
  const feeds = Object.fromEntries(tensors.slice(0, inputCount).map((t, i) => [`x${i}`, t]));
  return { document, weights: new Map(layer.weights ? [['layer', layer.weights]] : []), feeds, expected };
}

async function runMapped(test: MappedTest): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const exported = exportOnnxBytes({ document: test.document, weights: test.weights }, {});
  if (!exported.ok) throw new Error(exported.diagnostics.map((d) => d.message).join('\n'));
  // The test's tensors must be the weights written, not a seeded initialisation.
  expect(exported.lowered.initializers.filter((i) => i.origin === 'seed')).toEqual([]);
  const session = await ort.InferenceSession.create(exported.bytes, { logSeverityLevel: 3 });
  try {
    const feeds = Object.fromEntries(
      Object.entries(test.feeds).map(([name, t]) => [name, new ort.Tensor('float32', t.data, t.dims)]),
    );
    const output = (await session.run(feeds))['y'];
    if (!output) throw new Error('no output y');
    return { dims: output.dims, data: output.data as Float32Array };
  } finally {
    await session.release();
  }
}

function expectClose(actual: { dims: readonly number[]; data: Float32Array }, expected: Tensor): void {
  expect(actual.dims).toEqual(expected.dims);
  let worst = 0;
  for (const [i, value] of expected.data.entries()) {
    const error = Math.abs((actual.data[i] ?? Number.NaN) - value) / Math.max(1, Math.abs(value));
    worst = Number.isNaN(error) ? Number.POSITIVE_INFINITY : Math.max(worst, error);
  }
  expect(worst).toBeLessThanOrEqual(1e-4);
}

/** The test folders of every suite under `root`, as "suite/test". */
function testDirs(root: string): string[] {
  return SUITES.flatMap((suite) =>
    existsSync(`${root}${suite}`)
      ? readdirSync(`${root}${suite}`, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && entry.name.startsWith('test_'))
          .map((entry) => `${suite}/${entry.name}`)
      : [],
  ).sort();
}

describe('ONNX operator tests, always on (fixtures/)', () => {
  it.each(testDirs(FIXTURES))('%s', async (path) => {
    const mapped = mapTest(`${FIXTURES}${path}`);
    if (typeof mapped === 'string') throw new Error(`${path} does not map: ${mapped}`);
    expectClose(await runMapped(mapped), mapped.expected);
  });
});

const sweep = testDirs(SHARED);
if (sweep.length === 0) console.log(`ONNX operator sweep skipped: ${SHARED} is absent`);

describe.runIf(sweep.length > 0)('ONNX operator tests, full sweep (../shared/conformance/)', () => {
  it.each(sweep)('%s', async (path) => {
    const name = path.slice(path.indexOf('/') + 1);
    const mapped = mapTest(`${SHARED}${path}`);
    const reason = notMappedReason(name);
    if (typeof mapped === 'string') {
      expect(reason, `${name} was refused (${mapped}) but is not listed as unmapped`).toBeDefined();
      return;
    }
    expect(reason, `${name} is listed as unmapped (${reason ?? ''}) but maps`).toBeUndefined();
    expectClose(await runMapped(mapped), mapped.expected);
  });
});
