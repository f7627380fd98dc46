/**
 * The other way round: every template, exported to ONNX with seeded weights and imported back,
 * gives the same summary, and the import carries a weight for every parameter.
 */
import { describe, expect, it } from 'vitest';
import { listTemplates, readTemplate } from '../../node/files/templates.ts';
import { exportOnnxBytes } from '../../node/onnx/export-onnx.ts';
import { analyzeGraph } from '../analysis/analyze-graph.ts';
import { summarizeGraph } from '../analysis/summary.ts';
import type { GraphDocument } from '../document/graph-document.ts';
import { elementCount } from '../layers/conv-arithmetic.ts';
import { importOnnx } from './import-onnx.ts';

const ids = (await listTemplates()).map((template) => template.id);

function comparable(document: GraphDocument) {
  const { valid, nodes, totals, outputs } = summarizeGraph(analyzeGraph(document));
  return { valid, nodes, totals, outputs };
}

describe('templates exported and imported again', () => {
  it.each(ids)('%s keeps its summary', async (id) => {
    const document = await readTemplate(id);
    const exported = exportOnnxBytes({ document, weights: new Map() }, { seed: 1 });
    if (!exported.ok) throw new Error(exported.diagnostics[0]?.message);
    const imported = importOnnx(exported.bytes);
    if (!imported.ok) throw new Error(imported.message);
    const summary = comparable(imported.document);
    expect(summary).toEqual(comparable(document));
    let weightElements = 0;
    for (const weights of imported.weights.values())
      for (const tensor of Object.values(weights)) weightElements += elementCount(tensor.dims);
    expect(weightElements).toBe(summary.totals.trainableParams + summary.totals.nonTrainableParams);
  });
});
