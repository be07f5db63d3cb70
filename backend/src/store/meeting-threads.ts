// Which meeting a Teams chat belongs to: the chat thread of an online meeting, recorded by the calendar sync,
// to the meeting's interaction. Removed interactions are never answered: a meeting nobody holds any more (its
// event deleted from every synced calendar) is not found by its chat either, and is again once it comes back.
import { chunks, type TenantScope } from './scope.ts';

/** Records thread -> interaction pairs; a pair already known is left as it is. */
export async function recordMeetingThreads(scope: TenantScope, pairs: { threadId: string; interactionId: string }[], now: number): Promise<void> {
  const unique = [...new Map(pairs.map((p) => [`${p.threadId}\n${p.interactionId}`, p])).values()];
  for (const part of chunks(unique, 1000)) {
    await scope.db
      .insertInto('meeting_threads')
      .values(part.map((p) => ({ tenant_id: scope.tenantId, thread_id: p.threadId, interaction_id: p.interactionId, created_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** The live meeting interactions of a chat thread with their times: one, or a recurring meeting's occurrences. */
export async function meetingsOfThread(scope: TenantScope, threadId: string): Promise<{ id: string; occurredAt: number; durationMinutes: number | null }[]> {
  const rows = await scope.db
    .selectFrom('meeting_threads as t')
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 't.tenant_id').onRef('i.id', '=', 't.interaction_id'))
    .select(['i.id', 'i.occurred_at', 'i.duration_minutes'])
    .where('t.tenant_id', '=', scope.tenantId)
    .where('t.thread_id', '=', threadId)
    .where('i.deleted_at', 'is', null)
    .where('i.kind', '=', 'meeting')
    .orderBy('i.occurred_at')
    .execute();
  return rows.map((r) => ({ id: r.id, occurredAt: Number(r.occurred_at), durationMinutes: r.duration_minutes }));
}


/** The Teams meeting with a known chat nearest to `now` (the demo prints its side panel's address). */
export async function nearestMeetingThread(scope: TenantScope, now: number): Promise<{ threadId: string; occurredAt: number } | null> {
  const side = (before: boolean) =>
    scope.db
      .selectFrom('meeting_threads as t')
      .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 't.tenant_id').onRef('i.id', '=', 't.interaction_id'))
      .select(['t.thread_id', 'i.occurred_at'])
      .where('t.tenant_id', '=', scope.tenantId)
      .where('i.deleted_at', 'is', null)
      .where('i.occurred_at', before ? '<=' : '>', now)
      .orderBy('i.occurred_at', before ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
  const found = [await side(true), await side(false)].flatMap((r) => (r ? [{ threadId: r.thread_id, occurredAt: Number(r.occurred_at) }] : []));
  return found.sort((a, b) => Math.abs(a.occurredAt - now) - Math.abs(b.occurredAt - now))[0] ?? null;
}
