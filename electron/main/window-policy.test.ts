import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { IpcMessageEvent } from './ipc-handlers.ts';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  createAppWindow,
  externalLink,
  guardNavigation,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  withContentSecurityPolicy,
  type GuardedContents,
} from './window-policy.ts';

describe('createAppWindow', () => {
  it('isolates and sandboxes the page, with no Node in it', () => {
    const created: BrowserWindowConstructorOptions[] = [];
    class RecordingWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        created.push(options);
      }
    }
    expect(createAppWindow(RecordingWindow, '/app/dist/electron/preload.cjs')).toBeInstanceOf(RecordingWindow);
    expect(created[0]?.show).toBe(false);
    expect(created[0]?.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('the content security policy', () => {
  it("allows scripts from the app's own origin only, and no eval", () => {
    const directives = CONTENT_SECURITY_POLICY.split(';').map((directive) => directive.trim());
    expect(directives).toContain("default-src 'self'");
    expect(directives).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it("replaces whatever policy a response carried with the app's", () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isAppUrl', () => {
  it('accepts pages of the netwright://app origin only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('netwright://app/assets/index.js')).toBe(true);
    expect(isAppUrl('netwright://other/index.html')).toBe(false);
    expect(isAppUrl('file:///app/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const event = (id: number, url: string, parent: unknown = null): IpcMessageEvent => ({
    sender: { id },
    senderFrame: { url, parent },
  });

  it("trusts our window's top frame showing our page", () => {
    expect(isTrustedSender(event(7, APP_ENTRY_URL), 7)).toBe(true);
  });

  it('refuses another window, a subframe, a foreign page, a gone frame or no window at all', () => {
    expect(isTrustedSender(event(8, APP_ENTRY_URL), 7)).toBe(false);
    expect(isTrustedSender(event(7, APP_ENTRY_URL, {}), 7)).toBe(false);
    expect(isTrustedSender(event(7, 'https://example.com/'), 7)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null }, 7)).toBe(false);
    expect(isTrustedSender(event(7, APP_ENTRY_URL), undefined)).toBe(false);
  });
});

describe('externalLink', () => {
  it('passes https pages to the browser and nothing else', () => {
    expect(externalLink('https://onnx.ai/')).toBe('https://onnx.ai/');
    expect(externalLink('http://onnx.ai/')).toBeUndefined();
    expect(externalLink('file:///etc/passwd')).toBeUndefined();
    expect(externalLink('smb://server/share')).toBeUndefined();
    expect(externalLink('https://user:secret@example.com/')).toBeUndefined();
    expect(externalLink('javascript:alert(1)')).toBeUndefined();
  });
});

describe('isPermissionAllowed', () => {
  it('grants our page the clipboard and nothing else', () => {
    expect(isPermissionAllowed('clipboard-read', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'netwright://app')).toBe(true);
    expect(isPermissionAllowed('clipboard-read', 'https://example.com/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fileSystem'])
      expect(isPermissionAllowed(permission, APP_ENTRY_URL)).toBe(false);
  });
});

describe('guardNavigation', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { url: string; preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents: GuardedContents = {
      setWindowOpenHandler: (handler) => (openHandler = handler),
      on: (name, listener) => void listeners.set(name, listener),
    };
    const navigate = (name: string, url: string): boolean => {
      let prevented = false;
      listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { contents, navigate, open: (url: string) => openHandler?.({ url }) };
  }

  it('denies every new window and sends https links to the browser', () => {
    const fake = fakeContents();
    const opened: string[] = [];
    guardNavigation(fake.contents, (url) => opened.push(url));
    expect(fake.open('https://arxiv.org/abs/1512.03385')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open(APP_ENTRY_URL)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://arxiv.org/abs/1512.03385']);
  });

  it('keeps the window on the app: navigations and redirects elsewhere are stopped', () => {
    const fake = fakeContents();
    guardNavigation(fake.contents, () => undefined);
    expect(fake.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(fake.navigate('will-navigate', 'file:///home/ada/design.json')).toBe(true);
    expect(fake.navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(fake.navigate('will-navigate', APP_ENTRY_URL)).toBe(false);
  });
});
