import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererFileFor, rendererHeaders } from './renderer-files.ts';
import { CONTENT_SECURITY_POLICY } from './window-policy.ts';

const root = join('/app', 'dist', 'renderer');

describe('rendererFileFor', () => {
  it('maps app URLs to files of the built renderer', () => {
    expect(rendererFileFor('netwright://app/', root)).toBe(join(root, 'index.html'));
    expect(rendererFileFor('netwright://app/index.html', root)).toBe(join(root, 'index.html'));
    expect(rendererFileFor('netwright://app/assets/index-3f2a.js?v=1#x', root)).toBe(
      join(root, 'assets', 'index-3f2a.js'),
    );
    expect(rendererFileFor('netwright://app/assets/a%20b.css', root)).toBe(join(root, 'assets', 'a b.css'));
  });

  it('serves nothing outside the folder, hidden, or from another origin', () => {
    // Dot segments are resolved by URL rules first, and never climb above the origin's root.
    expect(rendererFileFor('netwright://app/../../package.json', root)).toBe(join(root, 'package.json'));
    expect(rendererFileFor('netwright://app/assets/%2e%2e/%2e%2e/package.json', root)).toBe(join(root, 'package.json'));
    for (const url of [
      'netwright://app/%2e%2e%2fpackage.json',
      'netwright://app/assets/..%5c..%5cpackage.json',
      'netwright://app/.env',
      'netwright://app/a%00b.js',
      'netwright://app/%E0%A4%A',
      'netwright://elsewhere/index.html',
      'file:///app/dist/renderer/index.html',
    ])
      expect(rendererFileFor(url, root), url).toBeUndefined();
  });
});

describe('rendererHeaders', () => {
  it('names the content type and carries the policy', () => {
    expect(rendererHeaders('/app/dist/renderer/assets/index.js')).toMatchObject({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    expect(rendererHeaders('/app/dist/renderer/index.html')['Content-Type']).toBe('text/html; charset=utf-8');
    expect(rendererHeaders('/app/dist/renderer/model.bin')['Content-Type']).toBe('application/octet-stream');
  });
});
