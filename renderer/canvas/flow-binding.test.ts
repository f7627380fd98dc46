import { describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphDocument } from '../../engine/core/index.ts';
import { applyChange } from '../document/changes.ts';
import { EMPTY_SELECTION } from '../editor/session.ts';
import { lenetDocument } from '../testing/memory-host.ts';
import { FlowBinding } from './flow-binding.ts';

function edited(document: GraphDocument, change: Parameters<typeof applyChange>[1]): GraphDocument {
  const result = applyChange(document, change);
  if (!result.ok) throw new Error(result.reason);
  return result.document;
}

describe('FlowBinding', () => {
  const lenet = lenetDocument();
  const analysis = analyzeGraph(lenet);

  it('labels every edge with the shape its source produces', () => {
    const edges = new FlowBinding().edges(lenet, analysis, EMPTY_SELECTION);
    expect(edges.find((edge) => edge.source === 'c1')?.data?.shape).toBe('6×28×28');
    expect(edges.find((edge) => edge.source === 'flat')?.data?.shape).toBe('400');
  });

  it('shows type, key parameters and parameter count on each card', () => {
    const nodes = new FlowBinding().nodes(lenet, analysis, EMPTY_SELECTION);
    expect(nodes[1]?.data).toMatchObject({ type: 'Conv', detail: '6 filters, 5', params: 156, fault: undefined });
    expect(nodes[1]?.ariaLabel).toBe('Conv c1');
  });

  it('hands back the same objects for what a move did not touch', () => {
    const binding = new FlowBinding();
    const before = binding.nodes(lenet, analysis, EMPTY_SELECTION);
    const edgesBefore = binding.edges(lenet, analysis, EMPTY_SELECTION);
    const moved = edited(lenet, { kind: 'move', positions: new Map([['c3', { x: 300, y: 400 }]]) });
    const movedAnalysis = analyzeGraph(moved, analysis);
    const after = binding.nodes(moved, movedAnalysis, EMPTY_SELECTION);
    const changed = after.filter((node, i) => node !== before[i]).map((node) => node.id);
    expect(changed).toEqual(['c3']);
    expect(after[4]?.data).toBe(before[4]?.data);
    // The very same array, so React Flow keeps its connection lookup through a drag.
    expect(binding.edges(moved, movedAnalysis, EMPTY_SELECTION)).toBe(edgesBefore);
  });

  it('turns a node at fault red with its message, and marks edges past it unknown', () => {
    const broken = edited(lenet, { kind: 'set-param', nodeId: 'c3', key: 'kernelSize', value: 30 });
    const binding = new FlowBinding();
    const nodes = binding.nodes(broken, analyzeGraph(broken), EMPTY_SELECTION);
    const c3 = nodes.find((node) => node.id === 'c3');
    expect(c3?.className).toBe('is-error');
    expect(c3?.data.message).toMatch(/^on input \[6, 14, 14\], the kernel is 30/);
    const edges = binding.edges(broken, analyzeGraph(broken), EMPTY_SELECTION);
    expect(edges.find((edge) => edge.source === 'c3')?.data?.shape).toBeUndefined();
  });

  it('gives merges one free input port beyond those in use', () => {
    const document: GraphDocument = {
      ...lenet,
      nodes: [...lenet.nodes, { id: 'sum', type: 'Add', position: { x: 0, y: 0 } }],
      edges: [...lenet.edges, { source: 't5', target: 'sum' }, { source: 't6', target: 'sum', targetPort: 1 }],
    };
    const sum = new FlowBinding().nodes(document, analyzeGraph(document), EMPTY_SELECTION).at(-1);
    expect(sum?.data.ports).toBe(3);
    expect(sum?.handles?.filter((handle) => handle.type === 'target')).toHaveLength(3);
  });

  it('hides everything for the overview, and reflects the selection', () => {
    const nodes = new FlowBinding().nodes(lenet, analysis, { nodes: ['t1'], edges: [] }, true);
    expect(nodes.every((node) => node.hidden === true)).toBe(true);
    expect(nodes.filter((node) => node.selected).map((node) => node.id)).toEqual(['t1']);
  });
});
