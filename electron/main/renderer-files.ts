/**
 * Serves the built renderer (dist/renderer) on the app's own origin, `netwright://app/`, so the
 * Content-Security-Policy's 'self' means exactly these files. A request that would leave the
 * folder, or names a hidden file, gets nothing.
 */
import { extname, join, relative, isAbsolute } from 'node:path';
import { RENDERER_CONTENT_TYPES } from '../../engine/node/host/web-server.ts';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './window-policy.ts';

/** The file under `root` that a request URL names, or undefined when it names none it may serve. */
export function rendererFileFor(url: string, root: string): string | undefined {
  let parsed: URL;
  let pathname: string;
  try {
    parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  const parts = pathname.split('/').filter((part) => part !== '');
  if (parts.some((part) => part.startsWith('.') || part.includes('\\') || part.includes('\u0000'))) return undefined;
  const file = join(root, ...(parts.length === 0 ? ['index.html'] : parts));
  const inside = relative(root, file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? file : undefined;
}

/** The headers a renderer file goes out with. */
export function rendererHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': RENDERER_CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}
