import { describe, expect, it } from 'vitest';
import { hex32, hexFrom, mixSeed, Rng, stableUuid, uuidFrom, weightedPicker } from './prng.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Rng', () => {
  it('repeats the same sequence for the same seed and salts', () => {
    const a = new Rng(42, 'x', 3);
    const b = new Rng(42, 'x', 3);
    const sa = Array.from({ length: 100 }, () => a.u32());
    const sb = Array.from({ length: 100 }, () => b.u32());
    expect(sa).toEqual(sb);
  });

  it('gives unrelated streams for different seeds or salts', () => {
    const first = (r: Rng) => Array.from({ length: 8 }, () => r.u32());
    expect(first(new Rng(1))).not.toEqual(first(new Rng(2)));
    expect(first(new Rng(1, 'a'))).not.toEqual(first(new Rng(1, 'b')));
    expect(first(new Rng(1, 0))).not.toEqual(first(new Rng(1, 1)));
    // Seeds beyond 32 bits are not truncated into each other.
    expect(mixSeed(1)).not.toBe(mixSeed(2 ** 32 + 1));
  });

  it('pins the first outputs, so a change to the algorithm (and so to every generated tenant) is deliberate', () => {
    const r = new Rng(2026);
    expect([r.u32(), r.u32(), r.u32()]).toEqual([3767017980, 2482299428, 3015099050]);
    expect(uuidFrom(new Rng(2026, 'pin'))).toBe('ee75f79a-2fd0-4ca2-9c6a-f87bdac987a9');
  });

  it('keeps next() in [0, 1) and int() within its inclusive bounds, reaching both ends', () => {
    const r = new Rng(7);
    const seen = new Set<number>();
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 10_000; i++) {
      const f = r.next();
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
      seen.add(r.int(-2, 3));
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('picks every element, honours weights and chance', () => {
    const r = new Rng(11);
    const counts = { a: 0, b: 0, c: 0 };
    const picker = weightedPicker(['a', 'b', 'c'] as const, [1, 3, 0]);
    let heads = 0;
    const picked = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      counts[r.weighted(['a', 'b', 'c'] as const, [1, 3, 0])]++;
      counts[picker(r)]++;
      picked.add(r.pick(['x', 'y', 'z']));
      if (r.chance(0.25)) heads++;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / (counts.a + counts.b)).toBeCloseTo(0.75, 1);
    expect(heads / 20_000).toBeCloseTo(0.25, 1);
    expect(picked.size).toBe(3);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => weightedPicker(['a'], [0])).toThrow(RangeError);
  });

  it('draws normal-ish values with the requested mean and spread, bounded', () => {
    const r = new Rng(5);
    const xs = Array.from({ length: 50_000 }, () => r.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(10 + 2 * 3.47);
  });

  it('shuffles without losing or inventing elements', () => {
    const r = new Rng(3);
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const ys = r.shuffle(xs);
    expect(ys).not.toEqual(xs);
    expect([...ys].sort((a, b) => a - b)).toEqual(xs);
  });
});

describe('uuidFrom', () => {
  it('makes RFC 4122 version 4 shaped, lower-case ids, stable per seed and unique at scale', () => {
    const ids = new Set<string>();
    const r = new Rng(99);
    let malformed = 0;
    for (let i = 0; i < 100_000; i++) {
      const id = uuidFrom(r);
      if (i < 5000 && !UUID_V4.test(id)) malformed++;
      ids.add(id);
    }
    expect(malformed).toBe(0);
    expect(ids.size).toBe(100_000);
    expect(uuidFrom(new Rng(1, 'tenant'))).toBe(uuidFrom(new Rng(1, 'tenant')));
    expect(stableUuid(1, 'a')).not.toBe(stableUuid(1, 'b'));
  });

  it('formats 32-bit words as eight hex digits', () => {
    expect(hex32(0)).toBe('00000000');
    expect(hex32(0xdeadbeef)).toBe('deadbeef');
    expect(hex32(0x0000ff01)).toBe('0000ff01');
    const a = new Rng(4);
    const b = new Rng(4);
    expect(hexFrom(a, 2)).toBe(hex32(b.u32()) + hex32(b.u32()));
    expect(hexFrom(a, 1)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('matches the plain string formatting of the same random words', () => {
    const a = new Rng(8);
    const b = new Rng(8);
    for (let i = 0; i < 100; i++) {
      const [w0, w1, w2, w3] = [b.u32(), b.u32(), b.u32(), b.u32()];
      const v = hex32(((w1 & 0xffff0fff) | 0x4000) >>> 0);
      const r = hex32(((w2 & 0x3fffffff) | 0x80000000) >>> 0);
      const expected = `${hex32(w0)}-${v.slice(0, 4)}-${v.slice(4)}-${r.slice(0, 4)}-${r.slice(4)}${hex32(w3)}`;
      expect(uuidFrom(a)).toBe(expected);
    }
  });
});
