import { describe, expect, it } from 'vitest';
import { magnitudeResponse1d } from './frequency-response.ts';
import { parseCsvSignal, repeatChannels, resample, signalFromColumns, syntheticSignal } from './synthetic-signals.ts';

describe('syntheticSignal', () => {
  it('gives a sine of 4 periods whose spectrum peaks at bin 4', () => {
    const sine = syntheticSignal('sine', 64, 1);
    const spectrum = magnitudeResponse1d(sine, 64);
    const peak = spectrum.indexOf(Math.max(...spectrum.slice(1)));
    expect(peak).toBe(4);
    expect(syntheticSignal('sine', 64, 1)).toEqual(sine);
    expect(syntheticSignal('sine', 64, 2)).not.toEqual(sine);
  });

  it('gives a chirp that is slow at the start and fast at the end', () => {
    const chirp = syntheticSignal('chirp', 400);
    const crossings = (from: number, to: number) => {
      let count = 0;
      for (let n = from + 1; n < to; n++) if (Math.sign(chirp[n] ?? 0) !== Math.sign(chirp[n - 1] ?? 0)) count++;
      return count;
    };
    expect(crossings(300, 400)).toBeGreaterThan(3 * crossings(0, 100));
  });

  it('gives a step at the middle', () => {
    expect([...syntheticSignal('step', 6)]).toEqual([0, 0, 0, 1, 1, 1]);
  });
});

describe('signals for [C, N] inputs', () => {
  it('repeats a channel', () => {
    expect([...repeatChannels(Float32Array.of(1, 2), 3)]).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it('resamples linearly, keeping the end points', () => {
    expect([...resample([0, 10], 5)]).toEqual([0, 2.5, 5, 7.5, 10]);
    expect([...resample([0, 1, 2, 3, 4], 3)]).toEqual([0, 2, 4]);
    expect([...resample([7], 3)]).toEqual([7, 7, 7]);
  });

  it('reads CSV columns with an optional header', () => {
    const parsed = parseCsvSignal('time;volts\n0;1.5\n1;-2\n\n2;3e-1\n');
    expect(parsed.ok && parsed.header).toEqual(['time', 'volts']);
    expect(parsed.ok && parsed.columns.map((column) => [...column])).toEqual([
      [0, 1, 2],
      [1.5, -2, Math.fround(0.3)],
    ]);
  });

  it('says which cell of a CSV file is wrong', () => {
    expect(parseCsvSignal('1,2\n3,x\n')).toEqual({ ok: false, message: 'row 2, column 2 is not a number: "x"' });
    expect(parseCsvSignal('1,2\n3\n')).toEqual({ ok: false, message: 'row 2 has 1 values but the first has 2' });
    expect(parseCsvSignal('\n\n')).toEqual({ ok: false, message: 'the file has no rows' });
  });

  it('feeds every channel from one column and resamples to the input length', () => {
    const result = signalFromColumns([Float32Array.of(0, 4)], 2, 3);
    expect('data' in result && [...result.data]).toEqual([0, 2, 4, 0, 2, 4]);
    expect('data' in result && result.resampledFrom).toBe(2);
    expect(signalFromColumns([Float32Array.of(1), Float32Array.of(2)], 3, 1)).toEqual({
      message:
        'the file has 2 columns; the input [3, 1] takes 3 columns (one per channel, after an optional time column) or one for all',
    });
  });

  it('takes a first column beside the channels as time', () => {
    const time = Float32Array.of(0, 0.5, 1);
    const result = signalFromColumns([time, Float32Array.of(4, 5, 6)], 1, 3);
    expect('data' in result && [...result.data]).toEqual([4, 5, 6]);
    expect('data' in result && result.timeColumn).toBe(true);
    expect('message' in signalFromColumns([time, time, time], 1, 3)).toBe(true);
  });
});
