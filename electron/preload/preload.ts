/**
 * The preload: runs sandboxed, before the page, in its own JavaScript world. It exposes the Host at
 * `window.netwright` and the shell at `window.netwrightShell`, and turns files dropped on the window
 * into paths for the main process (a sandboxed page cannot see a file's path; this world can).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { DROPPED_FILES_CHANNEL } from '../bridge/channels.ts';
import { createHostBridge, createShellBridge, droppedPaths } from './bridge.ts';

contextBridge.exposeInMainWorld('netwright', createHostBridge(ipcRenderer));
contextBridge.exposeInMainWorld('netwrightShell', createShellBridge(ipcRenderer));

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

// Without these a file dropped on the window would navigate to it; the navigation guard would stop that,
// but the user would see nothing happen. Capturing sees the drop before any page handler can stop it.
window.addEventListener(
  'dragover',
  (event) => {
    if (carriesFiles(event)) event.preventDefault();
  },
  { capture: true },
);
window.addEventListener(
  'drop',
  (event) => {
    if (!event.isTrusted || !carriesFiles(event) || !event.dataTransfer) return;
    event.preventDefault();
    const paths = droppedPaths(event.dataTransfer.files, (file) => webUtils.getPathForFile(file));
    if (paths.length > 0) ipcRenderer.send(DROPPED_FILES_CHANNEL, paths);
  },
  { capture: true },
);
