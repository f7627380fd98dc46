/**
 * Images as network inputs in the renderer: RGBA pixels (decoded by the browser) resized to the
 * input's height and width with bilinear interpolation (half-pixel centres, like PyTorch's
 * align_corners=False), grey (ITU-R BT.601 luma) for one channel or RGB for three, then scaled.
 * The resizing is the engine's own (engine/core/signal/resize-image.ts), so a file dropped here and
 * the same file run from the command line feed the same values.
 */

import { resizeImageToTensor, type RgbaPixels } from '../../engine/core/signal/resize-image.ts';

export type { RgbaPixels };

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
  const colour = channels === 3 ? 3 : 1;
  return resizeImageToTensor(image, colour, height, width, (value, c) => scale(value, c, colour, range));
}
