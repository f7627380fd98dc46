import type { Shape } from './conv-arithmetic.ts';
import { bracketShape, defineLayer, type LayerIssue } from './layer.ts';

export const add = defineLayer({
  type: 'Add',
  category: 'merge',
  summary: 'Sums two or more tensors of the same shape: the residual connection of ResNet.',
  help: 'y = x₁ + x₂ + …, elementwise. Every input must have the same shape. A skip connection around a block lets it learn a residual F(x) = y − x, which keeps very deep networks trainable. No parameters.',
  params: {},
  inputs: { min: 2, max: Number.POSITIVE_INFINITY },
  hasOutput: true,
  describe: () => '',
  infer(inputs) {
    const [first] = inputs;
    if (!first || inputs.length < 2)
      return {
        error: {
          code: 'missing-input',
          message: `needs at least 2 inputs, got ${inputs.length}; connect the skip branch too`,
        },
      };
    for (const [port, shape] of inputs.entries()) {
      if (!sameShape(first, shape)) return { error: mismatch(first, shape, port) };
    }
    return { shape: first };
  },
});

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/** Names both shapes and, where a 1×1 projection would fix it, the Conv to insert and on which branch. */
function mismatch(first: Shape, other: Shape, port: number): LayerIssue {
  const base = `needs inputs of identical shape, but input 0 is ${bracketShape(first)} and input ${port} is ${bracketShape(other)}`;
  if (first.length !== other.length || first.length < 2)
    return { code: 'shape-mismatch', message: `${base}; make both branches end in the same shape` };
  // Project the branch with the larger spatial extent onto the other one: a strided 1×1 Conv can shrink, not grow.
  const firstIsLarger = first.slice(1).every((n, i) => n >= (other[i + 1] ?? 0));
  const [from, to, fromPort] = firstIsLarger ? [first, other, 0] : [other, first, port];
  const strides = from.slice(1).map((n, i) => Math.ceil(n / (to[i + 1] ?? 1)));
  const projectable = from.slice(1).every((n, i) => Math.floor((n - 1) / (strides[i] ?? 1)) + 1 === to[i + 1]);
  if (!projectable)
    return { code: 'shape-mismatch', message: `${base}; make both branches end in the same spatial size` };
  const stride = strides.every((s) => s === strides[0]) ? String(strides[0]) : `[${strides.join(', ')}]`;
  return {
    code: 'shape-mismatch',
    message: `${base}; put a 1×1 Conv projection (outChannels ${to[0]}, kernelSize 1, stride ${stride}) on the input ${fromPort} branch`,
  };
}
