import { describe, expect, it } from 'vitest';
import { occurrenceAt } from './meeting-occurrence.ts';

const H = 3_600_000;
const weekly = [0, 1, 2, 3].map((w) => ({ id: `w${w}`, occurredAt: w * 168 * H, durationMinutes: 60 }));

describe('occurrenceAt', () => {
  it('picks the occurrence under way', () => {
    expect(occurrenceAt(weekly, 168 * H + 30 * 60_000)?.id).toBe('w1');
  });

  it('otherwise the nearest one: the next shortly before it starts, the last just after it ended', () => {
    expect(occurrenceAt(weekly, 168 * H - 10 * 60_000)?.id).toBe('w1');
    expect(occurrenceAt(weekly, 168 * H + 2 * H)?.id).toBe('w1');
    expect(occurrenceAt(weekly, 10 * 168 * H)?.id).toBe('w3');
    expect(occurrenceAt(weekly, -H)?.id).toBe('w0');
  });

  it('takes a single meeting whenever it is, and nothing from nothing', () => {
    expect(occurrenceAt([weekly[2]!], 0)?.id).toBe('w2');
    expect(occurrenceAt([], 0)).toBeNull();
  });
});
