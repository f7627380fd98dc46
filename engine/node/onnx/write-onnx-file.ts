/**
 * Writes a lowered model to disk: the small encoded parts as they are, each initializer streamed in
 * 1 MB chunks that are generated (or viewed, for the design's own weights) while the previous chunk
 * is being written, so producing the weights overlaps the disk and memory stays flat. Files appear
 * atomically: everything goes to temporary files beside the target, renamed into place at the end.
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  inlineByteLength,
  layoutOnnxModel,
  littleEndianBytes,
  MAX_INLINE_MODEL_BYTES,
  openTensorStream,
  TENSOR_CHUNK_ELEMENTS,
  type LoweredModel,
  type OnnxPart,
} from '../../core/index.ts';

export interface WriteOnnxOptions {
  /** Models larger than this keep their weights in an external data file; ONNX's 2 GB limit by default. */
  readonly externalDataAboveBytes?: number;
  /** Checked between chunks: once aborted, the temporary files go and the target stays as it was. */
  readonly signal?: AbortSignal;
  /** The fraction of all bytes written so far, 0..1: at each whole percent and at the end, never going back. */
  readonly onProgress?: (fraction: number) => void;
}

export interface WrittenOnnx {
  readonly path: string;
  readonly byteLength: number;
  /** The weights file written beside the model when it uses ONNX external data. */
  readonly externalData?: { readonly path: string; readonly byteLength: number };
}

/** Writes every byte of `chunks`, continuing after short writes. */
async function writeAll(handle: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  let rest = chunks.filter((chunk) => chunk.length > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest);
    const next: Uint8Array[] = [];
    for (const chunk of rest) {
      if (bytesWritten >= chunk.length) bytesWritten -= chunk.length;
      else {
        next.push(bytesWritten > 0 ? chunk.subarray(bytesWritten) : chunk);
        bytesWritten = 0;
      }
    }
    rest = next;
  }
}

/** Counts bytes written against the total; reports whole percents only, since the UI shows nothing finer. */
class ByteProgress {
  private written = 0;
  private reported = 0;

  constructor(
    private readonly total: number,
    private readonly report: ((fraction: number) => void) | undefined,
  ) {}

  add(bytes: number): void {
    if (!this.report) return;
    this.written += bytes;
    const fraction = this.total > 0 ? Math.min(1, this.written / this.total) : 1;
    if (fraction === 1 ? this.reported < 1 : fraction - this.reported >= 0.01) {
      this.reported = fraction;
      this.report(fraction);
    }
  }
}

function byteLengthOf(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.length, 0);
}

/** Writes parts in order, producing the next tensor chunk while the previous one is written. */
async function writeParts(
  handle: FileHandle,
  parts: readonly OnnxPart[],
  progress: ByteProgress,
  signal: AbortSignal | undefined,
): Promise<void> {
  const largest = Math.max(0, ...parts.map((part) => (part.kind === 'tensor' ? part.elements : 0)));
  const size = Math.min(largest, TENSOR_CHUNK_ELEMENTS);
  // Two scratch buffers: one being written while the other is filled.
  let filling = new Float32Array(size);
  let writing = new Float32Array(size);
  let inFlight: Promise<void> = Promise.resolve();
  const queued: Uint8Array[] = [];
  for (const part of parts) {
    switch (part.kind) {
      case 'bytes':
        queued.push(part.bytes);
        break;
      case 'padding':
        queued.push(new Uint8Array(part.byteLength));
        break;
      case 'tensor': {
        const stream = openTensorStream(part.initializer.source, part.elements);
        while (stream.remaining > 0) {
          queued.push(littleEndianBytes(stream.next(filling)));
          [filling, writing] = [writing, filling];
          await inFlight;
          // Only here, with no write in flight, may the file be closed and removed.
          signal?.throwIfAborted();
          const batch = queued.splice(0);
          inFlight = writeAll(handle, batch).then(() => progress.add(byteLengthOf(batch)));
        }
        break;
      }
    }
  }
  await inFlight;
  await writeAll(handle, queued);
  progress.add(byteLengthOf(queued));
}

async function writeTemporary(
  path: string,
  parts: readonly OnnxPart[],
  progress: ByteProgress,
  signal: AbortSignal | undefined,
): Promise<string> {
  const temporary = `${path}.${randomUUID().slice(0, 8)}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await writeParts(handle, parts, progress, signal);
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  return temporary;
}

/**
 * Writes `lowered` to `path`. Above `externalDataAboveBytes` the weights go to `path + ".data"`
 * beside it as ONNX external data, which onnxruntime finds when it loads the model from its path.
 * When `signal` aborts before the files are renamed into place, it rejects with the signal's
 * reason (an AbortError) and leaves whatever was at `path` untouched.
 */
export async function writeOnnxFile(
  lowered: LoweredModel,
  path: string,
  options: WriteOnnxOptions = {},
): Promise<WrittenOnnx> {
  const external = inlineByteLength(lowered) > (options.externalDataAboveBytes ?? MAX_INLINE_MODEL_BYTES);
  const dataPath = `${path}.data`;
  const layout = external ? layoutOnnxModel(lowered, basename(dataPath)) : layoutOnnxModel(lowered);
  const progress = new ByteProgress(layout.byteLength + (layout.externalData?.byteLength ?? 0), options.onProgress);
  const { signal } = options;
  const temporaries: string[] = [];
  try {
    const dataTemporary = layout.externalData
      ? await writeTemporary(dataPath, layout.externalData.parts, progress, signal)
      : undefined;
    if (dataTemporary) temporaries.push(dataTemporary);
    const modelTemporary = await writeTemporary(path, layout.parts, progress, signal);
    temporaries.push(modelTemporary);
    signal?.throwIfAborted();
    if (dataTemporary) await rename(dataTemporary, dataPath);
    await rename(modelTemporary, path);
  } catch (error) {
    await Promise.all(temporaries.map((temporary) => rm(temporary, { force: true })));
    throw error;
  }
  return {
    path,
    byteLength: layout.byteLength,
    ...(layout.externalData ? { externalData: { path: dataPath, byteLength: layout.externalData.byteLength } } : {}),
  };
}
