import { describe, expect, it } from 'vitest';
import { retentionCutoff } from './retention.ts';

describe('retentionCutoff', () => {
  it('keeps everything without a retention', () => {
    expect(retentionCutoff({ months: null, action: 'delete' }, Date.UTC(2026, 11, 6))).toBeNull();
  });
  it('counts calendar months back, at the same time of day', () => {
    expect(retentionCutoff({ months: 24, action: 'delete' }, Date.UTC(2026, 11, 6, 3, 15))).toBe(Date.UTC(2024, 11, 6, 3, 15));
  });
  it('lands on the last day of a shorter month', () => {
    expect(retentionCutoff({ months: 1, action: 'anonymise' }, Date.UTC(2026, 2, 31))).toBe(Date.UTC(2026, 1, 28));
  });
});
