import jpeg from 'jpeg-js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../cli/cli-error.ts';
import { decodeImage, imageToTensor, type RgbaImage } from './decode-image.ts';
import { buildInputTensor, parseNpy } from './input-tensors.ts';

async function file(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'netwright-inputs-')), name);
  await writeFile(path, bytes);
  return path;
}

/** A .npy file as NumPy writes it: magic, version 1.0, a padded header, little-endian data. */
function npy(descr: string, shape: readonly number[], values: readonly number[], fortran = false): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const width = descr === '<f8' ? 8 : 4;
  const bytes = new Uint8Array(10 + header.length + values.length * width);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), 10);
  const view = new DataView(bytes.buffer, 10 + header.length);
  values.forEach((v, i) => (width === 8 ? view.setFloat64(i * 8, v, true) : view.setFloat32(i * 4, v, true)));
  return bytes;
}

/** A 2×2 RGBA image: red, green / blue, white. */
const QUAD: RgbaImage = {
  width: 2,
  height: 2,
  data: Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]),
};

function png(image: RgbaImage): Uint8Array {
  const encoded = new PNG({ width: image.width, height: image.height });
  encoded.data = Buffer.from(image.data);
  return PNG.sync.write(encoded);
}

describe('tensor files', () => {
  it('reads float32 and float64 .npy arrays in C order', () => {
    expect(parseNpy(npy('<f4', [2, 3], [1, 2, 3, 4, 5, 6]), 'a.npy')).toEqual({
      shape: [2, 3],
      data: Float32Array.from([1, 2, 3, 4, 5, 6]),
    });
    expect(parseNpy(npy('<f8', [3], [0.5, -1, 2]), 'b.npy').data).toEqual(Float32Array.from([0.5, -1, 2]));
  });

  it('refuses other dtypes, Fortran order and truncated data with the fix', () => {
    expect(() => parseNpy(npy('<i8', [1], [0]), 'c.npy')).toThrow(/astype\(np\.float32\)/);
    expect(() => parseNpy(npy('<f4', [2, 2], [1, 2, 3, 4], true), 'd.npy')).toThrow(/Fortran order/);
    expect(() => parseNpy(npy('<f4', [2, 2], [1, 2, 3]), 'e.npy')).toThrow(/truncated/);
    expect(() => parseNpy(new TextEncoder().encode('hello world'), 'f.npy')).toThrow(UserError);
  });

  it('takes one sample for every item of the batch, or the whole batch', async () => {
    const one = await file('one.npy', npy('<f4', [1, 2], [1, 2]));
    expect(await buildInputTensor({ kind: 'file', path: one }, 'x', [1, 2], 3)).toEqual({
      dims: [3, 1, 2],
      data: Float32Array.from([1, 2, 1, 2, 1, 2]),
    });
    const whole = await file('whole.bin', new Uint8Array(Float32Array.from([1, 2, 3, 4]).buffer));
    expect((await buildInputTensor({ kind: 'file', path: whole }, 'x', [2], 2)).data).toEqual(
      Float32Array.from([1, 2, 3, 4]),
    );
  });

  it('says what a wrongly sized tensor holds and what the input needs', async () => {
    const wrong = await file('wrong.npy', npy('<f4', [3, 3], new Array<number>(9).fill(0)));
    await expect(buildInputTensor({ kind: 'file', path: wrong }, 'x', [1, 28, 28], 1)).rejects.toThrow(
      'has shape (3, 3), but the input needs (1, 28, 28) or (1, 1, 28, 28)',
    );
    const odd = await file('odd.bin', new Uint8Array(7));
    await expect(buildInputTensor({ kind: 'file', path: odd }, 'x', [1], 1)).rejects.toThrow(
      /not a whole number of float32/,
    );
    const short = await file('short.bin', new Uint8Array(8));
    await expect(buildInputTensor({ kind: 'file', path: short }, 'x', [3], 1)).rejects.toThrow(
      'has 2 values, but the input [3] needs 3 per sample',
    );
    await expect(buildInputTensor({ kind: 'file', path: '/no/such.npy' }, 'x', [3], 1)).rejects.toThrow('no such file');
  });

  it('draws seeded random inputs in [0, 1)', async () => {
    const a = await buildInputTensor({ kind: 'random', seed: 1 }, 'x', [4, 4], 2);
    expect(a.dims).toEqual([2, 4, 4]);
    expect(a.data.every((v) => v >= 0 && v < 1)).toBe(true);
    expect((await buildInputTensor({ kind: 'random', seed: 1 }, 'x', [4, 4], 2)).data).toEqual(a.data);
    expect((await buildInputTensor({ kind: 'random', seed: 2 }, 'x', [4, 4], 2)).data).not.toEqual(a.data);
  });
});

describe('images', () => {
  it('decodes PNG and JPEG by their signature', () => {
    expect(decodeImage(png(QUAD), 'quad.png')).toEqual(QUAD);
    const encoded = jpeg.encode({ width: 8, height: 8, data: new Uint8Array(256).fill(200) }, 95);
    const decoded = decodeImage(encoded.data, 'flat.jpg');
    expect([decoded.width, decoded.height]).toEqual([8, 8]);
    expect(Math.abs((decoded.data[0] ?? 0) - 200)).toBeLessThan(3);
  });

  it('refuses a corrupt or unknown file in one clear line', () => {
    const truncated = png(QUAD).slice(0, 40);
    expect(() => decodeImage(truncated, 'broken.png')).toThrow(/broken\.png is not a readable PNG image/);
    expect(() => decodeImage(Uint8Array.from([0xff, 0xd8, 0xff, 0, 1, 2]), 'broken.jpg')).toThrow(
      /not a readable JPEG/,
    );
    expect(() => decodeImage(new TextEncoder().encode('GIF89a'), 'x.gif')).toThrow(
      'x.gif is neither a PNG nor a JPEG image',
    );
  });

  it('converts to RGB channels scaled to [0, 1], with mean and std', () => {
    expect(Array.from(imageToTensor(QUAD, [3, 2, 2]))).toEqual([1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1]);
    const normalised = imageToTensor(QUAD, [3, 2, 2], { mean: [0.5], std: [0.5] });
    expect(Array.from(normalised.subarray(0, 4))).toEqual([1, -1, -1, 1]);
  });

  it('converts to grey with BT.601 luma', () => {
    const grey = imageToTensor(QUAD, [1, 2, 2]);
    expect(Array.from(grey).map((v) => Number(v.toFixed(3)))).toEqual([0.299, 0.587, 0.114, 1]);
  });

  it('resizes bilinearly with half-pixel centres', () => {
    const ramp: RgbaImage = { width: 2, height: 1, data: Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 255]) };
    // Centres of 4 outputs over 2 inputs sit at -0.25, 0.25, 0.75, 1.25 (clamped).
    expect(Array.from(imageToTensor(ramp, [1, 1, 4]))).toEqual([0, 0.25, 0.75, 1]);
    expect(imageToTensor(QUAD, [3, 1, 1])[0]).toBeCloseTo(0.5, 5);
  });

  it('explains inputs an image cannot feed', () => {
    expect(() => imageToTensor(QUAD, [1000])).toThrow(/\[C, H, W\]/);
    expect(() => imageToTensor(QUAD, [2, 4, 4])).toThrow(/1 \(grey\) or 3 \(RGB\) channels, but this input has 2/);
    expect(() => imageToTensor(QUAD, [3, 4, 4], { mean: [0, 0] })).toThrow(/--mean has 2 values/);
  });
});
