/**
 * A real model end to end, when ../shared/models is present: opt-mnist (an MNIST CNN) imported as a
 * design, lowered back to ONNX and run through the engine must reproduce the reference outputs and
 * read the labelled JPEG digits correctly.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TensorProtoSchema } from 'onnx-buf';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDesign } from '../files/load-design.ts';
import { InferenceEngine } from './inference-engine.ts';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/opt-mnist/', import.meta.url));
const present = existsSync(`${MODEL_DIR}model.onnx`);
if (!present) console.log(`real-model check skipped: ${MODEL_DIR} is absent`);

function floats(path: string): { dims: number[]; data: Float32Array } {
  const tensor = fromBinary(TensorProtoSchema, readFileSync(path));
  const raw = tensor.rawData;
  // A copy: raw may be a view into a larger (Buffer pool) array.
  const data = raw.length > 0 ? new Float32Array(new Uint8Array(raw).buffer) : Float32Array.from(tensor.floatData);
  return { dims: tensor.dims.map(Number), data };
}

describe.runIf(present)('opt-mnist imported, lowered and run', () => {
  const engine = new InferenceEngine();
  afterAll(() => engine.close());

  it('reproduces the reference outputs of its three test sets', async () => {
    const design = await loadDesign(`${MODEL_DIR}model.onnx`);
    for (const set of [0, 1, 2]) {
      const input = floats(`${MODEL_DIR}test_data_set_${set}/input_0.pb`);
      const expected = floats(`${MODEL_DIR}test_data_set_${set}/output_0.pb`);
      const result = await engine.run({
        model: { kind: 'design', design },
        inputs: { kind: 'values', data: input.data },
      });
      const [output] = Object.values(result.outputs);
      expect(output?.dims).toEqual(expected.dims);
      // onnxruntime's own error on these logits is about 8e-4 (../shared/models/README.md).
      const worst = Math.max(...expected.data.map((value, i) => Math.abs((output?.data[i] ?? Number.NaN) - value)));
      expect(worst).toBeLessThan(1e-3);
    }
  });

  it('reads the labelled JPEG digits', async () => {
    const design = await loadDesign(`${MODEL_DIR}model.onnx`);
    for (const digit of [0, 3, 5, 7]) {
      // The model was trained on pixel values 0..255: a std of 1/255 undoes the scaling to [0, 1].
      const result = await engine.run({
        model: { kind: 'design', design },
        inputs: { kind: 'image', path: `${MODEL_DIR}images/${digit}.jpg`, std: [1 / 255] },
      });
      const [top] = Object.values(result.topK);
      expect(top?.[0]?.[0]?.index).toBe(digit);
    }
  });
});
