/**
 * The desktop app's main process (bundled to dist/electron/main.cjs). It owns the window, the menu,
 * dialogs and the app's data folder, checks every message from the page, and hands the engine's
 * work to a utility process. The decisions are made in the modules beside this file; here they
 * meet Electron.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { DesignReport } from '../../engine/core/host/desktop-shell.ts';
import { COMMAND_CHANNEL, OPEN_PATH_CHANNEL, PROGRESS_CHANNEL, RECOVER_CHANNEL } from '../bridge/channels.ts';
import { appMenuTemplate } from './app-menu.ts';
import { AutosaveStore, Autosaver } from './autosave-store.ts';
import { CloseGuard } from './close-guard.ts';
import { DesktopOperations } from './desktop-operations.ts';
import { autosaveFiles, electronDialogs, forkEngine } from './electron-services.ts';
import { EngineProcess } from './engine-process.ts';
import { registerHostOperations, registerShellMessages } from './ipc-handlers.ts';
import { designAmongDropped, filesFromArgv } from './launch-arguments.ts';
import { Outbox } from './outbox.ts';
import { PathGrants } from './path-grants.ts';
import { rendererFileFor, rendererHeaders } from './renderer-files.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  createAppWindow,
  guardNavigation,
  isPermissionAllowed,
  isTrustedSender,
  withContentSecurityPolicy,
} from './window-policy.ts';

app.setName('Netwright');
// Another data folder (autosave, recent files, the single-instance lock): a portable copy, or a test run.
const userDataOverride = process.env['NETWRIGHT_USER_DATA'];
if (userDataOverride) app.setPath('userData', userDataOverride);
/** dist/electron, where the three bundles live; the built renderer is dist/renderer beside it. */
const BUNDLE_FOLDER = __dirname;
const RENDERER_ROOT = join(BUNDLE_FOLDER, '..', 'renderer');
const viaElectronCli = process.defaultApp === true;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

let window: BrowserWindow | undefined;
let quitRequested = false;
const grants = new PathGrants();
const dialogs = electronDialogs(() => window);
/** Files to open once the window can take them, from the command line or macOS before the app is ready. */
const launchFiles = filesFromArgv(process.argv, { viaElectronCli, workingDirectory: process.cwd() });

const outbox = new Outbox((channel, value) => window?.webContents.send(channel, value));

function openPath(path: string): void {
  grants.grant(path);
  if (window) {
    outbox.post(OPEN_PATH_CHANNEL, path);
    if (window.isMinimized()) window.restore();
    window.focus();
  } else launchFiles.push(path);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = filesFromArgv(argv, { viaElectronCli, workingDirectory });
    if (files[0] !== undefined) openPath(files[0]);
    else window?.focus();
  });
  // macOS: a file opened from the Finder, the Dock or Open Recent; it may come before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPath(path);
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Netwright could not start',
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      );
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const dataFolder = app.getPath('userData');
  installSessionPolicy();
  protocol.handle(APP_SCHEME, serveRenderer);

  const engine = new EngineProcess({
    fork: () => forkEngine(BUNDLE_FOLDER, dataFolder),
    onCrash: ({ exitCode, restarted }) =>
      dialogs.showError(
        restarted ? 'The engine stopped unexpectedly and was restarted' : 'The engine keeps stopping',
        restarted
          ? `It exited with code ${exitCode}. An export or inference that was running was cancelled; an imported model's weights must be opened again.`
          : `It exited with code ${exitCode} several times in a row, so it was not restarted. Save your design and restart Netwright.`,
      ),
  });
  engine.start();
  engine.onProgress((progress) => window?.webContents.send(PROGRESS_CHANNEL, progress));

  const autosaveStore = new AutosaveStore(autosaveFiles, dataFolder);
  const recovered = await autosaveStore.load();
  const autosaver = new Autosaver(autosaveStore, (error) =>
    console.error(`netwright: autosave failed: ${error.message}`),
  );

  let closeGuard: CloseGuard | undefined;
  const runCommand = (commandId: string): void => window?.webContents.send(COMMAND_CHANNEL, commandId);

  const refreshMenu = async (): Promise<void> => {
    const recentFiles = await engine.recentFiles().catch(() => []);
    for (const path of recentFiles) grants.grant(path);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          appName: app.getName(),
          developerTools: !app.isPackaged,
          recentFiles,
          runCommand,
          openRecent: openPath,
        }),
      ),
    );
  };

  const operations = new DesktopOperations({
    engine,
    dialogs,
    grants,
    recent: {
      add(path) {
        app.addRecentDocument(path);
        void refreshMenu();
      },
    },
    documentsFolder: app.getPath('documents'),
    onSaveAbandoned: () => closeGuard?.saveAbandoned(),
  });

  const isTrusted = (event: Parameters<typeof isTrustedSender>[0]): boolean =>
    isTrustedSender(event, window?.webContents.id);
  registerHostOperations(ipcMain, operations, isTrusted);
  registerShellMessages(
    ipcMain,
    {
      onDesignReport(report: DesignReport) {
        closeGuard?.report(report);
        autosaver.record(report);
        if (process.platform === 'darwin' && window) {
          window.setDocumentEdited(report.dirty);
          window.setRepresentedFilename(report.path ?? '');
        }
      },
      onDroppedFiles(paths) {
        const design = designAmongDropped(paths);
        if (design !== undefined) openPath(design);
      },
      onRejected(channel, reason) {
        console.error(`netwright: dropped a message on ${channel}: ${reason}`);
      },
    },
    isTrusted,
  );

  const createWindow = (): void => {
    const created = createAppWindow(BrowserWindow, join(BUNDLE_FOLDER, 'preload.cjs'));
    window = created;
    const guard = new CloseGuard({
      dialogs,
      runCommand,
      closeWindow: () => created.close(),
      discardAutosave: () => autosaver.discard(),
      onCloseCancelled: () => {
        quitRequested = false;
      },
    });
    closeGuard = guard;
    guardNavigation(created.webContents, (url) => void shell.openExternal(url));
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      if (!guard.allowClose()) event.preventDefault();
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
      outbox.closed();
      if (quitRequested) app.quit();
    });
    created.webContents.on('did-start-loading', () => outbox.closed());
    created.webContents.on('did-finish-load', () => outbox.opened());
    created.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      guard.rendererGone();
      void autosaver.flush().then(async () => {
        dialogs.showError(
          'The editor window stopped unexpectedly',
          `Reason: ${details.reason}. It will reload; unsaved changes are offered back if there were any.`,
        );
        const lost = await autosaveStore.load();
        created.reload();
        if (lost) offerRecovery(lost);
      });
    });
    for (const path of launchFiles.splice(0)) openPath(path);
    void created.loadURL(APP_ENTRY_URL);
  };

  const offerRecovery = (design: NonNullable<typeof recovered>): void => {
    void dialogs.askToRecover(design.document.name, new Date(design.savedAt)).then(async (recover) => {
      if (!recover) return autosaveStore.clear();
      if (design.path !== null) grants.grant(design.path);
      outbox.post(RECOVER_CHANNEL, design);
    });
  };

  app.on('before-quit', () => {
    quitRequested = true;
  });
  app.on('will-quit', () => engine.stop());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!window) createWindow();
  });

  await refreshMenu();
  createWindow();
  if (recovered) offerRecovery(recovered);
}

function installSessionPolicy(): void {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(isPermissionAllowed(permission, contents.getURL())),
  );
  appSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  appSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
  );
}

async function serveRenderer(request: Request): Promise<Response> {
  const file = rendererFileFor(request.url, RENDERER_ROOT);
  const body = file === undefined ? undefined : await readFile(file).catch(() => undefined);
  if (file === undefined || body === undefined)
    return new Response(
      `Netwright: ${new URL(request.url).pathname} is not part of the built editor (run \`npm run build\`).`,
      {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      },
    );
  return new Response(body, { headers: rendererHeaders(file) });
}
