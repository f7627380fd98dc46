/**
 * The engine's utility process, seen from the main process: the Host operations as messages to
 * it, and a supervisor that restarts it when it crashes. A crash fails the calls in flight with a
 * clear message and tells the user; a process that keeps crashing is not restarted in a loop.
 */
import type { GraphDocument } from '../../engine/core/document/graph-document.ts';
import type {
  ExportOptions,
  ExportReport,
  FileEntry,
  Host,
  HostProgress,
  OpenedDesign,
  ProviderInfo,
  RunRequest,
  RunResult,
  TemplateSummary,
} from '../../engine/core/host/host-api.ts';
import type { HostOperationName, HostOperations } from '../../engine/core/host/web-protocol.ts';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import type { EngineCall, EngineMessage } from '../utility/engine-protocol.ts';

/** A started utility process (Electron's UtilityProcess, or a fake in tests). */
export interface EngineChild {
  postMessage(message: EngineCall): void;
  onMessage(listener: (message: EngineMessage) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface EngineCrash {
  readonly exitCode: number;
  /** False when it crashed too often to be restarted. */
  readonly restarted: boolean;
}

export interface EngineProcessOptions {
  readonly fork: () => EngineChild;
  readonly onCrash: (crash: EngineCrash) => void;
  /** Crashes within `crashWindowMs` after which it stays down. */
  readonly maxCrashes?: number;
  readonly crashWindowMs?: number;
  readonly now?: () => number;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class EngineProcess implements HostOperations {
  private child: EngineChild | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly progressListeners = new Set<(progress: HostProgress) => void>();
  private crashTimes: number[] = [];
  private stopped = false;
  /** Why the engine is down for good, once it crashed too often. */
  private downReason: string | undefined;

  constructor(private readonly options: EngineProcessOptions) {}

  /** Starts the process; calls before this fail. */
  start(): void {
    this.stopped = false;
    this.spawn();
  }

  /** Ends the process on purpose (the app quits): no crash is reported. */
  stop(): void {
    this.stopped = true;
    const child = this.child;
    this.child = undefined;
    child?.kill();
    this.failPending(new UserError('Netwright is closing'));
  }

  private spawn(): void {
    const child = this.options.fork();
    this.child = child;
    child.onMessage((message) => {
      if (this.child === child) this.receive(message);
    });
    child.onExit((code) => {
      if (this.child === child) this.crashed(code);
    });
  }

  private receive(message: EngineMessage): void {
    switch (message.type) {
      case 'progress':
        for (const listener of this.progressListeners) listener(message.progress);
        return;
      case 'result': {
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.ok) call.resolve(message.value);
        else call.reject(message.userError ? new UserError(message.message) : new Error(message.message));
        return;
      }
    }
  }

  private crashed(exitCode: number): void {
    this.child = undefined;
    if (this.stopped) return;
    const now = (this.options.now ?? Date.now)();
    const window = this.options.crashWindowMs ?? 60_000;
    this.crashTimes = [...this.crashTimes.filter((time) => now - time < window), now];
    const restarted = this.crashTimes.length < (this.options.maxCrashes ?? 3);
    const what = `the engine process stopped unexpectedly (exit code ${exitCode})`;
    this.failPending(
      new UserError(restarted ? `${what}; it was restarted, try again` : `${what} and was not restarted`),
    );
    if (restarted) this.spawn();
    else this.downReason = `the engine process crashed ${this.crashTimes.length} times in a row; restart Netwright`;
    this.options.onCrash({ exitCode, restarted });
  }

  private failPending(error: Error): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.reject(error);
  }

  private call<K extends HostOperationName>(
    operation: K,
    args: Parameters<Host[K]>,
  ): Promise<Awaited<ReturnType<Host[K]>>> {
    const child = this.child;
    if (!child) return Promise.reject(new UserError(this.downReason ?? 'the engine process is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        child.postMessage({ type: 'call', id, operation, args });
      } catch (error) {
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  onProgress(listener: (progress: HostProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  listTemplates(): Promise<readonly TemplateSummary[]> {
    return this.call('listTemplates', []);
  }

  openTemplate(id: string): Promise<OpenedDesign> {
    return this.call('openTemplate', [id]);
  }

  listRoots(): Promise<readonly string[]> {
    return this.call('listRoots', []);
  }

  listFolder(path: string): Promise<readonly FileEntry[]> {
    return this.call('listFolder', [path]);
  }

  recentFiles(): Promise<readonly string[]> {
    return this.call('recentFiles', []);
  }

  openDesign(path?: string): Promise<OpenedDesign | undefined> {
    return this.call('openDesign', [path]);
  }

  saveDesign(handle: string, document: GraphDocument, path?: string): Promise<string | undefined> {
    return this.call('saveDesign', [handle, document, path]);
  }

  exportOnnx(
    handle: string,
    document: GraphDocument,
    path?: string,
    options?: ExportOptions,
  ): Promise<ExportReport | undefined> {
    return this.call('exportOnnx', [handle, document, path, options]);
  }

  listProviders(): Promise<readonly ProviderInfo[]> {
    return this.call('listProviders', []);
  }

  runInference(request: RunRequest): Promise<RunResult> {
    return this.call('runInference', [request]);
  }

  cancelRun(runId: string): Promise<void> {
    return this.call('cancelRun', [runId]);
  }
}
