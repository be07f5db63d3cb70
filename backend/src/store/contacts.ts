import { sql, type Selectable } from 'kysely';
import type { ContactTable } from './database.ts';
import type { Contact } from '../domain/types.ts';
import { chunks, inTransaction, type TenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { writeAudit } from './audit.ts';
import { notFound } from '../domain/errors.ts';
import { normalizeAddress } from '../domain/addresses.ts';
import { touchSearch } from './search-index.ts';
import type { ArchivedFilter } from '../domain/archive.ts';

export interface ContactInput {
  name: string;
  emails: string[];
  phones: string[];
  title: string | null;
  accountId: string | null;
  ownerId: string | null;
}

function contactFromRow(r: Selectable<ContactTable>, emails: string[]): Contact {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    accountId: r.account_id,
    name: r.name,
    emails,
    phones: JSON.parse(r.phones) as string[],
    title: r.title,
    ownerId: r.owner_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at ?? null,
  };
}

async function emailsFor(scope: TenantScope, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks(ids, 500)) {
    const rows = await scope.db
      .selectFrom('contact_emails')
      .select(['contact_id', 'address'])
      .where('tenant_id', '=', scope.tenantId)
      .where('contact_id', 'in', part)
      .orderBy('address')
      .execute();
    for (const r of rows) out.set(r.contact_id, [...(out.get(r.contact_id) ?? []), r.address]);
  }
  return out;
}

async function withEmails(scope: TenantScope, rows: Selectable<ContactTable>[]): Promise<Contact[]> {
  const emails = await emailsFor(scope, rows.map((r) => r.id));
  return rows.map((r) => contactFromRow(r, emails.get(r.id) ?? []));
}

export async function getContact(scope: TenantScope, id: string): Promise<Contact | null> {
  const r = await scope.db
    .selectFrom('contacts')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? (await withEmails(scope, [r]))[0]! : null;
}

export async function requireContact(scope: TenantScope, id: string): Promise<Contact> {
  const c = await getContact(scope, id);
  if (!c) throw notFound('contact');
  return c;
}

/** Replaces a contact's addresses. An address held by another contact breaks the (tenant, address) key. */
async function setEmails(scope: TenantScope, contactId: string, emails: string[]): Promise<void> {
  await scope.db.deleteFrom('contact_emails').where('tenant_id', '=', scope.tenantId).where('contact_id', '=', contactId).execute();
  // Stored canonical (domain/addresses.ts): matching compares canonical keys exactly.
  const unique = [...new Set(emails.flatMap((e) => normalizeAddress(e) ?? []))];
  if (unique.length === 0) return;
  await scope.db
    .insertInto('contact_emails')
    .values(unique.map((address) => ({ tenant_id: scope.tenantId, address, contact_id: contactId })))
    .execute();
}

export async function createContact(scope: TenantScope, input: ContactInput, actorId: string | null, now: number): Promise<Contact> {
  return inTransaction(scope, async (tx) => {
    const id = newId(now);
    await tx.db
      .insertInto('contacts')
      .values({
        tenant_id: tx.tenantId,
        id,
        account_id: input.accountId,
        name: input.name,
        title: input.title,
        phones: JSON.stringify(input.phones),
        owner_id: input.ownerId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
    await setEmails(tx, id, input.emails);
    await touchSearch(tx, 'contact', [id]);
    await writeAudit(tx, { actorId, action: 'contact.create', entityType: 'contact', entityId: id, at: now });
    return (await getContact(tx, id))!;
  });
}

export async function updateContact(scope: TenantScope, id: string, patch: Partial<ContactInput>, actorId: string, now: number): Promise<Contact> {
  return inTransaction(scope, async (tx) => {
    await requireContact(tx, id);
    await tx.db
      .updateTable('contacts')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.phones !== undefined && { phones: JSON.stringify(patch.phones) }),
        ...(patch.accountId !== undefined && { account_id: patch.accountId }),
        ...(patch.ownerId !== undefined && { owner_id: patch.ownerId }),
        updated_at: now,
      })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', id)
      .execute();
    if (patch.emails !== undefined) await setEmails(tx, id, patch.emails);
    await touchSearch(tx, 'contact', [id]);
    await writeAudit(tx, { actorId, action: 'contact.update', entityType: 'contact', entityId: id, at: now, detail: Object.keys(patch) });
    return (await getContact(tx, id))!;
  });
}

/** Archives (at a time) or restores (null) a contact, audited. Its addresses stay its own (no one else may take them). */
export async function setContactArchived(scope: TenantScope, id: string, archivedAt: number | null, actorId: string, now: number): Promise<Contact> {
  await scope.db
    .updateTable('contacts')
    .set({ archived_at: archivedAt, archived_by: archivedAt === null ? null : actorId, updated_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .execute();
  await touchSearch(scope, 'contact', [id]);
  await writeAudit(scope, { actorId, action: archivedAt === null ? 'contact.restore' : 'contact.archive', entityType: 'contact', entityId: id, at: now });
  return requireContact(scope, id);
}

/** Archived contacts are left out unless includeArchived or archived (include, only: an account page's "Show archived"). */
export async function searchContacts(
  scope: TenantScope,
  f: { q?: string; accountId?: string; includeArchived?: boolean; archived?: ArchivedFilter; limit: number; offset: number },
): Promise<{ items: Contact[]; total: number }> {
  let base = scope.db.selectFrom('contacts').where('contacts.tenant_id', '=', scope.tenantId).where('contacts.deleted_at', 'is', null);
  const archived = f.archived ?? (f.includeArchived ? 'include' : 'exclude');
  if (archived === 'exclude') base = base.where('contacts.archived_at', 'is', null);
  else if (archived === 'only') base = base.where('contacts.archived_at', 'is not', null);
  if (f.accountId) base = base.where('contacts.account_id', '=', f.accountId);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['contacts.name']), 'like', sql<string>`${like} escape '\\'`),
        eb.exists(
          eb
            .selectFrom('contact_emails as e')
            .select('e.contact_id')
            .where('e.tenant_id', '=', scope.tenantId)
            .whereRef('e.contact_id', '=', 'contacts.id')
            .where('e.address', 'like', sql<string>`${like} escape '\\'`),
        ),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    base.selectAll('contacts').orderBy(sql`lower(contacts.name)`).orderBy('contacts.id').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withEmails(scope, rows), total: Number(count.n) };
}

/** Contacts by canonical address (domain/addresses.ts), for matching. */
export async function contactsByAddresses(scope: TenantScope, addresses: string[]): Promise<Map<string, { contactId: string; accountId: string | null }>> {
  const out = new Map<string, { contactId: string; accountId: string | null }>();
  const keys = [...new Set(addresses.flatMap((a) => normalizeAddress(a) ?? []))];
  if (keys.length === 0) return out;
  const rows = await scope.db
    .selectFrom('contact_emails as e')
    .innerJoin('contacts as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.contact_id'))
    .select(['e.address', 'c.id', 'c.account_id'])
    .where('e.tenant_id', '=', scope.tenantId)
    .where('e.address', 'in', keys)
    .where('c.deleted_at', 'is', null)
    .where('c.archived_at', 'is', null)
    .execute();
  for (const r of rows) out.set(r.address, { contactId: r.id, accountId: r.account_id });
  return out;
}
