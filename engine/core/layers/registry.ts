/**
 * The layer catalogue: one explicit registry, no import side effects. Adding a node type means
 * one file plus one line here; `LayerType` follows.
 */
import { add } from './add.ts';
import { avgPool } from './avg-pool.ts';
import { batchNorm } from './batch-norm.ts';
import { concat } from './concat.ts';
import { conv } from './conv.ts';
import { dense } from './dense.ts';
import { dropout } from './dropout.ts';
import { elu } from './elu.ts';
import { flatten } from './flatten.ts';
import { gelu } from './gelu.ts';
import { globalAvgPool } from './global-avg-pool.ts';
import { globalMaxPool } from './global-max-pool.ts';
import { input } from './input.ts';
import type { LayerDefinition } from './layer.ts';
import { leakyRelu } from './leaky-relu.ts';
import { logSoftmax } from './log-softmax.ts';
import { lpPool } from './lp-pool.ts';
import { lrn } from './lrn.ts';
import { maxPool } from './max-pool.ts';
import { output } from './output.ts';
import { relu } from './relu.ts';
import { sigmoid } from './sigmoid.ts';
import { softmax } from './softmax.ts';
import { tanh } from './tanh.ts';

export const LAYERS = {
  Input: input,
  Output: output,
  Conv: conv,
  MaxPool: maxPool,
  AvgPool: avgPool,
  LpPool: lpPool,
  GlobalAvgPool: globalAvgPool,
  GlobalMaxPool: globalMaxPool,
  ReLU: relu,
  LeakyReLU: leakyRelu,
  ELU: elu,
  GELU: gelu,
  Tanh: tanh,
  Sigmoid: sigmoid,
  Softmax: softmax,
  LogSoftmax: logSoftmax,
  Flatten: flatten,
  Dense: dense,
  Add: add,
  Concat: concat,
  BatchNorm: batchNorm,
  Dropout: dropout,
  LRN: lrn,
} as const satisfies Record<string, { readonly type: string }>;

export type LayerType = keyof typeof LAYERS;

export const LAYER_TYPES = Object.keys(LAYERS) as LayerType[];

export function isLayerType(type: string): type is LayerType {
  return Object.hasOwn(LAYERS, type);
}

/** The definition of a type, widened for generic use (params as a plain record). */
export function layerOf(type: LayerType): LayerDefinition {
  return LAYERS[type];
}
