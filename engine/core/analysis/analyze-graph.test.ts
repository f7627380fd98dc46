import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphDocument, GraphEdge, GraphNode } from '../document/graph-document.ts';
import { analyzeGraph, type GraphAnalysis } from './analyze-graph.ts';

function graph(nodes: GraphNode[], edges: [string, string, number?][]): GraphDocument {
  return {
    format: 'netwright-graph',
    version: 1,
    name: 'test',
    nodes,
    edges: edges.map(([source, target, targetPort]) =>
      targetPort === undefined ? { source, target } : { source, target, targetPort },
    ),
  };
}

const n = (id: string, type: string, params?: Record<string, unknown>): GraphNode =>
  params ? { id, type, params } : { id, type };

const codesOf = (analysis: GraphAnalysis) => analysis.diagnostics.map((d) => `${d.code}@${d.nodeId ?? ''}`);

describe('structural diagnostics', () => {
  it('names every node of a cycle, and the rest still infers', () => {
    const analysis = analyzeGraph(
      graph(
        [
          n('in', 'Input', { shape: [3] }),
          n('a', 'ReLU'),
          n('b', 'Add'),
          n('c', 'ReLU'),
          n('d', 'Dense', { outFeatures: 2 }),
          n('out', 'Output'),
        ],
        [
          ['in', 'b', 0],
          ['c', 'b', 1],
          ['b', 'a'],
          ['a', 'c'],
          ['in', 'd'],
          ['d', 'out'],
        ],
      ),
    );
    const cycles = analysis.diagnostics.filter((d) => d.code === 'cycle');
    expect(cycles.map((d) => d.nodeId).sort()).toEqual(['a', 'b', 'c']);
    expect(cycles[0]?.message).toMatch(/→/);
    expect(analysis.outputs.get('out')).toEqual([2]);
  });

  it('reports a self-loop as a cycle', () => {
    const analysis = analyzeGraph(
      graph(
        [n('in', 'Input', { shape: [3] }), n('a', 'Add')],
        [
          ['in', 'a', 0],
          ['a', 'a', 1],
        ],
      ),
    );
    expect(codesOf(analysis)).toContain('cycle@a');
  });

  it('reports missing, surplus and dangling connections on the right node', () => {
    const analysis = analyzeGraph(
      graph(
        [
          n('in', 'Input', { shape: [1, 8] }),
          n('in2', 'Input', { shape: [1, 8] }),
          n('r', 'ReLU'),
          n('lonely', 'Tanh'),
          n('o1', 'Output'),
          n('o2', 'Output'),
        ],
        [
          ['in', 'r'],
          ['in2', 'r'],
          ['r', 'o1'],
        ],
      ),
    );
    expect(codesOf(analysis)).toEqual(
      expect.arrayContaining(['surplus-input@r', 'missing-input@lonely', 'missing-input@o2', 'dangling-output@lonely']),
    );
    expect(codesOf(analysis)).not.toEqual(expect.arrayContaining(['port-conflict@r']));
    expect(analysis.valid).toBe(false);
  });

  it('reports an Output with two inputs, an edge out of an Output, and edges to missing nodes', () => {
    const analysis = analyzeGraph(
      graph(
        [n('in', 'Input', { shape: [4] }), n('o', 'Output'), n('r', 'ReLU')],
        [
          ['in', 'o'],
          ['in', 'o'],
          ['o', 'r'],
          ['in', 'ghost'],
        ],
      ),
    );
    expect(codesOf(analysis)).toEqual(expect.arrayContaining(['surplus-input@o', 'unknown-node@in']));
  });

  it('reports unknown types with a suggestion, and duplicate ids', () => {
    const analysis = analyzeGraph(
      graph(
        [n('in', 'Input', { shape: [4] }), n('x', 'Relu'), n('x', 'Tanh'), n('o', 'Output')],
        [
          ['in', 'x'],
          ['x', 'o'],
        ],
      ),
    );
    expect(codesOf(analysis)).toEqual(expect.arrayContaining(['unknown-type@x', 'duplicate-id@x']));
    expect(analysis.diagnostics.find((d) => d.code === 'unknown-type')?.message).toContain('did you mean "ReLU"');
  });

  it('warns about misspelt parameters', () => {
    const analysis = analyzeGraph(
      graph(
        [
          n('in', 'Input', { shape: [1, 9] }),
          n('c', 'Conv', { outChannels: 2, kernelSize: 3, strid: 2 }),
          n('o', 'Output'),
        ],
        [
          ['in', 'c'],
          ['c', 'o'],
        ],
      ),
    );
    const warning = analysis.diagnostics.find((d) => d.code === 'unknown-param');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('did you mean "stride"');
    expect(analysis.valid).toBe(true);
  });

  it('names the node and both shapes for an Add mismatch, and keeps going downstream of other branches', () => {
    const analysis = analyzeGraph(
      graph(
        [
          n('in', 'Input', { shape: [64, 56, 56] }),
          n('down', 'Conv', { outChannels: 128, kernelSize: 3, stride: 2, padding: 1 }),
          n('add', 'Add'),
          n('pool', 'GlobalAvgPool'),
          n('o1', 'Output'),
          n('o2', 'Output'),
        ],
        [
          ['in', 'down'],
          ['in', 'add', 0],
          ['down', 'add', 1],
          ['add', 'o1'],
          ['down', 'pool'],
          ['pool', 'o2'],
        ],
      ),
    );
    const mismatch = analysis.diagnostics.find((d) => d.code === 'shape-mismatch');
    expect(mismatch?.nodeId).toBe('add');
    expect(mismatch?.message).toContain('[64, 56, 56]');
    expect(mismatch?.message).toContain('[128, 28, 28]');
    expect(mismatch?.message).toContain('1×1 Conv');
    expect(analysis.outputs.get('o2')).toEqual([128, 1, 1]);
    // No cascade: the Output after the broken Add has no diagnostic of its own.
    expect(analysis.diagnostics.filter((d) => d.nodeId === 'o1')).toEqual([]);
  });
});

describe('receptive field and activation memory', () => {
  it('follows r_out = r_in + (k − 1)·j_in and j_out = j_in·s', () => {
    const analysis = analyzeGraph(
      graph(
        [
          n('in', 'Input', { shape: [1, 64] }),
          n('c1', 'Conv', { outChannels: 4, kernelSize: 3 }),
          n('p', 'MaxPool', { kernelSize: 2 }),
          n('c2', 'Conv', { outChannels: 4, kernelSize: 3, dilation: 2 }),
          n('gap', 'GlobalAvgPool'),
          n('o', 'Output'),
        ],
        [
          ['in', 'c1'],
          ['c1', 'p'],
          ['p', 'c2'],
          ['c2', 'gap'],
          ['gap', 'o'],
        ],
      ),
    );
    const field = (id: string) => analysis.nodes.get(id)?.output?.receptiveField;
    expect(field('c1')).toEqual({ size: [3], jump: [1] });
    expect(field('p')).toEqual({ size: [4], jump: [2] });
    expect(field('c2')).toEqual({ size: [4 + 4 * 2], jump: [2] });
    expect(field('gap')).toBe('global');
    expect(analysis.nodes.get('c1')?.activationElements).toBe(4 * 62);
  });
});

// Random graphs for the properties: a DAG where each node draws its inputs from earlier nodes.
const TYPES = [
  'Conv',
  'MaxPool',
  'AvgPool',
  'ReLU',
  'Flatten',
  'Dense',
  'Add',
  'Concat',
  'BatchNorm',
  'GlobalAvgPool',
  'Output',
] as const;

const nodeArbitrary = fc.record({
  type: fc.constantFrom(...TYPES),
  k: fc.integer({ min: 1, max: 5 }),
  s: fc.integer({ min: 1, max: 3 }),
  c: fc.integer({ min: 1, max: 16 }),
  from: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
});

function paramsFor(type: string, k: number, s: number, c: number): Record<string, unknown> | undefined {
  switch (type) {
    case 'Conv':
      return { outChannels: c, kernelSize: k, stride: s, padding: k > 2 ? 1 : 0 };
    case 'MaxPool':
    case 'AvgPool':
      return { kernelSize: Math.min(k, 3), stride: s };
    case 'Dense':
      return { outFeatures: c };
    default:
      return undefined;
  }
}

const graphArbitrary = fc
  .record({
    input: fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 3 }),
    nodes: fc.array(nodeArbitrary, { minLength: 1, maxLength: 25 }),
  })
  .map(({ input, nodes }) => {
    const list: GraphNode[] = [n('in', 'Input', { shape: input })];
    const edges: GraphEdge[] = [];
    nodes.forEach((spec, index) => {
      const id = `n${index}`;
      const params = paramsFor(spec.type, spec.k, spec.s, spec.c);
      list.push(params ? n(id, spec.type, params) : n(id, spec.type));
      const fanIn = spec.type === 'Add' || spec.type === 'Concat' ? spec.from.length : 1;
      const candidates = list.slice(0, -1).filter((node) => node.type !== 'Output');
      spec.from.slice(0, fanIn).forEach((pick, port) => {
        const source = candidates[pick % candidates.length];
        if (source) edges.push({ source: source.id, target: id, targetPort: port });
      });
    });
    return { ...graph(list, []), edges };
  });

const editArbitrary = fc.record({
  kind: fc.constantFrom('param', 'remove-edge', 'add-edge', 'remove-node'),
  pick: fc.nat(),
  other: fc.nat(),
  value: fc.integer({ min: -1, max: 9 }),
});

type Edit = { kind: string; pick: number; other: number; value: number };

function applyEdit(document: GraphDocument, edit: Edit): GraphDocument {
  const nodes = document.nodes;
  const target = nodes[edit.pick % nodes.length];
  if (!target) return document;
  switch (edit.kind) {
    case 'param': {
      const params = { ...target.params };
      const key = Object.keys(params)[edit.other % Math.max(1, Object.keys(params).length)] ?? 'outChannels';
      params[key] = edit.value;
      return { ...document, nodes: nodes.map((node) => (node === target ? { ...node, params } : node)) };
    }
    case 'remove-edge':
      return {
        ...document,
        edges: document.edges.filter((_, i) => i !== edit.other % Math.max(1, document.edges.length)),
      };
    case 'add-edge': {
      const source = nodes[edit.other % nodes.length] as GraphNode;
      return {
        ...document,
        edges: [...document.edges, { source: source.id, target: target.id, targetPort: edit.value & 1 }],
      };
    }
    default:
      return {
        ...document,
        nodes: nodes.filter((node) => node !== target),
        edges: document.edges.filter((e) => e.source !== target.id && e.target !== target.id),
      };
  }
}

function comparable(analysis: GraphAnalysis) {
  return {
    totals: analysis.totals,
    valid: analysis.valid,
    diagnostics: [...analysis.diagnostics].map((d) => JSON.stringify(d)).sort(),
    nodes: [...analysis.nodes].map(([id, a]) => [
      id,
      a.output,
      a.trainableParams,
      a.nonTrainableParams,
      a.macs,
      a.activationElements,
    ]),
    outputs: [...analysis.outputs],
  };
}

describe('properties over random graphs', () => {
  it('the totals equal the sum over the nodes', () => {
    fc.assert(
      fc.property(graphArbitrary, (document) => {
        const analysis = analyzeGraph(document);
        const nodes = [...analysis.nodes.values()];
        expect(analysis.totals.trainableParams).toBe(nodes.reduce((sum, a) => sum + a.trainableParams, 0));
        expect(analysis.totals.nonTrainableParams).toBe(nodes.reduce((sum, a) => sum + a.nonTrainableParams, 0));
        expect(analysis.totals.macs).toBe(nodes.reduce((sum, a) => sum + a.macs, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('incremental re-inference after random edits equals inference from scratch', () => {
    fc.assert(
      fc.property(graphArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), (document, edits) => {
        let current: GraphDocument = document;
        let analysis = analyzeGraph(current);
        for (const edit of edits) {
          current = applyEdit(current, edit);
          analysis = analyzeGraph(current, analysis);
          expect(comparable(analysis)).toEqual(comparable(analyzeGraph(current)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reuses the results of nodes an edit does not reach', () => {
    const document = graph(
      [
        n('in', 'Input', { shape: [1, 16] }),
        n('a', 'Conv', { outChannels: 2, kernelSize: 3 }),
        n('b', 'ReLU'),
        n('c', 'Conv', { outChannels: 2, kernelSize: 3 }),
        n('o', 'Output'),
      ],
      [
        ['in', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'o'],
      ],
    );
    const before = analyzeGraph(document);
    const edited = {
      ...document,
      nodes: document.nodes.map((node) =>
        node.id === 'c' ? { ...node, params: { outChannels: 5, kernelSize: 3 } } : node,
      ),
    };
    const after = analyzeGraph(edited, before);
    expect(after.nodes.get('a')).toBe(before.nodes.get('a'));
    expect(after.nodes.get('b')).toBe(before.nodes.get('b'));
    expect(after.nodes.get('c')).not.toBe(before.nodes.get('c'));
    expect(after.totals.trainableParams).toBe(8 + 35);
  });
});
