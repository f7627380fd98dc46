/**
 * Copy and paste as JSON text, so a selection travels between documents, windows and even apps.
 * A copy keeps the edges inside the selection; a paste renames ids that are taken and shifts the
 * nodes so they do not cover the originals. A whole graph document pastes too.
 */
import {
  CURRENT_VERSION,
  GRAPH_FORMAT,
  parseGraphDocument,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
} from '../../engine/core/index.ts';
import type { Point } from './changes.ts';
import { uniqueNodeId } from './graph-edit.ts';

export const CLIPBOARD_FORMAT = 'netwright-clipboard';

export interface Fragment {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** The selected nodes with the edges that run between them. */
export function copyFragment(document: GraphDocument, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: document.nodes.filter((node) => ids.has(node.id)),
    edges: document.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
  };
}

export function serializeFragment(fragment: Fragment): string {
  return JSON.stringify({ format: CLIPBOARD_FORMAT, version: CURRENT_VERSION, ...fragment }, null, 2);
}

/**
 * Reads clipboard text: a copied fragment or a whole graph document. Anything else, or a fragment
 * whose structure does not hold, gives undefined.
 */
export function parseFragment(text: string): Fragment | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  // A fragment is checked by the document schema, as the nodes and edges of a nameless graph.
  const candidate =
    record['format'] === CLIPBOARD_FORMAT
      ? { format: GRAPH_FORMAT, version: record['version'], name: '', nodes: record['nodes'], edges: record['edges'] }
      : record;
  const parsed = parseGraphDocument(candidate);
  if (!parsed.ok) return undefined;
  return { nodes: parsed.document.nodes, edges: parsed.document.edges };
}

export interface Placement {
  readonly fragment: Fragment;
  /** The ids the pasted nodes got, in fragment order. */
  readonly nodeIds: readonly string[];
}

/**
 * Prepares a fragment for pasting into `document`: fresh ids where taken, edges remapped, edges to
 * nodes outside the fragment dropped, and positions moved so the fragment's top-left corner lands
 * at `at` (or shifted by `offset` from where it was).
 */
export function placeFragment(
  document: GraphDocument,
  fragment: Fragment,
  where: { readonly at: Point } | { readonly offset: Point },
): Placement {
  const taken = new Set(document.nodes.map((node) => node.id));
  const rename = new Map<string, string>();
  for (const node of fragment.nodes) {
    if (rename.has(node.id)) continue;
    const id = uniqueNodeId(node.id, taken);
    taken.add(id);
    rename.set(node.id, id);
  }
  const positioned = fragment.nodes.filter((node) => node.position);
  const minX = Math.min(...positioned.map((node) => node.position?.x ?? 0));
  const minY = Math.min(...positioned.map((node) => node.position?.y ?? 0));
  const shift =
    'offset' in where
      ? where.offset
      : positioned.length > 0
        ? { x: where.at.x - minX, y: where.at.y - minY }
        : { x: 0, y: 0 };
  const seen = new Set<string>();
  const nodes: GraphNode[] = [];
  for (const node of fragment.nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    const id = rename.get(node.id) as string;
    const position = node.position
      ? { x: Math.round(node.position.x + shift.x), y: Math.round(node.position.y + shift.y) }
      : 'at' in where
        ? where.at
        : undefined;
    nodes.push({ ...node, id, ...(position ? { position } : {}) });
  }
  const edges = fragment.edges.flatMap((edge) => {
    const source = rename.get(edge.source);
    const target = rename.get(edge.target);
    return source !== undefined && target !== undefined ? [{ ...edge, source, target }] : [];
  });
  return { fragment: { nodes, edges }, nodeIds: nodes.map((node) => node.id) };
}
