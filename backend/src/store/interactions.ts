// Interactions: one row per email, meeting, call, note or chat, keyed for dedup by its external key, with its
// participants, the accounts it belongs to (the timeline index) and the users who hold or logged it.
import { sql } from 'kysely';
import type { InteractionTable } from './database.ts';
import type {
  Direction, Interaction, InteractionKind, InteractionSource, Participant, ParticipantRole, Visibility,
} from '../domain/types.ts';
import { widerVisibility } from '../domain/visibility.ts';
import { chunks, inTransaction, isUniqueViolation, type TenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { writeAudit } from './audit.ts';
import { refreshLastContact } from './accounts.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { MEETING_FINGERPRINT_PREFIX, meetingFingerprintKey } from '../domain/meeting-fingerprint.ts';

/** An interaction to store: everything but the bookkeeping the store assigns. */
export type InteractionInput = Omit<Interaction, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'> & { id?: string };

export interface IngestResult {
  interaction: Interaction;
  /** False when the external key was already known: the existing interaction gained a holder instead. */
  created: boolean;
}

/** Notes are the team's own words, not contact with the customer: they do not move the care model's last contact. */
const COUNTS_AS_CONTACT = (kind: string) => kind !== 'note';

export async function getInteractions(scope: TenantScope, ids: string[]): Promise<Interaction[]> {
  if (ids.length === 0) return [];
  const rows: InteractionTable[] = [];
  for (const part of chunks(ids, 500)) {
    rows.push(
      ...(await scope.db.selectFrom('interactions').selectAll().where('tenant_id', '=', scope.tenantId).where('id', 'in', part).where('deleted_at', 'is', null).execute()),
    );
  }
  return hydrate(scope, rows);
}

export async function getInteraction(scope: TenantScope, id: string): Promise<Interaction | null> {
  return (await getInteractions(scope, [id]))[0] ?? null;
}

export async function findByExternalKey(scope: TenantScope, externalKey: string): Promise<Interaction | null> {
  const r = await scope.db
    .selectFrom('interactions')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('external_key', '=', externalKey)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? (await hydrate(scope, [r]))[0]! : null;
}

/** The meeting whose organizer, start minute and subject give this fingerprint (meetingFingerprintKey), whatever its key. */
export async function findMeetingByFingerprint(scope: TenantScope, fingerprint: string, start: number): Promise<Interaction | null> {
  const minute = Math.floor(start / 60_000) * 60_000;
  const rows = await scope.db
    .selectFrom('interactions as i')
    .innerJoin('interaction_participants as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.interaction_id', '=', 'i.id'))
    .select(['i.id', 'i.occurred_at', 'i.subject', 'p.address'])
    .where('i.tenant_id', '=', scope.tenantId)
    .where('i.occurred_at', '>=', minute)
    .where('i.occurred_at', '<', minute + 60_000)
    .where('i.kind', '=', 'meeting')
    .where('i.deleted_at', 'is', null)
    .where('p.role', '=', 'organizer')
    .execute();
  const hit = rows.find((r) => meetingFingerprintKey({ organizer: r.address, start: r.occurred_at, subject: r.subject }) === fingerprint);
  return hit ? getInteraction(scope, hit.id) : null;
}

async function hydrate(scope: TenantScope, rows: InteractionTable[]): Promise<Interaction[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [participants, accounts, holders] = await Promise.all([
    scope.db
      .selectFrom('interaction_participants')
      .selectAll()
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', ids)
      .orderBy('interaction_id')
      .orderBy('ordinal')
      .execute(),
    scope.db
      .selectFrom('interaction_accounts')
      .select(['interaction_id', 'account_id'])
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', ids)
      .execute(),
    scope.db
      .selectFrom('interaction_holders')
      .select(['interaction_id', 'user_id', 'relation', 'at'])
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', ids)
      .orderBy('at')
      .execute(),
  ]);
  const group = <T extends { interaction_id: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.interaction_id, [...(m.get(x.interaction_id) ?? []), x]);
    return m;
  };
  const p = group(participants);
  const a = group(accounts);
  const h = group(holders);
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    kind: r.kind as InteractionKind,
    direction: r.direction as Direction | null,
    occurredAt: r.occurred_at,
    subject: r.subject,
    snippet: r.snippet,
    note: r.note,
    durationMinutes: r.duration_minutes,
    participants: (p.get(r.id) ?? []).map((x) => ({
      role: x.role as ParticipantRole,
      address: x.address,
      displayName: x.display_name,
      userId: x.user_id,
      contactId: x.contact_id,
    })),
    accountIds: [...new Set((a.get(r.id) ?? []).map((x) => x.account_id))],
    opportunityId: r.opportunity_id,
    source: r.source as InteractionSource,
    visibility: r.visibility as Visibility,
    holders: (h.get(r.id) ?? []).map((x) => ({ userId: x.user_id, relation: x.relation as 'logged' | 'holds', at: x.at })),
    externalKey: r.external_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function checkReferences(scope: TenantScope, inputs: InteractionInput[]): Promise<void> {
  // Ids from a request body are checked against this tenant: another tenant's id is simply "not found".
  const accountIds = [...new Set(inputs.flatMap((i) => i.accountIds))];
  const oppIds = [...new Set(inputs.map((i) => i.opportunityId).filter((x): x is string => !!x))];
  const known = await knownReferences(scope, accountIds, oppIds);
  if (known.accounts.size !== accountIds.length) throw notFound('account');
  if (known.opportunities.size !== oppIds.length) throw notFound('opportunity');
  for (const i of inputs) {
    if (i.opportunityId && !i.accountIds.includes(known.opportunities.get(i.opportunityId)!)) {
      throw invalid('The opportunity belongs to another account than the interaction.', [
        { field: 'opportunityId', message: 'Pick an opportunity of one of the interaction’s accounts.' },
      ]);
    }
  }
}

/**
 * Which of these ids are this tenant's live accounts, and of these opportunities which are its live ones (with
 * their account): what a log may name. Another tenant's id, or a removed one, is simply not in the answer.
 */
export async function knownReferences(
  scope: TenantScope, accountIds: string[], opportunityIds: string[],
): Promise<{ accounts: Set<string>; opportunities: Map<string, string> }> {
  const accounts = new Set<string>();
  const opportunities = new Map<string, string>();
  for (const part of chunks([...new Set(accountIds)], 500)) {
    const rows = await scope.db.selectFrom('accounts').select('id').where('tenant_id', '=', scope.tenantId).where('id', 'in', part).where('deleted_at', 'is', null).execute();
    for (const r of rows) accounts.add(r.id);
  }
  for (const part of chunks([...new Set(opportunityIds)], 500)) {
    const rows = await scope.db.selectFrom('opportunities').select(['id', 'account_id']).where('tenant_id', '=', scope.tenantId).where('id', 'in', part).where('deleted_at', 'is', null).execute();
    for (const r of rows) opportunities.set(r.id, r.account_id);
  }
  return { accounts, opportunities };
}

/** The external keys among these whose interaction this user logged (add-in, Teams, by hand, or a "log when sent"). */
export async function keysLoggedBy(scope: TenantScope, userId: string, externalKeys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(externalKeys)], 500)) {
    const rows = await scope.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_holders as h', (j) => j.onRef('h.tenant_id', '=', 'i.tenant_id').onRef('h.interaction_id', '=', 'i.id'))
      .select('i.external_key')
      .where('i.tenant_id', '=', scope.tenantId)
      .where('i.external_key', 'in', part)
      .where('h.user_id', '=', userId)
      .where('h.relation', '=', 'logged')
      .execute();
    for (const r of rows) if (r.external_key) out.add(r.external_key);
  }
  return out;
}

/**
 * Stores interactions, merging by external key: a key already known (from another colleague's mailbox, the
 * add-in, a second log) adds its holders and accounts to the existing interaction instead of a second row.
 * One transaction for the whole batch; the accounts' last contact moves with it.
 */
export async function ingestInteractions(scope: TenantScope, inputs: InteractionInput[], now: number, opts: { checkReferences?: boolean } = {}): Promise<IngestResult[]> {
  const stored = await ingestBatch(scope, inputs, now, opts);
  const byId = new Map((await getInteractions(scope, [...new Set(stored.map((s) => s.id))])).map((i) => [i.id, i]));
  return stored.map((s) => ({ interaction: byId.get(s.id)!, created: s.created }));
}

/** The write half of ingestInteractions, for bulk paths (seeding, sync) that need only the ids back. */
export async function ingestBatch(scope: TenantScope, given: InteractionInput[], now: number, opts: { checkReferences?: boolean } = {}): Promise<{ id: string; created: boolean }[]> {
  if (given.length === 0) return [];
  return inTransaction(scope, async (tx) => {
    if (opts.checkReferences !== false) await checkReferences(tx, given);
    const inputs = await reconcileMeetingKeys(tx, given);
    // Within one batch the same key may appear twice (two mailboxes in one sync page): merge those first.
    const byKey = new Map<string, InteractionInput[]>();
    const fresh: { input: InteractionInput; id: string; created: boolean }[] = [];
    // For each input, the entry of `fresh` that stands for it (itself, or the first with the same key).
    const slotOf: number[] = [];
    const slotByKey = new Map<string, number>();
    for (const input of inputs) {
      const k = input.externalKey;
      if (k && slotByKey.has(k)) {
        byKey.get(k)!.push(input);
        slotOf.push(-1 - slotByKey.get(k)!); // negative: merged into an earlier input of this batch
        continue;
      }
      if (k) {
        byKey.set(k, [input]);
        slotByKey.set(k, fresh.length);
      }
      slotOf.push(fresh.length);
      fresh.push({ input, id: input.id ?? newId(now), created: true });
    }

    const keyed = fresh.filter((f) => f.input.externalKey).map((f) => f.input.externalKey!);
    const existing = new Map<string, { id: string; occurred_at: number; visibility: string; note: string | null; opportunity_id: string | null; deleted_at: number | null }>();
    for (const part of chunks(keyed, 500)) {
      const rows = await tx.db
        .selectFrom('interactions')
        .select(['id', 'external_key', 'occurred_at', 'visibility', 'note', 'opportunity_id', 'deleted_at'])
        .where('tenant_id', '=', tx.tenantId)
        .where('external_key', 'in', part)
        .execute();
      for (const r of rows) existing.set(r.external_key!, r);
    }

    const toInsert = fresh.filter((f) => !f.input.externalKey || !existing.has(f.input.externalKey));
    if (toInsert.length) {
      for (const part of chunks(toInsert, 1500)) {
        await tx.db
          .insertInto('interactions')
          .values(
            part.map(({ input: i, id }) => ({
              tenant_id: tx.tenantId,
              id,
              kind: i.kind,
              direction: i.direction,
              occurred_at: i.occurredAt,
              subject: i.subject,
              snippet: i.snippet,
              note: i.note,
              duration_minutes: i.durationMinutes,
              opportunity_id: i.opportunityId,
              source: i.source,
              visibility: i.visibility,
              external_key: i.externalKey,
              created_by: i.holders.find((h) => h.relation === 'logged')?.userId ?? null,
              created_at: now,
              updated_at: now,
              deleted_at: null,
              deleted_by: null,
            })),
          )
          .execute();
      }
      const participants = toInsert.flatMap(({ input, id }) =>
        input.participants.map((p, ordinal) => ({
          tenant_id: tx.tenantId,
          interaction_id: id,
          ordinal,
          role: p.role,
          address: p.address.toLowerCase(),
          display_name: p.displayName,
          user_id: p.userId,
          contact_id: p.contactId,
        })),
      );
      for (const part of chunks(participants, 3000)) await tx.db.insertInto('interaction_participants').values(part).execute();
    }

    // Accounts and holders for new and existing interactions alike; duplicates are ignored by the keys.
    const accountRows: { tenant_id: string; account_id: string; occurred_at: number; interaction_id: string; kind: string }[] = [];
    const holderRows: { tenant_id: string; interaction_id: string; user_id: string; relation: string; at: number }[] = [];
    const touched = new Set<string>();
    for (const f of fresh) {
      const prior = f.input.externalKey ? existing.get(f.input.externalKey) : undefined;
      const id = prior?.id ?? f.id;
      f.id = id;
      const group = f.input.externalKey ? byKey.get(f.input.externalKey)! : [f.input];
      if (prior && prior.deleted_at !== null) {
        // Someone removed it. Mailbox sync must not bring it back; a person logging it again deliberately does.
        if (group.every((g) => g.source === 'sync')) {
          f.created = false;
          continue;
        }
        await tx.db.updateTable('interactions').set({ deleted_at: null, deleted_by: null, updated_at: now }).where('tenant_id', '=', tx.tenantId).where('id', '=', id).execute();
        const by = group.flatMap((g) => g.holders).find((h) => h.relation === 'logged')?.userId ?? null;
        await writeAudit(tx, { actorId: by, action: 'interaction.restore', entityType: 'interaction', entityId: id, at: now, detail: { externalKey: f.input.externalKey } });
      }
      for (const input of group) {
        for (const accountId of new Set(input.accountIds)) {
          // An existing interaction keeps its own time and kind in the timeline index.
          accountRows.push({ tenant_id: tx.tenantId, account_id: accountId, occurred_at: prior?.occurred_at ?? f.input.occurredAt, interaction_id: id, kind: f.input.kind });
          if (COUNTS_AS_CONTACT(input.kind)) touched.add(accountId);
        }
        for (const h of input.holders) holderRows.push({ tenant_id: tx.tenantId, interaction_id: id, user_id: h.userId, relation: h.relation, at: h.at });
      }
      if (prior) {
        f.created = false;
        await mergeIntoExisting(tx, prior, group, now);
      }
    }
    for (const part of chunks(accountRows, 3000)) {
      await tx.db.insertInto('interaction_accounts').values(part).onConflict((oc) => oc.doNothing()).execute();
    }
    for (const part of chunks(holderRows, 3000)) {
      await tx.db.insertInto('interaction_holders').values(part).onConflict((oc) => oc.doNothing()).execute();
    }
    await bumpLastContact(tx, [...touched]);

    return slotOf.map((slot) => {
      const f = fresh[slot < 0 ? -1 - slot : slot]!;
      return { id: f.id, created: slot >= 0 && f.created };
    });
  });
}

/**
 * Joins a meeting logged without its iCalUId (the add-in: key "mtgfp:") and the calendar sync's copy (key
 * "ical:"), whichever comes first: an mtgfp input takes the key of a stored meeting with the same organizer,
 * minute and subject; a stored mtgfp meeting takes the ical key of an input with that fingerprint.
 * Returns copies of the inputs; the caller's objects are left alone.
 */
async function reconcileMeetingKeys(tx: TenantScope, given: InteractionInput[]): Promise<InteractionInput[]> {
  const inputs = given.map((i) => ({ ...i }));
  const meetings = inputs.filter((i) => i.kind === 'meeting' && i.externalKey);
  if (meetings.length === 0) return inputs;
  const fingerprintOf = (i: InteractionInput) =>
    meetingFingerprintKey({ organizer: i.participants.find((p) => p.role === 'organizer')?.address, start: i.occurredAt, subject: i.subject });

  // Add-in first, sync second: re-key the stored add-in meeting to its iCalUId.
  const icalByFp = new Map<string, string>();
  for (const i of meetings) {
    if (!i.externalKey!.startsWith('ical:')) continue;
    const fp = fingerprintOf(i);
    if (fp) icalByFp.set(fp, i.externalKey!);
  }
  for (const part of chunks([...icalByFp.keys()], 500)) {
    const rows = await tx.db.selectFrom('interactions').select(['id', 'external_key']).where('tenant_id', '=', tx.tenantId).where('external_key', 'in', part).execute();
    for (const r of rows) {
      const ical = icalByFp.get(r.external_key!)!;
      const taken = await tx.db.selectFrom('interactions').select('id').where('tenant_id', '=', tx.tenantId).where('external_key', '=', ical).executeTakeFirst();
      if (!taken) await tx.db.updateTable('interactions').set({ external_key: ical }).where('tenant_id', '=', tx.tenantId).where('id', '=', r.id).execute();
    }
  }

  // Sync first, add-in second: an mtgfp input finds the stored meeting of that organizer, minute and subject.
  for (const i of meetings) {
    if (!i.externalKey!.startsWith(MEETING_FINGERPRINT_PREFIX)) continue;
    const minute = Math.floor(i.occurredAt / 60_000) * 60_000;
    const candidates = await tx.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_participants as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.interaction_id', '=', 'i.id'))
      .select(['i.external_key', 'i.occurred_at', 'i.subject', 'p.address'])
      .where('i.tenant_id', '=', tx.tenantId)
      .where('i.occurred_at', '>=', minute)
      .where('i.occurred_at', '<', minute + 60_000)
      .where('i.kind', '=', 'meeting')
      .where('p.role', '=', 'organizer')
      .execute();
    const hit = candidates.find(
      (c) => c.external_key && meetingFingerprintKey({ organizer: c.address, start: c.occurred_at, subject: c.subject }) === i.externalKey,
    );
    if (hit) i.externalKey = hit.external_key;
  }
  return inputs;
}

async function mergeIntoExisting(
  scope: TenantScope,
  prior: { id: string; occurred_at: number; visibility: string; note: string | null; opportunity_id: string | null },
  group: InteractionInput[],
  now: number,
): Promise<void> {
  let visibility = prior.visibility as Visibility;
  let note = prior.note;
  let opportunityId = prior.opportunity_id;
  for (const input of group) {
    // Only a deliberate log (add-in, Teams, by hand) opens visibility; a second mailbox syncing the same mail does not.
    if (input.source !== 'sync') visibility = widerVisibility(visibility, input.visibility);
    if (input.note && input.note !== note) note = note ? `${note}\n\n${input.note}` : input.note;
    opportunityId = opportunityId ?? input.opportunityId;
  }
  if (visibility !== prior.visibility || note !== prior.note || opportunityId !== prior.opportunity_id) {
    await scope.db
      .updateTable('interactions')
      .set({ visibility, note, opportunity_id: opportunityId, updated_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', prior.id)
      .execute();
  }
}

async function bumpLastContact(scope: TenantScope, accountIds: string[]): Promise<void> {
  // Accounts are locked in id order, so concurrent writers (sync passes, loggers) never wait on each other in a
  // cycle. NO KEY UPDATE, as the UPDATE itself takes: it does not conflict with the key-share locks that foreign
  // key checks of the same transactions hold on these rows.
  for (const part of chunks([...new Set(accountIds)].sort(), 500)) {
    if (scope.dialect === 'postgres') {
      await scope.db.selectFrom('accounts').select('id').where('tenant_id', '=', scope.tenantId).where('id', 'in', part).orderBy('id').forNoKeyUpdate().execute();
    }
    await scope.db
      .updateTable('accounts')
      .set((eb) => ({
        last_contact_at: eb
          .selectFrom('interaction_accounts as ia')
          .select((e) => e.fn.max<number>('ia.occurred_at').as('m'))
          .whereRef('ia.tenant_id', '=', 'accounts.tenant_id')
          .whereRef('ia.account_id', '=', 'accounts.id')
          .where('ia.kind', '!=', 'note'),
      }))
      .where('tenant_id', '=', scope.tenantId)
      .where('id', 'in', part)
      .execute();
  }
}

/** Logs one interaction (add-in, Teams, by hand): idempotent on its external key, retried once on a race. */
export async function logInteraction(scope: TenantScope, input: InteractionInput, now: number): Promise<IngestResult> {
  try {
    return (await ingestInteractions(scope, [input], now))[0]!;
  } catch (e) {
    // Two colleagues logging the same email at the same instant: the loser finds the winner's row and merges.
    if (isUniqueViolation(e) && input.externalKey) return (await ingestInteractions(scope, [input], now))[0]!;
    throw e;
  }
}

export async function updateInteraction(
  scope: TenantScope,
  id: string,
  patch: { note?: string | null; opportunityId?: string | null; visibility?: Visibility },
  actorId: string,
  now: number,
): Promise<Interaction> {
  return inTransaction(scope, async (tx) => {
    const current = await getInteraction(tx, id);
    if (!current) throw notFound('interaction');
    if (patch.opportunityId) await checkReferences(tx, [{ ...current, opportunityId: patch.opportunityId }]);
    await tx.db
      .updateTable('interactions')
      .set({
        ...(patch.note !== undefined && { note: patch.note }),
        ...(patch.opportunityId !== undefined && { opportunity_id: patch.opportunityId }),
        ...(patch.visibility !== undefined && { visibility: patch.visibility }),
        updated_at: now,
      })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(tx, { actorId, action: 'interaction.update', entityType: 'interaction', entityId: id, at: now, detail: patch });
    return (await getInteraction(tx, id))!;
  });
}

/** Soft removal: the row stays for the audit trail, leaves every timeline, and the last contact is recomputed. */
export async function removeInteraction(scope: TenantScope, id: string, actorId: string, reason: string | null, now: number): Promise<void> {
  await inTransaction(scope, async (tx) => {
    const current = await getInteraction(tx, id);
    if (!current) throw notFound('interaction');
    await tx.db
      .updateTable('interactions')
      .set({ deleted_at: now, deleted_by: actorId, updated_at: now })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', id)
      .execute();
    await tx.db.deleteFrom('interaction_accounts').where('tenant_id', '=', tx.tenantId).where('interaction_id', '=', id).execute();
    await refreshLastContact(tx, current.accountIds);
    await writeAudit(tx, {
      actorId, action: 'interaction.remove', entityType: 'interaction', entityId: id, at: now,
      detail: { reason, kind: current.kind, externalKey: current.externalKey, accountIds: current.accountIds },
    });
  });
}

export interface TimelineQuery {
  accountId: string;
  viewerId: string;
  limit: number;
  before?: { occurredAt: number; id: string };
  kinds?: InteractionKind[];
  contactId?: string;
  userId?: string;
}

/** One page of an account's timeline, newest first, keyset-paginated on (occurred_at, id). */
export async function timelinePage(scope: TenantScope, q: TimelineQuery): Promise<{ items: Interaction[]; next: { occurredAt: number; id: string } | null }> {
  let query = scope.db
    .selectFrom('interaction_accounts as ia')
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'ia.tenant_id').onRef('i.id', '=', 'ia.interaction_id'))
    .selectAll('i')
    .where('ia.tenant_id', '=', scope.tenantId)
    .where('ia.account_id', '=', q.accountId)
    .where('i.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('i.visibility', '!=', 'private'),
        eb.exists(
          eb.selectFrom('interaction_holders as h').select('h.user_id')
            .whereRef('h.tenant_id', '=', 'i.tenant_id').whereRef('h.interaction_id', '=', 'i.id').where('h.user_id', '=', q.viewerId),
        ),
      ]),
    );
  if (q.before) {
    const b = q.before;
    query = query.where((eb) => eb(eb.refTuple('ia.occurred_at', 'ia.interaction_id'), '<', eb.tuple(b.occurredAt, b.id)));
  }
  if (q.kinds?.length) query = query.where('ia.kind', 'in', q.kinds);
  if (q.contactId) {
    const contactId = q.contactId;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('interaction_participants as p').select('p.ordinal')
          .whereRef('p.tenant_id', '=', 'i.tenant_id').whereRef('p.interaction_id', '=', 'i.id').where('p.contact_id', '=', contactId),
      ),
    );
  }
  if (q.userId) {
    const userId = q.userId;
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('interaction_holders as h2').select('h2.user_id')
            .whereRef('h2.tenant_id', '=', 'i.tenant_id').whereRef('h2.interaction_id', '=', 'i.id').where('h2.user_id', '=', userId),
        ),
        eb.exists(
          eb.selectFrom('interaction_participants as p2').select('p2.ordinal')
            .whereRef('p2.tenant_id', '=', 'i.tenant_id').whereRef('p2.interaction_id', '=', 'i.id').where('p2.user_id', '=', userId),
        ),
      ]),
    );
  }
  const rows = await query.orderBy('ia.occurred_at', 'desc').orderBy('ia.interaction_id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await hydrate(scope, page),
    next: rows.length > q.limit && last ? { occurredAt: last.occurred_at, id: last.id } : null,
  };
}

/** Per salesperson: when each user last had contact with the account (as holder or participant). */
export async function lastContactByUser(scope: TenantScope, accountId: string): Promise<{ userId: string; lastContactAt: number; interactions: number }[]> {
  const rows = await scope.db
    .selectFrom('interaction_accounts as ia')
    .innerJoin('interaction_holders as h', (j) => j.onRef('h.tenant_id', '=', 'ia.tenant_id').onRef('h.interaction_id', '=', 'ia.interaction_id'))
    .select((eb) => ['h.user_id', eb.fn.max<number>('ia.occurred_at').as('last'), eb.fn.count<number>(sql`distinct ia.interaction_id`).as('n')])
    .where('ia.tenant_id', '=', scope.tenantId)
    .where('ia.account_id', '=', accountId)
    .where('ia.kind', '!=', 'note')
    .groupBy('h.user_id')
    .orderBy('last', 'desc')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, lastContactAt: Number(r.last), interactions: Number(r.n) }));
}

export type { Participant };
