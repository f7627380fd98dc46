/**
 * The engine side of the utility process: answers each call with the same engine operations the
 * web host serves (engine/node/host/host-operations.ts), and forwards their progress.
 */
import type { HostOperations } from '../../engine/core/host/web-protocol.ts';
import { UserError } from '../../engine/node/cli/cli-error.ts';
import type { EngineCall, EngineMessage } from './engine-protocol.ts';

/** The part of Electron's `process.parentPort` the worker uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: EngineMessage): void;
}

function isCall(value: unknown): value is EngineCall {
  const call = value as Partial<EngineCall> | null;
  return (
    typeof call === 'object' &&
    call !== null &&
    call.type === 'call' &&
    typeof call.id === 'number' &&
    typeof call.operation === 'string' &&
    Array.isArray(call.args)
  );
}

async function answer(operations: HostOperations, call: EngineCall): Promise<EngineMessage> {
  try {
    const operation = operations[call.operation] as (...args: readonly unknown[]) => Promise<unknown>;
    if (typeof operation !== 'function') throw new Error(`there is no operation "${call.operation}"`);
    const value = await operation.apply(operations, [...call.args]);
    return { type: 'result', id: call.id, ok: true, value };
  } catch (error) {
    const userError = error instanceof UserError;
    const message = error instanceof Error ? error.message : String(error);
    return { type: 'result', id: call.id, ok: false, message, userError };
  }
}

/** Serves the operations on the port (Electron queues what the main process sent before this listens). */
export function serveEngine(port: ParentPortLike, operations: HostOperations): void {
  operations.onProgress((progress) => port.postMessage({ type: 'progress', progress }));
  port.on('message', ({ data }) => {
    if (!isCall(data)) return;
    void answer(operations, data).then((reply) => {
      try {
        port.postMessage(reply);
      } catch (error) {
        // A value structured clone cannot copy must still end the call, or the caller would wait forever.
        const message = `internal error: the answer to ${data.operation} could not be sent (${(error as Error).message})`;
        port.postMessage({ type: 'result', id: data.id, ok: false, message, userError: false });
      }
    });
  });
}
