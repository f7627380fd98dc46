/**
 * The patterns real exporters emit, mapped onto design nodes. Each mapper either returns the values
 * of its node's outputs or refuses with a reason; attribute semantics follow the model's opset.
 */
import { resolvePads, windowOutputLength } from '../layers/conv-arithmetic.ts';
import type { LayerType } from '../layers/registry.ts';
import type { NodeWeights } from '../weights/weights.ts';
import { foldConcat, foldLayoutOnly, normaliseAxis, reshapeTarget, transposeMatrix } from './fold-constants.ts';
import { ImportRefusal, type NodeContext, type NodeMapper } from './node-context.ts';
import {
  BATCH,
  constantOf,
  elementCountOf,
  withoutUnitAxes,
  withUnitAxes,
  type DataValue,
  type DimEntry,
  type FloatConstant,
  type Value,
} from './values.ts';

/** One value per axis as a design parameter: a scalar when every axis agrees. */
function axesParam(values: readonly number[]): number | readonly number[] {
  const [first] = values;
  return first !== undefined && values.every((value) => value === first) ? first : values;
}

/** Sets `params[key]` only when it differs from the layer's default, so imported files stay short. */
function setUnlessDefault(params: Record<string, unknown>, key: string, value: unknown, fallback: unknown): void {
  if (JSON.stringify(value) !== JSON.stringify(fallback)) params[key] = value;
}

interface WindowAttributes {
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly padding: number | readonly number[] | 'same';
  readonly ceilMode: boolean;
}

/**
 * Maps auto_pad and pads onto the design's padding: symmetric pads become numbers, SAME_UPPER
 * becomes "same", SAME_LOWER with an even total becomes numbers, and asymmetric pads map when they
 * equal SAME_UPPER or when their extra end padding is never reached by a window.
 */
function designPadding(
  context: NodeContext,
  spatial: readonly number[],
  window: Omit<WindowAttributes, 'padding'>,
  explicitPads: readonly number[] | undefined,
): WindowAttributes['padding'] {
  const rank = spatial.length;
  const autoPad = context.attributes.string('auto_pad', 'NOTSET');
  const geometry = { kernel: window.kernel, stride: window.strides, dilation: window.dilations };
  const symmetric = (begin: readonly number[]): number | readonly number[] => axesParam(begin);
  switch (autoPad) {
    case 'VALID':
      return 0;
    case 'SAME_UPPER':
      return 'same';
    case 'SAME_LOWER': {
      const pads = resolvePads(spatial, { ...geometry, padding: 'same' });
      if (pads && pads.begin.every((begin, axis) => begin === pads.end[axis])) return symmetric(pads.begin);
      throw new ImportRefusal(
        'auto_pad SAME_LOWER pads one more at the start than at the end here; the design pads symmetrically or SAME_UPPER ("same")',
      );
    }
    case 'NOTSET':
    case '':
      break;
    default:
      throw new ImportRefusal(`auto_pad "${autoPad}" is not an ONNX padding mode`);
  }
  const pads = explicitPads ?? new Array<number>(2 * rank).fill(0);
  if (pads.length !== 2 * rank || pads.some((pad) => !Number.isSafeInteger(pad) || pad < 0))
    throw new ImportRefusal(
      `pads [${pads.join(', ')}] do not give a begin and an end for each of ${rank} spatial axes`,
    );
  const begin = pads.slice(0, rank);
  const end = pads.slice(rank);
  if (begin.every((pad, axis) => pad === end[axis])) return symmetric(begin);
  const same = resolvePads(spatial, { ...geometry, padding: 'same' });
  if (same && same.begin.every((pad, axis) => pad === begin[axis]) && same.end.every((pad, axis) => pad === end[axis]))
    return 'same';
  const unreached = begin.every((pad, axis) => {
    const [n, k, s, d, e] = [
      spatial[axis],
      window.kernel[axis],
      window.strides[axis],
      window.dilations[axis],
      end[axis],
    ] as [number, number, number, number, number];
    return (
      pad <= e &&
      windowOutputLength(n, k, s, d, pad, pad, window.ceilMode) ===
        windowOutputLength(n, k, s, d, pad, e, window.ceilMode)
    );
  });
  if (unreached) {
    context.note('asymmetric end padding that no window reaches was dropped', context.label);
    return symmetric(begin);
  }
  throw new ImportRefusal(
    `asymmetric pads [${pads.join(', ')}] change the output; the design pads each axis equally at both ends or SAME_UPPER ("same")`,
  );
}

/**
 * Reads a Conv's or pool's window attributes for `input`. When `input` carries trailing unit axes
 * (see DataValue), the attributes must leave those axes alone (size 1, stride 1, no padding), and
 * the window is returned for the design tensor without them.
 */
function windowAttributes(
  context: NodeContext,
  input: DataValue,
  kernel: readonly number[],
  dilationsSince: number,
): WindowAttributes {
  const rank = input.shape.length - 1;
  if (rank < 1)
    throw new ImportRefusal(`needs a tensor with spatial axes, but its input is [N, ${input.shape.join(', ')}]`);
  const ones = new Array<number>(rank).fill(1);
  const strides = context.attributes.ints('strides') ?? ones;
  const dilations = context.opset >= dilationsSince ? (context.attributes.ints('dilations') ?? ones) : ones;
  for (const [name, values] of [
    ['kernel_shape', kernel],
    ['strides', strides],
    ['dilations', dilations],
  ] as const) {
    if (values.length !== rank || values.some((value) => !Number.isSafeInteger(value) || value < 1))
      throw new ImportRefusal(
        `${name} [${values.join(', ')}] does not give a positive size for each of ${rank} spatial axes`,
      );
  }
  const pads = context.attributes.ints('pads');
  const kept = rank - (input.unitAxes ?? 0);
  const unitWindow = [kernel, strides, dilations].every((values) => values.slice(kept).every((value) => value === 1));
  const unpadded = !pads || [...pads.slice(kept, rank), ...pads.slice(rank + kept)].every((pad) => pad === 0);
  if (!unitWindow || !unpadded)
    throw new ImportRefusal('its window spans an axis an Unsqueeze added, which the design tensor does not have');
  const ceilMode = context.attributes.int('ceil_mode', 0) === 1;
  const partial = {
    kernel: kernel.slice(0, kept),
    strides: strides.slice(0, kept),
    dilations: dilations.slice(0, kept),
    ceilMode,
  };
  const keptPads = pads && [...pads.slice(0, kept), ...pads.slice(rank, rank + kept)];
  return { ...partial, padding: designPadding(context, input.shape.slice(1, kept + 1), partial, keptPads) };
}

function convolution(context: NodeContext): readonly Value[] {
  const input = context.data(0);
  const weight = context.floats(1, 'weight');
  const rank = input.shape.length - 1;
  if (weight.dims.length !== rank + 2)
    throw new ImportRefusal(
      `its weight [${weight.dims.join(', ')}] does not fit an input [N, ${input.shape.join(', ')}]`,
    );
  const [outChannels, perGroup, ...kernel] = weight.dims as [number, number, ...number[]];
  const declared = context.attributes.ints('kernel_shape');
  if (declared && declared.join() !== kernel.join())
    throw new ImportRefusal(
      `kernel_shape [${declared.join(', ')}] disagrees with its weight [${weight.dims.join(', ')}]`,
    );
  const window = windowAttributes(context, input, kernel, 1);
  const groups = context.attributes.int('group', 1);
  const inChannels = input.shape[0] ?? 0;
  if (groups < 1 || perGroup * groups !== inChannels)
    throw new ImportRefusal(
      `its weight [${weight.dims.join(', ')}] with group ${groups} does not fit ${inChannels} input channels`,
    );
  const bias = context.input(2) ? context.floats(2, 'bias') : undefined;
  if (bias && bias.data.length !== outChannels)
    throw new ImportRefusal(`its bias has ${bias.data.length} values for ${outChannels} output channels`);
  const params: Record<string, unknown> = { outChannels, kernelSize: axesParam(kernel) };
  setUnlessDefault(params, 'stride', axesParam(window.strides), 1);
  setUnlessDefault(params, 'padding', window.padding, 0);
  setUnlessDefault(params, 'dilation', axesParam(window.dilations), 1);
  setUnlessDefault(params, 'groups', groups, 1);
  if (!bias) params['bias'] = false;
  // The constant itself is the weight tensor, so a deferred copy of its data stays deferred.
  const weights: NodeWeights = bias ? { weight, bias: { dims: [outChannels], data: bias.data } } : { weight };
  return [context.addNode('Conv', params, [input], weights)];
}

function pool(type: 'MaxPool' | 'AvgPool' | 'LpPool'): NodeMapper {
  return (context) => {
    const input = context.dataWithUnitAxes(0);
    const kernel = context.attributes.ints('kernel_shape');
    if (!kernel) throw new ImportRefusal('it has no kernel_shape');
    // Dilations arrived in MaxPool-10, LpPool-18 and AveragePool-19.
    const window = windowAttributes(context, input, kernel, type === 'MaxPool' ? 10 : type === 'LpPool' ? 18 : 19);
    const params: Record<string, unknown> = { kernelSize: axesParam(window.kernel) };
    setUnlessDefault(params, 'stride', axesParam(window.strides), params['kernelSize']);
    setUnlessDefault(params, 'padding', window.padding, 0);
    if (type === 'MaxPool') setUnlessDefault(params, 'dilation', axesParam(window.dilations), 1);
    else if (window.dilations.some((d) => d !== 1))
      throw new ImportRefusal(`dilations [${window.dilations.join(', ')}]: the design's ${type} has no dilation`);
    if (type === 'LpPool') {
      if (window.ceilMode) throw new ImportRefusal("ceil_mode 1: the design's LpPool rounds down");
      const p = context.attributes.float('p', 2);
      if (!Number.isInteger(p) || p < 1)
        throw new ImportRefusal(`p = ${p}: the design's LpPool takes a whole p of at least 1`);
      setUnlessDefault(params, 'p', p, 2);
    } else setUnlessDefault(params, 'ceilMode', window.ceilMode, false);
    if (type === 'AvgPool')
      setUnlessDefault(params, 'countIncludePad', context.attributes.int('count_include_pad', 0) === 1, false);
    const output = context.addNode(type, params, [withoutUnitAxes(input)]);
    return [withUnitAxes(output, input.unitAxes ?? 0)];
  };
}

function elementwise(
  type: LayerType,
  params: (context: NodeContext) => Record<string, unknown> = () => ({}),
): NodeMapper {
  return (context) => {
    const input = context.dataWithUnitAxes(0);
    return [withUnitAxes(context.addNode(type, params(context), [withoutUnitAxes(input)]), input.unitAxes ?? 0)];
  };
}

/**
 * Softmax and LogSoftmax. From opset 13 they work on one axis, as the design's do. Before, they
 * flatten the input to 2-D at `axis` and normalise over everything from `axis` on, which equals a
 * one-axis softmax only when at most one of those axes is longer than 1.
 */
function softmax(type: 'Softmax' | 'LogSoftmax'): NodeMapper {
  return (context) => {
    const input = context.data(0);
    const rank = input.shape.length + 1;
    const axis = normaliseAxis(context.attributes.int('axis', context.opset >= 13 ? -1 : 1), rank, `${type} axis`);
    if (axis === 0)
      throw new ImportRefusal(`${type} over the batch axis mixes samples; the design normalises within a sample`);
    let designAxis = axis - 1;
    if (context.opset < 13) {
      const trailing = input.shape.slice(designAxis);
      const long = trailing.flatMap((size, offset) => (size > 1 ? [designAxis + offset] : []));
      if (long.length > 1)
        throw new ImportRefusal(
          `${type}-${context.opset < 11 ? 1 : 11} with axis ${axis} normalises over [${trailing.join(', ')}] together; the design's ${type} normalises over one axis (re-export with opset 13 or later)`,
        );
      designAxis = long[0] ?? designAxis;
    }
    const params: Record<string, unknown> = {};
    setUnlessDefault(params, 'axis', designAxis, 0);
    return [context.addNode(type, params, [input])];
  };
}

/** Broadcasts a constant against one output row: every size must be 1 except on `keep`. */
function perChannel(
  constant: FloatConstant,
  outputRank: number,
  keep: number,
  size: number,
  legacyAxis: number | undefined,
): Float32Array | undefined {
  let dims = [...constant.dims];
  // Opset < 7 Add with broadcast = 1 and an axis aligns the constant's first axis with `axis`.
  if (legacyAxis !== undefined)
    dims = [
      ...new Array<number>(legacyAxis).fill(1),
      ...dims,
      ...new Array<number>(Math.max(0, outputRank - legacyAxis - dims.length)).fill(1),
    ];
  if (dims.length > outputRank) return undefined;
  dims = [...new Array<number>(outputRank - dims.length).fill(1), ...dims];
  if (dims.some((dim, axis) => dim !== 1 && axis !== keep)) return undefined;
  if (dims[keep] === size) return constant.data;
  if (dims[keep] === 1) return new Float32Array(size).fill(constant.data[0] ?? 0);
  return undefined;
}

/**
 * A constant added to a Conv's or Dense's output becomes its bias (CNTK writes Conv then Add; a
 * Linear on a higher-rank input exports as MatMul then Add). Only when nothing else reads the sum's
 * input, so the fused node computes exactly what the graph did.
 */
function fuseBias(context: NodeContext, dataIndex: number): Value {
  const data = context.data(dataIndex);
  const constant = context.floats(1 - dataIndex, 'addend');
  const draft = context.draftOf(data);
  const broadcast = context.opset < 7 && context.attributes.int('broadcast', 0) === 1;
  const legacyAxis = broadcast && context.attributes.has('axis') ? context.attributes.int('axis', 0) : undefined;
  const channels = data.shape[0] ?? 0;
  const values =
    (draft.type === 'Conv' || draft.type === 'Dense') && data.fresh && context.readers(dataIndex) === 1
      ? perChannel(constant, data.shape.length + 1, 1, channels, legacyAxis)
      : undefined;
  if (!values) {
    throw new ImportRefusal(
      `adds a constant [${constant.dims.join(', ')}] to a tensor [N, ${data.shape.join(', ')}] (a broadcasting Add); the design's Add sums tensors of one shape, and only a per-channel constant right after a Conv or Dense folds into its bias`,
    );
  }
  const bias = draft.weights.bias?.data;
  const sum = bias ? bias.map((b, i) => b + (values[i] ?? 0)) : Float32Array.from(values);
  draft.weights.bias = { dims: [channels], data: sum };
  delete draft.params['bias'];
  context.note('constant Adds folded into the bias of the Conv or Dense before them', context.label);
  return { ...data, fresh: true };
}

const add: NodeMapper = (context) => {
  const count = context.node.input.length;
  const values = Array.from({ length: count }, (_, i) => context.input(i));
  if (context.node.opType === 'Add' && count === 2) {
    const constantAt = values.findIndex((value) => value?.kind === 'constant');
    if (constantAt >= 0 && values[1 - constantAt]?.kind === 'data') return [fuseBias(context, 1 - constantAt)];
  }
  const inputs = values.map((_, i) => context.data(i));
  if (inputs.length === 1) return [{ ...(inputs[0] as DataValue), fresh: false }];
  const [first] = inputs as [DataValue, ...DataValue[]];
  for (const other of inputs) {
    if (other.shape.join() !== first.shape.join())
      throw new ImportRefusal(
        `adds [N, ${first.shape.join(', ')}] and [N, ${other.shape.join(', ')}] by broadcasting; the design's Add sums tensors of one shape`,
      );
  }
  return [context.addNode('Add', {}, inputs)];
};

const concat: NodeMapper = (context) => {
  const count = context.node.input.length;
  const values = Array.from({ length: count }, (_, i) => context.input(i));
  if (values.every((value) => value?.kind === 'constant' || value?.kind === 'dims')) return [foldConcat(context)];
  const inputs = values.map((_, i) => context.data(i));
  const rank = (inputs[0]?.shape.length ?? 0) + 1;
  const axis = normaliseAxis(context.attributes.int('axis', 1), rank, 'Concat axis');
  if (axis === 0) throw new ImportRefusal('concatenates along the batch axis; the design concatenates within a sample');
  const params: Record<string, unknown> = {};
  setUnlessDefault(params, 'axis', axis - 1, 0);
  return [context.addNode('Concat', params, inputs)];
};

/** Dense weights are [out, in]; `matrix` is the ONNX right-hand side [in, out] unless `transposed`. */
function dense(
  context: NodeContext,
  input: DataValue,
  matrix: FloatConstant,
  transposed: boolean,
  scale: number,
): DataValue {
  if (input.shape.length !== 1)
    throw new ImportRefusal(
      `multiplies a tensor [N, ${input.shape.join(', ')}] by a matrix; the design's Dense needs a flat [N, F] input (add a Flatten first)`,
    );
  if (matrix.dims.length !== 2)
    throw new ImportRefusal(`multiplies by a constant of rank ${matrix.dims.length}, not a matrix`);
  const [rows, cols] = matrix.dims as [number, number];
  const [inFeatures, outFeatures] = transposed ? [cols, rows] : [rows, cols];
  if (inFeatures !== input.shape[0])
    throw new ImportRefusal(`its matrix [${rows}, ${cols}] does not fit ${input.shape[0]} input features`);
  const params = { outFeatures, bias: false };
  // PyTorch's Linear exports as Gemm with transB = 1: its matrix already is the weight [out, in].
  if (transposed && scale === 1) return context.addNode('Dense', params, [input], { weight: matrix });
  let data = transposed ? matrix.data : transposeMatrix(matrix.data, rows, cols);
  if (scale !== 1) data = data.map((x) => x * scale);
  return context.addNode('Dense', params, [input], { weight: { dims: [outFeatures, inFeatures], data } });
}

const gemm: NodeMapper = (context) => {
  if (context.attributes.int('transA', 0) !== 0)
    throw new ImportRefusal('transA = 1 transposes the batch into the features');
  const input = context.data(0);
  const alpha = context.attributes.float('alpha', 1);
  const beta = context.attributes.float('beta', 1);
  const output = dense(context, input, context.floats(1, 'B'), context.attributes.int('transB', 0) === 1, alpha);
  const draft = context.draftOf(output);
  const outFeatures = output.shape[0] ?? 0;
  if (context.input(2) && beta !== 0) {
    const c = context.floats(2, 'C');
    const values = perChannel(c, 2, 1, outFeatures, undefined);
    if (!values)
      throw new ImportRefusal(
        `its C [${c.dims.join(', ')}] differs per sample; the design's Dense adds one bias per output`,
      );
    draft.weights.bias = {
      dims: [outFeatures],
      data: beta === 1 ? Float32Array.from(values) : values.map((x) => x * beta),
    };
    delete draft.params['bias'];
  }
  return [output];
};

const matMul: NodeMapper = (context) => [dense(context, context.data(0), context.floats(1, 'B'), false, 1)];

const batchNormalization: NodeMapper = (context) => {
  const input = context.data(0);
  if (
    context.attributes.int('training_mode', 0) === 1 ||
    (context.opset < 7 && context.attributes.int('is_test', 0) === 0)
  )
    throw new ImportRefusal(
      'it computes batch statistics (training mode); the design normalises with running statistics',
    );
  const channels = input.shape[0] ?? 0;
  const weights: Record<string, { dims: number[]; data: Float32Array }> = {};
  for (const [index, role] of [
    [1, 'scale'],
    [2, 'bias'],
    [3, 'mean'],
    [4, 'var'],
  ] as const) {
    const constant = context.floats(index, role);
    if (constant.data.length !== channels || constant.dims.length !== 1)
      throw new ImportRefusal(
        `its ${role} is [${constant.dims.join(', ')}]; the design's BatchNorm keeps one value per channel (${channels}), so spatial = 0 does not map`,
      );
    weights[role] = { dims: [channels], data: constant.data };
  }
  const params: Record<string, unknown> = {};
  setUnlessDefault(params, 'eps', context.attributes.float('epsilon', 1e-5), 1e-5);
  return [context.addNode('BatchNorm', params, [input], weights)];
};

/**
 * Flatten, Reshape and Dropout of a constant only rearrange it (as for mnist-8's reshaped weights):
 * the result is folded into a constant instead of becoming a node.
 */
function foldConstantInput(context: NodeContext): ReturnType<typeof foldLayoutOnly> | undefined {
  const value = context.input(0);
  if (value?.kind !== 'constant') return undefined;
  const constant = constantOf(value);
  if (typeof constant === 'string') throw new ImportRefusal(constant);
  return foldLayoutOnly(context, constant);
}

const flatten: NodeMapper = (context) => {
  const folded = foldConstantInput(context);
  if (folded) return [folded];
  const input = context.data(0);
  const axis = normaliseAxis(context.attributes.int('axis', 1), input.shape.length + 1, 'Flatten axis');
  if (axis !== 1)
    throw new ImportRefusal(
      `Flatten at axis ${axis} ${axis === 0 ? 'folds the batch into the features' : 'keeps several axes apart'}; the design flattens [N, ...] to [N, F]`,
    );
  return [context.addNode('Flatten', {}, [input])];
};

/** The target of a Reshape: an attribute before opset 5, an input (constant or computed) from then on. */
function reshapeEntries(context: NodeContext): readonly DimEntry[] {
  if (context.opset < 5) return context.attributes.ints('shape') ?? [];
  const value = context.input(1);
  if (value?.kind === 'dims') return value.entries;
  return context.ints(1, 'shape').data;
}

/**
 * Reshape of a tensor maps only when it flattens [N, ...] to [N, F] (or changes nothing). The
 * batch may be written as 0, -1, the batch itself, or the model's fixed batch size (CNTK writes 1).
 */
const reshape: NodeMapper = (context) => {
  const folded = foldConstantInput(context);
  if (folded) return [folded];
  const input = context.data(0);
  let entries = [...reshapeEntries(context)];
  const first = entries[0];
  const fixedBatch = first !== undefined && first === context.fixedBatch ? first : undefined;
  if (fixedBatch !== undefined) entries = [BATCH, ...entries.slice(1)];
  else if (first === 1 && entries.length === 2) {
    context.note('Reshapes that fix the batch to 1 now keep it free', context.label);
    entries = [BATCH, ...entries.slice(1)];
  }
  const target = reshapeTarget([BATCH, ...input.shape], entries, context.attributes.int('allowzero', 0) === 1);
  const features = elementCountOf(input.shape);
  const same =
    target.length === input.shape.length + 1 &&
    target[0] === BATCH &&
    target.slice(1).every((dim, i) => dim === input.shape[i]);
  if (same && input.shape.length > 1) return [{ ...input, fresh: false }];
  if (target.length === 2 && target[0] === BATCH && target[1] === features)
    return [context.addNode('Flatten', {}, [input])];
  throw new ImportRefusal(
    `reshapes [N, ${input.shape.join(', ')}] to [${target.map((d) => (d === BATCH ? 'N' : d)).join(', ')}]; only a Reshape that flattens [N, ...] to [N, -1] maps (to a Flatten)`,
  );
};

const identity: NodeMapper = (context) => {
  const value = context.input(0);
  if (value?.kind === 'data') return [{ ...value, fresh: value.fresh && context.readers(0) === 1 }];
  if (value?.kind === 'constant' || value?.kind === 'dims') return [value];
  return [context.data(0)];
};

const dropout: NodeMapper = (context) => {
  const folded = foldConstantInput(context);
  if (folded) return [folded];
  const input = context.data(0);
  let ratio = context.attributes.float('ratio', 0.5);
  if (context.opset >= 12) {
    if (context.input(2) && context.ints(2, 'training_mode').data.some((x) => x !== 0))
      throw new ImportRefusal(
        "it is in training mode and drops activations at inference; the design's Dropout is the identity at inference",
      );
    ratio = context.input(1) ? (context.floats(1, 'ratio').data[0] ?? 0.5) : 0.5;
  }
  const params: Record<string, unknown> = {};
  setUnlessDefault(params, 'p', Math.min(ratio, 0.999), 0.5);
  return [context.addNode('Dropout', params, [input])];
};

const lrn: NodeMapper = (context) => {
  const size = context.attributes.int('size', 0);
  if (size < 1) throw new ImportRefusal('it has no size');
  const params: Record<string, unknown> = {};
  setUnlessDefault(params, 'size', size, 5);
  setUnlessDefault(params, 'alpha', context.attributes.float('alpha', 1e-4), 1e-4);
  setUnlessDefault(params, 'beta', context.attributes.float('beta', 0.75), 0.75);
  setUnlessDefault(params, 'k', context.attributes.float('bias', 1), 1);
  return [context.addNode('LRN', params, [context.data(0)])];
};

const gelu: NodeMapper = (context) => {
  const approximate = context.attributes.string('approximate', 'none');
  if (approximate !== 'none')
    throw new ImportRefusal(`approximate = "${approximate}": the design's GELU is the exact one`);
  return [context.addNode('GELU', {}, [context.data(0)])];
};

/** Operators that become design nodes, or pass a tensor through unchanged. */
export const DESIGN_MAPPERS: Readonly<Record<string, NodeMapper>> = {
  Conv: convolution,
  BatchNormalization: batchNormalization,
  Relu: elementwise('ReLU'),
  Tanh: elementwise('Tanh'),
  Sigmoid: elementwise('Sigmoid'),
  LeakyRelu: elementwise('LeakyReLU', (context) => {
    const params: Record<string, unknown> = {};
    setUnlessDefault(params, 'alpha', context.attributes.float('alpha', 0.01), 0.01);
    return params;
  }),
  Elu: elementwise('ELU', (context) => {
    const params: Record<string, unknown> = {};
    setUnlessDefault(params, 'alpha', context.attributes.float('alpha', 1), 1);
    return params;
  }),
  Gelu: gelu,
  MaxPool: pool('MaxPool'),
  AveragePool: pool('AvgPool'),
  LpPool: pool('LpPool'),
  GlobalAveragePool: elementwise('GlobalAvgPool'),
  GlobalMaxPool: elementwise('GlobalMaxPool'),
  Flatten: flatten,
  Reshape: reshape,
  Gemm: gemm,
  MatMul: matMul,
  Add: add,
  Sum: add,
  Concat: concat,
  Softmax: softmax('Softmax'),
  LogSoftmax: softmax('LogSoftmax'),
  Dropout: dropout,
  LRN: lrn,
  Identity: identity,
};
