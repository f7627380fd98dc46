/**
 * main.ts wired to a stand-in for Electron (there may be no Electron binary to run it against):
 * the test checks that the pieces meet as they should. The stand-in records what the main process
 * asks of Electron and lets the test play the page, the user and a crashing utility process; the
 * utility process is the real engine, served in memory.
 */
import { copyFile, mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FolderGuard } from '../../engine/node/host/folder-guard.ts';
import { EngineHost } from '../../engine/node/host/host-operations.ts';
import { RecentFiles } from '../../engine/node/host/recent-files.ts';
import { emptyGraphDocument } from '../../engine/core/document/graph-document.ts';
import {
  COMMAND_CHANNEL,
  HOST_OPERATION_NAMES,
  OPEN_PATH_CHANNEL,
  operationChannel,
  RECOVER_CHANNEL,
  REPORT_DESIGN_CHANNEL,
  type IpcReply,
} from '../bridge/channels.ts';
import type { EngineMessage } from '../utility/engine-protocol.ts';
import { serveEngine } from '../utility/engine-worker.ts';
import type { IpcMessageEvent } from './ipc-handlers.ts';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }

  const state = {
    paths: {} as Record<string, string>,
    appEvents: new Emitter(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    handlers: new Map<string, Listener>(),
    listeners: new Map<string, Listener>(),
    windows: [] as FakeWindow[],
    sent: [] as [string, unknown][],
    messageBoxes: [] as { message: string; type?: string }[],
    messageBoxAnswer: 2,
    menu: undefined as unknown,
    recentDocuments: [] as string[],
    forks: 0,
    children: [] as FakeUtility[],
    engine: undefined as (() => EngineHostLike) | undefined,
  };

  interface EngineHostLike {
    onProgress(listener: (progress: unknown) => void): () => void;
  }

  class FakeUtility extends Emitter {
    toWorker: ((message: { data: unknown }) => void) | undefined;
    constructor() {
      super();
      state.children.push(this);
    }
    postMessage(message: unknown): void {
      this.toWorker?.({ data: structuredClone(message) });
    }
    kill(): boolean {
      this.emit('exit', 0);
      return true;
    }
  }

  class FakeWindow extends Emitter {
    static nextId = 1;
    readonly options: unknown;
    loaded: string | undefined;
    destroyed = false;
    readonly webContents = Object.assign(new Emitter(), {
      id: FakeWindow.nextId++,
      send: (channel: string, value: unknown) => void state.sent.push([channel, value]),
      setWindowOpenHandler: () => undefined,
      getURL: () => 'netwright://app/index.html',
    });
    constructor(options: unknown) {
      super();
      this.options = options;
      state.windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loaded = url;
      return Promise.resolve();
    }
    close(): void {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroyed = true;
      this.emit('closed');
    }
    isMinimized = () => false;
    restore = () => undefined;
    focus = () => undefined;
    show = () => undefined;
    reload = () => undefined;
    setDocumentEdited = () => undefined;
    setRepresentedFilename = () => undefined;
  }

  const module = {
    app: Object.assign(state.appEvents, {
      setName: () => undefined,
      getName: () => 'Netwright',
      setPath: (name: string, path: string) => void (state.paths[name] = path),
      getPath: (name: string) => state.paths[name] ?? `/nonexistent/${name}`,
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      isPackaged: false,
      quit: () => undefined,
      exit: () => undefined,
      addRecentDocument: (path: string) => void state.recentDocuments.push(path),
    }),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        void state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => void state.handlers.set(channel, handler),
      on: (channel: string, listener: Listener) => void state.listeners.set(channel, listener),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => void (state.menu = menu),
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showMessageBox: (...args: unknown[]) => {
        state.messageBoxes.push(args.at(-1) as { message: string; type?: string });
        return Promise.resolve({ response: state.messageBoxAnswer, checkboxChecked: false });
      },
      showErrorBox: (title: string) => {
        throw new Error(`main.ts failed to start: ${title}`);
      },
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
    shell: { openExternal: () => Promise.resolve() },
    utilityProcess: {
      fork: () => {
        state.forks++;
        return new FakeUtility();
      },
    },
  };
  return { state, module, FakeUtility };
});

vi.mock('electron', () => electron.module);

const { state } = electron;
let design: string;

/** A real engine for each forked stand-in utility process, as utility-main.ts makes one. */
async function engineFor(folder: string): Promise<() => EngineHost> {
  const guard = await FolderGuard.create([folder]);
  const recent = await RecentFiles.load(undefined);
  return () => new EngineHost({ guard, recent });
}

function trustedEvent(): IpcMessageEvent {
  return {
    sender: { id: state.windows[0]?.webContents.id ?? -1 },
    senderFrame: { url: 'netwright://app/index.html', parent: null },
  };
}

function invoke(
  name: (typeof HOST_OPERATION_NAMES)[number],
  args: unknown[],
  event = trustedEvent(),
): Promise<IpcReply> {
  const handler = state.handlers.get(operationChannel(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, args) as Promise<IpcReply>;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  const folder = await realpath(await mkdtemp(join(tmpdir(), 'netwright-main-')));
  design = join(folder, 'lenet-5.json');
  await copyFile(fileURLToPath(new URL('../../templates/lenet-5.json', import.meta.url)), design);
  state.paths['userData'] = join(folder, 'user-data');
  state.paths['documents'] = folder;
  const makeEngine = await engineFor(folder);
  const originalFork = electron.module.utilityProcess.fork;
  electron.module.utilityProcess.fork = () => {
    const child = originalFork();
    serveEngine(
      {
        on: (_event, listener) => void (child.toWorker = listener),
        postMessage: (message: EngineMessage) => child.emit('message', structuredClone(message)),
      },
      makeEngine(),
    );
    return child;
  };
  // What a session that crashed with unsaved changes left behind.
  await mkdir(join(folder, 'user-data', 'autosave'), { recursive: true });
  const snapshot = {
    format: 'netwright-autosave',
    version: 1,
    savedAt: '2026-03-01T10:00:00.000Z',
    path: null,
    document: emptyGraphDocument('Recovered'),
  };
  await writeFile(join(folder, 'user-data', 'autosave', 'design.json'), JSON.stringify(snapshot));
  state.messageBoxAnswer = 0;
  const argv = process.argv;
  process.argv = ['/opt/Netwright/netwright', design];
  try {
    await import('./main.ts');
  } finally {
    process.argv = argv;
  }
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
});

describe('the main process', () => {
  it('serves the app from its own privileged scheme and opens one locked-down window on it', () => {
    expect(state.schemes).toEqual([
      { scheme: 'netwright', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(state.protocolHandlers.has('netwright')).toBe(true);
    const window = state.windows[0];
    expect(window?.loaded).toBe('netwright://app/index.html');
    expect((window?.options as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('answers a request for a file the build lacks with a clear 404', async () => {
    const response = await state.protocolHandlers.get('netwright')?.(new Request('netwright://app/missing.js'));
    expect(response?.status).toBe(404);
    expect(await response?.text()).toMatch(/missing.js is not part of the built editor/);
  });

  it('carries every Host operation to the engine, for our window only', async () => {
    expect([...state.handlers.keys()].sort()).toEqual(HOST_OPERATION_NAMES.map(operationChannel).sort());
    const templates = await invoke('listTemplates', []);
    expect(templates.ok && (templates.value as { id: string }[]).map((template) => template.id)).toContain('lenet-5');
    const stranger = { sender: { id: 999 }, senderFrame: { url: 'https://example.com/', parent: null } };
    expect(await invoke('listTemplates', [], stranger)).toMatchObject({ ok: false });
  });

  it("offers back a crashed session's unsaved work, and opens the command line's file, once the page has loaded", async () => {
    await vi.waitFor(() =>
      expect(state.messageBoxes[0]?.message).toBe('Netwright closed before your changes to “Recovered” were saved.'),
    );
    await settle();
    expect(state.sent.filter(([channel]) => channel === OPEN_PATH_CHANNEL || channel === RECOVER_CHANNEL)).toEqual([]);
    state.windows[0]?.webContents.emit('did-finish-load');
    expect(state.sent.filter(([channel]) => channel === OPEN_PATH_CHANNEL)).toEqual([[OPEN_PATH_CHANNEL, design]]);
    expect(state.sent.filter(([channel]) => channel === RECOVER_CHANNEL)).toEqual([
      [RECOVER_CHANNEL, { document: emptyGraphDocument('Recovered'), path: null, savedAt: '2026-03-01T10:00:00.000Z' }],
    ]);
    const opened = await invoke('openDesign', [design]);
    expect(opened).toMatchObject({ ok: true, value: { path: design, document: { name: 'LeNet-5' } } });
    await settle();
    expect(state.recentDocuments).toEqual([design]);
  });

  it('builds the menu, whose items send commands to the page', () => {
    const menus = state.menu as { label?: string; submenu?: { id?: string; click?: () => void }[] }[];
    expect(menus.map((menu) => menu.label).filter(Boolean)).toEqual(
      expect.arrayContaining(['File', 'Edit', 'View']) as unknown,
    );
    menus
      .find((menu) => menu.label === 'File')
      ?.submenu?.find((item) => item.id === 'file.save')
      ?.click?.();
    expect(state.sent.at(-1)).toEqual([COMMAND_CHANNEL, 'file.save']);
  });

  it('asks before closing a window with unsaved changes, and stays open on Cancel', async () => {
    const report = state.listeners.get(REPORT_DESIGN_CHANNEL);
    report?.(trustedEvent(), { dirty: true, path: design, document: emptyGraphDocument('LeNet-5') });
    state.messageBoxAnswer = 2;
    state.windows[0]?.close();
    await settle();
    expect(state.messageBoxes.at(-1)?.message).toBe('Save the changes to “LeNet-5” before closing?');
    expect(state.windows[0]?.destroyed).toBe(false);
  });

  it('tells the user when the engine crashes, restarts it, and keeps serving', async () => {
    expect(state.forks).toBe(1);
    state.children[0]?.emit('exit', 139);
    await settle();
    expect(state.messageBoxes.at(-1)).toMatchObject({
      type: 'error',
      message: 'The engine stopped unexpectedly and was restarted',
    });
    expect(state.forks).toBe(2);
    expect(await invoke('listTemplates', [])).toMatchObject({ ok: true });
  });

  it("closes once the user chooses Don't Save", async () => {
    state.messageBoxAnswer = 1;
    state.windows[0]?.close();
    await vi.waitFor(() => expect(state.windows[0]?.destroyed).toBe(true));
  });
});
