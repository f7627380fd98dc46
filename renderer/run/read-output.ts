/**
 * Reading a network's output as a person does: class names where the model's shape says what they
 * are, probabilities whether the model ends in a Softmax or in raw scores, numbers in a short form.
 */

/**
 * Names for a classifier's outputs: ten classes on a single-channel image are the digits 0 to 9
 * (MNIST and its kin); otherwise none, and the panel shows class indices.
 */
export function classLabels(classes: number, inputShape: readonly number[] | undefined): readonly string[] | undefined {
  if (classes === 10 && inputShape?.length === 3 && inputShape[0] === 1)
    return Array.from({ length: 10 }, (_, digit) => String(digit));
  return undefined;
}

/** True when the values already are a probability distribution (a Softmax ended the model). */
export function isDistribution(values: ArrayLike<number>): boolean {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? Number.NaN;
    if (!(value >= 0 && value <= 1)) return false;
    sum += value;
  }
  return Math.abs(sum - 1) < 1e-3;
}

/** Softmax of raw scores, computed stably (the largest score subtracted first). */
export function softmax(values: ArrayLike<number>): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] ?? Number.NEGATIVE_INFINITY);
  const out = new Float64Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.exp((values[i] ?? 0) - max);
    sum += out[i] ?? 0;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

export interface RankedClass {
  readonly index: number;
  readonly label: string;
  /** The model's own value: a probability, a score or a logit. */
  readonly value: number;
  /** The probability: the value itself after a Softmax, else the softmax of the scores. */
  readonly probability: number;
}

/** The `k` most likely classes of a score vector, best first. */
export function rankClasses(
  values: ArrayLike<number>,
  labels: readonly string[] | undefined,
  k = 5,
): { readonly ranked: readonly RankedClass[]; readonly fromScores: boolean } {
  const fromScores = !isDistribution(values);
  const probabilities = fromScores ? softmax(values) : Float64Array.from(values);
  const ranked: RankedClass[] = [];
  for (let index = 0; index < values.length; index++)
    ranked.push({
      index,
      label: labels?.[index] ?? `class ${index}`,
      value: values[index] ?? Number.NaN,
      probability: probabilities[index] ?? 0,
    });
  ranked.sort((a, b) => b.value - a.value);
  return { ranked: ranked.slice(0, k), fromScores };
}

/** A number in at most about 6 characters: 0.0123 → "0.0123", 12345.6 → "1.23e4", 2.1e-7 → "2.1e-7". */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const sign = value < 0 ? '−' : '';
  if (abs >= 1e4 || abs < 1e-3) {
    const [mantissa = '', exponent = ''] = abs.toExponential(abs >= 1e4 ? 2 : 1).split('e');
    return `${sign}${mantissa.replace(/\.?0+$/, '')}e${exponent.replace('+', '')}`;
  }
  return `${sign}${Number(abs.toPrecision(3))}`;
}

/** Two significant digits, for captions under small tiles: 0.0319 → "0.032", −1.234 → "−1.2". */
export function formatShort(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatValue(value);
  const abs = Math.abs(value);
  if (abs >= 1e3 || abs < 1e-2) return formatValue(Number(value.toPrecision(2)));
  return `${value < 0 ? '−' : ''}${Number(abs.toPrecision(2))}`;
}

/** A duration in ms with sensible digits: 0.0681 → "0.068 ms", 12.34 → "12.3 ms". */
export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** A relative difference as a percentage, with float rounding shown for what it is. */
export function formatRelative(value: number | undefined): string {
  if (value === undefined) return '—';
  if (!Number.isFinite(value)) return '∞';
  if (value < 1e-4) return formatValue(value);
  return `${Number((value * 100).toPrecision(value < 0.1 ? 2 : 3))}%`;
}
