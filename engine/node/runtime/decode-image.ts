/**
 * Images as network inputs: PNG (pngjs) or JPEG (jpeg-js) decoded, resized bilinearly to the input's
 * height and width, converted to its channel count (grey or RGB), scaled to [0, 1], then normalised
 * with an optional per-channel mean and standard deviation, as torchvision's transforms do.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { resizeImageToTensor } from '../../core/signal/resize-image.ts';
import { UserError } from '../cli/cli-error.ts';

/** Decoded pixels, 4 bytes (RGBA) per pixel, row by row. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Larger images are refused before decoding, so a hostile file cannot exhaust memory. */
const MAX_PIXELS = 100_000_000;

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Tells PNG from JPEG by their signatures, whatever the file is called. */
export function looksLikeImage(bytes: Uint8Array): boolean {
  return isPng(bytes) || isJpeg(bytes);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Decodes a PNG or JPEG file's bytes; `name` is for messages. */
export function decodeImage(bytes: Uint8Array, name: string): RgbaImage {
  if (isPng(bytes)) {
    if (bytes.length >= 24) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const pixels = view.getUint32(16) * view.getUint32(20);
      if (pixels > MAX_PIXELS)
        throw new UserError(
          `${name} has ${pixels.toLocaleString('en-US')} pixels; images up to 100 megapixels are read`,
        );
    }
    try {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return {
        width: png.width,
        height: png.height,
        data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      };
    } catch (error) {
      throw new UserError(`${name} is not a readable PNG image: ${describeError(error)}`);
    }
  }
  if (isJpeg(bytes)) {
    try {
      const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6 });
      return { width: image.width, height: image.height, data: image.data };
    } catch (error) {
      throw new UserError(`${name} is not a readable JPEG image: ${describeError(error)}`);
    }
  }
  throw new UserError(`${name} is neither a PNG nor a JPEG image`);
}

export interface ImageNormalisation {
  /** Per channel (or one for all), subtracted after scaling to [0, 1]. */
  readonly mean?: readonly number[];
  /** Per channel (or one for all), divided by after the mean. */
  readonly std?: readonly number[];
}

function perChannel(name: string, values: readonly number[] | undefined, channels: number, fallback: number): number[] {
  if (!values) return Array.from({ length: channels }, () => fallback);
  if (values.length === 1) return Array.from({ length: channels }, () => values[0] as number);
  if (values.length !== channels)
    throw new UserError(
      `--${name} has ${values.length} values but the input has ${channels} channels; give ${channels} or one`,
    );
  return [...values];
}

/**
 * The image as a [C, H, W] float tensor for an input of `shape` = [C, H, W]: resized with bilinear
 * interpolation (half-pixel centres, like PyTorch's align_corners=False), grey (ITU-R BT.601 luma)
 * for one channel or RGB for three, scaled to [0, 1] and normalised.
 */
export function imageToTensor(
  image: RgbaImage,
  shape: readonly number[],
  normalisation: ImageNormalisation = {},
): Float32Array {
  if (shape.length !== 3)
    throw new UserError(
      `an image feeds an input of shape [C, H, W], but this input is [${shape.join(', ')}]; use --input random or a tensor file`,
    );
  const [channels = 0, height = 0, width = 0] = shape;
  if (channels !== 1 && channels !== 3)
    throw new UserError(
      `an image gives 1 (grey) or 3 (RGB) channels, but this input has ${channels}; use --input random or a tensor file`,
    );
  const mean = perChannel('mean', normalisation.mean, channels, 0);
  const std = perChannel('std', normalisation.std, channels, 1);
  if (std.some((s) => s === 0)) throw new UserError('--std must not contain 0');
  return resizeImageToTensor(image, channels, height, width, (value, c) => (value - (mean[c] ?? 0)) / (std[c] ?? 1));
}
