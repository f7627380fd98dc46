/**
 * The first entries along the leading axes of a row-major tensor, e.g. the first 16 channels of a
 * feature map or the first 64 filters of a kernel: how a bounded view of a large tensor is cut.
 */
export function sliceLeading(
  data: ArrayLike<number>,
  dims: readonly number[],
  counts: readonly number[],
): { readonly dims: readonly number[]; readonly data: Float32Array } {
  if (counts.length > dims.length)
    throw new RangeError(`a rank-${dims.length} tensor has no ${counts.length} leading axes to slice`);
  const kept = dims.map((dim, axis) => Math.min(dim, Math.max(0, counts[axis] ?? dim)));
  const out = new Float32Array(kept.reduce((product, dim) => product * dim, 1));
  // Copy whole runs of the trailing, unsliced axes at once.
  let inner = 1;
  let split = dims.length;
  while (split > 0 && kept[split - 1] === dims[split - 1]) inner *= dims[--split] ?? 1;
  const outer = kept.slice(0, split);
  const strides = dims.map((_, axis) => dims.slice(axis + 1).reduce((product, dim) => product * dim, 1));
  const index = outer.map(() => 0);
  const runs = outer.reduce((product, dim) => product * dim, 1);
  for (let run = 0; run < runs; run++) {
    let source = 0;
    for (let axis = 0; axis < outer.length; axis++) source += (index[axis] ?? 0) * (strides[axis] ?? 0);
    for (let i = 0; i < inner; i++) out[run * inner + i] = data[source + i] ?? 0;
    for (let axis = outer.length - 1; axis >= 0; axis--) {
      index[axis] = (index[axis] ?? 0) + 1;
      if ((index[axis] ?? 0) < (outer[axis] ?? 0)) break;
      index[axis] = 0;
    }
  }
  return { dims: kept, data: out };
}
