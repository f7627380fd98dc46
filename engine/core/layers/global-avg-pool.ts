import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { inferGlobalPool } from './windowed.ts';

export const globalAvgPool = defineLayer({
  type: 'GlobalAvgPool',
  category: 'pooling',
  summary: 'Averages each channel over all positions.',
  help: '[C, ...] → [C, 1, ..., 1]: one number per channel, whatever the input size. It lets a network end without a Flatten and a large Dense layer (ResNet). No parameters.',
  params: {},
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: () => 'global',
  infer: ([input]) => inferGlobalPool('GlobalAvgPool', input),
});
