import { describe, expect, it } from 'vitest';
import { analyzeGraph, type NodeAnalysis } from '../analysis/analyze-graph.ts';
import { GRAPH_FORMAT, type GraphDocument } from '../document/graph-document.ts';
import type { NodeWeights } from '../weights/weights.ts';
import {
  expectedWeightDims,
  materializeTensor,
  openTensorStream,
  planNodeWeights,
  rejectedWeights,
  type TensorSource,
} from './initialize-weights.ts';
import { fillBlocksScalar, fillBlocksSimd, SeededRandom } from './seeded-random.ts';

function analyzed(input: readonly number[], type: string, params: Record<string, unknown> = {}): NodeAnalysis {
  const document: GraphDocument = {
    format: GRAPH_FORMAT,
    version: 1,
    name: 'one layer',
    nodes: [
      { id: 'x', type: 'Input', params: { shape: input } },
      { id: 'layer', type, params },
      { id: 'y', type: 'Output' },
    ],
    edges: [
      { source: 'x', target: 'layer' },
      { source: 'layer', target: 'y' },
    ],
  };
  const node = analyzeGraph(document).nodes.get('layer');
  if (!node?.output) throw new Error(`${type} did not analyse`);
  return node;
}

const tensor = (dims: number[], fill = 0.5) => ({
  dims,
  data: new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(fill),
});

describe('expectedWeightDims', () => {
  it('gives Conv weights [F_out, F_in / groups, ...kernel] for 1-D, 2-D and 3-D inputs', () => {
    expect(expectedWeightDims(analyzed([4, 20], 'Conv', { outChannels: 6, kernelSize: 5, groups: 2 }))).toEqual({
      weight: [6, 2, 5],
      bias: [6],
    });
    expect(
      expectedWeightDims(analyzed([3, 9, 9], 'Conv', { outChannels: 8, kernelSize: [3, 1], bias: false })),
    ).toEqual({
      weight: [8, 3, 3, 1],
    });
    expect(expectedWeightDims(analyzed([2, 5, 5, 5], 'Conv', { outChannels: 4, kernelSize: 3 }))?.weight).toEqual([
      4, 2, 3, 3, 3,
    ]);
  });

  it('gives Dense weights [F_out, F_in] and BatchNorm four [C] tensors', () => {
    expect(expectedWeightDims(analyzed([12], 'Dense', { outFeatures: 3 }))).toEqual({ weight: [3, 12], bias: [3] });
    expect(expectedWeightDims(analyzed([5, 4, 4], 'BatchNorm'))).toEqual({
      scale: [5],
      bias: [5],
      mean: [5],
      var: [5],
    });
  });

  it('has nothing for layers without weights', () => {
    expect(expectedWeightDims(analyzed([5, 4, 4], 'ReLU'))).toBeUndefined();
    expect(expectedWeightDims(analyzed([5, 4, 4], 'MaxPool', { kernelSize: 2 }))).toBeUndefined();
  });
});

describe('planNodeWeights', () => {
  const conv = analyzed([3, 8, 8], 'Conv', { outChannels: 4, kernelSize: 3 });

  it("takes the design's tensors where their dims fit", () => {
    const given: NodeWeights = { weight: tensor([4, 3, 3, 3]), bias: tensor([4]) };
    const planned = planNodeWeights(conv, given, 0) ?? [];
    expect(planned.map((p) => [p.role, p.origin])).toEqual([
      ['weight', 'design'],
      ['bias', 'design'],
    ]);
    expect(planned[0]?.source).toEqual({ kind: 'data', data: given.weight?.data });
  });

  it('initialises a tensor whose dims no longer fit and names the old dims', () => {
    const planned = planNodeWeights(conv, { weight: tensor([4, 3, 5, 5]), bias: tensor([4]) }, 7) ?? [];
    expect(planned[0]).toMatchObject({
      role: 'weight',
      origin: 'seed',
      dims: [4, 3, 3, 3],
      rejectedDims: [4, 3, 5, 5],
    });
    expect(planned[1]?.origin).toBe('design');
  });

  it('initialises like PyTorch: uniform within 1/sqrt(fan_in) for weights and biases', () => {
    const dense = analyzed([400], 'Dense', { outFeatures: 300 });
    for (const weight of planNodeWeights(dense, undefined, 1) ?? []) {
      const values = materializeTensor(
        weight.source,
        weight.dims.reduce((a, b) => a * b, 1),
      );
      const bound = 1 / Math.sqrt(400);
      expect(weight.source).toMatchObject({ kind: 'uniform', bound });
      expect(values.every((v) => Math.abs(v) <= bound)).toBe(true);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
      // Uniform on [-b, b] has variance b²/3; allow about four standard errors of the estimate.
      expect(Math.abs(variance / (bound ** 2 / 3) - 1)).toBeLessThan(weight.role === 'weight' ? 0.01 : 0.25);
      expect(Math.abs(mean)).toBeLessThan(weight.role === 'weight' ? 0.001 : 0.01);
    }
  });

  it('uses fan_in = F_in / groups × kernel volume for convolutions', () => {
    const grouped = analyzed([8, 10, 10], 'Conv', { outChannels: 8, kernelSize: 3, groups: 4 });
    const [weight] = planNodeWeights(grouped, undefined, 0) ?? [];
    expect(weight?.source).toMatchObject({ bound: 1 / Math.sqrt(2 * 9) });
  });

  it('starts BatchNorm as the identity: scale 1, shift 0, mean 0, variance 1', () => {
    const planned = planNodeWeights(analyzed([3, 4, 4], 'BatchNorm'), undefined, 0) ?? [];
    expect(planned.map((p) => [p.role, p.trainable, p.source])).toEqual([
      ['scale', true, { kind: 'constant', value: 1 }],
      ['bias', true, { kind: 'constant', value: 0 }],
      ['mean', false, { kind: 'constant', value: 0 }],
      ['var', false, { kind: 'constant', value: 1 }],
    ]);
  });

  it('gives the same values for one seed and different values for another', () => {
    const values = (seed: number) => {
      const [weight] = planNodeWeights(conv, undefined, seed) ?? [];
      return materializeTensor(weight?.source as TensorSource, 108);
    };
    expect(values(3)).toEqual(values(3));
    expect(values(3)).not.toEqual(values(4));
  });
});

describe('rejectedWeights', () => {
  it('lists the design tensors that no longer fit their nodes', () => {
    const document: GraphDocument = {
      format: GRAPH_FORMAT,
      version: 1,
      name: 'head swap',
      nodes: [
        { id: 'x', type: 'Input', params: { shape: [16] } },
        { id: 'fc', type: 'Dense', params: { outFeatures: 5 } },
        { id: 'y', type: 'Output' },
      ],
      edges: [
        { source: 'x', target: 'fc' },
        { source: 'fc', target: 'y' },
      ],
    };
    const weights = new Map([['fc', { weight: tensor([10, 16]), bias: tensor([10]) }]]);
    expect(rejectedWeights(analyzeGraph(document), weights)).toEqual([
      { nodeId: 'fc', role: 'weight', expected: [5, 16], given: [10, 16] },
      { nodeId: 'fc', role: 'bias', expected: [5], given: [10] },
    ]);
  });
});

describe('tensor streams', () => {
  it('produce the same values whatever the chunk size', () => {
    const source: TensorSource = { kind: 'uniform', seed: 9, stream: 'c1.weight', bound: 0.1 };
    const whole = materializeTensor(source, 1000);
    const stream = openTensorStream(source, 1000);
    const pieces: number[] = [];
    while (stream.remaining > 0) pieces.push(...stream.next(new Float32Array(37)));
    expect(Float32Array.from(pieces)).toEqual(whole);
  });

  it("view the design's own data instead of copying it", () => {
    const data = Float32Array.from({ length: 10 }, (_, i) => i);
    const stream = openTensorStream({ kind: 'data', data }, 10);
    const first = stream.next(new Float32Array(4));
    expect(first.buffer).toBe(data.buffer);
    expect(Array.from(first)).toEqual([0, 1, 2, 3]);
  });
});

describe('SeededRandom', () => {
  it('gives independent streams per name and seed', () => {
    const draw = (seed: number, stream: string) => {
      const random = new SeededRandom(seed, stream);
      return Array.from({ length: 8 }, () => random.nextUint32());
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(2 ** 40, 'a')).not.toEqual(draw(0, 'a'));
  });

  it('fills uniformly in [low, high)', () => {
    const values = new Float32Array(100_000);
    new SeededRandom(5, 'u').fillUniform(values, -2, 3);
    const buckets = new Array<number>(5).fill(0);
    for (const v of values) buckets[Math.min(4, Math.floor(v + 2))]! += 1;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...values)).toBeLessThanOrEqual(3);
    for (const count of buckets) expect(Math.abs(count - 20_000)).toBeLessThan(1000);
  });

  it.runIf(fillBlocksSimd)('gives the same values and state through WebAssembly SIMD and plain JavaScript', () => {
    const state = () => Int32Array.from({ length: 16 }, (_, i) => Math.imul(i + 1, 0x2545f491));
    const [simdState, scalarState] = [state(), state()];
    const [simd, scalar] = [new Float32Array(80_016), new Float32Array(80_016)];
    fillBlocksSimd?.(simdState, simd, 8, 10_000, -0.3, 0.6 * 2 ** -24);
    fillBlocksScalar(scalarState, scalar, 8, 10_000, -0.3, 0.6 * 2 ** -24);
    expect(simd.every((v, i) => v === scalar[i])).toBe(true);
    expect(Array.from(simdState)).toEqual(Array.from(scalarState));
  });

  it('hands out one sequence through nextFloat and fillUniform', () => {
    const filled = new Float32Array(21);
    new SeededRandom(3, 's').fillUniform(filled, 0, 1);
    const random = new SeededRandom(3, 's');
    expect(Array.from(filled)).toEqual(Array.from({ length: 21 }, () => random.nextFloat()));
  });

  it('refuses seeds that are not whole numbers from 0', () => {
    expect(() => new SeededRandom(-1)).toThrow(RangeError);
    expect(() => new SeededRandom(1.5)).toThrow(RangeError);
  });
});
