/**
 * The shift experiment's table: for every layer captured on the input and on the shifted input,
 * what kind of output it is (a feature map, a pooled map, a global output) and how it responded.
 */
import type { GraphAnalysis, TensorValue } from '../../engine/core/index.ts';
import type { InputWindow } from '../../engine/core/signal/input-windows.ts';
import { measureShift, type ShiftMeasurement, type Tensor } from '../../engine/core/signal/shift-experiment.ts';

/** 'map': position-preserving layers before any pooling; 'pooled': after some downsampling pool; 'global': sees the whole input. */
export type LayerRole = 'input' | 'map' | 'pooled' | 'global';

export interface ShiftRow {
  readonly nodeId: string;
  readonly type: string;
  readonly role: LayerRole;
  /** Channels compared, and how many the layer has. */
  readonly channels: number;
  readonly totalChannels: number;
  readonly measurement: ShiftMeasurement;
}

const POOLS = new Set(['MaxPool', 'AvgPool', 'LpPool']);

/** A returned activation without its batch axis. */
export function sampleOf(value: TensorValue): Tensor {
  return { dims: value.dims.slice(1), data: value.data };
}

/**
 * Measures every node, in the analysis' order, whose activation both runs returned. `shift` is the
 * input shift per spatial axis and `inputSpatial` the input's spatial dims.
 */
export function shiftReport(
  analysis: GraphAnalysis,
  windows: ReadonlyMap<string, InputWindow>,
  base: Readonly<Record<string, TensorValue>>,
  moved: Readonly<Record<string, TensorValue>>,
  inputSpatial: readonly number[],
  shift: readonly number[],
): ShiftRow[] {
  const rows: ShiftRow[] = [];
  const pooled = new Set<string>();
  for (const id of analysis.order) {
    const analyzed = analysis.nodes.get(id);
    if (!analyzed) continue;
    const upstream = analysis.document.edges.filter((edge) => edge.target === id).map((edge) => edge.source);
    if (POOLS.has(analyzed.node.type) || upstream.some((source) => pooled.has(source))) pooled.add(id);
    const window = windows.get(id);
    const a = Object.hasOwn(base, id) ? base[id] : undefined;
    const b = Object.hasOwn(moved, id) ? moved[id] : undefined;
    if (!window || !a || !b || a.dims.length !== b.dims.length) continue;
    const role: LayerRole =
      analyzed.node.type === 'Input' ? 'input' : window === 'global' ? 'global' : pooled.has(id) ? 'pooled' : 'map';
    rows.push({
      nodeId: id,
      type: analyzed.node.type,
      role,
      channels: a.dims[1] ?? 1,
      totalChannels: a.fullDims?.[1] ?? a.dims[1] ?? 1,
      measurement: measureShift(sampleOf(a), sampleOf(b), window, inputSpatial, shift),
    });
  }
  return rows;
}

/**
 * The headline numbers: the largest equivariance error of the feature maps (where the shift is
 * whole in their grid) and their largest change; the change of the deepest pooled map; the change
 * of the last global output.
 */
export function summarise(rows: readonly ShiftRow[]): {
  readonly mapError: number | undefined;
  readonly mapChange: number | undefined;
  readonly pooled: ShiftRow | undefined;
  readonly global: ShiftRow | undefined;
} {
  const maps = rows.filter((row) => row.role === 'map');
  const errors = maps.flatMap((row) =>
    row.measurement.wholeShift && row.measurement.equivarianceError !== undefined
      ? [row.measurement.equivarianceError]
      : [],
  );
  return {
    mapError: errors.length > 0 ? Math.max(...errors) : undefined,
    mapChange: maps.length > 0 ? Math.max(...maps.map((row) => row.measurement.change)) : undefined,
    pooled: rows.filter((row) => row.role === 'pooled').at(-1),
    global: rows.filter((row) => row.role === 'global').at(-1),
  };
}
