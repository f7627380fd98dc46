import { defineLayer, SINGLE_INPUT } from './layer.ts';

export const batchNorm = defineLayer({
  type: 'BatchNorm',
  category: 'normalization',
  summary: 'Normalises each channel with running statistics, then scales and shifts it.',
  help:
    'y = γ(x − μ)/√(σ² + ε) + β per channel. Trainable: γ and β, 2C parameters. ' +
    'Non-trainable: the running mean μ and variance σ², 2C more, learned by averaging during training.',
  params: {
    eps: {
      kind: 'number',
      default: 1e-5,
      min: 0,
      exclusiveMin: true,
      label: 'ε',
      help: 'ε: added to the variance so the division is safe.',
    },
  },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: () => '',
  infer([input]) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    const channels = input[0] ?? 0;
    return { shape: input, trainableParams: 2 * channels, nonTrainableParams: 2 * channels };
  },
});
