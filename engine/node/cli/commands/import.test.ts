import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphSummary } from '../../../core/index.ts';
import { runCli } from '../main.ts';

const FIXTURES = fileURLToPath(new URL('../../../core/onnx-import/fixtures', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'netwright-import-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('netwright import', () => {
  it('writes the graph and its weights, and the summary of either file is the same', async () => {
    const graph = join(folder, 'mnist.json');
    const model = join(FIXTURES, 'mnist-8', 'model.onnx');
    const imported = await cli('import', model, '-o', graph);
    expect(imported.status).toBe(0);
    expect(imported.out).toContain('5,994 trainable parameters');
    expect(imported.out).toContain('note: constant Adds folded into the bias');
    expect(
      readdirSync(folder)
        .filter((name) => name.startsWith('mnist'))
        .sort(),
    ).toEqual(['mnist.json', 'mnist.safetensors']);
    const fromGraph = await cli('summary', graph, '--json');
    const fromModel = await cli('summary', model, '--json');
    expect(fromGraph.status).toBe(0);
    const [a, b] = [fromGraph, fromModel].map((run) => JSON.parse(run.out) as GraphSummary);
    expect(a?.totals).toEqual({ trainableParams: 5994, nonTrainableParams: 0, macs: 786_560 });
    expect(a?.nodes).toEqual(b?.nodes);
  });

  it('imports mnist-8, exports it and runs it on four labelled MNIST digits, predicting each label', async () => {
    const graph = join(folder, 'digits.json');
    const model = join(folder, 'digits.onnx');
    expect((await cli('import', join(FIXTURES, 'mnist-8', 'model.onnx'), '-o', graph)).status).toBe(0);
    expect((await cli('export', graph, '-o', model)).out).toContain('weights: 5,994 from the design');
    for (const label of [0, 3, 5, 7]) {
      const image = join(FIXTURES, 'opt-mnist', 'images', `${label}.jpg`);
      // mnist-8 reads pixels as 0..255; images decode to 0..1, so divide by 1/255.
      const run = await cli('run', model, '--input', image, '--std', String(1 / 255), '--json');
      expect(run.status).toBe(0);
      const result = JSON.parse(run.out) as { topK: Record<string, { index: number }[][]> };
      expect(result.topK['Plus214_Output_0']?.[0]?.[0]?.index).toBe(label);
    }
  });

  it('refuses a model it cannot map with exit 2 and one line naming the operators, writing nothing', async () => {
    const graph = join(folder, 'sr.json');
    const refused = await cli('import', join(FIXTURES, 'super-resolution-10', 'model.onnx'), '-o', graph);
    expect(refused.status).toBe(2);
    expect(refused.err.split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(/cannot import this model: Reshape ×1 .*Transpose ×1 .*\(nothing was written\)$/);
    expect(readdirSync(folder)).not.toContain('sr.json');
    expect(readdirSync(folder)).not.toContain('sr.safetensors');
  });

  it('explains bad usage with exit 2', async () => {
    const model = join(FIXTURES, 'mnist-8', 'model.onnx');
    expect((await cli('import', model)).err).toContain('usage: netwright import MODEL.onnx -o GRAPH.json');
    expect((await cli('import', model, '-o', join(folder, 'graph.txt'))).err).toContain(
      'must be a graph document ending in .json',
    );
    const missing = await cli('import', join(folder, 'absent.onnx'), '-o', join(folder, 'x.json'));
    expect([missing.status, missing.err]).toEqual([
      2,
      `netwright import: cannot read ${join(folder, 'absent.onnx')}: no such file`,
    ]);
  });
});
