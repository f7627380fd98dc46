/** The messages between InferenceEngine (the caller's thread) and its inference worker. */
import type { GraphDocument } from '../../core/index.ts';
import type { LoadedDesign } from '../files/load-design.ts';
import type { FedTensor, InputSource } from './input-tensors.ts';
import type { ProviderName } from './providers.ts';

/** What to run: a design (lowered to ONNX on the way) or an ONNX file as it is. */
export type ModelSource =
  | {
      readonly kind: 'design';
      readonly design: LoadedDesign;
      /** Seeds the weights the design does not carry; 0 when absent. */
      readonly seed?: number;
      readonly opset?: number;
    }
  | { readonly kind: 'onnx-file'; readonly path: string };

export interface InferenceRequest {
  readonly model: ModelSource;
  /** What to feed every input, or each by its graph input name; random (seed 0) when absent. */
  readonly inputs?: InputSource | NamedInputs;
  /** 'cpu' when absent. A missing or failing provider falls back to the CPU, and the result says so. */
  readonly provider?: ProviderName;
  /** Timed runs (after one untimed warm-up run when more than one); 1 when absent. */
  readonly repeat?: number;
  /** Samples per run; 1 when absent. */
  readonly batch?: number;
  /** Node ids of a design whose activations to return, for drawing feature maps. */
  readonly capture?: readonly string[];
  /** onnxruntime's intra-op threads; its default (one per core) when absent. */
  readonly threads?: number;
  /** How many of the largest scores to list per sample for vector outputs; 5 when absent. */
  readonly topK?: number;
}

export interface NamedInputs {
  readonly byName: Readonly<Record<string, InputSource>>;
  /** For inputs not named; random with seed 0 when absent. */
  readonly others?: InputSource;
}

export interface TopEntry {
  readonly index: number;
  readonly value: number;
}

export interface InferenceResult {
  /** Every graph output by its ONNX name (an Output node's name), [batch, ...shape]. */
  readonly outputs: Readonly<Record<string, FedTensor>>;
  /** For each output with one value per class ([batch, K]): the top entries of each sample. */
  readonly topK: Readonly<Record<string, readonly (readonly TopEntry[])[]>>;
  readonly latency: {
    readonly medianMs: number;
    readonly p95Ms: number;
    readonly runs: number;
    /** Every timed run, in order. */
    readonly samplesMs: readonly number[];
  };
  readonly requestedProvider: ProviderName;
  /** The provider that really ran. */
  readonly provider: ProviderName;
  /** Why the requested provider did not run, when the CPU stood in. */
  readonly fallbackReason?: string;
  /** Captured activations by node id. */
  readonly activations: Readonly<Record<string, FedTensor>>;
  /** What was fed, by input name. */
  readonly inputs: Readonly<Record<string, FedTensor>>;
  /** True when an existing session was reused (same model content, provider and threads). */
  readonly sessionReused: boolean;
}

/** Sessions are cached per model content, provider and thread count. */
export function sessionKey(modelKey: string, provider: ProviderName, threads: number | undefined): string {
  return `${modelKey}|${provider}|${threads ?? 'default'}`;
}

/** A design travels to the worker only when the worker does not hold a session for its key. */
export type WorkerModel =
  | {
      readonly kind: 'design';
      readonly key: string;
      readonly seed: number;
      readonly opset: number | undefined;
      readonly capture: readonly string[];
      readonly design?: { readonly document: GraphDocument; readonly weights: LoadedDesign['weights'] };
    }
  | { readonly kind: 'onnx-file'; readonly path: string };

export interface WorkerRunMessage {
  readonly id: number;
  readonly model: WorkerModel;
  readonly inputs: InputSource | NamedInputs;
  readonly provider: ProviderName;
  readonly repeat: number;
  readonly batch: number;
  readonly threads: number | undefined;
  readonly topK: number;
  /** Set to 1 (on a SharedArrayBuffer) to stop the run between steps. */
  readonly cancel: Int32Array;
}

export type WorkerErrorKind = 'user' | 'missing-model' | 'cancelled' | 'internal';

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: InferenceResult; readonly heldKeys: readonly string[] }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { readonly kind: WorkerErrorKind; readonly message: string };
      readonly heldKeys: readonly string[];
    };
