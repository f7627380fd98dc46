import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererIsStale } from './renderer-build.ts';

describe('rendererIsStale', () => {
  it('is true without a build, false after one, and true again once a source changes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'netwright-build-'));
    await mkdir(join(root, 'renderer', 'canvas'), { recursive: true });
    await writeFile(join(root, 'renderer', 'canvas', 'Canvas.tsx'), '');
    const past = new Date(Date.now() - 60_000);
    await utimes(join(root, 'renderer', 'canvas', 'Canvas.tsx'), past, past);
    await utimes(join(root, 'renderer', 'canvas'), past, past);
    await utimes(join(root, 'renderer'), past, past);
    expect(await rendererIsStale(root)).toBe(true);

    await mkdir(join(root, 'dist', 'renderer'), { recursive: true });
    await writeFile(join(root, 'dist', 'renderer', 'index.html'), '');
    expect(await rendererIsStale(root)).toBe(false);

    const future = new Date(Date.now() + 60_000);
    await utimes(join(root, 'renderer', 'canvas', 'Canvas.tsx'), future, future);
    expect(await rendererIsStale(root)).toBe(true);
  });
});
