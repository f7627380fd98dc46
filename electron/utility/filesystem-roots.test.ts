import { describe, expect, it } from 'vitest';
import { filesystemRoots } from './filesystem-roots.ts';

describe('filesystemRoots', () => {
  it('is / on Linux and macOS', () => {
    expect(filesystemRoots('linux', () => false)).toEqual(['/']);
    expect(filesystemRoots('darwin', () => false)).toEqual(['/']);
  });

  it('lists the drives present on Windows, never probing A: or B:', () => {
    const probed: string[] = [];
    const roots = filesystemRoots('win32', (drive) => {
      probed.push(drive);
      return drive === 'C:\\' || drive === 'E:\\';
    });
    expect(roots).toEqual(['C:\\', 'E:\\']);
    expect(probed).not.toContain('A:\\');
    expect(probed).toHaveLength(24);
  });
});
