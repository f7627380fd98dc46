import { describe, expect, it } from 'vitest';
import { DEFAULT_NODE_SIZE } from '../../engine/core/index.ts';
import { lenetDocument } from '../testing/memory-host.ts';
import { CARD_SIZE, layOut } from './layout.ts';

describe('layOut', () => {
  it('plans with the size the templates were laid out with', () => {
    expect(CARD_SIZE).toEqual(DEFAULT_NODE_SIZE);
  });

  it('places a chain top to bottom without overlaps', async () => {
    const laidOut = await layOut(lenetDocument());
    const ys = laidOut.nodes.map((node) => node.position?.y ?? Number.NaN);
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThanOrEqual((ys[i - 1] ?? 0) + CARD_SIZE.height);
  });
});
