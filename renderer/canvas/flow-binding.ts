/**
 * The thin binding between the design and React Flow: it derives the flow's nodes and edges from
 * the document, the analysis and the selection, and hands back the very same objects for whatever
 * did not change, so React Flow and the memoised node components skip them. A drag that moves one
 * node recreates one flow node.
 */
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import {
  formatShape,
  isLayerType,
  layerOf,
  resolveParams,
  type Diagnostic,
  type GraphAnalysis,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type OutputSignal,
  type Severity,
} from '../../engine/core/index.ts';
import { visiblePortCount } from '../document/changes.ts';
import { edgeKey } from '../document/graph-edit.ts';
import type { Selection } from '../editor/session.ts';
import { NODE_HEIGHT, NODE_WIDTH, nodeHandles, SOURCE_HANDLE, targetHandleId } from './node-geometry.ts';

export interface LayerCardData extends Record<string, unknown> {
  readonly type: string;
  /** A LayerCategory, or "unknown" for a type the catalogue lacks. */
  readonly category: string;
  /** The key parameters, e.g. "6 filters, 5×5". */
  readonly detail: string;
  /** Trainable plus non-trainable, as the summary's Param # column; undefined where inference stopped. */
  readonly params: number | undefined;
  readonly fault: Severity | undefined;
  /** The node's diagnostics, one per line, without the node's own name in front. */
  readonly message: string | undefined;
  readonly ports: number;
  readonly hasOutput: boolean;
}

export interface ShapeEdgeData extends Record<string, unknown> {
  /** The shape the edge carries ("6×28×28"), or undefined where inference stopped upstream. */
  readonly shape: string | undefined;
}

export type LayerFlowNode = Node<LayerCardData, 'layer'>;
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;
type DomAttributes = NonNullable<LayerFlowNode['domAttributes']>;

interface NodeEntry {
  readonly graphNode: GraphNode;
  readonly selected: boolean;
  readonly hidden: boolean;
  readonly data: LayerCardData;
  readonly detailFor: { readonly type: string; readonly params: GraphNode['params'] };
  readonly handles: NodeHandle[];
  readonly flowNode: LayerFlowNode;
}

const ORIGIN = { x: 0, y: 0 };
/** Cards have a fixed size, so React Flow never needs to measure them (nor watch them resize). */
const MEASURED = { width: NODE_WIDTH, height: NODE_HEIGHT };

function describeParams(node: GraphNode): string {
  if (!isLayerType(node.type)) return '';
  const layer = layerOf(node.type);
  const resolved = resolveParams(layer.params, node.params);
  return resolved.ok ? layer.describe(resolved.values) : '';
}

function withoutNodeName(diagnostic: Diagnostic, node: GraphNode): string {
  const prefix = `${node.type} "${node.id}": `;
  return diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message;
}

function sameData(a: LayerCardData, b: LayerCardData): boolean {
  return (
    a.type === b.type &&
    a.detail === b.detail &&
    a.params === b.params &&
    a.fault === b.fault &&
    a.message === b.message &&
    a.ports === b.ports &&
    a.hasOutput === b.hasOutput
  );
}

export class FlowBinding {
  private readonly nodeEntries = new Map<string, NodeEntry>();
  private readonly edgeEntries = new Map<string, ShapeFlowEdge>();
  private readonly domAttributes = new Map<string, DomAttributes>();
  private readonly edgeKeys = new WeakMap<GraphEdge, string>();
  /** Analysis hands unchanged signals on by identity, so each is formatted once. */
  private readonly shapeTexts = new WeakMap<OutputSignal, string>();
  private lastEdges: ShapeFlowEdge[] = [];

  /** `hidden` leaves every node to the overview layer (far zoomed out), without unmounting anything else. */
  nodes(document: GraphDocument, analysis: GraphAnalysis, selection: Selection, hidden = false): LayerFlowNode[] {
    const selected = new Set(selection.nodes);
    const diagnostics = new Map<string, Diagnostic[]>();
    for (const diagnostic of analysis.diagnostics) {
      if (diagnostic.nodeId === undefined) continue;
      const list = diagnostics.get(diagnostic.nodeId);
      if (list) list.push(diagnostic);
      else diagnostics.set(diagnostic.nodeId, [diagnostic]);
    }
    const usedPorts = new Map<string, number[]>();
    for (const edge of document.edges) {
      const list = usedPorts.get(edge.target);
      if (list) list.push(edge.targetPort ?? 0);
      else usedPorts.set(edge.target, [edge.targetPort ?? 0]);
    }
    const seen = new Set<string>();
    const result: LayerFlowNode[] = [];
    for (const graphNode of document.nodes) {
      // A duplicate id is reported by the analysis; the canvas can show only one node per id.
      if (seen.has(graphNode.id)) continue;
      seen.add(graphNode.id);
      result.push(
        this.nodeFor(
          graphNode,
          analysis,
          diagnostics.get(graphNode.id),
          usedPorts.get(graphNode.id),
          selected.has(graphNode.id),
          hidden,
        ),
      );
    }
    for (const id of this.nodeEntries.keys()) if (!seen.has(id)) this.nodeEntries.delete(id);
    return result;
  }

  private nodeFor(
    graphNode: GraphNode,
    analysis: GraphAnalysis,
    diagnostics: readonly Diagnostic[] | undefined,
    usedPorts: readonly number[] | undefined,
    selected: boolean,
    hidden: boolean,
  ): LayerFlowNode {
    const entry = this.nodeEntries.get(graphNode.id);
    const detailFor = { type: graphNode.type, params: graphNode.params };
    const detail =
      entry && entry.detailFor.type === detailFor.type && entry.detailFor.params === detailFor.params
        ? entry.data.detail
        : describeParams(graphNode);
    const result = analysis.nodes.get(graphNode.id);
    const fault = diagnostics?.some((d) => d.severity === 'error')
      ? 'error'
      : diagnostics && diagnostics.length > 0
        ? 'warning'
        : undefined;
    const fresh: LayerCardData = {
      type: graphNode.type,
      category: isLayerType(graphNode.type) ? layerOf(graphNode.type).category : 'unknown',
      detail,
      params: result?.output ? result.trainableParams + result.nonTrainableParams : undefined,
      fault,
      message: diagnostics?.map((d) => withoutNodeName(d, graphNode)).join('\n'),
      ports: visiblePortCount(graphNode.type, usedPorts ?? []),
      hasOutput: isLayerType(graphNode.type) && layerOf(graphNode.type).hasOutput,
    };
    const data = entry && sameData(entry.data, fresh) ? entry.data : fresh;
    if (
      entry &&
      entry.graphNode === graphNode &&
      entry.selected === selected &&
      entry.hidden === hidden &&
      entry.data === data
    )
      return entry.flowNode;
    const handles =
      entry && entry.data.ports === data.ports && entry.data.hasOutput === data.hasOutput
        ? entry.handles
        : nodeHandles(data.ports, data.hasOutput);
    const flowNode: LayerFlowNode = {
      id: graphNode.id,
      type: 'layer',
      position: graphNode.position ?? ORIGIN,
      data,
      selected,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      measured: MEASURED,
      handles,
      ariaLabel: `${graphNode.type} ${graphNode.id}`,
      domAttributes: this.attributesFor(graphNode.id),
      ...(fault ? { className: `is-${fault}` } : {}),
      ...(hidden ? { hidden } : {}),
    };
    this.nodeEntries.set(graphNode.id, { graphNode, selected, hidden, data, detailFor, handles, flowNode });
    return flowNode;
  }

  private attributesFor(id: string): DomAttributes {
    let attributes = this.domAttributes.get(id);
    if (!attributes) {
      // The name end-to-end tests find a node by.
      attributes = { 'data-testid': `node-${id}` } as DomAttributes;
      this.domAttributes.set(id, attributes);
    }
    return attributes;
  }

  edges(document: GraphDocument, analysis: GraphAnalysis, selection: Selection, hidden = false): ShapeFlowEdge[] {
    const selected = new Set(selection.edges);
    const seen = new Set<string>();
    const result: ShapeFlowEdge[] = [];
    let unchanged = true;
    for (const edge of document.edges) {
      const id = this.keyOf(edge);
      if (seen.has(id)) continue;
      seen.add(id);
      const signal = analysis.nodes.get(edge.source)?.output;
      const shape = signal && this.shapeOf(signal);
      const isSelected = selected.has(id);
      const previous = this.edgeEntries.get(id);
      if (
        previous &&
        previous.data?.shape === shape &&
        previous.selected === isSelected &&
        (previous.hidden ?? false) === hidden
      ) {
        unchanged &&= this.lastEdges[result.length] === previous;
        result.push(previous);
        continue;
      }
      unchanged = false;
      const flowEdge: ShapeFlowEdge = {
        id,
        type: 'shape',
        source: edge.source,
        target: edge.target,
        sourceHandle: SOURCE_HANDLE,
        targetHandle: targetHandleId(edge.targetPort ?? 0),
        selected: isSelected,
        data: { shape },
        ariaLabel: `${edge.source} to ${edge.target}${shape ? `, ${shape}` : ''}`,
        ...(hidden ? { hidden } : {}),
      };
      this.edgeEntries.set(id, flowEdge);
      result.push(flowEdge);
    }
    for (const id of this.edgeEntries.keys()) if (!seen.has(id)) this.edgeEntries.delete(id);
    // The same array when nothing changed: React Flow then keeps its connection lookup instead of rebuilding it.
    if (unchanged && result.length === this.lastEdges.length) return this.lastEdges;
    this.lastEdges = result;
    return result;
  }

  private keyOf(edge: GraphEdge): string {
    let key = this.edgeKeys.get(edge);
    if (key === undefined) {
      key = edgeKey(edge);
      this.edgeKeys.set(edge, key);
    }
    return key;
  }

  private shapeOf(signal: OutputSignal): string {
    let text = this.shapeTexts.get(signal);
    if (text === undefined) {
      text = formatShape(signal.shape);
      this.shapeTexts.set(signal, text);
    }
    return text;
  }
}
