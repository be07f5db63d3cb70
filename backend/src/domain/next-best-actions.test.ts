import { describe, expect, it } from 'vitest';
import { nextBestActions, type NextActionInput } from './next-best-actions.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS } from './types.ts';

const now = Date.UTC(2026, 9, 30, 10); // Friday 30 October, 12:00 in Helsinki
const base: NextActionInput = {
  now, timeZone: 'Europe/Helsinki', cadenceDays: DEFAULT_TENANT_SETTINGS.cadenceDays, unansweredAfterWorkingDays: 2, idleDays: 21,
  overdue: [], unanswered: [], idle: [], exchange: [],
};

describe('nextBestActions', () => {
  it('puts a waiting customer first, then overdue cadences, stalled deals and cooling relationships', () => {
    const actions = nextBestActions({
      ...base,
      overdue: [{ accountId: 'a1', accountName: 'Alpha', tier: 'A', lastContactAt: now - 20 * DAY_MS, createdAt: 0 }],
      unanswered: [{ interactionId: 'i1', accountId: 'c1', accountName: 'Gamma', tier: 'C', occurredAt: now - 3 * DAY_MS, subject: 'Quote?', fromName: 'Pia' }],
      idle: [{ opportunityId: 'o1', name: 'Line 6', accountId: 'b1', accountName: 'Beta', tier: 'B', stage: 'offer', valueCents: 5_000_000, currency: 'EUR', lastActivityAt: now - 30 * DAY_MS }],
      exchange: [{ accountId: 'd1', accountName: 'Delta', tier: 'B', lastAt: now - 60 * DAY_MS, emailsIn: 3, emailsOut: 3, meetings: 0, calls: 0 }],
    });
    expect(actions.map((a) => [a.type, a.accountName, a.action.kind])).toEqual([
      ['unanswered-email', 'Gamma', 'open-thread'],
      ['overdue-cadence', 'Alpha', 'log-call'],
      ['idle-opportunity', 'Beta', 'schedule-follow-up'],
      ['cooling-relationship', 'Delta', 'log-call'],
    ]);
    expect(actions[0]!.reason.params).toEqual({ workingDays: 3, from: 'Pia', subject: 'Quote?' });
    expect(actions[1]!.reason.params).toMatchObject({ cadenceDays: 14, daysOverdue: 6 });
  });

  it('waits two working days before calling an email unanswered', () => {
    const thursday = Date.UTC(2026, 9, 29, 9);
    const r = nextBestActions({ ...base, unanswered: [{ interactionId: 'i', accountId: 'a', accountName: 'A', tier: 'A', occurredAt: thursday, subject: null, fromName: null }] });
    expect(r).toEqual([]);
  });

  it('keeps one action per account: the most urgent', () => {
    const r = nextBestActions({
      ...base,
      overdue: [{ accountId: 'a1', accountName: 'Alpha', tier: 'A', lastContactAt: null, createdAt: now - 100 * DAY_MS }],
      idle: [{ opportunityId: 'o1', name: 'X', accountId: 'a1', accountName: 'Alpha', tier: 'A', stage: 'offer', valueCents: 1, currency: 'EUR', lastActivityAt: now - 40 * DAY_MS }],
    });
    expect(r.map((a) => a.type)).toEqual(['overdue-cadence']);
  });

  it('leaves out what is not due: a tier without cadence, a recent deal, a strong relationship', () => {
    const r = nextBestActions({
      ...base,
      overdue: [{ accountId: 'd', accountName: 'D', tier: 'D', lastContactAt: null, createdAt: 0 }],
      idle: [{ opportunityId: 'o', name: 'X', accountId: 'b', accountName: 'B', tier: 'B', stage: 'offer', valueCents: 1, currency: 'EUR', lastActivityAt: now - 5 * DAY_MS }],
      exchange: [{ accountId: 's', accountName: 'S', tier: 'A', lastAt: now - DAY_MS, emailsIn: 20, emailsOut: 20, meetings: 4, calls: 2 }],
    });
    expect(r).toEqual([]);
  });
});
