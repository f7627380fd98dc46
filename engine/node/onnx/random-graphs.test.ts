/**
 * Random designs, judged by onnxruntime: every graph that analysis accepts must export, load and
 * run, and every node's activation (each requested as an extra output) must have the inferred shape.
 */
import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  analyzeGraph,
  elementCount,
  GRAPH_FORMAT,
  LAYER_TYPES as ALL_LAYER_TYPES,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
} from '../../core/index.ts';
import { exportOnnxBytes } from './export-onnx.ts';

/** Every node type but the graph's ends, which the generator places itself. */
const LAYER_TYPES = ALL_LAYER_TYPES.filter((type) => type !== 'Input' && type !== 'Output');

const specArbitrary = fc.record({
  type: fc.constantFrom(...LAYER_TYPES),
  k: fc.integer({ min: 1, max: 4 }),
  s: fc.integer({ min: 1, max: 3 }),
  d: fc.integer({ min: 1, max: 2 }),
  c: fc.integer({ min: 1, max: 6 }),
  padding: fc.constantFrom<number | 'same' | 'valid'>(0, 1, 'same', 'valid'),
  flag: fc.boolean(),
  axis: fc.integer({ min: -2, max: 2 }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
});

type Spec = typeof specArbitrary extends fc.Arbitrary<infer T> ? T : never;

function paramsFor(spec: Spec): Record<string, unknown> {
  const { k, s, d, c, padding, flag, axis } = spec;
  switch (spec.type) {
    case 'Conv':
      return { outChannels: c, kernelSize: k, stride: s, dilation: d, padding, groups: flag ? 1 : c, bias: !flag };
    case 'MaxPool':
      return { kernelSize: k, stride: s, dilation: d, padding: padding === 1 ? 0 : padding, ceilMode: flag };
    case 'AvgPool':
      return {
        kernelSize: k + 1,
        stride: s,
        padding: padding === 'valid' ? 1 : padding,
        ceilMode: flag,
        countIncludePad: !flag,
      };
    case 'LpPool':
      return { kernelSize: k, stride: s, p: (c % 3) + 1 };
    case 'LeakyReLU':
    case 'ELU':
      return { alpha: c / 10 };
    case 'Softmax':
    case 'LogSoftmax':
    case 'Concat':
      return { axis };
    case 'Dense':
      return { outFeatures: c, bias: flag };
    case 'BatchNorm':
      return { eps: 10 ** -c };
    case 'Dropout':
      return { p: c / 10 };
    case 'LRN':
      return { size: k, k: s };
    case 'GlobalAvgPool':
    case 'GlobalMaxPool':
    case 'ReLU':
    case 'GELU':
    case 'Tanh':
    case 'Sigmoid':
    case 'Flatten':
    case 'Add':
      return {};
  }
}

/**
 * Builds a graph node by node, each drawing its inputs from earlier nodes; a node that analysis
 * rejects is dropped, so every design that comes out is valid and mixes all node types.
 */
const designArbitrary = fc
  .record({
    inputs: fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 2,
    }),
    specs: fc.array(specArbitrary, { minLength: 1, maxLength: 14 }),
    outputs: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    outputNames: fc.array(fc.constantFrom(undefined, undefined, undefined, undefined, 'logits', 'n0', 'in0', 'n1'), {
      minLength: 3,
      maxLength: 3,
    }),
  })
  .map(({ inputs, specs, outputs, outputNames }) => {
    const nodes: GraphNode[] = inputs.map((shape, i) => ({ id: `in${i}`, type: 'Input', params: { shape } }));
    const edges: GraphEdge[] = [];
    let analysis = analyzeGraph(document(nodes, edges));
    specs.forEach((spec, index) => {
      const id = `n${index}`;
      const shapes = nodes.map((node) => analysis.nodes.get(node.id)?.output?.shape);
      const first = nodes[(spec.picks[0] ?? 0) % nodes.length] as GraphNode;
      const firstShape = shapes[nodes.indexOf(first)];
      const sources = [first];
      if (spec.type === 'Add' || spec.type === 'Concat') {
        // Merges take partners of the same rank (Concat) or shape (Add), possibly the same node twice.
        const partners = nodes.filter((_, i) => {
          const shape = shapes[i];
          if (!shape || !firstShape || shape.length !== firstShape.length) return false;
          return spec.type === 'Concat' || shape.every((dim, axis) => dim === firstShape[axis]);
        });
        for (const pick of spec.picks.slice(1).concat(spec.picks.length === 1 ? [0] : []))
          sources.push(partners[pick % partners.length] ?? first);
      }
      const candidate = { id, type: spec.type, params: paramsFor(spec) };
      const candidateEdges = sources.map((source, port) => ({ source: source.id, target: id, targetPort: port }));
      const next = analyzeGraph(document([...nodes, candidate], [...edges, ...candidateEdges]), analysis);
      if (next.nodes.get(id)?.output) {
        nodes.push(candidate);
        edges.push(...candidateEdges);
        analysis = next;
      }
    });
    const producers = nodes.slice();
    outputs.forEach((pick, i) => {
      const source =
        i === 0 ? (producers[producers.length - 1] as GraphNode) : (producers[pick % producers.length] as GraphNode);
      const name = outputNames[i];
      nodes.push({ id: `out${i}`, type: 'Output', params: name === undefined ? {} : { name } });
      edges.push({ source: source.id, target: `out${i}` });
    });
    return document(nodes, edges);
  })
  .filter((design) => analyzeGraph(design).valid);

function document(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphDocument {
  return { format: GRAPH_FORMAT, version: 1, name: 'random', nodes, edges };
}

describe('random designs run in onnxruntime with the inferred shapes', () => {
  it('every output and every activation has the inferred shape', async () => {
    await fc.assert(
      fc.asyncProperty(designArbitrary, fc.integer({ min: 1, max: 2 }), async (design, batch) => {
        const layers = design.nodes.filter((node) => node.type !== 'Input' && node.type !== 'Output').map((n) => n.id);
        const exported = exportOnnxBytes({ document: design, weights: new Map() }, { seed: 1, intermediates: layers });
        if (!exported.ok) {
          // Only clashing Input/Output names may stop a valid graph from exporting.
          expect(exported.diagnostics.every((d) => d.code === 'duplicate-id')).toBe(true);
          return;
        }
        const { lowered, bytes } = exported;
        const session = await ort.InferenceSession.create(bytes);
        try {
          const feeds: Record<string, ort.Tensor> = {};
          for (const input of lowered.inputs) {
            const dims = [batch, ...input.shape];
            feeds[input.name] = new ort.Tensor('float32', new Float32Array(elementCount(dims)).fill(0.25), dims);
          }
          const result = await session.run(feeds);
          for (const value of [...lowered.outputs, ...lowered.intermediates]) {
            const tensor = result[value.name] ?? feeds[value.name];
            expect(tensor?.dims, `${value.nodeId} (${value.name})`).toEqual([batch, ...value.shape]);
          }
        } finally {
          await session.release();
        }
      }),
      { numRuns: 60 },
    );
  });
});
