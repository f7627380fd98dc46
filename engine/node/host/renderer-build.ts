/**
 * Finds the built renderer and, for `npm start`, builds it when it is missing or older than its
 * sources, so a fresh checkout starts with one command.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../cli/cli-error.ts';

/** The package's root folder: where package.json, renderer/ and dist/ live. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where `npm run build` (vite build) puts the renderer. */
export const RENDERER_DIST = join(PACKAGE_ROOT, 'dist', 'renderer');

/** What the renderer bundle is built from. */
const RENDERER_SOURCES = ['renderer', 'engine/core', 'vite.config.ts', 'package.json', 'package-lock.json'];

async function newestModification(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, await newestModification(join(path, entry.name)));
  }
  return newest;
}

/** True when dist/renderer has no index.html or a source changed after it was built. */
export async function rendererIsStale(root = PACKAGE_ROOT): Promise<boolean> {
  const built = await stat(join(root, 'dist', 'renderer', 'index.html')).catch(() => undefined);
  if (!built) return true;
  for (const source of RENDERER_SOURCES)
    if ((await newestModification(join(root, source))) > built.mtimeMs) return true;
  return false;
}

/** Runs `vite build` in the package root; its output goes to stderr so stdout keeps only the URL. */
export async function buildRenderer(root = PACKAGE_ROOT): Promise<void> {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const status = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', resolve);
  }).catch((error: unknown) => {
    throw new UserError(`cannot run vite build: ${(error as Error).message}`);
  });
  if (status !== 0) throw new UserError(`building the renderer failed (vite build exited with ${status}); see above`);
}
