/**
 * What a run feeds each model input: seeded random values, an image, a tensor file or values in
 * memory, shaped [batch, ...shape]. Tensor files are NumPy .npy (float32 or float64, C order) or raw
 * .bin (float32 little-endian, no header); either may hold one sample or the whole batch.
 */
import { readFile } from 'node:fs/promises';
import { elementCount, SeededRandom } from '../../core/index.ts';
import { UserError } from '../cli/cli-error.ts';
import { decodeImage, imageToTensor, type ImageNormalisation } from './decode-image.ts';

export type InputSource =
  /** Uniform in [0, 1), the range of a decoded image, from `seed` (one stream per input name). */
  | { readonly kind: 'random'; readonly seed: number }
  | ({ readonly kind: 'image'; readonly path: string } & ImageNormalisation)
  /** A .npy or raw float32 .bin file. */
  | { readonly kind: 'file'; readonly path: string }
  /** Values in memory: one sample, or the whole batch. */
  | { readonly kind: 'values'; readonly data: Float32Array };

export interface FedTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UserError(`cannot read ${path}: ${reason}`);
  }
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Reads a NumPy .npy array of float32 or float64 in C order. */
export function parseNpy(
  bytes: Uint8Array,
  name: string,
): { readonly shape: readonly number[]; readonly data: Float32Array } {
  if (bytes.length < 10 || NPY_MAGIC.some((byte, i) => bytes[i] !== byte))
    throw new UserError(`${name} is not a NumPy .npy file (it lacks the \\x93NUMPY signature)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6] ?? 0;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new UserError(`${name} has a malformed .npy header`);
  if (fortran === 'True')
    throw new UserError(`${name} is in Fortran order; save it with np.save(path, np.ascontiguousarray(a))`);
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  if (shape.some((dim) => !Number.isSafeInteger(dim) || dim < 0))
    throw new UserError(`${name} has a malformed .npy shape (${shapeText})`);
  const count = elementCount(shape);
  const start = headerStart + headerLength;
  const width = descr === '<f4' ? 4 : descr === '<f8' ? 8 : 0;
  if (width === 0)
    throw new UserError(
      `${name} holds '${descr}' values; Netwright reads float32 ('<f4') or float64 ('<f8'): save it with a.astype(np.float32)`,
    );
  if (bytes.length - start !== count * width)
    throw new UserError(
      `${name} is truncated or padded: its shape (${shape.join(', ')}) needs ${count * width} bytes of data, it has ${bytes.length - start}`,
    );
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++)
    data[i] = width === 4 ? view.getFloat32(start + i * 4, true) : view.getFloat64(start + i * 8, true);
  return { shape, data };
}

/** Repeats one sample `batch` times, or takes a whole batch as it is. */
function batchOf(values: Float32Array, shape: readonly number[], batch: number, what: string): FedTensor {
  const sample = elementCount(shape);
  const dims = [batch, ...shape];
  if (values.length === sample * batch) return { dims, data: values };
  if (values.length === sample) {
    const data = new Float32Array(sample * batch);
    for (let b = 0; b < batch; b++) data.set(values, b * sample);
    return { dims, data };
  }
  throw new UserError(
    `${what} has ${values.length.toLocaleString('en-US')} values, but the input [${shape.join(', ')}] needs ${sample.toLocaleString('en-US')} per sample${batch > 1 ? ` (or ${(sample * batch).toLocaleString('en-US')} for the batch of ${batch})` : ''}`,
  );
}

/** Builds the tensor for one input, named `name`, of per-sample `shape`. */
export async function buildInputTensor(
  source: InputSource,
  name: string,
  shape: readonly number[],
  batch: number,
): Promise<FedTensor> {
  switch (source.kind) {
    case 'random': {
      const dims = [batch, ...shape];
      const data = new Float32Array(elementCount(dims));
      new SeededRandom(source.seed, `input:${name}`).fillUniform(data, 0, 1);
      return { dims, data };
    }
    case 'image': {
      const image = decodeImage(await readInputFile(source.path), source.path);
      return batchOf(imageToTensor(image, shape, source), shape, batch, source.path);
    }
    case 'file': {
      const bytes = await readInputFile(source.path);
      if (source.path.toLowerCase().endsWith('.npy')) {
        const { shape: fileShape, data } = parseNpy(bytes, source.path);
        const fits = [shape, [batch, ...shape]].some(
          (s) => s.length === fileShape.length && s.every((dim, i) => dim === fileShape[i]),
        );
        if (!fits)
          throw new UserError(
            `${source.path} has shape (${fileShape.join(', ')}), but the input needs (${shape.join(', ')}) or (${[batch, ...shape].join(', ')})`,
          );
        return batchOf(data, shape, batch, source.path);
      }
      if (bytes.length % 4 !== 0)
        throw new UserError(
          `${source.path} has ${bytes.length} bytes, not a whole number of float32 values; .bin files are raw float32 little-endian`,
        );
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const data = new Float32Array(bytes.length / 4);
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
      return batchOf(data, shape, batch, source.path);
    }
    case 'values':
      return batchOf(source.data, shape, batch, `the values for input "${name}"`);
  }
}
