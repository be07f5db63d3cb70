// The dashboard's rollups (migration 016), kept by the write path: every write that changes which colleagues
// touched which accounts through which interactions (a merge or a log, a relink, a removal, a sync release, an
// erasure) runs inside withRollups, which adds what the write changed to the rollups in the same transaction.
//
// What changed is measured, not assumed: the interactions' contributions (derived as account_touches is: holders
// x timeline rows) are read before and after the write (for interactions the write itself creates: nothing before,
// and after, the interactions as written; see FreshInteractions), and the difference is added with
// INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n, so concurrent writers never lose an increment. On
// PostgreSQL the interactions are locked first (in id order), so no other writer changes them between the two
// reads; replies, which depend on a colleague's neighbouring emails, are recomputed under a lock per
// (colleague, account).
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { beforeCommit, chunks, PRE_COMMIT_STAGE, type TenantScope } from './scope.ts';
import type { Interaction } from '../domain/types.ts';
import { keepTouchDays, rebuildTouchDays } from './rollup-touch-days.ts';
import { pgPoolOf } from './connect.ts';

export const ROLLUP_DAY_MS = 86_400_000;
/** A reply is the same colleague's next email to the same account within this time; later is "unanswered". */
export const REPLY_WINDOW_MS = 14 * 86_400_000;
const VERSION_SLOTS = 8;

export const dayOf = (at: number) => Math.floor(at / ROLLUP_DAY_MS);

interface Counted { n: number; minutes: number }
interface Contributions {
  activity: Map<string, Counted>;
  accounts: Map<string, Counted>;
  contacts: Map<string, Counted>;
  shared: Set<string>;
  /** Email touches "user account time interaction direction": the replies around them are recomputed when they change. */
  emails: Set<string>;
}

const SEP = '\u0000';
const add = (m: Map<string, Counted>, k: string, n: number, minutes: number) => {
  const c = m.get(k) ?? { n: 0, minutes: 0 };
  c.n += n;
  c.minutes += minutes;
  m.set(k, c);
};

type TouchRow = { user_id: string; interaction_id: string; account_id: string; occurred_at: unknown; kind: string; direction: string | null; minutes: unknown };
type ContactRow = { interaction_id: string; contact_id: string };

const emptyContributions = (): Contributions => ({ activity: new Map(), accounts: new Map(), contacts: new Map(), shared: new Set(), emails: new Set() });

/** What these interactions add to the rollups now: their touches (holders x timeline rows) and contacts. */
async function contributions(scope: TenantScope, ids: string[], out = emptyContributions()): Promise<Contributions> {
  const t = scope.tenantId;
  for (const part of chunks(ids, 1000)) {
    const list = sql.join(part.map((id) => sql`${id}`));
    const [touches, people] = await Promise.all([
      sql<TouchRow>`
        select distinct h.user_id, ia.interaction_id, ia.account_id, ia.occurred_at, ia.kind, i.direction, coalesce(i.duration_minutes, 0) as minutes
        from interaction_accounts ia
        join interaction_holders h on h.tenant_id = ia.tenant_id and h.interaction_id = ia.interaction_id
        join interactions i on i.tenant_id = ia.tenant_id and i.id = ia.interaction_id
        where ia.tenant_id = ${t} and ia.interaction_id in (${list})`.execute(scope.db),
      sql<ContactRow>`select distinct interaction_id, contact_id from interaction_participants
        where tenant_id = ${t} and interaction_id in (${list}) and contact_id is not null`.execute(scope.db),
    ]);
    addContributions(out, touches.rows, people.rows);
  }
  return out;
}

/**
 * The rows contributions() would read for interactions this transaction created, from the interactions as
 * written (holders x accounts, distinct, as the query): no statement, and nothing was there before them.
 */
function freshRows(items: readonly Interaction[]): { touches: TouchRow[]; people: ContactRow[] } {
  const touches: TouchRow[] = [];
  const people: ContactRow[] = [];
  for (const i of items) {
    for (const user_id of new Set(i.holders.map((h) => h.userId))) {
      for (const account_id of new Set(i.accountIds)) {
        touches.push({ user_id, interaction_id: i.id, account_id, occurred_at: i.occurredAt, kind: i.kind, direction: i.direction, minutes: i.durationMinutes ?? 0 });
      }
    }
    for (const contact_id of new Set(i.participants.map((p) => p.contactId))) if (contact_id) people.push({ interaction_id: i.id, contact_id });
  }
  return { touches, people };
}

function addContributions(out: Contributions, touches: readonly TouchRow[], people: readonly ContactRow[]): void {
  const contactsOf = new Map<string, string[]>();
  for (const p of people) {
    const list = contactsOf.get(p.interaction_id);
    if (list) list.push(p.contact_id);
    else contactsOf.set(p.interaction_id, [p.contact_id]);
  }
  const byInteraction = new Map<string, TouchRow[]>();
  for (const r of touches) {
    const list = byInteraction.get(r.interaction_id);
    if (list) list.push(r);
    else byInteraction.set(r.interaction_id, [r]);
  }
  for (const [id, rows] of byInteraction) {
    const users = [...new Set(rows.map((r) => r.user_id))];
    const first = rows[0]!;
    const at = Number(first.occurred_at);
    const day = dayOf(at);
    const minutes = Number(first.minutes);
    for (const u of users) {
      add(out.activity, [u, day, first.kind, first.direction ?? ''].join(SEP), 1, minutes);
      if (first.kind !== 'note') for (const c of contactsOf.get(id) ?? []) add(out.contacts, [u, day, c].join(SEP), 1, 0);
    }
    // A shared interaction once per colleague holding it (whatever its accounts), at its own time, kind and minutes.
    if (users.length > 1) for (const u of users) out.shared.add([u, at, id, first.kind, minutes].join(SEP));
    for (const r of rows) {
      add(out.accounts, [r.user_id, dayOf(Number(r.occurred_at)), r.account_id, r.kind].join(SEP), 1, minutes);
      if (r.kind === 'email') out.emails.add([r.user_id, r.account_id, Number(r.occurred_at), id, r.direction ?? ''].join(SEP));
    }
  }
}

/**
 * Interactions the write creates (their rows inserted in this transaction before it, none of their holders or
 * accounts yet): nothing to read before, and what they add afterwards is taken from `after()`, the interactions
 * exactly as the write stored them, instead of read back.
 */
export interface FreshInteractions {
  ids: ReadonlySet<string>;
  after(): readonly Interaction[];
}

/**
 * Runs a write that changes these interactions' holders, timeline rows or participants' contacts, and adds what
 * it changed to the rollups, in the caller's transaction. Never nest one in another over the same interactions.
 */
export async function withRollups<T>(scope: TenantScope, interactionIds: Iterable<string>, write: () => Promise<T>, fresh?: FreshInteractions): Promise<T> {
  const all = [...new Set(interactionIds)].sort();
  if (all.length === 0) return write();
  const ids = fresh ? all.filter((id) => !fresh.ids.has(id)) : all;
  if (scope.dialect === 'postgres') {
    // NO KEY UPDATE, as the merge's own lock: foreign key checks of the same rows do not wait on it.
    for (const part of chunks(ids, 500)) {
      await scope.db.selectFrom('interactions').select('id').where('tenant_id', '=', scope.tenantId).where('id', 'in', part).orderBy('id').forNoKeyUpdate().execute();
    }
  }
  const before = await contributions(scope, ids);
  const result = await write();
  const after = emptyContributions();
  if (fresh) {
    const made = fresh.after().filter((i) => fresh.ids.has(i.id));
    const rows = freshRows(made);
    addContributions(after, rows.touches, rows.people);
  }
  await contributions(scope, ids, after);
  await applyDifference(scope, before, after);
  return result;
}

function difference(before: Map<string, Counted>, after: Map<string, Counted>): [string[], Counted][] {
  const out: [string[], Counted][] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(k) ?? { n: 0, minutes: 0 };
    const a = after.get(k) ?? { n: 0, minutes: 0 };
    if (a.n !== b.n || a.minutes !== b.minutes) out.push([k.split(SEP), { n: a.n - b.n, minutes: a.minutes - b.minutes }]);
  }
  return out;
}

async function applyDifference(scope: TenantScope, before: Contributions, after: Contributions): Promise<void> {
  const t = scope.tenantId;
  const { db } = scope;
  const activity = difference(before.activity, after.activity);
  const accounts = difference(before.accounts, after.accounts);
  const contacts = difference(before.contacts, after.contacts);
  const sharedAdded = [...after.shared].filter((k) => !before.shared.has(k)).sort();
  const sharedGone = [...before.shared].filter((k) => !after.shared.has(k)).sort();
  const emails = [...after.emails].filter((k) => !before.emails.has(k)).concat([...before.emails].filter((k) => !after.emails.has(k)));
  if (!activity.length && !accounts.length && !contacts.length && !sharedAdded.length && !sharedGone.length && !emails.length) return;

  // In key order, so two writers adding to the same rows wait on each other in one direction only.
  for (const part of chunks(activity, 1000)) {
    await sql`insert into rollup_activity (tenant_id, user_id, day, kind, direction, n, minutes) values
      ${sql.join(part.map(([[u, day, kind, dir], c]) => sql`(${t}, ${u}, ${Number(day)}, ${kind}, ${dir}, ${c.n}, ${c.minutes})`))}
      on conflict (tenant_id, user_id, day, kind, direction) do update set n = rollup_activity.n + excluded.n, minutes = rollup_activity.minutes + excluded.minutes`.execute(db);
  }
  for (const part of chunks(accounts, 1000)) {
    await sql`insert into rollup_account_days (tenant_id, user_id, day, account_id, kind, n, minutes) values
      ${sql.join(part.map(([[u, day, account, kind], c]) => sql`(${t}, ${u}, ${Number(day)}, ${account}, ${kind}, ${c.n}, ${c.minutes})`))}
      on conflict (tenant_id, user_id, day, account_id, kind) do update set n = rollup_account_days.n + excluded.n, minutes = rollup_account_days.minutes + excluded.minutes`.execute(db);
  }
  for (const part of chunks(contacts, 1000)) {
    await sql`insert into rollup_contact_days (tenant_id, user_id, day, contact_id, n) values
      ${sql.join(part.map(([[u, day, contact], c]) => sql`(${t}, ${u}, ${Number(day)}, ${contact}, ${c.n})`))}
      on conflict (tenant_id, user_id, day, contact_id) do update set n = rollup_contact_days.n + excluded.n`.execute(db);
  }
  // The days each colleague touched each account (not a note) or contact, which count "touched" (migration 030).
  const accountDays = accounts.filter(([[, , , kind]]) => kind !== 'note').map(([[u, day, account]]) => [u!, Number(day), account!] as [string, number, string]);
  await keepTouchDays(scope, [...new Map(accountDays.map((k) => [k.join(SEP), k])).values()], contacts.map(([[u, day, contact]]) => [u!, Number(day), contact!]),
    [...accounts, ...contacts].some(([, c]) => c.n < 0));
  // Gone before added: a row whose kind or minutes changed keeps its key, and must end up there, new.
  for (const [u, at, id] of sharedGone.map((k) => k.split(SEP))) {
    await sql`delete from rollup_shared_interactions where tenant_id = ${t} and user_id = ${u} and occurred_at = ${Number(at)} and interaction_id = ${id}`.execute(db);
  }
  for (const part of chunks(sharedAdded.map((k) => k.split(SEP)), 1000)) {
    await sql`insert into rollup_shared_interactions (tenant_id, user_id, occurred_at, interaction_id, kind, minutes) values
      ${sql.join(part.map(([u, at, id, kind, minutes]) => sql`(${t}, ${u}, ${Number(at)}, ${id}, ${kind}, ${Number(minutes)})`))}
      on conflict do nothing`.execute(db);
  }
  if (emails.length) await recomputeReplies(scope, emails.map((k) => k.split(SEP)) as [string, string, string, string, string][]);
  await bumpDataVersion(scope);
}

/**
 * The replies a write can change, recomputed from account_touches as it is now: those of the customer emails
 * it added or removed, and those whose next colleague email is one it added or removed, i.e. the customer
 * emails in the 14 days before that email and after the colleague's previous email to the account (an earlier
 * one would be their reply, unchanged). Only those rows are deleted and derived again, so the cost follows the
 * batch, not the time its emails span.
 */
async function recomputeReplies(scope: TenantScope, emails: [user: string, account: string, at: string, id: string, direction: string][]): Promise<void> {
  const t = scope.tenantId;
  const ranges: { user: string; account: string; lo: number; hi: number }[] = [];
  for (const [user, account, at, , direction] of emails) {
    if (direction === 'inbound') ranges.push({ user, account, lo: Number(at), hi: Number(at) });
    else if (direction === 'outbound') ranges.push({ user, account, lo: Number(at) - REPLY_WINDOW_MS, hi: Number(at) - 1 });
  }
  if (!ranges.length) return;
  ranges.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : a.account < b.account ? -1 : a.account > b.account ? 1 : a.lo - b.lo));
  if (scope.dialect === 'postgres') {
    // One lock per (colleague, account), in order: a concurrent writer's email to the same account is committed
    // (and so seen) before this recomputation reads, or waits and recomputes after it.
    const keys = [...new Set(ranges.map((r) => `${t} ${r.user} ${r.account}`))];
    await sql`select pg_advisory_xact_lock(k) from (select hashtextextended(s, 16) as k from unnest(cast(${keys} as text[])) as x(s) order by 1) y`.execute(scope.db);
  }
  const pg = scope.dialect === 'postgres';
  for (const part of chunks(ranges, 1000)) {
    // PostgreSQL takes the ranges as four arrays (one plan, whatever their number); SQLite as VALUES.
    const given = pg
      ? sql`select * from unnest(cast(${part.map((r) => r.user)} as text[]), cast(${part.map((r) => r.account)} as text[]), cast(${part.map((r) => r.lo)} as bigint[]), cast(${part.map((r) => r.hi)} as bigint[]))`
      : sql`values ${sql.join(part.map((r) => sql`(${r.user}, ${r.account}, cast(${r.lo} as bigint), cast(${r.hi} as bigint))`))}`;
    // A range starts no earlier than the colleague's latest email to the account before its end: customer emails
    // before that one have it (or an earlier one) as their reply. An inbound email's range is its own instant.
    const aff = sql`aff0 (user_id, account_id, lo, hi) as (${given}),
      aff (user_id, account_id, lo, hi) as (select user_id, account_id, coalesce((select max(o.occurred_at) from account_touches o
        where o.tenant_id = ${t} and o.user_id = aff0.user_id and o.account_id = aff0.account_id and o.kind = 'email' and o.direction = 'outbound'
          and o.occurred_at >= aff0.lo and o.occurred_at <= aff0.hi), lo), hi from aff0)`;
    // The ranges outside, each one an index range inside, whatever the statistics say (a table analysed while
    // empty, or not yet, would otherwise be read whole per statement): LATERAL kept from being flattened into a
    // join (OFFSET 0) on PostgreSQL, CROSS JOIN's order on SQLite.
    const within = (table: string, cond: RawBuilder<unknown>) => pg
      ? sql`aff cross join lateral (select * from ${sql.table(table)} x where ${cond} offset 0) x`
      : sql`aff cross join ${sql.table(table)} x where ${cond}`;
    const stale = within('rollup_replies', sql`x.tenant_id = ${t} and x.user_id = aff.user_id and x.inbound_at >= aff.lo and x.inbound_at <= aff.hi and x.account_id = aff.account_id`);
    await sql`with ${aff} delete from rollup_replies where tenant_id = ${t}
      and (user_id, inbound_at, account_id, interaction_id) in (select x.user_id, x.inbound_at, x.account_id, x.interaction_id from ${stale})`.execute(scope.db);
    const inbound = within('account_touches', sql`x.tenant_id = ${t} and x.user_id = aff.user_id and x.account_id = aff.account_id and x.kind = 'email'
      and x.occurred_at >= aff.lo and x.occurred_at <= aff.hi and x.direction = 'inbound'`);
    await sql`with ${aff} insert into rollup_replies (tenant_id, user_id, inbound_at, account_id, interaction_id, reply_ms)
      select tenant_id, user_id, occurred_at, account_id, interaction_id, next_out - occurred_at from (
        select d.*, ${nextOutbound(sql`d`)} as next_out from (
          select distinct x.tenant_id, x.user_id, x.occurred_at, x.account_id, x.interaction_id from ${inbound}) d
      ) y where next_out is not null
      on conflict do nothing`.execute(scope.db);
  }
}

/** The colleague's next email to the account after this customer email, within the reply window. */
function nextOutbound(i: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(select min(o.occurred_at) from account_touches o where o.tenant_id = ${i}.tenant_id and o.user_id = ${i}.user_id and o.account_id = ${i}.account_id
    and o.kind = 'email' and o.direction = 'outbound' and o.occurred_at > ${i}.occurred_at and o.occurred_at <= ${i}.occurred_at + ${REPLY_WINDOW_MS})`;
}

/**
 * The tenant's rollups derived afresh from account_touches and participants, set-based (as migration 016's
 * backfill): after a bulk load that did not keep them per batch (seeding). Its own rollup rows are replaced.
 */
export async function rebuildRollups(scope: TenantScope): Promise<void> {
  const t = scope.tenantId;
  const { db } = scope;
  for (const table of ['rollup_activity', 'rollup_account_days', 'rollup_contact_days', 'rollup_shared_interactions', 'rollup_replies']) {
    await sql`delete from ${sql.table(table)} where tenant_id = ${t}`.execute(db);
  }
  const day = (col: RawBuilder<unknown>) => (scope.dialect === 'sqlite' ? sql`${col} / ${sql.lit(ROLLUP_DAY_MS)}` : sql`cast(${col} / ${sql.lit(ROLLUP_DAY_MS)} as integer)`);
  await sql`insert into rollup_activity (tenant_id, user_id, day, kind, direction, n, minutes)
    select tenant_id, user_id, ${day(sql`occurred_at`)}, kind, coalesce(direction, ''), count(*), sum(minutes)
    from (select tenant_id, user_id, interaction_id, max(occurred_at) as occurred_at, max(kind) as kind, max(direction) as direction, max(minutes) as minutes
          from account_touches where tenant_id = ${t} group by tenant_id, user_id, interaction_id) x
    group by tenant_id, user_id, ${day(sql`occurred_at`)}, kind, coalesce(direction, '')`.execute(db);
  await sql`insert into rollup_account_days (tenant_id, user_id, day, account_id, kind, n, minutes)
    select tenant_id, user_id, ${day(sql`occurred_at`)}, account_id, kind, count(*), sum(minutes) from account_touches where tenant_id = ${t}
    group by tenant_id, user_id, ${day(sql`occurred_at`)}, account_id, kind`.execute(db);
  // Touches outside, participants by their key inside (CROSS JOIN fixes that order on SQLite; PostgreSQL plans
  // it freely): account_touches has no index by interaction, so the other order is a scan per participant.
  await sql`insert into rollup_contact_days (tenant_id, user_id, day, contact_id, n)
    select t.tenant_id, t.user_id, ${day(sql`t.occurred_at`)}, p.contact_id, count(distinct t.interaction_id)
    from account_touches t cross join interaction_participants p
    where p.tenant_id = t.tenant_id and p.interaction_id = t.interaction_id and t.tenant_id = ${t} and t.kind <> 'note' and p.contact_id is not null
    group by t.tenant_id, t.user_id, ${day(sql`t.occurred_at`)}, p.contact_id`.execute(db);
  await sql`insert into rollup_shared_interactions (tenant_id, user_id, occurred_at, interaction_id, kind, minutes)
    select t.tenant_id, t.user_id, t.occurred_at, t.interaction_id, max(t.kind), max(t.minutes) from account_touches t
    where t.tenant_id = ${t} and exists (select 1 from interaction_holders h where h.tenant_id = t.tenant_id and h.interaction_id = t.interaction_id and h.user_id <> t.user_id)
    group by t.tenant_id, t.user_id, t.occurred_at, t.interaction_id`.execute(db);
  await sql`insert into rollup_replies (tenant_id, user_id, inbound_at, account_id, interaction_id, reply_ms)
    select tenant_id, user_id, occurred_at, account_id, interaction_id, next_out - occurred_at from (
      select i.tenant_id, i.user_id, i.occurred_at, i.account_id, i.interaction_id, ${nextOutbound(sql`i`)} as next_out
      from account_touches i where i.tenant_id = ${t} and i.kind = 'email' and i.direction = 'inbound'
    ) x where next_out is not null`.execute(db);
  await rebuildTouchDays(scope);
  await bumpDataVersion(scope);
}

/**
 * Marks the tenant's data changed: shared dashboards computed before are not answered again, by any instance.
 * Inside a transaction opened by inTransaction once, just before it commits (however many writes it made, and
 * never for a write that rolls back); otherwise now. Every audited write (store/audit.ts), every interaction
 * write (withRollups) and every change of timeline rows (store/timeline-rows.ts touchTimeline) calls it.
 */
export async function bumpDataVersion(scope: TenantScope): Promise<void> {
  if (beforeCommit(scope, 'data-version', () => incrementDataVersion(scope), PRE_COMMIT_STAGE.dataVersion)) return;
  await incrementDataVersion(scope);
}

async function incrementDataVersion(scope: TenantScope): Promise<void> {
  const slot = Math.floor(Math.random() * VERSION_SLOTS);
  await sql`insert into data_versions (tenant_id, slot, n) values (${scope.tenantId}, ${slot}, 1)
    on conflict (tenant_id, slot) do update set n = data_versions.n + 1`.execute(scope.db);
}

/**
 * Grows with every committed write the dashboard or a timeline page reads. Asked by every timeline request (the
 * page cache's validator), so compiled once (store/compiled-query.ts).
 */
export async function dataVersion(scope: TenantScope): Promise<number> {
  const text = `select coalesce(sum(n), 0) as v from data_versions where tenant_id = ${scope.dialect === 'postgres' ? '$1' : '?'}`;
  // PostgreSQL outside a transaction: a named statement, parsed and planned once per pooled connection. Every
  // timeline request reads the version (shared by the requests waiting together, store/data-version-reads.ts).
  const pool = scope.dialect === 'postgres' ? pgPoolOf.get(scope.db) : undefined;
  const rows = pool
    ? (await pool.query<{ v: unknown }>({ name: 'suhde-data-version', text, values: [scope.tenantId] })).rows
    : (await scope.db.executeQuery<{ v: unknown }>(CompiledQuery.raw(text, [scope.tenantId]))).rows;
  return Number(rows[0]?.v ?? 0);
}
