import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.ts';

describe('Outbox', () => {
  it('holds messages until the page has loaded, then sends them in order', () => {
    const sent: unknown[] = [];
    const outbox = new Outbox((channel, value) => sent.push([channel, value]));
    outbox.post('open', 'a.json');
    outbox.post('recover', { name: 'x' });
    expect(sent).toEqual([]);
    outbox.opened();
    expect(sent).toEqual([
      ['open', 'a.json'],
      ['recover', { name: 'x' }],
    ]);
    outbox.post('open', 'b.json');
    expect(sent).toHaveLength(3);
  });

  it('holds again while the page reloads', () => {
    const sent: unknown[] = [];
    const outbox = new Outbox((channel, value) => sent.push([channel, value]));
    outbox.opened();
    outbox.closed();
    outbox.post('open', 'c.json');
    expect(sent).toEqual([]);
    outbox.opened();
    expect(sent).toEqual([['open', 'c.json']]);
  });
});
