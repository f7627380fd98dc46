/**
 * Images as network inputs in the renderer: RGBA pixels (decoded by the browser) resized to the
 * input's height and width with bilinear interpolation (half-pixel centres, like PyTorch's
 * align_corners=False), grey (ITU-R BT.601 luma) for one channel or RGB for three, then scaled.
 * The same conventions as the engine's image decoding (engine/node/runtime/decode-image.ts), so a
 * file dropped here and the same file run from the command line feed the same values.
 */

/** Decoded pixels, 4 bytes (RGBA) per pixel, row by row. */
export interface RgbaPixels {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

export const PIXEL_RANGES = ['unit', 'byte', 'imagenet'] as const;
export type PixelRange = (typeof PIXEL_RANGES)[number];

export const PIXEL_RANGE_LABELS: Readonly<Record<PixelRange, string>> = {
  unit: '0 to 1',
  byte: '0 to 255',
  imagenet: 'ImageNet mean/std',
};

/** torchvision's ImageNet normalisation, after scaling to [0, 1]. */
const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

function scale(value: number, channel: number, channels: number, range: PixelRange): number {
  switch (range) {
    case 'unit':
      return value;
    case 'byte':
      return value * 255;
    case 'imagenet': {
      // A grey input takes the luma-weighted average of the RGB statistics.
      const mean = channels === 1 ? 0.299 * 0.485 + 0.587 * 0.456 + 0.114 * 0.406 : (IMAGENET_MEAN[channel] ?? 0);
      const std = channels === 1 ? 0.299 * 0.229 + 0.587 * 0.224 + 0.114 * 0.225 : (IMAGENET_STD[channel] ?? 1);
      return (value - mean) / std;
    }
  }
}

/** True when an input of this shape can take an image: [1 or 3, H, W]. */
export function takesImages(shape: readonly number[]): boolean {
  return shape.length === 3 && (shape[0] === 1 || shape[0] === 3);
}

/** The image as a [C, H, W] tensor for an input of `shape` (C is 1 or 3). */
export function imageTensor(image: RgbaPixels, shape: readonly number[], range: PixelRange): Float32Array {
  const [channels = 1, height = 0, width = 0] = shape;
  const out = new Float32Array(channels * height * width);
  const scaleY = image.height / height;
  const scaleX = image.width / width;
  const rgb = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), image.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), image.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const fx = sx - x0;
      for (let c = 0; c < 3; c++) {
        const at = (row: number, column: number) => image.data[(row * image.width + column) * 4 + c] ?? 0;
        const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
        const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
        rgb[c] = (top * (1 - fy) + bottom * fy) / 255;
      }
      const [r = 0, g = 0, b = 0] = rgb;
      const pixel = y * width + x;
      if (channels === 1) out[pixel] = scale(0.299 * r + 0.587 * g + 0.114 * b, 0, 1, range);
      else for (let c = 0; c < 3; c++) out[c * height * width + pixel] = scale(rgb[c] ?? 0, c, 3, range);
    }
  }
  return out;
}
