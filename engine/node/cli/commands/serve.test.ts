import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../../core/host/web-protocol.ts';
import { runCli } from '../main.ts';

const BIN = fileURLToPath(new URL('../../../../bin/netwright.mjs', import.meta.url));

async function cli(...argv: string[]) {
  let err = '';
  const status = await runCli(argv, { out: () => undefined, err: (text) => (err += `${text}\n`) });
  return { status, err };
}

describe('netwright serve', () => {
  it('prints its URL with a token on a line of its own, serves the roots, and stops on SIGTERM', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'netwright-serve-')));
    const child = spawn(process.execPath, [BIN, 'serve', '--root', root], {
      env: { ...process.env, NETWRIGHT_CONFIG_DIR: join(root, '.config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [url] = (await once(lines, 'line')) as [string];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
      const { origin, searchParams } = new URL(url);
      const call = (headers: Record<string, string>) =>
        fetch(`${origin}/api/listRoots`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
        });
      expect((await call({})).status).toBe(403);
      const answer = await call({ [TOKEN_HEADER]: searchParams.get('token') ?? '' });
      expect(await answer.json()).toEqual({ value: [root] });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses bad usage with one line and status 2', async () => {
    expect(await cli('serve', '--port', 'eighty')).toEqual({
      status: 2,
      err: 'netwright serve: --port must be a whole number from 0 to 65535, got "eighty"\n',
    });
    expect(await cli('serve', '--root', '/no/such/folder')).toEqual({
      status: 2,
      err: 'netwright serve: cannot use /no/such/folder as a root: no such folder\n',
    });
    expect((await cli('serve', 'extra')).err).toMatch(/^netwright serve: Unexpected argument 'extra'/);
  });
});
