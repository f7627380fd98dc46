import { defineElementwise } from './elementwise.ts';

export const gelu = defineElementwise({
  type: 'GELU',
  summary: 'x·Φ(x): a smooth ReLU used by ConvNeXt and transformers.',
  help: 'GELU(x) = x·Φ(x), where Φ is the standard normal CDF. Smooth everywhere, it weights inputs by how positive they are.',
  params: {},
});
