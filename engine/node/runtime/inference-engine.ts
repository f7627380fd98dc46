/**
 * Inference as the app and `netwright run` use it. onnxruntime runs in a worker thread, so session
 * creation and runs never block the caller. A design is lowered here only far enough to know its
 * content key (structure and weight fingerprints, no weights generated); the worker keeps a session
 * per key and receives the design only when it has none for it.
 */
import { Worker } from 'node:worker_threads';
import type { DesignWeights, Diagnostic, GraphDocument } from '../../core/index.ts';
import type { LoadedDesign } from '../files/load-design.ts';
import { UserError } from '../cli/cli-error.ts';
import { lowerDesign } from '../onnx/export-onnx.ts';
import {
  sessionKey,
  type InferenceRequest,
  type InferenceResult,
  type WorkerModel,
  type WorkerReply,
  type WorkerRunMessage,
} from './inference-protocol.ts';
import { modelKey } from './model-key.ts';

/** The design has errors, so there is nothing to run; the diagnostics say what to fix. */
export class DesignHasErrors extends Error {
  override readonly name = 'DesignHasErrors';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`the design has ${diagnostics.filter((d) => d.severity === 'error').length} error(s)`);
  }
}

interface Pending {
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

function wholeNumber(name: string, value: number | undefined, fallback: number, min: number): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < min)
    throw new UserError(`${name} must be a whole number of at least ${min}, got ${n}`);
  return n;
}

export class InferenceEngine {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  /** The session keys the worker held after its last reply. */
  private heldKeys = new Set<string>();
  private nextId = 1;
  private readonly designKeys = new WeakMap<GraphDocument, Map<string, string>>();
  private readonly weightsIds = new WeakMap<DesignWeights, number>();
  private nextWeightsId = 0;

  /**
   * Runs a design or an ONNX file. Throws DesignHasErrors for a design with errors, UserError for
   * unusable input (a wrong-sized tensor, a corrupt image), and an AbortError when `signal` aborts.
   */
  async run(request: InferenceRequest, signal?: AbortSignal): Promise<InferenceResult> {
    const provider = request.provider ?? 'cpu';
    const repeat = wholeNumber('repeat', request.repeat, 1, 1);
    const batch = wholeNumber('batch', request.batch, 1, 1);
    const topK = wholeNumber('top-k', request.topK, 5, 1);
    const threads = request.threads === undefined ? undefined : wholeNumber('threads', request.threads, 0, 0);
    const capture = [...new Set(request.capture ?? [])];
    let model: WorkerModel;
    let resend: WorkerModel | undefined;
    if (request.model.kind === 'design') {
      const { design, opset } = request.model;
      const seed = request.model.seed ?? 0;
      const key = this.designKey(design, seed, opset, capture);
      const withDesign: WorkerModel = {
        kind: 'design',
        key,
        seed,
        opset,
        capture,
        design: { document: design.document, weights: design.weights },
      };
      model = this.heldKeys.has(sessionKey(key, provider, threads))
        ? { kind: 'design', key, seed, opset, capture }
        : withDesign;
      resend = withDesign;
    } else {
      if (capture.length > 0) throw new UserError('activations can be captured from designs only, not from ONNX files');
      model = { kind: 'onnx-file', path: request.model.path };
    }
    const message = {
      model,
      inputs: request.inputs ?? { kind: 'random', seed: 0 },
      provider,
      repeat,
      batch,
      threads,
      topK,
    } as const;
    let reply = await this.post(message, signal);
    if (!reply.ok && reply.error.kind === 'missing-model' && resend)
      reply = await this.post({ ...message, model: resend }, signal);
    if (reply.ok) return reply.result;
    switch (reply.error.kind) {
      case 'user':
        throw new UserError(reply.error.message);
      case 'cancelled':
        throw new DOMException(reply.error.message, 'AbortError');
      case 'missing-model':
      case 'internal':
        throw new Error(`inference failed: ${reply.error.message}`);
    }
  }

  /**
   * The content key of a design lowered with these options. Documents and weights are immutable
   * values, so the key is remembered per document and weights object: running an unchanged design
   * again costs the caller nothing; an edit (a new document object) lowers it once more.
   */
  private designKey(design: LoadedDesign, seed: number, opset: number | undefined, capture: readonly string[]): string {
    let weightsId = this.weightsIds.get(design.weights);
    if (weightsId === undefined) this.weightsIds.set(design.weights, (weightsId = this.nextWeightsId++));
    const options = JSON.stringify([weightsId, seed, opset ?? null, capture]);
    const known = this.designKeys.get(design.document)?.get(options);
    if (known) return known;
    const lowering = lowerDesign(design, { seed, ...(opset === undefined ? {} : { opset }), intermediates: capture });
    if (!lowering.ok) throw new DesignHasErrors(lowering.diagnostics);
    const key = modelKey(lowering.lowered);
    const keys = this.designKeys.get(design.document) ?? new Map<string, string>();
    keys.set(options, key);
    this.designKeys.set(design.document, keys);
    return key;
  }

  /** Stops the worker and releases every session. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.heldKeys.clear();
    if (worker) await worker.terminate();
  }

  private post(
    message: Omit<WorkerRunMessage, 'id' | 'cancel'>,
    signal: AbortSignal | undefined,
  ): Promise<WorkerReply> {
    signal?.throwIfAborted();
    const worker = this.workerThread();
    const id = this.nextId++;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const onAbort = () => Atomics.store(cancel, 0, 1);
    signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id, cancel } satisfies WorkerRunMessage);
    }).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  private workerThread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./inference-worker.mjs', import.meta.url));
    const failAll = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.heldKeys.clear();
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('message', (reply: WorkerReply) => {
      this.heldKeys = new Set(reply.heldKeys);
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      pending?.resolve(reply);
    });
    worker.on('error', (error) => failAll(new Error(`the inference worker failed: ${error.message}`)));
    worker.on('exit', (code) => failAll(new Error(`the inference worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
