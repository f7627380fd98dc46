import { defineLayer, SINGLE_INPUT, type LayerDefinition } from './layer.ts';
import type { ParamSchema, ParamValues } from './params.ts';

interface ElementwiseLayer<S extends ParamSchema> {
  readonly type: string;
  readonly category?: 'activation' | 'normalization';
  readonly summary: string;
  readonly help: string;
  readonly params: S;
  readonly describe?: (params: ParamValues<S>) => string;
}

/** A layer that maps each element on its own: same shape out, no parameters, no MACs. */
export function defineElementwise<S extends ParamSchema>(layer: ElementwiseLayer<S>): LayerDefinition<S> {
  return defineLayer({
    category: 'activation',
    describe: () => '',
    ...layer,
    inputs: SINGLE_INPUT,
    hasOutput: true,
    infer: ([input]) => (input ? { shape: input } : { error: { code: 'missing-input', message: 'needs one input' } }),
  });
}
