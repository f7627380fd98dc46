import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { UserError, EXIT_OK } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { FolderGuard } from '../../host/folder-guard.ts';
import { EngineHost } from '../../host/host-operations.ts';
import { defaultConfigDir, RecentFiles } from '../../host/recent-files.ts';
import { buildRenderer, RENDERER_DIST, rendererIsStale } from '../../host/renderer-build.ts';
import { startWebHost } from '../../host/web-server.ts';

/** Asks the desktop to open a URL; failing to (a headless machine) is fine, the URL is printed anyway. */
function openInBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'win32'
      ? ['cmd', '/c', 'start', '""', url]
      : process.platform === 'darwin'
        ? ['open', url]
        : ['xdg-open', url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => undefined);
    child.unref();
  } catch {
    // No browser launcher here; the printed URL is the way in.
  }
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new UserError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  return port;
}

export const serveCommand: Command = {
  name: 'serve',
  usage: 'netwright serve [--port N] [--host 127.0.0.1] [--root DIR ...] [--open] [--build]',
  summary: 'the app in a browser: serves the editor and its API with a secret token in the printed URL',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        root: { type: 'string', multiple: true },
        open: { type: 'boolean', default: false },
        build: { type: 'boolean', default: false },
      },
    });
    const port = parsePort(values.port);
    const guard = await FolderGuard.create(values.root ?? [process.cwd()]);
    if (values.build && (await rendererIsStale())) {
      io.err('Building the renderer (vite build)…');
      await buildRenderer();
    }
    const operations = new EngineHost({ guard, recent: await RecentFiles.load(defaultConfigDir()) });
    const server = await startWebHost({ operations, staticDir: RENDERER_DIST, host: values.host, port });
    io.err(`Netwright serves ${guard.roots.join(', ')}. Open this URL (Ctrl+C stops):`);
    io.out(server.url);
    if (!['127.0.0.1', 'localhost', '::1'].includes(values.host))
      io.err('Warning: listening beyond this machine over plain HTTP; anyone with the URL can use these folders.');
    if (await rendererIsStale().then((stale) => stale && !values.build))
      io.err('Note: dist/renderer is missing or older than its sources; run `npm run build` to see the latest editor.');
    if (values.open) openInBrowser(server.url);
    // Best effort: a failed warm-up only means the first import is slower.
    operations.warmUp().catch(() => undefined);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await operations.close();
    return EXIT_OK;
  },
};
