import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analysis/analyze-graph.ts';
import type { GraphDocument, GraphNode } from '../document/graph-document.ts';
import {
  decodeWeightOrigins,
  encodeWeightOrigins,
  reconcileWeights,
  weightDiagnostics,
  weightOriginsOf,
} from './reconcile-weights.ts';
import type { NodeWeights } from './weights.ts';

const tensor = (dims: number[]) => ({ dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)) });

const design = (conv: Record<string, unknown>, dense: Record<string, unknown>): GraphDocument => ({
  format: 'netwright-graph',
  version: 1,
  name: 'small',
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [1, 8, 8] } },
    { id: 'conv', type: 'Conv', params: conv },
    { id: 'bn', type: 'BatchNorm' },
    { id: 'flat', type: 'Flatten' },
    { id: 'fc', type: 'Dense', params: dense },
    { id: 'out', type: 'Output' },
  ],
  edges: ['in', 'conv', 'bn', 'flat', 'fc', 'out'].slice(1).map((target, i) => ({
    source: ['in', 'conv', 'bn', 'flat', 'fc'][i] as string,
    target,
  })),
});

const original = design({ outChannels: 2, kernelSize: 3 }, { outFeatures: 4 });
const weights = new Map<string, NodeWeights>([
  ['conv', { weight: tensor([2, 1, 3, 3]), bias: tensor([2]) }],
  ['bn', { scale: tensor([2]), bias: tensor([2]), mean: tensor([2]), var: tensor([2]) }],
  ['fc', { weight: tensor([4, 72]), bias: tensor([4]) }],
  ['gone', { weight: tensor([1]) }],
]);
const origins = decodeWeightOrigins(encodeWeightOrigins(weightOriginsOf(original, weights)));

function reconcile(document: GraphDocument) {
  return reconcileWeights(analyzeGraph(document), weights, origins);
}

describe('reconcileWeights', () => {
  it('keeps every weight of an unedited design, however its defaults are spelled', () => {
    const spelled = design({ outChannels: 2, kernelSize: [3, 3], stride: 1, bias: true }, { outFeatures: 4 });
    const result = reconcile(spelled);
    expect(result.reinitialised).toEqual([]);
    expect([...result.weights.keys()]).toEqual(['conv', 'bn', 'fc']);
    expect(result.weights.get('conv')).toBe(weights.get('conv'));
  });

  it('drops an edited node, and downstream nodes whose dims changed, whole', () => {
    const edited = reconcile(design({ outChannels: 2, kernelSize: 3, stride: 2 }, { outFeatures: 4 }));
    expect(edited.reinitialised).toEqual([
      { nodeId: 'conv', reason: 'edited', mismatches: [] },
      { nodeId: 'fc', reason: 'reshaped', mismatches: ['weight is [4, 72] where it now needs [4, 18]'] },
    ]);
    expect([...edited.weights.keys()]).toEqual(['bn']);
    const head = reconcile(design({ outChannels: 2, kernelSize: 3 }, { outFeatures: 10 }));
    expect(head.reinitialised.map((node) => node.nodeId)).toEqual(['fc']);
    expect([...head.weights.keys()]).toEqual(['conv', 'bn']);
  });

  it('counts nothing as edited without recorded origins, but still checks dims', () => {
    const widened = design({ outChannels: 3, kernelSize: 3 }, { outFeatures: 4 });
    const result = reconcileWeights(analyzeGraph(widened), weights, undefined);
    expect(result.reinitialised.map((node) => [node.nodeId, node.reason])).toEqual([
      ['conv', 'reshaped'],
      ['bn', 'reshaped'],
      ['fc', 'reshaped'],
    ]);
  });

  it('warns on each re-initialised node, saying why', () => {
    const edited = design({ outChannels: 2, kernelSize: 3, stride: 2 }, { outFeatures: 4 });
    const analysis = analyzeGraph(edited);
    const diagnostics = weightDiagnostics(analysis, reconcileWeights(analysis, weights, origins).reinitialised);
    expect(diagnostics.map((d) => [d.severity, d.code, d.nodeId])).toEqual([
      ['warning', 'weights-reinitialised', 'conv'],
      ['warning', 'weights-reinitialised', 'fc'],
    ]);
    expect(diagnostics[1]?.message).toBe(
      'Dense "fc": after an edit upstream its saved weight is [4, 72] where it now needs [4, 18], so export re-initialises its weights',
    );
  });

  it('reads no origins from malformed metadata', () => {
    expect(decodeWeightOrigins(undefined)).toBeUndefined();
    expect(decodeWeightOrigins('[1]')).toBeUndefined();
    expect(decodeWeightOrigins('{"a": 1}')).toBeUndefined();
    expect(decodeWeightOrigins('{oops')).toBeUndefined();
    const nodes: GraphNode[] = [];
    expect(weightOriginsOf({ ...original, nodes }, weights).size).toBe(0);
  });
});
