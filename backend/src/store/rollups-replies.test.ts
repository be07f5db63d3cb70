// The replies' recomputation is incremental (store/rollups.ts): a write re-derives only the replies of the
// customer emails it adds or removes and of those whose next colleague email it adds or removes. These cases break
// a wrong rule: an email slipped in before an existing reply, one that becomes the reply of emails before an
// earlier one, a batch out of time order, removals, ties at the same millisecond. After each write the replies
// must equal the backfill's (expectRollupsRebuilt), and a reply the write cannot change is not read again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import { expectRollupsRebuilt } from '../../../test/support/rollups-rebuilt.ts';
import type { Db } from './connect.ts';
import { createAccount } from './accounts.ts';
import type { InteractionInput } from './interactions.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { removeInteraction } from '../use-cases/interactions/remove-interaction.ts';
import { DAY_MS, type User } from '../domain/types.ts';

const HOUR = 3_600_000;

describe.each(testDatabases())('replies recomputed incrementally on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let f: FixtureTenant;
  let rep: User;
  let accounts: string[];

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    f = await makeTenant(handle, 'replies.test');
    rep = f.users.rep;
    accounts = [];
    for (let i = 0; i < 2; i++) accounts.push((await createAccount(f.scope, { name: `R${i}`, domains: [], tier: 'A', lifecycle: 'customer', ownerId: rep.id, industry: null, size: null, region: null }, null, T0 - 400 * DAY_MS)).id);
  });
  afterAll(async () => dispose());

  const email = (key: string, at: number, dir: 'inbound' | 'outbound', account = accounts[0]!, holder = rep): InteractionInput => ({
    kind: 'email', direction: dir, occurredAt: at, subject: null, snippet: null, note: null, durationMinutes: null, opportunityId: null, source: 'sync',
    visibility: 'metadata', externalKey: key, accountIds: [account],
    participants: [{ role: 'from', address: holder.email, displayName: null, userId: holder.id, contactId: null }],
    holders: [{ userId: holder.id, relation: 'holds', at: T0 }],
  });
  const store = async (...emails: InteractionInput[]) => (await mergeInteractionCopies(f.scope, emails, T0)).map((r) => r.id);
  /** The stored reply (ms) of each customer email, by its key; absent: unanswered. */
  const replies = async (): Promise<Record<string, number>> => {
    const r = await sql<{ external_key: string; reply_ms: unknown }>`select i.external_key, r.reply_ms from rollup_replies r
      join interactions i on i.tenant_id = r.tenant_id and i.id = r.interaction_id where r.tenant_id = ${f.tenantId} and r.user_id = ${rep.id}`.execute(handle.db);
    return Object.fromEntries(r.rows.map((x) => [x.external_key, Number(x.reply_ms)]));
  };
  const remove = (id: string) => removeInteraction(f.scope, { userId: f.users.admin.id, role: 'admin' }, { id, reason: null }, T0);

  it('follows emails slipped in before a reply, batches out of time order, ties and removals', async () => {
    const b = T0 - 200 * DAY_MS;
    await store(email('in1', b, 'inbound'), email('out5d', b + 5 * DAY_MS, 'outbound'));
    expect(await replies()).toEqual({ in1: 5 * DAY_MS });

    // An outbound email between a customer email and its reply becomes the reply.
    await store(email('out2d', b + 2 * DAY_MS, 'outbound'));
    expect(await replies()).toEqual({ in1: 2 * DAY_MS });

    // A customer email at the very millisecond of the previous colleague email, then a reply after both: the
    // colleague email at the same instant is no reply, so the new one answers it (and not in1, answered earlier).
    await store(email('inTie', b + 2 * DAY_MS, 'inbound'), email('in3d', b + 3 * DAY_MS, 'inbound'));
    expect(await replies()).toEqual({ in1: 2 * DAY_MS, inTie: 3 * DAY_MS, in3d: 2 * DAY_MS });
    await store(email('out4d', b + 4 * DAY_MS, 'outbound'));
    expect(await replies()).toEqual({ in1: 2 * DAY_MS, inTie: 2 * DAY_MS, in3d: DAY_MS });

    // One batch spanning most of a year, newest first, on two accounts, with a customer email at each end
    // answered by an email of the same batch and one answered by an email stored earlier.
    await store(
      email('late-out', b + 300 * DAY_MS, 'outbound'), email('late-in', b + 299 * DAY_MS, 'inbound'),
      email('other-in', b + 3 * DAY_MS + HOUR, 'inbound', accounts[1]!), email('other-out', b + 3 * DAY_MS + 2 * HOUR, 'outbound', accounts[1]!),
      email('early-in', b + 3 * DAY_MS + 30 * 60_000, 'inbound'), email('before-all', b - DAY_MS, 'inbound'), email('early-out', b - 13 * DAY_MS, 'outbound'),
    );
    expect(await replies()).toEqual({
      in1: 2 * DAY_MS, inTie: 2 * DAY_MS, in3d: DAY_MS, 'early-in': DAY_MS - 30 * 60_000, 'late-in': DAY_MS, 'before-all': 3 * DAY_MS, 'other-in': HOUR,
    });
    await expectRollupsRebuilt(f.scope);

    // Removing a reply hands its customer emails to the next colleague email, or leaves them unanswered.
    const [out2d] = await store(email('out2d', b + 2 * DAY_MS, 'outbound'));
    await remove(out2d!);
    expect(await replies()).toMatchObject({ in1: 4 * DAY_MS, 'before-all': 5 * DAY_MS, inTie: 2 * DAY_MS });
    const [lateOut] = await store(email('late-out', b + 300 * DAY_MS, 'outbound'));
    await remove(lateOut!);
    expect(await replies()).not.toHaveProperty('late-in');
    // Removing a customer email removes its reply only.
    const [in3d] = await store(email('in3d', b + 3 * DAY_MS, 'inbound'));
    await remove(in3d!);
    expect(await replies()).toEqual({ in1: 4 * DAY_MS, inTie: 2 * DAY_MS, 'early-in': DAY_MS - 30 * 60_000, 'before-all': 5 * DAY_MS, 'other-in': HOUR });
    expect(await expectRollupsRebuilt(f.scope)).toBe(5);
  }, 120_000);

  it('leaves the replies a write cannot change alone, however far apart its emails are', async () => {
    const b = T0 - 390 * DAY_MS;
    await store(email('far-in', b + 100 * DAY_MS, 'inbound', accounts[1]!), email('far-out', b + 101 * DAY_MS, 'outbound', accounts[1]!));
    // Marked by hand: a recomputation that re-derives it would set it back to one day.
    await sql`update rollup_replies set reply_ms = 1 where tenant_id = ${f.tenantId} and inbound_at = ${b + 100 * DAY_MS}`.execute(handle.db);
    // The same colleague and account, months before and after it, in one batch.
    await store(email('far-a', b + 10 * DAY_MS, 'inbound', accounts[1]!), email('far-b', b + 190 * DAY_MS, 'outbound', accounts[1]!), email('far-c', b + 189 * DAY_MS, 'inbound', accounts[1]!));
    const r = await replies();
    expect([r['far-in'], r['far-c'], r['far-a']]).toEqual([1, DAY_MS, undefined]);
    await sql`update rollup_replies set reply_ms = ${DAY_MS} where tenant_id = ${f.tenantId} and inbound_at = ${b + 100 * DAY_MS}`.execute(handle.db);
    await expectRollupsRebuilt(f.scope);
  }, 120_000);
});
