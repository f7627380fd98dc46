/**
 * What an ONNX value becomes while a graph is imported: a constant (an initializer or something
 * folded from one), a tensor flowing out of a design node, or a partly known integer vector
 * computed from a tensor's shape (PyTorch's `x.view(x.size(0), -1)` exports as Shape, Gather,
 * Unsqueeze, Concat, Reshape).
 */
import type { TensorProto } from 'onnx-buf';
import type { Shape } from '../layers/conv-arithmetic.ts';
import { readFloatTensor, readIntegerTensor, isFloatType, type ExternalDataReader } from './decode-model.ts';

export interface FloatConstant {
  readonly kind: 'float';
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export interface IntConstant {
  readonly kind: 'int';
  readonly dims: readonly number[];
  readonly data: readonly number[];
}

export type Constant = FloatConstant | IntConstant;

/** The size of the batch axis, which the design leaves out. */
export const BATCH = 'batch';

/** One entry of a shape computed at run time: a known size, or the batch size. */
export type DimEntry = number | typeof BATCH;

/** An initializer decoded on first use, so unused or huge tensors cost nothing until needed. */
export class LazyConstant {
  private decoded: Constant | string | undefined;

  constructor(
    readonly tensor: TensorProto,
    private readonly readExternal: ExternalDataReader | undefined,
  ) {}

  /** The constant, or a message saying why it cannot be read. */
  get(): Constant | string {
    this.decoded ??= this.decode();
    return this.decoded;
  }

  private decode(): Constant | string {
    if (isFloatType(this.tensor.dataType)) {
      const read = readFloatTensor(this.tensor, this.readExternal);
      if (!read.ok) return read.message;
      // Forwards `data` so a deferred copy (decode-model.ts) stays deferred.
      return {
        kind: 'float',
        dims: read.dims,
        get data() {
          return read.data;
        },
      };
    }
    const read = readIntegerTensor(this.tensor, this.readExternal);
    return read.ok ? { kind: 'int', dims: read.dims, data: read.data } : read.message;
  }
}

export type Value =
  | { readonly kind: 'constant'; readonly constant: LazyConstant | Constant }
  | {
      readonly kind: 'data';
      /** The design node whose output this is. */
      readonly node: string;
      /** Without the batch axis. */
      readonly shape: Shape;
      /** True while this is exactly the node's output and nothing else reads it yet: a constant Add may fold into its bias. */
      readonly fresh: boolean;
      /**
       * Trailing size-1 axes an Unsqueeze added that the design node's output does not have:
       * PyTorch 0.3 exports a 1-D pool as Unsqueeze, a 2-D pool over [L, 1] and a Squeeze.
       */
      readonly unitAxes?: number;
    }
  | { readonly kind: 'dims'; readonly entries: readonly DimEntry[]; readonly scalar: boolean }
  /**
   * A value the design does not produce. With a reason (a MaxPool's indices, a Dropout mask), a node
   * that reads it is refused with that reason; without one it is the output of a node the import
   * already refused, and its readers stay quiet instead of repeating the refusal. `runtime` says
   * whether it would have been a tensor computed from the inputs rather than a constant.
   */
  | { readonly kind: 'unavailable'; readonly reason: string | undefined; readonly runtime: boolean };

export type DataValue = Extract<Value, { kind: 'data' }>;

/** Resolves a constant value, decoding it if needed. */
export function constantOf(value: Extract<Value, { kind: 'constant' }>): Constant | string {
  return value.constant instanceof LazyConstant ? value.constant.get() : value.constant;
}

export function constantValue(constant: Constant): Value {
  return { kind: 'constant', constant };
}

export function elementCountOf(dims: readonly number[]): number {
  return dims.reduce((product, dim) => product * dim, 1);
}

/** The tensor as the design node produces it, without trailing unit axes. */
export function withoutUnitAxes(value: DataValue): DataValue {
  const { unitAxes = 0, ...rest } = value;
  return { ...rest, shape: value.shape.slice(0, value.shape.length - unitAxes) };
}

/** The tensor with `count` trailing unit axes, as the ONNX graph sees it. */
export function withUnitAxes(value: DataValue, count: number): DataValue {
  return count === 0
    ? value
    : { ...value, shape: [...value.shape, ...new Array<number>(count).fill(1)], unitAxes: count };
}
