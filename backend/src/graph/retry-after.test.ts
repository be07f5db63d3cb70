import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './retry-after.ts';

describe('parseRetryAfter', () => {
  it('reads decimal seconds as Graph sends them', () => {
    expect(parseRetryAfter('2.128', 0)).toBe(2128);
    expect(parseRetryAfter('10', 0)).toBe(10_000);
    expect(parseRetryAfter(' 0.5 ', 0)).toBe(500);
    expect(parseRetryAfter('.25', 0)).toBe(250);
  });
  it('reads an HTTP-date against the clock', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
  });
  it('gives null for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter('-3', 0)).toBeNull();
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 30_000 };
  it('doubles the ceiling with each attempt and caps it', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
  it('draws the wait from the upper half of the ceiling', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(2000);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(3000);
  });
});
