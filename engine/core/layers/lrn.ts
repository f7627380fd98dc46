import { bracketShape, defineLayer, describeRank, SINGLE_INPUT } from './layer.ts';

export const lrn = defineLayer({
  type: 'LRN',
  category: 'normalization',
  summary: 'Local response normalisation across neighbouring channels (AlexNet).',
  help: 'bᶜ = aᶜ / (k + α/size · Σ (aᶜ′)²)^β over the `size` channels around c. AlexNet used it for lateral inhibition; BatchNorm has replaced it. No parameters.',
  params: {
    size: { kind: 'int', min: 1, default: 5, help: 'How many neighbouring channels are summed.' },
    alpha: { kind: 'number', default: 1e-4, help: 'α: the scale of the sum.' },
    beta: { kind: 'number', default: 0.75, help: 'β: the exponent.' },
    k: { kind: 'number', default: 1, help: 'k: the bias that keeps the denominator away from zero.' },
  },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) => `size ${p.size}`,
  infer([input]) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    if (input.length !== 3) {
      return {
        error: {
          code: 'needs-image',
          message: `normalises across channels of an image [C, H, W], but received ${describeRank(input)} ${bracketShape(input)}; use BatchNorm instead, or move LRN to the convolutional part`,
        },
      };
    }
    return { shape: input };
  },
});
