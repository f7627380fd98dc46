import { describe, expect, it } from 'vitest';
import { emptyGraphDocument } from '../../engine/core/document/graph-document.ts';
import {
  COMMAND_CHANNEL,
  HOST_OPERATION_NAMES,
  OPEN_PATH_CHANNEL,
  PROGRESS_CHANNEL,
  RECOVER_CHANNEL,
  REPORT_DESIGN_CHANNEL,
} from '../bridge/channels.ts';
import { createHostBridge, createShellBridge, droppedPaths, type IpcRendererPort } from './bridge.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer as the bridge sees it: invoke answers from a table, `emit` plays the main process. */
class FakeIpc implements IpcRendererPort {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null }),
  ) {}

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.answer(channel, args));
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  on(channel: string, listener: Listener): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.get(channel)?.delete(listener);
  }
  emit(channel: string, value: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({}, value);
  }
}

describe('createHostBridge', () => {
  it('is an Electron host with native dialogs and one method per Host operation', () => {
    const host = createHostBridge(new FakeIpc());
    expect(host.kind).toBe('electron');
    expect(host.nativeDialogs).toBe(true);
    for (const name of HOST_OPERATION_NAMES) expect(typeof host[name], name).toBe('function');
  });

  it("sends each call's arguments on the operation's own channel and returns the value", async () => {
    const ipc = new FakeIpc((channel) => ({
      ok: true,
      value: channel === 'netwright:host:recentFiles' ? ['/a.json'] : null,
    }));
    const host = createHostBridge(ipc);
    expect(await host.recentFiles()).toEqual(['/a.json']);
    const document = emptyGraphDocument('Mine');
    await host.saveDesign('h1', document, '/w/mine.json');
    await host.openDesign();
    expect(ipc.invoked).toEqual([
      { channel: 'netwright:host:recentFiles', args: [[]] },
      { channel: 'netwright:host:saveDesign', args: [['h1', document, '/w/mine.json']] },
      { channel: 'netwright:host:openDesign', args: [[]] },
    ]);
  });

  it("rejects with the main process's own message", async () => {
    const host = createHostBridge(new FakeIpc(() => ({ ok: false, message: 'lenet.json: no such file or folder' })));
    await expect(host.openDesign('/w/lenet.json')).rejects.toThrow(/^lenet.json: no such file or folder$/);
    const silent = createHostBridge(new FakeIpc(() => undefined));
    await expect(silent.listTemplates()).rejects.toThrow(/no answer to listTemplates/);
  });

  it('delivers progress until unsubscribed', () => {
    const ipc = new FakeIpc();
    const host = createHostBridge(ipc);
    const seen: unknown[] = [];
    const unsubscribe = host.onProgress((progress) => seen.push(progress));
    ipc.emit(PROGRESS_CHANNEL, { task: 'Exporting', fraction: 0.5 });
    unsubscribe();
    ipc.emit(PROGRESS_CHANNEL, { task: 'Exporting', fraction: 1 });
    expect(seen).toEqual([{ task: 'Exporting', fraction: 0.5 }]);
  });
});

describe('createShellBridge', () => {
  it('passes menu commands to the listener', () => {
    const ipc = new FakeIpc();
    const shell = createShellBridge(ipc);
    const commands: string[] = [];
    const unsubscribe = shell.onCommand((id) => commands.push(id));
    ipc.emit(COMMAND_CHANNEL, 'file.save');
    unsubscribe();
    ipc.emit(COMMAND_CHANNEL, 'file.open');
    expect(commands).toEqual(['file.save']);
  });

  it('keeps files to open and recovered work that arrive before the page listens', () => {
    const ipc = new FakeIpc();
    const shell = createShellBridge(ipc);
    ipc.emit(OPEN_PATH_CHANNEL, '/w/lenet.json');
    const recovered = { document: emptyGraphDocument(), path: null, savedAt: '2026-01-01T00:00:00.000Z' };
    ipc.emit(RECOVER_CHANNEL, recovered);
    const opened: string[] = [];
    shell.onOpenPath((path) => opened.push(path));
    ipc.emit(OPEN_PATH_CHANNEL, '/w/vgg.json');
    expect(opened).toEqual(['/w/lenet.json', '/w/vgg.json']);
    const recoveries: unknown[] = [];
    shell.onRecover((design) => recoveries.push(design));
    expect(recoveries).toEqual([recovered]);
  });

  it('reports the design to the main process', () => {
    const ipc = new FakeIpc();
    const report = { dirty: true, path: null, document: emptyGraphDocument() };
    createShellBridge(ipc).reportDesign(report);
    expect(ipc.sent).toEqual([{ channel: REPORT_DESIGN_CHANNEL, args: [report] }]);
  });
});

describe('droppedPaths', () => {
  it('keeps the files that are on disk', () => {
    const onDisk = new File(['{}'], 'lenet.json');
    const fromWeb = new File(['x'], 'photo.png');
    expect(droppedPaths([onDisk, fromWeb], (file) => (file === onDisk ? '/w/lenet.json' : ''))).toEqual([
      '/w/lenet.json',
    ]);
  });
});
