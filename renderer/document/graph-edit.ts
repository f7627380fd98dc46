/** Small queries over a graph document that edits and the canvas share. */
import { isLayerType, layerOf, type GraphDocument, type GraphEdge } from '../../engine/core/index.ts';

/** An edge's identity: documents carry no edge ids, so source, target and port name it. */
export function edgeKey(edge: GraphEdge): string {
  return `${edge.source}->${edge.target}#${edge.targetPort ?? 0}`;
}

export function sameEdge(a: GraphEdge, b: GraphEdge): boolean {
  return a.source === b.source && a.target === b.target && (a.targetPort ?? 0) === (b.targetPort ?? 0);
}

/**
 * The path from `from` to `to` along the edges, or undefined when `to` cannot be reached. Connecting
 * source → target closes a cycle exactly when such a path runs from target to source.
 */
export function findPath(document: GraphDocument, from: string, to: string): string[] | undefined {
  const consumers = new Map<string, string[]>();
  for (const edge of document.edges) {
    const list = consumers.get(edge.source);
    if (list) list.push(edge.target);
    else consumers.set(edge.source, [edge.target]);
  }
  const cameFrom = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    if (id === to) {
      const path = [to];
      for (let at = to; at !== from;) {
        at = cameFrom.get(at) as string;
        path.unshift(at);
      }
      return path;
    }
    for (const next of consumers.get(id) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, id);
      queue.push(next);
    }
  }
  return undefined;
}

/** How many input ports a node type takes at most (Infinity for merges); 0 for unknown types. */
export function maxInputs(type: string): number {
  return isLayerType(type) ? layerOf(type).inputs.max : 0;
}

export function hasOutput(type: string): boolean {
  return isLayerType(type) && layerOf(type).hasOutput;
}

/** A fresh id for a new node of `type`: conv1, conv2, … skipping ids already taken. */
export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'node';
  for (let n = 1; ; n++) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Keeps `id` when free, otherwise numbers it: conv1 → conv1_2, conv1_3, … */
export function uniqueNodeId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  const base = id.replace(/_\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
