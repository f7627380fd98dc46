import { describe, expect, it } from 'vitest';
import type { GraphDocument, GraphEdge, GraphNode } from '../document/graph-document.ts';
import { DEFAULT_NODE_SIZE, layoutGraph } from './auto-layout.ts';
import { measureLayout } from './layout-quality.ts';

function documentOf(nodes: GraphNode[], edges: GraphEdge[]): GraphDocument {
  return {
    format: 'netwright-graph',
    version: 1,
    name: 'test',
    description: 'kept as it is',
    nodes,
    edges,
  };
}

/** Input, then `blocks` residual blocks of conv → relu → conv, each added back to its input. */
function residualChain(blocks: number): GraphDocument {
  const nodes: GraphNode[] = [{ id: 'input', type: 'Input', params: { shape: [8, 16, 16] } }];
  const edges: GraphEdge[] = [];
  let x = 'input';
  for (let b = 0; b < blocks; b++) {
    const ids = [`b${b}.conv1`, `b${b}.relu`, `b${b}.conv2`];
    for (const id of ids) {
      nodes.push({ id, type: id.endsWith('relu') ? 'ReLU' : 'Conv', params: { outChannels: 8, kernelSize: 3 } });
      edges.push({ source: nodes[nodes.length - 2]?.id ?? x, target: id });
    }
    nodes.push({ id: `b${b}.add`, type: 'Add' });
    edges.push({ source: `b${b}.conv2`, target: `b${b}.add`, targetPort: 0 });
    edges.push({ source: x, target: `b${b}.add`, targetPort: 1 });
    x = `b${b}.add`;
  }
  nodes.push({ id: 'output', type: 'Output' });
  edges.push({ source: x, target: 'output' });
  return documentOf(nodes, edges);
}

const CLEAN = { unplaced: 0, overlaps: 0, upwardEdges: 0, edgesThroughNodes: 0, crossings: 0 };

describe('layoutGraph', () => {
  it('places every node of a residual network top to bottom, without overlaps or crossings', async () => {
    const document = residualChain(6);
    const laidOut = await layoutGraph(document);
    expect(measureLayout(laidOut)).toEqual(CLEAN);
    for (const node of laidOut.nodes) {
      expect(Number.isInteger(node.position?.x)).toBe(true);
      expect(Number.isInteger(node.position?.y)).toBe(true);
    }
  });

  it('draws the main branch of a merge on the left and the skip connection on the right', async () => {
    const laidOut = await layoutGraph(residualChain(2));
    const x = (id: string): number => laidOut.nodes.find((node) => node.id === id)?.position?.x ?? Number.NaN;
    // The skip edge of block 1 comes from b0.add, which sits right of the block's main branch.
    expect(x('b1.conv2')).toBeLessThan(x('b0.add'));
  });

  it('keeps everything but the positions, replaces old positions and leaves the input unchanged', async () => {
    const document = residualChain(1);
    const moved = documentOf(
      document.nodes.map((node) => ({ ...node, position: { x: 5000, y: -5000 } })),
      [...document.edges],
    );
    const snapshot = structuredClone(moved);
    const laidOut = await layoutGraph(moved);
    expect(moved).toEqual(snapshot);
    expect(laidOut.description).toBe('kept as it is');
    expect(laidOut.edges).toEqual(moved.edges);
    expect(laidOut.nodes.map(({ position: _, ...rest }) => rest)).toEqual(document.nodes);
    expect(laidOut.nodes.every((node) => node.position?.y !== -5000)).toBe(true);
    expect(measureLayout(laidOut)).toEqual(CLEAN);
  });

  it('gives the same positions to the same document every time', async () => {
    const document = residualChain(3);
    const [first, second] = await Promise.all([layoutGraph(document), layoutGraph(document)]);
    expect(second).toEqual(first);
  });

  it('uses the node sizes it is given', async () => {
    const big = { width: 320, height: 120 };
    const laidOut = await layoutGraph(residualChain(3), { nodeSize: big, layerSpacing: 30 });
    expect(measureLayout(laidOut, () => big)).toEqual(CLEAN);
    const ys = [...new Set(laidOut.nodes.map((node) => node.position?.y ?? 0))].sort((a, b) => a - b);
    const gaps = ys.slice(1).map((y, i) => y - (ys[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(big.height + 30);
    // Sizes may differ per node, as when the canvas measures its cards.
    const sizeOf = (node: GraphNode): typeof big => (node.type === 'Add' ? big : DEFAULT_NODE_SIZE);
    expect(measureLayout(await layoutGraph(residualChain(3), { nodeSize: sizeOf }), sizeOf)).toEqual(CLEAN);
  });

  it('lays out broken graphs too: missing nodes, duplicate ids, cycles', async () => {
    const document = documentOf(
      [
        { id: 'a', type: 'Input' },
        { id: 'b', type: 'ReLU' },
        { id: 'b', type: 'Tanh' },
        { id: 'c', type: 'ReLU' },
      ],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'b' },
        { source: 'a', target: 'nowhere' },
      ],
    );
    const laidOut = await layoutGraph(document);
    expect(laidOut.nodes).toHaveLength(4);
    const quality = measureLayout(laidOut);
    expect(quality.unplaced).toBe(0);
    expect(quality.overlaps).toBe(0);
  });

  it('returns an empty graph unchanged', async () => {
    const empty = documentOf([], []);
    expect(await layoutGraph(empty)).toEqual(empty);
  });
});

describe('measureLayout', () => {
  const at = (id: string, x: number, y: number, type = 'ReLU'): GraphNode => ({ id, type, position: { x, y } });

  it('counts overlaps, upward edges, edges through nodes and crossings', () => {
    const document = documentOf(
      [at('a', 0, 0), at('b', 0, 100), at('c', 0, 200)]
        .concat([at('g', 1000, 0), at('h', 1000, -200)])
        .concat([at('d', 400, 400), at('e', 700, 600), at('f', 700, 400), at('k', 400, 600)]),
      [
        { source: 'a', target: 'c' }, // straight through b
        { source: 'g', target: 'h' }, // upward
        { source: 'd', target: 'e' }, // crosses f → k
        { source: 'f', target: 'k' },
      ],
    );
    expect(measureLayout(document)).toEqual({
      unplaced: 0,
      overlaps: 0,
      upwardEdges: 1,
      edgesThroughNodes: 1,
      crossings: 1,
    });
    expect(measureLayout(documentOf([at('a', 0, 0), at('b', 100, 30), { id: 'c', type: 'ReLU' }], []))).toEqual({
      ...CLEAN,
      unplaced: 1,
      overlaps: 1,
    });
  });
});
