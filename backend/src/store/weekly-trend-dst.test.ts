// The weekly trend's edges in a zone with summer time: the week in which the clocks change is 167 hours (the last
// Sunday of March in Helsinki) or 169 hours (the last Sunday of October), and an interaction in the first or last
// hour of such a week belongs to it. Both paths are checked: the rollups (one member) and the correction for an
// interaction two members share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import { rawWeeklyTrend } from '../../../test/support/dashboard-raw.ts';
import type { Db } from './connect.ts';
import { createAccount } from './accounts.ts';
import type { InteractionInput } from './interactions.ts';
import { weeklyTrend, type DashboardScope } from './analytics.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { periodOf, type Period } from '../domain/period.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, type User } from '../domain/types.ts';

const HKI = 'Europe/Helsinki';
const MIN = 60_000;
/** Helsinki wall-clock time as epoch ms, given its UTC offset in hours then. */
const hki = (y: number, mo: number, d: number, h: number, m: number, offset: number) => Date.UTC(y, mo - 1, d, h - offset, m);

describe.each(testDatabases())('weekly trend across DST changes on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let f: FixtureTenant;
  let users: User[];

  const dashboard = (p: Period, memberIds: string[]): DashboardScope =>
    ({ scope: f.scope, memberIds, start: p.start, end: p.end, weekStarts: p.weekStarts, asOf: p.end, settings: DEFAULT_TENANT_SETTINGS });

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    f = await makeTenant(handle, 'dst.test');
    users = [f.users.rep, f.users.rep2];
    const account = await createAccount(f.scope, { name: 'Kello Oy', domains: ['kello.test'], tier: 'A', lifecycle: 'customer', ownerId: f.users.rep.id, industry: null, size: null, region: null }, null, T0 - 400 * DAY_MS);
    // Emails by rep alone and notes held by rep and rep2 both (shared: counted once for the team).
    const at = [
      hki(2026, 3, 29, 23, 30, 3), // Sunday 29 March 23:30 summer time: the last half hour of the 167-hour week
      hki(2026, 3, 30, 0, 30, 3), //  Monday 30 March 00:30: the next week (7 * 24 h from the Monday before is 01:00)
      hki(2026, 10, 25, 23, 30, 2), // Sunday 25 October 23:30 winter time: the last half hour of the 169-hour week
      hki(2026, 10, 26, 0, 30, 2), // Monday 26 October 00:30: the next week
    ];
    const inputs: InteractionInput[] = at.flatMap((t, i) => [
      {
        kind: 'email', direction: 'outbound', occurredAt: t, subject: 'edge', snippet: null, note: null, durationMinutes: null, opportunityId: null,
        source: 'sync', visibility: 'shared', externalKey: `edge-email-${i}`, accountIds: [account.id],
        participants: [{ role: 'from', address: f.users.rep.email, displayName: null, userId: f.users.rep.id, contactId: null }, { role: 'to', address: 'x@kello.test', displayName: null, userId: null, contactId: null }],
        holders: [{ userId: f.users.rep.id, relation: 'holds', at: T0 }],
      },
      {
        kind: 'note', direction: null, occurredAt: t + MIN, subject: 'edge', snippet: null, note: 'noted', durationMinutes: null, opportunityId: null,
        source: 'sync', visibility: 'shared', externalKey: `edge-note-${i}`, accountIds: [account.id],
        participants: users.map((u) => ({ role: 'from' as const, address: u.email, displayName: null, userId: u.id, contactId: null })),
        holders: users.map((u) => ({ userId: u.id, relation: 'holds' as const, at: T0 })),
      },
    ]);
    await mergeInteractionCopies(f.scope, inputs, T0);
  }, 60_000);
  afterAll(async () => dispose());

  it('starts every week at a local Monday midnight, the DST weeks 167 and 169 hours long', () => {
    const spring = periodOf('2026-03-16', '2026-04-12', HKI);
    expect(spring.weekStarts).toEqual([hki(2026, 3, 16, 0, 0, 2), hki(2026, 3, 23, 0, 0, 2), hki(2026, 3, 30, 0, 0, 3), hki(2026, 4, 6, 0, 0, 3)]);
    expect(spring.weekStarts[2]! - spring.weekStarts[1]!).toBe(167 * 60 * MIN);
    const autumn = periodOf('2026-10-12', '2026-11-08', HKI);
    expect(autumn.weekStarts).toEqual([hki(2026, 10, 12, 0, 0, 3), hki(2026, 10, 19, 0, 0, 3), hki(2026, 10, 26, 0, 0, 2), hki(2026, 11, 2, 0, 0, 2)]);
    expect(autumn.weekStarts[2]! - autumn.weekStarts[1]!).toBe(169 * 60 * MIN);
    // A period starting mid-week still has its first week from the Monday before.
    expect(periodOf('2026-10-22', '2026-10-27', HKI).weekStarts).toEqual([hki(2026, 10, 19, 0, 0, 3), hki(2026, 10, 26, 0, 0, 2)]);
  });

  for (const [season, from, to] of [['March', '2026-03-16', '2026-04-12'], ['October', '2026-10-12', '2026-11-08']] as const) {
    it(`puts the last hour of the ${season} DST week in that week and the next Monday's first hour in the next`, async () => {
      const p = periodOf(from, to, HKI);
      for (const memberIds of [[f.users.rep.id], users.map((u) => u.id)]) {
        const weeks = await weeklyTrend(dashboard(p, memberIds));
        expect(weeks.map((w) => w.weekStart)).toEqual(p.weekStarts);
        // Week 1 is the DST week (Sunday 23:30), week 2 the one after (Monday 00:30): one email and one note each.
        expect(weeks.map((w) => [w.emails, w.notes]), memberIds.length === 1 ? 'rep alone' : 'rep and rep2').toEqual([[0, 0], [1, 1], [1, 1], [0, 0]]);
        expect(weeks).toEqual(await rawWeeklyTrend(dashboard(p, memberIds)));
      }
    });
  }
});
