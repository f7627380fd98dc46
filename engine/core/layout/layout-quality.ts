/**
 * Measures how readable a laid-out graph is, as the canvas will draw it: each edge a straight line
 * from the middle of its source's bottom side to its handle on the target's top side (k inputs at k
 * evenly spaced points, in targetPort order). The layout's and the templates' tests hold layouts to
 * these numbers, and an importer or the canvas can use them to check a layout it did not make.
 */
import type { GraphDocument, GraphNode } from '../document/graph-document.ts';
import { DEFAULT_NODE_SIZE, type NodeSize } from './auto-layout.ts';

export interface LayoutQuality {
  /** Nodes without a position. */
  readonly unplaced: number;
  /** Pairs of nodes whose boxes overlap. */
  readonly overlaps: number;
  /** Edges whose target's top is not below its source's bottom. */
  readonly upwardEdges: number;
  /** Edges whose line passes through the box of a node other than its two ends. */
  readonly edgesThroughNodes: number;
  /** Pairs of edges whose lines cross (edges that share an end point do not count). */
  readonly crossings: number;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

interface Segment {
  readonly source: string;
  readonly target: string;
  readonly from: Point;
  readonly to: Point;
}

/** Whether the segment a→b enters the open interior of `box` (touching its border does not count). */
function segmentEntersBox(a: Point, b: Point, box: Box): boolean {
  // Liang–Barsky clipping: shrink [t0, t1] to the part of the segment inside each slab.
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const slabs: readonly [number, number][] = [
    [-dx, a.x - box.left],
    [dx, box.right - a.x],
    [-dy, a.y - box.top],
    [dy, box.bottom - a.y],
  ];
  for (const [p, q] of slabs) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

function orientation(a: Point, b: Point, c: Point): number {
  return Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
}

/** Proper crossing: each segment's ends lie strictly on opposite sides of the other. */
function segmentsCross(s: Segment, t: Segment): boolean {
  return (
    orientation(s.from, s.to, t.from) * orientation(s.from, s.to, t.to) < 0 &&
    orientation(t.from, t.to, s.from) * orientation(t.from, t.to, s.to) < 0
  );
}

/**
 * Measures a document's layout. Every count is 0 for a layout that reads top to bottom without
 * crossings. Edges that name a missing node are skipped.
 */
export function measureLayout(
  document: GraphDocument,
  nodeSize: (node: GraphNode) => NodeSize = () => DEFAULT_NODE_SIZE,
): LayoutQuality {
  const boxes = new Map<string, Box>();
  let unplaced = 0;
  for (const node of document.nodes) {
    if (!node.position) {
      unplaced += 1;
      continue;
    }
    const { width, height } = nodeSize(node);
    const { x, y } = node.position;
    if (!boxes.has(node.id)) boxes.set(node.id, { left: x, top: y, right: x + width, bottom: y + height });
  }
  const placed = [...boxes.values()];
  let overlaps = 0;
  for (const [i, a] of placed.entries())
    for (const b of placed.slice(i + 1))
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps += 1;

  const portsOf = new Map<string, number[]>();
  for (const edge of document.edges) {
    const ports = portsOf.get(edge.target) ?? [];
    if (!ports.includes(edge.targetPort ?? 0)) ports.push(edge.targetPort ?? 0);
    portsOf.set(edge.target, ports);
  }
  for (const ports of portsOf.values()) ports.sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (const edge of document.edges) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    const ports = portsOf.get(edge.target);
    if (!source || !target || !ports) continue;
    const rank = ports.indexOf(edge.targetPort ?? 0);
    segments.push({
      source: edge.source,
      target: edge.target,
      from: { x: (source.left + source.right) / 2, y: source.bottom },
      to: { x: target.left + ((target.right - target.left) * (rank + 1)) / (ports.length + 1), y: target.top },
    });
  }
  let upwardEdges = 0;
  let edgesThroughNodes = 0;
  for (const segment of segments) {
    if (segment.to.y <= segment.from.y) upwardEdges += 1;
    for (const [id, box] of boxes) {
      if (id === segment.source || id === segment.target) continue;
      if (segmentEntersBox(segment.from, segment.to, box)) {
        edgesThroughNodes += 1;
        break;
      }
    }
  }
  let crossings = 0;
  for (const [i, s] of segments.entries())
    for (const t of segments.slice(i + 1)) if (segmentsCross(s, t)) crossings += 1;
  return { unplaced, overlaps, upwardEdges, edgesThroughNodes, crossings };
}
