/**
 * Messages between the main process and the engine's utility process. The main process has
 * already checked every argument against the operation's schema, so the utility process trusts them.
 */
import type { HostProgress } from '../../engine/core/host/host-api.ts';
import type { HostOperationName } from '../../engine/core/host/web-protocol.ts';

export interface EngineCall {
  readonly type: 'call';
  readonly id: number;
  readonly operation: HostOperationName;
  readonly args: readonly unknown[];
}

export type EngineMessage =
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  /** `userError`: a message for the user as it is; otherwise an internal failure. */
  | {
      readonly type: 'result';
      readonly id: number;
      readonly ok: false;
      readonly message: string;
      readonly userError: boolean;
    }
  | { readonly type: 'progress'; readonly progress: HostProgress };
