import { formatShape } from './conv-arithmetic.ts';
import { defineLayer } from './layer.ts';

export const input = defineLayer({
  type: 'Input',
  category: 'io',
  summary: 'Where data enters: its shape without the batch, channels first.',
  help: 'Shapes exclude the batch dimension and put channels first: [C, N] for a 1-D signal, [C, H, W] for an image, [F] for a feature vector. The exported ONNX adds a batch dimension N in front.',
  params: {
    shape: {
      kind: 'shape',
      label: 'Shape',
      help: 'The input shape without the batch, e.g. [1, 28, 28] for a grey 28×28 image or [1, 1000] for a 1000-sample signal.',
    },
    name: { kind: 'text', label: 'Name', help: 'The graph input’s name in ONNX; the node id when empty.' },
  },
  inputs: { min: 0, max: 0 },
  hasOutput: true,
  describe: (p) => formatShape(p.shape),
  infer: (_inputs, p) => ({ shape: p.shape }),
});
