import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FolderGuard } from './folder-guard.ts';

let root: string;
let outside: string;
let guard: FolderGuard;

beforeAll(async () => {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'netwright-guard-')));
  root = join(base, 'root');
  outside = join(base, 'outside');
  await mkdir(join(root, 'designs'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'designs', 'lenet.json'), '{}');
  await writeFile(join(outside, 'secret.txt'), 'secret');
  await symlink(join(outside, 'secret.txt'), join(root, 'secret-link.txt'));
  await symlink(outside, join(root, 'outside-folder'));
  await symlink(join(root, 'designs', 'lenet.json'), join(root, 'inside-link.json'));
  guard = await FolderGuard.create([root]);
});

describe('FolderGuard', () => {
  it('resolves files inside the roots, relative paths from the first root', async () => {
    expect(await guard.resolveExisting(join(root, 'designs', 'lenet.json'))).toBe(join(root, 'designs', 'lenet.json'));
    expect(await guard.resolveExisting('designs/lenet.json')).toBe(join(root, 'designs', 'lenet.json'));
    expect(await guard.resolveExisting(root)).toBe(root);
  });

  it('refuses paths outside the roots, with ".." and through symbolic links', async () => {
    await expect(guard.resolveExisting(join(outside, 'secret.txt'))).rejects.toThrow(/outside the folders/);
    await expect(guard.resolveExisting('/etc/passwd')).rejects.toThrow(/outside the folders/);
    await expect(guard.resolveExisting('designs/../../outside/secret.txt')).rejects.toThrow(/may not contain "\.\."/);
    await expect(guard.resolveExisting(`${root}/designs/../designs/lenet.json`)).rejects.toThrow(/"\.\."/);
    await expect(guard.resolveExisting(join(root, 'secret-link.txt'))).rejects.toThrow(/outside the folders/);
    await expect(guard.resolveExisting(join(root, 'outside-folder', 'secret.txt'))).rejects.toThrow(/outside/);
    await expect(guard.resolveExisting('a\u0000b')).rejects.toThrow(/NUL/);
  });

  it('follows links that stay inside the roots', async () => {
    expect(await guard.resolveExisting(join(root, 'inside-link.json'))).toBe(join(root, 'designs', 'lenet.json'));
  });

  it('says "missing" only for paths inside the roots', async () => {
    await expect(guard.resolveExisting('designs/nothing.json')).rejects.toThrow(/no such file/);
    await expect(guard.resolveExisting(join(outside, 'nothing.json'))).rejects.toThrow(/outside the folders/);
  });

  it('places new files inside the roots and refuses to write elsewhere', async () => {
    expect(await guard.resolveForWrite('designs/new.json')).toBe(join(root, 'designs', 'new.json'));
    expect(await guard.resolveForWrite(join(root, 'inside-link.json'))).toBe(join(root, 'designs', 'lenet.json'));
    await expect(guard.resolveForWrite(join(outside, 'new.json'))).rejects.toThrow(/outside the folders/);
    await expect(guard.resolveForWrite(join(root, 'outside-folder', 'new.json'))).rejects.toThrow(/outside/);
    await expect(guard.resolveForWrite(join(root, 'secret-link.txt'))).rejects.toThrow(/outside the folders/);
    await expect(guard.resolveForWrite('../new.json')).rejects.toThrow(/"\.\."/);
    await expect(guard.resolveForWrite('designs')).rejects.toThrow(/is a folder/);
    await expect(guard.resolveForWrite('missing-folder/new.json')).rejects.toThrow(/no such file or folder/);
  });

  it('refuses roots that are not folders', async () => {
    await expect(FolderGuard.create([join(root, 'missing')])).rejects.toThrow(/no such folder/);
    await expect(FolderGuard.create([join(root, 'designs', 'lenet.json')])).rejects.toThrow(/not a folder/);
    await expect(FolderGuard.create([])).rejects.toThrow(/at least one folder/);
  });
});
