import { useId, useMemo } from 'react';
import { comparedRange, shiftSpatial, type Tensor } from '../../engine/core/signal/shift-experiment.ts';
import { useStore } from '../state/store.ts';
import { rangeOf } from './colormap.ts';
import { useDrawingWidth } from './panel-width.ts';
import { LinePlot, TensorImage } from './plots.tsx';
import { formatRelative, rankClasses } from './read-output.ts';
import type { RunController, RunPanelState, ShiftExperiment } from './run-controller.ts';
import { sampleOf, summarise, type LayerRole, type ShiftRow } from './shift-report.ts';

const selectShift = (state: RunPanelState) => state.shift;

const ROLE_WORDS: Readonly<Record<LayerRole, string>> = {
  input: 'input',
  map: 'feature map',
  pooled: 'after pooling',
  global: 'global',
};

/** The strongest channel of a [C, ...] tensor: the one the figure draws. */
function strongestChannel(tensor: Tensor): number {
  const [channels = 1] = tensor.dims;
  const size = tensor.data.length / channels;
  let best = 0;
  let bestEnergy = -1;
  for (let c = 0; c < channels; c++) {
    let energy = 0;
    for (let i = c * size; i < (c + 1) * size; i++) energy += (tensor.data[i] ?? 0) ** 2;
    if (energy > bestEnergy) [best, bestEnergy] = [c, energy];
  }
  return best;
}

/** x, shifted x; f(x) moved by the shift, f(shifted x), and their difference inside the border. */
function Figure({ experiment, row }: { experiment: ShiftExperiment; row: ShiftRow }) {
  const drawingWidth = useDrawingWidth();
  const figure = useMemo(() => {
    const base = experiment.base[row.nodeId];
    const moved = experiment.moved[row.nodeId];
    const window = experiment.windows.get(row.nodeId);
    if (!base || !moved || !window || window === 'global' || !row.measurement.gridShift) return undefined;
    const a = sampleOf(base);
    const b = sampleOf(moved);
    const channel = strongestChannel(a);
    const spatial = a.dims.slice(1);
    const size = spatial.reduce((product, dim) => product * dim, 1);
    const moveBy = row.measurement.gridShift.map(Math.round);
    const expected = shiftSpatial(a, moveBy);
    const difference = new Float32Array(size);
    const interior = window.map((axis, i) =>
      comparedRange(axis, spatial[i] ?? 0, experiment.input.dims[i + 1] ?? 0, moveBy[i] ?? 0),
    );
    for (let p = 0; p < size; p++) {
      const position = spatial.length === 2 ? [Math.floor(p / (spatial[1] ?? 1)), p % (spatial[1] ?? 1)] : [p];
      const inside = position.every((y, i) => y >= (interior[i]?.[0] ?? 0) && y <= (interior[i]?.[1] ?? -1));
      const diff = (b.data[channel * size + p] ?? 0) - (expected[channel * size + p] ?? 0);
      difference[p] = inside ? Math.abs(diff) : Number.NaN;
    }
    const [low, high] = rangeOf([
      ...rangeOf(a.data, channel * size, (channel + 1) * size),
      ...rangeOf(b.data, channel * size, (channel + 1) * size),
    ]);
    return { channel, spatial, size, expected, b, low, high, difference };
  }, [experiment, row]);
  if (!figure) return null;
  const { channel, spatial, size, expected, b, low, high, difference } = figure;
  const [inLow, inHigh] = rangeOf(experiment.input.data);
  const [, diffHigh] = rangeOf(difference);
  if (spatial.length === 1) {
    const length = spatial[0] ?? 0;
    return (
      <div className="shift-figure shift-figure--lines" data-testid="shift-figure">
        <LinePlot
          series={[
            { values: expected, offset: channel * size, length, color: 'var(--text-muted)' },
            { values: b.data, offset: channel * size, length, dashed: true },
          ]}
          low={low}
          high={high}
          width={drawingWidth}
          height={70}
          label={`${row.nodeId} channel ${channel}: f(x) shifted (grey) and f(shifted x) (dashed)`}
        />
        <p className="run-note">
          Channel {channel} of <span className="mono">{row.nodeId}</span>: f(x) moved by the shift (grey) and f of the
          shifted input (dashed) lie on each other away from the ends.
        </p>
      </div>
    );
  }
  const [height = 1, width = 1] = spatial;
  const [inputHeight = 1, inputWidth = 1] = experiment.input.dims.slice(1);
  const tiles: {
    label: string;
    values: ArrayLike<number>;
    offset: number;
    w: number;
    h: number;
    low: number;
    high: number;
    scale: 'grey' | 'viridis';
  }[] = [
    {
      label: 'x',
      values: experiment.input.data,
      offset: 0,
      w: inputWidth,
      h: inputHeight,
      low: inLow,
      high: inHigh,
      scale: 'grey',
    },
    {
      label: 'shifted x',
      values: experiment.shiftedInput.data,
      offset: 0,
      w: inputWidth,
      h: inputHeight,
      low: inLow,
      high: inHigh,
      scale: 'grey',
    },
    { label: 'f(x), shifted', values: expected, offset: channel * size, w: width, h: height, low, high, scale: 'grey' },
    { label: 'f(shifted x)', values: b.data, offset: channel * size, w: width, h: height, low, high, scale: 'grey' },
    {
      label: '|difference|',
      values: difference,
      offset: 0,
      w: width,
      h: height,
      low: 0,
      high: Math.max(diffHigh, high - low),
      scale: 'viridis',
    },
  ];
  return (
    <div className="shift-figure" data-testid="shift-figure">
      {tiles.map((tile) => (
        <figure key={tile.label} className="shift-figure__tile">
          <TensorImage
            values={tile.values}
            offset={tile.offset}
            width={tile.w}
            height={tile.h}
            scale={tile.scale}
            low={tile.low}
            high={tile.high}
            size={Math.floor((drawingWidth - 16) / 5)}
            label={tile.label}
          />
          <figcaption>{tile.label}</figcaption>
        </figure>
      ))}
      <p className="run-note shift-figure__note">
        Channel {channel} of <span className="mono">{row.nodeId}</span>. The difference is drawn on the scale of the map
        itself, inside the border only (outside it, the shift brings in zeros).
      </p>
    </div>
  );
}

/** The top class before and after the shift, for a global output with one score per class. */
function Prediction({
  experiment,
  row,
  labels,
}: {
  experiment: ShiftExperiment;
  row: ShiftRow;
  labels: ((classes: number) => readonly string[] | undefined) | undefined;
}) {
  const base = experiment.base[row.nodeId];
  const moved = experiment.moved[row.nodeId];
  if (!base || !moved || base.dims.length !== 2 || (base.dims[1] ?? 0) < 2) return null;
  const names = labels?.(base.dims[1] ?? 0);
  const [before] = rankClasses(base.data, names, 1).ranked;
  const [after] = rankClasses(moved.data, names, 1).ranked;
  if (!before || !after) return null;
  return before.index === after.index ? (
    <>
      , yet the prediction stays <strong data-testid="prediction">{before.label}</strong>
    </>
  ) : (
    <>
      , and the prediction moves from {before.label} to <strong data-testid="prediction">{after.label}</strong>
    </>
  );
}

function Bar({ value }: { value: number }) {
  const width = Number.isFinite(value) ? Math.min(100, value * 100) : 100;
  return (
    <span className="shift-table__track">
      <span className="shift-table__bar" style={{ width: `${width}%` }} />
    </span>
  );
}

export function ShiftView({
  controller,
  experiment,
  focusId,
  oneAxis,
  disabled,
  labels,
}: {
  controller: RunController;
  experiment: ShiftExperiment | undefined;
  /** The selected node, drawn in the figure when it is a spatial layer. */
  focusId: string | undefined;
  oneAxis: boolean;
  disabled: boolean;
  /** Class names for an output of so many classes, when the model has them. */
  labels?: (classes: number) => readonly string[] | undefined;
}) {
  const id = useId();
  const shift = useStore(controller.store, selectShift);
  const rows = experiment?.rows ?? [];
  const summary = summarise(rows);
  const spatialRows = rows.filter((row) => row.measurement.gridShift !== undefined && row.role !== 'input');
  const focus =
    spatialRows.find((row) => row.nodeId === focusId) ??
    spatialRows.find((row) => row.type === 'Conv') ??
    spatialRows[0];
  const setAxis = (axis: 'dx' | 'dy', text: string): void => {
    const value = Number(text);
    if (Number.isInteger(value) && Math.abs(value) <= 64) controller.setShift({ ...shift, [axis]: value });
  };
  return (
    <section className="run-section" aria-labelledby={`${id}-title`}>
      <header className="run-section__header">
        <h3 className="section-title" id={`${id}-title`}>
          Shift experiment
        </h3>
      </header>
      <p className="run-note">
        Shift the input and run again: convolutions are <em>equivariant</em> (their maps shift with the input), pooling
        makes outputs locally <em>invariant</em> (they change less).
      </p>
      <div className="run-row">
        <label htmlFor={`${id}-dx`}>dx</label>
        <input
          id={`${id}-dx`}
          className="field__input run-row__number"
          type="number"
          value={shift.dx}
          onChange={(event) => setAxis('dx', event.target.value)}
        />
        {!oneAxis && (
          <>
            <label htmlFor={`${id}-dy`}>dy</label>
            <input
              id={`${id}-dy`}
              className="field__input run-row__number"
              type="number"
              value={shift.dy}
              onChange={(event) => setAxis('dy', event.target.value)}
            />
          </>
        )}
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => void controller.runShiftExperiment()}
        >
          Shift and compare
        </button>
      </div>
      {experiment && (
        <>
          <ul className="shift-summary" data-testid="shift-summary">
            {summary.mapError !== undefined && (
              <li>
                Feature maps shifted back match{' '}
                <strong data-testid="map-error">
                  {summary.mapError === 0 ? 'exactly' : `to ${formatRelative(summary.mapError)}`}
                </strong>
                {summary.mapError > 0 && summary.mapError < 1e-4 ? ' (float rounding)' : ''} away from the borders,
                though they changed by {formatRelative(summary.mapChange)}.
              </li>
            )}
            {summary.pooled && (
              <li>
                After pooling, <span className="mono">{summary.pooled.nodeId}</span> changed by{' '}
                <strong>{formatRelative(summary.pooled.measurement.change)}</strong>.
              </li>
            )}
            {summary.global && (
              <li>
                The global output <span className="mono">{summary.global.nodeId}</span> changed by{' '}
                <strong data-testid="global-change">{formatRelative(summary.global.measurement.change)}</strong>
                <Prediction experiment={experiment} row={summary.global} labels={labels} />.
              </li>
            )}
          </ul>
          {focus && <Figure experiment={experiment} row={focus} />}
          <table className="shift-table" data-testid="shift-table">
            <thead>
              <tr>
                <th scope="col">Layer</th>
                <th scope="col" title="The input shift in this layer's own grid (shift ÷ stride so far)">
                  Shift
                </th>
                <th scope="col" title="‖f(shifted x) − f(x)‖ / ‖f(x)‖: how much the output changed">
                  Change
                </th>
                <th scope="col" title="‖f(shifted x) − shift(f(x))‖ / ‖f(x)‖ away from the borders">
                  Error shifted back
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.nodeId} data-testid={`shift-row-${row.nodeId}`} className={`is-${row.role}`}>
                  <td>
                    <span className="mono">{row.nodeId}</span>
                    <span className="shift-table__role">{ROLE_WORDS[row.role]}</span>
                  </td>
                  <td className="mono">
                    {row.measurement.gridShift
                      ? row.measurement.gridShift.map((s) => String(Number(s.toFixed(2)))).join(', ')
                      : '—'}
                  </td>
                  <td>
                    <span className="shift-table__change">
                      <Bar value={row.measurement.change} />
                      <span className="mono" data-testid="change">
                        {formatRelative(row.measurement.change)}
                      </span>
                    </span>
                  </td>
                  <td className="mono" data-testid="error">
                    {row.measurement.equivarianceError === undefined
                      ? '—'
                      : `${row.measurement.wholeShift ? '' : '≈ '}${formatRelative(row.measurement.equivarianceError)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="run-note">
            A fractional shift (≈) cannot be undone on the layer’s coarser grid, which is why strided layers and pooling
            are only approximately equivariant.
          </p>
        </>
      )}
    </section>
  );
}
