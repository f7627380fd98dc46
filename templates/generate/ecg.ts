import type { GraphDocument } from '../../engine/core/index.ts';
import { GraphBuilder } from './graph-builder.ts';

/** Filters and kernel lengths of the four convolution stages. */
const STAGES = [
  { outChannels: 16, kernelSize: 7 },
  { outChannels: 32, kernelSize: 5 },
  { outChannels: 64, kernelSize: 5 },
  { outChannels: 64, kernelSize: 3 },
] as const;

/** PTB-XL's diagnostic superclasses: normal, myocardial infarction, ST/T change, conduction disturbance, hypertrophy. */
const CLASSES = 5;

/**
 * A 1-lead ECG classifier on [1, 1000]: ten seconds at 100 Hz. The same Conv and MaxPool nodes as
 * the image templates become 1-D because the input is [C, N].
 */
export function ecgClassifier(): GraphDocument {
  const b = new GraphBuilder();
  let x = b.add('input', 'Input', { shape: [1, 1000] });
  STAGES.forEach(({ outChannels, kernelSize }, index) => {
    const stage = index + 1;
    // Padding (k − 1)/2 keeps the length, so only the pools shorten the signal.
    x = b.add(`conv${stage}`, 'Conv', { outChannels, kernelSize, padding: (kernelSize - 1) / 2 }, x);
    x = b.add(`relu${stage}`, 'ReLU', {}, x);
    if (stage < STAGES.length) x = b.add(`pool${stage}`, 'MaxPool', { kernelSize: 2 }, x);
  });
  x = b.add('avgpool', 'GlobalAvgPool', {}, x);
  x = b.add('flatten', 'Flatten', {}, x);
  x = b.add('fc', 'Dense', { outFeatures: CLASSES }, x);
  b.add('output', 'Output', {}, x);
  return b.build({
    name: '1-D CNN for ECG',
    description:
      'A 1-lead electrocardiogram classifier: ten seconds sampled at 100 Hz, [1, 1000], into five diagnostic ' +
      'classes (normal, myocardial infarction, ST/T change, conduction disturbance, hypertrophy, as in PTB-XL). ' +
      'The Conv and MaxPool nodes are the same ones the image templates use: on a signal [C, N] they slide along ' +
      'time, so a 7-tap filter with padding 3 keeps 1000 samples and each 2× pool halves them (1000, 500, 250, ' +
      '125). 1-D convolutions learn the shapes of heartbeats (QRS complexes, ST segments) wherever they occur, with ' +
      'a few thousand parameters; global average pooling then makes the whole network independent of the ' +
      'recording’s length.',
    citation:
      'S. Kiranyaz, T. Ince and M. Gabbouj, "Real-time patient-specific ECG classification by 1-D convolutional ' +
      'neural networks", IEEE Transactions on Biomedical Engineering, 63(3):664–675, 2016. Data format: P. Wagner ' +
      'et al., "PTB-XL, a large publicly available electrocardiography dataset", Scientific Data 7:154, 2020.',
  });
}
