/**
 * Weights of a design, kept apart from the graph document. Layouts follow PyTorch (and ONNX):
 * - Conv: weight [F_out, F_in / groups, ...kernel], bias [F_out];
 * - Dense: weight [F_out, F_in] (lowered as Gemm with transB = 1), bias [F_out];
 * - BatchNorm: scale, bias, mean, var, each [C].
 * On disk they are one safetensors file beside the graph, with tensors named `${nodeId}.${role}`.
 */

export type WeightRole = 'weight' | 'bias' | 'scale' | 'mean' | 'var';

export interface WeightTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export type NodeWeights = Readonly<Partial<Record<WeightRole, WeightTensor>>>;

/** Weights by node id. */
export type DesignWeights = ReadonlyMap<string, NodeWeights>;

/** The name of a tensor in the weights file. */
export function weightTensorName(nodeId: string, role: WeightRole): string {
  return `${nodeId}.${role}`;
}
