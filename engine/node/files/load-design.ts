import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, normalize, sep } from 'node:path';
import {
  analyzeGraph,
  decodeDesignWeights,
  decodeWeightOrigins,
  importOnnx,
  layoutGraph,
  reconcileWeights,
  WEIGHT_ORIGINS_METADATA,
  weightDiagnostics,
  weightOriginsOf,
  type DesignWeights,
  type GraphAnalysis,
  type GraphDocument,
  type ReconciledWeights,
  type ReinitialisedNode,
  type WeightOrigins,
} from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';
import { readGraphDocument, readUserFile } from './read-design.ts';

/** A design as a command or the host works on it: the graph and the weights it carries (often none). */
export interface LoadedDesign {
  readonly document: GraphDocument;
  readonly weights: DesignWeights;
  /**
   * Nodes whose saved weights were dropped because they no longer apply (the node was edited, or
   * an edit upstream changed the dims it needs); export re-initialises them.
   */
  readonly reinitialised?: readonly ReinitialisedNode[];
  /**
   * The node parameters `weights` were made for (reconcile-weights.ts). A host that lets the user
   * edit `document` keeps these from load time and passes them to `applicableWeights` and
   * `writeDesign`, so an edited node's weights are dropped rather than reused.
   */
  readonly weightOrigins?: WeightOrigins;
  /** What the user should know about an ONNX import (folded biases, a fixed batch now free). */
  readonly importNotes?: readonly string[];
}

/** ONNX files are protobuf: the first byte of a ModelProto is the tag of ir_version (field 1, varint). */
const ONNX_FIRST_BYTE = 0x08;

/** True when `path` names an ONNX model, by extension or, failing that, by content. */
export function isOnnxFile(path: string, bytes: Uint8Array): boolean {
  if (extname(path).toLowerCase() === '.onnx') return true;
  if (extname(path).toLowerCase() === '.json') return false;
  return bytes[0] === ONNX_FIRST_BYTE;
}

/** Reads external tensor data from files beside the model, refusing paths that leave its folder. */
function externalDataReader(modelPath: string): (location: string) => Uint8Array | undefined {
  const folder = dirname(modelPath);
  const cache = new Map<string, Uint8Array | undefined>();
  return (location) => {
    const relative = normalize(location);
    if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`)) return undefined;
    if (!cache.has(relative)) {
      try {
        cache.set(relative, readFileSync(join(folder, relative)));
      } catch {
        cache.set(relative, undefined);
      }
    }
    return cache.get(relative);
  };
}

/**
 * Imports an ONNX model as a laid-out design with its weights. Throws UserError with one line
 * naming every operator or construct the design cannot express.
 */
export async function importModelFile(path: string, bytes?: Uint8Array): Promise<LoadedDesign> {
  const model = bytes ?? (await readUserFile(path));
  const name = basename(path, extname(path));
  const result = importOnnx(model, { name, readExternal: externalDataReader(path) });
  if (!result.ok) throw new UserError(`${path}: ${result.message}`);
  const document = await layoutGraph(result.document);
  return {
    document,
    weights: result.weights,
    weightOrigins: weightOriginsOf(document, result.weights),
    importNotes: result.notes,
  };
}

/** Reads the weights file a document references, keeping the weights that still apply to it. */
async function readReferencedWeights(
  graphPath: string,
  document: GraphDocument,
): Promise<Pick<LoadedDesign, 'weights' | 'reinitialised' | 'weightOrigins'>> {
  const reference = document.weights;
  if (!reference) return { weights: new Map() };
  const weightsPath = join(dirname(graphPath), reference.file);
  const bytes = await readUserFile(weightsPath);
  const decoded = decodeDesignWeights(bytes);
  if (!decoded.ok) throw new UserError(`${weightsPath}: ${decoded.message}`);
  const origins = decodeWeightOrigins(decoded.metadata[WEIGHT_ORIGINS_METADATA]);
  const { weights, reinitialised } = reconcileWeights(analyzeGraph(document), decoded.weights, origins);
  return { weights, reinitialised, weightOrigins: weightOriginsOf(document, weights) };
}

/**
 * Loads what the user points a command at: a graph document (with the weights file it references),
 * or an ONNX model, recognised by its extension or its content. Throws UserError with one clear
 * line when it cannot.
 */
export async function loadDesign(path: string): Promise<LoadedDesign> {
  const bytes = await readUserFile(path);
  if (isOnnxFile(path, bytes)) return importModelFile(path, bytes);
  const document = await readGraphDocument(path);
  return { document, ...(await readReferencedWeights(path, document)) };
}

/**
 * Analyses a loaded design: the graph's own diagnostics plus a warning on every node whose saved
 * weights export will re-initialise.
 */
export function analyzeDesign(design: LoadedDesign): GraphAnalysis {
  const analysis = analyzeGraph(design.document);
  const warnings = weightDiagnostics(analysis, design.reinitialised ?? []);
  if (warnings.length === 0) return analysis;
  const rank = new Map(analysis.order.map((id, index) => [id, index]));
  const position = (nodeId: string | undefined): number => (nodeId === undefined ? -1 : (rank.get(nodeId) ?? 0));
  const diagnostics = [...analysis.diagnostics, ...warnings].sort((a, b) => position(a.nodeId) - position(b.nodeId));
  return { ...analysis, diagnostics };
}

/**
 * The weights of `design` that still apply to its current document, after the user edited it since
 * it was loaded: what export and save should use (see LoadedDesign.weightOrigins).
 */
export function applicableWeights(design: LoadedDesign): ReconciledWeights {
  return reconcileWeights(analyzeGraph(design.document), design.weights, design.weightOrigins);
}
