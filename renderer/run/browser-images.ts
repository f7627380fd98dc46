/**
 * Decoding images in the browser: a bundled sample by URL or a file the user dropped, drawn on a
 * canvas to read its RGBA pixels. Large pictures are scaled down first (the network input is
 * small; the pixels are only resized again, bilinearly, to its shape).
 */
import type { RgbaPixels } from './image-tensor.ts';

/** Longest side kept from a decoded picture. */
const MAX_SIDE = 1024;

function pixelsOf(source: CanvasImageSource, width: number, height: number): RgbaPixels {
  const factor = Math.min(1, MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * factor));
  const h = Math.max(1, Math.round(height * factor));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, w, h);
  const image = context.getImageData(0, 0, w, h);
  return { width: w, height: h, data: image.data };
}

/** Decodes the image at `url` (same origin or a data: URL). */
export async function pixelsFromUrl(url: string): Promise<RgbaPixels> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return pixelsOf(image, image.naturalWidth, image.naturalHeight);
}

/** Decodes an image file the user chose or dropped; fails with a clear message for anything else. */
export async function pixelsFromFile(file: Blob & { readonly name?: string }): Promise<RgbaPixels> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`${file.name ?? 'the file'} is not an image this browser can decode`);
  }
  try {
    return pixelsOf(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
