/**
 * Truncated and bit-flipped copies of real models: every case must end, quickly, in one clear
 * message or a valid import, never an exception, a hang, or a partial file on disk.
 */
import { clone, fromBinary, toBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelProtoSchema } from 'onnx-buf';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../node/cli/main.ts';
import { loadDesign } from '../../node/files/load-design.ts';
import { analyzeGraph } from '../analysis/analyze-graph.ts';
import { elementCount } from '../layers/conv-arithmetic.ts';
import { importOnnx } from './import-onnx.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
/** Plain Uint8Arrays: a Node Buffer's slice() is a view, which would let mutations leak between cases. */
const MODELS = ['mnist-8', 'opt-mnist', 'super-resolution-10'].map(
  (name) => new Uint8Array(readFileSync(join(FIXTURES, name, 'model.onnx'))),
);
/** Far above what a model of this size takes (a few milliseconds), far below a hang. */
const TIME_LIMIT_MS = 2_000;

type Mutation =
  { readonly kind: 'truncate'; readonly at: number } | { readonly kind: 'flip'; readonly bits: readonly number[] };

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    bits: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
  }),
);

function mutate(model: Uint8Array, change: Mutation): Uint8Array {
  if (change.kind === 'truncate') return model.slice(0, Math.floor(change.at * model.length));
  const copy = model.slice();
  for (const position of change.bits) {
    const bit = Math.floor(position * copy.length * 8);
    copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  }
  return copy;
}

describe('import fuzzing', () => {
  it('ends every truncated or bit-flipped model in a clear message or a valid import, in bounded time', () => {
    let imports = 0;
    let refusals = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MODELS.length - 1 }), mutation, (index, change) => {
        const bytes = mutate(MODELS[index] as Uint8Array, change);
        const start = performance.now();
        const result = importOnnx(bytes);
        expect(performance.now() - start).toBeLessThan(TIME_LIMIT_MS);
        if (!result.ok) {
          refusals++;
          expect(result.message.length).toBeGreaterThan(0);
          expect(result.message).not.toContain('\n');
          expect(result.message).not.toContain('malformed (');
          return;
        }
        imports++;
        expect(analyzeGraph(result.document).valid).toBe(true);
        for (const weights of result.weights.values())
          for (const tensor of Object.values(weights)) expect(tensor.data.length).toBe(elementCount(tensor.dims));
      }),
      { numRuns: 400, seed: 20_260_527 },
    );
    // Both outcomes occur: flips in weight bytes still import, flips in the structure do not.
    expect(imports).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(0);
  });

  it('refuses or imports models whose attributes, dims and wiring were rewritten at random', () => {
    const decoded = MODELS.map((bytes) => fromBinary(ModelProtoSchema, bytes));
    const edit = fc.record({
      model: fc.nat(),
      node: fc.nat(),
      target: fc.constantFrom('attribute', 'dims', 'input', 'opset'),
      values: fc.array(fc.integer({ min: -3, max: 300 }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const models = decoded.map((model) => clone(ModelProtoSchema, model));
        for (const { model: which, node: at, target, values } of edits) {
          const model = models[which % models.length] as (typeof models)[number];
          const graph = model.graph;
          if (!graph) continue;
          const node = graph.node[at % Math.max(1, graph.node.length)];
          const initializer = graph.initializer[at % Math.max(1, graph.initializer.length)];
          if (target === 'attribute' && node && node.attribute.length > 0) {
            const attribute = node.attribute[at % node.attribute.length];
            if (attribute) {
              attribute.ints = values.map(BigInt);
              attribute.i = BigInt(values[0] ?? 0);
            }
          } else if (target === 'dims' && initializer) initializer.dims = values.map(BigInt);
          else if (target === 'input' && node && node.input.length > 0)
            node.input[at % node.input.length] = graph.node[(values[0] ?? 0) % graph.node.length]?.output[0] ?? '';
          else if (target === 'opset')
            model.opsetImport = [
              {
                ...model.opsetImport[0],
                domain: '',
                version: BigInt(values[0] ?? 0),
              } as (typeof model.opsetImport)[number],
            ];
        }
        for (const model of models) {
          const result = importOnnx(toBinary(ModelProtoSchema, model));
          if (result.ok) expect(analyzeGraph(result.document).valid).toBe(true);
          else expect(result.message).not.toMatch(/\n|malformed \(/);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  const folder = mkdtempSync(join(tmpdir(), 'netwright-fuzz-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes both files or none through `netwright import`', async () => {
    const io = { out: () => undefined, err: () => undefined };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1 }), mutation, async (index, change) => {
        for (const file of readdirSync(folder)) rmSync(join(folder, file));
        const modelPath = join(folder, 'model.onnx');
        writeFileSync(modelPath, mutate(MODELS[index] as Uint8Array, change));
        const status = await runCli(['import', modelPath, '-o', join(folder, 'graph.json')], io);
        const written = readdirSync(folder).sort();
        if (status === 0) {
          expect(written).toEqual(['graph.json', 'graph.safetensors', 'model.onnx']);
          const design = await loadDesign(join(folder, 'graph.json'));
          expect(design.weights.size).toBeGreaterThan(0);
        } else {
          expect(status).toBe(2);
          expect(written).toEqual(['model.onnx']);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
