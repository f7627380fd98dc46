import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { inferGlobalPool } from './windowed.ts';

export const globalMaxPool = defineLayer({
  type: 'GlobalMaxPool',
  category: 'pooling',
  summary: 'Takes the maximum of each channel over all positions.',
  help: '[C, ...] → [C, 1, ..., 1]: one number per channel, whatever the input size. No parameters.',
  params: {},
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: () => 'global',
  infer: ([input]) => inferGlobalPool('GlobalMaxPool', input),
});
