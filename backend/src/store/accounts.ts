import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { AccountTable, Database } from './database.ts';
import { DAY_MS, OPEN_STAGES, type Account, type CompanySize, type Lifecycle, type Tier, type TenantSettings } from '../domain/types.ts';
import { chunks, inTransaction, type TenantScope } from './scope.ts';
import { runCompiledOnce } from './compiled-query.ts';
import { newId } from './ids.ts';
import { writeAudit } from './audit.ts';
import { notFound } from '../domain/errors.ts';
import { changedFields } from '../domain/audit-detail.ts';
import { normalizeDomain } from '../domain/addresses.ts';
import { touchSearch } from './search-index.ts';
import type { ArchivedFilter } from '../domain/archive.ts';

export interface AccountInput {
  name: string;
  domains: string[];
  tier: Tier;
  lifecycle: Lifecycle;
  ownerId: string | null;
  industry: string | null;
  size: CompanySize | null;
  region: string | null;
}

function accountFromRow(r: Selectable<AccountTable>, domains: string[]): Account {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    domains,
    tier: r.tier as Tier,
    lifecycle: r.lifecycle as Lifecycle,
    ownerId: r.owner_id,
    industry: r.industry,
    size: r.size as CompanySize | null,
    region: r.region,
    lastContactAt: r.last_contact_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at ?? null,
  };
}

async function domainsFor(scope: TenantScope, accountIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks(accountIds, 500)) {
    const rows = await scope.db
      .selectFrom('account_domains')
      .select(['account_id', 'domain'])
      .where('tenant_id', '=', scope.tenantId)
      .where('account_id', 'in', part)
      .orderBy('domain')
      .execute();
    for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), r.domain]);
  }
  return out;
}

export async function getAccount(scope: TenantScope, id: string): Promise<Account | null> {
  const r = await scope.db
    .selectFrom('accounts')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!r) return null;
  return accountFromRow(r, (await domainsFor(scope, [id])).get(id) ?? []);
}

export async function requireAccount(scope: TenantScope, id: string): Promise<Account> {
  const a = await getAccount(scope, id);
  if (!a) throw notFound('account');
  return a;
}

/** The account's 404 without loading it: a read that only needs it to exist (the timeline) pays one index probe. */
export async function requireAccountExists(scope: TenantScope, id: string): Promise<void> {
  // The timeline's probe, on every page: built and compiled once (store/compiled-query.ts).
  const rows = await runCompiledOnce<{ id: string }>(scope.db, 'account-exists', [scope.tenantId, id], (v) =>
    scope.db.selectFrom('accounts').select('id').where('tenant_id', '=', v(0)).where('id', '=', v(1)).where('deleted_at', 'is', null));
  if (rows.length === 0) throw notFound('account');
}

export async function getAccounts(scope: TenantScope, ids: string[]): Promise<Account[]> {
  if (ids.length === 0) return [];
  const rows = [];
  for (const part of chunks([...new Set(ids)], 500)) {
    rows.push(
      ...(await scope.db.selectFrom('accounts').selectAll().where('tenant_id', '=', scope.tenantId).where('id', 'in', part).where('deleted_at', 'is', null).execute()),
    );
  }
  const domains = await domainsFor(scope, rows.map((r) => r.id));
  return rows.map((r) => accountFromRow(r, domains.get(r.id) ?? []));
}

export async function createAccount(scope: TenantScope, input: AccountInput, actorId: string | null, now: number, id = newId(now)): Promise<Account> {
  return inTransaction(scope, async (tx) => {
    await tx.db
      .insertInto('accounts')
      .values({
        tenant_id: tx.tenantId,
        id,
        name: input.name,
        tier: input.tier,
        lifecycle: input.lifecycle,
        owner_id: input.ownerId,
        industry: input.industry,
        size: input.size,
        region: input.region,
        last_contact_at: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
    await setDomains(tx, id, input.domains);
    await touchSearch(tx, 'account', [id]);
    await writeAudit(tx, { actorId, action: 'account.create', entityType: 'account', entityId: id, at: now });
    return (await getAccount(tx, id))!;
  });
}

async function setDomains(scope: TenantScope, accountId: string, domains: string[]): Promise<void> {
  await scope.db.deleteFrom('account_domains').where('tenant_id', '=', scope.tenantId).where('account_id', '=', accountId).execute();
  // Stored canonical (domain/addresses.ts), so a domain given as punycode or Unicode is one domain.
  const unique = [...new Set(domains.flatMap((d) => normalizeDomain(d) ?? []))];
  if (unique.length === 0) return;
  await scope.db
    .insertInto('account_domains')
    .values(unique.map((domain) => ({ tenant_id: scope.tenantId, domain, account_id: accountId })))
    .execute();
}

export async function updateAccount(scope: TenantScope, id: string, patch: Partial<AccountInput>, actorId: string, now: number): Promise<Account> {
  return inTransaction(scope, async (tx) => {
    const before = await requireAccount(tx, id);
    const { domains, ...columns } = patch;
    await tx.db
      .updateTable('accounts')
      .set({
        ...(columns.name !== undefined && { name: columns.name }),
        ...(columns.tier !== undefined && { tier: columns.tier }),
        ...(columns.lifecycle !== undefined && { lifecycle: columns.lifecycle }),
        ...(columns.ownerId !== undefined && { owner_id: columns.ownerId }),
        ...(columns.industry !== undefined && { industry: columns.industry }),
        ...(columns.size !== undefined && { size: columns.size }),
        ...(columns.region !== undefined && { region: columns.region }),
        updated_at: now,
      })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', id)
      .execute();
    if (domains !== undefined) await setDomains(tx, id, domains);
    await touchSearch(tx, 'account', [id]);
    // Field names only: the audit trail is read by admins who need not see the values (issue 12).
    const fields = changedFields(before as Partial<AccountInput>, patch);
    await writeAudit(tx, { actorId, action: 'account.update', entityType: 'account', entityId: id, at: now, detail: { fields } });
    return (await getAccount(tx, id))!;
  });
}

/**
 * Archives (at a time) or restores (null) an account, audited. Its contacts, opportunities and history stay as
 * they are; the queries that list, count or match leave an archived account out.
 */
export async function setAccountArchived(scope: TenantScope, id: string, archivedAt: number | null, actorId: string, now: number): Promise<Account> {
  await scope.db
    .updateTable('accounts')
    .set({ archived_at: archivedAt, archived_by: archivedAt === null ? null : actorId, updated_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .execute();
  await touchSearch(scope, 'account', [id]);
  await writeAudit(scope, { actorId, action: archivedAt === null ? 'account.restore' : 'account.archive', entityType: 'account', entityId: id, at: now });
  return requireAccount(scope, id);
}

export interface AccountFilter {
  q?: string;
  tiers?: Tier[];
  ownerId?: string;
  industry?: string;
  region?: string;
  size?: CompanySize;
  lifecycles?: Lifecycle[];
  overdue?: boolean;
  /** Default exclude: archived accounts are out of lists. */
  archived?: ArchivedFilter;
  sort?: 'name' | 'lastContact' | 'tier' | 'pipeline' | 'attention';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface AccountListItem extends Account {
  openPipelineCents: number;
}

/** SQL for "this account's cadence has run out at now": per tier, never contacted or last contact too old. */
function overdueCondition(eb: ExpressionBuilder<Database, 'accounts'>, settings: TenantSettings, now: number) {
  const perTier = (Object.entries(settings.cadenceDays) as [Tier, number | null][])
    .filter(([, days]) => days !== null)
    .map(([tier, days]) =>
      eb.and([
        eb('accounts.tier', '=', tier),
        eb.or([eb('accounts.last_contact_at', 'is', null), eb('accounts.last_contact_at', '<', now - days! * DAY_MS)]),
      ]),
    );
  return perTier.length ? eb.or(perTier) : eb.val(false);
}

/** SQL for careStatus's nextDueAt per tier; null for a tier without a cadence. */
function nextDueSql(settings: TenantSettings) {
  const cases = (Object.entries(settings.cadenceDays) as [Tier, number | null][])
    .filter(([, days]) => days !== null)
    .map(([tier, days]) => sql`when accounts.tier = ${tier} then coalesce(accounts.last_contact_at + ${days! * DAY_MS}, accounts.created_at)`);
  return cases.length ? sql<number | null>`(case ${sql.join(cases, sql` `)} else null end)` : sql<number | null>`null`;
}

/**
 * The deals an account's open pipeline sums, in one place for the list and the account page: open stages, live and
 * unarchived, in euros (as the dashboard's pipeline: a sum across currencies would be no amount at all).
 */
function openDealsOf(eb: ExpressionBuilder<Database, 'accounts'>, tenantId: string) {
  return eb
    .selectFrom('opportunities as o')
    .where('o.tenant_id', '=', tenantId)
    .whereRef('o.account_id', '=', 'accounts.id')
    .where('o.stage', 'in', OPEN_STAGES)
    .where('o.currency', '=', 'EUR')
    .where('o.deleted_at', 'is', null)
    .where('o.archived_at', 'is', null);
}

/** The open pipeline's sum, as a subquery on the outer `accounts` row. */
function openPipelineCentsOf(eb: ExpressionBuilder<Database, 'accounts'>, tenantId: string) {
  return openDealsOf(eb, tenantId).select((e) => e.fn.coalesce(e.fn.sum<number>('o.value_cents'), e.val(0)).as('v'));
}

export interface OpenPipeline {
  /** Sum of the open deals' values, in euro cents. */
  cents: number;
  deals: number;
}

/** One account's open pipeline: the same deals the list's openPipelineCents sums. */
export async function openPipelineOf(scope: TenantScope, accountId: string): Promise<OpenPipeline> {
  return (await openPipelinesOf(scope, [accountId])).get(accountId) ?? { cents: 0, deals: 0 };
}

/** Several accounts' open pipelines, each as openPipelineOf; an account without deals answers 0. */
export async function openPipelinesOf(scope: TenantScope, accountIds: string[]): Promise<Map<string, OpenPipeline>> {
  const out = new Map<string, OpenPipeline>();
  for (const part of chunks([...new Set(accountIds)], 500)) {
    const rows = await scope.db
      .selectFrom('accounts')
      .where('accounts.tenant_id', '=', scope.tenantId)
      .where('accounts.id', 'in', part)
      .select((eb) => [
        'accounts.id',
        openPipelineCentsOf(eb, scope.tenantId).as('cents'),
        openDealsOf(eb, scope.tenantId).select((e) => e.fn.countAll<number>().as('n')).as('deals'),
      ])
      .execute();
    for (const r of rows) out.set(r.id, { cents: Number(r.cents ?? 0), deals: Number(r.deals ?? 0) });
  }
  return out;
}

export async function searchAccounts(
  scope: TenantScope,
  f: AccountFilter,
  settings: TenantSettings,
  now: number,
): Promise<{ items: AccountListItem[]; total: number }> {
  let base = scope.db.selectFrom('accounts').where('accounts.tenant_id', '=', scope.tenantId).where('accounts.deleted_at', 'is', null);
  if ((f.archived ?? 'exclude') === 'exclude') base = base.where('accounts.archived_at', 'is', null);
  else if (f.archived === 'only') base = base.where('accounts.archived_at', 'is not', null);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['accounts.name']), 'like', sql<string>`${like} escape '\\'`),
        eb.exists(
          eb
            .selectFrom('account_domains as d')
            .select('d.account_id')
            .where('d.tenant_id', '=', scope.tenantId)
            .whereRef('d.account_id', '=', 'accounts.id')
            .where('d.domain', 'like', sql<string>`${like} escape '\\'`),
        ),
      ]),
    );
  }
  if (f.tiers?.length) base = base.where('accounts.tier', 'in', f.tiers);
  if (f.lifecycles?.length) base = base.where('accounts.lifecycle', 'in', f.lifecycles);
  if (f.ownerId) base = base.where('accounts.owner_id', '=', f.ownerId);
  if (f.industry) base = base.where('accounts.industry', '=', f.industry);
  if (f.region) base = base.where('accounts.region', '=', f.region);
  if (f.size) base = base.where('accounts.size', '=', f.size);
  if (f.overdue !== undefined) {
    base = f.overdue ? base.where((eb) => overdueCondition(eb, settings, now)) : base.where((eb) => eb.not(overdueCondition(eb, settings, now)));
  }

  const pipeline = (eb: ExpressionBuilder<Database, 'accounts'>) => openPipelineCentsOf(eb, scope.tenantId);

  const dir = f.order ?? (f.sort === 'lastContact' || f.sort === 'pipeline' ? 'desc' : 'asc');
  let q = base.selectAll('accounts').select((eb) => pipeline(eb).as('open_pipeline'));
  switch (f.sort ?? 'name') {
    case 'lastContact':
      // Never-contacted accounts sort as the oldest contact.
      q = q.orderBy(sql`coalesce(accounts.last_contact_at, 0)`, dir);
      break;
    case 'tier':
      q = q.orderBy('accounts.tier', dir);
      break;
    case 'pipeline':
      q = q.orderBy('open_pipeline', dir);
      break;
    case 'attention': {
      // The care rule's due date in SQL (domain/care-model.ts careStatus: one cadence after the last contact,
      // since creation when never contacted); tiers without a cadence come last, the longest silent first.
      const due = nextDueSql(settings);
      q = q.orderBy(sql`case when ${due} is null then 1 else 0 end`, 'asc').orderBy(due, dir).orderBy(sql`coalesce(accounts.last_contact_at, 0)`, 'asc');
      break;
    }
    default:
      q = q.orderBy(sql`lower(accounts.name)`, dir);
  }
  q = q.orderBy('accounts.id', 'asc').limit(f.limit).offset(f.offset);

  const [rows, count] = await Promise.all([
    q.execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const domains = await domainsFor(scope, rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({ ...accountFromRow(r, domains.get(r.id) ?? []), openPipelineCents: Number(r.open_pipeline ?? 0) })),
    total: Number(count.n),
  };
}

/** Accounts by registrable domain, for matching: a domain may belong to several accounts (reported as ambiguous). */
export async function accountIdsByDomains(scope: TenantScope, domains: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const keys = [...new Set(domains.flatMap((d) => normalizeDomain(d) ?? []))];
  if (keys.length === 0) return out;
  const rows = await scope.db
    .selectFrom('account_domains as d')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'd.tenant_id').onRef('a.id', '=', 'd.account_id'))
    .select(['d.domain', 'd.account_id'])
    .where('d.tenant_id', '=', scope.tenantId)
    .where('d.domain', 'in', keys)
    .where('a.deleted_at', 'is', null)
    // An archived account is set aside: its mail is no longer placed on it (restoring relinks what arrived meanwhile).
    .where('a.archived_at', 'is', null)
    .execute();
  for (const r of rows) out.set(r.domain, [...(out.get(r.domain) ?? []), r.account_id]);
  return out;
}

/** Recomputes the denormalised last contact from the timeline index (after a removal). */
export async function refreshLastContact(scope: TenantScope, accountIds: string[]): Promise<void> {
  // In id order, as bumpLastContact: concurrent transactions take the account rows in the same order.
  for (const id of [...new Set(accountIds)].sort()) {
    const r = await scope.db
      .selectFrom('interaction_accounts')
      .select((eb) => eb.fn.max<number>('occurred_at').as('last'))
      .where('tenant_id', '=', scope.tenantId)
      .where('account_id', '=', id)
      .where('kind', '!=', 'note')
      .executeTakeFirst();
    await scope.db
      .updateTable('accounts')
      .set({ last_contact_at: r?.last == null ? null : Number(r.last) })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', id)
      .execute();
  }
}
