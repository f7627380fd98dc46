/**
 * Shape, parameter and MAC inference over a whole graph, with diagnostics.
 *
 * Incremental by structural sharing: documents are immutable, so an edit replaces only the node
 * objects it touches. A node's result is reused when its node object and the output signals of its
 * inputs are the very objects of the previous analysis; a recomputed node whose output signal comes
 * out equal hands downstream the previous signal object, so propagation stops there.
 */
import type { Diagnostic, DiagnosticCode } from '../diagnostics.ts';
import type { GraphDocument, GraphNode } from '../document/graph-document.ts';
import { elementCount, type Shape } from '../layers/conv-arithmetic.ts';
import { isLayerError, type LayerDefinition, type SpatialWindow } from '../layers/layer.ts';
import { MAX_DIMENSION, resolveParams } from '../layers/params.ts';
import { isLayerType, LAYER_TYPES, layerOf } from '../layers/registry.ts';

/** Per spatial axis of the input: how many input samples one output sees (size) and the step between neighbouring outputs (jump). */
export type ReceptiveField = { readonly size: readonly number[]; readonly jump: readonly number[] } | 'global';

/** What flows along a node's outgoing edges. */
export interface OutputSignal {
  readonly shape: Shape;
  readonly receptiveField: ReceptiveField;
}

export interface NodeAnalysis {
  readonly node: GraphNode;
  /** The signals on the node's inputs in port order; undefined where an upstream node failed. */
  readonly inputs: readonly (OutputSignal | undefined)[];
  /** Undefined when the node has an error or an upstream node failed. */
  readonly output: OutputSignal | undefined;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
  /** Elements of the output activation for one sample (4 bytes each in float32). */
  readonly activationElements: number;
  /** Diagnostics from the layer itself (parameters, shapes); structural ones live on the graph. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface GraphTotals {
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
  readonly activationElements: number;
}

export interface GraphAnalysis {
  readonly document: GraphDocument;
  /** Results by node id, for every node that is part of the graph (duplicates excluded). */
  readonly nodes: ReadonlyMap<string, NodeAnalysis>;
  /** Node ids in topological order; nodes on cycles come last. */
  readonly order: readonly string[];
  /** Every diagnostic, structural and per node, in topological order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly totals: GraphTotals;
  /** Output node id to the shape it returns. */
  readonly outputs: ReadonlyMap<string, Shape>;
  /** True when no diagnostic is an error. */
  readonly valid: boolean;
}

interface Wiring {
  readonly nodes: Map<string, GraphNode>;
  /** Upstream node ids per target, in port order. */
  readonly inputsOf: Map<string, string[]>;
  readonly consumers: Map<string, string[]>;
  readonly diagnostics: Diagnostic[];
}

function describeNode(node: GraphNode): string {
  return `${node.type} "${node.id}"`;
}

function diagnostic(
  code: DiagnosticCode,
  node: GraphNode | undefined,
  message: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return { severity, code, nodeId: node?.id, message: node ? `${describeNode(node)}: ${message}` : message };
}

/** Resolves ids and edges into adjacency, reporting what cannot be wired. */
function wireGraph(document: GraphDocument): Wiring {
  const nodes = new Map<string, GraphNode>();
  const diagnostics: Diagnostic[] = [];
  for (const node of document.nodes) {
    if (nodes.has(node.id)) {
      diagnostics.push(
        diagnostic('duplicate-id', node, `another node already has the id "${node.id}"; give each node a unique id`),
      );
      continue;
    }
    nodes.set(node.id, node);
  }
  const ported = new Map<string, { port: number; source: string }[]>();
  const consumers = new Map<string, string[]>();
  for (const edge of document.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      const known = source ?? target;
      diagnostics.push(
        diagnostic(
          'unknown-node',
          known,
          `an edge ${edge.source} → ${edge.target} refers to "${missing}", which is not a node; delete the edge or add the node`,
        ),
      );
      continue;
    }
    if (isLayerType(source.type) && !layerOf(source.type).hasOutput) {
      diagnostics.push(
        diagnostic(
          'surplus-input',
          source,
          `an Output ends the graph and cannot feed "${target.id}"; connect from the node before it instead`,
        ),
      );
      continue;
    }
    const list = ported.get(target.id) ?? [];
    list.push({ port: edge.targetPort ?? 0, source: source.id });
    ported.set(target.id, list);
    const out = consumers.get(source.id) ?? [];
    out.push(target.id);
    consumers.set(source.id, out);
  }
  const inputsOf = new Map<string, string[]>();
  for (const [target, list] of ported) {
    if (list.length === 1) {
      inputsOf.set(target, [(list[0] as { source: string }).source]);
      continue;
    }
    // A stable sort keeps edge order among equal ports.
    list.sort((a, b) => a.port - b.port);
    const node = nodes.get(target);
    const merges = node !== undefined && isLayerType(node.type) && layerOf(node.type).inputs.max > 1;
    const ports = new Set<number>();
    for (const { port } of list) {
      if (ports.has(port) && merges)
        diagnostics.push(
          diagnostic(
            'port-conflict',
            node,
            `two edges enter input ${port}; give each edge into a merge its own targetPort`,
            'warning',
          ),
        );
      ports.add(port);
    }
    inputsOf.set(
      target,
      list.map((entry) => entry.source),
    );
  }
  return { nodes, inputsOf, consumers, diagnostics };
}

/** Kahn's algorithm in document order; returns the order and the nodes left on or behind cycles. */
function topologicalOrder(wiring: Wiring): { order: string[]; blocked: Set<string> } {
  const indegree = new Map<string, number>();
  for (const id of wiring.nodes.keys()) indegree.set(id, wiring.inputsOf.get(id)?.length ?? 0);
  const order: string[] = [];
  const queue: string[] = [];
  for (const [id, degree] of indegree) if (degree === 0) queue.push(id);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    order.push(id);
    for (const next of wiring.consumers.get(id) ?? []) {
      const degree = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, degree);
      if (degree === 0) queue.push(next);
    }
  }
  const placed = new Set(order);
  const blocked = new Set<string>();
  for (const id of wiring.nodes.keys()) if (!placed.has(id)) blocked.add(id);
  return { order, blocked };
}

/** Finds one cycle through `start` inside the blocked set, for the message. */
function findCycle(start: string, wiring: Wiring, blocked: ReadonlySet<string>): string[] | undefined {
  const path: string[] = [];
  const onPath = new Map<string, number>();
  const visited = new Set<string>();
  const visit = (id: string): string[] | undefined => {
    if (onPath.has(id)) return [...path.slice(onPath.get(id)), id];
    if (visited.has(id)) return undefined;
    visited.add(id);
    onPath.set(id, path.length);
    path.push(id);
    for (const next of wiring.consumers.get(id) ?? []) {
      if (!blocked.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(id);
    return undefined;
  };
  return visit(start);
}

function cycleDiagnostics(wiring: Wiring, blocked: ReadonlySet<string>): Diagnostic[] {
  const onCycle = new Set<string>();
  const result: Diagnostic[] = [];
  for (const id of blocked) {
    if (onCycle.has(id)) continue;
    const cycle = findCycle(id, wiring, blocked);
    if (!cycle || cycle[0] !== cycle[cycle.length - 1]) continue;
    const members = cycle.slice(0, -1);
    if (!members.includes(id)) continue;
    for (const member of members) onCycle.add(member);
    for (const member of members) {
      result.push(
        diagnostic(
          'cycle',
          wiring.nodes.get(member),
          `is part of a cycle ${cycle.join(' → ')}; a feed-forward network cannot feed a layer's output back into its input, so delete one of these edges`,
        ),
      );
    }
  }
  return result;
}

function structuralDiagnostics(wiring: Wiring): Diagnostic[] {
  const result: Diagnostic[] = [];
  let inputs = 0;
  let outputs = 0;
  for (const node of wiring.nodes.values()) {
    if (!isLayerType(node.type)) continue;
    const layer = layerOf(node.type);
    const count = wiring.inputsOf.get(node.id)?.length ?? 0;
    if (node.type === 'Input') inputs++;
    if (node.type === 'Output') outputs++;
    if (count < layer.inputs.min) {
      const need = layer.inputs.min === 1 ? 'one input' : `at least ${layer.inputs.min} inputs`;
      const fix =
        layer.inputs.min === 1 ? 'connect the output of a previous node to it' : 'connect every branch it merges';
      result.push(
        diagnostic(
          'missing-input',
          node,
          `has ${count === 0 ? 'no input' : `${count} input${count === 1 ? '' : 's'}`} but needs ${need}; ${fix}`,
        ),
      );
    } else if (count > layer.inputs.max) {
      const sources = (wiring.inputsOf.get(node.id) ?? []).map((s) => `"${s}"`).join(', ');
      const fix =
        layer.inputs.max === 0
          ? 'an Input starts the graph; delete the incoming edges'
          : 'keep one, or merge them first with an Add or a Concat';
      result.push(
        diagnostic(
          'surplus-input',
          node,
          `has ${count} inputs (from ${sources}) but takes ${layer.inputs.max === 0 ? 'none' : 'one'}; ${fix}`,
        ),
      );
    }
    if (layer.hasOutput && node.type !== 'Input' && !wiring.consumers.has(node.id)) {
      result.push(
        diagnostic(
          'dangling-output',
          node,
          'its result is not used; connect it to an Output or another node, or delete it',
          'warning',
        ),
      );
    }
    if (node.type === 'Input' && !wiring.consumers.has(node.id)) {
      result.push(diagnostic('dangling-output', node, 'feeds nothing; connect it to the first layer', 'warning'));
    }
  }
  if (wiring.nodes.size > 0 && inputs === 0)
    result.push(
      diagnostic('no-input', undefined, 'the graph has no Input node; add one and set its shape, e.g. [1, 28, 28]'),
    );
  if (wiring.nodes.size > 0 && outputs === 0)
    result.push(
      diagnostic(
        'no-output',
        undefined,
        'the graph has no Output node; add one after the last layer so export knows what to return',
        'warning',
      ),
    );
  return result;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function sameSignal(a: OutputSignal, b: OutputSignal): boolean {
  if (!sameNumbers(a.shape, b.shape)) return false;
  const ra = a.receptiveField;
  const rb = b.receptiveField;
  if (ra === 'global' || rb === 'global') return ra === rb;
  return sameNumbers(ra.size, rb.size) && sameNumbers(ra.jump, rb.jump);
}

function nextReceptiveField(
  node: GraphNode,
  inputs: readonly OutputSignal[],
  window: SpatialWindow | undefined,
  shape: Shape,
): ReceptiveField {
  if (node.type === 'Input') {
    const spatial = shape.slice(1);
    return { size: spatial.map(() => 1), jump: spatial.map(() => 1) };
  }
  if (window === 'global') return 'global';
  if (inputs.length === 1) {
    const field = (inputs[0] as OutputSignal).receptiveField;
    if (field === 'global' || !window) return field;
    return {
      size: field.size.map((s, axis) => s + ((window.kernel[axis] ?? 1) - 1) * (field.jump[axis] ?? 1)),
      jump: field.jump.map((j, axis) => j * (window.stride[axis] ?? 1)),
    };
  }
  const fields = inputs.map((input) => input.receptiveField);
  if (fields.length === 0 || fields.includes('global')) return 'global';
  const concrete = fields as { size: readonly number[]; jump: readonly number[] }[];
  const first = concrete[0] as { size: readonly number[]; jump: readonly number[] };
  // A merge sees the union of its branches: the largest size and jump per axis.
  const size = first.size.map((_, axis) => Math.max(...concrete.map((f) => f.size[axis] ?? 1)));
  const jump = first.jump.map((_, axis) => Math.max(...concrete.map((f) => f.jump[axis] ?? 1)));
  if (!window) return { size, jump };
  return {
    size: size.map((s, axis) => s + ((window.kernel[axis] ?? 1) - 1) * (jump[axis] ?? 1)),
    jump: jump.map((j, axis) => j * (window.stride[axis] ?? 1)),
  };
}

const EMPTY: readonly Diagnostic[] = [];

function failed(
  node: GraphNode,
  inputs: readonly (OutputSignal | undefined)[],
  diagnostics: readonly Diagnostic[],
): NodeAnalysis {
  return {
    node,
    inputs,
    output: undefined,
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
    activationElements: 0,
    diagnostics,
  };
}

function closestName(name: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0] as number;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j] as number;
        row[j] = Math.min(
          (row[j] as number) + 1,
          (row[j - 1] as number) + 1,
          previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
        );
        previous = current;
      }
    }
    return row[b.length] as number;
  };
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Infers one node from its input signals: parameters first, then the layer's own shape rule. */
function analyzeNode(node: GraphNode, inputs: readonly (OutputSignal | undefined)[], blocked: boolean): NodeAnalysis {
  if (!isLayerType(node.type)) {
    return failed(node, inputs, [diagnostic('unknown-type', node, unknownTypeMessage(node.type))]);
  }
  const layer: LayerDefinition = layerOf(node.type);
  const resolved = resolveParams(layer.params, node.params);
  if (!resolved.ok)
    return failed(
      node,
      inputs,
      resolved.problems.map((p) => diagnostic('invalid-param', node, p.message)),
    );
  const warnings = resolved.unknown.map((name) => {
    const guess = closestName(name, Object.keys(layer.params));
    return diagnostic(
      'unknown-param',
      node,
      `has no parameter "${name}"${guess ? `; did you mean "${guess}"?` : ''} It is ignored.`,
      'warning',
    );
  });
  if (blocked || inputs.length < layer.inputs.min || inputs.length > layer.inputs.max || inputs.includes(undefined))
    return failed(node, inputs, warnings.length > 0 ? warnings : EMPTY);
  const signals = inputs as readonly OutputSignal[];
  const result = layer.infer(
    signals.map((s) => s.shape),
    resolved.values,
  );
  if (isLayerError(result))
    return failed(node, inputs, [
      ...warnings,
      diagnostic(result.error.code, node, result.error.message, result.error.severity),
    ]);
  const tooLarge = result.shape.some((dim) => dim > MAX_DIMENSION) || !Number.isSafeInteger(elementCount(result.shape));
  const trainableParams = result.trainableParams ?? 0;
  const nonTrainableParams = result.nonTrainableParams ?? 0;
  const macs = result.macs ?? 0;
  if (tooLarge || !Number.isSafeInteger(trainableParams) || !Number.isSafeInteger(macs)) {
    return failed(node, inputs, [
      ...warnings,
      diagnostic(
        'shape-too-large',
        node,
        `its output [${result.shape.join(', ')}] or its counts exceed what can be represented exactly; reduce the sizes`,
      ),
    ]);
  }
  const layerWarnings = (result.warnings ?? []).map((w) =>
    diagnostic(w.code, node, w.message, w.severity ?? 'warning'),
  );
  return {
    node,
    inputs,
    output: { shape: result.shape, receptiveField: nextReceptiveField(node, signals, result.window, result.shape) },
    trainableParams,
    nonTrainableParams,
    macs,
    activationElements: elementCount(result.shape),
    diagnostics: warnings.length + layerWarnings.length > 0 ? [...warnings, ...layerWarnings] : EMPTY,
  };
}

function unknownTypeMessage(type: string): string {
  const guess = closestName(type, LAYER_TYPES);
  const fix = guess
    ? `did you mean "${guess}"?`
    : "use one of the palette's types, such as Conv, MaxPool, ReLU or Dense";
  return `"${type}" is not a node type Netwright knows; ${fix}`;
}

/** The wiring, order and structural diagnostics of a document: they depend only on ids, types and edges. */
interface Topology {
  readonly edges: GraphDocument['edges'];
  readonly ids: readonly string[];
  readonly types: readonly string[];
  readonly wiring: Wiring;
  readonly order: readonly string[];
  readonly blocked: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
}

const topologies = new WeakMap<GraphAnalysis, Topology>();

/** Reuses the previous topology when an edit kept every id, type and edge (a parameter or position edit). */
function topologyOf(document: GraphDocument, previous: GraphAnalysis | undefined): Topology {
  const before = previous && topologies.get(previous);
  const { nodes } = document;
  if (
    before &&
    before.edges === document.edges &&
    before.ids.length === nodes.length &&
    nodes.every((node, i) => node.id === before.ids[i] && node.type === before.types[i])
  ) {
    const byId = new Map<string, GraphNode>();
    for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);
    return { ...before, wiring: { ...before.wiring, nodes: byId } };
  }
  const wiring = wireGraph(document);
  const { order, blocked } = topologicalOrder(wiring);
  return {
    edges: document.edges,
    ids: nodes.map((node) => node.id),
    types: nodes.map((node) => node.type),
    wiring,
    order,
    blocked,
    diagnostics: [...wiring.diagnostics, ...cycleDiagnostics(wiring, blocked), ...structuralDiagnostics(wiring)],
  };
}

/**
 * Infers every node's shapes, parameters, MACs, receptive field and activation size, and collects
 * diagnostics. Pass the previous analysis of an edited document to re-infer only what changed.
 * One bad node does not hide the rest: inference continues downstream wherever it can.
 */
export function analyzeGraph(document: GraphDocument, previous?: GraphAnalysis): GraphAnalysis {
  const topology = topologyOf(document, previous);
  const { wiring, order, blocked } = topology;
  const results = new Map<string, NodeAnalysis>();
  const diagnostics: Diagnostic[] = [...topology.diagnostics];
  const visit = (id: string): void => {
    const node = wiring.nodes.get(id) as GraphNode;
    const inputs = (wiring.inputsOf.get(id) ?? []).map((source) => results.get(source)?.output);
    const before = previous?.nodes.get(id);
    let result: NodeAnalysis;
    if (
      before &&
      before.node === node &&
      before.inputs.length === inputs.length &&
      before.inputs.every((signal, i) => signal === inputs[i])
    ) {
      result = before;
    } else {
      result = analyzeNode(node, inputs, blocked.has(id));
      if (before?.output && result.output && sameSignal(before.output, result.output))
        result = { ...result, output: before.output };
    }
    results.set(id, result);
  };
  for (const id of order) visit(id);
  for (const id of blocked) visit(id);

  let trainableParams = 0;
  let nonTrainableParams = 0;
  let macs = 0;
  let activationElements = 0;
  const outputs = new Map<string, Shape>();
  const fullOrder = [...order, ...blocked];
  for (const id of fullOrder) {
    const result = results.get(id) as NodeAnalysis;
    trainableParams += result.trainableParams;
    nonTrainableParams += result.nonTrainableParams;
    macs += result.macs;
    if (result.node.type !== 'Output') activationElements += result.activationElements;
    if (result.node.type === 'Output' && result.output) outputs.set(id, result.output.shape);
    diagnostics.push(...result.diagnostics);
  }
  const rank = new Map<string, number>();
  if (diagnostics.length > 1) fullOrder.forEach((id, index) => rank.set(id, index));
  diagnostics.sort(
    (a, b) =>
      (a.nodeId === undefined ? -1 : (rank.get(a.nodeId) ?? 0)) -
      (b.nodeId === undefined ? -1 : (rank.get(b.nodeId) ?? 0)),
  );
  const analysis: GraphAnalysis = {
    document,
    nodes: results,
    order: fullOrder,
    diagnostics,
    totals: { trainableParams, nonTrainableParams, macs, activationElements },
    outputs,
    valid: !diagnostics.some((d) => d.severity === 'error'),
  };
  topologies.set(analysis, topology);
  return analysis;
}
