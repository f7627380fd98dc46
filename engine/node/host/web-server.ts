/**
 * The web host's transport: an HTTP server that serves the built renderer and carries the Host
 * operations (see engine/core/host/web-protocol.ts). Every request needs the session token: API
 * calls in a header, the page in the printed URL, after which a cookie scoped to this port lets the
 * browser fetch the page's own files. Responses carry a strict Content-Security-Policy.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { HostProgress } from '../../core/host/host-api.ts';
import {
  API_PREFIX,
  EVENTS_PATH,
  MAX_BODY_BYTES,
  TOKEN_HEADER,
  TOKEN_QUERY,
  type ApiReply,
  type HostOperationName,
  type HostOperations,
} from '../../core/host/web-protocol.ts';
import { UserError } from '../cli/cli-error.ts';
import { isOperationName, parseOperationArguments } from './operation-arguments.ts';

/** Content types of the files the built renderer is made of; both hosts serve it with these. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const HEARTBEAT_MS = 15_000;

export interface WebHostOptions {
  readonly operations: HostOperations;
  /** The built renderer (dist/renderer); when it lacks an index.html the page says how to build it. */
  readonly staticDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The session token; a fresh 32-byte random one when absent. */
  readonly token?: string;
}

export interface RunningWebHost {
  /** The URL to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

/** A fresh session token: 32 random bytes, URL-safe. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, reply: ApiReply): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(reply));
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

class RequestTooLarge extends Error {}

/** Reads a body up to `limit` bytes; stops reading as soon as it is over. */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new RequestTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RequestTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function describeFailure(error: unknown): { status: number; message: string } {
  if (error instanceof UserError) return { status: 400, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, message: `internal error: ${message}` };
}

/** Starts the server; resolves once it listens. */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? createSessionToken();
  const events = new Set<ServerResponse>();
  let port = options.port;
  const cookieName = (): string => `netwright-${port}`;

  const allowedHost = (request: IncomingMessage): boolean => {
    // A DNS-rebinding page reaches 127.0.0.1 under its own host name; a loopback server answers only to loopback names.
    if (!LOOPBACK.has(options.host)) return true;
    const host = request.headers.host ?? '';
    return [...LOOPBACK].some((name) => host === `${name.includes(':') ? `[${name}]` : name}:${port}`);
  };

  async function callOperation(name: HostOperationName, request: IncomingMessage, response: ServerResponse) {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
      return sendJson(response, 415, { error: 'send the arguments as application/json' });
    let body: Buffer;
    try {
      body = await readBody(request, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof RequestTooLarge)) throw error;
      response.setHeader('Connection', 'close');
      return sendJson(response, 413, { error: `the request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB` });
    }
    let value: unknown;
    try {
      value = body.length === 0 ? [] : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { error: 'the request body is not valid JSON' });
    }
    const parsed = parseOperationArguments(name, value);
    if (!parsed.ok) return sendJson(response, 400, { error: parsed.message });
    try {
      const operation = options.operations[name] as (...args: readonly unknown[]) => Promise<unknown>;
      const result = await operation.apply(options.operations, parsed.args);
      sendJson(response, 200, result === undefined ? {} : { value: result });
    } catch (error) {
      const failure = describeFailure(error);
      sendJson(response, failure.status, { error: failure.message });
    }
  }

  function streamEvents(response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    events.add(response);
    const unsubscribe = options.operations.onProgress((progress: HostProgress) => {
      response.write(`data: ${JSON.stringify(progress)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    // The response closes when the page goes away or the connection drops.
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      events.delete(response);
    });
  }

  async function serveStatic(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const fromQuery = url.searchParams.get(TOKEN_QUERY) ?? undefined;
    if (sameSecret(fromQuery, token))
      response.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    else if (!sameSecret(cookieValue(request, cookieName()), token))
      return send(
        response,
        403,
        'text/plain; charset=utf-8',
        'Netwright: this session needs its token. Open the URL that `netwright serve` printed.\n',
      );
    let relative: string;
    try {
      relative = normalize(decodeURIComponent(url.pathname));
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad path\n');
    }
    if (relative.includes('\u0000') || relative.split(/[\\/]/).some((part) => part === '..' || part.startsWith('.')))
      return send(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
    let file = join(options.staticDir, relative === sep || relative === '/' ? 'index.html' : relative);
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) {
      if (relative === '/' || relative === sep)
        return send(
          response,
          503,
          'text/plain; charset=utf-8',
          `Netwright: the renderer is not built (no ${file}). Run \`npm run build\`, then start the server again.\n`,
        );
      return send(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': RENDERER_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).pipe(response);
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHost(request)) return send(response, 421, 'text/plain; charset=utf-8', 'Unknown host name\n');
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith(API_PREFIX)) {
      const given = request.headers[TOKEN_HEADER];
      if (!sameSecret(typeof given === 'string' ? given : undefined, token))
        return sendJson(response, 403, {
          error: 'this request lacks the session token: open the URL that `netwright serve` printed',
        });
      if (url.pathname === EVENTS_PATH) {
        if (request.method !== 'GET') return sendJson(response, 405, { error: 'use GET for events' });
        return streamEvents(response);
      }
      const name = url.pathname.slice(API_PREFIX.length);
      if (!isOperationName(name)) return sendJson(response, 404, { error: `there is no operation "${name}"` });
      if (request.method !== 'POST') return sendJson(response, 405, { error: `use POST for ${name}` });
      return callOperation(name, request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    return serveStatic(url, request, response);
  }

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const failure = describeFailure(error);
      sendJson(response, failure.status, { error: failure.message });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${options.port} is in use; choose another with --port or leave it out for a free one`
          : error.code === 'EADDRNOTAVAIL'
            ? `${options.host} is not an address of this machine`
            : error.code === 'EACCES'
              ? `not allowed to listen on port ${options.port}`
              : error.message;
      reject(new UserError(`cannot listen on ${options.host}:${options.port}: ${reason}`));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = `http://${hostInUrl}:${port}`;
  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of events) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
