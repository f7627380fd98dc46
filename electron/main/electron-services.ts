/**
 * The interfaces the main-process modules depend on, implemented with Electron. Each is a thin
 * translation; the decisions live in the modules that the tests exercise with fakes.
 */
import { readFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dialog, utilityProcess, type BrowserWindow } from 'electron';
import { writeFileAtomic } from '../../engine/node/host/atomic-write.ts';
import type { EngineMessage } from '../utility/engine-protocol.ts';
import type { AutosaveFiles } from './autosave-store.ts';
import type { DialogService, FileDialogRequest, UnsavedChangesChoice } from './dialog-service.ts';
import type { EngineChild } from './engine-process.ts';

export function electronDialogs(window: () => BrowserWindow | undefined): DialogService {
  const fileOptions = (request: FileDialogRequest) => ({
    title: request.title,
    defaultPath: request.defaultPath,
    filters: request.filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] })),
  });
  const messageBox = (options: Electron.MessageBoxOptions) => {
    const parent = window();
    return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  };
  return {
    async chooseFileToOpen(request) {
      const options: Electron.OpenDialogOptions = { ...fileOptions(request), properties: ['openFile'] };
      const parent = window();
      const result = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseFileToSave(request) {
      const options: Electron.SaveDialogOptions = {
        ...fileOptions(request),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = window();
      const result = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
    async askToSaveChanges(designName) {
      const choices: readonly UnsavedChangesChoice[] = ['save', 'discard', 'cancel'];
      const { response } = await messageBox({
        type: 'warning',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: `Save the changes to “${designName}” before closing?`,
        detail: "Your changes will be lost if you don't save them.",
      });
      return choices[response] ?? 'cancel';
    },
    async askToRecover(designName, savedAt) {
      const { response } = await messageBox({
        type: 'question',
        buttons: ['Recover', 'Discard'],
        defaultId: 0,
        cancelId: 1,
        message: `Netwright closed before your changes to “${designName}” were saved.`,
        detail: `Recover the changes autosaved at ${savedAt.toLocaleString()}?`,
      });
      return response === 0;
    },
    showError(message, detail) {
      void messageBox({ type: 'error', message, detail });
    },
  };
}

export const autosaveFiles: AutosaveFiles = {
  read: (path) => readFile(path, 'utf8').catch(() => undefined),
  async write(path, text) {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, text);
  },
  remove: (path) => rm(path, { force: true }),
};

/** Forks the engine's utility process (dist/electron/utility.cjs beside this bundle). */
export function forkEngine(bundleFolder: string, dataFolder: string): EngineChild {
  const child = utilityProcess.fork(join(bundleFolder, 'utility.cjs'), [], {
    serviceName: 'Netwright engine',
    env: { ...process.env, NETWRIGHT_CONFIG_DIR: dataFolder },
    stdio: 'inherit',
  });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: EngineMessage) => listener(message)),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}
