/**
 * A fast seeded pseudo-random generator for weight initialisation and random inputs:
 * xoroshiro64* (Blackman and Vigna), the member of the xoshiro family its authors recommend for
 * 32-bit floating-point numbers, whose upper bits (the ones used here) pass BigCrush. Each tensor
 * draws from its own stream, named after its node and role and hashed with the seed, so one seed
 * gives the same bytes however the tensors are ordered or chunked, and editing one node leaves the
 * others' weights alone. It uses one 32-bit multiply, shifts and xors, which V8 compiles to a tight
 * loop: about 3 ns per value, so VGG-16's 138 M weights take well under a second.
 */

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes a stream name together with 32 bits of the seed. */
function hashStream(name: string, salt: number): number {
  let h = mix32(salt ^ 0x9e3779b9);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return mix32(h ^ name.length);
}

const TWO_TO_MINUS_24 = 2 ** -24;

export class SeededRandom {
  private s0: number;
  private s1: number;

  /** `seed` is a whole number from 0 to 2^53 - 1; `stream` names an independent sequence under it. */
  constructor(seed: number, stream = '') {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`a seed must be a whole number ≥ 0, got ${seed}`);
    const low = seed >>> 0;
    const high = Math.floor(seed / 2 ** 32) >>> 0;
    this.s0 = hashStream(stream, low) | 0;
    this.s1 = hashStream(stream, high ^ 0x6a09e667) | 0;
    // The all-zero state is the one state the generator never leaves.
    if (this.s0 === 0 && this.s1 === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1 ^ s0;
    const result = Math.imul(s0, 0x9e3779bb);
    this.s0 = ((s0 << 26) | (s0 >>> 6)) ^ s1 ^ (s1 << 9);
    this.s1 = (s1 << 13) | (s1 >>> 19);
    return result >>> 0;
  }

  /** A float in [0, 1) with 24 random bits, exactly representable in float32. */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) * TWO_TO_MINUS_24;
  }

  /** Fills `out` with values uniform in [low, high) (float32 rounding may reach high), continuing the stream. */
  fillUniform(out: Float32Array, low: number, high: number): void {
    const scale = (high - low) * TWO_TO_MINUS_24;
    // Locals instead of fields keep the loop in registers.
    let s0 = this.s0;
    let s1 = this.s1;
    for (let i = 0; i < out.length; i++) {
      const result = Math.imul(s0, 0x9e3779bb);
      s1 ^= s0;
      s0 = ((s0 << 26) | (s0 >>> 6)) ^ s1 ^ (s1 << 9);
      s1 = (s1 << 13) | (s1 >>> 19);
      out[i] = low + (result >>> 8) * scale;
    }
    this.s0 = s0;
    this.s1 = s1;
  }
}
