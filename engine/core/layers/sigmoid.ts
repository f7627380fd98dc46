import { defineElementwise } from './elementwise.ts';

export const sigmoid = defineElementwise({
  type: 'Sigmoid',
  summary: 'Squashes to (0, 1): a probability for a yes/no output.',
  help: 'σ(x) = 1/(1 + e⁻ˣ). Use it on a binary output; inside deep networks it saturates and slows learning.',
  params: {},
});
