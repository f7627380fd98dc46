/**
 * ONNX import: a model exported by PyTorch, Keras, CNTK or the model zoo becomes an editable graph
 * document plus its weights. Every node either maps onto design nodes (map-nodes.ts), folds into
 * constants (fold-constants.ts), or makes the import refuse; refusals are collected over the whole
 * graph and reported together, grouped by operator, so the user sees everything at once.
 */
import { TensorProto_DataType, type GraphProto, type NodeProto, type ValueInfoProto } from 'onnx-buf';
import { analyzeGraph } from '../analysis/analyze-graph.ts';
import {
  CURRENT_VERSION,
  GRAPH_FORMAT,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
} from '../document/graph-document.ts';
import { isLayerError } from '../layers/layer.ts';
import { resolveParams } from '../layers/params.ts';
import { layerOf, type LayerType } from '../layers/registry.ts';
import type { DesignWeights, NodeWeights } from '../weights/weights.ts';
import { dataTypeName, decodeModel, isFloatType, NodeAttributes, type ExternalDataReader } from './decode-model.ts';
import { FOLDING_MAPPERS } from './fold-constants.ts';
import { DESIGN_MAPPERS } from './map-nodes.ts';
import { ImportRefusal, type DesignDraft, type NodeContext, type NodeMapper } from './node-context.ts';
import {
  constantOf,
  LazyConstant,
  type Constant,
  type DataValue,
  type FloatConstant,
  type IntConstant,
  type Value,
} from './values.ts';

const MAPPERS: Readonly<Record<string, NodeMapper>> = { ...FOLDING_MAPPERS, ...DESIGN_MAPPERS };

/** The ONNX operators the importer understands, for documentation and messages. */
export const IMPORTABLE_OPERATORS: readonly string[] = Object.keys(MAPPERS).sort();

const MAX_ID_LENGTH = 200;
const MAX_LISTED_NODES = 5;
const MAX_LISTED_PROBLEMS = 12;

export interface UnsupportedOperator {
  /** The operator, prefixed with its domain when it is not ai.onnx. */
  readonly opType: string;
  readonly count: number;
  /** Where it appears: node names, or the first output of unnamed nodes. */
  readonly nodes: readonly string[];
  /** Why it cannot map, when the operator itself is known but this use of it has no design equivalent. */
  readonly reason?: string;
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly document: GraphDocument;
      readonly weights: DesignWeights;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly message: string; readonly unsupported: readonly UnsupportedOperator[] };

export interface ImportOptions {
  /** The design's name; the graph's name when absent. */
  readonly name?: string;
  /** Reads tensors stored outside the model (large models); without it such tensors are refused. */
  readonly readExternal?: ExternalDataReader;
}

interface Issue {
  readonly opType: string | undefined;
  readonly node: string | undefined;
  readonly reason: string | undefined;
}

function nodeLabel(node: NodeProto): string {
  return node.name || `output "${node.output[0] ?? '?'}"`;
}

function opTypeOf(node: NodeProto): string {
  const opType = node.opType || '(no op type)';
  return node.domain && node.domain !== 'ai.onnx' ? `${node.domain}.${opType}` : opType;
}

/** Names in a corrupt file may hold control characters; a message stays one printable line. */
function oneLine(text: string): string {
  let line = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    line += control ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return line;
}

/** Orders nodes so every input is produced first (ONNX requires it, not every file obeys); nodes that never become ready come last. */
function topologicalNodes(graph: GraphProto, known: ReadonlySet<string>): NodeProto[] {
  const producerOf = new Map<string, number>();
  graph.node.forEach((node, index) => node.output.forEach((name) => name && producerOf.set(name, index)));
  const waiting = graph.node.map(
    (node) => new Set(node.input.filter((name) => name && !known.has(name) && producerOf.has(name))).size,
  );
  const readersOf = new Map<number, number[]>();
  graph.node.forEach((node, index) => {
    for (const name of new Set(node.input)) {
      const producer = name && !known.has(name) ? producerOf.get(name) : undefined;
      if (producer !== undefined) readersOf.set(producer, [...(readersOf.get(producer) ?? []), index]);
    }
  });
  const queue = graph.node.flatMap((_, index) => (waiting[index] === 0 ? [index] : []));
  const placed = new Set<number>();
  for (let head = 0; head < queue.length; head++) {
    const index = queue[head] as number;
    placed.add(index);
    for (const reader of readersOf.get(index) ?? []) {
      waiting[reader] = (waiting[reader] ?? 0) - 1;
      if (waiting[reader] === 0) queue.push(reader);
    }
  }
  return [...queue, ...graph.node.flatMap((_, index) => (placed.has(index) ? [] : [index]))].map(
    (index) => graph.node[index] as NodeProto,
  );
}

/** The batch-free shape of a graph input, or why it has none the design can use. */
function inputShape(info: ValueInfoProto): { shape: number[]; batch: number | undefined; elemType: number } | string {
  const type = info.type?.value;
  if (info.type?.value.case !== 'tensorType' || !type) return `graph input "${info.name}" is not a tensor`;
  const tensorType = info.type.value.value;
  const dims = tensorType.shape?.dim;
  if (!dims)
    return `graph input "${info.name}" declares no shape; the design needs its size (re-export with a fixed input shape)`;
  if (dims.length < 2)
    return `graph input "${info.name}" has rank ${dims.length}; the design needs a batch axis and at least one more ([N, F], [N, C, L], [N, C, H, W])`;
  const shape: number[] = [];
  for (const [axis, dim] of dims.entries()) {
    if (axis === 0) continue;
    const size = dim.value.case === 'dimValue' ? Number(dim.value.value) : undefined;
    if (size === undefined || !Number.isSafeInteger(size) || size < 1) {
      const name = dim.value.case === 'dimParam' ? ` ("${dim.value.value}")` : '';
      return `graph input "${info.name}" has no fixed size on axis ${axis}${name}; the design needs every size but the batch (re-export with a fixed input shape)`;
    }
    shape.push(size);
  }
  const batchDim = dims[0]?.value;
  const batch = batchDim?.case === 'dimValue' && batchDim.value > 0n ? Number(batchDim.value) : undefined;
  return { shape, batch, elemType: tensorType.elemType };
}

/** The batch-free declared shape of a graph output, when fully known. */
function declaredOutputShape(info: ValueInfoProto): number[] | undefined {
  if (info.type?.value.case !== 'tensorType') return undefined;
  const dims = info.type.value.value.shape?.dim;
  if (!dims || dims.length === 0) return undefined;
  const sizes = dims.slice(1).map((dim) => (dim.value.case === 'dimValue' ? Number(dim.value.value) : undefined));
  return sizes.every((size): size is number => size !== undefined && size > 0) ? sizes : undefined;
}

class GraphImporter {
  private readonly values = new Map<string, Value>();
  private readonly readerCount = new Map<string, number>();
  private readonly drafts = new Map<string, DesignDraft>();
  private readonly usedIds = new Set<string>();
  private readonly typeCounters = new Map<string, number>();
  private readonly issues: Issue[] = [];
  private readonly notes = new Map<string, string[]>();
  private fixedBatch: number | undefined;

  constructor(
    private readonly graph: GraphProto,
    private readonly opset: number,
    private readonly readExternal: ExternalDataReader | undefined,
  ) {}

  run(name: string, description: string): ImportResult {
    const { graph } = this;
    for (const tensor of graph.initializer)
      this.values.set(tensor.name, { kind: 'constant', constant: new LazyConstant(tensor, this.readExternal) });
    for (const sparse of graph.sparseInitializer) {
      const sparseName = sparse.values?.name ?? '';
      this.values.set(sparseName, {
        kind: 'unavailable',
        reason: `it reads the sparse initializer "${sparseName}"; the design stores dense weights only`,
        runtime: false,
      });
    }
    this.noteConvertedWeights();
    this.addInputs();
    for (const node of graph.node)
      for (const input of node.input) if (input) this.readerCount.set(input, (this.readerCount.get(input) ?? 0) + 1);
    for (const output of graph.output) this.readerCount.set(output.name, (this.readerCount.get(output.name) ?? 0) + 1);
    for (const node of topologicalNodes(graph, new Set(this.values.keys()))) this.mapNode(node);
    this.addOutputs();
    if (this.issues.length > 0) return this.failure();
    return this.success(name, description);
  }

  private noteConvertedWeights(): void {
    const converted = new Set<string>();
    for (const tensor of this.graph.initializer)
      if (
        [TensorProto_DataType.FLOAT16, TensorProto_DataType.BFLOAT16, TensorProto_DataType.DOUBLE].includes(
          tensor.dataType,
        )
      )
        converted.add(dataTypeName(tensor.dataType));
    for (const type of converted) this.note('weights converted to float32, which the design computes in', type);
  }

  private note(text: string, subject: string): void {
    const subjects = this.notes.get(text) ?? [];
    subjects.push(subject);
    this.notes.set(text, subjects);
  }

  private refuse(opType: string | undefined, node: string | undefined, reason: string | undefined): void {
    this.issues.push({ opType, node, reason });
  }

  private uniqueId(base: string): string {
    const trimmed = base.replace(/^\/+/, '').slice(0, MAX_ID_LENGTH - 8) || 'node';
    let id = trimmed;
    for (let suffix = 2; this.usedIds.has(id); suffix++) id = `${trimmed}_${suffix}`;
    this.usedIds.add(id);
    return id;
  }

  private idFor(type: LayerType, onnxName: string): string {
    if (onnxName) return this.uniqueId(onnxName);
    const count = (this.typeCounters.get(type) ?? 0) + 1;
    this.typeCounters.set(type, count);
    return this.uniqueId(`${type.toLowerCase()}_${count}`);
  }

  /** Adds a design node after checking its parameters and inferring its shape with the layer catalogue. */
  private addDraft(
    type: LayerType,
    onnxName: string,
    params: Record<string, unknown>,
    inputs: readonly DataValue[],
    weights: NodeWeights,
  ): DataValue {
    const layer = layerOf(type);
    const resolved = resolveParams(layer.params, params);
    if (!resolved.ok) throw new ImportRefusal(resolved.problems.map((problem) => problem.message).join('; '));
    const inferred = layer.infer(
      inputs.map((input) => input.shape),
      resolved.values,
    );
    if (isLayerError(inferred))
      throw new ImportRefusal(`the design's ${type} cannot take it: ${inferred.error.message}`);
    const id = this.idFor(type, onnxName);
    this.drafts.set(id, { id, type, params, inputs: inputs.map((input) => input.node), weights: { ...weights } });
    return { kind: 'data', node: id, shape: inferred.shape, fresh: true };
  }

  private addInputs(): void {
    const batches = new Set<number | undefined>();
    for (const info of this.graph.input) {
      if (this.values.has(info.name)) continue;
      const declared = inputShape(info);
      if (typeof declared === 'string') {
        this.refuse(undefined, undefined, declared);
        this.values.set(info.name, { kind: 'unavailable', reason: undefined, runtime: true });
        continue;
      }
      if (!isFloatType(declared.elemType)) {
        const reason = `graph input "${info.name}" holds ${dataTypeName(declared.elemType)} values; the design computes in float32`;
        this.refuse(undefined, undefined, reason);
        this.values.set(info.name, { kind: 'unavailable', reason: undefined, runtime: true });
        continue;
      }
      if ((declared.elemType as TensorProto_DataType) !== TensorProto_DataType.FLOAT)
        this.note(
          'inputs that were not float32 are float32 in the design',
          `${info.name} (${dataTypeName(declared.elemType)})`,
        );
      batches.add(declared.batch);
      const id = this.uniqueId(info.name || 'input');
      this.drafts.set(id, {
        id,
        type: 'Input',
        params: { shape: declared.shape, name: info.name },
        inputs: [],
        weights: {},
      });
      this.values.set(info.name, { kind: 'data', node: id, shape: declared.shape, fresh: false });
    }
    const [batch] = batches;
    if (batches.size === 1 && batch !== undefined) {
      this.fixedBatch = batch;
      this.note(
        `the model fixes the batch size to ${batch}; the design's batch is free`,
        [...this.drafts.keys()].join(', '),
      );
    }
  }

  private context(node: NodeProto): NodeContext {
    const label = nodeLabel(node);
    const valueAt = (index: number): Value | undefined => {
      const name = node.input[index];
      return name ? this.values.get(name) : undefined;
    };
    const requireConstant = (index: number, role: string): Constant => {
      const value = valueAt(index);
      const name = node.input[index] ?? '';
      if (value?.kind === 'constant') {
        const constant = constantOf(value);
        if (typeof constant === 'string') throw new ImportRefusal(constant);
        return constant;
      }
      if (value?.kind === 'data' && this.drafts.get(value.node)?.type === 'Input')
        throw new ImportRefusal(
          `its ${role} is the graph input "${name}" (weights fed as a graph input); the design needs weights stored in the model as initializers`,
        );
      if (value?.kind === 'unavailable' && value.reason) throw new ImportRefusal(value.reason);
      if (!name) throw new ImportRefusal(`it has no ${role}`);
      throw new ImportRefusal(`its ${role} "${name}" is computed at run time; the design needs it to be a constant`);
    };
    const context: NodeContext = {
      node,
      label,
      opset: this.opset,
      attributes: new NodeAttributes(node),
      fixedBatch: this.fixedBatch,
      input: valueAt,
      data: (index) => {
        const value = valueAt(index);
        if (value?.kind === 'data' && value.unitAxes)
          throw new ImportRefusal(
            'it reads a tensor with an axis an Unsqueeze added; the design maps an Unsqueeze only when pools or activations and then a Squeeze of that axis follow it',
          );
        if (value?.kind === 'data') return value;
        if (value?.kind === 'unavailable' && value.reason) throw new ImportRefusal(value.reason);
        if (value?.kind === 'constant' || value?.kind === 'dims')
          throw new ImportRefusal(
            `its input ${index} is a constant where the design expects a tensor computed from the inputs`,
          );
        throw new ImportRefusal(`it has no input ${index}`);
      },
      dataWithUnitAxes: (index) => {
        const value = valueAt(index);
        return value?.kind === 'data' ? value : context.data(index);
      },
      floats: (index, role): FloatConstant => {
        const constant = requireConstant(index, role);
        if (constant.kind !== 'float')
          throw new ImportRefusal(`its ${role} holds integers where float weights are expected`);
        return constant;
      },
      ints: (index, role): IntConstant => {
        const constant = requireConstant(index, role);
        if (constant.kind !== 'int') throw new ImportRefusal(`its ${role} holds floats where integers are expected`);
        return constant;
      },
      readers: (index) => this.readerCount.get(node.input[index] ?? '') ?? 0,
      addNode: (type, params, inputs, weights = {}) => this.addDraft(type, node.name, params, inputs, weights),
      draftOf: (value) => this.drafts.get(value.node) as DesignDraft,
      note: (text, subject) => this.note(text, subject),
    };
    return context;
  }

  private mapNode(node: NodeProto): void {
    const opType = opTypeOf(node);
    const label = nodeLabel(node);
    const inputs = node.input.map((name) => (name ? this.values.get(name) : undefined));
    const runtime = inputs.some((value) => value?.kind === 'data' || (value?.kind === 'unavailable' && value.runtime));
    const setOutputs = (values: readonly Value[]): void =>
      node.output.forEach((name, index) => {
        if (!name) return;
        const value = values[index] ?? {
          kind: 'unavailable',
          reason: `it reads output ${index} ("${name}") of ${opType} ${label}, which the design does not produce`,
          runtime: true,
        };
        this.values.set(name, value);
      });
    const unavailable = (): void =>
      setOutputs(node.output.map(() => ({ kind: 'unavailable', reason: undefined, runtime })));
    const mapper = Object.hasOwn(MAPPERS, opType) ? MAPPERS[opType] : undefined;
    if (!mapper) {
      this.refuse(opType, label, undefined);
      return unavailable();
    }
    const missing = node.input.findIndex((name, index) => name && !inputs[index]);
    if (missing >= 0) {
      const name = node.input[missing] ?? '';
      this.refuse(
        opType,
        label,
        `it reads "${name}", which no node, graph input or initializer produces (or the graph has a cycle)`,
      );
      return unavailable();
    }
    if (inputs.some((value) => value?.kind === 'unavailable' && !value.reason)) {
      // Downstream of a refusal: only operators that never act on run-time tensors are sure to refuse too.
      if (runtime && Object.hasOwn(FOLDING_MAPPERS, opType))
        this.refuse(opType, label, `a ${opType} of a tensor computed at run time has no design equivalent`);
      return unavailable();
    }
    try {
      setOutputs(mapper(this.context(node)));
    } catch (error) {
      if (!(error instanceof ImportRefusal)) throw error;
      this.refuse(opType, label, error.message);
      unavailable();
    }
  }

  private addOutputs(): void {
    for (const info of this.graph.output) {
      const value = this.values.get(info.name);
      if (value?.kind === 'unavailable' && !value.reason) continue;
      if (value?.kind !== 'data') {
        const what =
          value === undefined
            ? 'is produced by no node'
            : value.kind === 'unavailable'
              ? 'is not produced by the design'
              : 'is a constant';
        this.refuse(
          undefined,
          undefined,
          `graph output "${info.name}" ${what}; every design output is computed from the inputs`,
        );
        continue;
      }
      const declared = declaredOutputShape(info);
      if (declared && declared.join() !== value.shape.join())
        this.note(
          'declared output shapes differ from the computed ones',
          `${info.name}: declared [N, ${declared.join(', ')}], computed [N, ${value.shape.join(', ')}]`,
        );
      const id = this.uniqueId(info.name || 'output');
      this.drafts.set(id, { id, type: 'Output', params: { name: info.name }, inputs: [value.node], weights: {} });
    }
  }

  private failure(): ImportResult {
    const groups = new Map<string, { opType: string; nodes: string[]; reason: string | undefined }>();
    const general: string[] = [];
    for (const issue of this.issues) {
      if (issue.opType === undefined) {
        if (issue.reason && !general.includes(issue.reason)) general.push(issue.reason);
        continue;
      }
      const key = `${issue.opType}\u0000${issue.reason ?? ''}`;
      const group = groups.get(key) ?? { opType: issue.opType, nodes: [], reason: issue.reason };
      if (issue.node) group.nodes.push(issue.node);
      groups.set(key, group);
    }
    const unsupported: UnsupportedOperator[] = [...groups.values()].map(({ opType, nodes, reason }) => ({
      opType,
      count: nodes.length,
      nodes,
      ...(reason === undefined ? {} : { reason }),
    }));
    const describe = (entry: UnsupportedOperator): string => {
      const listed = entry.nodes.slice(0, MAX_LISTED_NODES).join(', ');
      const more = entry.nodes.length > MAX_LISTED_NODES ? ` and ${entry.nodes.length - MAX_LISTED_NODES} more` : '';
      const where = `${entry.opType} ×${entry.count} (${listed}${more})`;
      return entry.reason ? `${where}: ${entry.reason}` : `${where}: no design equivalent`;
    };
    const parts = [...general, ...unsupported.map(describe)];
    const listed = parts.slice(0, MAX_LISTED_PROBLEMS).join('; ');
    const more = parts.length > MAX_LISTED_PROBLEMS ? `; and ${parts.length - MAX_LISTED_PROBLEMS} more problems` : '';
    return {
      ok: false,
      message: oneLine(`cannot import this model: ${listed}${more}`),
      unsupported,
    };
  }

  private success(name: string, description: string): ImportResult {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const weights = new Map<string, NodeWeights>();
    for (const draft of this.drafts.values()) {
      nodes.push(
        Object.keys(draft.params).length > 0
          ? { id: draft.id, type: draft.type, params: draft.params }
          : { id: draft.id, type: draft.type },
      );
      const ported = draft.inputs.length > 1;
      draft.inputs.forEach((source, port) =>
        edges.push(ported ? { source, target: draft.id, targetPort: port } : { source, target: draft.id }),
      );
      if (Object.keys(draft.weights).length > 0) weights.set(draft.id, draft.weights);
    }
    const document: GraphDocument = { format: GRAPH_FORMAT, version: CURRENT_VERSION, name, description, nodes, edges };
    const errors = analyzeGraph(document).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0)
      return {
        ok: false,
        message: oneLine(`cannot import this model: the mapped graph does not check: ${errors[0]?.message ?? ''}`),
        unsupported: [],
      };
    const notes = [...this.notes].map(([text, subjects]) => {
      const listed = subjects.slice(0, MAX_LISTED_NODES).join(', ');
      return oneLine(
        `${text}: ${listed}${subjects.length > MAX_LISTED_NODES ? ` and ${subjects.length - MAX_LISTED_NODES} more` : ''}`,
      );
    });
    return { ok: true, document, weights, notes };
  }
}

/**
 * Imports an ONNX model (IR version 3 or later) as a graph document and its weights. Never throws:
 * an unreadable file, an operator without a design equivalent or a construct the design cannot
 * express (a broadcasting Add, asymmetric pads, weights fed as graph inputs) ends in `ok: false`
 * with one message naming every problem. The document has no positions; lay it out with
 * `layoutGraph`.
 */
export function importOnnx(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  const decoded = decodeModel(bytes);
  if (!decoded.ok) return { ok: false, message: oneLine(decoded.message), unsupported: [] };
  const { model, graph, opset, irVersion } = decoded.decoded;
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ') || 'an unknown exporter';
  const description = `Imported from ONNX (${producer}, IR version ${irVersion}, opset ${opset}).`;
  try {
    return new GraphImporter(graph, opset, options.readExternal).run(
      options.name ?? (graph.name || 'Imported model'),
      description,
    );
  } catch (error) {
    // A corrupt file can break an assumption no check foresaw; it still ends in one clear message.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: oneLine(`cannot import this model: it is malformed (${detail})`), unsupported: [] };
  }
}
