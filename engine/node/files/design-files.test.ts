import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeDesignWeights, parseGraphText, weightOriginsOf, type GraphDocument } from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';
import { weightsFileName, writeDesign } from './design-files.ts';

const folder = mkdtempSync(join(tmpdir(), 'netwright-design-files-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const document: GraphDocument = {
  format: 'netwright-graph',
  version: 1,
  name: 'tiny',
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [3] } },
    { id: 'fc', type: 'Dense', params: { outFeatures: 2 } },
    { id: 'out', type: 'Output' },
  ],
  edges: [
    { source: 'in', target: 'fc' },
    { source: 'fc', target: 'out' },
  ],
};
const weights = new Map([
  [
    'fc',
    {
      weight: { dims: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
      bias: { dims: [2], data: Float32Array.of(7, 8) },
    },
  ],
]);

describe('writeDesign', () => {
  it('writes the graph and a safetensors file beside it that the graph references', async () => {
    const path = join(folder, 'tiny.json');
    const written = await writeDesign(path, document, weights);
    expect(written.weightsPath).toBe(join(folder, 'tiny.safetensors'));
    const saved = parseGraphText(readFileSync(path, 'utf8'));
    expect(saved.ok && saved.document.weights).toEqual({ file: 'tiny.safetensors', format: 'safetensors' });
    const decoded = decodeDesignWeights(readFileSync(join(folder, 'tiny.safetensors')));
    if (!decoded.ok) throw new Error(decoded.message);
    expect([...(decoded.weights.get('fc')?.weight?.data ?? [])]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(JSON.parse(decoded.metadata['netwright.params'] ?? '{}')).toHaveProperty('fc');
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('saves an edited node without its stale weights when given the origins they were loaded with', async () => {
    const path = join(folder, 'edited.json');
    const origins = weightOriginsOf(document, weights);
    const edited = {
      ...document,
      nodes: document.nodes.map((node) =>
        node.id === 'fc' ? { ...node, params: { outFeatures: 2, bias: false } } : node,
      ),
    };
    const written = await writeDesign(path, edited, weights, origins);
    expect(written.weightsPath).toBeUndefined();
    expect(readdirSync(folder)).not.toContain('edited.safetensors');
    const kept = await writeDesign(join(folder, 'kept.json'), document, weights, origins);
    expect(kept.weightsPath).toBe(join(folder, 'kept.safetensors'));
  });

  it('removes the weights reference when there are no weights', async () => {
    const path = join(folder, 'plain.json');
    await writeDesign(path, { ...document, weights: { file: 'old.safetensors', format: 'safetensors' } }, new Map());
    const saved = parseGraphText(readFileSync(path, 'utf8'));
    expect(saved.ok && saved.document.weights).toBeUndefined();
    expect(readdirSync(folder)).not.toContain('plain.safetensors');
  });

  it('fails with one line and leaves nothing behind when the folder does not exist', async () => {
    const path = join(folder, 'missing', 'graph.json');
    await expect(writeDesign(path, document, weights)).rejects.toThrow(UserError);
    await expect(writeDesign(path, document, weights)).rejects.toThrow(/cannot write .*: its folder does not exist/);
  });

  it('names the weights file after the graph file', () => {
    expect(weightsFileName('/a/b/resnet.json')).toBe('resnet.safetensors');
    expect(weightsFileName('design')).toBe('design.safetensors');
  });
});
