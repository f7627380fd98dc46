/**
 * Which imported weights still apply after the user edits the design. A weights file records, per
 * node, the parameters its tensors were made for. Editing a node's parameters invalidates that
 * node's weights; nodes downstream keep theirs unless the edit changed the dims they need (a
 * smaller head changes its Dense, a new stride changes the Dense after a Flatten). Everything else
 * keeps its weights bit for bit. Export re-initialises what no longer applies, and the summary
 * flags it.
 */
import type { GraphAnalysis } from '../analysis/analyze-graph.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { GraphDocument, GraphNode } from '../document/graph-document.ts';
import { resolveParams } from '../layers/params.ts';
import { isLayerType, layerOf } from '../layers/registry.ts';
import { rejectedWeights } from '../onnx/initialize-weights.ts';
import type { DesignWeights, NodeWeights } from './weights.ts';

/** Per node id, a fingerprint of the node's type and parameters when its weights were written. */
export type WeightOrigins = ReadonlyMap<string, string>;

/** Key of the safetensors metadata entry that holds the origins, as JSON. */
export const WEIGHT_ORIGINS_METADATA = 'netwright.params';

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A node's type and parameters with defaults applied and per-axis values that agree written as one
 * number, so spelling a default out (or `[3, 3]` for `3`) is not an edit.
 */
export function paramsFingerprint(node: GraphNode): string {
  if (!isLayerType(node.type)) return canonicalJson({ type: node.type, params: node.params ?? {} });
  const schema = layerOf(node.type).params;
  const resolved = resolveParams(schema, node.params);
  if (!resolved.ok) return canonicalJson({ type: node.type, params: node.params ?? {} });
  const params = Object.fromEntries(
    Object.entries(resolved.values).map(([key, value]) => {
      const kind = schema[key]?.kind;
      const perAxis = (kind === 'axes' || kind === 'padding') && Array.isArray(value) && value.length > 0;
      return [key, perAxis && value.every((item) => item === value[0]) ? value[0] : value];
    }),
  );
  return canonicalJson({ type: node.type, params });
}

/** The origins of `weights` as `document` describes their nodes now: what a weights file records. */
export function weightOriginsOf(document: GraphDocument, weights: DesignWeights): WeightOrigins {
  const origins = new Map<string, string>();
  for (const node of document.nodes)
    if (weights.has(node.id) && !origins.has(node.id)) origins.set(node.id, paramsFingerprint(node));
  return origins;
}

export function encodeWeightOrigins(origins: WeightOrigins): string {
  return JSON.stringify(Object.fromEntries(origins));
}

/** Reads origins from a weights file's metadata; undefined when the file records none or they are malformed. */
export function decodeWeightOrigins(text: string | undefined): WeightOrigins | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed);
    return entries.every(([, value]) => typeof value === 'string') ? new Map(entries as [string, string][]) : undefined;
  } catch {
    return undefined;
  }
}

/** A node whose saved weights no longer apply, so export initialises it afresh. */
export interface ReinitialisedNode {
  readonly nodeId: string;
  /** 'edited': its type or parameters changed; 'reshaped': an edit upstream changed the dims it needs. */
  readonly reason: 'edited' | 'reshaped';
  /** For 'reshaped', each tensor that no longer fits: "weight is [10, 256] where it now needs [10, 192]". */
  readonly mismatches: readonly string[];
}

export interface ReconciledWeights {
  /** The weights that still apply, whole nodes only. */
  readonly weights: DesignWeights;
  readonly reinitialised: readonly ReinitialisedNode[];
}

/**
 * Keeps the weights that still apply to the analysed design. A node loses all its weights when it
 * was edited since `origins` were recorded (without origins, a file from elsewhere, no node counts
 * as edited), or when any of its tensors no longer has the dims the node needs: a fresh weight
 * with the old bias would be meaningless. Deleted nodes' weights are dropped silently.
 */
export function reconcileWeights(
  analysis: GraphAnalysis,
  weights: DesignWeights,
  origins: WeightOrigins | undefined,
): ReconciledWeights {
  const unedited = new Map<string, NodeWeights>();
  const reinitialised: ReinitialisedNode[] = [];
  for (const id of analysis.order) {
    const node = analysis.nodes.get(id)?.node;
    const nodeWeights = weights.get(id);
    if (!node || !nodeWeights) continue;
    if (origins && origins.get(id) !== paramsFingerprint(node))
      reinitialised.push({ nodeId: id, reason: 'edited', mismatches: [] });
    else unedited.set(id, nodeWeights);
  }
  const mismatches = new Map<string, string[]>();
  for (const weight of rejectedWeights(analysis, unedited)) {
    const list = mismatches.get(weight.nodeId) ?? [];
    list.push(`${weight.role} is [${weight.given.join(', ')}] where it now needs [${weight.expected.join(', ')}]`);
    mismatches.set(weight.nodeId, list);
  }
  const kept = new Map<string, NodeWeights>();
  for (const [id, nodeWeights] of unedited) {
    const list = mismatches.get(id);
    if (list) reinitialised.push({ nodeId: id, reason: 'reshaped', mismatches: list });
    else kept.set(id, nodeWeights);
  }
  const rank = new Map(analysis.order.map((id, index) => [id, index]));
  reinitialised.sort((a, b) => (rank.get(a.nodeId) ?? 0) - (rank.get(b.nodeId) ?? 0));
  return { weights: kept, reinitialised };
}

/** A warning on every node whose weights export re-initialises, saying why. */
export function weightDiagnostics(analysis: GraphAnalysis, reinitialised: readonly ReinitialisedNode[]): Diagnostic[] {
  return reinitialised.map(({ nodeId, reason, mismatches }) => {
    const node = `${analysis.nodes.get(nodeId)?.node.type ?? 'node'} "${nodeId}"`;
    const why =
      reason === 'edited'
        ? 'its parameters changed since its weights were saved'
        : `after an edit upstream its saved ${mismatches.join('; ')}`;
    return {
      severity: 'warning',
      code: 'weights-reinitialised',
      nodeId,
      message: `${node}: ${why}, so export re-initialises its weights`,
    };
  });
}
