import { describe, expect, it } from 'vitest';
import { decodeDesignWeights, decodeSafetensors, encodeDesignWeights, encodeSafetensors } from './safetensors.ts';
import type { WeightTensor } from './weights.ts';

const tensor = (dims: number[], values: number[]): WeightTensor => ({ dims, data: Float32Array.from(values) });

/** A file with a hand-written header, for the corruption cases. */
function withHeader(header: unknown, data: Uint8Array = new Uint8Array()): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

function failure(bytes: Uint8Array): string {
  const decoded = decodeSafetensors(bytes);
  if (decoded.ok) throw new Error('expected a failure');
  return decoded.message;
}

describe('safetensors', () => {
  it('round-trips tensors and metadata, with data aligned for float32 views', () => {
    const tensors: [string, WeightTensor][] = [
      ['conv.weight', tensor([2, 1, 3], [1, -2, 3.5, 4, 5, Number.MIN_VALUE])],
      ['conv.bias', tensor([2], [0.25, -0])],
      ['scalar', tensor([], [7])],
    ];
    const bytes = encodeSafetensors(tensors, { source: 'test' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const decoded = decodeSafetensors(bytes);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.metadata).toEqual({ source: 'test' });
    for (const [name, original] of tensors) {
      const read = decoded.tensors.get(name);
      expect(read?.dims).toEqual(original.dims);
      expect(
        new Uint8Array(read?.data.buffer ?? new ArrayBuffer(0), read?.data.byteOffset, read?.data.byteLength),
      ).toEqual(new Uint8Array(original.data.buffer));
    }
    expect(decoded.tensors.get('conv.weight')?.data.buffer).toBe(bytes.buffer);
  });

  it('copies tensors it cannot view in place', () => {
    const bytes = encodeSafetensors([['w', tensor([3], [1, 2, 3])]]);
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const decoded = decodeSafetensors(shifted);
    expect(decoded.ok && [...(decoded.tensors.get('w')?.data ?? [])]).toEqual([1, 2, 3]);
  });

  it('reads a header padded with spaces, as other writers pad it', () => {
    const data = new Uint8Array(Float32Array.of(1, 2).buffer);
    const header = JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }) + '   ';
    const json = new TextEncoder().encode(header);
    const bytes = new Uint8Array(8 + json.length + 8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    bytes.set(data, 8 + json.length);
    const decoded = decodeSafetensors(bytes);
    expect(decoded.ok && [...(decoded.tensors.get('w')?.data ?? [])]).toEqual([1, 2]);
  });

  it('refuses corrupt files with one clear message each', () => {
    const eight = new Uint8Array(8);
    expect(failure(new Uint8Array(3))).toContain('fewer than the 8-byte header length');
    expect(failure(Uint8Array.of(255, 255, 255, 255, 0, 0, 0, 0))).toContain('the header claims');
    expect(failure(withHeader('not an object'))).toContain('not a JSON object');
    const text = new TextEncoder().encode('{oops');
    const broken = new Uint8Array(8 + text.length);
    new DataView(broken.buffer).setBigUint64(0, BigInt(text.length), true);
    broken.set(text, 8);
    expect(failure(broken)).toContain('not valid JSON');
    expect(failure(withHeader({ w: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }, eight))).toContain(
      'F32 weights only',
    );
    expect(failure(withHeader({ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, eight))).toContain(
      'invalid shape',
    );
    expect(failure(withHeader({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, eight))).toContain(
      'span 8 bytes, not 12',
    );
    expect(failure(withHeader({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, eight))).toContain(
      'truncated',
    );
    expect(
      failure(
        withHeader(
          {
            a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
            b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
          },
          eight,
        ),
      ),
    ).toContain('overlaps');
    expect(failure(withHeader({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, eight))).toContain(
      'belong to no tensor',
    );
    expect(failure(withHeader({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, eight))).toContain('cover 4');
    expect(failure(withHeader({ __metadata__: { n: 1 } }))).toContain('__metadata__');
    expect(failure(withHeader({ w: { dtype: 'F32', shape: [1], data_offsets: [0] } }, eight))).toContain(
      'data_offsets',
    );
  });

  it('names design weights NODE.ROLE and reads them back by node', () => {
    const weights = new Map([
      ['conv.1', { weight: tensor([1, 1, 1], [2]), bias: tensor([1], [3]) }],
      ['bn', { scale: tensor([1], [1]), bias: tensor([1], [0]), mean: tensor([1], [0]), var: tensor([1], [1]) }],
    ]);
    const { header, chunks } = encodeDesignWeights(weights, { extra: 'x' });
    const bytes = new Uint8Array([...header, ...chunks.flatMap((chunk) => [...chunk])]);
    const decoded = decodeDesignWeights(bytes);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.metadata).toEqual({ format: 'netwright-weights', extra: 'x' });
    expect([...(decoded.weights.get('conv.1')?.bias?.data ?? [])]).toEqual([3]);
    expect(Object.keys(decoded.weights.get('bn') ?? {}).sort()).toEqual(['bias', 'mean', 'scale', 'var']);
    const stray = decodeDesignWeights(encodeSafetensors([['conv.kernel', tensor([1], [1])]]));
    expect(stray.ok || stray.message).toContain('not named NODE.ROLE');
  });
});
