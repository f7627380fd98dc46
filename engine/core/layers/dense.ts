import { bracketShape, defineLayer, describeRank, SINGLE_INPUT } from './layer.ts';

export const dense = defineLayer({
  type: 'Dense',
  category: 'dense',
  summary: 'Connects every input feature to every output: a fully connected (linear) layer.',
  help:
    'y = Wx + b on a vector [F_in] → [F_out].\n' +
    'Parameters: F_in·F_out + F_out. Unlike a convolution’s, they grow with the input size: ' +
    'a Dense layer on a flattened N-sample signal has N·F_out weights.',
  params: {
    outFeatures: {
      kind: 'int',
      min: 1,
      label: 'Out features',
      help: 'F_out: the number of outputs (classes, for a final layer).',
    },
    bias: { kind: 'bool', default: true, help: 'Adds one learned offset per output (F_out parameters).' },
  },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) => `${p.outFeatures} units`,
  infer([input], p) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    if (input.length !== 1) {
      return {
        error: {
          code: 'needs-vector',
          message: `needs a feature vector [F], but received ${describeRank(input)} ${bracketShape(input)}; insert a Flatten (giving [${input.reduce((a, b) => a * b, 1)}]) or a GlobalAvgPool before it`,
        },
      };
    }
    const inFeatures = input[0] ?? 0;
    return {
      shape: [p.outFeatures],
      trainableParams: inFeatures * p.outFeatures + (p.bias ? p.outFeatures : 0),
      macs: inFeatures * p.outFeatures,
      window: 'global',
    };
  },
});
