import { defineElementwise } from './elementwise.ts';

export const dropout = defineElementwise({
  type: 'Dropout',
  category: 'normalization',
  summary: 'Zeroes random activations while training; the identity at inference.',
  help: 'During training each element is zeroed with probability p and the rest scaled by 1/(1 − p), which discourages co-adaptation. At inference (and in the exported ONNX) it does nothing.',
  params: {
    p: {
      kind: 'number',
      default: 0.5,
      min: 0,
      max: 0.999,
      help: 'p: the probability of dropping an element while training.',
    },
  },
  describe: (p) => `p = ${p.p}`,
});
