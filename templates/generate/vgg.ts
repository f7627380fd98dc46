import type { GraphDocument } from '../../engine/core/index.ts';
import { GraphBuilder } from './graph-builder.ts';

/** A VGG configuration as torchvision lists it: channel counts of 3×3 convolutions, 'M' for a 2×2 max pool. */
type VggConfiguration = readonly (number | 'M')[];

/** Configuration A of the paper: 8 convolutions + 3 dense layers. One line per stage, as in the paper's table. */
// prettier-ignore
const VGG_11: VggConfiguration = [
  64, 'M',
  128, 'M',
  256, 256, 'M',
  512, 512, 'M',
  512, 512, 'M',
];
/** Configuration D of the paper: 13 convolutions + 3 dense layers. */
// prettier-ignore
const VGG_16: VggConfiguration = [
  64, 64, 'M',
  128, 128, 'M',
  256, 256, 256, 'M',
  512, 512, 512, 'M',
  512, 512, 512, 'M',
];

/**
 * VGG in torchvision's layout (`torchvision.models.vgg11` / `vgg16`, without batch norm), node ids
 * equal to its module names. Its AdaptiveAvgPool2d((7, 7)) is the identity on a 224×224 input and
 * is left out.
 */
function vgg(configuration: VggConfiguration, name: string, description: string): GraphDocument {
  const b = new GraphBuilder();
  let x = b.add('input', 'Input', { shape: [3, 224, 224] });
  let index = 0;
  for (const entry of configuration) {
    if (entry === 'M') {
      x = b.add(`features.${index}`, 'MaxPool', { kernelSize: 2, stride: 2 }, x);
      index += 1;
    } else {
      x = b.add(`features.${index}`, 'Conv', { outChannels: entry, kernelSize: 3, padding: 1 }, x);
      x = b.add(`features.${index + 1}`, 'ReLU', {}, x);
      index += 2;
    }
  }
  x = b.add('flatten', 'Flatten', {}, x);
  x = b.add('classifier.0', 'Dense', { outFeatures: 4096 }, x);
  x = b.add('classifier.1', 'ReLU', {}, x);
  x = b.add('classifier.2', 'Dropout', { p: 0.5 }, x);
  x = b.add('classifier.3', 'Dense', { outFeatures: 4096 }, x);
  x = b.add('classifier.4', 'ReLU', {}, x);
  x = b.add('classifier.5', 'Dropout', { p: 0.5 }, x);
  x = b.add('classifier.6', 'Dense', { outFeatures: 1000 }, x);
  b.add('output', 'Output', {}, x);
  return b.build({
    name,
    description:
      `${description} VGG showed that depth is what matters and that it can be had from the smallest filter that ` +
      'sees a neighbourhood: every convolution is 3×3 with padding 1, so it keeps the size, and 2×2 max pooling halves ' +
      'it. Two stacked 3×3 layers see 5×5 and three see 7×7, with fewer parameters and more nonlinearities than one ' +
      'large filter. Channels double after each pool (64 to 512). As in AlexNet, most parameters sit in the first ' +
      'dense layer (25,088 × 4,096), while most computation sits in the convolutions.',
    citation:
      'K. Simonyan and A. Zisserman, "Very deep convolutional networks for large-scale image recognition", ' +
      'International Conference on Learning Representations (ICLR), 2015; arXiv:1409.1556.',
  });
}

export function vgg11(): GraphDocument {
  return vgg(VGG_11, 'VGG-11', 'VGG-11 (configuration A): 8 convolutions and 3 dense layers.');
}

export function vgg16(): GraphDocument {
  return vgg(VGG_16, 'VGG-16', 'VGG-16 (configuration D): 13 convolutions and 3 dense layers.');
}
