/**
 * Decoding an ONNX file: the ModelProto itself (through onnx-buf's generated schema), its tensors in
 * every storage the format allows, and node attributes. Nothing here trusts the file: every problem
 * is returned as a message, never thrown.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { getTextEncoding } from '@bufbuild/protobuf/wire';
import {
  AttributeProto_AttributeType,
  ModelProtoSchema,
  TensorProto_DataLocation,
  TensorProto_DataType,
  type AttributeProto,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';

/** The oldest IR version the importer reads (ONNX 1.0 wrote 3). */
export const MIN_IR_VERSION = 3;

/** Reads the bytes of an external-data file named in a tensor, relative to the model's folder. */
export type ExternalDataReader = (location: string) => Uint8Array | undefined;

export interface DecodedModel {
  readonly model: ModelProto;
  readonly graph: GraphProto;
  /** The version of the default (ai.onnx) operator set. */
  readonly opset: number;
  readonly irVersion: number;
}

export type DecodeResult =
  { readonly ok: true; readonly decoded: DecodedModel } | { readonly ok: false; readonly message: string };

/** Decodes and sanity-checks a ModelProto: a graph, a supported IR version and an ai.onnx opset. */
export function decodeModel(bytes: Uint8Array): DecodeResult {
  let model: ModelProto;
  try {
    // A plain view, so that sub-arrays of a Node Buffer behave as Uint8Arrays do.
    model = fromBinary(ModelProtoSchema, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `not a valid ONNX model: the protobuf does not decode (${detail}); the file may be truncated or corrupt`,
    };
  }
  const irVersion = Number(model.irVersion);
  if (!model.graph || (model.graph.node.length === 0 && model.graph.output.length === 0))
    return { ok: false, message: 'not a valid ONNX model: it has no graph (is this really an .onnx file?)' };
  if (irVersion < MIN_IR_VERSION)
    return {
      ok: false,
      message: `ONNX IR version ${irVersion} is older than ${MIN_IR_VERSION}, the oldest this importer reads; re-export the model with a newer exporter`,
    };
  const defaultSet = model.opsetImport.find((set) => set.domain === '' || set.domain === 'ai.onnx');
  if (!defaultSet) return { ok: false, message: 'not a valid ONNX model: it imports no ai.onnx operator set version' };
  return { ok: true, decoded: { model, graph: model.graph, opset: Number(defaultSet.version), irVersion } };
}

export type TensorRead<T> =
  | { readonly ok: true; readonly dims: readonly number[]; readonly data: T }
  | { readonly ok: false; readonly message: string };

const FLOAT_TYPES: ReadonlySet<number> = new Set([
  TensorProto_DataType.FLOAT,
  TensorProto_DataType.FLOAT16,
  TensorProto_DataType.BFLOAT16,
  TensorProto_DataType.DOUBLE,
]);

/** Byte width in raw_data of the integer types the importer reads (shapes, axes, indices). */
const INTEGER_WIDTHS: ReadonlyMap<number, { readonly bytes: number; readonly signed: boolean }> = new Map([
  [TensorProto_DataType.INT64, { bytes: 8, signed: true }],
  [TensorProto_DataType.UINT64, { bytes: 8, signed: false }],
  [TensorProto_DataType.INT32, { bytes: 4, signed: true }],
  [TensorProto_DataType.UINT32, { bytes: 4, signed: false }],
  [TensorProto_DataType.INT16, { bytes: 2, signed: true }],
  [TensorProto_DataType.UINT16, { bytes: 2, signed: false }],
  [TensorProto_DataType.INT8, { bytes: 1, signed: true }],
  [TensorProto_DataType.UINT8, { bytes: 1, signed: false }],
  [TensorProto_DataType.BOOL, { bytes: 1, signed: false }],
]);

/** The name of a TensorProto data type, for messages. */
export function dataTypeName(dataType: number): string {
  return TensorProto_DataType[dataType] ?? `data type ${dataType}`;
}

export function isFloatType(dataType: number): boolean {
  return FLOAT_TYPES.has(dataType);
}

export function isIntegerType(dataType: number): boolean {
  return INTEGER_WIDTHS.has(dataType);
}

function tensorLabel(tensor: TensorProto): string {
  return tensor.name ? `tensor "${tensor.name}"` : 'a constant tensor';
}

/** Dims as numbers, checked: non-negative and with a representable element count. */
function readDims(tensor: TensorProto): { dims: number[]; count: number } | string {
  const dims = tensor.dims.map(Number);
  let count = 1;
  for (const dim of dims) {
    if (!Number.isSafeInteger(dim) || dim < 0) return `${tensorLabel(tensor)} has an invalid dimension ${dim}`;
    count *= dim;
  }
  if (!Number.isSafeInteger(count) || count > 2 ** 32)
    return `${tensorLabel(tensor)} has dims [${dims.join(', ')}], more elements than a weight can hold`;
  return { dims, count };
}

/** The raw bytes of a tensor: raw_data, or its external file's range. Undefined when it uses the typed fields. */
function rawBytes(tensor: TensorProto, readExternal: ExternalDataReader | undefined): Uint8Array | string | undefined {
  if (tensor.dataLocation !== TensorProto_DataLocation.EXTERNAL)
    return tensor.rawData.length > 0 ? tensor.rawData : undefined;
  const entries = new Map(tensor.externalData.map((entry) => [entry.key, entry.value]));
  const location = entries.get('location');
  if (!location) return `${tensorLabel(tensor)} is stored externally but names no location`;
  const file = readExternal?.(location);
  if (!file)
    return `${tensorLabel(tensor)} is stored in the external data file "${location}", which is not beside the model; copy it next to the .onnx file`;
  const offset = Number(entries.get('offset') ?? '0');
  const length = entries.has('length') ? Number(entries.get('length')) : file.length - offset;
  if (
    !Number.isSafeInteger(offset) ||
    !Number.isSafeInteger(length) ||
    offset < 0 ||
    length < 0 ||
    offset + length > file.length
  )
    return `${tensorLabel(tensor)} reads bytes ${offset} to ${offset + length} of "${location}", which has only ${file.length} bytes`;
  return file.subarray(offset, offset + length);
}

function float16ToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function bfloat16ToFloat32(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, (bits & 0xffff) << 16);
  return view.getFloat32(0);
}

/** Converts raw float16, bfloat16 or double bytes to float32. */
function convertRawFloats(raw: Uint8Array, dataType: TensorProto_DataType, count: number): Float32Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    if (dataType === TensorProto_DataType.DOUBLE) out[i] = view.getFloat64(i * 8, true);
    else if (dataType === TensorProto_DataType.FLOAT16) out[i] = float16ToFloat32(view.getUint16(i * 2, true));
    else out[i] = bfloat16ToFloat32(view.getUint16(i * 2, true));
  }
  return out;
}

/**
 * Float32 raw_data as a Float32Array. Aligned data is viewed in place. Unaligned data must be
 * copied; the copy is deferred to the first read of `data`, so opening a 241 MB model to look at
 * it copies nothing, and only export or save pay for it.
 */
function rawFloat32(dims: readonly number[], raw: Uint8Array, count: number): TensorRead<Float32Array> {
  if (raw.byteOffset % 4 === 0) return { ok: true, dims, data: new Float32Array(raw.buffer, raw.byteOffset, count) };
  let copy: Float32Array | undefined;
  return {
    ok: true,
    dims,
    get data(): Float32Array {
      if (!copy) {
        copy = new Float32Array(count);
        new Uint8Array(copy.buffer).set(raw);
      }
      return copy;
    },
  };
}

function floatWidth(dataType: TensorProto_DataType): number {
  return dataType === TensorProto_DataType.DOUBLE ? 8 : dataType === TensorProto_DataType.FLOAT ? 4 : 2;
}

/**
 * A floating-point tensor as float32: float, float16, bfloat16 and double, from raw_data, the typed
 * fields (float_data, double_data, or int32_data holding 16-bit floats) or external data.
 */
export function readFloatTensor(tensor: TensorProto, readExternal?: ExternalDataReader): TensorRead<Float32Array> {
  const fail = (message: string): TensorRead<Float32Array> => ({ ok: false, message });
  if (!FLOAT_TYPES.has(tensor.dataType))
    return fail(
      `${tensorLabel(tensor)} holds ${dataTypeName(tensor.dataType)} values; the design keeps float weights only`,
    );
  if (tensor.segment) return fail(`${tensorLabel(tensor)} is split into segments, which the importer does not read`);
  const shape = readDims(tensor);
  if (typeof shape === 'string') return fail(shape);
  const { dims, count } = shape;
  const raw = rawBytes(tensor, readExternal);
  if (typeof raw === 'string') return fail(raw);
  const mismatch = (have: number): TensorRead<Float32Array> =>
    fail(`${tensorLabel(tensor)} has dims [${dims.join(', ')}] (${count} values) but stores ${have}`);
  const dataType = tensor.dataType as TensorProto_DataType;
  if (raw) {
    const width = floatWidth(dataType);
    if (raw.length !== count * width) return mismatch(raw.length / width);
    if (dataType === TensorProto_DataType.FLOAT) return rawFloat32(dims, raw, count);
    return { ok: true, dims, data: convertRawFloats(raw, dataType, count) };
  }
  if (dataType === TensorProto_DataType.FLOAT)
    return tensor.floatData.length === count
      ? { ok: true, dims, data: Float32Array.from(tensor.floatData) }
      : mismatch(tensor.floatData.length);
  if (dataType === TensorProto_DataType.DOUBLE)
    return tensor.doubleData.length === count
      ? { ok: true, dims, data: Float32Array.from(tensor.doubleData) }
      : mismatch(tensor.doubleData.length);
  // float16 and bfloat16 keep their bits in int32_data, one value per entry.
  const convert = dataType === TensorProto_DataType.FLOAT16 ? float16ToFloat32 : bfloat16ToFloat32;
  return tensor.int32Data.length === count
    ? { ok: true, dims, data: Float32Array.from(tensor.int32Data, convert) }
    : mismatch(tensor.int32Data.length);
}

/** An integer tensor (shapes, axes, indices) as numbers; int64 values beyond 2^53 lose precision, which only sentinels such as INT64_MAX use. */
export function readIntegerTensor(
  tensor: TensorProto,
  readExternal?: ExternalDataReader,
): TensorRead<readonly number[]> {
  const fail = (message: string): TensorRead<readonly number[]> => ({ ok: false, message });
  const width = INTEGER_WIDTHS.get(tensor.dataType);
  if (!width)
    return fail(`${tensorLabel(tensor)} holds ${dataTypeName(tensor.dataType)} values where integers are expected`);
  const shape = readDims(tensor);
  if (typeof shape === 'string') return fail(shape);
  const { dims, count } = shape;
  if (count > 1_000_000)
    return fail(`${tensorLabel(tensor)} has ${count} integers, far more than any shape or axis list`);
  const raw = rawBytes(tensor, readExternal);
  if (typeof raw === 'string') return fail(raw);
  const mismatch = (have: number): TensorRead<readonly number[]> =>
    fail(`${tensorLabel(tensor)} has dims [${dims.join(', ')}] (${count} values) but stores ${have}`);
  if (raw) {
    if (raw.length !== count * width.bytes) return mismatch(raw.length / width.bytes);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const data: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * width.bytes;
      switch (width.bytes) {
        case 8:
          data.push(Number(width.signed ? view.getBigInt64(at, true) : view.getBigUint64(at, true)));
          break;
        case 4:
          data.push(width.signed ? view.getInt32(at, true) : view.getUint32(at, true));
          break;
        case 2:
          data.push(width.signed ? view.getInt16(at, true) : view.getUint16(at, true));
          break;
        default:
          data.push(width.signed ? view.getInt8(at) : view.getUint8(at));
      }
    }
    return { ok: true, dims, data };
  }
  const dataType = tensor.dataType as TensorProto_DataType;
  const typed =
    dataType === TensorProto_DataType.INT64
      ? tensor.int64Data.map(Number)
      : dataType === TensorProto_DataType.UINT64 || dataType === TensorProto_DataType.UINT32
        ? tensor.uint64Data.map(Number)
        : tensor.int32Data;
  return typed.length === count ? { ok: true, dims, data: typed } : mismatch(typed.length);
}

/** A node's attributes by name. */
export class NodeAttributes {
  private readonly byName: ReadonlyMap<string, AttributeProto>;

  constructor(node: NodeProto) {
    this.byName = new Map(node.attribute.map((attribute) => [attribute.name, attribute]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  int(name: string, fallback: number): number {
    const attribute = this.byName.get(name);
    return attribute ? Number(attribute.i) : fallback;
  }

  float(name: string, fallback: number): number {
    const attribute = this.byName.get(name);
    if (!attribute) return fallback;
    // Some old exporters wrote float attributes as ints (e.g. LpPool-1's p).
    return attribute.type === AttributeProto_AttributeType.INT ? Number(attribute.i) : attribute.f;
  }

  ints(name: string): readonly number[] | undefined {
    const attribute = this.byName.get(name);
    return attribute ? attribute.ints.map(Number) : undefined;
  }

  floats(name: string): readonly number[] | undefined {
    return this.byName.get(name)?.floats;
  }

  string(name: string, fallback: string): string {
    const attribute = this.byName.get(name);
    return attribute ? getTextEncoding().decodeUtf8(attribute.s) : fallback;
  }

  tensor(name: string): TensorProto | undefined {
    return this.byName.get(name)?.t;
  }
}
