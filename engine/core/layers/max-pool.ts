import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { checkPoolPadding, formatAxes, isIssue, slideLayerWindow } from './windowed.ts';

export const maxPool = defineLayer({
  type: 'MaxPool',
  category: 'pooling',
  summary: 'Keeps the largest value in each window: downsamples and tolerates small shifts.',
  help:
    'Takes the maximum over each k-sized window, moving by s (default s = k, non-overlapping).\n' +
    'out = floor((n + 2p − d(k−1) − 1)/s) + 1 (ceil with ceilMode). No parameters: pooling learns nothing.',
  params: {
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
      help: 'p: padding on each side, at most half the kernel; padded cells never win the max.',
    },
    dilation: { kind: 'axes', min: 1, default: 1, help: 'd: the gap between window taps.' },
    ceilMode: {
      kind: 'bool',
      default: false,
      label: 'Ceil mode',
      help: 'Rounds the output length up instead of down, so a partial last window counts.',
    },
  },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) => `${formatAxes(p.kernelSize)}${p.stride === p.kernelSize ? '' : ` /${formatAxes(p.stride)}`}`,
  infer([input], p) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    const window = slideLayerWindow('MaxPool', input, p);
    if (isIssue(window)) return { error: window };
    const padProblem = checkPoolPadding('MaxPool', window);
    if (padProblem) return { error: padProblem };
    return { shape: [input[0] ?? 0, ...window.spatial], window: { kernel: window.extent, stride: window.stride } };
  },
});
