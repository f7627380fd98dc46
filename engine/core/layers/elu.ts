import { defineElementwise } from './elementwise.ts';

export const elu = defineElementwise({
  type: 'ELU',
  summary: 'Like ReLU, but smooth and saturating at −α for negative inputs.',
  help: 'ELU(x) = x for x > 0, α(eˣ − 1) otherwise. Mean activations closer to zero speed up learning.',
  params: { alpha: { kind: 'number', default: 1, help: 'α: the value negative inputs saturate towards (−α).' } },
  describe: (p) => `α = ${p.alpha}`,
});
