/**
 * The main process's side of the bridge. Every message is checked twice before anything acts on
 * it: it must come from our window's top frame showing our page, and its payload must match the
 * operation's zod schema, the same schemas the web host applies to HTTP bodies.
 */
import { z } from 'zod';
import { parseGraphDocument, type GraphDocument } from '../../engine/core/document/graph-document.ts';
import type { DesignReport } from '../../engine/core/host/desktop-shell.ts';
import type { HostOperations } from '../../engine/core/host/web-protocol.ts';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import { parseOperationArguments } from '../../engine/node/host/operation-arguments.ts';
import {
  DROPPED_FILES_CHANNEL,
  HOST_OPERATION_NAMES,
  operationChannel,
  REPORT_DESIGN_CHANNEL,
  type IpcReply,
} from '../bridge/channels.ts';

/** What the handlers read of Electron's IpcMainEvent and IpcMainInvokeEvent. */
export interface IpcMessageEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of Electron's ipcMain the handlers use. */
export interface IpcMainPort {
  handle(channel: string, handler: (event: IpcMessageEvent, ...args: unknown[]) => Promise<IpcReply>): void;
  on(channel: string, listener: (event: IpcMessageEvent, ...args: unknown[]) => void): void;
}

export type SenderCheck = (event: IpcMessageEvent) => boolean;

const UNTRUSTED_SENDER = 'refused: the message did not come from the Netwright window';

function failure(error: unknown): IpcReply {
  if (error instanceof UserError) return { ok: false, message: error.message };
  return { ok: false, message: `internal error: ${error instanceof Error ? error.message : String(error)}` };
}

/** One `ipcMain.handle` per Host operation. */
export function registerHostOperations(ipc: IpcMainPort, operations: HostOperations, isTrusted: SenderCheck): void {
  for (const name of HOST_OPERATION_NAMES) {
    ipc.handle(operationChannel(name), async (event, args) => {
      if (!isTrusted(event)) return { ok: false, message: UNTRUSTED_SENDER };
      const parsed = parseOperationArguments(name, args);
      if (!parsed.ok) return { ok: false, message: parsed.message };
      const checked: readonly unknown[] = parsed.args;
      try {
        const operation = operations[name] as (...values: readonly unknown[]) => Promise<unknown>;
        return { ok: true, value: await operation.apply(operations, [...checked]) };
      } catch (error) {
        return failure(error);
      }
    });
  }
}

const graphDocument = z.unknown().transform((value, context): GraphDocument => {
  const parsed = parseGraphDocument(value);
  if (parsed.ok) return parsed.document;
  context.addIssue({ code: 'custom', message: parsed.problems[0]?.message ?? 'not a graph document' });
  return z.NEVER;
});

const designReport = z.strictObject({
  dirty: z.boolean(),
  path: z.string().min(1).max(4096).nullable(),
  document: graphDocument,
});

const droppedFiles = z.array(z.string().min(1).max(4096)).min(1).max(100);

export interface ShellListeners {
  onDesignReport(report: DesignReport): void;
  onDroppedFiles(paths: readonly string[]): void;
  /** A message that failed its checks: it is dropped, and logged here. */
  onRejected(channel: string, reason: string): void;
}

/** The fire-and-forget messages from the page and the preload. */
export function registerShellMessages(ipc: IpcMainPort, listeners: ShellListeners, isTrusted: SenderCheck): void {
  const accept = <T>(channel: string, schema: z.ZodType<T>, deliver: (value: T) => void): void =>
    ipc.on(channel, (event, value) => {
      if (!isTrusted(event)) return listeners.onRejected(channel, UNTRUSTED_SENDER);
      const parsed = schema.safeParse(value);
      if (!parsed.success) return listeners.onRejected(channel, parsed.error.issues[0]?.message ?? 'invalid payload');
      deliver(parsed.data);
    });
  accept(REPORT_DESIGN_CHANNEL, designReport, (report) => listeners.onDesignReport(report));
  accept(DROPPED_FILES_CHANNEL, droppedFiles, (paths) => listeners.onDroppedFiles(paths));
}
