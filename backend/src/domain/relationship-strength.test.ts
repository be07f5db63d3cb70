import { describe, expect, it } from 'vitest';
import { relationshipStrength, strengthLabel, type RelationshipStats } from './relationship-strength.ts';
import { DAY_MS } from './types.ts';

const now = Date.UTC(2026, 10, 1);
const s = (over: Partial<RelationshipStats>): RelationshipStats => ({ lastAt: now - DAY_MS, emailsIn: 0, emailsOut: 0, meetings: 0, calls: 0, ...over });

describe('relationshipStrength', () => {
  it('is 0 with no contact at all and stays within 0-100', () => {
    expect(relationshipStrength(s({ lastAt: null }), now)).toBe(0);
    expect(relationshipStrength(s({ emailsIn: 500, emailsOut: 500, meetings: 100, calls: 100, lastAt: now }), now)).toBeLessThanOrEqual(100);
  });
  it('decays with silence', () => {
    const fresh = relationshipStrength(s({ emailsIn: 5, emailsOut: 5 }), now);
    const month = relationshipStrength(s({ emailsIn: 5, emailsOut: 5, lastAt: now - 31 * DAY_MS }), now);
    expect(month).toBeLessThan(fresh);
    expect(month).toBeCloseTo(fresh / 2, -1);
  });
  it('rewards two-way exchange over a one-sided mailing of the same size', () => {
    expect(relationshipStrength(s({ emailsIn: 5, emailsOut: 5 }), now)).toBeGreaterThan(relationshipStrength(s({ emailsOut: 10 }), now));
  });
  it('weighs meetings and calls above email', () => {
    expect(relationshipStrength(s({ meetings: 2 }), now)).toBeGreaterThan(relationshipStrength(s({ emailsIn: 1, emailsOut: 1 }), now));
  });
  it('grows with frequency', () => {
    expect(relationshipStrength(s({ emailsIn: 10, emailsOut: 10 }), now)).toBeGreaterThan(relationshipStrength(s({ emailsIn: 1, emailsOut: 1 }), now));
  });
  it('labels strong, warm, cooling and cold', () => {
    expect(strengthLabel(relationshipStrength(s({ emailsIn: 10, emailsOut: 10, meetings: 4 }), now), now - DAY_MS, now)).toBe('strong');
    expect(strengthLabel(10, now - 60 * DAY_MS, now)).toBe('cooling');
    expect(strengthLabel(2, now - 200 * DAY_MS, now)).toBe('cold');
    expect(strengthLabel(0, null, now)).toBe('none');
  });
});
