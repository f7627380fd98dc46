/**
 * A fast seeded pseudo-random generator for weight initialisation and random inputs: sfc32 (Chris
 * Doty-Humphrey's small fast counting generator, which passes PractRand and BigCrush), seeded per
 * named stream. Each tensor draws from its own stream, named after the node and role, so one seed
 * gives the same bytes however the tensors are ordered or chunked, and editing one node leaves the
 * others' weights alone. It only adds, shifts and xors 32-bit integers, which V8 compiles to a tight
 * loop (a few ns per value: VGG-16's 138 M weights take well under a second).
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
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is a whole number from 0 to 2^53 - 1; `stream` names an independent sequence under it. */
  constructor(seed: number, stream = '') {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`a seed must be a whole number ≥ 0, got ${seed}`);
    const low = seed >>> 0;
    const high = Math.floor(seed / 2 ** 32) >>> 0;
    this.a = hashStream(stream, low);
    this.b = hashStream(stream, high ^ 0x6a09e667);
    this.c = mix32(this.a ^ this.b ^ 0xbb67ae85);
    this.d = 1;
    // sfc32 wants a few rounds to spread a fresh state.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1) with 24 random bits, exactly representable in float32. */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) * TWO_TO_MINUS_24;
  }

  /** Fills `out` with values uniform in [low, high), continuing the stream. */
  fillUniform(out: Float32Array, low: number, high: number): void {
    const scale = (high - low) * TWO_TO_MINUS_24;
    // Locals instead of fields keep the loop in registers.
    let { a, b, c, d } = this;
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = low + (t >>> 8) * scale;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
}
