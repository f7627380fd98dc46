import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyPassBand,
  fftInPlace,
  magnitudeResponse1d,
  magnitudeResponse2d,
  nextPowerOfTwo,
} from './frequency-response.ts';

/** The textbook O(N²) DFT, the reference the FFT must agree with. */
function naiveDft(values: readonly number[]): { re: number[]; im: number[] } {
  const n = values.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * k * t) / n;
      sr += (values[t] ?? 0) * Math.cos(angle);
      si += (values[t] ?? 0) * Math.sin(angle);
    }
    re.push(sr);
    im.push(si);
  }
  return { re, im };
}

describe('fftInPlace', () => {
  it('agrees with the naive DFT on random signals of every power-of-two length up to 64', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 6 })
          .chain((log) =>
            fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2 ** log, maxLength: 2 ** log }),
          ),
        (values) => {
          const re = Float64Array.from(values);
          const im = new Float64Array(values.length);
          fftInPlace(re, im);
          const reference = naiveDft(values);
          re.forEach((v, k) => expect(v).toBeCloseTo(reference.re[k] ?? Number.NaN, 8));
          im.forEach((v, k) => expect(v).toBeCloseTo(reference.im[k] ?? Number.NaN, 8));
        },
      ),
    );
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrow(/power of two, got 6/);
  });

  it('rounds sizes up to powers of two', () => {
    expect([0, 1, 2, 3, 5, 64, 65].map(nextPowerOfTwo)).toEqual([1, 1, 2, 4, 8, 64, 128]);
  });
});

describe('magnitudeResponse1d', () => {
  it('is flat for a unit impulse: the identity filter passes every frequency', () => {
    const response = magnitudeResponse1d([0, 1, 0], 16);
    expect(response).toHaveLength(9);
    for (const magnitude of response) expect(magnitude).toBeCloseTo(1, 12);
  });

  it('gives a moving average |sin(πfk)/(k sin(πf))|: 1 at DC, 0 at multiples of 1/k', () => {
    const response = magnitudeResponse1d([1 / 4, 1 / 4, 1 / 4, 1 / 4], 16);
    expect(response[0]).toBeCloseTo(1, 12);
    // f = 4/16 = 1/4 and f = 8/16 = 1/2 are zeros of a 4-tap average.
    expect(response[4]).toBeCloseTo(0, 12);
    expect(response[8]).toBeCloseTo(0, 12);
    const f = 2 / 16;
    expect(response[2]).toBeCloseTo(Math.abs(Math.sin(Math.PI * f * 4) / (4 * Math.sin(Math.PI * f))), 12);
  });

  it('passes no DC through a difference kernel and 2 at Nyquist', () => {
    const response = magnitudeResponse1d([-1, 1], 8);
    expect(response[0]).toBeCloseTo(0, 12);
    expect(response[4]).toBeCloseTo(2, 12);
  });
});

describe('magnitudeResponse2d', () => {
  it('puts the zero frequency at the centre: the sum of the kernel', () => {
    const kernel = [1, 2, 3, 4, 5, 6];
    const response = magnitudeResponse2d(kernel, 2, 3, 8);
    expect(response).toHaveLength(64);
    expect(response[4 * 8 + 4]).toBeCloseTo(21, 12);
  });

  it('equals the product of 1-D responses for a separable kernel', () => {
    const column = [1, 2, 1];
    const row = [-1, 0, 1];
    const kernel = column.flatMap((a) => row.map((b) => a * b));
    const response = magnitudeResponse2d(kernel, 3, 3, 8);
    const reColumn = magnitudeResponse1d(column, 8);
    const reRow = magnitudeResponse1d(row, 8);
    // Row 4 + 2 is fy = 2/8, column 4 + 1 is fx = 1/8.
    expect(response[(4 + 2) * 8 + 4 + 1]).toBeCloseTo((reColumn[2] ?? 0) * (reRow[1] ?? 0), 10);
  });

  it('checks the kernel size', () => {
    expect(() => magnitudeResponse2d([1, 2, 3], 2, 2)).toThrow(/2×2 kernel has 4 values, got 3/);
  });
});

describe('classifyPassBand', () => {
  it('calls an edge detector at a coarse scale band-pass: it blocks the mean', () => {
    const smooth = [1, 4, 6, 4, 1];
    const derivative = [-1, -2, 0, 2, 1];
    const sobel = smooth.flatMap((a) => derivative.map((b) => a * b));
    expect(classifyPassBand(magnitudeResponse2d(sobel, 5, 5), 2)).toBe('band-pass');
    expect(classifyPassBand(magnitudeResponse1d(derivative), 1)).toBe('band-pass');
  });

  it('calls a box blur low-pass, a Laplacian high-pass and an impulse broadband', () => {
    const box = Array.from({ length: 9 }, () => 1 / 9);
    const laplacian = [0, -1, 0, -1, 4, -1, 0, -1, 0];
    const impulse = [0, 0, 0, 0, 1, 0, 0, 0, 0];
    expect(classifyPassBand(magnitudeResponse2d(box, 3, 3), 2)).toBe('low-pass');
    expect(classifyPassBand(magnitudeResponse2d(laplacian, 3, 3), 2)).toBe('high-pass');
    expect(classifyPassBand(magnitudeResponse2d(impulse, 3, 3), 2)).toBe('broadband');
    expect(classifyPassBand(magnitudeResponse1d([1, 1, 1, 1, 1]), 1)).toBe('low-pass');
    expect(classifyPassBand(magnitudeResponse1d([1, -2, 1]), 1)).toBe('high-pass');
    expect(classifyPassBand(magnitudeResponse1d([1]), 1)).toBe('broadband');
  });
});
