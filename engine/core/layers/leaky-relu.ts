import { defineElementwise } from './elementwise.ts';

export const leakyRelu = defineElementwise({
  type: 'LeakyReLU',
  summary: 'Like ReLU, with a small slope α for negative inputs.',
  help: 'LeakyReLU(x) = x for x ≥ 0, αx otherwise. The slope keeps a gradient flowing for negative inputs, so units cannot "die".',
  params: { alpha: { kind: 'number', default: 0.01, help: 'α: the slope for negative inputs.' } },
  describe: (p) => `α = ${p.alpha}`,
});
