/**
 * The IPC channels between the preload and the main process, and what travels on them. Every Host
 * operation has its own channel (one method per call); the shell's events and reports have theirs.
 * This file is shared by the preload (sandboxed, bundled on its own) and the main process, so it
 * holds constants and types only.
 */
import type { HostOperationName } from '../../engine/core/host/web-protocol.ts';

/** `ipcRenderer.invoke` channel of one Host operation. */
export function operationChannel(name: HostOperationName): string {
  return `netwright:host:${name}`;
}

/** Every Host operation the bridge carries; `satisfies` makes the compiler catch a missing one. */
export const HOST_OPERATION_NAMES = Object.keys({
  listTemplates: true,
  openTemplate: true,
  listRoots: true,
  listFolder: true,
  recentFiles: true,
  openDesign: true,
  saveDesign: true,
  exportOnnx: true,
  listProviders: true,
  runInference: true,
  cancelRun: true,
} satisfies Record<HostOperationName, true>) as readonly HostOperationName[];

/** Main to renderer. */
export const PROGRESS_CHANNEL = 'netwright:progress';
export const COMMAND_CHANNEL = 'netwright:shell:command';
export const OPEN_PATH_CHANNEL = 'netwright:shell:open-path';
export const RECOVER_CHANNEL = 'netwright:shell:recover';

/** Renderer to main (fire and forget). */
export const REPORT_DESIGN_CHANNEL = 'netwright:shell:report-design';
/** Preload to main: files the user dropped on the window, as paths (read in the preload, never by the page). */
export const DROPPED_FILES_CHANNEL = 'netwright:shell:dropped-files';

/** How an operation's answer crosses IPC: Electron would wrap a thrown error's message in its own words. */
export type IpcReply =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };
