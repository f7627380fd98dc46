import { describe, expect, it } from 'vitest';
import { sliceLeading } from './slice-leading.ts';

describe('sliceLeading', () => {
  const data = Array.from({ length: 24 }, (_, i) => i);

  it('keeps the first channels of a [1, C, H, W] map', () => {
    const sliced = sliceLeading(data, [1, 3, 2, 4], [1, 2]);
    expect(sliced.dims).toEqual([1, 2, 2, 4]);
    expect([...sliced.data]).toEqual(data.slice(0, 16));
  });

  it('keeps the first filters and input channels of a kernel', () => {
    const sliced = sliceLeading(data, [3, 4, 2], [2, 1]);
    expect(sliced.dims).toEqual([2, 1, 2]);
    expect([...sliced.data]).toEqual([0, 1, 8, 9]);
  });

  it('keeps everything when the counts are large', () => {
    expect(sliceLeading(data, [4, 6], [10, 10]).data).toHaveLength(24);
  });
});
