import type { GraphDocument } from '../../core/index.ts';
import { readGraphDocument } from './read-design.ts';

/**
 * Loads what the user points a command at: a graph document, or (once the importer maps it) an
 * ONNX model. Throws UserError with one clear line when it cannot.
 */
export async function loadDesign(path: string): Promise<GraphDocument> {
  return readGraphDocument(path);
}
