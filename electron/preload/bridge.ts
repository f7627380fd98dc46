/**
 * The objects the preload hands to the page: the Host over IPC, one channel per method, and the
 * desktop shell's events. They hold no `ipcRenderer`, only functions that call it, so the page can
 * never send on a channel of its choosing.
 */
import type { DesignReport, DesktopShell, RecoveredDesign } from '../../engine/core/host/desktop-shell.ts';
import type { Host, HostProgress } from '../../engine/core/host/host-api.ts';
import type { HostOperationName } from '../../engine/core/host/web-protocol.ts';
import {
  COMMAND_CHANNEL,
  HOST_OPERATION_NAMES,
  OPEN_PATH_CHANNEL,
  operationChannel,
  PROGRESS_CHANNEL,
  RECOVER_CHANNEL,
  REPORT_DESIGN_CHANNEL,
  type IpcReply,
} from '../bridge/channels.ts';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

function isReply(value: unknown): value is IpcReply {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Subscribes to one channel's first argument; returns the unsubscribe function. */
function subscribe<T>(ipc: IpcRendererPort, channel: string, listener: (value: T) => void): () => void {
  const onMessage = (_event: unknown, value: unknown): void => listener(value as T);
  ipc.on(channel, onMessage);
  return () => ipc.removeListener(channel, onMessage);
}

export function createHostBridge(ipc: IpcRendererPort): Host {
  const call =
    (name: HostOperationName) =>
    async (...args: unknown[]): Promise<unknown> => {
      const reply = await ipc.invoke(operationChannel(name), args);
      if (!isReply(reply)) throw new Error(`the desktop host sent no answer to ${name}`);
      if (!reply.ok) throw new Error(reply.message);
      return reply.value;
    };
  const operations = Object.fromEntries(HOST_OPERATION_NAMES.map((name) => [name, call(name)])) as Pick<
    Host,
    HostOperationName
  >;
  return {
    kind: 'electron',
    nativeDialogs: true,
    ...operations,
    onProgress: (listener: (progress: HostProgress) => void) => subscribe(ipc, PROGRESS_CHANNEL, listener),
  };
}

/**
 * Holds what arrives before the page listens (a file named on the command line reaches a page that
 * is still loading) and hands it to the first listener.
 */
function bufferedSubscription<T>(ipc: IpcRendererPort, channel: string) {
  const early: T[] = [];
  const listeners = new Set<(value: T) => void>();
  ipc.on(channel, (_event, value) => {
    if (listeners.size === 0) early.push(value as T);
    for (const listener of listeners) listener(value as T);
  });
  return (listener: (value: T) => void): (() => void) => {
    listeners.add(listener);
    for (const value of early.splice(0)) listener(value);
    return () => listeners.delete(listener);
  };
}

export function createShellBridge(ipc: IpcRendererPort): DesktopShell {
  const onOpenPath = bufferedSubscription<string>(ipc, OPEN_PATH_CHANNEL);
  const onRecover = bufferedSubscription<RecoveredDesign>(ipc, RECOVER_CHANNEL);
  return {
    onCommand: (listener) => subscribe(ipc, COMMAND_CHANNEL, listener),
    onOpenPath,
    onRecover,
    reportDesign: (report: DesignReport) => ipc.send(REPORT_DESIGN_CHANNEL, report),
  };
}

/** The paths of the files in a drop; files that are not on disk (a dragged image from a web page) have none. */
export function droppedPaths(files: Iterable<File>, pathOf: (file: File) => string): readonly string[] {
  const paths: string[] = [];
  for (const file of files) {
    const path = pathOf(file);
    if (path !== '') paths.push(path);
  }
  return paths;
}
