/**
 * What the window may do. The page runs sandboxed with context isolation and no Node, under the
 * same Content-Security-Policy as the web host; it is served from its own `netwright://app`
 * origin; it cannot open windows or navigate away; it may use the clipboard and nothing else that
 * asks for permission. Links to https pages open in the user's browser.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../engine/node/host/web-server.ts';
import type { IpcMessageEvent } from './ipc-handlers.ts';

export const APP_SCHEME = 'netwright';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
export { CONTENT_SECURITY_POLICY };

/** Electron's BrowserWindow constructor (a recording fake in tests). */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the app's window, hidden until its first paint. The preferences are written out in the
 * call itself so that a reader, and Electronegativity's scan in `npm test`, see every one of them.
 */
export function createAppWindow<W>(BrowserWindow: WindowConstructor<W>, preload: string): W {
  return new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Netwright',
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click would otherwise ask for a new window (refused anyway, by guardNavigation).
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for a page of the app itself. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** True when a message comes from our window's top frame while it shows our page. */
export function isTrustedSender(event: IpcMessageEvent, windowContentsId: number | undefined): boolean {
  const frame = event.senderFrame;
  return (
    windowContentsId !== undefined &&
    event.sender.id === windowContentsId &&
    frame !== null &&
    frame.parent === null &&
    isAppUrl(frame.url)
  );
}

/** The URL to hand to the user's browser for a link the page tried to open, if it is an https page. */
export function externalLink(url: string): string | undefined {
  const parsed = parseUrl(url);
  return parsed?.protocol === 'https:' && parsed.username === '' && parsed.password === '' ? parsed.href : undefined;
}

const CLIPBOARD_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);

/** Permission requests: the editor's copy and paste, for our page only. */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return CLIPBOARD_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** Response headers with the policy added, for `session.webRequest.onHeadersReceived`. */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string | string[]>> | undefined,
): Record<string, string | string[]> {
  const kept = Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
  );
  return { ...kept, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/** The webContents events the guard listens to. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { url: string; preventDefault(): void }) => void,
  ): void;
}

/**
 * Denies every new window (https links go to the browser instead) and every navigation away from
 * the app: a page that navigated elsewhere would keep the preload's bridge.
 */
export function guardNavigation(contents: GuardedContents, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    const link = externalLink(url);
    if (link !== undefined) openExternal(link);
    return { action: 'deny' };
  });
  const stayInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
}
