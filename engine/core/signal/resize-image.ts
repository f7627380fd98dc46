/**
 * Images as network inputs, the same in the engine and the renderer so a file dropped in the app
 * and the same file run from the command line feed the same values: RGBA pixels resized to the
 * input's height and width with bilinear interpolation (half-pixel centres, like PyTorch's
 * align_corners=False), grey (ITU-R BT.601 luma) for one channel or RGB for three, in [0, 1].
 */

/** Decoded pixels, 4 bytes (RGBA) per pixel, row by row. */
export interface RgbaPixels {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/** Maps a pixel value in [0, 1] of one channel to what the network reads (mean/std, a byte range…). */
export type PixelScale = (value: number, channel: number) => number;

/** The image as a [channels, height, width] tensor; `channels` is 1 (grey) or 3 (RGB). */
export function resizeImageToTensor(
  image: RgbaPixels,
  channels: 1 | 3,
  height: number,
  width: number,
  scale: PixelScale,
): Float32Array {
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
      if (channels === 1) out[pixel] = scale(0.299 * r + 0.587 * g + 0.114 * b, 0);
      else for (let c = 0; c < 3; c++) out[c * height * width + pixel] = scale(rgb[c] ?? 0, c);
    }
  }
  return out;
}
