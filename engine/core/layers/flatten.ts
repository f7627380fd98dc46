import { elementCount } from './conv-arithmetic.ts';
import { defineLayer, SINGLE_INPUT } from './layer.ts';

export const flatten = defineLayer({
  type: 'Flatten',
  category: 'dense',
  summary: 'Unrolls a feature map into one vector, so a Dense layer can follow.',
  help: '[d₀, d₁, …] → [d₀·d₁·…]. No parameters, but everything after it is tied to the input size: a Dense layer after it has as many weights per output as the map has elements.',
  params: {},
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: () => '',
  infer([input]) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    return { shape: [elementCount(input)] };
  },
});
