/**
 * Lowers a design to a standard ONNX model (DESIGN.md, "ONNX export"). Every node type becomes
 * standard operators of one opset; the batch dimension is the symbolic `N`; graph inputs and outputs
 * are named after their nodes; every edge's shape is written as value_info, so viewers show it.
 *
 * The result keeps the initializers apart from the ModelProto: their values may be hundreds of MB,
 * which encode-onnx.ts frames by hand and streams instead of copying them through a generic encoder.
 */
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  ModelProtoSchema,
  TensorProto_DataType,
  ValueInfoProtoSchema,
  type AttributeProto,
  type ModelProto,
  type NodeProtoSchema,
  type ValueInfoProto,
} from 'onnx-buf';
import { analyzeGraph, type GraphAnalysis, type NodeAnalysis } from '../analysis/analyze-graph.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { GraphDocument, GraphEdge, GraphNode } from '../document/graph-document.ts';
import { resolveAxis } from '../layers/axis.ts';
import type { Shape } from '../layers/conv-arithmetic.ts';
import { resolveParams, type ParamSchema, type ParamValues } from '../layers/params.ts';
import { isLayerType, LAYERS, type LayerType } from '../layers/registry.ts';
import { isIssue, slideLayerWindow, type SlidWindow, type WindowParams } from '../layers/windowed.ts';
import { weightTensorName, type DesignWeights, type WeightRole } from '../weights/weights.ts';
import { planNodeWeights, type TensorSource } from './initialize-weights.ts';
import { checkOpset, DEFAULT_OPSET, irVersionFor } from './opset.ts';

/** The producer written into every model. */
export const PRODUCER_NAME = 'Netwright';
/** The symbolic batch dimension in front of every shape. */
export const BATCH_DIMENSION = 'N';

export interface LowerOptions {
  /** Seeds the initialisation of weights the design does not carry; 0 when absent. */
  readonly seed?: number;
  /** The opset to write (opset.ts); DEFAULT_OPSET when absent. */
  readonly opset?: number;
  /** Written as the model's producer_version. */
  readonly producerVersion?: string;
  /** Node ids whose activations to return as extra graph outputs, for drawing feature maps. */
  readonly intermediates?: readonly string[];
}

/** One initializer: its metadata here, its values produced on demand from `source`. */
export interface OnnxInitializer {
  readonly name: string;
  readonly nodeId: string;
  /** The weight role, or 'ratio' for Dropout's probability. */
  readonly role: WeightRole | 'ratio';
  readonly dims: Shape;
  readonly trainable: boolean;
  /** 'design': the design's own tensor; 'seed': initialised; 'constant': an operator argument. */
  readonly origin: 'design' | 'seed' | 'constant';
  /** The dims of a design tensor that no longer fits its node, which the seed therefore replaced. */
  readonly rejectedDims?: Shape;
  readonly source: TensorSource;
}

/** A graph input or output: the node it belongs to, its ONNX name and its shape without the batch. */
export interface OnnxValue {
  readonly nodeId: string;
  readonly name: string;
  readonly shape: Shape;
}

export interface LoweredModel {
  readonly opset: number;
  readonly seed: number;
  /** The model without its initializers, which encode-onnx.ts appends to the graph. */
  readonly model: ModelProto;
  readonly initializers: readonly OnnxInitializer[];
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  /**
   * The requested activations, in request order: the graph output that carries each, or for an
   * Input node the graph input itself.
   */
  readonly intermediates: readonly OnnxValue[];
  readonly analysis: GraphAnalysis;
}

export type LoweringResult =
  | { readonly ok: true; readonly lowered: LoweredModel }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

type NodeInit = MessageInitShape<typeof NodeProtoSchema>;

function attrInts(name: string, values: readonly number[]): AttributeProto {
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INTS, ints: values.map(BigInt) });
}

function attrInt(name: string, value: number): AttributeProto {
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i: BigInt(value) });
}

function attrFloat(name: string, value: number): AttributeProto {
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.FLOAT, f: value });
}

/** A float tensor [N, ...shape]. */
function tensorValueInfo(name: string, shape: Shape): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: {
      value: {
        case: 'tensorType',
        value: {
          elemType: TensorProto_DataType.FLOAT,
          shape: {
            dim: [
              { value: { case: 'dimParam', value: BATCH_DIMENSION } },
              ...shape.map((dim) => ({ value: { case: 'dimValue' as const, value: BigInt(dim) } })),
            ],
          },
        },
      },
    },
  });
}

/** The window attributes shared by Conv and the pools; ONNX pads list every axis's begin, then every end. */
function windowAttributes(window: SlidWindow): AttributeProto[] {
  return [
    attrInts('kernel_shape', window.kernel),
    attrInts('strides', window.stride),
    attrInts('pads', [...window.pads.begin, ...window.pads.end]),
  ];
}

/** Valid graphs have valid parameters; this re-resolves them with their schema's types. */
function paramsOf<S extends ParamSchema>(schema: S, node: GraphNode): ParamValues<S> {
  const resolved = resolveParams(schema, node.params);
  if (!resolved.ok) throw new Error(`${node.type} "${node.id}" has invalid parameters after analysis passed it`);
  return resolved.values;
}

function windowOf(node: GraphNode, input: Shape, params: WindowParams): SlidWindow {
  const window = slideLayerWindow(node.type, input, params);
  if (isIssue(window)) throw new Error(`${node.type} "${node.id}": ${window.message}`);
  return window;
}

/** The ONNX axis of a batch-free axis: negative axes normalised, then shifted past the batch. */
function onnxAxis(node: GraphNode, axis: number, shape: Shape): number {
  const resolved = resolveAxis(node.type, axis, shape);
  if (typeof resolved !== 'number') throw new Error(`${node.type} "${node.id}": ${resolved.message}`);
  return resolved + 1;
}

/** Input sources of every node in port order, exactly as analyzeGraph wires them. */
function wireInputs(edges: readonly GraphEdge[]): Map<string, string[]> {
  const ported = new Map<string, { port: number; source: string }[]>();
  for (const edge of edges) {
    const list = ported.get(edge.target) ?? [];
    list.push({ port: edge.targetPort ?? 0, source: edge.source });
    ported.set(edge.target, list);
  }
  const inputs = new Map<string, string[]>();
  for (const [target, list] of ported) {
    list.sort((a, b) => a.port - b.port);
    inputs.set(
      target,
      list.map((entry) => entry.source),
    );
  }
  return inputs;
}

/** Hands out unique ONNX names: the wanted one when free, else the first free `name_1`, `name_2`, …. */
class NameAllocator {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    let name = wanted;
    for (let n = 1; this.used.has(name); n++) name = `${wanted}_${n}`;
    this.used.add(name);
    return name;
  }
}

function ioNameOf(node: GraphNode): string {
  const name = node.params?.['name'];
  return typeof name === 'string' && name !== '' ? name : node.id;
}

function lowerError(node: GraphNode | undefined, code: Diagnostic['code'], message: string): Diagnostic {
  return {
    severity: 'error',
    code,
    nodeId: node?.id,
    message: node ? `${node.type} "${node.id}": ${message}` : message,
  };
}

/**
 * Lowers `document` with its `weights` to ONNX. Fails with the analysis' diagnostics when the graph
 * has errors, and with its own when the ONNX names would clash or there is nothing to return.
 * Throws RangeError for an invalid seed or opset (callers check user input first).
 */
export function lowerToOnnx(
  document: GraphDocument,
  weights: DesignWeights,
  options: LowerOptions = {},
  previous?: GraphAnalysis,
): LoweringResult {
  const seed = options.seed ?? 0;
  const opset = options.opset ?? DEFAULT_OPSET;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number ≥ 0, got ${seed}`);
  const opsetProblem = checkOpset(opset);
  if (opsetProblem) throw new RangeError(opsetProblem);

  const analysis = analyzeGraph(document, previous);
  if (!analysis.valid) return { ok: false, diagnostics: analysis.diagnostics };
  const problems: Diagnostic[] = [];
  const names = new NameAllocator();
  const nodesInOrder = analysis.order.map((id) => analysis.nodes.get(id) as NodeAnalysis);
  const inputsOf = wireInputs(document.edges);

  // Graph inputs and outputs take their nodes' names, which must therefore be unique.
  const ioOwner = new Map<string, GraphNode>();
  const ioNames = new Map<string, string>();
  for (const node of document.nodes) {
    if (node.type !== 'Input' && node.type !== 'Output') continue;
    const name = ioNameOf(node);
    const owner = ioOwner.get(name);
    if (owner) {
      problems.push(
        lowerError(
          node,
          'duplicate-id',
          `its ONNX name "${name}" is also the name of ${owner.type} "${owner.id}"; give every Input and Output a unique name`,
        ),
      );
      continue;
    }
    ioOwner.set(name, node);
    ioNames.set(node.id, names.take(name));
  }
  const outputNodes = document.nodes.filter((node) => node.type === 'Output');
  if (outputNodes.length === 0 && (options.intermediates?.length ?? 0) === 0)
    problems.push(
      lowerError(
        undefined,
        'no-output',
        'the graph has no Output node, so the model would return nothing; add one after the last layer',
      ),
    );
  const requested = [...new Set(options.intermediates ?? [])];
  for (const id of requested) {
    if (!analysis.nodes.has(id))
      problems.push(lowerError(undefined, 'unknown-node', `there is no node "${id}" to return the activation of`));
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  // A layer that feeds exactly one Output writes its value under that Output's name; any other
  // Output (of an Input, or a second Output of one layer) gets an Identity.
  const outputConsumers = new Map<string, GraphNode[]>();
  for (const node of outputNodes) {
    const source = inputsOf.get(node.id)?.[0] as string;
    outputConsumers.set(source, [...(outputConsumers.get(source) ?? []), node]);
  }
  const valueNames = new Map<string, string>();
  const namedByOutput = new Set<string>();
  for (const { node } of nodesInOrder) {
    if (node.type === 'Output') continue;
    if (node.type === 'Input') {
      valueNames.set(node.id, ioNames.get(node.id) as string);
      continue;
    }
    const consumers = outputConsumers.get(node.id) ?? [];
    const [only] = consumers;
    if (only && consumers.length === 1) {
      valueNames.set(node.id, ioNames.get(only.id) as string);
      namedByOutput.add(only.id);
    } else valueNames.set(node.id, names.take(node.id));
  }

  const onnxNodes: NodeInit[] = [];
  const initializers: OnnxInitializer[] = [];
  const graphInputs: OnnxValue[] = [];
  const graphOutputs: OnnxValue[] = [];
  const internal: OnnxValue[] = [];

  const graphValueNames = new Set(ioNames.values());
  for (const analyzed of nodesInOrder) {
    const { node } = analyzed;
    const type = node.type;
    if (!isLayerType(type)) throw new Error(`${type} "${node.id}" is not a layer type after analysis passed it`);
    const shape = analyzed.output?.shape as Shape;
    const inputNames = (inputsOf.get(node.id) ?? []).map((source) => valueNames.get(source) as string);
    if (type === 'Input') {
      graphInputs.push({ nodeId: node.id, name: valueNames.get(node.id) as string, shape });
      continue;
    }
    if (type === 'Output') {
      const name = ioNames.get(node.id) as string;
      graphOutputs.push({ nodeId: node.id, name, shape });
      if (!namedByOutput.has(node.id))
        onnxNodes.push({ name: node.id, opType: 'Identity', input: inputNames, output: [name] });
      continue;
    }
    const output = valueNames.get(node.id) as string;
    if (!graphValueNames.has(output)) internal.push({ nodeId: node.id, name: output, shape });
    const addInitializer = (initializer: Omit<OnnxInitializer, 'name' | 'nodeId'>): string => {
      const name = names.take(
        initializer.role === 'ratio' ? `${node.id}.ratio` : weightTensorName(node.id, initializer.role),
      );
      initializers.push({ name, nodeId: node.id, ...initializer });
      return name;
    };
    const context: LayerContext = {
      node,
      analyzed,
      inputs: inputNames,
      output,
      weightInputs: () =>
        (planNodeWeights(analyzed, weights.get(node.id), seed) ?? []).map(({ role, ...planned }) =>
          addInitializer({ role, ...planned }),
        ),
      addInitializer,
      intermediate: (step, valueShape) => {
        const name = names.take(`${node.id}/${step}`);
        if (valueShape) internal.push({ nodeId: node.id, name, shape: valueShape });
        return name;
      },
    };
    onnxNodes.push(...lowerLayer(type, context));
  }

  const intermediates: OnnxValue[] = [];
  const extraOutputs: OnnxValue[] = [];
  for (const id of requested) {
    const analyzed = analysis.nodes.get(id) as NodeAnalysis;
    const shape = analyzed.output?.shape as Shape;
    const name = analyzed.node.type === 'Output' ? (ioNames.get(id) as string) : (valueNames.get(id) as string);
    intermediates.push({ nodeId: id, name, shape });
    if (!graphValueNames.has(name) && !extraOutputs.some((v) => v.name === name))
      extraOutputs.push({ nodeId: id, name, shape });
  }

  // Graph inputs and outputs follow the document's order, as a user lists them.
  const documentOrder = new Map(document.nodes.map((node, index) => [node.id, index]));
  const byDocumentOrder = (a: OnnxValue, b: OnnxValue) =>
    (documentOrder.get(a.nodeId) ?? 0) - (documentOrder.get(b.nodeId) ?? 0);
  graphInputs.sort(byDocumentOrder);
  graphOutputs.sort(byDocumentOrder);
  const irVersion = irVersionFor(opset) as number;
  const model = create(ModelProtoSchema, {
    irVersion: BigInt(irVersion),
    producerName: PRODUCER_NAME,
    ...(options.producerVersion ? { producerVersion: options.producerVersion } : {}),
    ...(document.description ? { docString: document.description } : {}),
    opsetImport: [{ domain: '', version: BigInt(opset) }],
    metadataProps: [
      { key: 'name', value: document.name },
      ...(initializers.some((i) => i.origin === 'seed') ? [{ key: 'seed', value: String(seed) }] : []),
    ],
    graph: {
      name: document.name || 'netwright',
      node: onnxNodes,
      input: graphInputs.map((v) => tensorValueInfo(v.name, v.shape)),
      output: [...graphOutputs, ...extraOutputs].map((v) => tensorValueInfo(v.name, v.shape)),
      valueInfo: internal
        .filter((v) => !extraOutputs.some((extra) => extra.name === v.name))
        .map((v) => tensorValueInfo(v.name, v.shape)),
    },
  });
  return {
    ok: true,
    lowered: {
      opset,
      seed,
      model,
      initializers,
      inputs: graphInputs,
      outputs: graphOutputs,
      intermediates,
      analysis,
    },
  };
}

/** What lowering one layer needs: its node, its ONNX input and output names, and ways to add values. */
interface LayerContext {
  readonly node: GraphNode;
  readonly analyzed: NodeAnalysis;
  readonly inputs: readonly string[];
  readonly output: string;
  /** Adds the node's weight initializers (design's or seeded) and returns their names in ONNX input order. */
  weightInputs(): string[];
  addInitializer(initializer: Omit<OnnxInitializer, 'name' | 'nodeId'>): string;
  /** Names a value inside a layer that takes several operators; with a shape, it is written as value_info. */
  intermediate(step: string, shape?: Shape): string;
}

/** A layer's operators: one for most layers, a few where onnxruntime lacks a case of the standard one. */
function lowerLayer(type: Exclude<LayerType, 'Input' | 'Output'>, context: LayerContext): NodeInit[] {
  const { node, analyzed } = context;
  const input = analyzed.inputs[0]?.shape as Shape;
  const op = (
    opType: string,
    attributes: readonly AttributeProto[] = [],
    extraInputs: readonly string[] = [],
  ): NodeInit[] => [
    {
      name: node.id,
      opType,
      input: [...context.inputs, ...extraInputs],
      output: [context.output],
      attribute: [...attributes],
    },
  ];
  switch (type) {
    case 'Conv': {
      const p = paramsOf(LAYERS.Conv.params, node);
      const window = windowOf(node, input, p);
      return op(
        'Conv',
        [...windowAttributes(window), attrInts('dilations', window.dilation), attrInt('group', p.groups)],
        context.weightInputs(),
      );
    }
    case 'MaxPool': {
      const p = paramsOf(LAYERS.MaxPool.params, node);
      const window = windowOf(node, input, p);
      return op('MaxPool', [
        ...windowAttributes(window),
        ...(window.dilation.some((d) => d !== 1) ? [attrInts('dilations', window.dilation)] : []),
        ...(p.ceilMode ? [attrInt('ceil_mode', 1)] : []),
      ]);
    }
    case 'AvgPool': {
      const p = paramsOf(LAYERS.AvgPool.params, node);
      const window = windowOf(node, input, { ...p, dilation: 1 });
      return op('AveragePool', [
        ...windowAttributes(window),
        ...(p.ceilMode ? [attrInt('ceil_mode', 1)] : []),
        ...(p.countIncludePad ? [attrInt('count_include_pad', 1)] : []),
      ]);
    }
    case 'LpPool': {
      const p = paramsOf(LAYERS.LpPool.params, node);
      const window = windowOf(node, input, { ...p, dilation: 1 });
      return op('LpPool', [...windowAttributes(window), attrInt('p', p.p)]);
    }
    case 'GlobalAvgPool':
      return op('GlobalAveragePool');
    case 'GlobalMaxPool':
      return op('GlobalMaxPool');
    case 'ReLU':
      return op('Relu');
    case 'LeakyReLU':
      return op('LeakyRelu', [attrFloat('alpha', paramsOf(LAYERS.LeakyReLU.params, node).alpha)]);
    case 'ELU':
      return op('Elu', [attrFloat('alpha', paramsOf(LAYERS.ELU.params, node).alpha)]);
    case 'GELU':
      return op('Gelu');
    case 'Tanh':
      return op('Tanh');
    case 'Sigmoid':
      return op('Sigmoid');
    case 'Softmax':
      return op('Softmax', [attrInt('axis', onnxAxis(node, paramsOf(LAYERS.Softmax.params, node).axis, input))]);
    case 'LogSoftmax':
      return op('LogSoftmax', [attrInt('axis', onnxAxis(node, paramsOf(LAYERS.LogSoftmax.params, node).axis, input))]);
    case 'Flatten':
      return op('Flatten', [attrInt('axis', 1)]);
    case 'Dense':
      return op('Gemm', [attrInt('transB', 1)], context.weightInputs());
    case 'Add':
      // ONNX Add is binary; Sum takes any number of inputs.
      return op(analyzed.inputs.length === 2 ? 'Add' : 'Sum');
    case 'Concat':
      return op('Concat', [attrInt('axis', onnxAxis(node, paramsOf(LAYERS.Concat.params, node).axis, input))]);
    case 'BatchNorm':
      return op(
        'BatchNormalization',
        [attrFloat('epsilon', paramsOf(LAYERS.BatchNorm.params, node).eps)],
        context.weightInputs(),
      );
    case 'Dropout': {
      // ONNX Dropout is the identity at inference (training_mode defaults to false); the ratio keeps p in the file.
      const { p } = paramsOf(LAYERS.Dropout.params, node);
      const ratio = context.addInitializer({
        role: 'ratio',
        dims: [],
        trainable: false,
        origin: 'constant',
        source: { kind: 'constant', value: p },
      });
      return op('Dropout', [], [ratio]);
    }
    case 'LRN': {
      const p = paramsOf(LAYERS.LRN.params, node);
      if (p.size % 2 === 1)
        return op('LRN', [
          attrInt('size', p.size),
          attrFloat('alpha', p.alpha),
          attrFloat('beta', p.beta),
          attrFloat('bias', p.k),
        ]);
      return lowerEvenLrn(context, input, p);
    }
  }
}

/**
 * LRN with an even size, which onnxruntime's LRN kernel refuses, spelled out with ONNX's own
 * definition: the squares summed over channels c − ⌊(size−1)/2⌋ … c + ⌈(size−1)/2⌉ (an average pool
 * over the channel axis whose divisor is the size), then x / (k + α·sum/size)^β.
 */
function lowerEvenLrn(
  context: LayerContext,
  input: Shape,
  p: { readonly size: number; readonly alpha: number; readonly beta: number; readonly k: number },
): NodeInit[] {
  const { node } = context;
  const x = context.inputs[0] as string;
  const channelAxis = context.intermediate('channel_axis');
  const alpha = context.intermediate('alpha');
  const bias = context.intermediate('bias');
  const beta = context.intermediate('beta');
  const square = context.intermediate('square', input);
  const stacked = context.intermediate('square_stacked', [1, ...input]);
  const pooled = context.intermediate('square_mean', [1, ...input]);
  const mean = context.intermediate('square_mean_unstacked', input);
  const scaled = context.intermediate('scaled', input);
  const shifted = context.intermediate('shifted', input);
  const divisor = context.intermediate('divisor', input);
  const before = Math.floor((p.size - 1) / 2);
  const after = p.size - 1 - before;
  const spatial = input.slice(1).map(() => 0);
  const step = (
    name: string,
    opType: string,
    inputs: string[],
    output: string,
    attribute: AttributeProto[] = [],
  ): NodeInit => ({
    name: `${node.id}/${name}`,
    opType,
    input: inputs,
    output: [output],
    attribute,
  });
  return [
    step('channel_axis', 'Constant', [], channelAxis, [attrInts('value_ints', [1])]),
    step('alpha', 'Constant', [], alpha, [attrFloat('value_float', p.alpha)]),
    step('bias', 'Constant', [], bias, [attrFloat('value_float', p.k)]),
    step('beta', 'Constant', [], beta, [attrFloat('value_float', p.beta)]),
    step('square', 'Mul', [x, x], square),
    step('stack', 'Unsqueeze', [square, channelAxis], stacked),
    step('window_mean', 'AveragePool', [stacked], pooled, [
      attrInts('kernel_shape', [p.size, ...spatial.map(() => 1)]),
      attrInts('pads', [before, ...spatial, after, ...spatial]),
      attrInt('count_include_pad', 1),
    ]),
    step('unstack', 'Squeeze', [pooled, channelAxis], mean),
    step('scale', 'Mul', [mean, alpha], scaled),
    step('shift', 'Add', [scaled, bias], shifted),
    step('power', 'Pow', [shifted, beta], divisor),
    { name: node.id, opType: 'Div', input: [x, divisor], output: [context.output] },
  ];
}
