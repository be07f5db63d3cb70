// The moves of a merge, one function per kind of row so that other denormalised indexes (per-account timeline
// rows, rollups) can follow a move in one place. Callers run them inside the merge's one transaction.
import { sql } from 'kysely';
import { chunks, type TenantScope } from './scope.ts';
import { withRollups } from './rollups.ts';
import { touchTimeline } from './timeline-rows.ts';
import { touchSearch } from './search-index.ts';

export interface AccountMoveCounts {
  interactions: number;
  contacts: number;
  opportunities: number;
  feedback: number;
  followUps: number;
  domains: number;
}

export interface ContactMoveCounts {
  interactions: number;
  addresses: number;
  feedback: number;
}

const n = (r: { n: number | string | bigint } | undefined) => Number(r?.n ?? 0);

/** What merging fromIds would move: timeline items (not already on the survivor's timeline count too), records, domains. */
export async function countAccountMoves(scope: TenantScope, fromIds: readonly string[]): Promise<AccountMoveCounts> {
  const ids = [...fromIds];
  const t = scope.tenantId;
  const [interactions, contacts, opportunities, feedback, followUps, domains] = await Promise.all([
    scope.db.selectFrom('interaction_accounts').select((eb) => eb.fn.count<number>('interaction_id').distinct().as('n')).where('tenant_id', '=', t).where('account_id', 'in', ids).executeTakeFirst(),
    scope.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('account_id', 'in', ids).where('deleted_at', 'is', null).executeTakeFirst(),
    scope.db.selectFrom('opportunities').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('account_id', 'in', ids).where('deleted_at', 'is', null).executeTakeFirst(),
    scope.db.selectFrom('feedback').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('account_id', 'in', ids).executeTakeFirst(),
    scope.db.selectFrom('follow_ups').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('account_id', 'in', ids).executeTakeFirst(),
    scope.db.selectFrom('account_domains').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('account_id', 'in', ids).executeTakeFirst(),
  ]);
  return { interactions: n(interactions), contacts: n(contacts), opportunities: n(opportunities), feedback: n(feedback), followUps: n(followUps), domains: n(domains) };
}

/**
 * The timeline index rows of fromIds move to toId. An item already on the survivor's timeline (mail that matched
 * both accounts) keeps its one row there. Insert-then-delete rather than UPDATE: the account_touches triggers
 * (migration 003) follow inserts and deletes.
 */
export async function moveAccountTimeline(scope: TenantScope, fromIds: readonly string[], toId: string): Promise<void> {
  const t = scope.tenantId;
  // The rollups (per account) and the timeline rows (per account) follow the interactions that move.
  const moving = (await scope.db.selectFrom('interaction_accounts').select('interaction_id').distinct().where('tenant_id', '=', t).where('account_id', 'in', [...fromIds]).execute())
    .map((r) => r.interaction_id);
  await withRollups(scope, moving, async () => {
    await scope.db
      .insertInto('interaction_accounts')
      .columns(['tenant_id', 'account_id', 'occurred_at', 'interaction_id', 'kind'])
      .expression((eb) =>
        eb
          .selectFrom('interaction_accounts')
          .select([sql<string>`${t}`.as('tenant_id'), sql<string>`${toId}`.as('account_id'), 'occurred_at', 'interaction_id', 'kind'])
          .where('tenant_id', '=', t)
          .where('account_id', 'in', [...fromIds]),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await scope.db.deleteFrom('interaction_accounts').where('tenant_id', '=', t).where('account_id', 'in', [...fromIds]).execute();
  });
  await touchTimeline(scope, moving);
}

/** Contacts, opportunities, feedback and follow-ups of fromIds now belong to toId. */
export async function moveAccountRecords(scope: TenantScope, fromIds: readonly string[], toId: string, now: number): Promise<void> {
  const t = scope.tenantId;
  const ids = [...fromIds];
  const contacts = await scope.db.selectFrom('contacts').select('id').where('tenant_id', '=', t).where('account_id', 'in', ids).execute();
  await scope.db.updateTable('contacts').set({ account_id: toId, updated_at: now }).where('tenant_id', '=', t).where('account_id', 'in', ids).execute();
  await touchSearch(scope, 'contact', contacts.map((c) => c.id));
  await scope.db.updateTable('opportunities').set({ account_id: toId, updated_at: now }).where('tenant_id', '=', t).where('account_id', 'in', ids).execute();
  await scope.db.updateTable('feedback').set({ account_id: toId }).where('tenant_id', '=', t).where('account_id', 'in', ids).execute();
  await scope.db.updateTable('follow_ups').set({ account_id: toId }).where('tenant_id', '=', t).where('account_id', 'in', ids).execute();
}

/** The domains of fromIds move to toId (one row per domain: the survivor's own stays as it is). */
export async function moveAccountDomains(scope: TenantScope, fromIds: readonly string[], toId: string): Promise<void> {
  const t = scope.tenantId;
  const moving = await scope.db.selectFrom('account_domains').select('domain').distinct().where('tenant_id', '=', t).where('account_id', 'in', [...fromIds]).execute();
  await scope.db.deleteFrom('account_domains').where('tenant_id', '=', t).where('account_id', 'in', [...fromIds]).execute();
  if (moving.length === 0) return;
  await scope.db
    .insertInto('account_domains')
    .values(moving.map((r) => ({ tenant_id: t, domain: r.domain, account_id: toId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await touchSearch(scope, 'account', [toId]);
}

/** The merged accounts leave every list; their rows stay (soft-removed) for the audit trail and the aliases. */
export async function retireMergedAccounts(scope: TenantScope, ids: readonly string[], now: number): Promise<void> {
  await scope.db.updateTable('accounts').set({ deleted_at: now, updated_at: now }).where('tenant_id', '=', scope.tenantId).where('id', 'in', [...ids]).execute();
  await touchSearch(scope, 'account', ids);
}

export async function countContactMoves(scope: TenantScope, fromIds: readonly string[]): Promise<ContactMoveCounts> {
  const ids = [...fromIds];
  const t = scope.tenantId;
  const [interactions, addresses, feedback] = await Promise.all([
    scope.db.selectFrom('interaction_participants').select((eb) => eb.fn.count<number>('interaction_id').distinct().as('n')).where('tenant_id', '=', t).where('contact_id', 'in', ids).executeTakeFirst(),
    scope.db.selectFrom('contact_emails').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('contact_id', 'in', ids).executeTakeFirst(),
    scope.db.selectFrom('feedback').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t).where('contact_id', 'in', ids).executeTakeFirst(),
  ]);
  return { interactions: n(interactions), addresses: n(addresses), feedback: n(feedback) };
}

/** The merged contacts' appearances in interactions, their addresses and their feedback now name toId. */
export async function moveContactRecords(scope: TenantScope, fromIds: readonly string[], toId: string): Promise<void> {
  const t = scope.tenantId;
  const ids = [...fromIds];
  const moving = (await scope.db.selectFrom('interaction_participants').select('interaction_id').distinct().where('tenant_id', '=', t).where('contact_id', 'in', ids).execute())
    .map((r) => r.interaction_id);
  await withRollups(scope, moving, () =>
    scope.db.updateTable('interaction_participants').set({ contact_id: toId }).where('tenant_id', '=', t).where('contact_id', 'in', ids).execute());
  await touchTimeline(scope, moving);
  await scope.db.updateTable('contact_emails').set({ contact_id: toId }).where('tenant_id', '=', t).where('contact_id', 'in', ids).execute();
  await touchSearch(scope, 'contact', [toId]);
  await scope.db.updateTable('feedback').set({ contact_id: toId }).where('tenant_id', '=', t).where('contact_id', 'in', ids).execute();
}

export async function retireMergedContacts(scope: TenantScope, ids: readonly string[], now: number): Promise<void> {
  await scope.db.updateTable('contacts').set({ deleted_at: now, updated_at: now }).where('tenant_id', '=', scope.tenantId).where('id', 'in', [...ids]).execute();
  await touchSearch(scope, 'contact', ids);
}

/** Every live account's id, name, domains and age: the input of duplicate detection. */
export async function accountsForMatching(scope: TenantScope): Promise<{ id: string; name: string; domains: string[]; createdAt: number; ownerId: string | null }[]> {
  const t = scope.tenantId;
  const [rows, domains] = await Promise.all([
    scope.db.selectFrom('accounts').select(['id', 'name', 'created_at', 'owner_id']).where('tenant_id', '=', t).where('deleted_at', 'is', null).execute(),
    scope.db
      .selectFrom('account_domains as d')
      .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'd.tenant_id').onRef('a.id', '=', 'd.account_id'))
      .select(['d.account_id', 'd.domain'])
      .where('d.tenant_id', '=', t)
      .where('a.deleted_at', 'is', null)
      .execute(),
  ]);
  const byAccount = new Map<string, string[]>();
  for (const d of domains) byAccount.set(d.account_id, [...(byAccount.get(d.account_id) ?? []), d.domain]);
  return rows.map((r) => ({ id: r.id, name: r.name, domains: byAccount.get(r.id) ?? [], createdAt: Number(r.created_at), ownerId: r.owner_id }));
}

/** accountId: only that account's contacts (the check before a new contact), and only their addresses. */
export async function contactsForMatching(scope: TenantScope, accountId?: string): Promise<{ id: string; name: string; emails: string[]; accountId: string | null; createdAt: number }[]> {
  const t = scope.tenantId;
  const rows = await scope.db.selectFrom('contacts').select(['id', 'name', 'account_id', 'created_at']).where('tenant_id', '=', t).where('deleted_at', 'is', null)
    .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId!)).execute();
  // One account's: its contacts' addresses by contact id (the contact index), not the tenant's every address joined.
  const emails = accountId === undefined
    ? await scope.db
      .selectFrom('contact_emails as e')
      .innerJoin('contacts as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.contact_id'))
      .select(['e.contact_id', 'e.address'])
      .where('e.tenant_id', '=', t)
      .where('c.deleted_at', 'is', null)
      .execute()
    : (await Promise.all(chunks(rows.map((r) => r.id), 500).map((ids) =>
      scope.db.selectFrom('contact_emails').select(['contact_id', 'address']).where('tenant_id', '=', t).where('contact_id', 'in', ids).execute()))).flat();
  const byContact = new Map<string, string[]>();
  for (const e of emails) byContact.set(e.contact_id, [...(byContact.get(e.contact_id) ?? []), e.address]);
  return rows.map((r) => ({ id: r.id, name: r.name, emails: byContact.get(r.id) ?? [], accountId: r.account_id, createdAt: Number(r.created_at) }));
}
