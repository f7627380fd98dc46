import { bracketShape, type LayerIssue } from './layer.ts';
import type { Shape } from './conv-arithmetic.ts';
import type { IntParamSpec } from './params.ts';

/** The axis parameter of Softmax, LogSoftmax and Concat: an axis of the batch-free shape, negative counts from the end. */
export const AXIS_PARAM: IntParamSpec = {
  kind: 'int',
  min: -8,
  max: 8,
  default: 0,
  help: 'An axis of the shape without the batch: 0 is the channel (or feature) axis; −1 is the last axis.',
};

/** Normalises a possibly negative axis, or explains why it does not exist. */
export function resolveAxis(layer: string, axis: number, shape: Shape): number | LayerIssue {
  const resolved = axis < 0 ? axis + shape.length : axis;
  if (resolved >= 0 && resolved < shape.length) return resolved;
  return {
    code: 'axis-out-of-range',
    message: `axis ${axis} does not exist in ${bracketShape(shape)}, which has axes 0 to ${shape.length - 1} (the batch axis is not counted)`,
  };
}
