import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { AXIS_PARAM, resolveAxis } from './axis.ts';

export const logSoftmax = defineLayer({
  type: 'LogSoftmax',
  category: 'activation',
  summary: 'The logarithm of Softmax, computed stably; what PyTorch classifiers trained with NLLLoss export.',
  help: 'logsoftmax(x)ᵢ = xᵢ − log Σⱼ eˣʲ along the axis. Numerically safer than log(softmax(x)); its arg-max is the same class.',
  params: { axis: AXIS_PARAM },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) => (p.axis === 0 ? '' : `axis ${p.axis}`),
  infer([input], p) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    const axis = resolveAxis('LogSoftmax', p.axis, input);
    return typeof axis === 'number' ? { shape: input } : { error: axis };
  },
});
