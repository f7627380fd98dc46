/**
 * Starts `netwright serve` on a fresh temporary root, as a user would, and hands the printed URL
 * (token included) and the root to the specs through the environment.
 */
import { mkdir, mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from './serve-process.ts';

export default async function startServer(): Promise<() => Promise<void>> {
  const workspace = join(await realpath(await mkdtemp(join(tmpdir(), 'netwright-e2e-'))), 'workspace');
  await mkdir(workspace);
  const server = await startServe(workspace);
  process.env['NETWRIGHT_URL'] = server.url;
  process.env['NETWRIGHT_ROOT'] = workspace;
  return () => server.stop();
}
