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
 * A node's type and parameters with defaults applied, so writing a default explicitly (or leaving
 * it out) is not an edit.
 */
export function paramsFingerprint(node: GraphNode): string {
  if (!isLayerType(node.type)) return canonicalJson({ type: node.type, params: node.params ?? {} });
  const resolved = resolveParams(layerOf(node.type).params, node.params);
  return canonicalJson({ type: node.type, params: resolved.ok ? resolved.values : (node.params ?? {}) });
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

export interface ReconciledWeights {
  /** The weights that still apply: those of nodes that exist and were not edited. */
  readonly weights: DesignWeights;
  /** Nodes that had weights but whose type or parameters changed since, in document order. */
  readonly edited: readonly string[];
}

/**
 * Drops the weights of nodes that were deleted or whose parameters changed since `origins` were
 * recorded. Without origins (a file from elsewhere) every existing node keeps its weights.
 */
export function reconcileWeights(
  document: GraphDocument,
  weights: DesignWeights,
  origins: WeightOrigins | undefined,
): ReconciledWeights {
  const kept = new Map<string, NodeWeights>();
  const edited: string[] = [];
  for (const node of document.nodes) {
    const nodeWeights = weights.get(node.id);
    if (!nodeWeights || kept.has(node.id) || edited.includes(node.id)) continue;
    const origin = origins?.get(node.id);
    if (origins && origin !== paramsFingerprint(node)) edited.push(node.id);
    else kept.set(node.id, nodeWeights);
  }
  return { weights: kept, edited };
}

/**
 * Warnings for the nodes whose weights export will re-initialise: the edited ones, and those whose
 * weights no longer have the dims the node needs.
 */
export function weightDiagnostics(
  analysis: GraphAnalysis,
  weights: DesignWeights,
  edited: readonly string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const describe = (id: string): string => `${analysis.nodes.get(id)?.node.type ?? 'node'} "${id}"`;
  for (const id of edited) {
    diagnostics.push({
      severity: 'warning',
      code: 'weights-reinitialised',
      nodeId: id,
      message: `${describe(id)}: its parameters changed since its weights were saved, so export re-initialises its weights`,
    });
  }
  const rejected = new Map<string, string[]>();
  for (const weight of rejectedWeights(analysis, weights)) {
    const list = rejected.get(weight.nodeId) ?? [];
    list.push(`${weight.role} is [${weight.given.join(', ')}] where it now needs [${weight.expected.join(', ')}]`);
    rejected.set(weight.nodeId, list);
  }
  for (const [id, problems] of rejected) {
    diagnostics.push({
      severity: 'warning',
      code: 'weights-reinitialised',
      nodeId: id,
      message: `${describe(id)}: its saved ${problems.join('; ')} after an edit upstream, so export re-initialises its weights`,
    });
  }
  return diagnostics;
}
