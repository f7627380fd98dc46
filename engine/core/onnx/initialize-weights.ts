/**
 * Which weight tensors a node needs now, where each comes from (the design's own weights when they
 * fit, else a seeded initialisation like PyTorch's defaults), and how to produce their values in
 * chunks without holding a whole tensor twice.
 */
import type { GraphAnalysis, NodeAnalysis } from '../analysis/analyze-graph.ts';
import { elementCount, perAxis, type Shape } from '../layers/conv-arithmetic.ts';
import { resolveParams } from '../layers/params.ts';
import { LAYERS } from '../layers/registry.ts';
import { weightTensorName, type DesignWeights, type NodeWeights, type WeightRole } from '../weights/weights.ts';
import { SeededRandom } from './seeded-random.ts';

/** The dims each weight tensor of a node must have, in ONNX input order. */
export type WeightDims = Readonly<Partial<Record<WeightRole, Shape>>>;

/** Weights and biases train; BatchNorm's running mean and variance are statistics (PyTorch's buffers). */
export function isTrainableRole(role: WeightRole): boolean {
  return role !== 'mean' && role !== 'var';
}

/**
 * The weight tensors a node needs for its current parameters and input shape, in the layouts of
 * weights.ts; undefined for node types without weights and for nodes whose shapes are unknown.
 * The importer compares a model's tensors with these to flag the nodes it must re-initialise.
 */
export function expectedWeightDims(node: NodeAnalysis): WeightDims | undefined {
  const input = node.inputs[0]?.shape;
  if (!node.output || !input) return undefined;
  switch (node.node.type) {
    case 'Conv': {
      const resolved = resolveParams(LAYERS.Conv.params, node.node.params);
      const kernel = resolved.ok ? perAxis(resolved.values.kernelSize, input.length - 1) : undefined;
      if (!resolved.ok || !kernel) return undefined;
      const { outChannels, groups, bias } = resolved.values;
      const weight = [outChannels, (input[0] ?? 0) / groups, ...kernel];
      return bias ? { weight, bias: [outChannels] } : { weight };
    }
    case 'Dense': {
      const resolved = resolveParams(LAYERS.Dense.params, node.node.params);
      if (!resolved.ok) return undefined;
      const { outFeatures, bias } = resolved.values;
      const weight = [outFeatures, input[0] ?? 0];
      return bias ? { weight, bias: [outFeatures] } : { weight };
    }
    case 'BatchNorm': {
      const channels = [input[0] ?? 0];
      return { scale: channels, bias: channels, mean: channels, var: channels };
    }
    default:
      return undefined;
  }
}

/** Where a tensor's values come from. */
export type TensorSource =
  /** Values held in memory, e.g. the design's own weights. */
  | { readonly kind: 'data'; readonly data: Float32Array }
  /** Uniform in [-bound, bound), from the stream `stream` of `seed`. */
  | { readonly kind: 'uniform'; readonly seed: number; readonly stream: string; readonly bound: number }
  | { readonly kind: 'constant'; readonly value: number };

/** One weight tensor of a node, as the lowering will write it. */
export interface PlannedWeight {
  readonly role: WeightRole;
  readonly dims: Shape;
  readonly trainable: boolean;
  readonly source: TensorSource;
  /** 'design' when the design's own tensor fits, 'seed' when it is initialised. */
  readonly origin: 'design' | 'seed';
  /** The dims of the design's tensor for this role when it exists but does not fit. */
  readonly rejectedDims?: Shape;
}

function fits(tensor: { readonly dims: Shape; readonly data: Float32Array }, dims: Shape): boolean {
  return (
    tensor.dims.length === dims.length &&
    tensor.dims.every((dim, i) => dim === dims[i]) &&
    tensor.data.length === elementCount(dims)
  );
}

/**
 * PyTorch's default initialisation: Conv and Linear weights are kaiming-uniform with a = √5, which is
 * uniform within 1/√fan_in, and so are their biases; BatchNorm starts as the identity (scale 1,
 * shift 0, mean 0, variance 1).
 */
function initialSource(
  node: NodeAnalysis,
  role: WeightRole,
  weightDims: Shape | undefined,
  seed: number,
): TensorSource {
  switch (role) {
    case 'weight':
    case 'bias': {
      if (node.node.type === 'BatchNorm') return { kind: 'constant', value: 0 };
      const fanIn = weightDims ? elementCount(weightDims.slice(1)) : 1;
      return { kind: 'uniform', seed, stream: weightTensorName(node.node.id, role), bound: 1 / Math.sqrt(fanIn) };
    }
    case 'scale':
    case 'var':
      return { kind: 'constant', value: 1 };
    case 'mean':
      return { kind: 'constant', value: 0 };
  }
}

/**
 * The weight tensors of one node: the design's where they exist with the dims the node needs now,
 * the seeded initialisation otherwise. Undefined for nodes without weights.
 */
export function planNodeWeights(
  node: NodeAnalysis,
  given: NodeWeights | undefined,
  seed: number,
): readonly PlannedWeight[] | undefined {
  const expected = expectedWeightDims(node);
  if (!expected) return undefined;
  const planned: PlannedWeight[] = [];
  for (const [role, dims] of Object.entries(expected) as [WeightRole, Shape][]) {
    const tensor = given?.[role];
    const trainable = isTrainableRole(role);
    if (tensor && fits(tensor, dims)) {
      planned.push({ role, dims, trainable, source: { kind: 'data', data: tensor.data }, origin: 'design' });
      continue;
    }
    const source = initialSource(node, role, expected.weight, seed);
    planned.push({ role, dims, trainable, source, origin: 'seed', ...(tensor ? { rejectedDims: tensor.dims } : {}) });
  }
  return planned;
}

/** A weight tensor the design has but that no longer fits its node, so export initialises it afresh. */
export interface RejectedWeight {
  readonly nodeId: string;
  readonly role: WeightRole;
  readonly expected: Shape;
  readonly given: Shape;
}

/** Every tensor of `weights` that does not fit what its node needs now (after an edit or a mismatched import). */
export function rejectedWeights(analysis: GraphAnalysis, weights: DesignWeights): readonly RejectedWeight[] {
  const rejected: RejectedWeight[] = [];
  for (const id of analysis.order) {
    const node = analysis.nodes.get(id);
    const given = weights.get(id);
    if (!node || !given) continue;
    for (const weight of planNodeWeights(node, given, 0) ?? []) {
      if (weight.rejectedDims)
        rejected.push({ nodeId: id, role: weight.role, expected: weight.dims, given: weight.rejectedDims });
    }
  }
  return rejected;
}

/** Produces a tensor's values in chunks, so a writer never holds a whole generated tensor. */
export interface TensorStream {
  /** Elements not yet produced. */
  readonly remaining: number;
  /**
   * The next at most `scratch.length` elements: a view of the source's own data where it has it,
   * else `scratch` (or a prefix of it) filled with the values.
   */
  next(scratch: Float32Array): Float32Array;
}

/** Opens `source` as a stream of `count` elements. */
export function openTensorStream(source: TensorSource, count: number): TensorStream {
  let produced = 0;
  const random = source.kind === 'uniform' ? new SeededRandom(source.seed, source.stream) : undefined;
  return {
    get remaining() {
      return count - produced;
    },
    next(scratch) {
      const size = Math.min(scratch.length, count - produced);
      let chunk: Float32Array;
      switch (source.kind) {
        case 'data':
          chunk = source.data.subarray(produced, produced + size);
          break;
        case 'uniform':
          chunk = scratch.subarray(0, size);
          random?.fillUniform(chunk, -source.bound, source.bound);
          break;
        case 'constant':
          chunk = scratch.subarray(0, size);
          chunk.fill(source.value);
          break;
      }
      produced += size;
      return chunk;
    },
  };
}

/** All of a source's values in one array: for small tensors and tests. */
export function materializeTensor(source: TensorSource, count: number): Float32Array {
  if (source.kind === 'data') return source.data.subarray(0, count);
  const out = new Float32Array(count);
  openTensorStream(source, count).next(out);
  return out;
}
