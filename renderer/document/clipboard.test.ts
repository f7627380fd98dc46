import { describe, expect, it } from 'vitest';
import { serializeGraphDocument } from '../../engine/core/index.ts';
import { lenetDocument } from '../testing/memory-host.ts';
import { copyFragment, parseFragment, placeFragment, serializeFragment } from './clipboard.ts';

describe('clipboard', () => {
  const lenet = lenetDocument();

  it('copies the selected nodes with the edges between them only', () => {
    const fragment = copyFragment(lenet, ['c1', 't1', 's2']);
    expect(fragment.nodes.map((node) => node.id)).toEqual(['c1', 't1', 's2']);
    expect(fragment.edges).toEqual([
      { source: 'c1', target: 't1' },
      { source: 't1', target: 's2' },
    ]);
  });

  it('round-trips through text', () => {
    const fragment = copyFragment(lenet, ['c1', 't1']);
    expect(parseFragment(serializeFragment(fragment))).toEqual(fragment);
  });

  it('pastes a whole graph document too, and refuses other text', () => {
    expect(parseFragment(serializeGraphDocument(lenet))?.nodes).toHaveLength(14);
    expect(parseFragment('hello')).toBeUndefined();
    expect(
      parseFragment('{"format":"netwright-clipboard","version":1,"nodes":[{"id":""}],"edges":[]}'),
    ).toBeUndefined();
  });

  it('renames taken ids and keeps the internal edges on the new ids', () => {
    const placement = placeFragment(lenet, copyFragment(lenet, ['c1', 't1']), { offset: { x: 40, y: 40 } });
    expect(placement.nodeIds).toEqual(['c1_2', 't1_2']);
    expect(placement.fragment.edges).toEqual([{ source: 'c1_2', target: 't1_2' }]);
    expect(placement.fragment.nodes[0]?.position).toEqual({ x: 40, y: 140 });
  });

  it('keeps ids in a document that does not have them, placed at the anchor', () => {
    const other = { ...lenet, nodes: [], edges: [] };
    const placement = placeFragment(other, copyFragment(lenet, ['c3', 't3']), { at: { x: 500, y: 20 } });
    expect(placement.nodeIds).toEqual(['c3', 't3']);
    expect(placement.fragment.nodes.map((node) => node.position)).toEqual([
      { x: 500, y: 20 },
      { x: 500, y: 120 },
    ]);
  });
});
