import { describe, expect, it } from 'vitest';
import { careComplianceByTier, careStatus } from './care-model.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS } from './types.ts';

const cadenceDays = DEFAULT_TENANT_SETTINGS.cadenceDays;
const now = Date.UTC(2026, 10, 1);

describe('careStatus', () => {
  it('is due one cadence after the last contact', () => {
    expect(careStatus({ tier: 'A', lastContactAt: now - 10 * DAY_MS, createdAt: 0, cadenceDays, now })).toEqual({
      cadenceDays: 14, lastContactAt: now - 10 * DAY_MS, nextDueAt: now + 4 * DAY_MS, overdue: false, daysOverdue: 0,
    });
  });
  it('counts whole days overdue', () => {
    expect(careStatus({ tier: 'B', lastContactAt: now - 45 * DAY_MS, createdAt: 0, cadenceDays, now })).toMatchObject({ overdue: true, daysOverdue: 15 });
  });
  it('is due at once when an account with a cadence was never contacted', () => {
    expect(careStatus({ tier: 'C', lastContactAt: null, createdAt: now - 3 * DAY_MS, cadenceDays, now })).toMatchObject({ overdue: true, nextDueAt: now - 3 * DAY_MS, daysOverdue: 3 });
  });
  it('never flags a tier without a cadence', () => {
    expect(careStatus({ tier: 'D', lastContactAt: now - 900 * DAY_MS, createdAt: 0, cadenceDays, now })).toMatchObject({ cadenceDays: null, overdue: false, nextDueAt: null });
  });
  it('follows the tenant’s own cadences', () => {
    expect(careStatus({ tier: 'D', lastContactAt: now - 200 * DAY_MS, createdAt: 0, cadenceDays: { ...cadenceDays, D: 180 }, now }).overdue).toBe(true);
  });
  it('gives compliance per tier', () => {
    const s = (tier: 'A' | 'B', daysAgo: number) => ({ tier, status: careStatus({ tier, lastContactAt: now - daysAgo * DAY_MS, createdAt: 0, cadenceDays, now }) });
    const d = { tier: 'D' as const, status: careStatus({ tier: 'D', lastContactAt: null, createdAt: 0, cadenceDays, now }) };
    const c = careComplianceByTier([s('A', 1), s('A', 20), s('A', 3), s('B', 40), d]);
    expect(c.A).toEqual({ accounts: 3, withCadence: 3, withinCadence: 2, overdue: 1, share: 2 / 3 });
    expect(c.B).toMatchObject({ accounts: 1, overdue: 1, share: 0 });
    expect(c.C).toEqual({ accounts: 0, withCadence: 0, withinCadence: 0, overdue: 0, share: null });
    expect(c.D).toEqual({ accounts: 1, withCadence: 0, withinCadence: 0, overdue: 0, share: null });
  });
});
