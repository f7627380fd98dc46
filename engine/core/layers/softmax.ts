import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { AXIS_PARAM, resolveAxis } from './axis.ts';

export const softmax = defineLayer({
  type: 'Softmax',
  category: 'activation',
  summary: 'Turns scores into probabilities that sum to 1 along an axis.',
  help: 'softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ along the axis. Put it on a classifier’s output to read class probabilities.',
  params: { axis: AXIS_PARAM },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) => (p.axis === 0 ? '' : `axis ${p.axis}`),
  infer([input], p) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    const axis = resolveAxis('Softmax', p.axis, input);
    return typeof axis === 'number' ? { shape: input } : { error: axis };
  },
});
