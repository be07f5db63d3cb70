// A small seeded PRNG for the demo and benchmark data. Generated tenants must be reproducible from
// (seed, now) alone, so nothing here touches Math.random or the clock.
//
// sfc32 rather than mulberry32: mulberry32 has a single 32-bit state, so four consecutive outputs (one
// UUID) can take at most 2^32 values and a million UUIDs would collide by the birthday bound. sfc32 keeps
// 128 bits of state, is as fast in plain JavaScript and passes PractRand, which is plenty for test data.

/** Mixes one 32-bit word (murmur3's finaliser): spreads small, similar seeds over the whole state space. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a string to 32 bits (FNV-1a, then mixed): lets callers name independent streams ("accounts", "time"). */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export type Salt = number | string;

/** Folds a seed and any salts into one 32-bit key; different salt lists give unrelated streams. */
export function mixSeed(seed: number, ...salts: Salt[]): number {
  // Seeds may be any finite number: fold both 32-bit halves so 1 and 2^32 + 1 differ.
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9) ^ fmix32(Math.floor(seed / 0x1_0000_0000) >>> 0);
  for (const s of salts) {
    const v = typeof s === 'number' ? fmix32((s >>> 0) + 0x6d2b79f5) ^ fmix32(Math.floor(s / 0x1_0000_0000) >>> 0) : hashString(s);
    h = fmix32(Math.imul(h ^ v, 0x27d4eb2d) + 0x165667b1);
  }
  return h >>> 0;
}

/** Bytes 0..255 as two hex digits: UUID formatting is on the benchmark's hot path. */
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for `seed`; salts derive independent sub-streams (per account, per purpose). */
  constructor(seed: number, ...salts: Salt[]) {
    const key = mixSeed(seed, ...salts);
    this.a = fmix32(key ^ 0xa0761d65);
    this.b = fmix32(key ^ 0xe7037ed1);
    this.c = fmix32(key ^ 0x8ebc6af0);
    this.d = 1; // sfc32's counter word
    // The first outputs of a freshly seeded sfc32 are still correlated with the seed: discard them.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. The array must not be empty. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One element with probability proportional to its weight (weights >= 0, not all zero). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (let i = 0; i < items.length; i++) total += weights[i] ?? 0;
    if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /**
   * Normal-ish: the sum of four uniforms (Irwin-Hall), scaled to the given mean and standard deviation.
   * Bounded to about ±3.5 sd, which suits test data better than a true normal's rare wild values.
   */
  normal(mean = 0, sd = 1): number {
    const s = this.next() + this.next() + this.next() + this.next() - 2;
    return mean + s * 1.7320508075688772 * sd;
  }

  /** A new array with the elements in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i]!;
      out[i] = out[j]!;
      out[j] = tmp;
    }
    return out;
  }
}

/** A reusable weighted picker: precomputes the cumulative weights once for hot loops. */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  if (items.length === 0 || items.length !== weights.length) throw new RangeError('weightedPicker needs matching, non-empty arrays');
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0)) throw new RangeError('weights must be >= 0');
    total += w;
    cumulative.push(total);
  }
  if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

/** Eight lower-case hex digits of an unsigned 32-bit integer (table-driven: used for a million keys). */
export function hex32(n: number): string {
  return HEX[n >>> 24]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
}

// UUIDs and hex keys are written as ASCII into one reused buffer and decoded once: building them by string
// concatenation leaves some twenty intermediate strings per id, and at a million ids that garbage alone
// triggers hundreds of extra young-generation collections.
const NIBBLE = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]); // 0-9 a-f
const UUID_BUF = new Uint8Array(36);
const HEX_BUF = new Uint8Array(64);
const ascii = new TextDecoder();

/** Writes the top `digits` hex digits of a 32-bit word into `buf` at `at`. */
function putHex(buf: Uint8Array, at: number, word: number, digits: number): void {
  for (let i = 0; i < digits; i++) buf[at + i] = NIBBLE[(word >>> (28 - 4 * i)) & 15]!;
}

/** A deterministic RFC 4122 version-4-shaped UUID (random bits from `rng`, version 4, variant 10). */
export function uuidFrom(rng: Rng): string {
  const w0 = rng.u32();
  const w1 = ((rng.u32() & 0xffff0fff) | 0x00004000) >>> 0; // version nibble: 4
  const w2 = ((rng.u32() & 0x3fffffff) | 0x80000000) >>> 0; // variant bits: 10
  const w3 = rng.u32();
  const b = UUID_BUF;
  putHex(b, 0, w0, 8);
  b[8] = 45; // '-'
  putHex(b, 9, w1, 4);
  b[13] = 45;
  putHex(b, 14, w1 << 16, 4);
  b[18] = 45;
  putHex(b, 19, w2, 4);
  b[23] = 45;
  putHex(b, 24, w2 << 16, 4);
  putHex(b, 28, w3, 8);
  return ascii.decode(b);
}

/** `words` random 32-bit words from `rng` as 8 * words lower-case hex digits (at most 8 words). */
export function hexFrom(rng: Rng, words: number): string {
  const n = Math.min(8, Math.max(1, words));
  for (let i = 0; i < n; i++) putHex(HEX_BUF, i * 8, rng.u32(), 8);
  return ascii.decode(HEX_BUF.subarray(0, n * 8));
}

/** A UUID that depends only on (seed, salts): for identifiers that must stay fixed, such as demo users' Entra object ids. */
export function stableUuid(seed: number, ...salts: Salt[]): string {
  return uuidFrom(new Rng(seed, ...salts));
}
