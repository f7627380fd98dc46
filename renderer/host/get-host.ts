/**
 * The one way the editor reaches its host: the Electron preload bridge when the app runs in the
 * desktop shell, else the web host of `netwright serve`.
 */
import type { DesktopShell } from '../../engine/core/host/desktop-shell.ts';
import type { Host } from '../../engine/core/host/host-api.ts';
import { createWebHost, takeSessionToken } from './web-host.ts';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in a browser. */
    readonly netwright?: Host;
    /** The desktop shell's menus, file hand-overs and reports (renderer/app/desktop-shell.ts); absent in a browser. */
    readonly netwrightShell?: DesktopShell;
  }
}

/** Picks the host for a page: its Electron bridge, or a web host with the page's session token. */
export function hostForPage(page: Pick<Window, 'netwright' | 'location' | 'history' | 'sessionStorage'>): Host {
  return page.netwright ?? createWebHost({ token: takeSessionToken(page) });
}

let current: Host | undefined;

/** The host of this page, created on first use. */
export function getHost(): Host {
  current ??= hostForPage(window);
  return current;
}
