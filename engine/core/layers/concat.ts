import { defineLayer, bracketShape } from './layer.ts';
import { AXIS_PARAM, resolveAxis } from './axis.ts';

export const concat = defineLayer({
  type: 'Concat',
  category: 'merge',
  summary: 'Stacks two or more tensors along an axis, by default the channels (Inception, DenseNet).',
  help: 'Joins its inputs along `axis`; every other dimension must match. On the channel axis, [64, H, W] and [32, H, W] give [96, H, W]. No parameters. The input order is the port order.',
  params: { axis: AXIS_PARAM },
  inputs: { min: 2, max: Number.POSITIVE_INFINITY },
  hasOutput: true,
  describe: (p) => (p.axis === 0 ? 'channels' : `axis ${p.axis}`),
  infer(inputs, p) {
    const [first] = inputs;
    if (!first || inputs.length < 2)
      return { error: { code: 'missing-input', message: `needs at least 2 inputs, got ${inputs.length}` } };
    const axis = resolveAxis('Concat', p.axis, first);
    if (typeof axis !== 'number') return { error: axis };
    let total = 0;
    for (const [port, shape] of inputs.entries()) {
      const agrees = shape.length === first.length && shape.every((dim, i) => i === axis || dim === first[i]);
      if (!agrees) {
        return {
          error: {
            code: 'shape-mismatch',
            message: `on axis ${axis} needs inputs equal on every other axis, but input 0 is ${bracketShape(first)} and input ${port} is ${bracketShape(shape)}`,
          },
        };
      }
      total += shape[axis] ?? 0;
    }
    return { shape: first.map((dim, i) => (i === axis ? total : dim)) };
  },
});
