import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigDir, RecentFiles } from './recent-files.ts';

describe('RecentFiles', () => {
  it('keeps the most recent first, without duplicates, across restarts', async () => {
    const config = join(await mkdtemp(join(tmpdir(), 'netwright-recent-')), 'config');
    const recent = await RecentFiles.load(config);
    await recent.add('/a.json');
    await recent.add('/b.json');
    await recent.add('/a.json');
    expect(recent.list()).toEqual(['/a.json', '/b.json']);
    expect((await RecentFiles.load(config)).list()).toEqual(['/a.json', '/b.json']);
    expect(JSON.parse(await readFile(join(config, 'recent.json'), 'utf8'))).toEqual({ recent: ['/a.json', '/b.json'] });
  });

  it('keeps the list for the session when the config folder cannot be written', async () => {
    const blocker = join(await mkdtemp(join(tmpdir(), 'netwright-recent-')), 'a-file');
    await writeFile(blocker, '');
    const recent = await RecentFiles.load(join(blocker, 'config'));
    await recent.add('/a.json');
    expect(recent.list()).toEqual(['/a.json']);
  });

  it('starts empty from a malformed file', async () => {
    const config = await mkdtemp(join(tmpdir(), 'netwright-recent-'));
    await writeFile(join(config, 'recent.json'), '{"recent": 5}');
    expect((await RecentFiles.load(config)).list()).toEqual([]);
  });

  it('follows each platform convention, and NETWRIGHT_CONFIG_DIR first', () => {
    expect(defaultConfigDir({ NETWRIGHT_CONFIG_DIR: '/x' }, 'linux')).toBe('/x');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/home/u/.cfg' }, 'linux')).toBe('/home/u/.cfg/netwright');
    expect(defaultConfigDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32')).toMatch(/Roaming.Netwright$/);
  });
});
