/**
 * The shift experiment: the lecture's central claim measured on a real network. Shift the input
 * by d samples; a convolution's feature maps shift with it (translation equivariance:
 * f(shift x) = shift f(x), away from the borders), while pooled and global outputs change much less
 * than the maps they summarise (local invariance).
 *
 * Tensors here are channels first without the batch: [C, ...spatial], row-major.
 */
import type { AxisWindow, InputWindow } from './input-windows.ts';

export interface Tensor {
  readonly dims: readonly number[];
  readonly data: ArrayLike<number>;
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/** Row-major strides of dims. */
function stridesOf(dims: readonly number[]): number[] {
  const strides = dims.map(() => 1);
  for (let axis = dims.length - 2; axis >= 0; axis--) strides[axis] = (strides[axis + 1] ?? 1) * (dims[axis + 1] ?? 1);
  return strides;
}

/** Calls visit(index) for every index of dims, in row-major order. */
function forEachIndex(dims: readonly number[], visit: (index: readonly number[], flat: number) => void): void {
  const total = dims.reduce((product, dim) => product * dim, 1);
  const index = dims.map(() => 0);
  for (let flat = 0; flat < total; flat++) {
    visit(index, flat);
    for (let axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = (index[axis] ?? 0) + 1;
      if ((index[axis] ?? 0) < (dims[axis] ?? 0)) break;
      index[axis] = 0;
    }
  }
}

/**
 * Moves a [C, ...spatial] tensor by `shift` whole samples per spatial axis (positive: towards
 * higher indices, right and down); what moves in is zero, what moves out is lost.
 */
export function shiftSpatial(tensor: Tensor, shift: readonly number[]): Float32Array {
  const { dims, data } = tensor;
  if (shift.length !== dims.length - 1)
    throw new RangeError(
      `a [${dims.join(', ')}] tensor has ${dims.length - 1} spatial axes, got ${shift.length} shifts`,
    );
  if (shift.some((s) => !Number.isInteger(s)))
    throw new RangeError(`shifts must be whole numbers, got ${shift.join(', ')}`);
  const out = new Float32Array(data.length);
  const strides = stridesOf(dims);
  forEachIndex(dims, (index, flat) => {
    let source = 0;
    for (let axis = 0; axis < dims.length; axis++) {
      const from = (index[axis] ?? 0) - (axis === 0 ? 0 : (shift[axis - 1] ?? 0));
      if (from < 0 || from >= (dims[axis] ?? 0)) return;
      source += from * (strides[axis] ?? 0);
    }
    out[flat] = data[source] ?? 0;
  });
  return out;
}

export interface ShiftMeasurement {
  /**
   * The input shift in this node's own grid (input shift / jump) per spatial axis; undefined for a
   * node whose every output sees the whole input.
   */
  readonly gridShift: readonly number[] | undefined;
  /** True when the grid shift is whole on every axis, so shifting the map back is exact. */
  readonly wholeShift: boolean;
  /** ‖f(shifted x) − f(x)‖ / ‖f(x)‖ over every position: how much the output changed. */
  readonly change: number;
  /**
   * ‖f(shifted x) − shift(f(x))‖ / ‖shift(f(x))‖ over the positions whose windows see only real
   * input both before and after the shift (by the rounded grid shift where it is not whole);
   * undefined for global outputs or when no position qualifies.
   */
  readonly equivarianceError: number | undefined;
  /** The fraction of positions the equivariance error compares (0 for global outputs). */
  readonly comparedFraction: number;
}

function relative(difference: number, reference: number): number {
  if (reference > 0) return Math.sqrt(difference / reference);
  return difference > 0 ? Number.POSITIVE_INFINITY : 0;
}

/**
 * The output positions [first, last] on one axis that the equivariance error compares: those whose
 * window, and whose window moved back by `gridShift`, lie inside the input (`inputLength` samples).
 * Empty when first > last.
 */
export function comparedRange(
  window: AxisWindow,
  length: number,
  inputLength: number,
  gridShift: number,
): [number, number] {
  // y·jump − start ≥ 0 and y·jump − start + size ≤ n, for y and for y − gridShift.
  const first = Math.ceil(window.start / window.jump);
  const last = Math.floor((inputLength + window.start - window.size) / window.jump);
  const low = Math.max(0, gridShift, first, first + gridShift);
  const high = Math.min(length - 1, length - 1 + gridShift, last, last + gridShift);
  return [low, high];
}

/**
 * Compares a node's output on the input (`base`) and on the input shifted by `shift` samples per
 * spatial axis (`shifted`), both [C, ...spatial] with the same dims. `window` is the node's input
 * window (inputWindows) and `inputSpatial` the spatial dims of the network input.
 */
export function measureShift(
  base: Tensor,
  shifted: Tensor,
  window: InputWindow,
  inputSpatial: readonly number[],
  shift: readonly number[],
): ShiftMeasurement {
  if (!sameDims(base.dims, shifted.dims))
    throw new RangeError(
      `both outputs must have one shape, got [${base.dims.join(', ')}] and [${shifted.dims.join(', ')}]`,
    );
  let changed = 0;
  let norm = 0;
  for (let i = 0; i < base.data.length; i++) {
    const a = base.data[i] ?? 0;
    const b = shifted.data[i] ?? 0;
    changed += (b - a) * (b - a);
    norm += a * a;
  }
  const change = relative(changed, norm);
  const spatial = base.dims.slice(1);
  if (window === 'global' || window.length !== spatial.length || spatial.length !== shift.length)
    return { gridShift: undefined, wholeShift: false, change, equivarianceError: undefined, comparedFraction: 0 };
  const gridShift = window.map((axis, i) => (shift[i] ?? 0) / axis.jump);
  const wholeShift = gridShift.every(Number.isInteger);
  const moveBy = gridShift.map(Math.round);
  const ranges = window.map((axis, i) => comparedRange(axis, spatial[i] ?? 0, inputSpatial[i] ?? 0, moveBy[i] ?? 0));
  const regionDims = ranges.map(([low, high]) => Math.max(0, high - low + 1));
  const positions = regionDims.reduce((product, dim) => product * dim, 1);
  const total = spatial.reduce((product, dim) => product * dim, 1);
  if (positions === 0) return { gridShift, wholeShift, change, equivarianceError: undefined, comparedFraction: 0 };
  const strides = stridesOf(base.dims);
  let error = 0;
  let reference = 0;
  for (let channel = 0; channel < (base.dims[0] ?? 0); channel++) {
    forEachIndex(regionDims, (offset) => {
      let at = channel * (strides[0] ?? 0);
      let from = at;
      for (let axis = 0; axis < offset.length; axis++) {
        const y = (ranges[axis]?.[0] ?? 0) + (offset[axis] ?? 0);
        at += y * (strides[axis + 1] ?? 0);
        from += (y - (moveBy[axis] ?? 0)) * (strides[axis + 1] ?? 0);
      }
      const expected = base.data[from] ?? 0;
      const actual = shifted.data[at] ?? 0;
      error += (actual - expected) * (actual - expected);
      reference += expected * expected;
    });
  }
  return {
    gridShift,
    wholeShift,
    change,
    equivarianceError: relative(error, reference),
    comparedFraction: positions / total,
  };
}
