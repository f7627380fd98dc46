/**
 * The Host interface: everything the renderer reaches outside itself goes through it. Two
 * implementations serve it: the Electron host (preload + IPC) and the web host (`netwright serve`,
 * HTTP on 127.0.0.1 with a token). Both call the same engine functions; this file is the contract
 * and holds types only, so every side can import it.
 *
 * Weights stay in the engine: a design opened from disk is known to the host by a handle, and the
 * renderer sends only the graph document back with it.
 */
import type { GraphDocument } from '../document/graph-document.ts';

export interface TemplateSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly inputShape: readonly number[];
  readonly trainableParams: number;
  readonly macs: number;
}

/** A design as the renderer holds it. `handle` names the engine-side state (imported weights). */
export interface OpenedDesign {
  readonly handle: string;
  /** Where it lives on disk; undefined for a template or a new design not saved yet. */
  readonly path: string | undefined;
  readonly document: GraphDocument;
  /** True when the engine holds weights for it (an imported model). */
  readonly hasWeights: boolean;
}

export interface FileEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: 'folder' | 'graph' | 'onnx' | 'image' | 'other';
}

export interface ExportOptions {
  readonly seed?: number;
  readonly opset?: number;
  /** Chosen by the caller, so it can cancel the export with cancelRun(taskId). */
  readonly taskId?: string;
}

export interface ExportReport {
  readonly path: string;
  readonly bytes: number;
  /** Nodes whose weights were freshly initialised because the design has none that fit. */
  readonly initialisedNodes: readonly string[];
}

export type ProviderName = 'cpu' | 'cuda' | 'webgpu' | 'dml' | 'coreml';

export interface ProviderInfo {
  readonly name: ProviderName;
  readonly available: boolean;
  /** Why it cannot be used here, when unavailable. */
  readonly reason?: string;
}

export type InferenceInput =
  | { readonly kind: 'random'; readonly seed: number }
  | {
      readonly kind: 'image';
      readonly path: string;
      readonly mean?: readonly number[];
      readonly std?: readonly number[];
    }
  /** Raw values in the input's shape (without batch), e.g. a synthetic signal or an uploaded image decoded in the renderer. */
  | { readonly kind: 'tensor'; readonly data: readonly number[] };

export interface RunRequest {
  /** Chosen by the caller, so it can cancel the run. */
  readonly runId: string;
  readonly handle: string;
  readonly document: GraphDocument;
  readonly input: InferenceInput;
  readonly provider: ProviderName;
  readonly repeat: number;
  /** Node ids whose activations to return (for feature maps). */
  readonly captureNodeIds?: readonly string[];
  /** Conv node ids whose kernels to return, as the run used them (for drawing filters and their frequency response). */
  readonly weightNodeIds?: readonly string[];
}

export interface TensorValue {
  readonly dims: readonly number[];
  readonly data: readonly number[];
  /**
   * The tensor's real dims when `data` holds only its first entries along the leading axes:
   * activations and kernels sent to the renderer are bounded (engine/node/host/run-payload.ts).
   */
  readonly fullDims?: readonly number[];
}

export interface RunResult {
  readonly outputs: Readonly<Record<string, TensorValue>>;
  readonly topK: Readonly<Record<string, readonly { readonly index: number; readonly value: number }[]>>;
  readonly latency: { readonly medianMs: number; readonly p95Ms: number; readonly runs: number };
  readonly requestedProvider: ProviderName;
  /** The provider that really ran. */
  readonly provider: ProviderName;
  /** Why it fell back to the CPU, when it did. */
  readonly fallbackReason?: string;
  /** Captured activations by node id: the first sample, [1, C, ...] or [1, F], bounded in channels and in total. */
  readonly activations: Readonly<Record<string, TensorValue>>;
  /** Kernels of the requested Conv nodes by node id, [F_out, F_in / groups, ...kernel], bounded in filters and inputs. */
  readonly weights: Readonly<Record<string, TensorValue>>;
  /** The input that was fed, so the UI can draw it. */
  readonly input: TensorValue;
}

export interface HostProgress {
  readonly task: string;
  /** 0..1, or undefined when unknown. */
  readonly fraction: number | undefined;
}

export interface Host {
  readonly kind: 'web' | 'electron';
  /** True when the host shows the operating system's file dialogs; otherwise the renderer browses with listFolder. */
  readonly nativeDialogs: boolean;

  listTemplates(): Promise<readonly TemplateSummary[]>;
  openTemplate(id: string): Promise<OpenedDesign>;

  /** The folders the user chose to work in (web host: given on the command line). */
  listRoots(): Promise<readonly string[]>;
  listFolder(path: string): Promise<readonly FileEntry[]>;
  recentFiles(): Promise<readonly string[]>;

  /** Opens a graph document or imports an ONNX model. With nativeDialogs, `path` may be omitted to ask the user. */
  openDesign(path?: string): Promise<OpenedDesign | undefined>;
  /** Saves atomically; returns the path written, or undefined when the user cancelled a dialog. */
  saveDesign(handle: string, document: GraphDocument, path?: string): Promise<string | undefined>;
  exportOnnx(
    handle: string,
    document: GraphDocument,
    path?: string,
    options?: ExportOptions,
  ): Promise<ExportReport | undefined>;

  listProviders(): Promise<readonly ProviderInfo[]>;
  /** Runs a design; long work reports progress and can be cancelled with cancelRun(request.runId). */
  runInference(request: RunRequest): Promise<RunResult>;
  /** Cancels a run (by its runId) or an export (by its options' taskId); the call it stops rejects. */
  cancelRun(taskId: string): Promise<void>;

  /** Subscribes to progress of long work; returns the unsubscribe function. */
  onProgress(listener: (progress: HostProgress) => void): () => void;
}
