import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyGraphDocument } from '../../engine/core/document/graph-document.ts';
import { AutosaveStore, Autosaver, type AutosaveFiles } from './autosave-store.ts';

/** Files in a Map; `slowWrites` makes each write finish only when the test says. */
class MemoryFiles implements AutosaveFiles {
  readonly files = new Map<string, string>();
  slowWrites = false;
  private readonly pendingWrites: (() => void)[] = [];

  read(path: string): Promise<string | undefined> {
    return Promise.resolve(this.files.get(path));
  }
  write(path: string, text: string): Promise<void> {
    if (!this.slowWrites) {
      this.files.set(path, text);
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.pendingWrites.push(() => {
        this.files.set(path, text);
        resolve();
      }),
    );
  }
  remove(path: string): Promise<void> {
    this.files.delete(path);
    return Promise.resolve();
  }
  finishWrites(): void {
    for (const finish of this.pendingWrites.splice(0)) finish();
  }
}

const dataFolder = join('/home', 'ada', '.config', 'Netwright');
const savedAt = new Date('2026-03-01T10:00:00.000Z');
const report = (dirty: boolean, name = 'LeNet-5', path: string | null = '/w/lenet.json') => ({
  dirty,
  path,
  document: emptyGraphDocument(name),
});

describe('AutosaveStore', () => {
  it("keeps the work in the app's data folder and gives it back", async () => {
    const files = new MemoryFiles();
    const store = new AutosaveStore(files, dataFolder, () => savedAt);
    expect(store.file).toBe(join(dataFolder, 'autosave', 'design.json'));
    expect(await store.load()).toBeUndefined();
    await store.save(report(true));
    expect(await new AutosaveStore(files, dataFolder).load()).toEqual({
      document: emptyGraphDocument('LeNet-5'),
      path: '/w/lenet.json',
      savedAt: savedAt.toISOString(),
    });
    await store.clear();
    expect(files.files.size).toBe(0);
  });

  it('drops a file it cannot read back instead of offering garbage', async () => {
    for (const text of [
      '{"format":"netwright-autosave"',
      '{"format":"other"}',
      JSON.stringify({
        format: 'netwright-autosave',
        version: 1,
        savedAt: savedAt.toISOString(),
        path: null,
        document: { nodes: 3 },
      }),
    ]) {
      const files = new MemoryFiles();
      const store = new AutosaveStore(files, dataFolder);
      files.files.set(store.file, text);
      expect(await store.load(), text).toBeUndefined();
      expect(files.files.has(store.file)).toBe(false);
    }
  });

  it('never lets a write that finishes late bring back a cleared file', async () => {
    const files = new MemoryFiles();
    const store = new AutosaveStore(files, dataFolder);
    files.slowWrites = true;
    const writing = store.save(report(true));
    const clearing = store.clear();
    await new Promise((resolve) => setTimeout(resolve, 0));
    files.finishWrites();
    await Promise.all([writing, clearing]);
    expect(files.files.has(store.file)).toBe(false);
  });
});

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes a dirty design once the edits pause, not on every keystroke', async () => {
    const files = new MemoryFiles();
    const store = new AutosaveStore(files, dataFolder);
    const autosaver = new Autosaver(store, (error) => expect.fail(error.message), 2_000);
    autosaver.record(report(true, 'v1'));
    await vi.advanceTimersByTimeAsync(1_500);
    autosaver.record(report(true, 'v2'));
    await vi.advanceTimersByTimeAsync(1_500);
    expect(files.files.size).toBe(0);
    await vi.advanceTimersByTimeAsync(600);
    expect((await store.load())?.document.name).toBe('v2');
  });

  it('clears the file as soon as the design is clean', async () => {
    const files = new MemoryFiles();
    const store = new AutosaveStore(files, dataFolder);
    const autosaver = new Autosaver(store, (error) => expect.fail(error.message), 2_000);
    autosaver.record(report(true));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(files.files.size).toBe(1);
    autosaver.record(report(true, 'edited again'));
    autosaver.record(report(false));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(files.files.size).toBe(0);
  });

  it('writes what is pending at once when flushed, and nothing after a discard', async () => {
    const files = new MemoryFiles();
    const store = new AutosaveStore(files, dataFolder);
    const autosaver = new Autosaver(store, (error) => expect.fail(error.message), 2_000);
    autosaver.record(report(true, 'pending'));
    await autosaver.flush();
    expect((await store.load())?.document.name).toBe('pending');
    autosaver.record(report(true, 'thrown away'));
    await autosaver.discard();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(files.files.size).toBe(0);
  });

  it('reports a failed write instead of throwing it', async () => {
    const store = new AutosaveStore(
      {
        read: () => Promise.resolve(undefined),
        write: () => Promise.reject(new Error('disk full')),
        remove: () => Promise.resolve(),
      },
      dataFolder,
    );
    const errors: string[] = [];
    const autosaver = new Autosaver(store, (error) => errors.push(error.message), 10);
    autosaver.record(report(true));
    await vi.advanceTimersByTimeAsync(10);
    expect(errors).toEqual(['disk full']);
  });
});
