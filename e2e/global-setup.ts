/**
 * Starts `netwright serve` on a fresh temporary root, as a user would, and hands the printed URL
 * (token included) and the root to the specs through the environment.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/netwright.mjs', import.meta.url));

export default async function startServer(): Promise<() => Promise<void>> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'netwright-e2e-')));
  const workspace = join(root, 'workspace');
  await mkdir(workspace);
  const server = spawn(process.execPath, [BIN, 'serve', '--root', workspace], {
    env: { ...process.env, NETWRIGHT_CONFIG_DIR: join(root, 'config') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await Promise.race([
    once(createInterface({ input: server.stdout }), 'line').then(([line]) => ({ url: String(line) })),
    once(server, 'exit').then(([code]) => ({ code: String(code) })),
  ]);
  if (!('url' in first)) throw new Error(`netwright serve exited with ${first.code} before printing its URL`);
  const { url } = first;
  process.env['NETWRIGHT_URL'] = url;
  process.env['NETWRIGHT_ROOT'] = workspace;
  return async () => {
    server.kill('SIGTERM');
    await once(server, 'exit');
  };
}
