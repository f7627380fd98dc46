import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostOperations } from '../../engine/core/host/web-protocol.ts';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import { FolderGuard } from '../../engine/node/host/folder-guard.ts';
import { EngineHost } from '../../engine/node/host/host-operations.ts';
import { RecentFiles } from '../../engine/node/host/recent-files.ts';
import type { EngineCall, EngineMessage } from '../utility/engine-protocol.ts';
import { serveEngine } from '../utility/engine-worker.ts';
import { EngineProcess, type EngineChild, type EngineCrash } from './engine-process.ts';

/**
 * A utility process in memory: messages are structured-cloned like Electron's, and the worker
 * serves real engine operations. `crash` plays the process dying; `hold` keeps calls unanswered.
 */
class FakeChild implements EngineChild {
  killed = false;
  held = false;
  private toParent: ((message: EngineMessage) => void) | undefined;
  private exitListener: ((code: number) => void) | undefined;
  private toWorker: ((message: { data: unknown }) => void) | undefined;
  readonly received: EngineCall[] = [];

  constructor(operations: HostOperations) {
    serveEngine(
      {
        on: (_event, listener) => void (this.toWorker = listener),
        postMessage: (message) => this.toParent?.(structuredClone(message)),
      },
      operations,
    );
  }

  postMessage(message: EngineCall): void {
    this.received.push(message);
    if (!this.held) this.toWorker?.({ data: structuredClone(message) });
  }
  onMessage(listener: (message: EngineMessage) => void): void {
    this.toParent = listener;
  }
  onExit(listener: (code: number) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    this.exitListener?.(0);
  }
  crash(code: number): void {
    this.exitListener?.(code);
  }
}

let folder: string;
let operations: EngineHost;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'netwright-engine-'));
  operations = new EngineHost({ guard: await FolderGuard.create([folder]), recent: await RecentFiles.load(undefined) });
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function supervised(options: { maxCrashes?: number; now?: () => number } = {}) {
  const children: FakeChild[] = [];
  const crashes: EngineCrash[] = [];
  const engine = new EngineProcess({
    fork: () => {
      const child = new FakeChild(operations);
      children.push(child);
      return child;
    },
    onCrash: (crash) => crashes.push(crash),
    ...options,
  });
  return { engine, children, crashes };
}

describe('EngineProcess', () => {
  it('carries Host operations to the utility process and back', async () => {
    const { engine } = supervised();
    engine.start();
    const templates = await engine.listTemplates();
    expect(templates.map((template) => template.id)).toContain('lenet-5');
    const lenet = await engine.openTemplate('lenet-5');
    expect(lenet.document.name).toBe('LeNet-5');
    const written = await engine.saveDesign(lenet.handle, lenet.document, join(folder, 'lenet'));
    expect(written).toBe(join(folder, 'lenet.json'));
  });

  it("keeps a user error's message and class", async () => {
    const { engine } = supervised();
    engine.start();
    const failure = engine.openDesign(join(folder, 'missing.json'));
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toThrow(/no such file/);
  });

  it('fails the calls in flight when the process crashes, tells the user, and restarts it', async () => {
    const { engine, children, crashes } = supervised();
    engine.start();
    const first = children[0] as FakeChild;
    first.held = true;
    const inFlight = engine.listTemplates();
    first.crash(134);
    await expect(inFlight).rejects.toThrow(/engine process stopped unexpectedly \(exit code 134\); it was restarted/);
    expect(crashes).toEqual([{ exitCode: 134, restarted: true }]);
    expect(children).toHaveLength(2);
    expect((await engine.listTemplates()).length).toBeGreaterThan(0);
    expect(children[1]?.received.map((call) => call.operation)).toEqual(['listTemplates']);
  });

  it('stops restarting a process that keeps crashing', async () => {
    let time = 0;
    const { engine, children, crashes } = supervised({ maxCrashes: 3, now: () => time });
    engine.start();
    for (const code of [1, 2, 3]) {
      time += 1_000;
      children.at(-1)?.crash(code);
    }
    expect(crashes.map((crash) => crash.restarted)).toEqual([true, true, false]);
    expect(children).toHaveLength(3);
    await expect(engine.listTemplates()).rejects.toThrow(/crashed 3 times in a row; restart Netwright/);
  });

  it('forgets crashes older than the window', () => {
    let time = 0;
    const { engine, children, crashes } = supervised({ maxCrashes: 2, now: () => time });
    engine.start();
    children.at(-1)?.crash(1);
    time += 120_000;
    children.at(-1)?.crash(1);
    expect(crashes.map((crash) => crash.restarted)).toEqual([true, true]);
  });

  it('ends the process on purpose without calling it a crash', async () => {
    const { engine, children, crashes } = supervised();
    engine.start();
    (children[0] as FakeChild).held = true;
    const inFlight = engine.listTemplates();
    engine.stop();
    await expect(inFlight).rejects.toThrow(/closing/);
    expect(children[0]?.killed).toBe(true);
    expect(crashes).toEqual([]);
    expect(children).toHaveLength(1);
  });

  it('refuses calls before it starts', async () => {
    const { engine } = supervised();
    await expect(engine.listTemplates()).rejects.toThrow(/not running/);
  });

  it('forwards progress to its listeners', () => {
    const { engine } = supervised();
    let report: ((progress: { task: string; fraction: number | undefined }) => void) | undefined;
    operations.onProgress = (listener) => {
      report = listener;
      return () => undefined;
    };
    engine.start();
    const seen: unknown[] = [];
    engine.onProgress((progress) => seen.push(progress));
    report?.({ task: 'Exporting', fraction: 0.5 });
    expect(seen).toEqual([{ task: 'Exporting', fraction: 0.5 }]);
  });
});
