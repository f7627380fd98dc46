/**
 * A fast seeded pseudo-random generator for weight initialisation and random inputs.
 *
 * The sequence: eight xoroshiro64* generators (Blackman and Vigna; the member of the xoshiro family
 * they recommend for 32-bit floats, whose upper bits, the ones used here, pass BigCrush) run side by
 * side, and value i comes from generator i mod 8. Each stream is named (a tensor's node and role)
 * and hashed with the seed, so one seed gives the same bytes however the tensors are ordered or
 * chunked, and editing one node leaves the others' weights alone.
 *
 * Four lanes fit one WebAssembly SIMD register: a small module, written out below, advances two
 * registers per iteration, about 1 ns per value (VGG-16's 138 M weights in about 0.15 s of CPU,
 * where a plain JavaScript loop needs 3 to 6 ns each). Where WebAssembly SIMD is missing, a
 * JavaScript loop produces the very same values: uniform values are computed in float32 arithmetic
 * (Math.fround in JavaScript), which WebAssembly defines exactly, so both give identical bytes.
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
const LANES = 8;
/** xoroshiro64*'s output multiplier. */
const MULTIPLIER = 0x9e3779bb;

/**
 * The state of the eight generators: s0 of lanes 0-7, then s1 of lanes 0-7. Fills run in whole
 * blocks of eight values, one per lane; `fill` writes `blocks * 8` values to `out` from `offset`,
 * each `low + float32(r >>> 8) * scale` in float32 arithmetic, r a lane's next output.
 */
type BlockFiller = (
  state: Int32Array,
  out: Float32Array,
  offset: number,
  blocks: number,
  low: number,
  scale: number,
) => void;

/** The portable implementation: the same values as the SIMD one, lane by lane. */
export const fillBlocksScalar: BlockFiller = (state, out, offset, blocks, low, scale) => {
  const low32 = Math.fround(low);
  const scale32 = Math.fround(scale);
  for (let lane = 0; lane < LANES; lane++) {
    let s0 = state[lane] as number;
    let s1 = state[lane + LANES] as number;
    const end = offset + blocks * LANES;
    for (let i = offset + lane; i < end; i += LANES) {
      const r = Math.imul(s0, MULTIPLIER);
      s1 ^= s0;
      s0 = ((s0 << 26) | (s0 >>> 6)) ^ s1 ^ (s1 << 9);
      s1 = (s1 << 13) | (s1 >>> 19);
      out[i] = Math.fround(low32 + Math.fround((r >>> 8) * scale32));
    }
    state[lane] = s0;
    state[lane + LANES] = s1;
  }
};

/**
 * The WebAssembly module, function `fill(ptr, end, low, scale)`: with the state at bytes 0-63 of
 * its memory (s0 of lanes 0-7, then s1), it writes eight float32 values per step, lanes 0-3 then
 * lanes 4-7, from byte `ptr` up to `end` (a multiple of 32 beyond `ptr`), then stores the state
 * back. Two independent registers of four lanes let the processor overlap their dependency chains.
 * For each register, in WebAssembly text:
 *
 *   r = i32x4.mul(s0, 0x9e3779bb); s1 = s1 ^ s0
 *   s0 = (s0 << 26 | s0 >>> 6) ^ s1 ^ (s1 << 9); s1 = s1 << 13 | s1 >>> 19
 *   v128.store(ptr + 16 × register, f32x4.add(f32x4.mul(f32x4.convert_i32x4_u(r >>> 8), scale4), low4))
 */
const SIMD = 0xfd;
const V128 = 0x7b;
const load = (offset: number) => [SIMD, 0x00, 4, offset];
const store = (offset: number) => [SIMD, 0x0b, 4, offset];
const op = {
  const: [SIMD, 0x0c],
  splatF32: [SIMD, 0x13],
  or: [SIMD, 0x50],
  xor: [SIMD, 0x51],
  shl: [SIMD, 0xab, 0x01],
  shrU: [SIMD, 0xad, 0x01],
  mul: [SIMD, 0xb5, 0x01],
  addF32: [SIMD, 0xe4, 0x01],
  mulF32: [SIMD, 0xe6, 0x01],
  convertU: [SIMD, 0xfb, 0x01],
} as const;
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
/** i32.const of a small non-negative number (signed LEB128: one byte below 64, two below 8192). */
const i32 = (value: number) => (value < 64 ? [0x41, value] : [0x41, (value & 0x7f) | 0x80, value >> 7]);
// Parameters 0-3, then locals: the splats, then s0, s1 and r of each register.
const [PTR, END, LOW, SCALE, LOW4, SCALE4] = [0, 1, 2, 3, 4, 5];
/** Bytes of state per word: s0 of every lane, then s1. */
const STATE_WORD_BYTES = LANES * 4;
const REGISTERS = Array.from({ length: LANES / 4 }, (_, k) => ({
  s0: 6 + 3 * k,
  s1: 7 + 3 * k,
  r: 8 + 3 * k,
  at: 16 * k,
}));
const MULTIPLIER_BYTES = Array.from({ length: 16 }, (_, i) => (MULTIPLIER >>> ((i % 4) * 8)) & 0xff);
const BODY = [
  ...[1, 2 + 3 * REGISTERS.length, V128],
  ...REGISTERS.flatMap(({ s0, s1, at }) => [
    ...i32(0),
    ...load(at),
    ...set(s0),
    ...i32(0),
    ...load(STATE_WORD_BYTES + at),
    ...set(s1),
  ]),
  ...[...get(LOW), ...op.splatF32, ...set(LOW4), ...get(SCALE), ...op.splatF32, ...set(SCALE4)],
  ...[0x03, 0x40],
  ...REGISTERS.flatMap(({ s0, s1, r }) => [
    ...[...get(s0), ...op.const, ...MULTIPLIER_BYTES, ...op.mul, ...set(r)],
    ...[...get(s1), ...get(s0), ...op.xor, ...set(s1)],
    ...[...get(s0), ...i32(26), ...op.shl, ...get(s0), ...i32(6), ...op.shrU, ...op.or],
    ...[...get(s1), ...op.xor, ...get(s1), ...i32(9), ...op.shl, ...op.xor, ...set(s0)],
    ...[...get(s1), ...i32(13), ...op.shl, ...get(s1), ...i32(19), ...op.shrU, ...op.or, ...set(s1)],
  ]),
  ...REGISTERS.flatMap(({ r, at }) => [
    ...[...get(PTR), ...get(r), ...i32(8), ...op.shrU, ...op.convertU, ...get(SCALE4), ...op.mulF32],
    ...[...get(LOW4), ...op.addF32, ...store(at)],
  ]),
  ...[...get(PTR), ...i32(LANES * 4), 0x6a, 0x22, PTR, ...get(END), 0x49, 0x0d, 0x00],
  0x0b,
  ...REGISTERS.flatMap(({ s0, s1, at }) => [
    ...i32(0),
    ...get(s0),
    ...store(at),
    ...i32(0),
    ...get(s1),
    ...store(STATE_WORD_BYTES + at),
  ]),
  0x0b,
];
/** Memory pages of 64 KB: the state, then the output area. */
const PAGES = 5;
const OUTPUT_AT = 2 * STATE_WORD_BYTES;
const OUTPUT_BLOCKS = (PAGES * 65536 - OUTPUT_AT) / (LANES * 4);
/** Unsigned LEB128, the length encoding of WebAssembly sections and bodies. */
function leb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}
const section = (id: number, content: readonly number[]) => [id, ...leb(content.length), ...content];
const MODULE = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [1, 0x60, 4, 0x7f, 0x7f, 0x7d, 0x7d, 0]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0, PAGES]),
  ...section(7, [2, 4, ...[0x66, 0x69, 0x6c, 0x6c], 0, 0, 6, ...[0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79], 2, 0]),
  ...section(10, [1, ...leb(BODY.length), ...BODY]),
]);

/** The little of the WebAssembly API used here; the engine core compiles without DOM or Node types. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

function simdFiller(): BlockFiller | undefined {
  const api = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api?.validate(MODULE)) return undefined;
  let exports: Record<string, unknown>;
  try {
    ({ exports } = new api.Instance(new api.Module(MODULE)));
  } catch {
    // A page under a strict Content-Security-Policy (no 'wasm-unsafe-eval') may not compile
    // WebAssembly; the portable filler gives the same bytes.
    return undefined;
  }
  const fill = exports['fill'] as (ptr: number, end: number, low: number, scale: number) => void;
  const memory = exports['memory'] as { readonly buffer: ArrayBuffer };
  const words = new Int32Array(memory.buffer, 0, 2 * LANES);
  const values = new Float32Array(memory.buffer, OUTPUT_AT, OUTPUT_BLOCKS * LANES);
  return (state, out, offset, blocks, low, scale) => {
    words.set(state);
    for (let done = 0; done < blocks;) {
      const step = Math.min(OUTPUT_BLOCKS, blocks - done);
      fill(OUTPUT_AT, OUTPUT_AT + step * LANES * 4, low, scale);
      out.set(step === OUTPUT_BLOCKS ? values : values.subarray(0, step * LANES), offset + done * LANES);
      done += step;
    }
    state.set(words);
  };
}

/** The SIMD implementation where this runtime has WebAssembly SIMD, else the portable one. */
export const fillBlocksSimd: BlockFiller | undefined = simdFiller();
const fillBlocks: BlockFiller = fillBlocksSimd ?? fillBlocksScalar;

export class SeededRandom {
  private readonly state = new Int32Array(2 * LANES);
  /** Raw outputs of a block already drawn but not yet handed out (at most seven). */
  private readonly pending: number[] = [];

  /** `seed` is a whole number from 0 to 2^53 - 1; `stream` names an independent sequence under it. */
  constructor(seed: number, stream = '') {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`a seed must be a whole number ≥ 0, got ${seed}`);
    const low = hashStream(stream, seed >>> 0);
    const high = hashStream(stream, Math.floor(seed / 2 ** 32) ^ 0x6a09e667);
    for (let lane = 0; lane < LANES; lane++) {
      // Both words of every lane depend on every bit of the seed and the stream name.
      const s0 = mix32(low ^ mix32(high + Math.imul(lane + 1, 0x9e3779b9)));
      const s1 = mix32(high ^ mix32(low + Math.imul(lane + 1, 0x85ebca6b)));
      // The all-zero state is the one state xoroshiro never leaves.
      this.state[lane] = s0 === 0 && s1 === 0 ? 1 : s0;
      this.state[lane + LANES] = s1;
    }
    // A few steps away from the seeding, as the generators' authors advise.
    for (let step = 0; step < 4; step++) this.drawBlock();
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    if (this.pending.length === 0) this.pending.push(...this.drawBlock());
    return this.pending.shift() as number;
  }

  /** A float in [0, 1) with 24 random bits, exactly representable in float32. */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) * TWO_TO_MINUS_24;
  }

  /**
   * Fills `out` with values uniform in [low, high), continuing the stream; each value is
   * low + (24 random bits) × (high − low)/2^24 in float32 arithmetic, which may round up to high.
   */
  fillUniform(out: Float32Array, low: number, high: number): void {
    const scale = (high - low) * TWO_TO_MINUS_24;
    const convert = (r: number) => Math.fround(Math.fround(low) + Math.fround((r >>> 8) * Math.fround(scale)));
    let at = 0;
    while (at < out.length && this.pending.length > 0) out[at++] = convert(this.pending.shift() as number);
    const blocks = Math.floor((out.length - at) / LANES);
    fillBlocks(this.state, out, at, blocks, low, scale);
    at += blocks * LANES;
    if (at < out.length) {
      this.pending.push(...this.drawBlock());
      while (at < out.length) out[at++] = convert(this.pending.shift() as number);
    }
  }

  /** The raw 32-bit outputs of the next block, lane 0 first. */
  private drawBlock(): number[] {
    const raw: number[] = [];
    for (let lane = 0; lane < LANES; lane++) {
      const s0 = this.state[lane] as number;
      let s1 = this.state[lane + LANES] as number;
      raw.push(Math.imul(s0, MULTIPLIER) >>> 0);
      s1 ^= s0;
      this.state[lane] = ((s0 << 26) | (s0 >>> 6)) ^ s1 ^ (s1 << 9);
      this.state[lane + LANES] = (s1 << 13) | (s1 >>> 19);
    }
    return raw;
  }
}
