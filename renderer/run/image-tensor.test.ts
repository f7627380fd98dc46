import { describe, expect, it } from 'vitest';
import { imageTensor, takesImages } from './image-tensor.ts';
import { blobPixels, squarePixels } from './samples.ts';

function solid(width: number, height: number, rgb: [number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return { width, height, data };
}

describe('imageTensor', () => {
  it('turns colour into grey luma for one channel and scales to the chosen range', () => {
    const red = solid(4, 4, [255, 0, 0]);
    expect(imageTensor(red, [1, 2, 2], 'unit')[0]).toBeCloseTo(0.299, 6);
    expect(imageTensor(red, [1, 2, 2], 'byte')[0]).toBeCloseTo(0.299 * 255, 4);
    const rgb = imageTensor(red, [3, 2, 2], 'unit');
    expect([rgb[0], rgb[4], rgb[8]]).toEqual([1, 0, 0]);
  });

  it('normalises with ImageNet statistics', () => {
    const white = imageTensor(solid(2, 2, [255, 255, 255]), [3, 1, 1], 'imagenet');
    expect(white[0]).toBeCloseTo((1 - 0.485) / 0.229, 6);
    expect(white[2]).toBeCloseTo((1 - 0.406) / 0.225, 6);
  });

  it('resizes bilinearly with half-pixel centres: a 64×64 square keeps its place at 16×16', () => {
    const small = imageTensor(squarePixels(), [1, 16, 16], 'unit');
    // The square spans columns 20..43 and rows 16..39 of 64: columns 5..10 and rows 4..9 of 16.
    expect(small[7 * 16 + 8]).toBeCloseTo(1, 6);
    expect(small[1 * 16 + 1]).toBeCloseTo(0, 6);
  });

  it('draws the blob sample in three colours', () => {
    const blobs = imageTensor(blobPixels(), [3, 64, 64], 'unit');
    expect(blobs[22 * 64 + 20]).toBeGreaterThan(0.9);
    expect(blobs[4096 + 24 * 64 + 42]).toBeGreaterThan(0.9);
    expect(blobs[2 * 4096 + 44 * 64 + 31]).toBeGreaterThan(0.9);
  });

  it('knows which inputs take images', () => {
    expect(
      [
        [1, 28, 28],
        [3, 224, 224],
        [2, 8, 8],
        [1, 100],
      ].map(takesImages),
    ).toEqual([true, true, false, false]);
  });
});
