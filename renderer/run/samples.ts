/**
 * The sample inputs bundled with the app: four real MNIST digits (samples/SOURCES.md) and two
 * images drawn here, a square (edges in every direction, for edge-detecting filters) and colour
 * blobs (for RGB inputs).
 */
import type { RgbaPixels } from './image-tensor.ts';

export interface Sample {
  readonly id: string;
  /** A short name for the button. */
  readonly label: string;
  /** What it is, for the tooltip and the input's caption. */
  readonly description: string;
  readonly source:
    { readonly kind: 'url'; readonly url: string } | { readonly kind: 'drawn'; readonly pixels: () => RgbaPixels };
}

function mnist(digit: number, url: URL): Sample {
  return {
    id: `mnist-${digit}`,
    label: String(digit),
    description: `MNIST digit ${digit} (28×28, grey)`,
    source: { kind: 'url', url: url.href },
  };
}

const SIZE = 64;

function draw(paint: (x: number, y: number) => readonly [number, number, number]): RgbaPixels {
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b] = paint(x, y);
      data.set([r, g, b, 255], (y * SIZE + x) * 4);
    }
  return { width: SIZE, height: SIZE, data };
}

/** A white square on black, off centre so a shift shows. */
export function squarePixels(): RgbaPixels {
  return draw((x, y) => (x >= 20 && x < 44 && y >= 16 && y < 40 ? [255, 255, 255] : [0, 0, 0]));
}

/** Three soft blobs, red, green and blue, on black. */
export function blobPixels(): RgbaPixels {
  const blob = (x: number, y: number, cx: number, cy: number) => Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 90);
  return draw((x, y) => [255 * blob(x, y, 20, 22), 255 * blob(x, y, 42, 24), 255 * blob(x, y, 31, 44)]);
}

export const SAMPLES: readonly Sample[] = [
  mnist(0, new URL('./samples/mnist-0.jpg', import.meta.url)),
  mnist(3, new URL('./samples/mnist-3.jpg', import.meta.url)),
  mnist(5, new URL('./samples/mnist-5.jpg', import.meta.url)),
  mnist(7, new URL('./samples/mnist-7.jpg', import.meta.url)),
  {
    id: 'square',
    label: 'Square',
    description: 'A white square on black (drawn)',
    source: { kind: 'drawn', pixels: squarePixels },
  },
  {
    id: 'blobs',
    label: 'Blobs',
    description: 'Red, green and blue blobs (drawn)',
    source: { kind: 'drawn', pixels: blobPixels },
  },
];

export function sampleById(id: string): Sample | undefined {
  return SAMPLES.find((sample) => sample.id === id);
}
