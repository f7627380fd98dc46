/**
 * safetensors (https://huggingface.co/docs/safetensors): the weights file that travels beside a graph
 * document. An 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
 * and byte range, then the raw little-endian data. It is the format PyTorch, JAX and the Hugging Face
 * tools read natively, it cannot carry code (unlike pickles), and a reader can check every offset
 * before touching the data. Netwright writes and reads F32 only.
 *
 * Decoding never trusts the file: the header is validated, every offset bounds-checked, the byte
 * ranges must tile the data without holes or overlaps, and any problem is one clear message.
 */
import { getTextEncoding } from '@bufbuild/protobuf/wire';
import { weightTensorName, type DesignWeights, type WeightRole, type WeightTensor } from './weights.ts';

/** Largest JSON header a reader accepts; the reference implementation uses the same cap. */
const MAX_HEADER_BYTES = 100_000_000;
const HEADER_LENGTH_BYTES = 8;
/** Tensor data starts on this boundary so a reader can view it as float32 without copying. */
const DATA_ALIGNMENT = 8;
const WEIGHT_ROLES: readonly WeightRole[] = ['weight', 'bias', 'scale', 'mean', 'var'];

export interface SafetensorsChunks {
  /** The length prefix and the JSON header, padded with spaces to an 8-byte boundary. */
  readonly header: Uint8Array;
  /** Each tensor's bytes, in header order; views of the tensors' own data, never copies. */
  readonly chunks: readonly Uint8Array[];
  readonly byteLength: number;
}

export type DecodedSafetensors =
  | {
      readonly ok: true;
      readonly tensors: ReadonlyMap<string, WeightTensor>;
      readonly metadata: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly message: string };

export type DecodedDesignWeights =
  | { readonly ok: true; readonly weights: DesignWeights; readonly metadata: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly message: string };

function bytesOf(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Lays out a safetensors file as a header plus the tensors' own bytes, so a writer can stream a
 * large file without assembling it in memory. Tensors are written in the order given.
 */
export function encodeSafetensorsChunks(
  tensors: Iterable<readonly [string, WeightTensor]>,
  metadata: Readonly<Record<string, string>> = {},
): SafetensorsChunks {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header['__metadata__'] = metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of tensors) {
    if (name === '__metadata__' || Object.hasOwn(header, name))
      throw new Error(`duplicate or reserved tensor name "${name}"`);
    const expected = tensor.dims.reduce((product, dim) => product * dim, 1);
    if (expected !== tensor.data.length)
      throw new Error(
        `tensor "${name}" has dims [${tensor.dims.join(', ')}] (${expected} values) but ${tensor.data.length} values`,
      );
    header[name] = { dtype: 'F32', shape: tensor.dims, data_offsets: [offset, offset + tensor.data.byteLength] };
    chunks.push(bytesOf(tensor.data));
    offset += tensor.data.byteLength;
  }
  let json = JSON.stringify(header);
  const { encodeUtf8 } = getTextEncoding();
  const unpadded = encodeUtf8(json).length;
  json += ' '.repeat((DATA_ALIGNMENT - ((HEADER_LENGTH_BYTES + unpadded) % DATA_ALIGNMENT)) % DATA_ALIGNMENT);
  const jsonBytes = encodeUtf8(json);
  const headerBytes = new Uint8Array(HEADER_LENGTH_BYTES + jsonBytes.length);
  new DataView(headerBytes.buffer).setBigUint64(0, BigInt(jsonBytes.length), true);
  headerBytes.set(jsonBytes, HEADER_LENGTH_BYTES);
  return { header: headerBytes, chunks, byteLength: headerBytes.length + offset };
}

/** Encodes tensors as one safetensors file in memory. */
export function encodeSafetensors(
  tensors: Iterable<readonly [string, WeightTensor]>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const { header, chunks, byteLength } = encodeSafetensorsChunks(tensors, metadata);
  const bytes = new Uint8Array(byteLength);
  bytes.set(header, 0);
  let offset = header.length;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

interface HeaderEntry {
  readonly name: string;
  readonly dims: readonly number[];
  readonly begin: number;
  readonly end: number;
}

function parseEntry(name: string, value: unknown, dataLength: number): HeaderEntry | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `tensor "${name}" is not described by an object`;
  const entry = value as Record<string, unknown>;
  const { dtype, shape, data_offsets: offsets } = entry;
  if (dtype !== 'F32')
    return `tensor "${name}" has dtype ${JSON.stringify(dtype)}; Netwright reads F32 weights only (convert them to float32)`;
  if (!Array.isArray(shape) || !shape.every(isWholeNumber))
    return `tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isWholeNumber))
    return `tensor "${name}" has invalid data_offsets ${JSON.stringify(offsets)}`;
  const [begin, end] = offsets as [number, number];
  const count = shape.reduce((product, dim) => product * dim, 1);
  if (!Number.isSafeInteger(count * 4) || end < begin || end - begin !== count * 4)
    return `tensor "${name}" has shape [${shape.join(', ')}] but its data_offsets [${begin}, ${end}] span ${end - begin} bytes, not ${count * 4}`;
  if (end > dataLength)
    return `tensor "${name}" ends at byte ${end} of the data but the file holds only ${dataLength} bytes of data (truncated?)`;
  return { name, dims: shape, begin, end };
}

/**
 * Decodes a safetensors file. Float32 data aligned in `bytes` is viewed, not copied: the tensors
 * share memory with `bytes`.
 */
export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors {
  const fail = (message: string): DecodedSafetensors => ({
    ok: false,
    message: `not a valid safetensors file: ${message}`,
  });
  if (bytes.length < HEADER_LENGTH_BYTES)
    return fail(`it has ${bytes.length} bytes, fewer than the 8-byte header length`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - HEADER_LENGTH_BYTES)))
    return fail(
      `the header claims ${headerLength} bytes but the file has ${bytes.length - HEADER_LENGTH_BYTES} after the length`,
    );
  const dataStart = HEADER_LENGTH_BYTES + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(getTextEncoding().decodeUtf8(bytes.subarray(HEADER_LENGTH_BYTES, dataStart), true));
  } catch (error) {
    return fail(`the header is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    return fail('the header is not a JSON object');
  const dataLength = bytes.length - dataStart;
  const entries: HeaderEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (
        typeof value !== 'object' ||
        value === null ||
        Array.isArray(value) ||
        !Object.values(value as object).every((v) => typeof v === 'string')
      )
        return fail('__metadata__ must map strings to strings');
      metadata = value as Record<string, string>;
      continue;
    }
    const entry = parseEntry(name, value, dataLength);
    if (typeof entry === 'string') return fail(entry);
    entries.push(entry);
  }
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const entry of byOffset) {
    if (entry.begin !== covered)
      return fail(
        entry.begin < covered
          ? `tensor "${entry.name}" overlaps another tensor's bytes at offset ${entry.begin}`
          : `bytes ${covered} to ${entry.begin} of the data belong to no tensor`,
      );
    covered = entry.end;
  }
  if (covered !== dataLength) return fail(`the data has ${dataLength} bytes but the tensors cover ${covered}`);
  const tensors = new Map<string, WeightTensor>();
  for (const entry of entries) {
    const start = bytes.byteOffset + dataStart + entry.begin;
    const count = (entry.end - entry.begin) / 4;
    let data: Float32Array;
    if (start % 4 === 0) data = new Float32Array(bytes.buffer, start, count);
    else {
      data = new Float32Array(count);
      new Uint8Array(data.buffer).set(bytes.subarray(dataStart + entry.begin, dataStart + entry.end));
    }
    tensors.set(entry.name, { dims: entry.dims, data });
  }
  return { ok: true, tensors, metadata };
}

/** The tensors of a design's weights, named `${nodeId}.${role}`, in node then role order. */
export function designWeightTensors(weights: DesignWeights): [string, WeightTensor][] {
  const tensors: [string, WeightTensor][] = [];
  for (const [nodeId, nodeWeights] of weights) {
    for (const role of WEIGHT_ROLES) {
      const tensor = nodeWeights[role];
      if (tensor) tensors.push([weightTensorName(nodeId, role), tensor]);
    }
  }
  return tensors;
}

/** Encodes a design's weights as safetensors chunks, for a streaming writer. */
export function encodeDesignWeights(
  weights: DesignWeights,
  metadata: Readonly<Record<string, string>> = {},
): SafetensorsChunks {
  return encodeSafetensorsChunks(designWeightTensors(weights), { format: 'netwright-weights', ...metadata });
}

/** Decodes a design's weights file: every tensor must be named `${nodeId}.${role}` with a known role. */
export function decodeDesignWeights(bytes: Uint8Array): DecodedDesignWeights {
  const decoded = decodeSafetensors(bytes);
  if (!decoded.ok) return decoded;
  const byNode = new Map<string, Partial<Record<WeightRole, WeightTensor>>>();
  for (const [name, tensor] of decoded.tensors) {
    const dot = name.lastIndexOf('.');
    const role = name.slice(dot + 1);
    if (dot <= 0 || !(WEIGHT_ROLES as readonly string[]).includes(role))
      return {
        ok: false,
        message: `not a Netwright weights file: tensor "${name}" is not named NODE.ROLE with a role of ${WEIGHT_ROLES.join(', ')}`,
      };
    const nodeId = name.slice(0, dot);
    const nodeWeights = byNode.get(nodeId) ?? {};
    nodeWeights[role as WeightRole] = tensor;
    byNode.set(nodeId, nodeWeights);
  }
  return { ok: true, weights: byNode, metadata: decoded.metadata };
}
