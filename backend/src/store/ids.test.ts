import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('gives RFC 9562 version 7 UUIDs carrying the time, in time order, never the same twice across entropy refills', () => {
    const at = Date.UTC(2026, 11, 6, 9, 0);
    // 1,000 ids: well past one 4 kB pool of random bits (256 ids).
    const ids = Array.from({ length: 1000 }, (_, k) => newId(at + k));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, k) => k === 0 || id > ids[k - 1]!)).toBe(true);
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    // Ids of one millisecond differ in their random bits.
    const same = Array.from({ length: 300 }, () => newId(at));
    expect(new Set(same).size).toBe(300);
  });
});
