import type { GraphDocument } from '../../engine/core/index.ts';
import { GraphBuilder } from './graph-builder.ts';

/**
 * LeNet-5 as the lecture draws it: C1 and C3 convolutions with tanh, S2 and S4 average-pooling
 * ("subsampling") layers, then dense layers of 120, 84 and 10 units. The paper's C5 is a 5×5
 * convolution on a 5×5 map, the same as a dense layer on the flattened 400 features.
 */
export function lenet5(): GraphDocument {
  const b = new GraphBuilder();
  let x = b.add('input', 'Input', { shape: [1, 32, 32] });
  x = b.add('c1', 'Conv', { outChannels: 6, kernelSize: 5 }, x);
  x = b.add('c1.tanh', 'Tanh', {}, x);
  x = b.add('s2', 'AvgPool', { kernelSize: 2 }, x);
  x = b.add('c3', 'Conv', { outChannels: 16, kernelSize: 5 }, x);
  x = b.add('c3.tanh', 'Tanh', {}, x);
  x = b.add('s4', 'AvgPool', { kernelSize: 2 }, x);
  x = b.add('flatten', 'Flatten', {}, x);
  x = b.add('c5', 'Dense', { outFeatures: 120 }, x);
  x = b.add('c5.tanh', 'Tanh', {}, x);
  x = b.add('f6', 'Dense', { outFeatures: 84 }, x);
  x = b.add('f6.tanh', 'Tanh', {}, x);
  x = b.add('f7', 'Dense', { outFeatures: 10 }, x);
  b.add('output', 'Output', {}, x);
  return b.build({
    name: 'LeNet-5',
    description:
      'The convolutional network that read handwritten digits and bank cheques in the 1990s. It introduced the ' +
      'pattern every later CNN follows: small learned filters shared across the image (C1: 6 filters of 5×5, C3: 16), ' +
      'each followed by subsampling (2×2 average pooling) that trades resolution for more feature maps, then fully ' +
      'connected layers (120, 84) and ten outputs, one per digit. Tanh activations throughout; input a 32×32 grey image. ' +
      '61,706 trainable parameters, four fifths of them in the first dense layer.',
    citation:
      'Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied to document recognition", ' +
      'Proceedings of the IEEE, 86(11):2278–2324, 1998.',
  });
}
