import { mkdir, mkdtemp, readdir, readFile, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, TOKEN_HEADER } from '../../core/host/web-protocol.ts';
import { FolderGuard } from './folder-guard.ts';
import { EngineHost } from './host-operations.ts';
import { RecentFiles } from './recent-files.ts';
import { startWebHost, type RunningWebHost } from './web-server.ts';

const DOCUMENT = {
  format: 'netwright-graph',
  version: 1,
  name: 'Tiny',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [1, 8, 8] } },
    { id: 'conv', type: 'Conv', params: { outChannels: 2, kernelSize: 3 } },
    { id: 'out', type: 'Output' },
  ],
  edges: [
    { source: 'input', target: 'conv' },
    { source: 'conv', target: 'out' },
  ],
};

let root: string;
let outside: string;
let server: RunningWebHost;

async function api(operation: string, body: unknown, token: string | null = server.token) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers[TOKEN_HEADER] = token;
  const response = await fetch(`${server.origin}/api/${operation}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, reply: (await response.json()) as { value?: unknown; error?: string } };
}

beforeAll(async () => {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'netwright-server-')));
  root = join(base, 'root');
  outside = join(base, 'outside');
  const site = join(base, 'site');
  await mkdir(root);
  await mkdir(outside);
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<!doctype html><title>Netwright</title>');
  await writeFile(join(site, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(outside, 'secret.json'), JSON.stringify(DOCUMENT));
  await symlink(join(outside, 'secret.json'), join(root, 'escape.json'));
  const guard = await FolderGuard.create([root]);
  const operations = new EngineHost({ guard, recent: await RecentFiles.load(join(base, 'config')) });
  server = await startWebHost({ operations, staticDir: site, host: '127.0.0.1', port: 0 });
});

afterAll(() => server.close());

describe('the token', () => {
  it('is 32 random bytes in the printed URL', () => {
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
  });

  it('is required by every API call, in its header', async () => {
    expect(await api('listRoots', [], null)).toEqual({
      status: 403,
      reply: { error: expect.stringMatching(/lacks the session token/) as unknown },
    });
    expect((await api('listRoots', [], 'wrong')).status).toBe(403);
    expect((await api('listRoots', [], `${server.token}x`)).status).toBe(403);
    expect(await api('listRoots', [])).toEqual({ status: 200, reply: { value: [root] } });
    const events = await fetch(`${server.origin}/api/events`);
    expect(events.status).toBe(403);
  });

  it('is required for the page: from the URL, then from the cookie it sets', async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(403);
    expect((await fetch(`${server.origin}/assets/app.js`)).status).toBe(403);
    expect((await fetch(`${server.origin}/?token=nope`)).status).toBe(403);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Netwright</title>');
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = await fetch(`${server.origin}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // The cookie is not a key to the API: that needs the header, which other pages cannot send.
    const viaCookie = await fetch(`${server.origin}/api/listRoots`, {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(viaCookie.status).toBe(403);
  });

  it('does not unlock files beside the page', async () => {
    for (const path of ['/../root/escape.json', '/%2e%2e/outside/secret.json', '/.hidden', '/missing.js'])
      expect((await fetch(`${server.origin}${path}?token=${server.token}`)).status).toBe(404);
  });
});

describe('headers', () => {
  it('sends a strict Content-Security-Policy and friends on pages and API replies', async () => {
    for (const response of [await fetch(server.url), await fetch(`${server.origin}/`)]) {
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(policy).toContain("connect-src 'self'");
      expect(policy).toContain("img-src 'self' data: blob:");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('answers only to loopback host names, against DNS rebinding', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(server.url, { headers: { host: 'attacker.example:80' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(421);
  });
});

describe('payloads', () => {
  it('are refused above 32 MiB, by declared length and by counting', async () => {
    const big = `["${'x'.repeat(MAX_BODY_BYTES)}"]`;
    expect((await api('listFolder', big)).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new Uint8Array(1024 * 1024).fill(32);
        for (let i = 0; i < 34; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(`${server.origin}/api/listFolder`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('are validated: JSON, argument types, graph documents, operation names, content type', async () => {
    expect(await api('listFolder', '[')).toEqual({
      status: 400,
      reply: { error: 'the request body is not valid JSON' },
    });
    expect(await api('listFolder', [5])).toEqual({
      status: 400,
      reply: { error: 'invalid arguments for listFolder: argument 1: Invalid input: expected string, received number' },
    });
    const broken = { ...DOCUMENT, nodes: [{ id: '', type: 'Conv' }] };
    const saved = await api('saveDesign', ['h', broken, 'broken.json']);
    expect(saved.status).toBe(400);
    expect(saved.reply.error).toMatch(/argument 2 nodes\[0\]\.id: an id must not be empty/);
    expect((await api('deleteEverything', [])).status).toBe(404);
    expect((await api('constructor', [])).status).toBe(404);
    const plain = await fetch(`${server.origin}/api/listRoots`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'text/plain' },
      body: '[]',
    });
    expect(plain.status).toBe(415);
    const get = await fetch(`${server.origin}/api/listRoots`, { headers: { [TOKEN_HEADER]: server.token } });
    expect(get.status).toBe(405);
  });
});

describe('files', () => {
  it('stay inside the chosen folders', async () => {
    expect((await api('listFolder', ['/etc'])).reply.error).toMatch(/outside the folders/);
    expect((await api('openDesign', [join(outside, 'secret.json')])).reply.error).toMatch(/outside the folders/);
    expect((await api('openDesign', ['escape.json'])).reply.error).toMatch(/outside the folders/);
    expect((await api('openDesign', ['../outside/secret.json'])).reply.error).toMatch(/may not contain "\.\."/);
    const write = await api('saveDesign', ['h', DOCUMENT, join(outside, 'written.json')]);
    expect(write).toMatchObject({ status: 400, reply: { error: expect.stringMatching(/outside/) as unknown } });
    expect(await readdir(outside)).toEqual(['secret.json']);
  });

  it('save atomically: a new file replaces the old one whole, and nothing is left behind', async () => {
    const path = join(root, 'tiny.json');
    await writeFile(path, 'old content');
    const before = await stat(path);
    expect(await api('saveDesign', ['new-design', DOCUMENT, path])).toEqual({ status: 200, reply: { value: path } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(DOCUMENT);
    // Written beside and renamed over: the old inode is not truncated in place.
    expect((await stat(path)).ino).not.toBe(before.ino);
    expect((await readdir(root)).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('open what they save, and remember it', async () => {
    const opened = await api('openDesign', ['tiny.json']);
    expect(opened.reply.value).toMatchObject({ path: join(root, 'tiny.json'), document: DOCUMENT, hasWeights: false });
    expect((await api('recentFiles', [])).reply.value).toEqual([join(root, 'tiny.json')]);
  });
});
