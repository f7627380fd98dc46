import { defineElementwise } from './elementwise.ts';

export const tanh = defineElementwise({
  type: 'Tanh',
  summary: 'Squashes to (−1, 1); the activation of LeNet-5.',
  help: 'tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ). Zero-centred, but it saturates for large |x|, so gradients vanish in deep stacks.',
  params: {},
});
