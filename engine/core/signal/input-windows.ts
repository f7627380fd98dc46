/**
 * Where each output position of each node reads the network's input: per spatial axis, output
 * position y sees input samples [y·jump − start, y·jump − start + size). The analysis' receptive
 * field has the size and the jump; this adds the start (how far padding pushes the window out),
 * which says exactly which positions see only real input and never the border.
 */
import type { GraphAnalysis, NodeAnalysis } from '../analysis/analyze-graph.ts';
import { perAxis, resolvePads } from '../layers/conv-arithmetic.ts';
import { resolveAxis } from '../layers/axis.ts';
import type { PaddingMode } from '../layers/params.ts';
import { resolveParams } from '../layers/params.ts';
import { isLayerType, layerOf } from '../layers/registry.ts';

export interface AxisWindow {
  /** Input samples before position 0 that output position 0 reaches (padding). */
  readonly start: number;
  /** Input samples between neighbouring outputs (the product of the strides so far). */
  readonly jump: number;
  /** Input samples one output sees. */
  readonly size: number;
}

/** One AxisWindow per spatial axis, or 'global' where every output sees the whole input. */
export type InputWindow = readonly AxisWindow[] | 'global';

const WINDOWED = new Set(['Conv', 'MaxPool', 'AvgPool', 'LpPool']);
const GLOBAL = new Set(['GlobalAvgPool', 'GlobalMaxPool', 'Flatten', 'Dense']);

interface WindowParams {
  readonly kernelSize: number | readonly number[];
  readonly stride: number | readonly number[];
  readonly dilation?: number | readonly number[];
  readonly padding: number | readonly number[] | PaddingMode;
}

function slide(field: readonly AxisWindow[], analyzed: NodeAnalysis): InputWindow | undefined {
  const type = analyzed.node.type;
  if (!isLayerType(type)) return undefined;
  const resolved = resolveParams(layerOf(type).params, analyzed.node.params);
  const input = analyzed.inputs[0]?.shape;
  if (!resolved.ok || !input) return undefined;
  const params = resolved.values as unknown as WindowParams;
  const spatial = input.slice(1);
  const kernel = perAxis(params.kernelSize, spatial.length);
  const stride = perAxis(params.stride, spatial.length);
  // AvgPool and LpPool have no dilation.
  const dilation = perAxis(params.dilation ?? 1, spatial.length);
  if (!kernel || !stride || !dilation) return undefined;
  const pads = resolvePads(spatial, { kernel, stride, dilation, padding: params.padding });
  if (!pads) return undefined;
  return field.map((axis, i) => ({
    start: axis.start + (pads.begin[i] ?? 0) * axis.jump,
    jump: axis.jump * (stride[i] ?? 1),
    size: axis.size + (dilation[i] ?? 1) * ((kernel[i] ?? 1) - 1) * axis.jump,
  }));
}

/** Several inputs of one shape (Add, channel Concat): each output sees the union of their windows. */
function merge(fields: readonly InputWindow[]): InputWindow {
  const [first, ...rest] = fields;
  if (!first || first === 'global' || rest.some((field) => field === 'global')) return 'global';
  return first.map((axis, i) => {
    const all = [axis, ...rest.map((field) => (field as readonly AxisWindow[])[i] ?? axis)];
    const start = Math.max(...all.map((a) => a.start));
    const end = Math.max(...all.map((a) => a.size - a.start));
    return { start, jump: axis.jump, size: end + start };
  });
}

/**
 * The input window of every node the analysis could infer, keyed by node id. Nodes that mix
 * positions (Dense, Flatten, global pooling, a Softmax or Concat over a spatial axis) and all nodes
 * after them are 'global'. Nodes with errors are left out.
 */
export function inputWindows(analysis: GraphAnalysis): ReadonlyMap<string, InputWindow> {
  const windows = new Map<string, InputWindow>();
  for (const id of analysis.order) {
    const analyzed = analysis.nodes.get(id);
    if (!analyzed?.output) continue;
    const { node } = analyzed;
    if (node.type === 'Input') {
      windows.set(
        id,
        analyzed.output.shape.slice(1).map(() => ({ start: 0, jump: 1, size: 1 })),
      );
      continue;
    }
    const sources = (analysis.document.edges ?? [])
      .filter((edge) => edge.target === id)
      .sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0))
      .map((edge) => windows.get(edge.source));
    if (sources.length === 0 || sources.some((field) => field === undefined)) continue;
    const fields = sources as InputWindow[];
    let window: InputWindow | undefined;
    if (GLOBAL.has(node.type) || fields.some((field) => field === 'global')) window = 'global';
    else if (WINDOWED.has(node.type)) window = slide(fields[0] as readonly AxisWindow[], analyzed);
    else if (node.type === 'Softmax' || node.type === 'LogSoftmax' || node.type === 'Concat') {
      const raw = node.params?.['axis'];
      const axis = resolveAxis(node.type, typeof raw === 'number' ? raw : 0, analyzed.output.shape);
      window = axis === 0 ? merge(fields) : 'global';
    } else window = merge(fields);
    if (window) windows.set(id, window);
  }
  return windows;
}
