/**
 * Every template the generator writes: id (the file name in templates/ without .json) and the
 * function that builds its graph. Positions come from layoutGraph, so the output is the same on
 * every run and every machine.
 */
import { layoutGraph, serializeGraphDocument, type GraphDocument } from '../../engine/core/index.ts';
import { alexnet } from './alexnet.ts';
import { ecgClassifier } from './ecg.ts';
import { lenet5 } from './lenet.ts';
import { mnistCnn, mnistMlp } from './mnist.ts';
import { resnet } from './resnet.ts';
import { vgg11, vgg16 } from './vgg.ts';

export const TEMPLATE_BUILDERS: Readonly<Record<string, () => GraphDocument>> = {
  'lenet-5': lenet5,
  alexnet,
  'vgg-11': vgg11,
  'vgg-16': vgg16,
  'resnet-18': () => resnet(18),
  'resnet-34': () => resnet(34),
  'resnet-50': () => resnet(50),
  'resnet-101': () => resnet(101),
  'resnet-152': () => resnet(152),
  'ecg-1d-cnn': ecgClassifier,
  'mnist-mlp': mnistMlp,
  'mnist-cnn': mnistCnn,
};

/** Builds and lays out every template; returns file name → file text, as generate.ts writes them. */
export async function renderTemplates(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [id, build] of Object.entries(TEMPLATE_BUILDERS))
    files.set(`${id}.json`, serializeGraphDocument(await layoutGraph(build())));
  return files;
}
