/**
 * `netwright serve` in a child process, as a user starts it, for the end-to-end tests and the
 * canvas benchmark; and the Chromium they drive (Debian's: Playwright cannot download one here).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from '@playwright/test';

const BIN = fileURLToPath(new URL('../bin/netwright.mjs', import.meta.url));

export const CHROMIUM: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export interface ServeProcess {
  /** The URL it printed, token included. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `netwright serve --root ROOT` with its config (recent files) in `configDir`; resolves with its URL. */
export async function startServe(root: string, configDir = join(root, '..', 'config')): Promise<ServeProcess> {
  const server = spawn(process.execPath, [BIN, 'serve', '--root', root], {
    env: { ...process.env, NETWRIGHT_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await Promise.race([
    once(createInterface({ input: server.stdout }), 'line').then(([line]) => ({ url: String(line) })),
    once(server, 'exit').then(([code]) => ({ code: String(code) })),
  ]);
  if (!('url' in first)) throw new Error(`netwright serve exited with ${first.code} before printing its URL`);
  return {
    url: first.url,
    async stop() {
      server.kill('SIGTERM');
      await once(server, 'exit');
    },
  };
}
