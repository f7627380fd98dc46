import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeGraphDocument, emptyGraphDocument } from '../../engine/core/document/graph-document.ts';
import type { HostProgress } from '../../engine/core/host/host-api.ts';
import type { HostOperations } from '../../engine/core/host/web-protocol.ts';
import { FolderGuard } from '../../engine/node/host/folder-guard.ts';
import { EngineHost } from '../../engine/node/host/host-operations.ts';
import { RecentFiles } from '../../engine/node/host/recent-files.ts';
import type { EngineMessage } from './engine-protocol.ts';
import { serveEngine, type ParentPortLike } from './engine-worker.ts';

/** process.parentPort as the worker sees it; `call` plays the main process. */
function fakePort() {
  let onMessage: ((message: { data: unknown }) => void) | undefined;
  const posted: EngineMessage[] = [];
  const waiting = new Map<number, (message: EngineMessage) => void>();
  const port: ParentPortLike = {
    on: (_event, listener) => void (onMessage = listener),
    postMessage(message) {
      const copy = structuredClone(message);
      posted.push(copy);
      if (copy.type === 'result') waiting.get(copy.id)?.(copy);
    },
  };
  let id = 0;
  const call = (operation: string, args: unknown[]): Promise<EngineMessage> =>
    new Promise((resolve) => {
      const callId = ++id;
      waiting.set(callId, resolve);
      onMessage?.({ data: structuredClone({ type: 'call', id: callId, operation, args }) });
    });
  return { port, posted, call, send: (data: unknown) => onMessage?.({ data }) };
}

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'netwright-worker-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function engine(): Promise<EngineHost> {
  return new EngineHost({ guard: await FolderGuard.create([folder]), recent: await RecentFiles.load(undefined) });
}

describe('serveEngine', () => {
  it("answers calls with the engine's operations", async () => {
    const fake = fakePort();
    serveEngine(fake.port, await engine());
    const path = join(folder, 'mine.json');
    await writeFile(path, serializeGraphDocument(emptyGraphDocument('Mine')));
    const opened = await fake.call('openDesign', [path]);
    expect(opened).toMatchObject({
      type: 'result',
      ok: true,
      value: { document: { name: 'Mine' }, hasWeights: false },
    });
    const templates = await fake.call('listTemplates', []);
    expect(templates).toMatchObject({ type: 'result', ok: true });
    expect((templates as { value: { id: string }[] }).value.map((t) => t.id)).toContain('lenet-5');
  });

  it("marks the user's errors so the main process passes their message on as it is", async () => {
    const fake = fakePort();
    serveEngine(fake.port, await engine());
    expect(await fake.call('openDesign', [join(folder, 'missing.json')])).toMatchObject({
      ok: false,
      userError: true,
      message: expect.stringMatching(/no such file/) as unknown,
    });
  });

  it('reports an internal failure as one', async () => {
    const fake = fakePort();
    const broken = { ...(await engine()), onProgress: () => () => undefined } as unknown as HostOperations;
    broken.listTemplates = () => Promise.reject(new TypeError('cannot read properties of undefined'));
    serveEngine(fake.port, broken);
    expect(await fake.call('listTemplates', [])).toMatchObject({
      ok: false,
      userError: false,
      message: 'cannot read properties of undefined',
    });
    expect(await fake.call('noSuchOperation', [])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no operation/) as unknown,
    });
  });

  it('ends a call whose answer cannot be copied, instead of leaving it waiting', async () => {
    const fake = fakePort();
    const operations = await engine();
    operations.listRoots = () => Promise.resolve([(() => undefined) as unknown as string]);
    serveEngine(fake.port, operations);
    expect(await fake.call('listRoots', [])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/could not be sent/) as unknown,
    });
  });

  it('forwards progress and ignores messages that are not calls', async () => {
    const fake = fakePort();
    let report: ((progress: HostProgress) => void) | undefined;
    const operations = await engine();
    operations.onProgress = (listener) => {
      report = listener;
      return () => undefined;
    };
    serveEngine(fake.port, operations);
    fake.send('hello');
    fake.send({ type: 'call', id: 'x' });
    report?.({ task: 'Exporting lenet.onnx', fraction: 0.25 });
    expect(fake.posted).toEqual([{ type: 'progress', progress: { task: 'Exporting lenet.onnx', fraction: 0.25 } }]);
  });
});
