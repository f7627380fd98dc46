import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.ts';

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temporary file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'netwright-atomic-'));
    const path = join(folder, 'design.json');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(folder)).toEqual(['design.json']);
  });

  it('leaves the target untouched and cleans up when the final rename fails', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'netwright-atomic-'));
    const target = join(folder, 'occupied');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'kept');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['occupied']);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('kept');
  });
});
