/**
 * Shape arithmetic shared by every windowed layer (Conv and the pools), in one place, as pure
 * helpers. Shapes exclude the batch dimension and put channels first: [C, ...spatial].
 */
import type { PaddingMode } from './params.ts';

export type Shape = readonly number[];

/** One value per spatial axis, from a scalar or a list. Returns undefined when the list has the wrong length. */
export function perAxis(value: number | readonly number[], rank: number): number[] | undefined {
  if (typeof value !== 'number') return value.length === rank ? [...value] : undefined;
  const values: number[] = [];
  for (let axis = 0; axis < rank; axis++) values.push(value);
  return values;
}

/** Padding before and after each spatial axis. */
export interface AxisPads {
  readonly begin: readonly number[];
  readonly end: readonly number[];
}

export interface WindowGeometry {
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly padding: number | readonly number[] | PaddingMode;
  readonly ceilMode?: boolean;
}

/** The extent a dilated kernel covers: d(k-1) + 1. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * Resolves padding to explicit begin/end pads per axis. "same" follows ONNX SAME_UPPER: the output
 * is ceil(n / s) and any odd total padding goes at the end. "valid" is no padding.
 */
export function resolvePads(spatial: Shape, geometry: WindowGeometry): AxisPads | undefined {
  const rank = spatial.length;
  const { padding } = geometry;
  if (padding === 'valid') return { begin: spatial.map(() => 0), end: spatial.map(() => 0) };
  if (padding === 'same') {
    const begin: number[] = [];
    const end: number[] = [];
    spatial.forEach((n, axis) => {
      const s = geometry.stride[axis] ?? 1;
      const k = effectiveKernel(geometry.kernel[axis] ?? 1, geometry.dilation[axis] ?? 1);
      const out = Math.ceil(n / s);
      const total = Math.max(0, (out - 1) * s + k - n);
      begin.push(Math.floor(total / 2));
      end.push(total - Math.floor(total / 2));
    });
    return { begin, end };
  }
  const pads = perAxis(padding, rank);
  return pads && { begin: pads, end: pads };
}

/** out = floor((n + p_begin + p_end - d(k-1) - 1) / s) + 1, or ceil with ceilMode (ONNX and PyTorch). */
export function windowOutputLength(
  n: number,
  kernel: number,
  stride: number,
  dilation: number,
  padBegin: number,
  padEnd: number,
  ceilMode = false,
): number {
  const span = n + padBegin + padEnd - effectiveKernel(kernel, dilation);
  if (span < 0) return 0;
  if (!ceilMode) return Math.floor(span / stride) + 1;
  let out = Math.ceil(span / stride) + 1;
  // PyTorch and ONNX drop a last window that would start entirely inside the end padding.
  if ((out - 1) * stride >= n + padBegin) out -= 1;
  return out;
}

export type WindowResult =
  | { readonly ok: true; readonly spatial: number[]; readonly pads: AxisPads }
  | { readonly ok: false; readonly message: string };

/**
 * The spatial output of a sliding window over `spatial`, or a message that says which axis fails
 * and how to fix it.
 */
export function slideWindow(spatial: Shape, geometry: WindowGeometry): WindowResult {
  const pads = resolvePads(spatial, geometry);
  if (!pads) {
    return {
      ok: false,
      message: `padding has ${(geometry.padding as readonly number[]).length} values but the input has ${spatial.length} spatial axes; give one value per axis or a single number`,
    };
  }
  const out: number[] = [];
  for (const [axis, n] of spatial.entries()) {
    const k = geometry.kernel[axis] ?? 1;
    const d = geometry.dilation[axis] ?? 1;
    const s = geometry.stride[axis] ?? 1;
    const pb = pads.begin[axis] ?? 0;
    const pe = pads.end[axis] ?? 0;
    const extent = effectiveKernel(k, d);
    if (extent > n + pb + pe) {
      const axisName = AXIS_NAMES[spatial.length]?.[axis] ?? `spatial axis ${axis}`;
      return {
        ok: false,
        message:
          `the ${d > 1 ? `dilated kernel spans ${extent}` : `kernel is ${k}`} but ${axisName} is only ${n}` +
          (pb + pe > 0 ? ` (${n + pb + pe} with padding)` : '') +
          `; use a kernel of at most ${n + pb + pe}, add padding, or remove an earlier downsampling layer`,
      };
    }
    out.push(windowOutputLength(n, k, s, d, pb, pe, geometry.ceilMode ?? false));
  }
  return { ok: true, spatial: out, pads };
}

/** How messages name the spatial axes of a signal, an image and a volume. */
const AXIS_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: ['the signal'],
  2: ['the height', 'the width'],
  3: ['the depth', 'the height', 'the width'],
};

/** The number of elements in a shape. */
export function elementCount(shape: Shape): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

/** Human form of a shape, as drawn on edges: 6×28×28. */
export function formatShape(shape: Shape): string {
  return shape.join('×');
}
