// Loads a whole generated tenant (the demo, the benchmark) through the same repositories the API uses,
// in batches, each batch one transaction.
import type { Account, Contact, Feedback, Interaction, Opportunity, Tenant, User } from '../domain/types.ts';
import type { Product } from '../domain/products.ts';
import { insertProducts } from './products.ts';
import type { Db } from './connect.ts';
import { insertTenant } from './tenants.ts';
import { insertUsers } from './users.ts';
import { chunks, inTransaction, tenantScope, type TenantScope } from './scope.ts';
import { insertOpportunities } from './opportunities.ts';
import { insertFeedback } from './feedback.ts';
import { addHolders, addTimelineRows, bumpLastContact, insertInteractions } from './interaction-writes.ts';
import { analyzeAll, analyzeTables } from './statistics.ts';
import { rebuildRollups } from './rollups.ts';
import { asStored, provideFreshTimelineRows } from './timeline-rows.ts';
import { touchSearch } from './search-index.ts';
import { loadInteractionsBulk } from './seed-bulk.ts';

export interface TenantData {
  tenant: Tenant;
  users: User[];
  accounts: Account[];
  contacts: Contact[];
  opportunities: Opportunity[];
  /** The catalogue the opportunities' lines name (optional: a tenant may sell without one). */
  products?: Product[];
  feedback: Feedback[];
  interactions: Iterable<Interaction>;
}

export async function insertAccounts(scope: TenantScope, accounts: Account[]): Promise<void> {
  for (const part of chunks(accounts, 1000)) {
    await scope.db
      .insertInto('accounts')
      .values(part.map((a) => ({
        tenant_id: scope.tenantId, id: a.id, name: a.name, tier: a.tier, lifecycle: a.lifecycle, owner_id: a.ownerId, industry: a.industry,
        size: a.size, region: a.region, last_contact_at: null, created_at: a.createdAt, updated_at: a.updatedAt, deleted_at: null,
      })))
      .execute();
    const domains = part.flatMap((a) => [...new Set(a.domains.map((d) => d.toLowerCase()))].map((domain) => ({ tenant_id: scope.tenantId, domain, account_id: a.id })));
    for (const dp of chunks(domains, 3000)) await scope.db.insertInto('account_domains').values(dp).execute();
    await touchSearch(scope, 'account', part.map((a) => a.id));
  }
}

export async function insertContacts(scope: TenantScope, contacts: Contact[]): Promise<void> {
  for (const part of chunks(contacts, 1000)) {
    await scope.db
      .insertInto('contacts')
      .values(part.map((c) => ({
        tenant_id: scope.tenantId, id: c.id, account_id: c.accountId, name: c.name, title: c.title, phones: JSON.stringify(c.phones),
        owner_id: c.ownerId, created_at: c.createdAt, updated_at: c.updatedAt, deleted_at: null,
      })))
      .execute();
    const emails = part.flatMap((c) => [...new Set(c.emails.map((e) => e.toLowerCase()))].map((address) => ({ tenant_id: scope.tenantId, address, contact_id: c.id })));
    for (const ep of chunks(emails, 3000)) await scope.db.insertInto('contact_emails').values(ep).execute();
    await touchSearch(scope, 'contact', part.map((c) => c.id));
  }
}

/** Interactions in the first batch, after which the tables are analysed. */
const FIRST_BATCH = 2000;

export async function seedTenant(
  handle: Db,
  data: TenantData,
  now: number,
  opts: {
    batchSize?: number;
    onProgress?: (interactions: number) => void;
    /**
     * The interactions through the bulk load (store/seed-bulk.ts): the same rows, written set-based with the
     * tables' indexes and triggers suspended. Only into a database that holds no other tenant.
     */
    bulk?: boolean;
  } = {},
): Promise<{ interactions: number }> {
  await insertTenant(handle.db, data.tenant);
  const scope = tenantScope(handle, data.tenant.id);
  await inTransaction(scope, async (tx) => {
    await insertUsers(tx, data.users);
    await insertAccounts(tx, data.accounts);
    await insertContacts(tx, data.contacts);
    if (data.products?.length) await insertProducts(tx, data.products);
    await insertOpportunities(tx, data.opportunities);
    await insertFeedback(tx, data.feedback, now);
    // The search entries are built before this commits, by lookups into what was just written: without statistics
    // PostgreSQL read `contact_id in (500 ids)` by scanning all 200k addresses, a second a lookup at 1M.
    await analyzeTables(tx.db, ['accounts', 'account_domains', 'contacts', 'contact_emails', 'users']);
  });
  if (opts.bulk) {
    const loaded = await loadInteractionsBulk(scope, data.interactions, data.accounts.map((a) => a.id), now, opts);
    await analyzeAll(handle.db);
    return { interactions: loaded };
  }
  const size = opts.batchSize ?? 1000;
  let batch: Interaction[] = [];
  let count = 0;
  let analysed = false;
  const flush = async () => {
    if (!batch.length) return;
    await insertGenerated(scope, batch, now);
    count += batch.length;
    batch = [];
    opts.onProgress?.(count);
    // After a first small batch, statistics: the batches after it are planned (and PostgreSQL's trigger functions
    // re-plan their cached statements) for tables that are no longer empty.
    if (!analysed) {
      analysed = true;
      await analyzeAll(handle.db);
    }
  };
  for (const i of data.interactions) {
    batch.push(i);
    if (batch.length >= (analysed ? size : Math.min(size, FIRST_BATCH))) await flush();
  }
  await flush();
  // What the write path keeps per batch, derived once from everything loaded, planned on its statistics.
  await analyzeAll(handle.db);
  await inTransaction(scope, async (tx) => {
    await rebuildRollups(tx);
    await bumpLastContact(tx, data.accounts.map((a) => a.id));
  });
  // A bulk load changes every table's shape: plan the next queries on statistics of what is there now.
  await analyzeAll(handle.db);
  return { interactions: count };
}

/**
 * Generated data is consistent by construction: every interaction is new (its key is unique), its accounts and
 * opportunities exist. So no merge and no reference checks, just the rows, in one transaction per batch: the
 * timeline rows built from the interactions in memory (asStored, as a merge's new interactions), no rollups or
 * last contact per batch; seedTenant derives those once, set-based, after the last batch.
 */
async function insertGenerated(scope: TenantScope, batch: Interaction[], now: number): Promise<void> {
  await inTransaction(scope, async (tx) => {
    await insertInteractions(tx, batch.map((input) => ({ input, id: input.id })), now);
    await addTimelineRows(tx, batch.flatMap((i) => [...new Set(i.accountIds)].map((accountId) => ({ interactionId: i.id, accountId, occurredAt: i.occurredAt, kind: i.kind }))));
    await addHolders(tx, batch.flatMap((i) => i.holders.map((h) => ({ ...h, interactionId: i.id }))));
    await provideFreshTimelineRows(tx, batch.map((i) => asStored(tx.tenantId, i.id, i, i.accountIds.map((accountId) => ({ accountId })), i.holders, now)));
  });
}
