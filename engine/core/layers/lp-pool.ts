import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { checkPoolPadding, formatAxes, isIssue, slideLayerWindow } from './windowed.ts';

export const lpPool = defineLayer({
  type: 'LpPool',
  category: 'pooling',
  summary: 'The p-norm of each window: between average (p = 1) and max (p → ∞) pooling.',
  help:
    'Computes (Σ |x|^p)^(1/p) over each k-sized window, moving by s (default s = k).\n' +
    'out = floor((n + 2p_ad − k)/s) + 1. No parameters. p = 2 is the "norm" pooling of energy detectors.',
  params: {
    p: {
      kind: 'int',
      min: 1,
      default: 2,
      help: 'The norm order: 1 sums magnitudes, 2 measures energy, larger values approach max pooling.',
    },
    kernelSize: { kind: 'axes', min: 1, label: 'Kernel size', help: 'k: the window size per spatial axis.' },
    stride: {
      kind: 'axes',
      min: 1,
      defaultFrom: 'kernelSize',
      help: 's: the step between windows; defaults to the kernel size.',
    },
    padding: {
      kind: 'padding',
      default: 0,
      modes: ['same', 'valid'],
      help: 'Zeros added on each side, at most half the kernel.',
    },
  },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) => `L${p.p}, ${formatAxes(p.kernelSize)}`,
  infer([input], p) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    const window = slideLayerWindow('LpPool', input, { ...p, dilation: 1 });
    if (isIssue(window)) return { error: window };
    const padProblem = checkPoolPadding('LpPool', window);
    if (padProblem) return { error: padProblem };
    return { shape: [input[0] ?? 0, ...window.spatial], window: { kernel: window.extent, stride: window.stride } };
  },
});
