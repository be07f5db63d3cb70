// Interactions, read side: one row per email, meeting, call, note or chat, keyed for dedup by its external key,
// with its participants, the accounts it belongs to (the timeline index) and the users who hold or logged it.
// Writes are in interaction-writes.ts.
import { sql } from 'kysely';
import type { InteractionTable } from './database.ts';
import type {
  Direction, Interaction, InteractionKind, InteractionSource, Participant, ParticipantRole, Visibility,
} from '../domain/types.ts';
import { chunks, type TenantScope } from './scope.ts';
import { meetingFingerprintKey } from '../domain/meeting-fingerprint.ts';
import { NOT_CONTACT_KINDS } from '../domain/counts-as-contact.ts';

/** An interaction to store: everything but the bookkeeping the store assigns. */
export type InteractionInput = Omit<Interaction, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'> & { id?: string };

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
    businessReview: r.business_review == null ? null : Number(r.business_review) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
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

export interface TimelineQuery {
  accountId: string;
  viewerId: string;
  limit: number;
  before?: { occurredAt: number; id: string };
  kinds?: InteractionKind[];
  contactId?: string;
  userId?: string;
}

/**
 * The timeline page computed from the source tables (a join and three look-ups per page). The route reads
 * timeline rows (timeline-rows.ts) instead; this is the reference the store tests hold those rows to.
 */
export async function timelinePageFromSources(scope: TenantScope, q: TimelineQuery): Promise<{ items: Interaction[]; next: { occurredAt: number; id: string } | null }> {
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
    .where('ia.kind', 'not in', NOT_CONTACT_KINDS)
    .groupBy('h.user_id')
    .orderBy('last', 'desc')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, lastContactAt: Number(r.last), interactions: Number(r.n) }));
}

export type { Participant };
