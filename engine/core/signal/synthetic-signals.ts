/**
 * Inputs for 1-D networks without a data set: synthetic signals that make a filter's behaviour
 * visible (a sine in noise, a chirp sweeping every frequency, a step), and signals read from CSV.
 * Each fills a [C, N] input, every channel with the same signal.
 */
import { SeededRandom } from '../onnx/seeded-random.ts';

export const SIGNAL_KINDS = ['sine', 'chirp', 'step'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const SIGNAL_LABELS: Readonly<Record<SignalKind, string>> = {
  sine: 'Sine plus noise',
  chirp: 'Chirp (rising frequency)',
  step: 'Step',
};

/**
 * One channel of `length` samples: 'sine' is 4 periods of a unit sine plus uniform noise of
 * amplitude 0.3; 'chirp' sweeps from 0 to 0.25 cycles per sample (half the Nyquist frequency);
 * 'step' is 0 then 1 from the middle on.
 */
export function syntheticSignal(kind: SignalKind, length: number, seed = 0): Float32Array {
  const out = new Float32Array(length);
  switch (kind) {
    case 'sine': {
      const random = new SeededRandom(seed, 'signal:sine');
      for (let n = 0; n < length; n++)
        out[n] = Math.sin((2 * Math.PI * 4 * n) / length) + 0.6 * (random.nextFloat() - 0.5);
      return out;
    }
    case 'chirp': {
      // Instantaneous frequency f(n) = 0.25 n / length; the phase is its running sum.
      for (let n = 0; n < length; n++) out[n] = Math.sin((2 * Math.PI * 0.25 * n * n) / (2 * length));
      return out;
    }
    case 'step':
      for (let n = Math.floor(length / 2); n < length; n++) out[n] = 1;
      return out;
  }
}

/** The same channel in every row of a [C, N] tensor. */
export function repeatChannels(channel: Float32Array, channels: number): Float32Array {
  const out = new Float32Array(channel.length * channels);
  for (let c = 0; c < channels; c++) out.set(channel, c * channel.length);
  return out;
}

/** Linear interpolation of `values` onto `length` equally spaced samples (end points kept). */
export function resample(values: ArrayLike<number>, length: number): Float32Array {
  const out = new Float32Array(length);
  if (values.length === 0) return out;
  if (values.length === 1 || length === 1) {
    out.fill(values[0] ?? 0);
    return out;
  }
  const scale = (values.length - 1) / (length - 1);
  for (let n = 0; n < length; n++) {
    const at = n * scale;
    const low = Math.floor(at);
    const high = Math.min(low + 1, values.length - 1);
    const t = at - low;
    out[n] = (values[low] ?? 0) * (1 - t) + (values[high] ?? 0) * t;
  }
  return out;
}

export type CsvSignal =
  | { readonly ok: true; readonly columns: readonly Float32Array[]; readonly header: readonly string[] | undefined }
  | { readonly ok: false; readonly message: string };

/**
 * Reads numeric columns from CSV text (commas, semicolons or tabs; one optional header row; blank
 * lines skipped). Every column is one channel, every row one sample.
 */
export function parseCsvSignal(text: string): CsvSignal {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return { ok: false, message: 'the file has no rows' };
  const split = (line: string) => line.split(/[,;\t]/).map((cell) => cell.trim());
  const first = split(lines[0] ?? '');
  const header = first.some((cell) => cell !== '' && !Number.isFinite(Number(cell))) ? first : undefined;
  const rows = (header ? lines.slice(1) : lines).map(split);
  if (rows.length === 0) return { ok: false, message: 'the file has a header but no values' };
  const width = rows[0]?.length ?? 0;
  const columns = Array.from({ length: width }, () => new Float32Array(rows.length));
  for (const [r, row] of rows.entries()) {
    if (row.length !== width)
      return {
        ok: false,
        message: `row ${r + 1 + (header ? 1 : 0)} has ${row.length} values but the first has ${width}`,
      };
    for (const [c, cell] of row.entries()) {
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value))
        return { ok: false, message: `row ${r + 1 + (header ? 1 : 0)}, column ${c + 1} is not a number: "${cell}"` };
      (columns[c] as Float32Array)[r] = value;
    }
  }
  return { ok: true, columns, header };
}

/**
 * A [C, N] input from CSV columns: C columns are taken as they are, C + 1 columns as a time column
 * followed by the channels, a single column feeds every channel, and columns of another length
 * are resampled to N. Returns a message when the column count fits none of these.
 */
export function signalFromColumns(
  columns: readonly Float32Array[],
  channels: number,
  length: number,
):
  | { readonly data: Float32Array; readonly resampledFrom: number | undefined; readonly timeColumn: boolean }
  | { readonly message: string } {
  const timeColumn = columns.length === channels + 1 && columns.length > 1;
  const signals = timeColumn ? columns.slice(1) : columns;
  if (signals.length !== channels && signals.length !== 1)
    return {
      message: `the file has ${columns.length} columns; the input [${channels}, ${length}] takes ${channels === 1 ? 'one column (or time and one column)' : `${channels} columns (one per channel, after an optional time column) or one for all`}`,
    };
  const rows = signals[0]?.length ?? 0;
  const data = new Float32Array(channels * length);
  for (let c = 0; c < channels; c++) {
    const column = signals[signals.length === 1 ? 0 : c] as Float32Array;
    data.set(rows === length ? column : resample(column, length), c * length);
  }
  return { data, resampledFrom: rows === length ? undefined : rows, timeColumn };
}
