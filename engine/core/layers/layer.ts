import type { DiagnosticCode, Severity } from '../diagnostics.ts';
import type { Shape } from './conv-arithmetic.ts';
import type { ParamSchema, ParamValues } from './params.ts';

/** Palette groups, in the order the palette shows them. */
export const LAYER_CATEGORIES = {
  io: 'Input/Output',
  convolution: 'Convolution',
  pooling: 'Pooling',
  activation: 'Activation',
  dense: 'Dense and Flatten',
  merge: 'Merge',
  normalization: 'Normalization and Regularization',
} as const;

export type LayerCategory = keyof typeof LAYER_CATEGORIES;

export interface LayerIssue {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly severity?: Severity;
}

/**
 * How a layer moves its window over the spatial axes, for the receptive field: the effective
 * (dilated) kernel and the stride per axis, or 'global' when every output sees the whole input.
 * Layers without a window (elementwise ones) pass the receptive field through.
 */
export type SpatialWindow = { readonly kernel: readonly number[]; readonly stride: readonly number[] } | 'global';

export interface LayerOutput {
  readonly shape: Shape;
  readonly trainableParams?: number;
  readonly nonTrainableParams?: number;
  readonly macs?: number;
  readonly window?: SpatialWindow;
  readonly warnings?: readonly LayerIssue[];
}

export type LayerInference = LayerOutput | { readonly error: LayerIssue };

/** The inputs a node takes: a fixed count, or at least `min` for merges. */
export interface InputPorts {
  readonly min: number;
  readonly max: number;
}

/**
 * One node type. Its parameter schema drives the palette entry, the inspector form, validation,
 * the defaults and the saved file; `infer` is a pure function of input shapes and parameters.
 */
export interface LayerDefinition<S extends ParamSchema = ParamSchema> {
  readonly type: string;
  readonly category: LayerCategory;
  /** One line for the palette. */
  readonly summary: string;
  /** Teaching help for the inspector: the formula and why. */
  readonly help: string;
  readonly params: S;
  readonly inputs: InputPorts;
  /** False only for Output, which ends the graph. */
  readonly hasOutput: boolean;
  /** The key parameters as a node card shows them, e.g. "6 filters, 5×5". */
  describe(params: ParamValues<S>): string;
  infer(inputs: readonly Shape[], params: ParamValues<S>): LayerInference;
}

export function defineLayer<S extends ParamSchema>(definition: LayerDefinition<S>): LayerDefinition<S> {
  return definition;
}

export const SINGLE_INPUT: InputPorts = { min: 1, max: 1 };

export function isLayerError(result: LayerInference): result is { readonly error: LayerIssue } {
  return 'error' in result;
}

/** Spatial axes of a channels-first shape: [C, ...spatial]. */
export function spatialOf(shape: Shape): Shape {
  return shape.slice(1);
}

/** Names a rank the way the lecture does. */
export function describeRank(shape: Shape): string {
  switch (shape.length) {
    case 1:
      return `a feature vector [F]`;
    case 2:
      return `a 1-D signal [C, N]`;
    case 3:
      return `an image [C, H, W]`;
    case 4:
      return `a volume [C, D, H, W]`;
    default:
      return `a rank-${shape.length} tensor`;
  }
}

/** Formats a shape in brackets for messages: [6, 28, 28]. */
export function bracketShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Refuses inputs without spatial axes, for Conv and pools. */
export function requireSpatial(shape: Shape): LayerIssue | undefined {
  if (shape.length >= 2) return undefined;
  return {
    code: 'rank-mismatch',
    message: `needs a signal [C, N], an image [C, H, W] or a volume [C, D, H, W], but received ${describeRank(shape)} ${bracketShape(shape)}; move it before the Flatten or give the Input a channel axis`,
  };
}
