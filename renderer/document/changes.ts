/**
 * Every edit of a design is a change object applied by one pure function. The editor records the
 * documents before and after in its history, so undo, redo and coalescing never need an inverse.
 * Documents are immutable: a change replaces only the nodes it touches, which keeps the incremental
 * analysis (analyzeGraph with the previous result) fast.
 */
import { isLayerType, layerOf, type GraphDocument, type GraphEdge, type GraphNode } from '../../engine/core/index.ts';
import { edgeKey, findPath, hasOutput, maxInputs, sameEdge } from './graph-edit.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export type DocumentChange =
  /** Adds nodes (ids must be free) and edges among all nodes. */
  | { readonly kind: 'add'; readonly nodes: readonly GraphNode[]; readonly edges: readonly GraphEdge[] }
  /** Removes nodes with every edge touching them, and the listed edges. */
  | { readonly kind: 'remove'; readonly nodeIds: readonly string[]; readonly edges: readonly GraphEdge[] }
  | { readonly kind: 'move'; readonly positions: ReadonlyMap<string, Point> }
  /** Sets one parameter; `undefined` removes it so the default applies. */
  | { readonly kind: 'set-param'; readonly nodeId: string; readonly key: string; readonly value: unknown }
  /** Connects an output to an input port; an edge already on that port is replaced. */
  | { readonly kind: 'connect'; readonly edge: GraphEdge }
  | { readonly kind: 'set-name'; readonly name: string }
  /** Positions from auto-layout, or any wholesale replacement of the graph. */
  | { readonly kind: 'replace'; readonly document: GraphDocument };

export type ChangeResult =
  { readonly ok: true; readonly document: GraphDocument } | { readonly ok: false; readonly reason: string };

const unchanged = (document: GraphDocument): ChangeResult => ({ ok: true, document });

export function applyChange(document: GraphDocument, change: DocumentChange): ChangeResult {
  switch (change.kind) {
    case 'add':
      return addElements(document, change.nodes, change.edges);
    case 'remove':
      return removeElements(document, change.nodeIds, change.edges);
    case 'move':
      return moveNodes(document, change.positions);
    case 'set-param':
      return setParam(document, change.nodeId, change.key, change.value);
    case 'connect':
      return connect(document, change.edge);
    case 'set-name':
      return change.name === document.name
        ? unchanged(document)
        : { ok: true, document: { ...document, name: change.name } };
    case 'replace':
      return { ok: true, document: change.document };
  }
}

function addElements(document: GraphDocument, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): ChangeResult {
  const taken = new Set(document.nodes.map((node) => node.id));
  for (const node of nodes) {
    if (taken.has(node.id)) return { ok: false, reason: `a node with the id "${node.id}" already exists` };
    taken.add(node.id);
  }
  for (const edge of edges) {
    if (!taken.has(edge.source) || !taken.has(edge.target))
      return { ok: false, reason: `the edge ${edgeKey(edge)} joins a node that does not exist` };
  }
  return {
    ok: true,
    document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges] },
  };
}

function removeElements(
  document: GraphDocument,
  nodeIds: readonly string[],
  edges: readonly GraphEdge[],
): ChangeResult {
  if (nodeIds.length === 0 && edges.length === 0) return unchanged(document);
  const gone = new Set(nodeIds);
  const goneEdges = new Set(edges.map(edgeKey));
  const keptNodes = document.nodes.filter((node) => !gone.has(node.id));
  const keptEdges = document.edges.filter(
    (edge) => !gone.has(edge.source) && !gone.has(edge.target) && !goneEdges.has(edgeKey(edge)),
  );
  if (keptNodes.length === document.nodes.length && keptEdges.length === document.edges.length)
    return unchanged(document);
  return { ok: true, document: { ...document, nodes: keptNodes, edges: keptEdges } };
}

function moveNodes(document: GraphDocument, positions: ReadonlyMap<string, Point>): ChangeResult {
  let moved = false;
  const nodes = document.nodes.map((node) => {
    const to = positions.get(node.id);
    if (!to || (node.position && node.position.x === to.x && node.position.y === to.y)) return node;
    moved = true;
    return { ...node, position: { x: to.x, y: to.y } };
  });
  return moved ? { ok: true, document: { ...document, nodes } } : unchanged(document);
}

function setParam(document: GraphDocument, nodeId: string, key: string, value: unknown): ChangeResult {
  const index = document.nodes.findIndex((node) => node.id === nodeId);
  const node = document.nodes[index];
  if (!node) return { ok: false, reason: `there is no node "${nodeId}"` };
  const params: Record<string, unknown> = { ...node.params };
  if (value === undefined) {
    if (!Object.hasOwn(params, key)) return unchanged(document);
    delete params[key];
  } else {
    if (Object.hasOwn(params, key) && sameValue(params[key], value)) return unchanged(document);
    params[key] = value;
  }
  const { params: _old, ...rest } = node;
  const updated: GraphNode = Object.keys(params).length > 0 ? { ...rest, params } : rest;
  const nodes = document.nodes.slice();
  nodes[index] = updated;
  return { ok: true, document: { ...document, nodes } };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
  return Object.is(a, b);
}

/** Why an edge cannot be drawn, or undefined when it can. Shared by the canvas's live check and `connect`. */
export function connectionProblem(document: GraphDocument, edge: GraphEdge): string | undefined {
  const source = document.nodes.find((node) => node.id === edge.source);
  const target = document.nodes.find((node) => node.id === edge.target);
  if (!source || !target) return 'both ends must be nodes of this graph';
  if (source.id === target.id) return `${source.type} "${source.id}" cannot feed itself`;
  if (!hasOutput(source.type)) return `${source.type} "${source.id}" has no output to connect from`;
  const port = edge.targetPort ?? 0;
  const ports = maxInputs(target.type);
  if (port >= ports)
    return ports === 0
      ? `${target.type} "${target.id}" takes no input`
      : `${target.type} "${target.id}" has no input ${port}`;
  const path = findPath(document, target.id, source.id);
  if (path) return `it would close a cycle ${[...path, target.id].join(' → ')}; a network must flow one way`;
  return undefined;
}

function connect(document: GraphDocument, edge: GraphEdge): ChangeResult {
  const problem = connectionProblem(document, edge);
  if (problem) return { ok: false, reason: problem };
  const port = edge.targetPort ?? 0;
  if (document.edges.some((existing) => sameEdge(existing, edge))) return unchanged(document);
  const normalised: GraphEdge =
    port === 0 ? { source: edge.source, target: edge.target } : { ...edge, targetPort: port };
  const edges = document.edges.filter(
    (existing) => existing.target !== edge.target || (existing.targetPort ?? 0) !== port,
  );
  return { ok: true, document: { ...document, edges: [...edges, normalised] } };
}

/** The number of input ports a node shows: enough for its edges plus one free port on merges. */
export function visiblePortCount(type: string, usedPorts: readonly number[]): number {
  if (!isLayerType(type)) return usedPorts.length > 0 ? Math.max(...usedPorts) + 1 : 0;
  const { min, max } = layerOf(type).inputs;
  if (max <= 1) return max;
  const highest = usedPorts.length > 0 ? Math.max(...usedPorts) : -1;
  return Math.min(max, Math.max(min, highest + 2));
}
