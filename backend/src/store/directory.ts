// The tenant's directory as last read from Microsoft Graph: its verified domains, every user's addresses (the
// aliases too) and when it was read. A refresh replaces all of it in one transaction, so a removed alias or
// domain stops counting as internal at the next refresh.
import { sql } from 'kysely';
import { chunks, inTransaction, type TenantScope } from './scope.ts';

export interface DirectorySnapshot {
  domains: { domain: string; isDefault: boolean; isInitial: boolean }[];
  /** Canonical addresses to the directory user's object id. */
  addresses: { address: string; objectId: string }[];
  users: number;
}

export interface DirectoryState {
  domains: { domain: string; isDefault: boolean; isInitial: boolean }[];
  /** Null until the directory has been read once. */
  refreshedAt: number | null;
  users: number;
  addresses: number;
}

export async function replaceDirectory(scope: TenantScope, snapshot: DirectorySnapshot, refreshedAt: number): Promise<void> {
  await inTransaction(scope, async (tx) => {
    const t = tx.tenantId;
    await tx.db.deleteFrom('directory_domains').where('tenant_id', '=', t).execute();
    await tx.db.deleteFrom('directory_addresses').where('tenant_id', '=', t).execute();
    for (const part of chunks(snapshot.domains, 500)) {
      await tx.db.insertInto('directory_domains')
        .values(part.map((d) => ({ tenant_id: t, domain: d.domain, is_default: d.isDefault ? 1 : 0, is_initial: d.isInitial ? 1 : 0 })))
        .execute();
    }
    for (const part of chunks(snapshot.addresses, 1000)) {
      await tx.db.insertInto('directory_addresses').values(part.map((a) => ({ tenant_id: t, address: a.address, object_id: a.objectId }))).execute();
    }
    await tx.db.deleteFrom('directory_refreshes').where('tenant_id', '=', t).execute();
    await tx.db.insertInto('directory_refreshes').values({ tenant_id: t, refreshed_at: refreshedAt, users: snapshot.users }).execute();
  });
}

export async function getDirectoryState(scope: TenantScope): Promise<DirectoryState> {
  const [domains, refresh, count] = await Promise.all([
    scope.db.selectFrom('directory_domains').selectAll().where('tenant_id', '=', scope.tenantId).orderBy('domain').execute(),
    scope.db.selectFrom('directory_refreshes').selectAll().where('tenant_id', '=', scope.tenantId).executeTakeFirst(),
    scope.db.selectFrom('directory_addresses').select(sql<number>`count(*)`.as('n')).where('tenant_id', '=', scope.tenantId).executeTakeFirstOrThrow(),
  ]);
  return {
    domains: domains.map((d) => ({ domain: d.domain, isDefault: Number(d.is_default) === 1, isInitial: Number(d.is_initial) === 1 })),
    refreshedAt: refresh ? Number(refresh.refreshed_at) : null,
    users: refresh ? Number(refresh.users) : 0,
    addresses: Number(count.n),
  };
}

/** The verified domains' names, for matching. */
export async function verifiedDomainNames(scope: TenantScope): Promise<string[]> {
  const rows = await scope.db.selectFrom('directory_domains').select('domain').where('tenant_id', '=', scope.tenantId).execute();
  return rows.map((r) => r.domain);
}

/** Directory addresses among the given canonical ones, to the Suhde user with that object id (null: not a user). */
export async function directoryAddressesByAddresses(scope: TenantScope, addresses: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const part of chunks([...new Set(addresses)], 1000)) {
    if (part.length === 0) continue;
    const rows = await scope.db
      .selectFrom('directory_addresses as d')
      .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.entra_object_id', '=', 'd.object_id').on('u.deactivated_at', 'is', null))
      .select(['d.address', 'u.id'])
      .where('d.tenant_id', '=', scope.tenantId)
      .where('d.address', 'in', part)
      .execute();
    for (const r of rows) out.set(r.address, r.id ?? null);
  }
  return out;
}

/** Every address the organisation is known to have: the directory's and the Suhde users' own. */
export async function organisationAddresses(scope: TenantScope): Promise<string[]> {
  const [dir, users] = await Promise.all([
    scope.db.selectFrom('directory_addresses').select('address').where('tenant_id', '=', scope.tenantId).execute(),
    scope.db.selectFrom('users').select('email').where('tenant_id', '=', scope.tenantId).where('deactivated_at', 'is', null).execute(),
  ]);
  return [...new Set([...dir.map((r) => r.address), ...users.map((r) => r.email)])];
}

/**
 * Stored (not removed) interactions' participants that are no Suhde user, per address: how many interactions
 * name each. What the directory health check reads to find colleagues captured as customers.
 */
export async function storedExternalParticipants(scope: TenantScope): Promise<{ address: string; interactions: number }[]> {
  const rows = await scope.db
    .selectFrom('interaction_participants as p')
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'p.tenant_id').onRef('i.id', '=', 'p.interaction_id'))
    .select(['p.address', sql<number>`count(distinct p.interaction_id)`.as('n')])
    .where('p.tenant_id', '=', scope.tenantId)
    .where('p.user_id', 'is', null)
    .where('i.deleted_at', 'is', null)
    .groupBy('p.address')
    .execute();
  return rows.map((r) => ({ address: r.address, interactions: Number(r.n) }));
}

/** The external participants (no Suhde user) of the stored interactions that name any of the given addresses. */
export async function externalParticipantsOfInteractionsNaming(scope: TenantScope, addresses: string[]): Promise<{ interactionId: string; addresses: string[] }[]> {
  const out = new Map<string, string[]>();
  for (const part of chunks([...new Set(addresses)], 500)) {
    if (part.length === 0) continue;
    const rows = await scope.db
      .selectFrom('interaction_participants as p')
      .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'p.tenant_id').onRef('i.id', '=', 'p.interaction_id'))
      .select(['p.interaction_id', 'p.address'])
      .where('p.tenant_id', '=', scope.tenantId)
      .where('p.user_id', 'is', null)
      .where('i.deleted_at', 'is', null)
      .where('p.interaction_id', 'in', (q) =>
        q.selectFrom('interaction_participants').select('interaction_id').where('tenant_id', '=', scope.tenantId).where('address', 'in', part))
      .execute();
    for (const r of rows) out.set(r.interaction_id, [...new Set([...(out.get(r.interaction_id) ?? []), r.address])]);
  }
  return [...out].map(([interactionId, list]) => ({ interactionId, addresses: list }));
}
