/**
 * The Host over HTTP, for the editor served by `netwright serve` (see
 * engine/core/host/web-protocol.ts). Each operation is a POST with the session token in a header;
 * progress arrives as Server-Sent Events read from a fetch stream, which, unlike EventSource, can
 * send that header.
 */
import type { Host, HostProgress } from '../../engine/core/host/host-api.ts';
import {
  API_PREFIX,
  EVENTS_PATH,
  TOKEN_HEADER,
  TOKEN_QUERY,
  type ApiReply,
  type HostOperationName,
} from '../../engine/core/host/web-protocol.ts';

const TOKEN_STORAGE_KEY = 'netwright.token';
const RECONNECT_MS = 1_000;

/**
 * Takes the session token from the page's URL, keeps it in sessionStorage (so a reload still has
 * it) and strips it from the address bar and history; on a reload it comes from sessionStorage.
 */
export function takeSessionToken(page: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string | undefined {
  const url = new URL(page.location.href);
  const fromUrl = url.searchParams.get(TOKEN_QUERY);
  if (fromUrl) {
    page.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete(TOKEN_QUERY);
    page.history.replaceState(page.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return page.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
}

export interface WebHostOptions {
  readonly token: string | undefined;
  /** The server's origin; the page's own when empty. */
  readonly origin?: string;
  readonly fetch?: typeof fetch;
}

type Result<K extends HostOperationName> = Awaited<ReturnType<Host[K]>>;

/** Reads `data:` lines of an event stream and hands each parsed event on. */
async function readEvents(body: ReadableStream<Uint8Array>, deliver: (progress: HostProgress) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('\n');
      if (data) deliver(JSON.parse(data) as HostProgress);
    }
  }
}

export function createWebHost(options: WebHostOptions): Host {
  const origin = options.origin ?? '';
  const fetchFrom = options.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Set<(progress: HostProgress) => void>();
  let streaming = false;

  function headers(): Record<string, string> {
    if (options.token === undefined)
      throw new Error('This page has no session token: open the URL that `netwright serve` printed.');
    return { [TOKEN_HEADER]: options.token };
  }

  async function call<K extends HostOperationName>(name: K, ...args: Parameters<Host[K]>): Promise<Result<K>> {
    // JSON has no undefined: drop omitted trailing arguments and send null for those in between.
    const list: unknown[] = [...args];
    while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
    const init: RequestInit = {
      method: 'POST',
      headers: { ...headers(), 'Content-Type': 'application/json' },
      body: JSON.stringify(list.map((value) => value ?? null)),
    };
    let response: Response;
    try {
      response = await fetchFrom(`${origin}${API_PREFIX}${name}`, init);
    } catch {
      throw new Error('Cannot reach the Netwright server; is `netwright serve` still running?');
    }
    let reply: ApiReply;
    try {
      reply = (await response.json()) as ApiReply;
    } catch {
      throw new Error(`The Netwright server answered ${response.status} ${response.statusText} without a reply.`);
    }
    if ('error' in reply) throw new Error(reply.error);
    return reply.value as Result<K>;
  }

  /**
   * Reads the event stream while anyone listens. The connection then stays open for the page's
   * life, so the next operation's first events are not lost to a reconnection.
   */
  async function streamProgress(): Promise<void> {
    while (listeners.size > 0) {
      try {
        const response = await fetchFrom(`${origin}${EVENTS_PATH}`, { headers: headers() });
        if (!response.ok || !response.body) return;
        await readEvents(response.body, (progress) => {
          for (const listener of listeners) listener(progress);
        });
      } catch {
        // A dropped connection (the server restarted, the laptop slept) is retried while anyone listens.
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  return {
    kind: 'web',
    nativeDialogs: false,
    listTemplates: () => call('listTemplates'),
    openTemplate: (id) => call('openTemplate', id),
    listRoots: () => call('listRoots'),
    listFolder: (path) => call('listFolder', path),
    recentFiles: () => call('recentFiles'),
    openDesign: (path) => call('openDesign', path),
    saveDesign: (handle, document, path) => call('saveDesign', handle, document, path),
    exportOnnx: (handle, document, path, exportOptions) => call('exportOnnx', handle, document, path, exportOptions),
    listProviders: () => call('listProviders'),
    runInference: (request) => call('runInference', request),
    cancelRun: (runId) => call('cancelRun', runId),
    onProgress(listener) {
      listeners.add(listener);
      if (!streaming && options.token !== undefined) {
        streaming = true;
        void streamProgress().finally(() => (streaming = false));
      }
      return () => void listeners.delete(listener);
    },
  };
}
