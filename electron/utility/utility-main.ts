/**
 * Entry of the engine's utility process (bundled to dist/electron/utility.cjs). onnxruntime,
 * file reading and writing, export and inference all run here, so the main process never blocks.
 * The main process forks it with NETWRIGHT_CONFIG_DIR set to the app's data folder.
 */
import { existsSync } from 'node:fs';
import { FolderGuard } from '../../engine/node/host/folder-guard.ts';
import { EngineHost } from '../../engine/node/host/host-operations.ts';
import { defaultConfigDir, RecentFiles } from '../../engine/node/host/recent-files.ts';
import { serveEngine } from './engine-worker.ts';
import { filesystemRoots } from './filesystem-roots.ts';

async function main(): Promise<void> {
  // The main process decides which files the page may name (PathGrants): they are the ones the user
  // chose in a dialog, dropped, or opened from the file manager, wherever they live.
  const guard = await FolderGuard.create(filesystemRoots(process.platform, existsSync));
  const recent = await RecentFiles.load(defaultConfigDir());
  const engine = new EngineHost({ guard, recent });
  serveEngine(process.parentPort, engine);
  // Best effort: a failed warm-up only means the first import is slower.
  engine.warmUp().catch(() => undefined);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `netwright engine: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
