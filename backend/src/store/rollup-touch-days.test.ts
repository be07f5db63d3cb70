// Accounts and contacts touched from the touch days (migration 030, store/rollup-touch-days.ts) against the raw
// aggregation (test/support/dashboard-raw.ts), with touches placed on a period's edges: in the hours before the
// first UTC midnight that a Helsinki period starts with, in the hours after its end that the rounded days
// include, on both sides of such an edge, across the October DST change, in a period starting mid-week, a New York
// day and a Kolkata quarter; and again after removals that take a day out of the middle of a pair's days and then
// all of them (the pair is relinked, then gone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import { rawRepActivity } from '../../../test/support/dashboard-raw.ts';
import { expectRollupsRebuilt } from '../../../test/support/rollups-rebuilt.ts';
import type { Db } from './connect.ts';
import { createAccount } from './accounts.ts';
import { createContact } from './contacts.ts';
import type { InteractionInput } from './interactions.ts';
import { repActivity, type DashboardScope } from './analytics.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { removeInteraction } from '../use-cases/interactions/remove-interaction.ts';
import { periodOf, type Period } from '../domain/period.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, type Account, type Contact } from '../domain/types.ts';

const utc = (mo: number, d: number, h: number, m = 0) => Date.UTC(2026, mo - 1, d, h, m);

/** Helsinki 22 October (a Thursday) to 4 November: 21 Oct 21:00 UTC to 4 Nov 22:00 UTC, the DST change inside. */
const HKI = periodOf('2026-10-22', '2026-11-04', 'Europe/Helsinki');
const PERIODS: Period[] = [HKI, periodOf('2026-10-28', '2026-10-28', 'America/New_York'), periodOf('2026-08-10', '2026-11-07', 'Asia/Kolkata'), periodOf('2026-10-26', '2026-11-01', 'Europe/Helsinki')];

describe.each(testDatabases())('accounts and contacts touched from touch days on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let f: FixtureTenant;
  const accounts: Account[] = [];
  const contacts: Contact[] = [];
  const ids = new Map<string, string>();

  const scopeOf = (p: Period, memberIds: string[]): DashboardScope =>
    ({ scope: f.scope, memberIds, start: p.start, end: p.end, weekStarts: p.weekStarts, asOf: Math.min(p.end, T0), settings: DEFAULT_TENANT_SETTINGS });
  const touched = async (p: Period) => {
    const [rep] = await repActivity(scopeOf(p, [f.users.rep.id]));
    return [rep!.accountsTouched, rep!.contactsTouched];
  };
  const expectAsRaw = async () => {
    for (const p of PERIODS) {
      for (const memberIds of [[f.users.rep.id], [f.users.rep.id, f.users.rep2.id]]) {
        expect(await repActivity(scopeOf(p, memberIds)), `${p.timeZone} ${p.from}..${p.to}`).toEqual(await rawRepActivity(scopeOf(p, memberIds)));
      }
    }
    await expectRollupsRebuilt(f.scope);
  };

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    f = await makeTenant(handle, 'touchdays.test');
    for (let i = 0; i < 8; i++) {
      accounts.push(await createAccount(f.scope, { name: `Reuna ${i}`, domains: [`r${i}.reuna.test`], tier: 'B', lifecycle: 'customer', ownerId: f.users.rep.id, industry: null, size: null, region: null }, null, T0 - 400 * DAY_MS));
      contacts.push(await createContact(f.scope, { name: `k${i}`, emails: [`k${i}@r${i}.reuna.test`], phones: [], title: null, accountId: accounts[i]!.id, ownerId: null }, null, T0 - 400 * DAY_MS));
    }
    const touch = (key: string, i: number, at: number, kind: 'email' | 'note' = 'email', shared = false): InteractionInput => ({
      kind, direction: kind === 'email' ? 'outbound' : null, occurredAt: at, subject: key, snippet: null, note: kind === 'note' ? 'n' : null, durationMinutes: null,
      opportunityId: null, source: 'sync', visibility: 'shared', externalKey: key, accountIds: [accounts[i]!.id],
      participants: [
        { role: 'from', address: f.users.rep.email, displayName: null, userId: f.users.rep.id, contactId: null },
        { role: 'to', address: contacts[i]!.emails[0]!, displayName: null, userId: null, contactId: contacts[i]!.id },
      ],
      holders: [f.users.rep, ...(shared ? [f.users.rep2] : [])].map((u) => ({ userId: u.id, relation: 'holds' as const, at: T0 })),
    });
    const inputs = [
      touch('only-before-first-midnight', 0, utc(10, 21, 22, 30)), // in the period, before the UTC day the rows start with
      touch('only-after-end', 1, utc(11, 4, 23)), // after the period, in its last rounded UTC day
      touch('inside-and-after-end', 2, utc(11, 4, 10)),
      touch('inside-and-after-end-2', 2, utc(11, 4, 23), 'email', true),
      touch('before-start-and-inside', 3, utc(10, 21, 20)),
      touch('before-start-and-inside-2', 3, utc(10, 22, 5)),
      touch('only-before-start', 4, utc(10, 21, 20, 30)),
      touch('days-1', 5, utc(10, 25, 1, 30)), // the night the clocks go back
      touch('days-2', 5, utc(10, 26, 12), 'email', true),
      touch('days-3', 5, utc(10, 30, 9)),
      touch('note-only', 6, utc(10, 27, 9), 'note'),
      touch('new-york-before', 7, utc(10, 28, 2)), // 27 Oct in New York
      touch('new-york-inside', 7, utc(10, 28, 5)),
      touch('new-york-after', 7, utc(10, 29, 3, 30)), // still 28 Oct in New York
    ];
    const made = await mergeInteractionCopies(f.scope, inputs, T0);
    inputs.forEach((x, k) => ids.set(x.externalKey!, made[k]!.id));
  }, 60_000);
  afterAll(async () => dispose());

  it('counts each pair touched in the period once, the edges exact, as the raw aggregation', async () => {
    // Accounts 0, 2, 3, 5 and 7 and their contacts; not 1 and 4 (outside), nor 6 (a note only).
    expect(await touched(HKI)).toEqual([5, 5]);
    await expectAsRaw();
  });

  it('relinks a pair when a day in the middle of its days goes, and forgets it when all go', async () => {
    const admin = { userId: f.users.admin.id, role: 'admin' as const };
    await removeInteraction(f.scope, admin, { id: ids.get('days-2')!, reason: null }, T0);
    expect(await touched(HKI)).toEqual([5, 5]);
    // From Monday 26 October: account 5 only through its 30 October email now, and account 7.
    expect(await touched(periodOf('2026-10-26', '2026-10-30', 'Europe/Helsinki'))).toEqual([2, 2]);
    await expectAsRaw();
    for (const key of ['days-1', 'days-3', 'only-before-first-midnight']) await removeInteraction(f.scope, admin, { id: ids.get(key)!, reason: null }, T0);
    expect(await touched(HKI)).toEqual([3, 3]);
    await expectAsRaw();
  });
});
