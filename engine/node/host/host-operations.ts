/**
 * The Host operations implemented once against the engine. The web server carries them over HTTP;
 * the Electron host will carry the same object over IPC. Every path is confined to the folders the
 * user chose (FolderGuard) and every failure a user can cause is a UserError with one clear line.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { layoutGraph, type GraphDocument } from '../../core/index.ts';
import type {
  ExportOptions,
  ExportReport,
  FileEntry,
  HostProgress,
  InferenceInput,
  OpenedDesign,
  ProviderInfo,
  RunRequest,
  RunResult,
  TemplateSummary,
  TensorValue,
} from '../../core/host/host-api.ts';
import type { HostOperations } from '../../core/host/web-protocol.ts';
import { UserError } from '../cli/cli-error.ts';
import { writeDesign } from '../files/design-files.ts';
import { loadDesign } from '../files/load-design.ts';
import { readGraphDocument } from '../files/read-design.ts';
import { exportOnnx } from '../onnx/export-onnx.ts';
import { DesignHasErrors, InferenceEngine } from '../runtime/inference-engine.ts';
import type { InferenceResult } from '../runtime/inference-protocol.ts';
import type { FedTensor, InputSource } from '../runtime/input-tensors.ts';
import { listProviders } from '../runtime/providers.ts';
import { listTemplates, readTemplate } from '../files/templates.ts';
import { DesignRegistry } from './design-registry.ts';
import type { FolderGuard } from './folder-guard.ts';
import type { RecentFiles } from './recent-files.ts';
import { boundedActivations, convKernels } from './run-payload.ts';

const MAX_FOLDER_ENTRIES = 5_000;
/** Seeds the weights a design does not carry, in runs as in a default export, so kernels shown are those run. */
const RUN_SEED = 0;

function kindOf(name: string, isFolder: boolean): FileEntry['kind'] {
  if (isFolder) return 'folder';
  switch (extname(name).toLowerCase()) {
    case '.json':
      return 'graph';
    case '.onnx':
      return 'onnx';
    case '.png':
    case '.jpg':
    case '.jpeg':
      return 'image';
    default:
      return 'other';
  }
}

/** A file name with the expected extension: added when there is none, refused when it is another one. */
function withExtension(path: string, extension: string, what: string): string {
  const current = extname(path).toLowerCase();
  if (current === '') return `${path}${extension}`;
  if (current !== extension) throw new UserError(`save ${what} as a ${extension} file, not ${current}`);
  return path;
}

export interface EngineHostOptions {
  readonly guard: FolderGuard;
  readonly recent: RecentFiles;
}

export class EngineHost implements HostOperations {
  private readonly designs = new DesignRegistry();
  private readonly progressListeners = new Set<(progress: HostProgress) => void>();
  private readonly inference = new InferenceEngine();
  /** Runs and exports going now, by the id their caller chose, so cancelRun can stop them. */
  private readonly tasks = new Map<string, AbortController>();

  constructor(private readonly options: EngineHostOptions) {}

  onProgress(listener: (progress: HostProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private reportProgress(progress: HostProgress): void {
    for (const listener of this.progressListeners) listener(progress);
  }

  /**
   * Lays out a mid-sized template once, off the user's path, so that the first ONNX import does not
   * also pay for compiling the layout engine (about half a second on a 2-core machine).
   */
  async warmUp(): Promise<void> {
    await layoutGraph(await readTemplate('resnet-50'));
  }

  listTemplates(): Promise<readonly TemplateSummary[]> {
    return listTemplates();
  }

  async openTemplate(id: string): Promise<OpenedDesign> {
    const document = await readTemplate(id);
    const handle = this.designs.add({ document, weights: new Map(), path: undefined });
    return { handle, path: undefined, document, hasWeights: false };
  }

  listRoots(): Promise<readonly string[]> {
    return Promise.resolve(this.options.guard.roots);
  }

  async listFolder(path: string): Promise<readonly FileEntry[]> {
    const folder = await this.options.guard.resolveExisting(path);
    if (!(await stat(folder)).isDirectory()) throw new UserError(`${path} is not a folder`);
    const entries: FileEntry[] = [];
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const entryPath = join(folder, entry.name);
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        // List a link only where it stays inside the roots; elsewhere opening it would be refused anyway.
        const target = await this.options.guard.resolveExisting(entryPath).catch(() => undefined);
        if (target === undefined) continue;
        isFolder = (await stat(target)).isDirectory();
      } else if (!isFolder && !entry.isFile()) continue;
      entries.push({ name: entry.name, path: entryPath, kind: kindOf(entry.name, isFolder) });
      if (entries.length >= MAX_FOLDER_ENTRIES) break;
    }
    return entries.sort(
      (a, b) => Number(b.kind === 'folder') - Number(a.kind === 'folder') || a.name.localeCompare(b.name),
    );
  }

  async recentFiles(): Promise<readonly string[]> {
    const present = await Promise.all(
      this.options.recent.list().map(async (path) => {
        const real = await this.options.guard.resolveExisting(path).catch(() => undefined);
        return real !== undefined && (await stat(real)).isFile() ? real : undefined;
      }),
    );
    return present.filter((path) => path !== undefined);
  }

  async openDesign(path?: string): Promise<OpenedDesign | undefined> {
    if (path === undefined)
      throw new UserError('this host has no file dialog: choose a file from the folders it serves');
    const real = await this.options.guard.resolveExisting(path);
    await this.checkWeightsReference(real);
    const task = `Opening ${basename(real)}`;
    this.reportProgress({ task, fraction: undefined });
    const design = await loadDesign(real);
    this.reportProgress({ task, fraction: 1 });
    // An imported model is not a design file yet: saving it asks for a name instead of overwriting the model.
    const designPath = design.importNotes === undefined ? real : undefined;
    const handle = this.designs.add({ ...design, path: designPath });
    await this.options.recent.add(real);
    return { handle, path: designPath, document: design.document, hasWeights: design.weights.size > 0 };
  }

  /** A graph names its weights file: before anything reads it, it too must be inside the roots (a link could lead out). */
  private async checkWeightsReference(graphPath: string): Promise<void> {
    if (extname(graphPath).toLowerCase() === '.onnx') return;
    // Whatever fails to parse here, loadDesign reports with its own message.
    const document = await readGraphDocument(graphPath).catch(() => undefined);
    if (document?.weights) await this.options.guard.resolveExisting(join(dirname(graphPath), document.weights.file));
  }

  async saveDesign(handle: string, document: GraphDocument, path?: string): Promise<string | undefined> {
    const design = this.designs.resolve(handle, document);
    const requested = path ?? design.path;
    if (requested === undefined) throw new UserError('choose where to save this design');
    const target = await this.options.guard.resolveForWrite(withExtension(requested, '.json', 'a design'));
    const written = await writeDesign(target, document, design.weights, design.weightOrigins);
    this.designs.update(handle, { ...design, document: written.document, path: target });
    await this.options.recent.add(target);
    return target;
  }

  async exportOnnx(
    handle: string,
    document: GraphDocument,
    path?: string,
    options: ExportOptions = {},
  ): Promise<ExportReport | undefined> {
    const design = this.designs.resolve(handle, document);
    if (path === undefined) throw new UserError('choose where to export the ONNX model');
    const target = await this.options.guard.resolveForWrite(withExtension(path, '.onnx', 'an ONNX model'));
    const { taskId, ...exportOptions } = options;
    const controller = this.startTask(taskId);
    const task = `Exporting ${basename(target)}`;
    try {
      this.reportProgress({ task, fraction: undefined });
      // The writer reports the last fraction, 1, once every byte is written.
      const onProgress = (fraction: number) => this.reportProgress({ task, fraction });
      const result = await exportOnnx(design, { ...exportOptions, signal: controller.signal, onProgress }, target);
      if (!result.ok) {
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const first = errors[0]?.message ?? 'the design has errors';
        throw new UserError(
          `cannot export: ${first}${errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : ''}`,
        );
      }
      const initialised = new Set(result.lowered.initializers.filter((i) => i.origin === 'seed').map((i) => i.nodeId));
      const bytes = result.written.byteLength + (result.written.externalData?.byteLength ?? 0);
      return { path: result.written.path, bytes, initialisedNodes: [...initialised] };
    } catch (error) {
      if (isAbortError(error)) throw new UserError('the export was cancelled');
      throw error;
    } finally {
      if (taskId !== undefined) this.tasks.delete(taskId);
    }
  }

  listProviders(): Promise<readonly ProviderInfo[]> {
    return Promise.resolve(listProviders());
  }

  async runInference(request: RunRequest): Promise<RunResult> {
    const controller = this.startTask(request.runId);
    const task = `Running ${request.document.name}`;
    try {
      const design = this.designs.resolve(request.handle, request.document);
      const input = await this.inputSource(request.input);
      this.reportProgress({ task, fraction: undefined });
      const result = await this.inference.run(
        {
          model: { kind: 'design', design, seed: RUN_SEED },
          inputs: input,
          provider: request.provider,
          repeat: request.repeat,
          topK: 5,
          ...(request.captureNodeIds ? { capture: request.captureNodeIds } : {}),
        },
        controller.signal,
      );
      this.reportProgress({ task, fraction: 1 });
      return {
        ...runResultOf(result),
        activations: boundedActivations(result.activations, request.captureNodeIds ?? []),
        weights: convKernels(design.document, design.weights, request.weightNodeIds ?? [], RUN_SEED),
      };
    } catch (error) {
      if (error instanceof DesignHasErrors) {
        const first = error.diagnostics.find((d) => d.severity === 'error');
        throw new UserError(`cannot run: ${first?.message ?? error.message}`);
      }
      if (isAbortError(error)) throw new UserError('the run was cancelled');
      throw error;
    } finally {
      this.tasks.delete(request.runId);
    }
  }

  /** Cancels a run or an export that is going, by its id; one that already ended needs nothing. */
  cancelRun(taskId: string): Promise<void> {
    this.tasks.get(taskId)?.abort();
    return Promise.resolve();
  }

  /** A controller for new work; under the caller's id, when it gave one, so that cancelRun reaches it. */
  private startTask(taskId: string | undefined): AbortController {
    const controller = new AbortController();
    if (taskId === undefined) return controller;
    if (this.tasks.has(taskId)) throw new UserError(`a task with the id "${taskId}" is already going`);
    this.tasks.set(taskId, controller);
    return controller;
  }

  /** Stops the work going and the inference worker, releasing its sessions. */
  close(): Promise<void> {
    for (const task of this.tasks.values()) task.abort();
    return this.inference.close();
  }

  private async inputSource(input: InferenceInput): Promise<InputSource> {
    switch (input.kind) {
      case 'random':
        return { kind: 'random', seed: input.seed };
      case 'tensor':
        return { kind: 'values', data: Float32Array.from(input.data) };
      case 'image': {
        const path = await this.options.guard.resolveExisting(input.path);
        return {
          kind: 'image',
          path,
          ...(input.mean ? { mean: input.mean } : {}),
          ...(input.std ? { std: input.std } : {}),
        };
      }
    }
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function tensorValue(tensor: FedTensor): TensorValue {
  return { dims: tensor.dims, data: Array.from(tensor.data) };
}

function tensorValues(tensors: Readonly<Record<string, FedTensor>>): Record<string, TensorValue> {
  return Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, tensorValue(tensor)]));
}

/** The engine's result as the Host returns it: plain arrays for the wire, the first sample's top-k. */
function runResultOf(result: InferenceResult): Omit<RunResult, 'activations' | 'weights'> {
  const input = Object.values(result.inputs)[0];
  return {
    outputs: tensorValues(result.outputs),
    topK: Object.fromEntries(Object.entries(result.topK).map(([name, samples]) => [name, samples[0] ?? []])),
    latency: { medianMs: result.latency.medianMs, p95Ms: result.latency.p95Ms, runs: result.latency.runs },
    requestedProvider: result.requestedProvider,
    provider: result.provider,
    ...(result.fallbackReason === undefined ? {} : { fallbackReason: result.fallbackReason }),
    input: input ? tensorValue(input) : { dims: [], data: [] },
  };
}
