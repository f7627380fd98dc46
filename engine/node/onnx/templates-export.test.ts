/**
 * Every template in templates/ exports to ONNX that onnxruntime runs with the inferred output shapes.
 * Small templates run as they are at batch 1 and 2. Large ones (hundreds of MB of weights, GMACs per
 * image) run once at batch 2 on the smallest input size their graph accepts, which keeps every
 * operator and the batch axis under test at a fraction of the cost; their full-size weight count is
 * still checked against the parameter count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, elementCount, lowerToOnnx, parseGraphText, type GraphDocument } from '../../core/index.ts';
import { exportOnnxBytes } from './export-onnx.ts';

const TEMPLATES = fileURLToPath(new URL('../../../templates/', import.meta.url));
const FULL_SIZE_MAX_BYTES = 64e6;
const FULL_SIZE_MAX_MACS = 2e9;
const SMALL_SIDES = [32, 48, 64, 96, 128, 160, 192];

const templates = readdirSync(TEMPLATES)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => {
    const parsed = parseGraphText(readFileSync(`${TEMPLATES}${name}`, 'utf8'));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.problems.map((p) => p.message).join('; ')}`);
    return { name, document: parsed.document };
  });

/** The template with every Input's height and width set to `side`. */
function withSide(document: GraphDocument, side: number): GraphDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => {
      const shape = node.params?.['shape'];
      if (node.type !== 'Input' || !Array.isArray(shape) || shape.length !== 3) return node;
      return { ...node, params: { ...node.params, shape: [shape[0], side, side] } };
    }),
  };
}

async function expectRuns(document: GraphDocument, batches: readonly number[]): Promise<void> {
  const exported = exportOnnxBytes({ document, weights: new Map() }, { seed: 0 });
  if (!exported.ok) throw new Error(exported.diagnostics.map((d) => d.message).join('\n'));
  const { lowered } = exported;
  const session = await ort.InferenceSession.create(exported.bytes, { logSeverityLevel: 3 });
  try {
    for (const batch of batches) {
      const feeds: Record<string, ort.Tensor> = {};
      for (const input of lowered.inputs) {
        const dims = [batch, ...input.shape];
        feeds[input.name] = new ort.Tensor('float32', new Float32Array(elementCount(dims)).fill(0.5), dims);
      }
      const results = await session.run(feeds);
      for (const output of lowered.outputs) {
        const tensor = results[output.name];
        expect(tensor?.dims).toEqual([batch, ...output.shape]);
        expect((tensor?.data as Float32Array).every(Number.isFinite)).toBe(true);
      }
    }
  } finally {
    await session.release();
  }
}

describe('templates export to ONNX and run', () => {
  it('finds the templates', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it.each(templates)('$name writes one trainable weight element per trainable parameter', ({ document }) => {
    const result = lowerToOnnx(document, new Map());
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    const { initializers, analysis } = result.lowered;
    const count = (trainable: boolean) =>
      initializers
        .filter((i) => i.trainable === trainable && i.origin !== 'constant')
        .reduce((sum, i) => sum + elementCount(i.dims), 0);
    expect(count(true)).toBe(analysis.totals.trainableParams);
    expect(count(false)).toBe(analysis.totals.nonTrainableParams);
  });

  it.each(templates)('$name runs in onnxruntime', async ({ name, document }) => {
    const { totals } = analyzeGraph(document);
    if (totals.trainableParams * 4 <= FULL_SIZE_MAX_BYTES && totals.macs <= FULL_SIZE_MAX_MACS) {
      await expectRuns(document, [1, 2]);
      return;
    }
    const side = SMALL_SIDES.find((s) => analyzeGraph(withSide(document, s)).valid);
    if (side === undefined) throw new Error(`${name} accepts no input side in ${SMALL_SIDES.join(', ')}`);
    await expectRuns(withSide(document, side), [2]);
  });
});
