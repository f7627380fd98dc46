import { defineLayer, SINGLE_INPUT } from './layer.ts';

export const output = defineLayer({
  type: 'Output',
  category: 'io',
  summary: 'A result of the network; exactly one incoming edge.',
  help: 'Marks the tensor that the exported model returns. A graph may have several outputs.',
  params: {
    name: { kind: 'text', label: 'Name', help: 'The graph output’s name in ONNX; the node id when empty.' },
  },
  inputs: SINGLE_INPUT,
  hasOutput: false,
  describe: () => '',
  infer: ([input]) => (input ? { shape: input } : { error: { code: 'missing-input', message: 'needs one input' } }),
});
