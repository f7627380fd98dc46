/**
 * Saving a design: the graph document as JSON and, when it carries weights, a safetensors file
 * beside it (GRAPH.json + GRAPH.safetensors) that the document references. Both files are written
 * to temporary names and renamed into place, so a crash or a full disk never leaves a partial file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import {
  analyzeGraph,
  encodeDesignWeights,
  encodeWeightOrigins,
  reconcileWeights,
  serializeGraphDocument,
  WEIGHT_ORIGINS_METADATA,
  weightOriginsOf,
  type DesignWeights,
  type GraphDocument,
  type WeightOrigins,
} from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';

export interface WrittenDesign {
  readonly graphPath: string;
  /** The weights file, when the design has weights. */
  readonly weightsPath: string | undefined;
  /** The document as saved, with its `weights` reference set or removed. */
  readonly document: GraphDocument;
  readonly bytes: number;
}

/** The weights file name that goes with a graph file: GRAPH.json → GRAPH.safetensors. */
export function weightsFileName(graphPath: string): string {
  const name = basename(graphPath);
  const extension = extname(name);
  return `${extension ? name.slice(0, -extension.length) : name}.safetensors`;
}

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

function describeWriteError(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'EISDIR'
            ? 'it is a folder'
            : error instanceof Error
              ? error.message
              : String(error);
  return new UserError(`cannot write ${path}: ${reason}`);
}

/** Writes `chunks` to a temporary file beside `path` and returns its name; removes it on failure. */
async function writeTemporary(path: string, chunks: readonly Uint8Array[]): Promise<string> {
  const temporary = temporaryPath(path);
  try {
    const handle = await open(temporary, 'wx');
    try {
      for (const chunk of chunks) {
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, written, chunk.length - written);
          written += bytesWritten;
        }
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temporary;
  } catch (error) {
    await rm(temporary, { force: true });
    throw describeWriteError(path, error);
  }
}

/**
 * Saves a design atomically: GRAPH.json and, when it has weights, GRAPH.safetensors with the
 * tensors named `${nodeId}.${role}` and, in its metadata, the parameters each node had, so a later
 * edit is detected (reconcile-weights.ts). Pass the `origins` the weights were loaded with
 * (LoadedDesign.weightOrigins) when the user may have edited `document` since: edited nodes are
 * then saved without weights. Without weights the document's reference is removed. Throws
 * UserError with one line when a file cannot be written; nothing partial remains.
 */
export async function writeDesign(
  path: string,
  document: GraphDocument,
  given: DesignWeights,
  origins?: WeightOrigins,
): Promise<WrittenDesign> {
  // With the origins of `given`, nodes edited since are saved without weights rather than with stale ones.
  const weights = origins ? reconcileWeights(analyzeGraph(document), given, origins).weights : given;
  const { weights: _previous, ...rest } = document;
  const weightsName = weightsFileName(path);
  const weightsPath = weights.size > 0 ? join(dirname(path), weightsName) : undefined;
  const saved: GraphDocument = weightsPath ? { ...rest, weights: { file: weightsName, format: 'safetensors' } } : rest;
  const json = new TextEncoder().encode(serializeGraphDocument(saved));
  const temporaries: string[] = [];
  try {
    let bytes = json.length;
    let weightsTemporary: string | undefined;
    if (weightsPath) {
      const origins = encodeWeightOrigins(weightOriginsOf(saved, weights));
      const encoded = encodeDesignWeights(weights, { [WEIGHT_ORIGINS_METADATA]: origins });
      weightsTemporary = await writeTemporary(weightsPath, [encoded.header, ...encoded.chunks]);
      temporaries.push(weightsTemporary);
      bytes += encoded.byteLength;
    }
    const graphTemporary = await writeTemporary(path, [json]);
    temporaries.push(graphTemporary);
    if (weightsPath && weightsTemporary) await renameInto(weightsTemporary, weightsPath);
    await renameInto(graphTemporary, path);
    return { graphPath: path, weightsPath, document: saved, bytes };
  } finally {
    await Promise.all(temporaries.map((temporary) => rm(temporary, { force: true })));
  }
}

async function renameInto(temporary: string, path: string): Promise<void> {
  try {
    await rename(temporary, path);
  } catch (error) {
    throw describeWriteError(path, error);
  }
}
