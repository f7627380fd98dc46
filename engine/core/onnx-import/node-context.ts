/**
 * The contract between the importer and the per-operator mappers: what a mapper may ask about the
 * node it maps, and how it says no.
 */
import type { NodeProto } from 'onnx-buf';
import type { LayerType } from '../layers/registry.ts';
import type { NodeWeights, WeightRole, WeightTensor } from '../weights/weights.ts';
import type { NodeAttributes } from './decode-model.ts';
import type { DataValue, FloatConstant, IntConstant, Value } from './values.ts';

/**
 * Thrown by a mapper when its node has no design equivalent; the reason says why, in terms of the
 * model (a broadcasting Add, a Reshape that is not a flatten). The importer collects every refusal
 * and reports them together, grouped by operator.
 */
export class ImportRefusal extends Error {
  override readonly name = 'ImportRefusal';
}

/** A design node under construction. Fusions (a constant Add into a Conv's bias) still change it. */
export interface DesignDraft {
  readonly id: string;
  readonly type: LayerType;
  readonly params: Record<string, unknown>;
  readonly inputs: readonly string[];
  readonly weights: Partial<Record<WeightRole, WeightTensor>>;
}

export interface NodeContext {
  readonly node: NodeProto;
  /** How messages name the node: its name, or its first output when it has none. */
  readonly label: string;
  /** The ai.onnx operator set version, which decides attribute semantics. */
  readonly opset: number;
  readonly attributes: NodeAttributes;
  /** The value on input `index`, or undefined when the optional input is left out. */
  input(index: number): Value | undefined;
  /** Input `index` as a tensor flowing from a design node; refuses a constant or a missing input. */
  data(index: number): DataValue;
  /** Like `data`, but also accepts a tensor with trailing unit axes from an Unsqueeze (see DataValue). */
  dataWithUnitAxes(index: number): DataValue;
  /** Input `index` as a float constant (a weight); refuses a tensor computed at run time or fed as a graph input. */
  floats(index: number, role: string): FloatConstant;
  /** Input `index` as an integer constant (a shape, axes); refuses anything computed at run time. */
  ints(index: number, role: string): IntConstant;
  /** How many nodes and graph outputs read the value on input `index`. */
  readers(index: number): number;
  /** Adds a design node and infers its output shape with the layer catalogue; refuses when the layer does. */
  addNode(
    type: LayerType,
    params: Record<string, unknown>,
    inputs: readonly DataValue[],
    weights?: NodeWeights,
  ): DataValue;
  /** The design node a tensor flows out of. */
  draftOf(value: DataValue): DesignDraft;
  /** The batch size when the model fixes it (often 1), else undefined. */
  readonly fixedBatch: number | undefined;
  /** Records something the user should know about the import; notes with the same text are grouped, listing their subjects. */
  note(text: string, subject: string): void;
}

/** Maps one ONNX node: returns the value of each of its outputs, in order. */
export type NodeMapper = (context: NodeContext) => readonly Value[];
