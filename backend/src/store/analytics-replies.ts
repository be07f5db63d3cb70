// The reply medians of the dashboard's per-rep table, from rollup_replies (kept by store/rollups.ts).
import { sql } from 'kysely';
import { ids, num, type DashboardScope } from './analytics-scope.ts';

/**
 * Per member, the median reply latency in the period (the middle one, or the mean of the middle two) and how many.
 * Replies are stored at the customer email's exact time: the period is one range per colleague. SQLite sorts the
 * few hundred latencies per colleague faster in the process than in two window passes; PostgreSQL takes them
 * with percentile_cont, faster than the driver hands 25k rows over.
 */
export async function replyMedians(d: DashboardScope): Promise<Map<string, { medianMs: number; count: number }>> {
  const out = new Map<string, { medianMs: number; count: number }>();
  if (d.scope.dialect === 'postgres') {
    // percentile_cont(0.5) is the middle one, or the mean of the middle two. Per colleague, one index range and its
    // few hundred latencies sorted as numbers: grouping the team's 25k rows sorted them by the text user id first.
    const r = await sql<Record<string, unknown>>`select m.user_id, s.median_ms, s.replied from unnest(cast(${d.memberIds} as text[])) as m(user_id)
      cross join lateral (select percentile_cont(0.5) within group (order by reply_ms) as median_ms, count(*) as replied from rollup_replies
        where tenant_id = ${d.scope.tenantId} and user_id = m.user_id and inbound_at >= ${d.start} and inbound_at < ${d.end}) s
      where s.replied > 0`.execute(d.scope.db);
    for (const x of r.rows) out.set(String(x.user_id), { medianMs: num(x.median_ms), count: num(x.replied) });
    return out;
  }
  // One row per colleague with the latencies as one text (better-sqlite3 builds an object per row: 49 instead
  // of 25k), sorted here as numbers.
  const r = await sql<{ user_id: string; ms: string }>`select user_id, group_concat(reply_ms) as ms from rollup_replies
    where tenant_id = ${d.scope.tenantId} and user_id in (${ids(d.memberIds)}) and inbound_at >= ${d.start} and inbound_at < ${d.end} group by user_id`.execute(d.scope.db);
  for (const x of r.rows) {
    const xs = Float64Array.from(x.ms.split(','), Number).sort();
    out.set(x.user_id, { medianMs: (xs[Math.floor((xs.length - 1) / 2)]! + xs[Math.floor(xs.length / 2)]!) / 2, count: xs.length });
  }
  return out;
}
