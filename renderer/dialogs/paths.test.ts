import { describe, expect, it } from 'vitest';
import { childPath, parentPath, pathSegments, withExtension } from './paths.ts';

describe('file dialog paths', () => {
  it('joins and splits POSIX and Windows paths', () => {
    expect(childPath('/work', 'a.json')).toBe('/work/a.json');
    expect(childPath('/', 'a.json')).toBe('/a.json');
    expect(childPath('C:\\Users\\ana', 'a.json')).toBe('C:\\Users\\ana\\a.json');
    expect(parentPath('/work/designs')).toBe('/work');
    expect(parentPath('/work')).toBe('/');
    expect(parentPath('C:\\Users')).toBe('C:\\');
  });

  it('lists the crumbs below a root', () => {
    expect(pathSegments('/work', '/work/designs/cnn')).toEqual([
      { name: '/work', path: '/work' },
      { name: 'designs', path: '/work/designs' },
      { name: 'cnn', path: '/work/designs/cnn' },
    ]);
  });

  it('adds a missing extension only', () => {
    expect(withExtension('lenet', '.json')).toBe('lenet.json');
    expect(withExtension('lenet.JSON', '.json')).toBe('lenet.JSON');
  });
});
