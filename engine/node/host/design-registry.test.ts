import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { emptyGraphDocument, type DesignWeights, type GraphNode } from '../../core/index.ts';
import { loadDesign } from '../files/load-design.ts';
import { DesignRegistry } from './design-registry.ts';

const WEIGHTS: DesignWeights = new Map([['conv', { weight: { dims: [1], data: new Float32Array([0.5]) } }]]);

describe('DesignRegistry', () => {
  it('gives the weights back with the renderer’s current graph', () => {
    const registry = new DesignRegistry();
    const handle = registry.add({ document: emptyGraphDocument('old'), weights: WEIGHTS, path: '/a.json' });
    const edited = emptyGraphDocument('edited');
    const resolved = registry.resolve(handle, edited);
    expect(resolved.document).toBe(edited);
    expect(resolved.path).toBe('/a.json');
  });

  it('drops the weights of a node edited in the app and keeps the others bit for bit', async () => {
    const imported = await loadDesign(
      fileURLToPath(new URL('../../core/onnx-import/fixtures/mnist-8/model.onnx', import.meta.url)),
    );
    const registry = new DesignRegistry();
    const handle = registry.add({ ...imported, path: undefined });
    // Editing the second conv's own parameters leaves the first conv's and the head's dims as they were.
    const edited = imported.document.nodes.filter((node) => node.type === 'Conv')[1] as GraphNode;
    const kept = imported.document.nodes.find((node) => node.type === 'Conv') as GraphNode;
    const document = {
      ...imported.document,
      nodes: imported.document.nodes.map((node) =>
        node === edited ? { ...node, params: { ...node.params, dilation: 1, stride: 1 } } : node,
      ),
    };
    expect(registry.resolve(handle, imported.document).weights.has(edited.id)).toBe(true);
    const withSameParamsRewritten = registry.resolve(handle, document).weights;
    expect(withSameParamsRewritten.get(kept.id)).toBe(imported.weights.get(kept.id));
    const changed = {
      ...imported.document,
      nodes: imported.document.nodes.map((node) =>
        node === edited ? { ...node, params: { ...node.params, kernelSize: 3 } } : node,
      ),
    };
    const weights = registry.resolve(handle, changed).weights;
    expect(weights.has(edited.id)).toBe(false);
    expect(weights.get(kept.id)).toBe(imported.weights.get(kept.id));
  });

  it('treats a handle it never issued as a design without weights', () => {
    const resolved = new DesignRegistry().resolve('from-scratch', emptyGraphDocument());
    expect(resolved.weights.size).toBe(0);
    expect(resolved.path).toBeUndefined();
  });

  it('refuses a document that names a weights file it does not hold', () => {
    const document = { ...emptyGraphDocument(), weights: { file: 'w.safetensors', format: 'safetensors' as const } };
    expect(() => new DesignRegistry().resolve('unknown', document)).toThrow(/w\.safetensors.*not open/);
  });

  it('releases the least recently used beyond its capacity, and says so instead of dropping weights', () => {
    const registry = new DesignRegistry(2);
    const first = registry.add({ document: emptyGraphDocument(), weights: WEIGHTS, path: undefined });
    const second = registry.add({ document: emptyGraphDocument(), weights: WEIGHTS, path: undefined });
    registry.resolve(first, emptyGraphDocument());
    registry.add({ document: emptyGraphDocument(), weights: WEIGHTS, path: undefined });
    expect(() => registry.resolve(first, emptyGraphDocument())).not.toThrow();
    expect(() => registry.resolve(second, emptyGraphDocument())).toThrow(/released; open it again/);
  });

  it('forgets designs without weights quietly, and remembers paths only for handles it issued', () => {
    const registry = new DesignRegistry(1);
    const template = registry.add({ document: emptyGraphDocument(), weights: new Map(), path: '/t.json' });
    registry.add({ document: emptyGraphDocument(), weights: new Map(), path: undefined });
    expect(registry.resolve(template, emptyGraphDocument()).path).toBeUndefined();
    registry.update('new', { document: emptyGraphDocument(), weights: new Map(), path: '/first.json' });
    expect(registry.resolve('new', emptyGraphDocument()).path).toBeUndefined();
  });
});
