import { describe, expect, it } from 'vitest';
import { careState } from './care-warning.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, type Tier } from './types.ts';

const now = Date.UTC(2026, 10, 1);
const state = (tier: Tier, daysAgo: number | null) =>
  careState({ tier, lastContactAt: daysAgo === null ? null : now - daysAgo * DAY_MS, createdAt: now - 400 * DAY_MS, cadenceDays: DEFAULT_TENANT_SETTINGS.cadenceDays, now });

describe('care state', () => {
  it('warns A and B accounts past three quarters of their cadence, before they are overdue', () => {
    expect(state('A', 10)).toBe('kept'); // 14-day cadence warns after 10.5 days
    expect(state('A', 11)).toBe('going-cold');
    expect(state('A', 14)).toBe('going-cold'); // due today, not yet past it
    expect(state('A', 15)).toBe('overdue');
    expect(state('B', 22)).toBe('kept');
    expect(state('B', 23)).toBe('going-cold');
    expect(state('B', 31)).toBe('overdue');
  });

  it('never calls a C account cold, never a D account anything, and a never-contacted one overdue', () => {
    expect(state('C', 80)).toBe('kept');
    expect(state('C', 91)).toBe('overdue');
    expect(state('D', 999)).toBe('no-cadence');
    expect(state('A', null)).toBe('overdue');
  });
});
