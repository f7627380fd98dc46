import { useMemo, useState } from 'react';
import { formatShape, type TensorValue } from '../../engine/core/index.ts';
import {
  classifyPassBand,
  magnitudeResponse1d,
  magnitudeResponse2d,
  type PassBand,
} from '../../engine/core/signal/frequency-response.ts';
import { rangeOf } from './colormap.ts';
import { ColorBar, LinePlot, StemPlot, TensorImage } from './plots.tsx';
import { formatShort, formatValue } from './read-output.ts';
import { useDrawingWidth } from './panel-width.ts';
import type { RunController } from './run-controller.ts';

/** Columns of a grid of `count` tiles in `width` pixels: few large ones, or many small ones. */
function columnsFor(count: number, width: number): number {
  const perRow = Math.max(2, Math.floor(width / 76));
  if (count <= 2) return count;
  if (count <= 16) return Math.min(count <= 4 ? 4 : perRow, Math.ceil(count / Math.ceil(count / perRow)));
  return Math.max(perRow, Math.floor(width / 38));
}

function ChannelCaption({ index, low, high }: { index: number; low: number; high: number }) {
  return (
    <span className="feature-tile__caption mono">
      <span>{index}</span>
      <span>
        {formatShort(low)}…{formatShort(high)}
      </span>
    </span>
  );
}

/** A [C, H, W] activation: one image per channel, each on its own scale or all on one. */
function MapGrid({ nodeId, tensor }: { nodeId: string; tensor: TensorValue }) {
  const [shared, setShared] = useState(false);
  const [, channels = 1, height = 1, width = 1] = tensor.dims;
  const size = height * width;
  const ranges = useMemo(
    () => Array.from({ length: channels }, (_, c) => rangeOf(tensor.data, c * size, (c + 1) * size)),
    [tensor, channels, size],
  );
  const [low, high] = rangeOf(tensor.data);
  const room = useDrawingWidth();
  const columns = columnsFor(channels, room);
  const tile = Math.floor((room - (columns - 1) * 6) / columns);
  return (
    <>
      <div className="run-row run-row--spread">
        <ColorBar scale="grey" low={low} high={high} />
        <label className="field__check">
          <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} />
          <span>One scale</span>
        </label>
      </div>
      <div
        className="feature-grid"
        style={{ gridTemplateColumns: `repeat(${columns}, ${tile}px)` }}
        data-testid="activation-grid"
        aria-label={`Feature maps of ${nodeId}`}
      >
        {ranges.map(([channelLow, channelHigh], c) => (
          <figure key={c} className="feature-tile" title={`channel ${c}: ${channelLow} … ${channelHigh}`}>
            <TensorImage
              values={tensor.data}
              offset={c * size}
              width={width}
              height={height}
              scale="grey"
              low={shared ? low : channelLow}
              high={shared ? high : channelHigh}
              size={tile}
              label={`${nodeId} channel ${c}`}
            />
            {columns <= 4 && <ChannelCaption index={c} low={channelLow} high={channelHigh} />}
          </figure>
        ))}
      </div>
    </>
  );
}

/** A [C, N] activation: one line per channel, each with its range. */
function SignalLines({ nodeId, tensor }: { nodeId: string; tensor: TensorValue }) {
  const [, channels = 1, length = 1] = tensor.dims;
  const shown = Math.min(channels, 16);
  const width = useDrawingWidth();
  return (
    <div className="signal-lines" data-testid="activation-lines">
      {Array.from({ length: shown }, (_, c) => {
        const [low, high] = rangeOf(tensor.data, c * length, (c + 1) * length);
        return (
          <div key={c} className="signal-lines__row">
            <span className="signal-lines__channel mono">{c}</span>
            <LinePlot
              series={[{ values: tensor.data, offset: c * length, length }]}
              low={low}
              high={high}
              width={width - 92}
              height={30}
              label={`${nodeId} channel ${c}`}
              axes={false}
            />
            <span className="signal-lines__range mono">
              {formatShort(low)}…{formatShort(high)}
            </span>
          </div>
        );
      })}
      {channels > shown && <p className="run-note">{channels - shown} more channels not drawn.</p>}
    </div>
  );
}

/** The activation of one node, drawn as what it is. */
export function ActivationView({ nodeId, tensor }: { nodeId: string; tensor: TensorValue }) {
  const dims = tensor.dims.slice(1);
  const [low, high] = rangeOf(tensor.data);
  const cut = tensor.fullDims ? tensor.fullDims[1] : undefined;
  const width = useDrawingWidth();
  // A short vector, or maps of one position each (after global pooling), reads best as one value per stem.
  const pointwise = tensor.data.length <= 64 && (dims.length === 1 || dims.slice(1).every((dim) => dim === 1));
  return (
    <div className="activation" data-testid="activation-view">
      <p className="run-note">
        <span className="mono">{formatShape(dims)}</span> · values {formatValue(low)} … {formatValue(high)}
        {cut !== undefined && ` · first ${dims[0]} of ${cut} channels`}
      </p>
      {pointwise ? (
        <StemPlot
          values={tensor.data}
          offset={0}
          length={tensor.data.length}
          extent={Math.max(Math.abs(low), Math.abs(high))}
          width={width}
          height={80}
          label={`${nodeId} values`}
        />
      ) : dims.length === 3 ? (
        <MapGrid nodeId={nodeId} tensor={tensor} />
      ) : dims.length === 2 ? (
        <SignalLines nodeId={nodeId} tensor={tensor} />
      ) : (
        <LinePlot
          series={[{ values: tensor.data, offset: 0, length: tensor.data.length }]}
          low={Math.min(0, low)}
          high={Math.max(0, high)}
          width={width}
          height={80}
          label={`${nodeId} values`}
          x={['0', String(tensor.data.length - 1)]}
        />
      )}
    </div>
  );
}

const PASS_BAND_WORDS: Readonly<Record<PassBand, string>> = {
  'low-pass': 'low-pass (smooths)',
  'band-pass': 'band-pass (edges and textures at a scale)',
  'high-pass': 'high-pass (fine detail)',
  broadband: 'broadband',
};

function passBandSummary(bands: readonly PassBand[]): string {
  const counts = new Map<PassBand, number>();
  for (const band of bands) counts.set(band, (counts.get(band) ?? 0) + 1);
  return (['low-pass', 'band-pass', 'high-pass', 'broadband'] as const)
    .filter((band) => counts.has(band))
    .map((band) => `${counts.get(band)} ${band}`)
    .join(', ');
}

/** A Conv's kernels for one input channel, each above the magnitude of its frequency response. */
export function KernelView({ nodeId, kernel }: { nodeId: string; kernel: TensorValue }) {
  const [filters = 0, inputs = 1, ...taps] = kernel.dims;
  const [input, setInput] = useState(0);
  const width = useDrawingWidth();
  const tapCount = taps.reduce((product, dim) => product * dim, 1);
  // A 3-D kernel is drawn by its middle depth slice.
  const [rows = 1, columns = 1] = taps.length >= 2 ? taps.slice(-2) : [1, taps[0] ?? 1];
  const sliceOffset = taps.length === 3 ? Math.floor((taps[0] ?? 1) / 2) * rows * columns : 0;
  const drawn = useMemo(() => {
    return Array.from({ length: filters }, (_, f) => {
      const start = (f * inputs + input) * tapCount + sliceOffset;
      const values = kernel.data.slice(start, start + rows * columns);
      const response =
        taps.length === 1 ? magnitudeResponse1d(values, 64) : magnitudeResponse2d(values, rows, columns, 32);
      return { start, response, band: classifyPassBand(response, taps.length === 1 ? 1 : 2) };
    });
  }, [kernel, filters, inputs, input, tapCount, sliceOffset, rows, columns, taps.length]);
  const [low, high] = rangeOf(kernel.data);
  const extent = Math.max(Math.abs(low), Math.abs(high));
  const maxResponse = Math.max(...drawn.map((d) => rangeOf(d.response)[1]), 0);
  const total = kernel.fullDims ?? kernel.dims;
  return (
    <div className="kernels" data-testid="kernel-view">
      <div className="run-row run-row--spread">
        <p className="run-note">
          {filters} filter{filters === 1 ? '' : 's'} of {taps.join('×')}
          {total[0] !== filters && ` (first ${filters} of ${total[0]})`}
          {taps.length === 3 && ', middle depth slice'}
        </p>
        {inputs > 1 && (
          <label className="run-row">
            <span>Input channel</span>
            <select
              className="field__input run-row__number"
              value={input}
              onChange={(event) => setInput(Number(event.target.value))}
            >
              {Array.from({ length: inputs }, (_, i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {taps.length === 1 ? (
        <div className="kernel-lines">
          <div className="kernel-lines__row kernel-lines__head">
            <span className="signal-lines__channel" />
            <span style={{ width: 84 }}>taps, ±{formatShort(extent)}</span>
            <span>|H(f)|, 0…{formatShort(maxResponse)}; f from 0 to ½ (Nyquist)</span>
          </div>
          {drawn.slice(0, 16).map(({ start, response, band }, f) => (
            <div key={f} className="kernel-lines__row" title={`filter ${f}: ${PASS_BAND_WORDS[band]}`}>
              <span className="signal-lines__channel mono">{f}</span>
              <StemPlot
                values={kernel.data}
                offset={start}
                length={columns}
                extent={extent}
                width={84}
                height={30}
                label={`${nodeId} filter ${f} taps`}
              />
              <LinePlot
                series={[{ values: response, offset: 0, length: response.length, color: 'var(--success)' }]}
                low={0}
                high={maxResponse}
                width={width - 118}
                height={30}
                label={`${nodeId} filter ${f} frequency response`}
                axes={false}
              />
            </div>
          ))}
          {filters > 16 && <p className="run-note">{filters - 16} more filters not drawn.</p>}
        </div>
      ) : (
        <>
          <div
            className="kernel-grid"
            style={{ gridTemplateColumns: `repeat(${Math.min(filters, Math.max(8, Math.floor(width / 40)))}, 1fr)` }}
            data-testid="kernel-grid"
          >
            {drawn.map(({ start, response, band }, f) => (
              <figure key={f} className="kernel-grid__cell" title={`filter ${f}: ${PASS_BAND_WORDS[band]}`}>
                <TensorImage
                  values={kernel.data}
                  offset={start}
                  width={columns}
                  height={rows}
                  scale="diverging"
                  low={-extent}
                  high={extent}
                  size={34}
                  label={`${nodeId} filter ${f}`}
                />
                <TensorImage
                  values={response}
                  offset={0}
                  width={32}
                  height={32}
                  scale="viridis"
                  low={0}
                  high={maxResponse}
                  size={34}
                  label={`${nodeId} filter ${f} frequency response, ${band}`}
                />
              </figure>
            ))}
          </div>
          <div className="run-row run-row--spread">
            <ColorBar scale="diverging" low={-extent} high={extent} />
            <ColorBar scale="viridis" low={0} high={maxResponse} />
          </div>
          <p className="run-note">
            Top: weights (blue negative, red positive). Bottom: |H| of each kernel zero-padded to 32×32, zero frequency
            at the centre, Nyquist at the edges.
          </p>
        </>
      )}
      <p className="run-note" data-testid="pass-bands">
        A convolution is a filter: {passBandSummary(drawn.map((d) => d.band))}.
      </p>
    </div>
  );
}

/** What the selected node computed on the last run's input, and for a Conv its kernels. */
export function InsideNode({
  controller,
  nodeId,
  type,
  activation,
  kernel,
  captured,
  busy,
}: {
  controller: RunController;
  nodeId: string;
  type: string;
  activation: TensorValue | undefined;
  kernel: TensorValue | undefined;
  captured: boolean;
  busy: boolean;
}) {
  return (
    <>
      {activation ? (
        <ActivationView nodeId={nodeId} tensor={activation} />
      ) : (
        <div className="run-row run-row--spread">
          <p className="run-note">{captured ? 'Too large to capture with the other layers.' : 'Not captured yet.'}</p>
          <button type="button" className="button" disabled={busy} onClick={() => void controller.capture([nodeId])}>
            Capture {nodeId}
          </button>
        </div>
      )}
      {type === 'Conv' && kernel && (
        <>
          <h4 className="run-subtitle">Kernels and frequency response</h4>
          <KernelView nodeId={nodeId} kernel={kernel} />
        </>
      )}
    </>
  );
}
