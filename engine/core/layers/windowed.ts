import { effectiveKernel, perAxis, slideWindow, type AxisPads, type Shape } from './conv-arithmetic.ts';
import { bracketShape, requireSpatial, spatialOf, type LayerInference, type LayerIssue } from './layer.ts';
import type { PaddingMode } from './params.ts';

/** The window parameters that Conv and the pools share. */
export interface WindowParams {
  readonly kernelSize: number | readonly number[];
  readonly stride: number | readonly number[];
  readonly dilation: number | readonly number[];
  readonly padding: number | readonly number[] | PaddingMode;
  readonly ceilMode?: boolean;
}

export interface SlidWindow {
  readonly spatial: readonly number[];
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly pads: AxisPads;
  /** The dilated kernel extent per axis, for the receptive field. */
  readonly extent: readonly number[];
}

/**
 * Slides a Conv or pool window over the spatial axes of `input`. The spatial rank follows the
 * input, so the same node is a 1-D, 2-D or 3-D layer.
 */
export function slideLayerWindow(layer: string, input: Shape, params: WindowParams): SlidWindow | LayerIssue {
  const rankProblem = requireSpatial(input);
  if (rankProblem) return rankProblem;
  const spatial = spatialOf(input);
  const rank = spatial.length;
  const resolved: Record<'kernelSize' | 'stride' | 'dilation', number[]> = { kernelSize: [], stride: [], dilation: [] };
  for (const name of ['kernelSize', 'stride', 'dilation'] as const) {
    const values = perAxis(params[name], rank);
    if (!values) {
      return {
        code: 'rank-mismatch',
        message: `${name} has ${(params[name] as readonly number[]).length} values but the input ${bracketShape(input)} has ${rank} spatial ${rank === 1 ? 'axis' : 'axes'}; give one value per axis or a single number`,
      };
    }
    resolved[name] = values;
  }
  const result = slideWindow(spatial, {
    kernel: resolved.kernelSize,
    stride: resolved.stride,
    dilation: resolved.dilation,
    padding: params.padding,
    ceilMode: params.ceilMode ?? false,
  });
  if (!result.ok) {
    return {
      code: result.message.startsWith('padding') ? 'rank-mismatch' : 'kernel-too-large',
      message: `on input ${bracketShape(input)}, ${result.message}`,
    };
  }
  return {
    spatial: result.spatial,
    kernel: resolved.kernelSize,
    stride: resolved.stride,
    dilation: resolved.dilation,
    pads: result.pads,
    extent: resolved.kernelSize.map((k, axis) => effectiveKernel(k, resolved.dilation[axis] ?? 1)),
  };
}

export function isIssue(value: SlidWindow | LayerIssue): value is LayerIssue {
  return 'code' in value;
}

/** Pools must not pad as much as their kernel, or a window would see only padding (ONNX and PyTorch refuse it). */
export function checkPoolPadding(layer: string, window: SlidWindow): LayerIssue | undefined {
  for (const [axis, k] of window.kernel.entries()) {
    const pad = Math.max(window.pads.begin[axis] ?? 0, window.pads.end[axis] ?? 0);
    if (pad * 2 > k) {
      return {
        code: 'invalid-param',
        message: `pads ${pad} on an axis with kernel ${k}; padding must be at most half the kernel (${Math.floor(k / 2)}), or some windows would see only padding`,
      };
    }
  }
  return undefined;
}

/** "5×5" for a kernel, "5" for a 1-D one. */
export function formatAxes(value: number | readonly number[]): string {
  return typeof value === 'number' ? String(value) : value.join('×');
}

/** Global pooling: [C, ...spatial] → [C, 1, ..., 1]; every output sees the whole input. */
export function inferGlobalPool(layer: string, input: Shape | undefined): LayerInference {
  if (!input) return { error: { code: 'missing-input', message: `needs one input` } };
  const rankProblem = requireSpatial(input);
  if (rankProblem) return { error: rankProblem };
  return { shape: [input[0] ?? 0, ...spatialOf(input).map(() => 1)], window: 'global' };
}
