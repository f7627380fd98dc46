/**
 * Automatic layout: places every node of a graph so that data flows from top to bottom, with ELK's
 * layered (Sugiyama) algorithm. The templates' committed positions come from here, and so do the
 * positions of imported ONNX graphs and the canvas's auto-layout command.
 *
 * `elkjs/lib/elk.bundled.js` runs ELK in-process (a fake worker), is plain JavaScript and needs no
 * Node or DOM API, so the core stays isomorphic. Its type declarations name the DOM's `Worker` only
 * for a worker factory this module never passes; skipLibCheck (tsconfig.base.json) lets them compile
 * without DOM types.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions as ElkLayoutOptions } from 'elkjs/lib/elk-api.js';
import type { GraphDocument, GraphNode } from '../document/graph-document.ts';

export interface NodeSize {
  readonly width: number;
  readonly height: number;
}

/** A node card's box on the canvas, used unless the caller measures its own. */
export const DEFAULT_NODE_SIZE: NodeSize = { width: 180, height: 56 };

export interface AutoLayoutOptions {
  /** Every node's box, or a function giving each node's; DEFAULT_NODE_SIZE when absent. */
  readonly nodeSize?: NodeSize | ((node: GraphNode) => NodeSize);
  /** Vertical gap between consecutive layers, in canvas units; 40 when absent. */
  readonly layerSpacing?: number;
  /** Horizontal gap between nodes side by side in one layer; 40 when absent. */
  readonly nodeSpacing?: number;
}

let elk: InstanceType<typeof ELK> | undefined;

function sizeOf(node: GraphNode, nodeSize: AutoLayoutOptions['nodeSize']): NodeSize {
  if (nodeSize === undefined) return DEFAULT_NODE_SIZE;
  return typeof nodeSize === 'function' ? nodeSize(node) : nodeSize;
}

/**
 * Returns a copy of `document` with a `position` (the top-left corner of the node's box) on every
 * node, replacing any it had; everything else is kept as it was. Every edge points downward, from
 * a higher layer to a lower one, unless the graph has a cycle, which ELK breaks by reversing an edge.
 *
 * The picture assumes the canvas draws an edge from the middle of its source's bottom side to its
 * target's top side, where a node with k inputs takes them at k evenly spaced points, left to right
 * in `targetPort` order. So a residual block has its main branch on the left and its skip connection
 * on the right, without crossings, and a long edge keeps clear of the nodes it passes.
 *
 * Edges that name a missing node are left out, and a node whose id an earlier node already took is
 * placed on its own (analyzeGraph ignores it too): layout works on any document the schema accepts.
 */
export async function layoutGraph(document: GraphDocument, options: AutoLayoutOptions = {}): Promise<GraphDocument> {
  // ELK ids are positions in the node list, so duplicate or odd document ids cannot confuse it.
  const elkIdOf = new Map<string, string>();
  document.nodes.forEach((node, index) => {
    if (!elkIdOf.has(node.id)) elkIdOf.set(node.id, `n${index}`);
  });
  const portsOf = new Map<string, Set<number>>();
  const wired: { readonly id: string; readonly source: string; readonly target: string; readonly port: number }[] = [];
  document.edges.forEach((edge, index) => {
    const source = elkIdOf.get(edge.source);
    const target = elkIdOf.get(edge.target);
    if (source === undefined || target === undefined) return;
    const port = edge.targetPort ?? 0;
    wired.push({ id: `e${index}`, source, target, port });
    portsOf.set(target, (portsOf.get(target) ?? new Set()).add(port));
  });
  const sizes = document.nodes.map((node) => sizeOf(node, options.nodeSize));
  const children: ElkNode[] = document.nodes.map((_, index) => {
    const id = `n${index}`;
    const { width, height } = sizes[index] ?? DEFAULT_NODE_SIZE;
    const inputs = [...(portsOf.get(id) ?? [])].sort((a, b) => a - b);
    const ports: ElkPort[] = [
      { id: `${id}.out`, x: width / 2, y: height, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'SOUTH' } },
      ...inputs.map((port, rank) => ({
        id: `${id}.in${port}`,
        x: (width * (rank + 1)) / (inputs.length + 1),
        y: 0,
        width: 0,
        height: 0,
        layoutOptions: { 'elk.port.side': 'NORTH' },
      })),
    ];
    return { id, width, height, ports, layoutOptions: { 'elk.portConstraints': 'FIXED_POS' } };
  });
  const edges: ElkExtendedEdge[] = wired.map(({ id, source, target, port }) => ({
    id,
    sources: [`${source}.out`],
    targets: [`${target}.in${port}`],
  }));
  const nodeSpacing = options.nodeSpacing ?? 40;
  const widest = Math.max(0, ...sizes.map((size) => size.width));
  const layoutOptions: ElkLayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.layered.spacing.nodeNodeBetweenLayers': String(options.layerSpacing ?? 40),
    'elk.spacing.nodeNode': String(nodeSpacing),
    // The canvas draws a long edge (a skip connection) straight from handle to handle, not along
    // ELK's route, so the nodes it passes must keep half a node's width clear of that route.
    'elk.spacing.edgeNode': String(widest / 2 + nodeSpacing / 2),
    // Ties keep the document's order, so the same document always gets the same picture.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    // Balanced alignment keeps chains of layers in straight columns without drifting sideways.
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  };
  elk ??= new ELK();
  const laidOut = await elk.layout({ id: 'graph', layoutOptions, children, edges });
  const positions = new Map((laidOut.children ?? []).map((child) => [child.id, child]));
  return {
    ...document,
    nodes: document.nodes.map((node, index) => {
      const placed = positions.get(`n${index}`);
      return { ...node, position: { x: Math.round(placed?.x ?? 0), y: Math.round(placed?.y ?? 0) } };
    }),
  };
}
