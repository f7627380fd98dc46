import { elementCount } from './conv-arithmetic.ts';
import { defineLayer, SINGLE_INPUT } from './layer.ts';
import { formatAxes, isIssue, slideLayerWindow } from './windowed.ts';

export const conv = defineLayer({
  type: 'Conv',
  category: 'convolution',
  summary: 'Slides F learned filters over the input; the same node is a 1-D, 2-D or 3-D convolution.',
  help:
    'Each of the F output channels is a filter of size K over all F_in input channels (divided by groups).\n' +
    'Output length per axis: out = floor((n + 2p − d(k−1) − 1)/s) + 1.\n' +
    'Parameters: K·F_in·F_out/groups + F_out (bias), where K is the product of the kernel sizes. ' +
    'They do not depend on the input size n: the same filter is shared at every position.',
  params: {
    outChannels: {
      kind: 'int',
      min: 1,
      label: 'Filters (out channels)',
      help: 'F_out: how many filters, hence how many output channels.',
    },
    kernelSize: {
      kind: 'axes',
      min: 1,
      label: 'Kernel size',
      help: 'k: the filter size per spatial axis; one number for all axes or a list such as [3, 5].',
    },
    stride: { kind: 'axes', min: 1, default: 1, help: 's: how far the filter moves per step; s > 1 downsamples by s.' },
    padding: {
      kind: 'padding',
      default: 0,
      modes: ['same', 'valid'],
      help: 'p: zeros added on each side. "same" keeps ceil(n/s) outputs (ONNX SAME_UPPER); "valid" adds none.',
    },
    dilation: {
      kind: 'axes',
      min: 1,
      default: 1,
      help: 'd: the gap between kernel taps; a dilated kernel spans d(k−1)+1 samples.',
    },
    groups: {
      kind: 'int',
      min: 1,
      default: 1,
      help: 'Splits the channels into groups that are convolved separately; groups = F_in is a depthwise convolution.',
    },
    bias: {
      kind: 'bool',
      default: true,
      help: 'Adds one learned offset per output channel (F_out parameters). Usually off before a BatchNorm.',
    },
  },
  inputs: SINGLE_INPUT,
  hasOutput: true,
  describe: (p) =>
    `${p.outChannels} filters, ${formatAxes(p.kernelSize)}${p.stride === 1 ? '' : ` /${formatAxes(p.stride)}`}`,
  infer([input], p) {
    if (!input) return { error: { code: 'missing-input', message: 'needs one input' } };
    const window = slideLayerWindow('Conv', input, p);
    if (isIssue(window)) return { error: window };
    const inChannels = input[0] ?? 0;
    if (inChannels % p.groups !== 0 || p.outChannels % p.groups !== 0) {
      return {
        error: {
          code: 'groups-mismatch',
          message: `groups = ${p.groups} must divide both the input channels (${inChannels}) and outChannels (${p.outChannels}); try groups = ${gcd(inChannels, p.outChannels)} or 1`,
        },
      };
    }
    const shape = [p.outChannels, ...window.spatial];
    const kernelVolume = elementCount(window.kernel);
    const weightsPerFilter = kernelVolume * (inChannels / p.groups);
    return {
      shape,
      trainableParams: weightsPerFilter * p.outChannels + (p.bias ? p.outChannels : 0),
      macs: elementCount(shape) * weightsPerFilter,
      window: { kernel: window.extent, stride: window.stride },
    };
  },
});

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
