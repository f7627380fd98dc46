/**
 * The small drawings of the Run panel: a tensor slice as an image (a canvas, one pixel per value,
 * scaled up crisply by CSS), line plots as SVG, and a colour bar for a scale.
 */
import { memo, useEffect, useRef } from 'react';
import { colorOf, paintValues, type ColorScale } from './colormap.ts';
import { formatValue } from './read-output.ts';

export interface TensorImageProps {
  readonly values: ArrayLike<number>;
  /** Where the slice starts in `values`. */
  readonly offset: number;
  readonly width: number;
  readonly height: number;
  readonly scale: ColorScale;
  readonly low: number;
  readonly high: number;
  /** Drawn size of the longer side, in CSS pixels. */
  readonly size: number;
  readonly label: string;
}

/** One 2-D slice as an image. */
export const TensorImage = memo(function TensorImage({
  values,
  offset,
  width,
  height,
  scale,
  low,
  high,
  size,
  label,
}: TensorImageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || width === 0 || height === 0) return;
    const pixels = paintValues(values, offset, width * height, scale, low, high);
    context.putImageData(new ImageData(pixels, width, height), 0, 0);
  }, [values, offset, width, height, scale, low, high]);
  const factor = size / Math.max(width, height, 1);
  return (
    <canvas
      ref={canvas}
      className="tensor-image"
      width={width}
      height={height}
      style={{ width: Math.round(width * factor), height: Math.round(height * factor) }}
      role="img"
      aria-label={label}
    />
  );
});

export interface Series {
  readonly values: ArrayLike<number>;
  /** Where the series starts in `values`, and how many it takes. */
  readonly offset: number;
  readonly length: number;
  /** A CSS colour; the accent when absent. */
  readonly color?: string;
  readonly dashed?: boolean;
}

/** Line plots over a shared x axis, scaled to [low, high]; `x` labels the ends of the axis. */
export function LinePlot({
  series,
  low,
  high,
  width,
  height,
  label,
  x,
  axes = true,
}: {
  readonly series: readonly Series[];
  readonly low: number;
  readonly high: number;
  readonly width: number;
  readonly height: number;
  readonly label: string;
  readonly x?: readonly [string, string];
  /** False for small multiples, whose range the caller writes once beside them. */
  readonly axes?: boolean;
}) {
  const pad = 2;
  const span = high > low ? high - low : 1;
  const yOf = (value: number) => pad + (height - 2 * pad) * (1 - (value - low) / span);
  const zero = low < 0 && high > 0 ? yOf(0) : undefined;
  return (
    <figure className="line-plot">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        <rect className="line-plot__frame" x={0.5} y={0.5} width={width - 1} height={height - 1} />
        {zero !== undefined && <line className="line-plot__zero" x1={0} x2={width} y1={zero} y2={zero} />}
        {series.map((s, index) => {
          const points: string[] = [];
          const step = s.length > 1 ? (width - 2 * pad) / (s.length - 1) : 0;
          for (let i = 0; i < s.length; i++)
            points.push(`${(pad + i * step).toFixed(1)},${yOf(s.values[s.offset + i] ?? 0).toFixed(1)}`);
          return (
            <polyline
              key={index}
              className={s.dashed ? 'line-plot__line is-dashed' : 'line-plot__line'}
              style={s.color ? { stroke: s.color } : undefined}
              points={points.join(' ')}
            />
          );
        })}
      </svg>
      {axes && (
        <figcaption className="line-plot__axes">
          <span>{formatValue(high)}</span>
          <span>{formatValue(low)}</span>
          {x && (
            <span className="line-plot__x">
              <span>{x[0]}</span>
              <span>{x[1]}</span>
            </span>
          )}
        </figcaption>
      )}
    </figure>
  );
}

/** Discrete values as stems from zero, for a kernel's taps. */
export function StemPlot({
  values,
  offset,
  length,
  extent,
  width,
  height,
  label,
}: {
  readonly values: ArrayLike<number>;
  readonly offset: number;
  readonly length: number;
  /** The plot spans [−extent, extent]. */
  readonly extent: number;
  readonly width: number;
  readonly height: number;
  readonly label: string;
}) {
  const step = width / Math.max(length, 1);
  const mid = height / 2;
  const yOf = (value: number) => mid - (extent > 0 ? (value / extent) * (mid - 3) : 0);
  return (
    <svg
      className="stem-plot"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <rect className="line-plot__frame" x={0.5} y={0.5} width={width - 1} height={height - 1} />
      <line className="line-plot__zero" x1={0} x2={width} y1={mid} y2={mid} />
      {Array.from({ length }, (_, i) => {
        const x = step * (i + 0.5);
        const y = yOf(values[offset + i] ?? 0);
        return (
          <g key={i} className="stem-plot__stem">
            <line x1={x} x2={x} y1={mid} y2={y} />
            <circle cx={x} cy={y} r={1.8} />
          </g>
        );
      })}
    </svg>
  );
}

/** The scale's colours from low to high, with the two ends written beside it. */
export function ColorBar({
  scale,
  low,
  high,
}: {
  readonly scale: ColorScale;
  readonly low: number;
  readonly high: number;
}) {
  const stops = Array.from({ length: 9 }, (_, i) => {
    const [r, g, b] = colorOf(scale, low + ((high - low) * i) / 8, low, high);
    return `rgb(${Math.round(r)} ${Math.round(g)} ${Math.round(b)}) ${i * 12.5}%`;
  });
  return (
    <span className="color-bar">
      <span className="mono">{formatValue(low)}</span>
      <span className="color-bar__ramp" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} />
      <span className="mono">{formatValue(high)}</span>
    </span>
  );
}
