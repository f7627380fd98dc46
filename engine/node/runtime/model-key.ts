/**
 * The content key of a lowered design: a hash of everything that determines its ONNX bytes, without
 * producing the weights. The structure is hashed as encoded; each initializer by how its values arise
 * (seed and stream, constant, or the SHA-256 of the design's own array, computed once per array).
 */
import { toBinary } from '@bufbuild/protobuf';
import { createHash } from 'node:crypto';
import { ModelProtoSchema } from 'onnx-buf';
import type { LoweredModel, TensorSource } from '../../core/index.ts';

const contentHashes = new WeakMap<Float32Array, string>();

function fingerprint(source: TensorSource): string {
  switch (source.kind) {
    case 'data': {
      let hash = contentHashes.get(source.data);
      if (!hash) {
        hash = createHash('sha256')
          .update(new Uint8Array(source.data.buffer, source.data.byteOffset, source.data.byteLength))
          .digest('hex');
        contentHashes.set(source.data, hash);
      }
      return `data:${hash}`;
    }
    case 'uniform':
      return `uniform:${source.seed}:${source.bound}:${source.stream}`;
    case 'constant':
      return `constant:${source.value}`;
  }
}

export function modelKey(lowered: LoweredModel): string {
  const hash = createHash('sha256').update(toBinary(ModelProtoSchema, lowered.model));
  for (const initializer of lowered.initializers) {
    hash.update(JSON.stringify([initializer.name, initializer.dims, fingerprint(initializer.source)]));
  }
  return hash.digest('hex');
}
