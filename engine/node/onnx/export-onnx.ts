/**
 * ONNX export of a design: lowering in the core, then the file (or, for tests and the web host, the
 * bytes). Weights are the design's own where they fit their nodes, else a seeded initialisation like
 * PyTorch's defaults; one seed gives the same bytes.
 */
import packageJson from '../../../package.json' with { type: 'json' };
import {
  encodeOnnxModel,
  lowerToOnnx,
  type Diagnostic,
  type LoweredModel,
  type LoweringResult,
  type LowerOptions,
} from '../../core/index.ts';
import type { LoadedDesign } from '../files/load-design.ts';
import { writeOnnxFile, type WriteOnnxOptions, type WrittenOnnx } from './write-onnx-file.ts';

export interface ExportOptions extends Omit<LowerOptions, 'producerVersion'>, WriteOnnxOptions {}

export type ExportFailure = { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export type ExportResult =
  { readonly ok: true; readonly lowered: LoweredModel; readonly written: WrittenOnnx } | ExportFailure;

export type ExportBytesResult =
  { readonly ok: true; readonly lowered: LoweredModel; readonly bytes: Uint8Array } | ExportFailure;

/** Lowers a design with this build's version as the producer's. */
export function lowerDesign(design: LoadedDesign, options: Omit<LowerOptions, 'producerVersion'>): LoweringResult {
  return lowerToOnnx(design.document, design.weights, { ...options, producerVersion: packageJson.version });
}

/**
 * Exports `design` to `outPath` (atomically; models over 2 GB get an external data file beside it).
 * A graph with errors writes nothing and returns its diagnostics. `onProgress` hears the fraction of
 * bytes written; once `signal` aborts it rejects with an AbortError and `outPath` keeps its old file.
 */
export async function exportOnnx(design: LoadedDesign, options: ExportOptions, outPath: string): Promise<ExportResult> {
  const { externalDataAboveBytes, signal, onProgress, ...lowerOptions } = options;
  const result = lowerDesign(design, lowerOptions);
  if (!result.ok) return result;
  const written = await writeOnnxFile(result.lowered, outPath, {
    ...(externalDataAboveBytes === undefined ? {} : { externalDataAboveBytes }),
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  return { ok: true, lowered: result.lowered, written };
}

/** Exports `design` to bytes in memory, weights inline. */
export function exportOnnxBytes(
  design: LoadedDesign,
  options: Omit<LowerOptions, 'producerVersion'>,
): ExportBytesResult {
  const result = lowerDesign(design, options);
  if (!result.ok) return result;
  return { ok: true, lowered: result.lowered, bytes: encodeOnnxModel(result.lowered) };
}
