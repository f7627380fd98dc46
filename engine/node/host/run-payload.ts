/**
 * What a run sends to the renderer besides its outputs: captured activations and Conv kernels,
 * bounded. They are drawn, not stored, so their first channels suffice: VGG-16's first feature map
 * alone is 3.2 M values, which as JSON would be some 60 MB. A tensor cut short keeps its real shape
 * in `fullDims`.
 */
import { lowerToOnnx, materializeTensor, type DesignWeights, type GraphDocument } from '../../core/index.ts';
import type { TensorValue } from '../../core/host/host-api.ts';
import { sliceLeading } from '../../core/signal/slice-leading.ts';
import type { FedTensor } from '../runtime/input-tensors.ts';

export const PAYLOAD_LIMITS = {
  /** Channels per feature map. */
  channels: 64,
  /** Values per tensor (a map with larger channels keeps one). */
  valuesPerTensor: 262_144,
  /** Values over all activations of one run; maps past it are left out (the renderer can ask for them alone). */
  valuesPerRun: 1_048_576,
  /** Filters and input channels per kernel. */
  filters: 64,
  kernelInputs: 16,
} as const;

function valueOf(dims: readonly number[], data: Float32Array, fullDims: readonly number[]): TensorValue {
  const cut = dims.some((dim, axis) => dim !== fullDims[axis]);
  return { dims, data: Array.from(data), ...(cut ? { fullDims } : {}) };
}

/**
 * The first sample of each activation ([batch, C, ...] or [batch, F]), its first channels only, in
 * the order given; activations past the run's budget are left out.
 */
export function boundedActivations(
  activations: Readonly<Record<string, FedTensor>>,
  order: readonly string[],
): Record<string, TensorValue> {
  const bounded: Record<string, TensorValue> = {};
  let budget: number = PAYLOAD_LIMITS.valuesPerRun;
  for (const id of order) {
    if (!Object.hasOwn(activations, id)) continue;
    const tensor = activations[id] as FedTensor;
    const [, channels = 1, ...spatial] = tensor.dims;
    const perChannel = spatial.reduce((product, dim) => product * dim, 1);
    const limit = spatial.length > 0 ? PAYLOAD_LIMITS.channels : PAYLOAD_LIMITS.valuesPerTensor;
    const kept = Math.min(channels, limit, Math.max(1, Math.floor(PAYLOAD_LIMITS.valuesPerTensor / perChannel)));
    if (kept * perChannel > budget) continue;
    budget -= kept * perChannel;
    const sliced = sliceLeading(tensor.data, tensor.dims, [1, kept]);
    bounded[id] = valueOf(sliced.dims, sliced.data, tensor.dims);
  }
  return bounded;
}

/**
 * The weights of the Conv nodes named, [F_out, F_in / groups, ...kernel], as the run used them:
 * the design's own, or initialised from `seed` exactly as the lowering that the run executed. The
 * first filters and input channels only; ids of other nodes are skipped.
 */
export function convKernels(
  document: GraphDocument,
  weights: DesignWeights,
  nodeIds: readonly string[],
  seed: number,
): Record<string, TensorValue> {
  const wanted = new Set(nodeIds.filter((id) => document.nodes.some((node) => node.id === id && node.type === 'Conv')));
  if (wanted.size === 0) return {};
  const lowering = lowerToOnnx(document, weights, { seed });
  if (!lowering.ok) return {};
  const kernels: Record<string, TensorValue> = {};
  for (const initializer of lowering.lowered.initializers) {
    if (initializer.role !== 'weight' || !wanted.has(initializer.nodeId)) continue;
    const count = initializer.dims.reduce((product, dim) => product * dim, 1);
    const values = materializeTensor(initializer.source, count);
    const sliced = sliceLeading(values, initializer.dims, [PAYLOAD_LIMITS.filters, PAYLOAD_LIMITS.kernelInputs]);
    kernels[initializer.nodeId] = valueOf(sliced.dims, sliced.data, initializer.dims);
  }
  return kernels;
}
