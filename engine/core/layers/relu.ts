import { defineElementwise } from './elementwise.ts';

export const relu = defineElementwise({
  type: 'ReLU',
  summary: 'max(0, x): the default non-linearity of modern CNNs.',
  help: 'ReLU(x) = max(0, x). Cheap, and its gradient does not vanish for positive inputs, which let deep networks train (AlexNet).',
  params: {},
});
