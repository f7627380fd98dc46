import type { GraphDocument } from '../../engine/core/index.ts';
import { GraphBuilder } from './graph-builder.ts';

/**
 * AlexNet in torchvision's layout (`torchvision.models.alexnet`), node ids equal to its module
 * names (features.0, classifier.1, …) so its weights map one to one. torchvision follows the
 * one-GPU variant of "One weird trick…" (64-192-384-256-256 filters) and has no LRN. Its
 * AdaptiveAvgPool2d((6, 6)) is the identity on a 224×224 input, whose features are already 6×6,
 * so it is left out.
 */
export function alexnet(): GraphDocument {
  const b = new GraphBuilder();
  let x = b.add('input', 'Input', { shape: [3, 224, 224] });
  x = b.add('features.0', 'Conv', { outChannels: 64, kernelSize: 11, stride: 4, padding: 2 }, x);
  x = b.add('features.1', 'ReLU', {}, x);
  x = b.add('features.2', 'MaxPool', { kernelSize: 3, stride: 2 }, x);
  x = b.add('features.3', 'Conv', { outChannels: 192, kernelSize: 5, padding: 2 }, x);
  x = b.add('features.4', 'ReLU', {}, x);
  x = b.add('features.5', 'MaxPool', { kernelSize: 3, stride: 2 }, x);
  x = b.add('features.6', 'Conv', { outChannels: 384, kernelSize: 3, padding: 1 }, x);
  x = b.add('features.7', 'ReLU', {}, x);
  x = b.add('features.8', 'Conv', { outChannels: 256, kernelSize: 3, padding: 1 }, x);
  x = b.add('features.9', 'ReLU', {}, x);
  x = b.add('features.10', 'Conv', { outChannels: 256, kernelSize: 3, padding: 1 }, x);
  x = b.add('features.11', 'ReLU', {}, x);
  x = b.add('features.12', 'MaxPool', { kernelSize: 3, stride: 2 }, x);
  x = b.add('flatten', 'Flatten', {}, x);
  x = b.add('classifier.0', 'Dropout', { p: 0.5 }, x);
  x = b.add('classifier.1', 'Dense', { outFeatures: 4096 }, x);
  x = b.add('classifier.2', 'ReLU', {}, x);
  x = b.add('classifier.3', 'Dropout', { p: 0.5 }, x);
  x = b.add('classifier.4', 'Dense', { outFeatures: 4096 }, x);
  x = b.add('classifier.5', 'ReLU', {}, x);
  x = b.add('classifier.6', 'Dense', { outFeatures: 1000 }, x);
  b.add('output', 'Output', {}, x);
  return b.build({
    name: 'AlexNet',
    description:
      'The network that won ImageNet 2012 by a wide margin and started the deep-learning era in vision. It scaled ' +
      'LeNet’s recipe up to 224×224 colour images and 1000 classes and introduced what made that trainable: ReLU ' +
      'activations instead of tanh, dropout in the large dense layers, overlapping 3×3/2 max pooling, data ' +
      'augmentation, and training on GPUs. Large strided filters first (11×11, stride 4), small ones later. This is ' +
      'torchvision’s single-GPU variant without local response normalisation; of its 61.1 M parameters, 58.6 M sit in ' +
      'the three dense layers.',
    citation:
      'A. Krizhevsky, I. Sutskever and G. E. Hinton, "ImageNet classification with deep convolutional neural ' +
      'networks", Advances in Neural Information Processing Systems 25 (NIPS 2012); layout as in torchvision, after ' +
      'A. Krizhevsky, "One weird trick for parallelizing convolutional neural networks", arXiv:1404.5997, 2014.',
  });
}
