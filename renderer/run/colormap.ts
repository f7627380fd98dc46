/**
 * Colour scales for drawing tensors: grey for activations (dark is low), a diverging blue–red
 * scale for kernels (white is zero, so the sign of each weight shows), and viridis for magnitudes
 * (perceptually even, readable in both themes and by most colour-blind viewers).
 */

export type ColorScale = 'grey' | 'diverging' | 'viridis';

type Rgb = readonly [number, number, number];

/** viridis (matplotlib, CC0) at nine even steps. */
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** Blue for negative, near white for zero, red for positive (ColorBrewer RdBu's ends). */
const DIVERGING: readonly Rgb[] = [
  [33, 102, 172],
  [146, 197, 222],
  [247, 247, 247],
  [244, 165, 130],
  [178, 24, 43],
];

function along(stops: readonly Rgb[], t: number): Rgb {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const at = clamped * (stops.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, stops.length - 1);
  const f = at - low;
  const a = stops[low] as Rgb;
  const b = stops[high] as Rgb;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** The colour of `value` on a scale spanning [low, high] (the diverging scale centres zero instead). */
export function colorOf(scale: ColorScale, value: number, low: number, high: number): Rgb {
  switch (scale) {
    case 'grey': {
      const level = (high > low ? (value - low) / (high - low) : 0.5) * 255;
      return [level, level, level];
    }
    case 'viridis':
      return along(VIRIDIS, high > low ? (value - low) / (high - low) : 0);
    case 'diverging': {
      const extent = Math.max(Math.abs(low), Math.abs(high));
      return along(DIVERGING, extent > 0 ? 0.5 + value / (2 * extent) : 0.5);
    }
  }
}

/** The smallest and largest finite value, or [0, 0] when there is none. */
export function rangeOf(values: ArrayLike<number>, start = 0, end = values.length): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const value = values[i] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return low <= high ? [low, high] : [0, 0];
}

/**
 * RGBA pixels (for ImageData) of `count` values from `start`, coloured on a scale over [low, high];
 * a value that is not a finite number (NaN marks "not measured") is transparent.
 */
export function paintValues(
  values: ArrayLike<number>,
  start: number,
  count: number,
  scale: ColorScale,
  low: number,
  high: number,
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(new ArrayBuffer(count * 4));
  for (let i = 0; i < count; i++) {
    const value = values[start + i] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    const [r, g, b] = colorOf(scale, value, low, high);
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = g;
    pixels[i * 4 + 2] = b;
    pixels[i * 4 + 3] = 255;
  }
  return pixels;
}
