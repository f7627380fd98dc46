import { clone, create, equals, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  ModelProtoSchema,
  TensorProto_DataLocation,
  TensorProto_DataType,
  TensorProtoSchema,
  type ModelProto,
  type NodeProto,
  type ValueInfoProto,
} from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type GraphDocument, type GraphEdge, type GraphNode } from '../document/graph-document.ts';
import type { DesignWeights } from '../weights/weights.ts';
import { copyParts, encodeOnnxModel, layoutOnnxModel, partByteLength } from './encode-onnx.ts';
import { materializeTensor } from './initialize-weights.ts';
import { lowerToOnnx, type LoweredModel, type LowerOptions } from './lower-to-onnx.ts';

function design(nodes: GraphNode[], edges: GraphEdge[], name = 'test'): GraphDocument {
  return { format: GRAPH_FORMAT, version: 1, name, nodes, edges };
}

/** Input → ...layers → Output, each node fed by the one before. */
function chain(input: number[], layers: Omit<GraphNode, 'id'>[], name = 'chain'): GraphDocument {
  const nodes: GraphNode[] = [
    { id: 'x', type: 'Input', params: { shape: input } },
    ...layers.map((layer, i) => ({ ...layer, id: `l${i}` })),
    { id: 'y', type: 'Output' },
  ];
  return design(
    nodes,
    nodes.slice(1).map((node, i) => ({ source: (nodes[i] as GraphNode).id, target: node.id })),
    name,
  );
}

function lower(document: GraphDocument, options: LowerOptions = {}, weights: DesignWeights = new Map()): LoweredModel {
  const result = lowerToOnnx(document, weights, options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.lowered;
}

function decoded(lowered: LoweredModel): ModelProto {
  return fromBinary(ModelProtoSchema, encodeOnnxModel(lowered));
}

function dimsOf(value: ValueInfoProto | undefined): (string | number)[] {
  const type = value?.type?.value;
  if (type?.case !== 'tensorType') return [];
  return (type.value.shape?.dim ?? []).map((d) =>
    d.value.case === 'dimParam' ? d.value.value : Number(d.value.value),
  );
}

function attr(node: NodeProto | undefined, name: string): number | number[] | undefined {
  const a = node?.attribute.find((x) => x.name === name);
  if (!a) return undefined;
  if (a.type === AttributeProto_AttributeType.INTS) return a.ints.map(Number);
  if (a.type === AttributeProto_AttributeType.INT) return Number(a.i);
  return a.f;
}

const LENET = chain(
  [1, 32, 32],
  [
    { type: 'Conv', params: { outChannels: 6, kernelSize: 5 } },
    { type: 'Tanh' },
    { type: 'AvgPool', params: { kernelSize: 2 } },
    { type: 'Flatten' },
    { type: 'Dense', params: { outFeatures: 10 } },
    { type: 'Softmax' },
  ],
  'LeNet-ish',
);

describe('lowerToOnnx: the model', () => {
  it('names the producer, the design and the opset, with the matching IR version', () => {
    const model = decoded(lower({ ...LENET, description: 'tiny' }, { producerVersion: '9.9.9', seed: 4 }));
    expect(model.producerName).toBe('Netwright');
    expect(model.producerVersion).toBe('9.9.9');
    expect(model.docString).toBe('tiny');
    expect(model.graph?.name).toBe('LeNet-ish');
    expect(model.metadataProps.map((p) => [p.key, p.value])).toEqual([
      ['name', 'LeNet-ish'],
      ['seed', '4'],
    ]);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 20]]);
    expect(Number(model.irVersion)).toBe(9);
    const latest = decoded(lower(LENET, { opset: 25 }));
    expect(Number(latest.opsetImport[0]?.version)).toBe(25);
    expect(Number(latest.irVersion)).toBe(13);
  });

  it('refuses opsets without Gelu or newer than the schema', () => {
    expect(() => lowerToOnnx(LENET, new Map(), { opset: 19 })).toThrow(RangeError);
    expect(() => lowerToOnnx(LENET, new Map(), { opset: 26 })).toThrow(RangeError);
  });

  it('puts the symbolic batch N in front of every shape and writes every edge as value_info', () => {
    const graph = decoded(lower(LENET)).graph;
    expect(dimsOf(graph?.input[0])).toEqual(['N', 1, 32, 32]);
    expect(dimsOf(graph?.output[0])).toEqual(['N', 10]);
    expect(Object.fromEntries(graph?.valueInfo.map((v) => [v.name, dimsOf(v)]) ?? [])).toEqual({
      l0: ['N', 6, 28, 28],
      l1: ['N', 6, 28, 28],
      l2: ['N', 6, 14, 14],
      l3: ['N', 1176],
      l4: ['N', 10],
    });
    for (const value of [...(graph?.input ?? []), ...(graph?.output ?? []), ...(graph?.valueInfo ?? [])]) {
      expect(value.type?.value.case === 'tensorType' && value.type.value.value.elemType).toBe(
        TensorProto_DataType.FLOAT,
      );
    }
  });

  it('names inputs and outputs after their nodes, or their name parameter', () => {
    const named = chain([3], [{ type: 'ReLU' }]);
    const renamed: GraphDocument = {
      ...named,
      nodes: named.nodes.map((n) =>
        n.type === 'Input'
          ? { ...n, params: { shape: [3], name: 'pixels' } }
          : n.type === 'Output'
            ? { ...n, params: { name: 'scores' } }
            : n,
      ),
    };
    const plain = decoded(lower(named)).graph;
    expect([plain?.input[0]?.name, plain?.output[0]?.name]).toEqual(['x', 'y']);
    const graph = decoded(lower(renamed)).graph;
    expect([graph?.input[0]?.name, graph?.output[0]?.name]).toEqual(['pixels', 'scores']);
    // The layer writes straight to the graph output: no Identity in between.
    expect(graph?.node.map((n) => [n.opType, n.name, n.input, n.output])).toEqual([
      ['Relu', 'l0', ['pixels'], ['scores']],
    ]);
  });

  it('gives an Output of an Input, and a second Output of one layer, an Identity', () => {
    const document = design(
      [
        { id: 'x', type: 'Input', params: { shape: [4] } },
        { id: 'r', type: 'ReLU' },
        { id: 'a', type: 'Output' },
        { id: 'b', type: 'Output' },
        { id: 'raw', type: 'Output' },
      ],
      [
        { source: 'x', target: 'r' },
        { source: 'r', target: 'a' },
        { source: 'r', target: 'b' },
        { source: 'x', target: 'raw' },
      ],
    );
    const lowered = lower(document);
    const graph = decoded(lowered).graph;
    expect(graph?.output.map((o) => o.name)).toEqual(['a', 'b', 'raw']);
    const nodes = graph?.node.map((n) => [n.opType, n.input.join(), n.output.join()]);
    expect(nodes).toHaveLength(4);
    expect(nodes).toEqual(
      expect.arrayContaining([
        ['Relu', 'x', 'r'],
        ['Identity', 'r', 'a'],
        ['Identity', 'r', 'b'],
        ['Identity', 'x', 'raw'],
      ]),
    );
  });

  it('keeps names unique when a node id equals an input or output name', () => {
    const document = design(
      [
        { id: 'x', type: 'Input', params: { shape: [4], name: 'r' } },
        { id: 'r', type: 'ReLU' },
        { id: 's', type: 'Sigmoid' },
        { id: 'y', type: 'Output', params: { name: 's' } },
        { id: 'z', type: 'Output', params: { name: 'x' } },
      ],
      [
        { source: 'x', target: 'r' },
        { source: 'r', target: 's' },
        { source: 's', target: 'y' },
        { source: 's', target: 'z' },
      ],
    );
    const graph = decoded(lower(document)).graph;
    expect(graph?.input[0]?.name).toBe('r');
    expect(graph?.output.map((o) => o.name)).toEqual(['s', 'x']);
    expect(graph?.node.map((n) => [n.opType, n.input.join(), n.output.join()])).toEqual([
      ['Relu', 'r', 'r_1'],
      ['Sigmoid', 'r_1', 's_1'],
      ['Identity', 's_1', 's'],
      ['Identity', 's_1', 'x'],
    ]);
  });

  it('refuses clashing input and output names, and a graph with nothing to return', () => {
    const clash = design(
      [
        { id: 'a', type: 'Input', params: { shape: [2], name: 'v' } },
        { id: 'b', type: 'Output', params: { name: 'v' } },
      ],
      [{ source: 'a', target: 'b' }],
    );
    const result = lowerToOnnx(clash, new Map());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]).toMatchObject({ nodeId: 'b', code: 'duplicate-id' });
    const silent = design([{ id: 'a', type: 'Input', params: { shape: [2] } }], []);
    const nothing = lowerToOnnx(silent, new Map());
    expect(!nothing.ok && nothing.diagnostics[0]?.code).toBe('no-output');
  });

  it('returns the analysis diagnostics for a graph with errors', () => {
    const broken = chain([3, 8, 8], [{ type: 'Dense', params: { outFeatures: 2 } }]);
    const result = lowerToOnnx(broken, new Map());
    expect(!result.ok && result.diagnostics.some((d) => d.code === 'needs-vector' && d.nodeId === 'l0')).toBe(true);
  });
});

describe('lowerToOnnx: operators', () => {
  it('writes "same" padding as explicit SAME_UPPER pads, the odd one at the end', () => {
    const node = decoded(
      lower(
        chain([3, 9, 10], [{ type: 'Conv', params: { outChannels: 2, kernelSize: 4, stride: 2, padding: 'same' } }]),
      ),
    ).graph?.node[0];
    expect(node?.opType).toBe('Conv');
    // Height 9: 3 pads (1 before, 2 after); width 10: 2 pads (1 and 1).
    expect(attr(node, 'pads')).toEqual([1, 1, 2, 1]);
    expect(attr(node, 'strides')).toEqual([2, 2]);
    expect(attr(node, 'kernel_shape')).toEqual([4, 4]);
    expect(attr(node, 'dilations')).toEqual([1, 1]);
    expect(attr(node, 'group')).toBe(1);
    expect(node?.attribute.some((a) => a.name === 'auto_pad')).toBe(false);
  });

  it('shifts Softmax, LogSoftmax and Concat axes past the batch, normalising negative ones', () => {
    const axisOf = (type: string, axis: number) =>
      attr(decoded(lower(chain([3, 4, 5], [{ type, params: { axis } }]))).graph?.node[0], 'axis');
    expect(axisOf('Softmax', 0)).toBe(1);
    expect(axisOf('Softmax', -1)).toBe(3);
    expect(axisOf('LogSoftmax', -2)).toBe(2);
    const concat = design(
      [
        { id: 'a', type: 'Input', params: { shape: [2, 3] } },
        { id: 'b', type: 'Input', params: { shape: [2, 5] } },
        { id: 'c', type: 'Concat', params: { axis: -1 } },
        { id: 'y', type: 'Output' },
      ],
      [
        { source: 'a', target: 'c', targetPort: 0 },
        { source: 'b', target: 'c', targetPort: 1 },
        { source: 'c', target: 'y' },
      ],
    );
    const node = decoded(lower(concat)).graph?.node[0];
    expect([node?.opType, node?.input, attr(node, 'axis')]).toEqual(['Concat', ['a', 'b'], 2]);
  });

  it('lowers Dense to Gemm with transB = 1 and a [F_out, F_in] weight, Flatten to axis 1', () => {
    const lowered = lower(chain([2, 3], [{ type: 'Flatten' }, { type: 'Dense', params: { outFeatures: 4 } }]));
    const [flatten, gemm] = decoded(lowered).graph?.node ?? [];
    expect([flatten?.opType, attr(flatten, 'axis')]).toEqual(['Flatten', 1]);
    expect([gemm?.opType, attr(gemm, 'transB'), gemm?.input]).toEqual(['Gemm', 1, ['l0', 'l1.weight', 'l1.bias']]);
    expect(lowered.initializers.map((i) => [i.name, i.dims])).toEqual([
      ['l1.weight', [4, 6]],
      ['l1.bias', [4]],
    ]);
  });

  it('writes layer attributes: pools, activations, BatchNorm, LRN, Dropout', () => {
    const lowered = lower(
      chain(
        [4, 9, 9],
        [
          { type: 'MaxPool', params: { kernelSize: 3, stride: 2, ceilMode: true, dilation: 1 } },
          { type: 'AvgPool', params: { kernelSize: 2, stride: 1, padding: 1, countIncludePad: true } },
          { type: 'LpPool', params: { kernelSize: 2, p: 3 } },
          { type: 'LeakyReLU', params: { alpha: 0.25 } },
          { type: 'ELU', params: { alpha: 0.5 } },
          { type: 'GELU' },
          { type: 'BatchNorm', params: { eps: 0.125 } },
          { type: 'LRN', params: { size: 3, alpha: 0.5, beta: 0.25, k: 2 } },
          { type: 'Dropout', params: { p: 0.25 } },
        ],
      ),
    );
    const nodes = decoded(lowered).graph?.node ?? [];
    const summary = nodes.map((n) => [n.opType, Object.fromEntries(n.attribute.map((a) => [a.name, attr(n, a.name)]))]);
    expect(summary).toEqual([
      ['MaxPool', { kernel_shape: [3, 3], strides: [2, 2], pads: [0, 0, 0, 0], ceil_mode: 1 }],
      ['AveragePool', { kernel_shape: [2, 2], strides: [1, 1], pads: [1, 1, 1, 1], count_include_pad: 1 }],
      ['LpPool', { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0], p: 3 }],
      ['LeakyRelu', { alpha: 0.25 }],
      ['Elu', { alpha: 0.5 }],
      ['Gelu', {}],
      ['BatchNormalization', { epsilon: 0.125 }],
      ['LRN', { size: 3, alpha: 0.5, beta: 0.25, bias: 2 }],
      ['Dropout', {}],
    ]);
    expect(nodes[6]?.input).toEqual(['l5', 'l6.scale', 'l6.bias', 'l6.mean', 'l6.var']);
    const ratio = lowered.initializers.find((i) => i.name === 'l8.ratio');
    expect(ratio).toMatchObject({
      dims: [],
      trainable: false,
      origin: 'constant',
      source: { kind: 'constant', value: 0.25 },
    });
  });

  it('sums three or more inputs with Sum', () => {
    const document = design(
      [
        { id: 'x', type: 'Input', params: { shape: [3] } },
        { id: 'add', type: 'Add' },
        { id: 'y', type: 'Output' },
      ],
      [0, 1, 2]
        .map((port) => ({ source: 'x', target: 'add', targetPort: port }))
        .concat([{ source: 'add', target: 'y', targetPort: 0 }]),
    );
    expect(decoded(lower(document)).graph?.node.map((n) => [n.opType, n.input.length])).toEqual([['Sum', 3]]);
  });
});

describe('lowerToOnnx: weights', () => {
  it("writes the design's own weights byte for byte where they fit, and initialises the rest", () => {
    const weight = { dims: [6, 1, 5, 5], data: Float32Array.from({ length: 150 }, (_, i) => i / 100) };
    const lowered = lower(LENET, { seed: 2 }, new Map([['l0', { weight }]]));
    const model = decoded(lowered);
    const stored = model.graph?.initializer.find((t) => t.name === 'l0.weight');
    expect(stored?.dims.map(Number)).toEqual([6, 1, 5, 5]);
    expect(new Float32Array(stored?.rawData.slice().buffer ?? new ArrayBuffer(0))).toEqual(weight.data);
    expect(lowered.initializers.map((i) => [i.name, i.origin])).toEqual([
      ['l0.weight', 'design'],
      ['l0.bias', 'seed'],
      ['l4.weight', 'seed'],
      ['l4.bias', 'seed'],
    ]);
  });

  it('gives identical bytes for one seed and different bytes for another', () => {
    const bytes = (seed: number) => encodeOnnxModel(lower(LENET, { seed }));
    const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);
    expect(same(bytes(1), bytes(1))).toBe(true);
    expect(same(bytes(1), bytes(2))).toBe(false);
  });

  it('encodes exactly the message the generic encoder would, initializers included', () => {
    const lowered = lower(LENET, { seed: 3 });
    const reference = clone(ModelProtoSchema, lowered.model);
    reference.graph?.initializer.push(
      ...lowered.initializers.map((i) =>
        create(TensorProtoSchema, {
          name: i.name,
          dims: i.dims.map(BigInt),
          dataType: TensorProto_DataType.FLOAT,
          rawData: new Uint8Array(
            materializeTensor(
              i.source,
              i.dims.reduce((a, b) => a * b, 1),
            ).slice().buffer,
          ),
        }),
      ),
    );
    const mine = encodeOnnxModel(lowered);
    expect(mine.length).toBe(toBinary(ModelProtoSchema, reference).length);
    expect(equals(ModelProtoSchema, fromBinary(ModelProtoSchema, mine), reference)).toBe(true);
  });

  it('lays large models out with external data: 4 KB aligned offsets, small tensors inline', () => {
    const lowered = lower(chain([64], [{ type: 'Dense', params: { outFeatures: 100 } }, { type: 'BatchNorm' }]));
    const layout = layoutOnnxModel(lowered, 'model.onnx.data');
    const file = new Uint8Array(layout.byteLength);
    expect(copyParts(layout.parts, file, 0, new Float32Array(1024))).toBe(layout.byteLength);
    const model = fromBinary(ModelProtoSchema, file);
    const weight = model.graph?.initializer.find((t) => t.name === 'l0.weight');
    expect(weight?.dataLocation).toBe(TensorProto_DataLocation.EXTERNAL);
    expect(Object.fromEntries(weight?.externalData.map((e) => [e.key, e.value]) ?? [])).toEqual({
      location: 'model.onnx.data',
      offset: '0',
      length: String(6400 * 4),
    });
    const bias = model.graph?.initializer.find((t) => t.name === 'l0.bias');
    expect([bias?.dataLocation, bias?.rawData.length]).toEqual([TensorProto_DataLocation.DEFAULT, 400]);
    expect(layout.externalData?.byteLength).toBe(6400 * 4);
    expect(layout.byteLength).toBe(layout.parts.reduce((sum, p) => sum + partByteLength(p), 0));
  });
});

describe('lowerToOnnx: activations', () => {
  it('adds requested activations as graph outputs, and maps an Input to the graph input', () => {
    const lowered = lower(LENET, { intermediates: ['l0', 'x', 'l5', 'l2'] });
    expect(lowered.intermediates).toEqual([
      { nodeId: 'l0', name: 'l0', shape: [6, 28, 28] },
      { nodeId: 'x', name: 'x', shape: [1, 32, 32] },
      { nodeId: 'l5', name: 'y', shape: [10] },
      { nodeId: 'l2', name: 'l2', shape: [6, 14, 14] },
    ]);
    const graph = decoded(lowered).graph;
    expect(graph?.output.map((o) => o.name)).toEqual(['y', 'l0', 'l2']);
    expect(graph?.valueInfo.map((v) => v.name)).toEqual(['l1', 'l3', 'l4']);
  });

  it('refuses an activation of a node that does not exist', () => {
    const result = lowerToOnnx(LENET, new Map(), { intermediates: ['nope'] });
    expect(!result.ok && result.diagnostics[0]?.message).toContain('"nope"');
  });
});
