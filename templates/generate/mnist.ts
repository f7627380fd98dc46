import type { GraphDocument } from '../../engine/core/index.ts';
import { GraphBuilder } from './graph-builder.ts';

const MNIST_INPUT = [1, 28, 28];
const DIGITS = 10;

const MNIST_CITATION =
  'Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied to document recognition", ' +
  'Proceedings of the IEEE, 86(11):2278–2324, 1998 (the MNIST digits and the baselines on them).';

/** The baseline the small CNN is compared with: every pixel connects to every hidden unit. */
export function mnistMlp(): GraphDocument {
  const b = new GraphBuilder();
  let x = b.add('input', 'Input', { shape: MNIST_INPUT });
  x = b.add('flatten', 'Flatten', {}, x);
  x = b.add('fc1', 'Dense', { outFeatures: 128 }, x);
  x = b.add('relu1', 'ReLU', {}, x);
  x = b.add('fc2', 'Dense', { outFeatures: DIGITS }, x);
  b.add('output', 'Output', {}, x);
  return b.build({
    name: 'MLP baseline (28×28)',
    description:
      'A multilayer perceptron on 28×28 digit images, to compare with the small CNN on the same input. Flatten ' +
      'turns the image into N = 784 numbers and the first dense layer connects each of them to each of 128 hidden ' +
      'units: 784 × 128 + 128 = 100,480 parameters, growing with the input size N. A 56×56 image would need ' +
      '3,136 × 128 + 128 = 401,536 for that layer alone (change the Input shape and watch). It also ignores that ' +
      'neighbouring pixels belong together: shuffle the pixels the same way in every image and it learns just as ' +
      'well.',
    citation: `D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning representations by back-propagating errors", Nature 323:533–536, 1986. Data: ${MNIST_CITATION}`,
  });
}

/** The convolutional counterpart of mnistMlp: shared 3×3 filters, then global average pooling. */
export function mnistCnn(): GraphDocument {
  const b = new GraphBuilder();
  let x = b.add('input', 'Input', { shape: MNIST_INPUT });
  x = b.add('conv1', 'Conv', { outChannels: 16, kernelSize: 3, padding: 1 }, x);
  x = b.add('relu1', 'ReLU', {}, x);
  x = b.add('pool1', 'MaxPool', { kernelSize: 2 }, x);
  x = b.add('conv2', 'Conv', { outChannels: 32, kernelSize: 3, padding: 1 }, x);
  x = b.add('relu2', 'ReLU', {}, x);
  x = b.add('pool2', 'MaxPool', { kernelSize: 2 }, x);
  x = b.add('avgpool', 'GlobalAvgPool', {}, x);
  x = b.add('flatten', 'Flatten', {}, x);
  x = b.add('fc', 'Dense', { outFeatures: DIGITS }, x);
  b.add('output', 'Output', {}, x);
  return b.build({
    name: 'Small CNN (28×28)',
    description:
      'A small convolutional network on the same 28×28 digits as the MLP baseline. A convolution’s parameters do ' +
      'not depend on the input size N: conv1 has 16 filters of 3×3, 16 × 9 + 16 = 160 parameters, whether the image ' +
      'is 28×28 or 1000×1000, because the same filter is applied at every position. Global average pooling then ' +
      'reduces each of the 32 feature maps to one number, so the final dense layer sees 32 features whatever the ' +
      'size. The whole network has 5,130 parameters, about a twentieth of the MLP’s 101,770, and keeps 5,130 on a ' +
      '56×56 input, where the MLP grows to 402,826. Its MACs do grow with N: the filters slide over more positions.',
    citation: `M. Lin, Q. Chen and S. Yan, "Network in network", International Conference on Learning Representations (ICLR), 2014; arXiv:1312.4400 (global average pooling). Data and convolutional baseline: ${MNIST_CITATION}`,
  });
}
