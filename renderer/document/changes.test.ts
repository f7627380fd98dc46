import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine/core/index.ts';
import { lenetDocument } from '../testing/memory-host.ts';
import { applyChange, connectionProblem, visiblePortCount } from './changes.ts';

function applied(document: GraphDocument, change: Parameters<typeof applyChange>[1]): GraphDocument {
  const result = applyChange(document, change);
  if (!result.ok) throw new Error(result.reason);
  return result.document;
}

const residual: GraphDocument = {
  format: 'netwright-graph',
  version: 1,
  name: 'block',
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [8, 16, 16] } },
    { id: 'conv', type: 'Conv', params: { outChannels: 8, kernelSize: 3, padding: 1 } },
    { id: 'add', type: 'Add' },
    { id: 'out', type: 'Output' },
  ],
  edges: [
    { source: 'in', target: 'conv' },
    { source: 'conv', target: 'add' },
    { source: 'in', target: 'add', targetPort: 1 },
    { source: 'add', target: 'out' },
  ],
};

describe('applyChange', () => {
  it('refuses an edge that closes a cycle and names the loop', () => {
    const result = applyChange(residual, { kind: 'connect', edge: { source: 'add', target: 'conv' } });
    expect(result.ok ? 'connected' : result.reason).toContain('cycle conv → add → conv');
  });

  it('refuses a node feeding itself, an Output as a source and an Input as a target', () => {
    expect(connectionProblem(residual, { source: 'conv', target: 'conv' })).toMatch(/cannot feed itself/);
    expect(connectionProblem(residual, { source: 'out', target: 'conv' })).toMatch(/no output/);
    expect(connectionProblem(residual, { source: 'conv', target: 'in' })).toMatch(/takes no input/);
  });

  it('replaces the edge on an occupied single-input port', () => {
    const document = applied(residual, { kind: 'connect', edge: { source: 'conv', target: 'out' } });
    expect(document.edges.filter((edge) => edge.target === 'out')).toEqual([{ source: 'conv', target: 'out' }]);
  });

  it('connects a third branch to a merge on its own port', () => {
    const document = applied(residual, { kind: 'connect', edge: { source: 'conv', target: 'add', targetPort: 2 } });
    expect(document.edges.filter((edge) => edge.target === 'add')).toHaveLength(3);
  });

  it('removes a node with every edge that touches it', () => {
    const document = applied(residual, { kind: 'remove', nodeIds: ['conv'], edges: [] });
    expect(document.nodes.map((node) => node.id)).toEqual(['in', 'add', 'out']);
    expect(document.edges).toEqual([
      { source: 'in', target: 'add', targetPort: 1 },
      { source: 'add', target: 'out' },
    ]);
  });

  it('sets and clears a parameter, touching only that node', () => {
    const set = applied(residual, { kind: 'set-param', nodeId: 'conv', key: 'stride', value: 2 });
    expect(set.nodes[1]?.params).toEqual({ outChannels: 8, kernelSize: 3, padding: 1, stride: 2 });
    expect(set.nodes[0]).toBe(residual.nodes[0]);
    const cleared = applied(set, { kind: 'set-param', nodeId: 'conv', key: 'stride', value: undefined });
    expect(cleared.nodes[1]?.params).toEqual({ outChannels: 8, kernelSize: 3, padding: 1 });
  });

  it('returns the same document when nothing changes, so no history step is made', () => {
    expect(applied(residual, { kind: 'set-param', nodeId: 'conv', key: 'outChannels', value: 8 })).toBe(residual);
    expect(applied(residual, { kind: 'move', positions: new Map() })).toBe(residual);
    expect(applied(residual, { kind: 'connect', edge: { source: 'conv', target: 'add' } })).toBe(residual);
  });

  it('refuses to add a node whose id is taken', () => {
    const result = applyChange(lenetDocument(), { kind: 'add', nodes: [{ id: 'c1', type: 'Conv' }], edges: [] });
    expect(result.ok).toBe(false);
  });
});

describe('visiblePortCount', () => {
  it('shows one free port beyond the highest used one on merges', () => {
    expect(visiblePortCount('Add', [])).toBe(2);
    expect(visiblePortCount('Add', [0, 1])).toBe(3);
    expect(visiblePortCount('Concat', [0, 4])).toBe(6);
    expect(visiblePortCount('Conv', [0])).toBe(1);
    expect(visiblePortCount('Input', [])).toBe(0);
  });
});
