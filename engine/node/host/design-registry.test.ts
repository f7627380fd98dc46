import { describe, expect, it } from 'vitest';
import { emptyGraphDocument, type DesignWeights } from '../../core/index.ts';
import { DesignRegistry } from './design-registry.ts';

const WEIGHTS: DesignWeights = new Map([['conv', { weight: { dims: [1], data: new Float32Array([0.5]) } }]]);

describe('DesignRegistry', () => {
  it('gives the weights back with the renderer’s current graph', () => {
    const registry = new DesignRegistry();
    const handle = registry.add({ document: emptyGraphDocument('old'), weights: WEIGHTS, path: '/a.json' });
    const edited = emptyGraphDocument('edited');
    expect(registry.resolve(handle, edited)).toEqual({ document: edited, weights: WEIGHTS, path: '/a.json' });
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
    expect(registry.resolve(first, emptyGraphDocument()).weights).toBe(WEIGHTS);
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
