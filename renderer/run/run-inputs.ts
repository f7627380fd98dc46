/**
 * What a run feeds the network: the design's input as the analysis sees it, the user's choice of
 * source, and the tensor that choice gives for that input. The browser-only step (decoding image
 * files) happens before; everything here is pure.
 */
import type { GraphAnalysis, InferenceInput } from '../../engine/core/index.ts';
import {
  repeatChannels,
  signalFromColumns,
  syntheticSignal,
  type SignalKind,
} from '../../engine/core/signal/synthetic-signals.ts';
import { imageTensor, takesImages, type PixelRange, type RgbaPixels } from './image-tensor.ts';

export type InputKind = 'image' | 'signal' | 'other';

export interface InputSpec {
  readonly nodeId: string;
  /** Without the batch: [C, H, W], [C, N], [F], ... */
  readonly shape: readonly number[];
  /** 'image' takes pictures, 'signal' is a 1-D [C, N] input, 'other' takes random values or CSV. */
  readonly kind: InputKind;
}

/** The design's first Input (in document order) that the analysis could infer. */
export function inputSpecOf(analysis: GraphAnalysis): InputSpec | undefined {
  for (const node of analysis.document.nodes) {
    if (node.type !== 'Input') continue;
    const shape = analysis.nodes.get(node.id)?.output?.shape;
    if (!shape) continue;
    return { nodeId: node.id, shape, kind: takesImages(shape) ? 'image' : shape.length === 2 ? 'signal' : 'other' };
  }
  return undefined;
}

export type InputChoice =
  | { readonly kind: 'sample'; readonly sampleId: string }
  | { readonly kind: 'image'; readonly name: string; readonly pixels: RgbaPixels }
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'signal'; readonly signal: SignalKind; readonly seed: number }
  | { readonly kind: 'csv'; readonly name: string; readonly columns: readonly Float32Array[] };

/** The bundled sample a fresh image input starts with: a digit for grey inputs, colour blobs for RGB. */
export function defaultSample(spec: InputSpec): string {
  return spec.shape[0] === 3 ? 'blobs' : 'mnist-3';
}

/** The choice a fresh panel starts with for this input. */
export function defaultChoice(spec: InputSpec): InputChoice {
  switch (spec.kind) {
    case 'image':
      return { kind: 'sample', sampleId: defaultSample(spec) };
    case 'signal':
      return { kind: 'signal', signal: 'chirp', seed: 0 };
    case 'other':
      return { kind: 'random', seed: 0 };
  }
}

/** Whether a choice fits an input of this kind (an image cannot feed a signal input). */
export function choiceFits(choice: InputChoice, kind: InputKind): boolean {
  switch (choice.kind) {
    case 'random':
      return true;
    case 'sample':
    case 'image':
      return kind === 'image';
    case 'signal':
      return kind === 'signal';
    case 'csv':
      return kind !== 'image';
  }
}

export type BuiltInput =
  | { readonly ok: true; readonly input: InferenceInput; readonly note: string | undefined }
  | { readonly ok: false; readonly message: string };

function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/**
 * The InferenceInput for a choice; `pixels` are the decoded sample or file for image choices.
 * Values travel as a tensor of exactly the input's size; random inputs are drawn by the engine.
 */
export function buildInput(
  choice: InputChoice,
  spec: InputSpec,
  range: PixelRange,
  pixels: RgbaPixels | undefined,
): BuiltInput {
  const tensor = (data: Float32Array, note?: string): BuiltInput => ({
    ok: true,
    input: { kind: 'tensor', data: Array.from(data) },
    note,
  });
  switch (choice.kind) {
    case 'random':
      return { ok: true, input: { kind: 'random', seed: choice.seed }, note: undefined };
    case 'sample':
    case 'image':
      if (spec.kind !== 'image' || !pixels)
        return { ok: false, message: `an image cannot feed the input [${spec.shape.join(', ')}]` };
      return tensor(imageTensor(pixels, spec.shape, range));
    case 'signal': {
      const [channels = 1, length = 0] = spec.shape;
      if (spec.kind !== 'signal')
        return { ok: false, message: `a signal feeds a [C, N] input, not [${spec.shape.join(', ')}]` };
      return tensor(repeatChannels(syntheticSignal(choice.signal, length, choice.seed), channels));
    }
    case 'csv': {
      if (spec.kind === 'signal') {
        const [channels = 1, length = 0] = spec.shape;
        const built = signalFromColumns(choice.columns, channels, length);
        if ('message' in built) return { ok: false, message: built.message };
        const notes = [
          built.timeColumn ? 'the first column is taken as time' : undefined,
          built.resampledFrom === undefined ? undefined : `resampled from ${built.resampledFrom} to ${length} samples`,
        ].filter((note) => note !== undefined);
        return tensor(built.data, notes.length > 0 ? `From ${choice.name}: ${notes.join('; ')}.` : undefined);
      }
      // Any other input takes the file's values in order, row by row.
      const count = elementCount(spec.shape);
      const rows = choice.columns[0]?.length ?? 0;
      const values = new Float32Array(rows * choice.columns.length);
      for (let r = 0; r < rows; r++)
        for (const [c, column] of choice.columns.entries()) values[r * choice.columns.length + c] = column[r] ?? 0;
      if (values.length !== count)
        return {
          ok: false,
          message: `the file has ${values.length} values but the input [${spec.shape.join(', ')}] takes ${count}`,
        };
      return tensor(values);
    }
  }
}
