/**
 * The inference worker: owns onnxruntime sessions, off the caller's thread, so no UI ever blocks on
 * session creation or a run. Sessions are cached by model content (the key the caller computed for
 * a design, a hash of the bytes for an ONNX file), provider and thread count; an edited design has
 * another key, and old sessions are released first in, first out.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { encodeOnnxModel, inlineByteLength, MAX_INLINE_MODEL_BYTES, type LoweredModel } from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';
import { lowerDesign } from '../onnx/export-onnx.ts';
import { writeOnnxFile } from '../onnx/write-onnx-file.ts';
import {
  sessionKey,
  type InferenceResult,
  type TopEntry,
  type WorkerModel,
  type WorkerReply,
  type WorkerRunMessage,
} from './inference-protocol.ts';
import { buildInputTensor, type FedTensor, type InputSource } from './input-tensors.ts';
import { startSession, type StartedSession } from './providers.ts';

/** A graph input as the session sees it: its name, per-sample shape, and the node it stands for. */
interface SessionInput {
  readonly name: string;
  /** Without the batch; undefined where an ONNX file leaves a non-batch dimension symbolic. */
  readonly shape: readonly number[] | undefined;
  readonly elementType: string;
}

interface CachedSession {
  readonly started: StartedSession;
  readonly inputs: readonly SessionInput[];
  /** Graph outputs to report (a design's Output nodes; every output of an ONNX file). */
  readonly outputs: readonly string[];
  /** Captured node ids and the graph output (or input) that carries each. */
  readonly activations: readonly { readonly nodeId: string; readonly name: string }[];
  readonly byteLength: number;
}

// Providers that fail to start are reported in the result; onnxruntime's own error log would repeat it.
ort.env.logLevel = 'fatal';

const MAX_SESSIONS = 3;
/** Older sessions are released while the cached models together exceed this. */
const MAX_CACHED_BYTES = 1_500_000_000;
const sessions = new Map<string, CachedSession>();

class Cancelled extends Error {}
class MissingModel extends Error {}

function checkCancel(cancel: Int32Array): void {
  if (Atomics.load(cancel, 0) !== 0) throw new Cancelled('the run was cancelled');
}

async function remember(key: string, entry: CachedSession): Promise<void> {
  sessions.set(key, entry);
  let total = [...sessions.values()].reduce((sum, s) => sum + s.byteLength, 0);
  for (const [oldKey, old] of sessions) {
    if (oldKey === key || (sessions.size <= MAX_SESSIONS && total <= MAX_CACHED_BYTES)) continue;
    sessions.delete(oldKey);
    total -= old.byteLength;
    await old.started.session.release();
  }
}

/** Loads a lowered design into a session: from memory, or through a file with external data above 2 GB. */
async function startDesignSession(
  lowered: LoweredModel,
  message: WorkerRunMessage,
): Promise<{ started: StartedSession; byteLength: number }> {
  const byteLength = inlineByteLength(lowered);
  if (byteLength <= MAX_INLINE_MODEL_BYTES)
    return { started: await startSession(encodeOnnxModel(lowered), message.provider, message.threads), byteLength };
  const folder = await mkdtemp(join(tmpdir(), 'netwright-run-'));
  try {
    const written = await writeOnnxFile(lowered, join(folder, 'model.onnx'));
    return { started: await startSession(written.path, message.provider, message.threads), byteLength };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function inputsOfSession(session: ort.InferenceSession): SessionInput[] {
  return session.inputMetadata.map((meta) => {
    if (!meta.isTensor) return { name: meta.name, shape: undefined, elementType: 'non-tensor' };
    const [, ...rest] = meta.shape;
    const fixed = rest.every((dim): dim is number => typeof dim === 'number');
    return { name: meta.name, shape: fixed ? rest : undefined, elementType: meta.type };
  });
}

/** Content hashes of model files, reused while a file's identity, size and modification time stay the same. */
const fileHashes = new Map<string, { readonly stamp: string; readonly hash: string }>();

async function hashFile(path: string): Promise<{ hash: string; byteLength: number }> {
  try {
    const info = await stat(path);
    const stamp = `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`;
    const known = fileHashes.get(path);
    if (known?.stamp === stamp) return { hash: known.hash, byteLength: info.size };
    const hash = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    fileHashes.set(path, { stamp, hash });
    return { hash, byteLength: info.size };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** Sessions being started, so that concurrent runs of one model share one start. */
const starting = new Map<string, Promise<CachedSession>>();

/** The cached session for `key`, or one started by `start` (once, however many runs ask at the same time). */
async function cachedOrStarted(
  key: string,
  start: () => Promise<CachedSession>,
): Promise<{ entry: CachedSession; reused: boolean }> {
  const cached = sessions.get(key);
  if (cached) return { entry: cached, reused: true };
  let pending = starting.get(key);
  if (!pending) {
    pending = start().then(async (entry) => {
      await remember(key, entry);
      return entry;
    });
    starting.set(key, pending);
    void pending.finally(() => starting.delete(key)).catch(() => undefined);
  }
  return { entry: await pending, reused: false };
}

async function sessionFor(
  model: WorkerModel,
  message: WorkerRunMessage,
): Promise<{ entry: CachedSession; reused: boolean }> {
  if (model.kind === 'design') {
    const key = sessionKey(model.key, message.provider, message.threads);
    const { design } = model;
    return cachedOrStarted(key, async () => {
      if (!design) throw new MissingModel(key);
      const lowering = lowerDesign(design, {
        seed: model.seed,
        ...(model.opset === undefined ? {} : { opset: model.opset }),
        intermediates: model.capture,
      });
      if (!lowering.ok) throw new Error('the design has errors, which the caller checks before sending it');
      const { lowered } = lowering;
      const { started, byteLength } = await startDesignSession(lowered, message);
      return {
        started,
        inputs: lowered.inputs.map((input) => ({ name: input.name, shape: input.shape, elementType: 'float32' })),
        outputs: lowered.outputs.map((output) => output.name),
        activations: lowered.intermediates.map(({ nodeId, name }) => ({ nodeId, name })),
        byteLength,
      };
    });
  }
  const { path } = model;
  const { hash, byteLength } = await hashFile(path);
  return cachedOrStarted(sessionKey(hash, message.provider, message.threads), async () => {
    let started: StartedSession;
    try {
      // From the path, so onnxruntime finds external data beside the file.
      started = await startSession(path, message.provider, message.threads);
    } catch (error) {
      throw new UserError(
        `${path} is not a model onnxruntime can load: ${(error as Error).message.split('\n')[0] ?? ''}`,
      );
    }
    return {
      started,
      inputs: inputsOfSession(started.session),
      outputs: started.session.outputNames,
      activations: [],
      byteLength,
    };
  });
}

/** What to feed each input; a name that is not an input of the model is a mistake worth saying. */
function sourcesFor(inputs: WorkerRunMessage['inputs'], names: readonly string[]): InputSource[] {
  if (!('byName' in inputs)) return names.map(() => inputs);
  const unknown = Object.keys(inputs.byName).filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw new UserError(
      `the model has no input ${unknown.map((n) => `"${n}"`).join(', ')}; its inputs are ${names.map((n) => `"${n}"`).join(', ')}`,
    );
  return names.map(
    (name) =>
      (Object.hasOwn(inputs.byName, name) ? inputs.byName[name] : undefined) ??
      inputs.others ?? { kind: 'random', seed: 0 },
  );
}

/** The numbers of any numeric tensor, as float32 for the result. */
function valuesOf(tensor: ort.Tensor): Float32Array {
  const data = tensor.data;
  if (data instanceof Float32Array) return data.slice();
  if (typeof data === 'string' || (Array.isArray(data) && typeof data[0] === 'string'))
    throw new UserError(`output tensors of type ${tensor.type} cannot be shown`);
  return Float32Array.from(data as ArrayLike<number | bigint>, Number);
}

function topKOf(tensor: FedTensor, k: number): TopEntry[][] | undefined {
  if (tensor.dims.length !== 2 || (tensor.dims[1] ?? 0) < 2) return undefined;
  const [batch = 0, classes = 0] = tensor.dims;
  const samples: TopEntry[][] = [];
  for (let b = 0; b < batch; b++) {
    const entries: TopEntry[] = [];
    for (let i = 0; i < classes; i++) entries.push({ index: i, value: tensor.data[b * classes + i] ?? Number.NaN });
    entries.sort((x, y) => y.value - x.value);
    samples.push(entries.slice(0, k));
  }
  return samples;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function run(message: WorkerRunMessage): Promise<InferenceResult> {
  const { entry, reused } = await sessionFor(message.model, message);
  const { session } = entry.started;
  const feeds: Record<string, ort.Tensor> = {};
  const fed: Record<string, FedTensor> = {};
  const sources = sourcesFor(
    message.inputs,
    entry.inputs.map((input) => input.name),
  );
  for (const [index, input] of entry.inputs.entries()) {
    if (input.elementType !== 'float32')
      throw new UserError(
        `input "${input.name}" takes ${input.elementType} values; Netwright feeds float32 inputs only`,
      );
    if (!input.shape)
      throw new UserError(
        `input "${input.name}" has symbolic dimensions besides the batch, so its shape is unknown; Netwright runs fixed-shape models`,
      );
    const tensor = await buildInputTensor(sources[index] as InputSource, input.name, input.shape, message.batch);
    fed[input.name] = tensor;
    feeds[input.name] = new ort.Tensor('float32', tensor.data, [...tensor.dims]);
  }
  checkCancel(message.cancel);
  if (message.repeat > 1) await session.run(feeds);
  const samples: number[] = [];
  let results: ort.InferenceSession.ReturnType = {};
  for (let i = 0; i < message.repeat; i++) {
    checkCancel(message.cancel);
    const start = performance.now();
    results = await session.run(feeds);
    samples.push(performance.now() - start);
  }
  const tensorOf = (name: string): FedTensor | undefined => {
    const output = results[name];
    if (output) return { dims: output.dims, data: valuesOf(output) };
    return fed[name];
  };
  const outputs: Record<string, FedTensor> = {};
  const topK: Record<string, TopEntry[][]> = {};
  for (const name of entry.outputs) {
    const tensor = tensorOf(name);
    if (!tensor) continue;
    outputs[name] = tensor;
    const top = topKOf(tensor, message.topK);
    if (top) topK[name] = top;
  }
  const activations: Record<string, FedTensor> = {};
  for (const { nodeId, name } of entry.activations) {
    const tensor = tensorOf(name);
    if (tensor) activations[nodeId] = tensor;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    outputs,
    topK,
    latency: {
      medianMs: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      runs: samples.length,
      samplesMs: samples,
    },
    requestedProvider: entry.started.requestedProvider,
    provider: entry.started.provider,
    ...(entry.started.fallbackReason === undefined ? {} : { fallbackReason: entry.started.fallbackReason }),
    activations,
    inputs: fed,
    sessionReused: reused,
  };
}

/** The buffers a result owns, to move instead of copy. */
function transferables(result: InferenceResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const group of [result.outputs, result.activations]) {
    for (const tensor of Object.values(group))
      if (tensor.data.buffer instanceof ArrayBuffer) buffers.add(tensor.data.buffer);
  }
  // Fed inputs may be the caller's own arrays (structured-cloned here), which activations can share.
  for (const tensor of Object.values(result.inputs)) buffers.delete(tensor.data.buffer as ArrayBuffer);
  return [...buffers];
}

const port = parentPort;
if (!port) throw new Error('inference-worker.ts runs as a worker thread; use InferenceEngine');
port.on('message', (message: WorkerRunMessage) => {
  void (async () => {
    let reply: WorkerReply;
    try {
      const result = await run(message);
      reply = { id: message.id, ok: true, result, heldKeys: [...sessions.keys()] };
      port.postMessage(reply, transferables(result));
      return;
    } catch (error) {
      const kind =
        error instanceof Cancelled
          ? 'cancelled'
          : error instanceof MissingModel
            ? 'missing-model'
            : error instanceof UserError
              ? 'user'
              : 'internal';
      reply = {
        id: message.id,
        ok: false,
        error: { kind, message: error instanceof Error ? error.message : String(error) },
        heldKeys: [...sessions.keys()],
      };
    }
    port.postMessage(reply);
  })();
});
