// Erasure and "what we hold": the tenant's hashing secret, the suppressed address keys, and the reads and writes
// that export or blank one person's data. The rules (what to blank, how keys are made) are domain/erasure.ts.
import { randomBytes } from 'node:crypto';
import { chunks, type TenantScope } from './scope.ts';
import type { Participant, ParticipantRole } from '../domain/types.ts';
import { ERASED_ACCOUNT_NAME, ERASED_CONTACT_NAME } from '../domain/erasure.ts';
import { touchTimeline } from './timeline-rows.ts';
import { touchSearch } from './search-index.ts';

/** The tenant's key for suppression hashes, made on first use. Two first uses racing keep the first one written. */
export async function privacySecret(scope: TenantScope, now: number): Promise<string> {
  const read = () => scope.db.selectFrom('privacy_secrets').select('secret').where('tenant_id', '=', scope.tenantId).executeTakeFirst();
  const found = await read();
  if (found) return found.secret;
  await scope.db
    .insertInto('privacy_secrets')
    .values({ tenant_id: scope.tenantId, secret: randomBytes(32).toString('hex'), created_at: now })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  return (await read())!.secret;
}

/** The secret when one exists: a tenant that never erased anyone has nothing suppressed, and no lookup to make. */
export async function existingPrivacySecret(scope: TenantScope): Promise<string | null> {
  const r = await scope.db.selectFrom('privacy_secrets').select('secret').where('tenant_id', '=', scope.tenantId).executeTakeFirst();
  return r?.secret ?? null;
}

export async function suppressedAmong(scope: TenantScope, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(keys)], 500)) {
    const rows = await scope.db.selectFrom('suppressed_addresses').select('address_key').where('tenant_id', '=', scope.tenantId).where('address_key', 'in', part).execute();
    for (const r of rows) out.add(r.address_key);
  }
  return out;
}

export async function addSuppressions(scope: TenantScope, keys: string[], now: number): Promise<void> {
  const unique = [...new Set(keys)];
  for (const part of chunks(unique, 500)) {
    await scope.db
      .insertInto('suppressed_addresses')
      .values(part.map((address_key) => ({ tenant_id: scope.tenantId, address_key, created_at: now })))
      .onConflict((oc) => oc.columns(['tenant_id', 'address_key']).doNothing())
      .execute();
  }
}

/** Interactions (removed ones too: erasure reaches them as well) naming any of these contacts or addresses. */
export async function interactionIdsNaming(scope: TenantScope, contactIds: string[], addresses: string[], opts: { includeRemoved: boolean }): Promise<string[]> {
  const ids = new Set<string>();
  const add = async (column: 'contact_id' | 'address', values: string[]) => {
    for (const part of chunks(values, 500)) {
      let q = scope.db
        .selectFrom('interaction_participants as p')
        .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'p.tenant_id').onRef('i.id', '=', 'p.interaction_id'))
        .select('p.interaction_id')
        .where('p.tenant_id', '=', scope.tenantId)
        .where(`p.${column}`, 'in', part);
      if (!opts.includeRemoved) q = q.where('i.deleted_at', 'is', null);
      for (const r of await q.execute()) ids.add(r.interaction_id);
    }
  };
  await add('contact_id', contactIds);
  await add('address', addresses);
  return [...ids].sort();
}

export interface StoredParticipant extends Participant {
  interactionId: string;
  ordinal: number;
}

export async function participantsOf(scope: TenantScope, interactionIds: string[]): Promise<StoredParticipant[]> {
  const out: StoredParticipant[] = [];
  for (const part of chunks(interactionIds, 500)) {
    const rows = await scope.db
      .selectFrom('interaction_participants')
      .selectAll()
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', part)
      .orderBy('interaction_id')
      .orderBy('ordinal')
      .execute();
    out.push(...rows.map((r) => ({
      interactionId: r.interaction_id, ordinal: Number(r.ordinal), role: r.role as ParticipantRole, address: r.address,
      displayName: r.display_name, userId: r.user_id, contactId: r.contact_id,
    })));
  }
  return out;
}

/** The participant stays (counts by participant add up) as a placeholder: no address, name or contact. */
export async function anonymiseParticipant(scope: TenantScope, interactionId: string, ordinal: number, placeholder: string): Promise<void> {
  await scope.db
    .updateTable('interaction_participants')
    .set({ address: placeholder, display_name: null, contact_id: null })
    .where('tenant_id', '=', scope.tenantId)
    .where('interaction_id', '=', interactionId)
    .where('ordinal', '=', ordinal)
    .execute();
  await touchTimeline(scope, [interactionId]);
}

export async function blankInteractionContent(scope: TenantScope, ids: string[], now: number): Promise<void> {
  for (const part of chunks(ids, 500)) {
    await scope.db
      .updateTable('interactions')
      .set({ subject: null, snippet: null, note: null, updated_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', 'in', part)
      .execute();
  }
  await touchTimeline(scope, ids);
}

/** The contact row stays (feedback and counts refer to it), nameless, without addresses or phones, and removed. */
export async function blankContact(scope: TenantScope, id: string, now: number): Promise<void> {
  await scope.db.deleteFrom('contact_emails').where('tenant_id', '=', scope.tenantId).where('contact_id', '=', id).execute();
  await scope.db
    .updateTable('contacts')
    .set({ name: ERASED_CONTACT_NAME, title: null, phones: '[]', updated_at: now, deleted_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .execute();
  // A comment on a person's feedback is about them; the score stays for the account's figures.
  await scope.db.updateTable('feedback').set({ comment: null }).where('tenant_id', '=', scope.tenantId).where('contact_id', '=', id).execute();
  // Removed, so its search entry goes (secure-delete on SQLite: the words leave the index files too).
  await touchSearch(scope, 'contact', [id]);
}

/** Every contact of the account, removed ones too: erasing an organisation reaches all its people. */
export async function contactIdsOfAccount(scope: TenantScope, accountId: string): Promise<string[]> {
  const rows = await scope.db.selectFrom('contacts').select('id').where('tenant_id', '=', scope.tenantId).where('account_id', '=', accountId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function contactAddresses(scope: TenantScope, contactIds: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(contactIds, 500)) {
    const rows = await scope.db.selectFrom('contact_emails').select('address').where('tenant_id', '=', scope.tenantId).where('contact_id', 'in', part).execute();
    out.push(...rows.map((r) => r.address));
  }
  return out;
}

/** The account stays for its opportunities and timeline, without its name or its domains. */
export async function blankAccount(scope: TenantScope, id: string, now: number): Promise<number> {
  const domains = await scope.db.deleteFrom('account_domains').where('tenant_id', '=', scope.tenantId).where('account_id', '=', id).executeTakeFirst();
  await scope.db.updateTable('accounts').set({ name: ERASED_ACCOUNT_NAME, updated_at: now }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  await touchSearch(scope, 'account', [id]);
  return Number(domains.numDeletedRows);
}

/** Feedback given by the contact, for the export. */
export async function feedbackOfContact(scope: TenantScope, contactId: string) {
  const rows = await scope.db.selectFrom('feedback').selectAll().where('tenant_id', '=', scope.tenantId).where('contact_id', '=', contactId).orderBy('given_at').execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, kind: r.kind, score: Number(r.score), comment: r.comment, givenAt: Number(r.given_at), createdBy: r.created_by }));
}

export async function followUpsOfInteractions(scope: TenantScope, interactionIds: string[]) {
  const out: { id: string; interactionId: string; userId: string; dueOn: string; doneAt: number | null }[] = [];
  for (const part of chunks(interactionIds, 500)) {
    const rows = await scope.db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', scope.tenantId).where('interaction_id', 'in', part).orderBy('due_on').execute();
    out.push(...rows.map((r) => ({ id: r.id, interactionId: r.interaction_id, userId: r.user_id, dueOn: r.due_on, doneAt: r.done_at === null ? null : Number(r.done_at) })));
  }
  return out;
}
