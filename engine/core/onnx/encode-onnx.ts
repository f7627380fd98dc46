/**
 * Encodes a lowered model as ONNX bytes without sending the weights through the generic protobuf
 * encoder (which copies every byte several times and reaches only 120-250 MB/s). onnx-buf encodes
 * the model and each initializer's header; the framing around the weights is protobuf's own, written
 * with its BinaryWriter: ModelProto field 7 (graph) and GraphProto field 5 (initializer) are
 * length-delimited, and so is TensorProto field 9 (raw_data), whose payload is the float32 values in
 * little-endian order, streamed straight from their arrays. Protobuf lets fields come in any order and
 * merges the parts of a message field, so the initializers may follow the rest of the graph.
 */
import { clearField, clone, create, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import {
  GraphProtoSchema,
  ModelProtoSchema,
  TensorProto_DataLocation,
  TensorProto_DataType,
  TensorProtoSchema,
} from 'onnx-buf';
import { elementCount } from '../layers/conv-arithmetic.ts';
import { openTensorStream } from './initialize-weights.ts';
import type { LoweredModel, OnnxInitializer } from './lower-to-onnx.ts';

const MODEL_GRAPH_FIELD = 7;
const GRAPH_INITIALIZER_FIELD = 5;
const TENSOR_RAW_DATA_FIELD = 9;
const FLOAT32_BYTES = 4;

/** Protobuf's limit on one message: a model above it keeps its weights in an external data file. */
export const MAX_INLINE_MODEL_BYTES = 2 ** 31 - 1;
/** Tensors smaller than this stay inline even in a model with external data (onnx's own default). */
const EXTERNAL_MIN_TENSOR_BYTES = 1024;
/** External tensors start on page boundaries, so a runtime can map them in place. */
const EXTERNAL_ALIGNMENT = 4096;

/** A piece of an ONNX file, in order: encoded bytes, an initializer's values, or zero padding. */
export type OnnxPart =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'tensor'; readonly initializer: OnnxInitializer; readonly elements: number }
  | { readonly kind: 'padding'; readonly byteLength: number };

export interface OnnxFileLayout {
  readonly parts: readonly OnnxPart[];
  readonly byteLength: number;
  /** The weights file beside the model, when the model uses ONNX external data. */
  readonly externalData?: {
    /** Its name relative to the model's folder, as written in the model. */
    readonly location: string;
    readonly parts: readonly OnnxPart[];
    readonly byteLength: number;
  };
}

/** The size of a part in bytes. */
export function partByteLength(part: OnnxPart): number {
  switch (part.kind) {
    case 'bytes':
      return part.bytes.length;
    case 'tensor':
      return part.elements * FLOAT32_BYTES;
    case 'padding':
      return part.byteLength;
  }
}

function varintLength(value: number): number {
  let length = 1;
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) length++;
  return length;
}

/** A length-delimited field's tag and length prefix. */
function fieldHeaderLength(field: number, length: number): number {
  return varintLength(field << 3) + varintLength(length);
}

function tensorHeader(
  initializer: OnnxInitializer,
  external?: { location: string; offset: number; length: number },
): Uint8Array {
  return toBinary(
    TensorProtoSchema,
    create(TensorProtoSchema, {
      dims: initializer.dims.map(BigInt),
      dataType: TensorProto_DataType.FLOAT,
      name: initializer.name,
      ...(external
        ? {
            dataLocation: TensorProto_DataLocation.EXTERNAL,
            externalData: [
              { key: 'location', value: external.location },
              { key: 'offset', value: String(external.offset) },
              { key: 'length', value: String(external.length) },
            ],
          }
        : {}),
    }),
  );
}

function modelHead(lowered: LoweredModel): Uint8Array {
  const head = clone(ModelProtoSchema, lowered.model);
  clearField(head, ModelProtoSchema.field.graph);
  return toBinary(ModelProtoSchema, head);
}

function graphBody(lowered: LoweredModel): Uint8Array {
  return toBinary(GraphProtoSchema, lowered.model.graph ?? create(GraphProtoSchema));
}

/** The size of the model as one file with every weight inline, without building it. */
export function inlineByteLength(lowered: LoweredModel): number {
  let graphLength = graphBody(lowered).length;
  for (const initializer of lowered.initializers) {
    const payload = elementCount(initializer.dims) * FLOAT32_BYTES;
    const tensorLength = tensorHeader(initializer).length + fieldHeaderLength(TENSOR_RAW_DATA_FIELD, payload) + payload;
    graphLength += fieldHeaderLength(GRAPH_INITIALIZER_FIELD, tensorLength) + tensorLength;
  }
  return modelHead(lowered).length + fieldHeaderLength(MODEL_GRAPH_FIELD, graphLength) + graphLength;
}

/**
 * Lays the model out as parts to write in order. With `externalDataLocation`, every initializer of
 * 1 KB or more goes to that file instead (ONNX external data, for models over 2 GB).
 */
export function layoutOnnxModel(lowered: LoweredModel, externalDataLocation?: string): OnnxFileLayout {
  const graph = graphBody(lowered);
  const initializerParts: OnnxPart[] = [];
  const externalParts: OnnxPart[] = [];
  let graphLength = graph.length;
  let externalLength = 0;
  for (const initializer of lowered.initializers) {
    const elements = elementCount(initializer.dims);
    const payload = elements * FLOAT32_BYTES;
    const framing = new BinaryWriter();
    if (externalDataLocation !== undefined && payload >= EXTERNAL_MIN_TENSOR_BYTES) {
      const offset = Math.ceil(externalLength / EXTERNAL_ALIGNMENT) * EXTERNAL_ALIGNMENT;
      if (offset > externalLength) externalParts.push({ kind: 'padding', byteLength: offset - externalLength });
      externalParts.push({ kind: 'tensor', initializer, elements });
      externalLength = offset + payload;
      const header = tensorHeader(initializer, { location: externalDataLocation, offset, length: payload });
      framing.tag(GRAPH_INITIALIZER_FIELD, WireType.LengthDelimited).uint32(header.length).raw(header);
      const bytes = framing.finish();
      initializerParts.push({ kind: 'bytes', bytes });
      graphLength += bytes.length;
      continue;
    }
    const header = tensorHeader(initializer);
    const tensorLength = header.length + fieldHeaderLength(TENSOR_RAW_DATA_FIELD, payload) + payload;
    framing
      .tag(GRAPH_INITIALIZER_FIELD, WireType.LengthDelimited)
      .uint32(tensorLength)
      .raw(header)
      .tag(TENSOR_RAW_DATA_FIELD, WireType.LengthDelimited)
      .uint32(payload);
    const bytes = framing.finish();
    initializerParts.push({ kind: 'bytes', bytes }, { kind: 'tensor', initializer, elements });
    graphLength += bytes.length + payload;
  }
  const head = new BinaryWriter()
    .raw(modelHead(lowered))
    .tag(MODEL_GRAPH_FIELD, WireType.LengthDelimited)
    .uint32(graphLength)
    .raw(graph)
    .finish();
  const parts: OnnxPart[] = [{ kind: 'bytes', bytes: head }, ...initializerParts];
  return {
    parts,
    byteLength: head.length + graphLength - graph.length,
    ...(externalDataLocation !== undefined
      ? { externalData: { location: externalDataLocation, parts: externalParts, byteLength: externalLength } }
      : {}),
  };
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of float32 values in little-endian order: a view on little-endian hosts, a swapped copy otherwise. */
export function littleEndianBytes(values: Float32Array): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * FLOAT32_BYTES, values[i] as number, true);
  return bytes;
}

/**
 * Values produced per chunk while encoding: 256 K floats, 1 MB, small enough to stay in the
 * processor's cache between being generated and being copied to the file (16 MB chunks were slower).
 */
export const TENSOR_CHUNK_ELEMENTS = 1 << 18;

/** Copies parts into `target` from `offset`; returns the offset after them. */
export function copyParts(
  parts: readonly OnnxPart[],
  target: Uint8Array,
  offset: number,
  scratch: Float32Array,
): number {
  let at = offset;
  for (const part of parts) {
    switch (part.kind) {
      case 'bytes':
        target.set(part.bytes, at);
        at += part.bytes.length;
        break;
      case 'padding':
        target.fill(0, at, at + part.byteLength);
        at += part.byteLength;
        break;
      case 'tensor': {
        const stream = openTensorStream(part.initializer.source, part.elements);
        while (stream.remaining > 0) {
          const bytes = littleEndianBytes(stream.next(scratch));
          target.set(bytes, at);
          at += bytes.length;
        }
        break;
      }
    }
  }
  return at;
}

/**
 * The whole model as one byte array, weights inline: for tests, the browser and models that a
 * runtime loads from memory. Throws RangeError above ONNX's 2 GB limit for a single file.
 */
export function encodeOnnxModel(lowered: LoweredModel): Uint8Array {
  const byteLength = inlineByteLength(lowered);
  if (byteLength > MAX_INLINE_MODEL_BYTES)
    throw new RangeError(
      `the model is ${(byteLength / 1e9).toFixed(2)} GB, over ONNX's 2 GB limit for one file; export it to a file, which keeps the weights in an external data file`,
    );
  const layout = layoutOnnxModel(lowered);
  const bytes = new Uint8Array(layout.byteLength);
  const largest = Math.max(0, ...layout.parts.map((part) => (part.kind === 'tensor' ? part.elements : 0)));
  copyParts(layout.parts, bytes, 0, new Float32Array(Math.min(largest, TENSOR_CHUNK_ELEMENTS)));
  return bytes;
}
