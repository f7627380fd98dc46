/**
 * A convolution is a filter: the magnitude of its kernel's discrete Fourier transform says which
 * frequencies it passes. The kernel is zero-padded to a power of two so the response is sampled
 * finely, then transformed with a radix-2 FFT (Cooley–Tukey), pure TypeScript.
 *
 * ONNX Conv is a cross-correlation (the kernel is not flipped); flipping a real kernel conjugates
 * its transform and leaves the magnitude unchanged, so these responses hold for either convention.
 */

/** The smallest power of two ≥ n (and ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/** In-place forward DFT of (re, im), X[k] = Σ x[n] e^(−2πikn/N); N must be a power of two. */
export function fftInPlace(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (im.length !== n) throw new RangeError(`re has ${n} values but im has ${im.length}`);
  if (n !== nextPowerOfTwo(n)) throw new RangeError(`the FFT length must be a power of two, got ${n}`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let length = 2; length <= n; length *= 2) {
    const angle = (-2 * Math.PI) / length;
    const half = length / 2;
    for (let start = 0; start < n; start += length) {
      for (let k = 0; k < half; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = start + k;
        const b = a + half;
        const br = re[b] as number;
        const bi = im[b] as number;
        const tr = br * wr - bi * wi;
        const ti = br * wi + bi * wr;
        re[b] = (re[a] as number) - tr;
        im[b] = (im[a] as number) - ti;
        re[a] = (re[a] as number) + tr;
        im[a] = (im[a] as number) + ti;
      }
    }
  }
}

/**
 * |H(f)| of a 1-D kernel zero-padded to `size` (a power of two at least the kernel's length):
 * size/2 + 1 values for f = 0 (DC) to 0.5 cycles per sample (Nyquist) in equal steps.
 */
export function magnitudeResponse1d(kernel: ArrayLike<number>, size = 64): Float64Array {
  const n = nextPowerOfTwo(Math.max(size, kernel.length));
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < kernel.length; i++) re[i] = kernel[i] as number;
  fftInPlace(re, im);
  const out = new Float64Array(n / 2 + 1);
  for (let k = 0; k < out.length; k++) out[k] = Math.hypot(re[k] as number, im[k] as number);
  return out;
}

/**
 * |H(fy, fx)| of a 2-D kernel (row-major, `rows` × `columns`) zero-padded to size × size, with the
 * zero frequency moved to the centre (row and column size/2): row r is fy = (r − size/2)/size cycles
 * per sample, from −0.5 at the top to just under 0.5 at the bottom; columns likewise for fx.
 */
export function magnitudeResponse2d(kernel: ArrayLike<number>, rows: number, columns: number, size = 32): Float64Array {
  if (kernel.length !== rows * columns)
    throw new RangeError(`a ${rows}×${columns} kernel has ${rows * columns} values, got ${kernel.length}`);
  const n = nextPowerOfTwo(Math.max(size, rows, columns));
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) re[r * n + c] = kernel[r * columns + c] as number;
  const lineRe = new Float64Array(n);
  const lineIm = new Float64Array(n);
  // Rows, then columns: the 2-D DFT is separable.
  for (let r = 0; r < n; r++) {
    lineRe.set(re.subarray(r * n, r * n + n));
    lineIm.set(im.subarray(r * n, r * n + n));
    fftInPlace(lineRe, lineIm);
    re.set(lineRe, r * n);
    im.set(lineIm, r * n);
  }
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < n; r++) {
      lineRe[r] = re[r * n + c] as number;
      lineIm[r] = im[r * n + c] as number;
    }
    fftInPlace(lineRe, lineIm);
    for (let r = 0; r < n; r++) {
      re[r * n + c] = lineRe[r] as number;
      im[r * n + c] = lineIm[r] as number;
    }
  }
  const out = new Float64Array(n * n);
  const half = n / 2;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const source = ((r + half) % n) * n + ((c + half) % n);
      out[r * n + c] = Math.hypot(re[source] as number, im[source] as number);
    }
  }
  return out;
}

export type PassBand = 'low-pass' | 'band-pass' | 'high-pass' | 'broadband';

/**
 * Which frequencies a response mostly passes: the mean magnitude below half the Nyquist frequency
 * (|f| < 0.25 cycles per sample) against the mean above it. Twice as strong above is high-pass
 * (fine detail); twice as strong below is low-pass (smoothing) when the zero frequency passes at
 * least half the peak, else band-pass (an edge or texture detector at a coarse scale, which blocks
 * the mean); anything between is broadband.
 * `response` is magnitudeResponse1d's (rank 1) or magnitudeResponse2d's (rank 2) output.
 */
export function classifyPassBand(response: Float64Array, rank: 1 | 2): PassBand {
  let low = 0;
  let lowCount = 0;
  let high = 0;
  let highCount = 0;
  const add = (frequency: number, magnitude: number) => {
    if (frequency < 0.25) {
      low += magnitude;
      lowCount++;
    } else {
      high += magnitude;
      highCount++;
    }
  };
  if (rank === 1) {
    const n = (response.length - 1) * 2;
    response.forEach((magnitude, k) => add(k / n, magnitude));
  } else {
    const n = Math.round(Math.sqrt(response.length));
    response.forEach((magnitude, index) => {
      const fy = (Math.floor(index / n) - n / 2) / n;
      const fx = ((index % n) - n / 2) / n;
      add(Math.hypot(fy, fx), magnitude);
    });
  }
  const lowMean = lowCount > 0 ? low / lowCount : 0;
  const highMean = highCount > 0 ? high / highCount : 0;
  const peak = response.reduce((max, magnitude) => Math.max(max, magnitude), 0);
  const dc =
    rank === 1 ? (response[0] ?? 0) : (response[(response.length + Math.round(Math.sqrt(response.length))) / 2] ?? 0);
  if (lowMean >= 2 * highMean && lowMean > 0) return dc >= peak / 2 ? 'low-pass' : 'band-pass';
  if (highMean >= 2 * lowMean && highMean > 0) return 'high-pass';
  return 'broadband';
}
