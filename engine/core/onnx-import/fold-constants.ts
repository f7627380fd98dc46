/**
 * Constant folding: `Constant`, `ConstantOfShape`, `Identity` and chains of shape operators over
 * initializers (mnist-8 reshapes a weight before its MatMul; PyTorch transposes Linear weights)
 * evaluate at import time into plain constants, which then become design weights. Shape arithmetic
 * over run-time tensors (Shape, Gather, Unsqueeze, Concat) is followed as far as the batch axis lets
 * it, so a flatten written as `x.view(x.size(0), -1)` is recognised.
 */
import { TensorProto_DataType } from 'onnx-buf';
import { dataTypeName, isFloatType, isIntegerType } from './decode-model.ts';
import { ImportRefusal, type NodeContext, type NodeMapper } from './node-context.ts';
import {
  BATCH,
  constantOf,
  constantValue,
  elementCountOf,
  LazyConstant,
  withoutUnitAxes,
  withUnitAxes,
  type Constant,
  type DataValue,
  type DimEntry,
  type Value,
} from './values.ts';

/** Largest constant that ConstantOfShape or a fold may create: 256 Mi elements, a 1 GiB float32 tensor. */
const MAX_FOLDED_ELEMENTS = 2 ** 28;

/** Normalises a possibly negative axis of a rank-`rank` tensor, or refuses it. */
export function normaliseAxis(axis: number, rank: number, what: string): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(resolved) || resolved < 0 || resolved >= rank)
    throw new ImportRefusal(`${what} ${axis} does not exist in a rank-${rank} tensor`);
  return resolved;
}

/** The constant on input `index`, or undefined when it is not a constant. */
function constantInput(context: NodeContext, index: number): Constant | undefined {
  const value = context.input(index);
  if (value?.kind !== 'constant') return undefined;
  const constant = constantOf(value);
  if (typeof constant === 'string') throw new ImportRefusal(constant);
  return constant;
}

/** A partly known integer vector on input `index` (a computed shape), or undefined. */
function dimsInput(context: NodeContext, index: number): { entries: readonly DimEntry[]; scalar: boolean } | undefined {
  const value = context.input(index);
  if (value?.kind === 'dims') return value;
  const constant = constantInput(context, index);
  if (constant?.kind === 'int' && constant.dims.length <= 1)
    return { entries: constant.data, scalar: constant.dims.length === 0 };
  return undefined;
}

/** A computed shape becomes a plain constant once every entry is known. */
export function dimsValue(entries: readonly DimEntry[], scalar: boolean): Value {
  if (entries.every((entry): entry is number => typeof entry === 'number'))
    return constantValue({ kind: 'int', dims: scalar ? [] : [entries.length], data: entries });
  return { kind: 'dims', entries, scalar };
}

function withDims(constant: Constant, dims: readonly number[]): Constant {
  return constant.kind === 'float'
    ? { kind: 'float', dims, data: constant.data }
    : { kind: 'int', dims, data: constant.data };
}

/**
 * Resolves a Reshape target against the input's dims: 0 copies the input's size (unless allowzero),
 * one -1 takes what is left. Entries may be the batch size, which is never multiplied out.
 */
export function reshapeTarget(input: readonly DimEntry[], target: readonly DimEntry[], allowZero: boolean): DimEntry[] {
  const resolved: DimEntry[] = target.map((entry, axis) => {
    if (entry !== 0 || allowZero) return entry;
    const copied = input[axis];
    if (copied === undefined)
      throw new ImportRefusal(`a Reshape copies axis ${axis} (a 0 in its shape) of a rank-${input.length} tensor`);
    return copied;
  });
  const unknown = resolved.filter((entry) => entry === -1).length;
  if (unknown > 1) throw new ImportRefusal('a Reshape shape has more than one -1');
  for (const entry of resolved)
    if (entry !== BATCH && (!Number.isSafeInteger(entry) || entry < -1))
      throw new ImportRefusal(`a Reshape shape has an invalid size ${entry}`);
  if (unknown === 0) return resolved;
  // Split both sides into batch occurrences and known products to solve for the -1.
  const batchesIn = input.filter((entry) => entry === BATCH).length;
  const batchesOut = resolved.filter((entry) => entry === BATCH).length;
  const known = (entries: readonly DimEntry[]): number =>
    entries.reduce<number>(
      (product, entry) => (typeof entry === 'number' && entry !== -1 ? product * entry : product),
      1,
    );
  const inputProduct = known(input);
  const outputProduct = known(resolved);
  if (batchesIn === batchesOut) {
    if (outputProduct === 0 || inputProduct % outputProduct !== 0)
      throw new ImportRefusal(
        `a Reshape cannot turn ${inputProduct} elements per sample into a multiple of ${outputProduct}`,
      );
    return resolved.map((entry) => (entry === -1 ? inputProduct / outputProduct : entry));
  }
  if (batchesIn === batchesOut + 1 && inputProduct === outputProduct)
    return resolved.map((entry) => (entry === -1 ? BATCH : entry));
  throw new ImportRefusal('a Reshape mixes the batch axis with the other axes');
}

function transposeConstant(constant: Constant, perm: readonly number[]): Constant {
  const { dims } = constant;
  const rank = dims.length;
  const outDims = perm.map((axis) => dims[axis] as number);
  const inStrides: number[] = [];
  let stride = 1;
  for (let axis = rank - 1; axis >= 0; axis--) {
    inStrides[axis] = stride;
    stride *= dims[axis] as number;
  }
  const count = elementCountOf(dims);
  const source = constant.data;
  const out: number[] | Float32Array = constant.kind === 'float' ? new Float32Array(count) : new Array<number>(count);
  const index = new Array<number>(rank).fill(0);
  for (let i = 0; i < count; i++) {
    let offset = 0;
    for (let axis = 0; axis < rank; axis++)
      offset += (index[axis] as number) * (inStrides[perm[axis] as number] as number);
    out[i] = source[offset] as number;
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis] = (index[axis] as number) + 1;
      if ((index[axis] as number) < (outDims[axis] as number)) break;
      index[axis] = 0;
    }
  }
  return constant.kind === 'float'
    ? { kind: 'float', dims: outDims, data: out as Float32Array }
    : { kind: 'int', dims: outDims, data: out as number[] };
}

/** Transposes a float matrix [rows, cols] to [cols, rows]. */
export function transposeMatrix(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c] as number;
  return out;
}

/** The axes of Squeeze or Unsqueeze: an attribute before opset 13, an input from 13 on. */
function axesOf(context: NodeContext): readonly number[] | undefined {
  if (context.opset < 13) return context.attributes.ints('axes');
  return context.input(1) ? context.ints(1, 'axes').data : undefined;
}

function squeezeDims(dims: readonly number[], axes: readonly number[] | undefined): number[] {
  if (!axes) return dims.filter((dim) => dim !== 1);
  const drop = new Set(axes.map((axis) => normaliseAxis(axis, dims.length, 'Squeeze axis')));
  for (const axis of drop)
    if (dims[axis] !== 1) throw new ImportRefusal(`Squeeze of axis ${axis}, which has size ${dims[axis]}, not 1`);
  return dims.filter((_, axis) => !drop.has(axis));
}

function unsqueezeDims(dims: readonly number[], axes: readonly number[]): number[] {
  const rank = dims.length + axes.length;
  const insert = new Set(axes.map((axis) => normaliseAxis(axis, rank, 'Unsqueeze axis')));
  const out: number[] = [];
  let next = 0;
  for (let axis = 0; axis < rank; axis++) out.push(insert.has(axis) ? 1 : (dims[next++] as number));
  return out;
}

/** Folds a node whose inputs are all constant and whose operator only moves data: Identity, Reshape, Flatten. */
export function foldLayoutOnly(context: NodeContext, constant: Constant): Value {
  const { opType } = context.node;
  if (opType === 'Identity' || opType === 'Dropout') return constantValue(constant);
  if (opType === 'Flatten') {
    const axis = normaliseAxis(context.attributes.int('axis', 1), constant.dims.length + 1, 'Flatten axis');
    return constantValue(
      withDims(constant, [elementCountOf(constant.dims.slice(0, axis)), elementCountOf(constant.dims.slice(axis))]),
    );
  }
  // Reshape: the target is an attribute before opset 5, an input from then on.
  const target = context.opset < 5 ? (context.attributes.ints('shape') ?? []) : context.ints(1, 'shape').data;
  const dims = reshapeTarget(constant.dims, target, context.attributes.int('allowzero', 0) === 1) as number[];
  if (elementCountOf(dims) !== constant.data.length)
    throw new ImportRefusal(
      `a Reshape of [${constant.dims.join(', ')}] to [${dims.join(', ')}] changes the element count`,
    );
  return constantValue(withDims(constant, dims));
}

const constantNode: NodeMapper = (context) => {
  const { attributes } = context;
  const tensor = attributes.tensor('value');
  if (tensor) return [{ kind: 'constant', constant: new LazyConstant(tensor, undefined) }];
  if (attributes.has('value_float'))
    return [constantValue({ kind: 'float', dims: [], data: Float32Array.of(attributes.float('value_float', 0)) })];
  const floats = attributes.floats('value_floats');
  if (attributes.has('value_floats') && floats)
    return [constantValue({ kind: 'float', dims: [floats.length], data: Float32Array.from(floats) })];
  if (attributes.has('value_int'))
    return [constantValue({ kind: 'int', dims: [], data: [attributes.int('value_int', 0)] })];
  const ints = attributes.ints('value_ints');
  if (attributes.has('value_ints') && ints) return [constantValue({ kind: 'int', dims: [ints.length], data: ints })];
  throw new ImportRefusal('a Constant that is sparse or holds strings has no design equivalent');
};

const constantOfShape: NodeMapper = (context) => {
  const shape = context.ints(0, 'shape').data;
  const count = elementCountOf(shape);
  if (shape.some((dim) => dim < 0) || count > MAX_FOLDED_ELEMENTS)
    throw new ImportRefusal(`ConstantOfShape of [${shape.join(', ')}] is not a tensor the design can hold`);
  const tensor = context.attributes.tensor('value');
  const fill = tensor
    ? new LazyConstant(tensor, undefined).get()
    : ({ kind: 'float', dims: [1], data: Float32Array.of(0) } as const);
  if (typeof fill === 'string') throw new ImportRefusal(fill);
  const value = fill.data[0] ?? 0;
  return [
    constantValue(
      fill.kind === 'float'
        ? { kind: 'float', dims: shape, data: new Float32Array(count).fill(value) }
        : { kind: 'int', dims: shape, data: new Array<number>(count).fill(value) },
    ),
  ];
};

const transpose: NodeMapper = (context) => {
  const constant = constantInput(context, 0);
  if (!constant)
    throw new ImportRefusal('a Transpose of a tensor computed at run time reorders axes, which no design node does');
  const rank = constant.dims.length;
  const perm = context.attributes.ints('perm') ?? Array.from({ length: rank }, (_, axis) => rank - 1 - axis);
  if (perm.length !== rank || new Set(perm).size !== rank || perm.some((axis) => axis < 0 || axis >= rank))
    throw new ImportRefusal(`a Transpose perm [${perm.join(', ')}] is not a permutation of ${rank} axes`);
  return [constantValue(transposeConstant(constant, perm))];
};

/**
 * Squeeze of a tensor: of trailing unit axes an Unsqueeze added (see DataValue), which the design
 * tensor never had; or of size-1 axes leaving [N, C], as some exporters write the flatten after a
 * global pool, which becomes a Flatten.
 */
function squeezeTensor(context: NodeContext, value: DataValue): Value {
  const rank = value.shape.length + 1;
  const unit = value.unitAxes ?? 0;
  const given = axesOf(context);
  const axes = given
    ? given.map((axis) => normaliseAxis(axis, rank, 'Squeeze axis'))
    : value.shape.flatMap((size, axis) => (size === 1 ? [axis + 1] : []));
  const squeezed = [...new Set(axes)].sort((a, b) => a - b);
  const trailing = squeezed.every((axis, i) => axis === rank - squeezed.length + i);
  if (squeezed.length > 0 && squeezed.length <= unit && trailing)
    return withUnitAxes(withoutUnitAxes(value), unit - squeezed.length);
  const kept = value.shape.filter((_, axis) => !squeezed.includes(axis + 1));
  const flattens =
    unit === 0 && !squeezed.includes(0) && kept.length === 1 && squeezed.every((axis) => value.shape[axis - 1] === 1);
  if (flattens) return context.addNode('Flatten', {}, [value]);
  throw new ImportRefusal('a Squeeze of a tensor computed at run time changes its rank, which no design node does');
}

const squeeze: NodeMapper = (context) => {
  const value = context.input(0);
  if (value?.kind === 'data') return [squeezeTensor(context, value)];
  const dims = dimsInput(context, 0);
  if (context.input(0)?.kind === 'dims' && dims && !dims.scalar && dims.entries.length === 1)
    return [dimsValue(dims.entries, true)];
  const constant = constantInput(context, 0);
  if (!constant)
    throw new ImportRefusal('a Squeeze of a tensor computed at run time changes its rank, which no design node does');
  return [constantValue(withDims(constant, squeezeDims(constant.dims, axesOf(context))))];
};

const unsqueeze: NodeMapper = (context) => {
  const axes = axesOf(context) ?? [];
  const value = context.input(0);
  if (value?.kind === 'dims' && value.scalar && axes.length === 1) return [dimsValue(value.entries, false)];
  if (value?.kind === 'data') {
    // Trailing size-1 axes become unit axes the design tensor lacks; a later Squeeze removes them.
    const rank = value.shape.length + 1 + axes.length;
    const added = [...new Set(axes.map((axis) => normaliseAxis(axis, rank, 'Unsqueeze axis')))].sort((a, b) => a - b);
    if (added.length > 0 && added.every((axis, i) => axis === rank - added.length + i))
      return [withUnitAxes(withoutUnitAxes(value), (value.unitAxes ?? 0) + added.length)];
  }
  const constant = constantInput(context, 0);
  if (!constant)
    throw new ImportRefusal(
      'an Unsqueeze of a tensor computed at run time changes its rank, which no design node does',
    );
  return [constantValue(withDims(constant, unsqueezeDims(constant.dims, axes)))];
};

const cast: NodeMapper = (context) => {
  const to = context.attributes.int('to', 0) as TensorProto_DataType;
  const value = context.input(0);
  if (value?.kind === 'dims' && isIntegerType(to)) return [value];
  const constant = constantInput(context, 0);
  if (!constant)
    throw new ImportRefusal(`a Cast to ${dataTypeName(to)} of a tensor computed at run time has no design equivalent`);
  if (isFloatType(to))
    return [constantValue({ kind: 'float', dims: constant.dims, data: Float32Array.from(constant.data) })];
  if (isIntegerType(to)) {
    const data = Array.from(constant.data, (x) => (to === TensorProto_DataType.BOOL ? Number(x !== 0) : Math.trunc(x)));
    return [constantValue({ kind: 'int', dims: constant.dims, data })];
  }
  throw new ImportRefusal(`a Cast to ${dataTypeName(to)} has no design equivalent`);
};

const shape: NodeMapper = (context) => {
  const value = context.input(0);
  let entries: DimEntry[];
  if (value?.kind === 'data') entries = [BATCH, ...value.shape];
  else {
    const constant = constantInput(context, 0);
    if (!constant) throw new ImportRefusal('a Shape of a value whose shape is unknown');
    entries = [...constant.dims];
  }
  const rank = entries.length;
  const clamp = (axis: number): number => Math.min(rank, Math.max(0, axis < 0 ? axis + rank : axis));
  const start = clamp(context.attributes.int('start', 0));
  const end = clamp(context.attributes.int('end', rank));
  return [dimsValue(entries.slice(start, end), false)];
};

const gather: NodeMapper = (context) => {
  const indices = context.ints(1, 'indices');
  const dims = dimsInput(context, 0);
  const axisAttribute = context.attributes.int('axis', 0);
  if (context.input(0)?.kind === 'dims' && dims) {
    normaliseAxis(axisAttribute, 1, 'Gather axis');
    const picked = indices.data.map((index) => {
      const entry = dims.entries[index < 0 ? index + dims.entries.length : index];
      if (entry === undefined)
        throw new ImportRefusal(`a Gather index ${index} is outside a shape of rank ${dims.entries.length}`);
      return entry;
    });
    return [dimsValue(picked, indices.dims.length === 0)];
  }
  const constant = constantInput(context, 0);
  if (!constant)
    throw new ImportRefusal(
      'a Gather from a tensor computed at run time (an embedding lookup) has no design equivalent',
    );
  const axis = normaliseAxis(axisAttribute, constant.dims.length, 'Gather axis');
  const size = constant.dims[axis] as number;
  const outer = elementCountOf(constant.dims.slice(0, axis));
  const inner = elementCountOf(constant.dims.slice(axis + 1));
  const outDims = [...constant.dims.slice(0, axis), ...indices.dims, ...constant.dims.slice(axis + 1)];
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices.data) {
      const index = raw < 0 ? raw + size : raw;
      if (index < 0 || index >= size)
        throw new ImportRefusal(`a Gather index ${raw} is outside an axis of size ${size}`);
      for (let i = 0; i < inner; i++) out.push(constant.data[(o * size + index) * inner + i] as number);
    }
  }
  return [
    constantValue(
      constant.kind === 'float'
        ? { kind: 'float', dims: outDims, data: Float32Array.from(out) }
        : { kind: 'int', dims: outDims, data: out },
    ),
  ];
};

/** Concat of computed shapes or of constants; a Concat of tensors is a design node (map-nodes.ts). */
export function foldConcat(context: NodeContext): Value {
  const count = context.node.input.length;
  if (Array.from({ length: count }, (_, i) => context.input(i)).some((value) => value?.kind === 'dims')) {
    const entries: DimEntry[] = [];
    for (let i = 0; i < count; i++) {
      const dims = dimsInput(context, i);
      if (!dims || dims.scalar) throw new ImportRefusal('a Concat of shapes with an input that is not a shape vector');
      entries.push(...dims.entries);
    }
    return dimsValue(entries, false);
  }
  const parts = Array.from({ length: count }, (_, i) => constantInput(context, i) as Constant);
  const first = parts[0] as Constant;
  const axis = normaliseAxis(context.attributes.int('axis', 0), first.dims.length, 'Concat axis');
  for (const part of parts)
    if (
      part.kind !== first.kind ||
      part.dims.length !== first.dims.length ||
      part.dims.some((dim, i) => i !== axis && dim !== first.dims[i])
    )
      throw new ImportRefusal('a Concat of constants whose shapes disagree off the concat axis');
  const outer = elementCountOf(first.dims.slice(0, axis));
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const part of parts) {
      const block = elementCountOf(part.dims.slice(axis));
      for (let i = 0; i < block; i++) out.push(part.data[o * block + i] as number);
    }
  }
  const dims = first.dims.map((dim, i) =>
    i === axis ? parts.reduce((sum, part) => sum + (part.dims[axis] as number), 0) : dim,
  );
  return constantValue(
    first.kind === 'float' ? { kind: 'float', dims, data: Float32Array.from(out) } : { kind: 'int', dims, data: out },
  );
}

/** Operators that only ever compute constants (or shapes) and never become design nodes. */
export const FOLDING_MAPPERS: Readonly<Record<string, NodeMapper>> = {
  Constant: constantNode,
  ConstantOfShape: constantOfShape,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Cast: cast,
  Shape: shape,
  Gather: gather,
};
