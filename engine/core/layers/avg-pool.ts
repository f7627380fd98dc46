import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { checkPoolPadding, formatAxes, isIssue, slideLayerWindow } from './windowed.ts';

export const avgPool = defineLayer({
  type: 'AvgPool',
  category: 'pooling',
  summary: 'Averages each window: a smoothing low-pass filter followed by downsampling.',
  help:
    'Averages each k-sized window, moving by s (default s = k).\n' +
    'out = floor((n + 2p − k)/s) + 1 (ceil with ceilMode). No parameters. LeNet-5 used it as "subsampling".',
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
      help: 'p: padding on each side, at most half the kernel.',
    },
    ceilMode: {
      kind: 'bool',
      default: false,
      label: 'Ceil mode',
      help: 'Rounds the output length up, so a partial last window counts.',
    },
    countIncludePad: {
      kind: 'bool',
      default: false,
      label: 'Count padding',
      help: 'Whether padded zeros count in the average’s divisor.',
    },
  },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) => `${formatAxes(p.kernelSize)}${p.stride === p.kernelSize ? '' : ` /${formatAxes(p.stride)}`}`,
  infer([input], p) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    const window = slideLayerWindow('AvgPool', input, { ...p, dilation: 1 });
    if (isIssue(window)) return { error: window };
    const padProblem = checkPoolPadding('AvgPool', window);
    if (padProblem) return { error: padProblem };
    return { shape: [input[0] ?? 0, ...window.spatial], window: { kernel: window.extent, stride: window.stride } };
  },
});
