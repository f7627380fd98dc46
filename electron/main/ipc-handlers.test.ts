import { describe, expect, it } from 'vitest';
import { emptyGraphDocument } from '../../engine/core/document/graph-document.ts';
import type { DesignReport } from '../../engine/core/host/desktop-shell.ts';
import type { HostOperations } from '../../engine/core/host/web-protocol.ts';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import {
  DROPPED_FILES_CHANNEL,
  HOST_OPERATION_NAMES,
  operationChannel,
  REPORT_DESIGN_CHANNEL,
  type IpcReply,
} from '../bridge/channels.ts';
import {
  registerHostOperations,
  registerShellMessages,
  type IpcMainPort,
  type IpcMessageEvent,
} from './ipc-handlers.ts';

/** ipcMain as the handlers see it: `invoke` and `send` play the preload. */
class FakeIpcMain implements IpcMainPort {
  private readonly handlers = new Map<string, (event: IpcMessageEvent, ...args: unknown[]) => Promise<IpcReply>>();
  private readonly listeners = new Map<string, (event: IpcMessageEvent, ...args: unknown[]) => void>();

  handle(channel: string, handler: (event: IpcMessageEvent, ...args: unknown[]) => Promise<IpcReply>): void {
    this.handlers.set(channel, handler);
  }
  on(channel: string, listener: (event: IpcMessageEvent, ...args: unknown[]) => void): void {
    this.listeners.set(channel, listener);
  }
  get channels(): string[] {
    return [...this.handlers.keys()];
  }
  invoke(channel: string, event: IpcMessageEvent, args: unknown): Promise<IpcReply> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`nothing handles ${channel}`);
    return handler(event, args);
  }
  send(channel: string, event: IpcMessageEvent, value: unknown): void {
    this.listeners.get(channel)?.(event, value);
  }
}

const trusted: IpcMessageEvent = {
  sender: { id: 1 },
  senderFrame: { url: 'netwright://app/index.html', parent: null },
};
const stranger: IpcMessageEvent = { sender: { id: 2 }, senderFrame: { url: 'https://example.com/', parent: null } };
const isTrusted = (event: IpcMessageEvent): boolean => event === trusted;

/** Operations that record their calls; `openDesign` fails the way the engine does. */
function recordingOperations() {
  const calls: unknown[][] = [];
  const record =
    (name: string, value: unknown = null) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return Promise.resolve(value);
    };
  const operations = {
    onProgress: () => () => undefined,
    listTemplates: record('listTemplates', [{ id: 'lenet-5' }]),
    openTemplate: record('openTemplate'),
    listRoots: record('listRoots', []),
    listFolder: record('listFolder', []),
    recentFiles: record('recentFiles', []),
    openDesign: (...args: unknown[]) => {
      calls.push(['openDesign', ...args]);
      return Promise.reject(new UserError('missing.json: no such file or folder'));
    },
    saveDesign: record('saveDesign', '/w/a.json'),
    exportOnnx: record('exportOnnx'),
    listProviders: () => Promise.reject(new TypeError('x is not a function')),
    runInference: record('runInference'),
    cancelRun: record('cancelRun'),
  };
  return { operations: operations as unknown as HostOperations, calls };
}

describe('registerHostOperations', () => {
  it('handles every Host operation on its own channel', () => {
    const ipc = new FakeIpcMain();
    registerHostOperations(ipc, recordingOperations().operations, isTrusted);
    expect(ipc.channels.sort()).toEqual(HOST_OPERATION_NAMES.map(operationChannel).sort());
  });

  it('calls the operation with checked arguments and returns its value', async () => {
    const ipc = new FakeIpcMain();
    const { operations, calls } = recordingOperations();
    registerHostOperations(ipc, operations, isTrusted);
    expect(await ipc.invoke(operationChannel('listTemplates'), trusted, [])).toEqual({
      ok: true,
      value: [{ id: 'lenet-5' }],
    });
    const document = emptyGraphDocument('Mine');
    expect(await ipc.invoke(operationChannel('saveDesign'), trusted, ['h1', document])).toEqual({
      ok: true,
      value: '/w/a.json',
    });
    expect(calls).toEqual([['listTemplates'], ['saveDesign', 'h1', document, undefined]]);
  });

  it('accepts an omitted optional argument as the bridge sends it', async () => {
    const ipc = new FakeIpcMain();
    const { operations, calls } = recordingOperations();
    registerHostOperations(ipc, operations, isTrusted);
    await ipc.invoke(operationChannel('openDesign'), trusted, []);
    expect(calls).toEqual([['openDesign', undefined]]);
  });

  it('refuses a message from anything but our window, before looking at it', async () => {
    const ipc = new FakeIpcMain();
    const { operations, calls } = recordingOperations();
    registerHostOperations(ipc, operations, isTrusted);
    expect(await ipc.invoke(operationChannel('listTemplates'), stranger, [])).toEqual({
      ok: false,
      message: expect.stringMatching(/did not come from the Netwright window/) as unknown,
    });
    expect(calls).toEqual([]);
  });

  it('refuses payloads that do not match the schema, naming the problem', async () => {
    const ipc = new FakeIpcMain();
    const { operations, calls } = recordingOperations();
    registerHostOperations(ipc, operations, isTrusted);
    for (const [name, args] of [
      ['listFolder', [42]],
      ['listFolder', 'not an array'],
      ['saveDesign', ['h1', { format: 'something else' }]],
      [
        'runInference',
        [
          {
            runId: 'r',
            handle: 'h',
            document: emptyGraphDocument(),
            input: { kind: 'random', seed: 1 },
            provider: 'tpu',
            repeat: 1,
          },
        ],
      ],
      ['cancelRun', ['r1', 'extra']],
    ] as const) {
      const reply = await ipc.invoke(operationChannel(name), trusted, args);
      expect(reply, name).toMatchObject({
        ok: false,
        message: expect.stringMatching(new RegExp(`^invalid arguments for ${name}`)) as unknown,
      });
    }
    expect(calls).toEqual([]);
  });

  it("passes a user error's message as it is and marks an internal one", async () => {
    const ipc = new FakeIpcMain();
    registerHostOperations(ipc, recordingOperations().operations, isTrusted);
    expect(await ipc.invoke(operationChannel('openDesign'), trusted, ['/w/missing.json'])).toEqual({
      ok: false,
      message: 'missing.json: no such file or folder',
    });
    expect(await ipc.invoke(operationChannel('listProviders'), trusted, [])).toEqual({
      ok: false,
      message: 'internal error: x is not a function',
    });
  });
});

describe('registerShellMessages', () => {
  function shell() {
    const ipc = new FakeIpcMain();
    const reports: DesignReport[] = [];
    const drops: (readonly string[])[] = [];
    const rejected: string[] = [];
    registerShellMessages(
      ipc,
      {
        onDesignReport: (report) => reports.push(report),
        onDroppedFiles: (paths) => drops.push(paths),
        onRejected: (channel, reason) => rejected.push(`${channel}: ${reason}`),
      },
      isTrusted,
    );
    return { ipc, reports, drops, rejected };
  }

  it('delivers checked design reports and drops', () => {
    const { ipc, reports, drops, rejected } = shell();
    const report = { dirty: true, path: '/w/a.json', document: emptyGraphDocument('A') };
    ipc.send(REPORT_DESIGN_CHANNEL, trusted, report);
    ipc.send(DROPPED_FILES_CHANNEL, trusted, ['/w/b.onnx']);
    expect(reports).toEqual([report]);
    expect(drops).toEqual([['/w/b.onnx']]);
    expect(rejected).toEqual([]);
  });

  it('drops what fails the checks, and says why', () => {
    const { ipc, reports, drops, rejected } = shell();
    ipc.send(REPORT_DESIGN_CHANNEL, stranger, { dirty: false, path: null, document: emptyGraphDocument() });
    ipc.send(REPORT_DESIGN_CHANNEL, trusted, { dirty: 'yes', path: null, document: emptyGraphDocument() });
    ipc.send(REPORT_DESIGN_CHANNEL, trusted, { dirty: true, path: null, document: { nodes: 'all of them' } });
    ipc.send(REPORT_DESIGN_CHANNEL, trusted, { dirty: true, path: null, document: emptyGraphDocument(), extra: 1 });
    ipc.send(DROPPED_FILES_CHANNEL, trusted, []);
    ipc.send(DROPPED_FILES_CHANNEL, trusted, [42]);
    expect(reports).toEqual([]);
    expect(drops).toEqual([]);
    expect(rejected).toHaveLength(6);
    expect(rejected[0]).toMatch(/^netwright:shell:report-design: refused/);
  });
});
