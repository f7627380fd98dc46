import { mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyGraphDocument } from '../../engine/core/index.ts';
import type { Host, HostProgress } from '../../engine/core/host/host-api.ts';
import type { HostOperations } from '../../engine/core/host/web-protocol.ts';
import { FolderGuard } from '../../engine/node/host/folder-guard.ts';
import { EngineHost } from '../../engine/node/host/host-operations.ts';
import { RecentFiles } from '../../engine/node/host/recent-files.ts';
import { startWebHost, type RunningWebHost } from '../../engine/node/host/web-server.ts';
import { hostForPage } from './get-host.ts';
import { createWebHost, takeSessionToken } from './web-host.ts';

let root: string;
let server: RunningWebHost;
let host: Host;
const progressListeners = new Set<(progress: HostProgress) => void>();

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'netwright-web-host-')));
  const engine = new EngineHost({ guard: await FolderGuard.create([root]), recent: await RecentFiles.load(undefined) });
  // The engine reports progress only during export, import and runs; this one lets the test report it.
  const operations: HostOperations = Object.assign(Object.create(engine) as EngineHost, {
    onProgress(listener: (progress: HostProgress) => void) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
  });
  server = await startWebHost({ operations, staticDir: root, host: '127.0.0.1', port: 0 });
  host = createWebHost({ token: server.token, origin: server.origin });
});

afterAll(() => server.close());

function fakePage(href: string, stored?: string) {
  const storage = new Map<string, string>(stored ? [['netwright.token', stored]] : []);
  const page = {
    location: { href },
    history: {
      state: null,
      replaceState(_state: unknown, _title: string, url: string) {
        page.location.href = new URL(url, page.location.href).href;
      },
    },
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    },
  };
  return { page: page as unknown as Window, storage };
}

describe('takeSessionToken', () => {
  it('takes the token from the URL, keeps it for reloads and strips it from the address bar', () => {
    const { page, storage } = fakePage('http://127.0.0.1:5000/?token=abc&x=1#top');
    expect(takeSessionToken(page)).toBe('abc');
    expect(page.location.href).toBe('http://127.0.0.1:5000/?x=1#top');
    expect(storage.get('netwright.token')).toBe('abc');
    expect(takeSessionToken(page)).toBe('abc');
  });

  it('has none for a page opened without it', () => {
    expect(takeSessionToken(fakePage('http://127.0.0.1:5000/').page)).toBeUndefined();
  });
});

describe('hostForPage', () => {
  it('prefers the Electron bridge and falls back to the web host', () => {
    const bridge = { kind: 'electron' } as Host;
    expect(hostForPage(Object.assign(fakePage('http://x/').page, { netwright: bridge }))).toBe(bridge);
    expect(hostForPage(fakePage('http://x/?token=t').page).kind).toBe('web');
  });
});

describe('the web host', () => {
  it('carries operations, with omitted arguments, to the engine and back', async () => {
    expect(await host.listRoots()).toEqual([root]);
    const document = emptyGraphDocument('Round trip');
    const path = await host.saveDesign('new', document, 'round-trip.json');
    expect(path).toBe(join(root, 'round-trip.json'));
    const opened = await host.openDesign(path);
    expect(opened).toMatchObject({ path, document, hasWeights: false });
    expect(await host.saveDesign(opened?.handle ?? '', { ...document, name: 'Again' })).toBe(path);
    expect(await host.listFolder(root)).toEqual([{ name: 'round-trip.json', path, kind: 'graph' }]);
  });

  it('rejects with the server’s one-line message', async () => {
    await expect(host.listFolder('/etc')).rejects.toThrow(/^\/etc is outside the folders this session may use/);
    await expect(createWebHost({ token: 'wrong', origin: server.origin }).listRoots()).rejects.toThrow(/token/);
    await expect(createWebHost({ token: undefined, origin: server.origin }).listRoots()).rejects.toThrow(
      /no session token/,
    );
  });

  it('says so when the server is gone', async () => {
    const gone = createWebHost({ token: 't', origin: 'http://127.0.0.1:1' });
    await expect(gone.listRoots()).rejects.toThrow(/Cannot reach the Netwright server/);
  });

  it('delivers progress events to listeners until they unsubscribe, over one lasting stream', async () => {
    const emit = (progress: HostProgress) => progressListeners.forEach((listener) => listener(progress));
    const first: HostProgress[] = [];
    const unsubscribe = host.onProgress((progress) => first.push(progress));
    await expect.poll(() => progressListeners.size).toBe(1);
    emit({ task: 'Exporting', fraction: 0.5 });
    emit({ task: 'Exporting', fraction: undefined });
    await expect.poll(() => first.length).toBe(2);
    expect(first).toEqual([{ task: 'Exporting', fraction: 0.5 }, { task: 'Exporting' }]);
    unsubscribe();
    const second: HostProgress[] = [];
    host.onProgress((progress) => second.push(progress));
    emit({ task: 'Running', fraction: 1 });
    await expect.poll(() => second.length).toBe(1);
    expect(first).toHaveLength(2);
    expect(progressListeners.size).toBe(1);
  });

  it('stops sending progress to a page that went away', async () => {
    const before = progressListeners.size;
    const page = new AbortController();
    const response = await fetch(`${server.origin}/api/events`, {
      headers: { 'x-netwright-token': server.token },
      signal: page.signal,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await expect.poll(() => progressListeners.size).toBe(before + 1);
    page.abort();
    await expect.poll(() => progressListeners.size).toBe(before);
  });
});
