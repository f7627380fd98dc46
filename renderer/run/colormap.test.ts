import { describe, expect, it } from 'vitest';
import { colorOf, paintValues, rangeOf } from './colormap.ts';

describe('colour scales', () => {
  it('draws grey from black at the low end to white at the high end', () => {
    expect(colorOf('grey', 2, 2, 6)).toEqual([0, 0, 0]);
    expect(colorOf('grey', 6, 2, 6)).toEqual([255, 255, 255]);
    expect(colorOf('grey', 4, 2, 6)).toEqual([127.5, 127.5, 127.5]);
  });

  it('centres the diverging scale on zero, whatever the range', () => {
    expect(colorOf('diverging', 0, -1, 3)).toEqual([247, 247, 247]);
    const [r, , b] = colorOf('diverging', 3, -1, 3);
    expect(r).toBeGreaterThan(b);
    const [r2, , b2] = colorOf('diverging', -3, -1, 3);
    expect(b2).toBeGreaterThan(r2);
  });

  it('runs viridis from dark purple to yellow', () => {
    expect(colorOf('viridis', 0, 0, 1)).toEqual([68, 1, 84]);
    expect(colorOf('viridis', 1, 0, 1)).toEqual([253, 231, 37]);
  });

  it('finds the range of finite values and paints RGBA', () => {
    expect(rangeOf([3, Number.NaN, -2, 7])).toEqual([-2, 7]);
    expect(rangeOf([Number.NaN])).toEqual([0, 0]);
    expect([...paintValues([0, 1, 2], 1, 2, 'grey', 1, 2)]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect([...paintValues([Number.NaN], 0, 1, 'viridis', 0, 1)]).toEqual([0, 0, 0, 0]);
  });
});
